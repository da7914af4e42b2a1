/*
 * Poisson yield: defects land independently, Y = exp(-A D0).
 * The most pessimistic of the three for large dies.
 */
#include <math.h>

#include "est/yield.h"

static double poisson(double area_cm2, double d0, double alpha)
{
	(void)alpha;
	return exp(-area_cm2 * d0);
}

const lg_est_yield_model lg_est_yield_poisson = {
	.name = "poisson",
	.formula = "exp(-A D0)",
	.yield = poisson,
};
