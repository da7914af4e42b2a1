/*
 * lg_est_area: the area of a whole die in mm^2, per component, from its
 * config at a process node (docs/estimates.md, "Area").
 *
 *   cu_logic   (cus + spare_cus) x CU gate equivalents x NAND2 / logic_util;
 *              the GE per CU is a per-SM figure calibrated on NVIDIA's GA100
 *              and grows with cu.mma_bf16_flops_per_cycle
 *   rf, smem_l1, l2   bits x bitcell x array overhead x structure factor
 *   hbm_phy    HBM stacks x PHY area per stack (bump-field derived)
 *   links      link bandwidth / PHY bandwidth density (electrical SerDes or
 *              the short-reach interface to a co-packaged optical engine)
 *   rtl.<blk>  synthesized gate count of each RTL block in
 *              estimate.rtl_blocks (rtl/area/gates.tsv) x NAND2 / logic_util
 *   total      sum x estimate.whitespace
 *
 * Components a die does not have (no CUs, no L2, no links) are left out;
 * an RTL block without a gate count is left out and named in `missing`.
 */
#ifndef LG_EST_AREA_H
#define LG_EST_AREA_H

#include <stdbool.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "est/node.h"

#define LG_EST_MAX_COMP 16
#define LG_EST_MAX_MISSING 8

typedef struct lg_est_comp {
	char name[32];        /* "cu_logic", "rf", ..., "rtl.tracker" */
	double mm2;           /* placed area before the whitespace factor */
	char basis[160];      /* how it was computed, one line */
} lg_est_comp;

typedef struct lg_est_area {
	const lg_est_node *node;
	int ncomp;
	lg_est_comp comp[LG_EST_MAX_COMP];
	int nmissing;
	char missing[LG_EST_MAX_MISSING][96]; /* "rtl.arb: no gate count ..." */
	double blocks_mm2;    /* sum of the components */
	double whitespace;    /* estimate.whitespace */
	double total_mm2;     /* blocks_mm2 x whitespace */
	/* what the die delivers, for the cost metrics (enabled units only) */
	int cus;              /* die.cus */
	int cus_physical;     /* die.cus + estimate.spare_cus */
	int hbm_stacks;       /* in use */
	double tflops_bf16;   /* dense bf16 TFLOP/s: cus x flops/cycle x clock */
	double dram_TBps;     /* peak DRAM bandwidth from the organisation */
	double link_GBps;     /* estimate.link_GBps */
} lg_est_area;

/*
 * Area of the die described by c. gates_path names the gate-count table;
 * NULL finds rtl/area/gates.tsv under $LG_ROOT, the current directory or
 * the repository lgsim was built in. A missing table only leaves the RTL
 * blocks out (named in a->missing); a malformed one is an error.
 */
int lg_est_area_from_cfg(const lg_cfg *c, const char *gates_path,
			 lg_est_area *a, lg_err *e);

/* Reduce a to the blocks a DRAM-only die builds (HBM PHYs, the tracker). */
void lg_est_area_memory_side(lg_est_area *a, bool tracker);

/* Mean on-die distance a crossbar byte travels, mm: half the die's side. */
double lg_est_xbar_mm(const lg_est_area *a);

/*
 * Write the object "area_mm2": {"total": ..., "node": ..., "components":
 * {name: mm2, ...}, "not_modelled": [...]} into an open JSON object
 * (the stats file and `lgsim estimate -o` use it).
 */
void lg_est_area_json(lg_json *j, const lg_est_area *a);

/* Per-CU logic gate equivalents for a CU with the given MMA throughput. */
double lg_est_cu_logic_ge(double mma_bf16_flops_per_cycle);

#endif
