/*
 * Negative-binomial yield (Stapper): defects cluster, alpha is the
 * clustering parameter; Y = (1 + A D0 / alpha)^-alpha. Small alpha means
 * strong clustering (higher yield for big dies); alpha -> inf is Poisson.
 */
#include <math.h>

#include "est/yield.h"

static double negbin(double area_cm2, double d0, double alpha)
{
	return pow(1 + area_cm2 * d0 / alpha, -alpha);
}

const lg_est_yield_model lg_est_yield_negbin = {
	.name = "negbin",
	.formula = "(1 + A D0 / alpha)^-alpha",
	.yield = negbin,
};
