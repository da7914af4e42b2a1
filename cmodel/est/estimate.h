/*
 * lg_est_result: one die's area, wafer, yield and cost figures together,
 * and the cluster view that compares a big die with N small ones of the
 * same total compute (docs/estimates.md). `lgsim estimate` prints these.
 */
#ifndef LG_EST_ESTIMATE_H
#define LG_EST_ESTIMATE_H

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "est/area.h"
#include "est/yield.h"

typedef struct lg_est_result {
	lg_est_area area;
	const lg_est_yield_model *model;  /* estimate.yield_model */
	double d0;                /* defects/cm^2 used */
	double alpha;
	double wafer_cost;        /* USD used */
	double wafer_mm;
	long dies_per_wafer;      /* gross, with edge loss */
	double yield;             /* of the chosen model */
	double yield_poisson, yield_murphy, yield_negbin;
	double good_dies_per_wafer;
	double cost_per_good_die; /* USD */
	double cost_per_tflops;   /* USD per dense bf16 TFLOP/s; inf without CUs */
	double cost_per_TBps;     /* USD per TB/s of DRAM bandwidth */
} lg_est_result;

/* Everything for the die of c (gates_path as in lg_est_area_from_cfg). */
int lg_est_run(const lg_cfg *c, const char *gates_path, lg_est_result *r, lg_err *e);

/* The cluster view: one big die against n small dies of the same compute. */
typedef struct lg_est_cluster {
	int n_small;              /* round(big TFLOP/s / small TFLOP/s), >= 1 */
	double silicon_big;       /* cost per good die of the big die, USD */
	double silicon_small;     /* n_small x cost per good small die, USD */
	double blast_big;         /* capacity lost when one die fails: 1 */
	double blast_small;       /* 1 / n_small */
	double wafers_big;        /* wafers per good big die: 1 / good dies per wafer */
	double wafers_small;      /* wafers per n_small good small dies */
} lg_est_cluster;

/* Fill cl from the results of a big and a small die; -1 if small has no compute. */
int lg_est_cluster_view(const lg_est_result *big, const lg_est_result *small,
			lg_est_cluster *cl);

/* Write the result's objects (area_mm2, wafer, yield, cost_usd, throughput). */
void lg_est_result_json(lg_json *j, const lg_est_result *r);

#endif
