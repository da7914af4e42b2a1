/*
 * The synthesized gate counts of the RTL blocks: rtl/area/gates.tsv, written
 * by rtl/area/area.sh (`make area`). One row per block, flow and parameter
 * set, tab-separated:
 *
 *   block  flow  params  cells  flops  nand2_eq  key
 *
 * flow is "fast" (the light yosys script) or "full"; params is
 * "NAME=value,NAME=value" in the order of the block's row in
 * rtl/area/blocks.tsv; key is the content hash the cache is keyed by.
 * '#' lines are comments.
 */
#ifndef LG_EST_GATES_H
#define LG_EST_GATES_H

#include <limits.h>
#include <stddef.h>

#include "core/lg_err.h"

#define LG_EST_GATES_MAX 256

typedef struct lg_est_gate_row {
	char block[32];
	char flow[8];
	char params[96];
	double cells, flops, ge;
} lg_est_gate_row;

typedef struct lg_est_gates {
	int n;
	lg_est_gate_row row[LG_EST_GATES_MAX];
	char path[PATH_MAX + 32];
} lg_est_gates;

/*
 * Load path, or (path NULL) the first of $LG_ROOT/rtl/area/gates.tsv,
 * ./rtl/area/gates.tsv and <repo of the lgsim binary>/rtl/area/gates.tsv.
 * Returns 0, 1 if no table was found (g->n = 0), -1 on a malformed table.
 */
int lg_est_gates_load(lg_est_gates *g, const char *path, lg_err *e);

/*
 * Gate equivalents of block with params "A=1,B=2". An exact row wins (the
 * full flow before the fast one); otherwise the row with the same values
 * of every parameter but the first and the nearest first value, scaled
 * linearly in it. Returns the row used (NULL: none) and *scaled.
 */
const lg_est_gate_row *lg_est_gates_lookup(const lg_est_gates *g, const char *block,
					   const char *params, double *ge);

#endif
