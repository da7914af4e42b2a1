/*
 * The yield-model table and the wafer arithmetic (formulas in yield.h).
 */
#include <math.h>
#include <string.h>

#include "est/yield.h"

#define LG_PI 3.14159265358979323846

static const lg_est_yield_model *const models[] = {
	&lg_est_yield_poisson,
	&lg_est_yield_murphy,
	&lg_est_yield_negbin,
};

const lg_est_yield_model *lg_est_yield_find(const char *name)
{
	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		if (!strcmp(models[i]->name, name))
			return models[i];
	return NULL;
}

long lg_est_dies_per_wafer(double wafer_mm, double area_mm2)
{
	double n;

	if (area_mm2 <= 0)
		return 0;
	n = LG_PI * (wafer_mm / 2) * (wafer_mm / 2) / area_mm2 -
	    LG_PI * wafer_mm / sqrt(2 * area_mm2);
	return n > 0 ? (long)floor(n) : 0;
}

double lg_est_cost_per_good_die(double wafer_cost, long dies, double yield)
{
	if (dies <= 0 || yield <= 0)
		return INFINITY;
	return wafer_cost / ((double)dies * yield);
}
