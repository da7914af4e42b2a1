/*
 * Die yield, dies per wafer and cost per good die (docs/estimates.md,
 * "Yield and cost").
 *
 * Yield models are policies: one file each (yield_poisson.c, yield_murphy.c,
 * yield_negbin.c), chosen by name from the const table in yield.c. All take
 * the die area in cm^2, the defect density D0 in defects/cm^2 and the
 * negative-binomial clustering parameter alpha (ignored by the others).
 */
#ifndef LG_EST_YIELD_H
#define LG_EST_YIELD_H

#include <stddef.h>

typedef struct lg_est_yield_model {
	const char *name;     /* "poisson", "murphy", "negbin" */
	const char *formula;  /* for the printed table and docs */
	double (*yield)(double area_cm2, double d0, double alpha);
} lg_est_yield_model;

extern const lg_est_yield_model lg_est_yield_poisson;
extern const lg_est_yield_model lg_est_yield_murphy;
extern const lg_est_yield_model lg_est_yield_negbin;

/* Find a model by name; NULL if unknown. */
const lg_est_yield_model *lg_est_yield_find(const char *name);

/*
 * Gross dies per wafer with edge loss, for a die of area_mm2 on a wafer of
 * diameter wafer_mm:  floor(pi (d/2)^2 / A - pi d / sqrt(2 A)), at least 0.
 */
long lg_est_dies_per_wafer(double wafer_mm, double area_mm2);

/* Cost of one good die: wafer_cost / (dies per wafer x yield); inf if none. */
double lg_est_cost_per_good_die(double wafer_cost, long dies, double yield);

#endif
