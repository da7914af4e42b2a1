/*
 * Murphy's yield model (1964): D0 varies over the wafer with a triangular
 * distribution, Y = ((1 - exp(-A D0)) / (A D0))^2.
 */
#include <math.h>

#include "est/yield.h"

static double murphy(double area_cm2, double d0, double alpha)
{
	double ad = area_cm2 * d0;

	(void)alpha;
	if (ad < 1e-12)
		return 1.0;
	return pow((1 - exp(-ad)) / ad, 2);
}

const lg_est_yield_model lg_est_yield_murphy = {
	.name = "murphy",
	.formula = "((1 - exp(-A D0)) / (A D0))^2",
	.yield = murphy,
};
