/*
 * Die area per component (method in area.h and docs/estimates.md, "Area").
 * Every constant below says where it comes from or that it is an
 * assumption; the calibration of the per-CU logic is worked through in
 * docs/estimates.md, "CU logic".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dram/dram_spec.h"
#include "est/area.h"
#include "est/gates.h"

/*
 * SRAM structure factors: product macro area / HD-macro area. A product
 * array adds tags, ECC, redundancy, banking and the datapath around the
 * macro; a register file is banked with wide read ports and operand
 * collectors. Assumptions (no public per-structure breakdown was found).
 */
#define RF_FACTOR 2.5
#define CACHE_FACTOR 2.0

/*
 * HBM PHY area per stack: ~1,700 signal bumps per HBM interface, as many
 * power/ground bumps again (assumption), 55 um micro-bump pitch (assumption,
 * CoWoS-class): 1700 x 2 x 0.055^2 = 10.3 mm^2 of bump field, with the PHY
 * circuits under it. Node-independent: the bump field, not the logic, sets it.
 */
#define HBM_PHY_MM2 (1700.0 * 2 * 0.055 * 0.055)

/*
 * Link PHY bandwidth density, Gb/s per mm^2 of die: a 112G-class SerDes
 * 169, the short-reach NVLink-C2C interface 552 (NVIDIA's comparison in its
 * ISSCC 2023 NVLink-C2C paper, docs/estimates.md [S11]). A co-packaged
 * optical engine is a separate chiplet; the compute die only carries the
 * short-reach interface to it.
 */
#define SERDES_GBIT_MM2 169.0
#define D2D_GBIT_MM2 552.0

/*
 * CU logic in NAND2 gate equivalents, calibrated on NVIDIA GA100 (826 mm^2,
 * TSMC N7, 128 SMs of 2,048 dense bf16 FLOP/cycle; docs/estimates.md):
 * 72.9 M GE per SM, of which 30 % (assumption) is taken to scale with the
 * tensor throughput. The per-SM figure lumps in the uncore this model does
 * not list (crossbar, GPC front ends, copy and media engines).
 */
#define CU_GE_GA100 72.9e6
#define CU_MMA_SHARE 0.30
#define CU_MMA_GA100 2048.0

/*
 * The RTL blocks a die can carry: name (a block of rtl/area/blocks.tsv and
 * rtl/area/gates.tsv) and which config key sets each RTL parameter, in the
 * order of the gates.tsv params field. Adding a block is one row.
 */
static const struct rtl_block {
	const char *name;
	const char *param[4][2];   /* { RTL parameter, "section.key" } */
} rtl_blocks[] = {
	{ "tracker", { { "ENTRIES", "tracker.entries" }, { "PORTS", "tracker.ports" } } },
};

#define NRTL (sizeof(rtl_blocks) / sizeof(rtl_blocks[0]))

double lg_est_cu_logic_ge(double mma_bf16_flops_per_cycle)
{
	return CU_GE_GA100 * ((1 - CU_MMA_SHARE) +
			      CU_MMA_SHARE * mma_bf16_flops_per_cycle / CU_MMA_GA100);
}

/* Append one component (skipped when it has no area). */
static void add(lg_est_area *a, const char *name, double mm2, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(lg_est_area *a, const char *name, double mm2, const char *fmt, ...)
{
	lg_est_comp *c;
	va_list ap;

	if (mm2 <= 0 || a->ncomp == LG_EST_MAX_COMP)
		return;
	c = &a->comp[a->ncomp++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->mm2 = mm2;
	va_start(ap, fmt);
	vsnprintf(c->basis, sizeof(c->basis), fmt, ap);
	va_end(ap);
	a->blocks_mm2 += mm2;
}

static void missing(lg_est_area *a, const char *fmt, const char *s1, const char *s2)
{
	if (a->nmissing < LG_EST_MAX_MISSING)
		snprintf(a->missing[a->nmissing++], sizeof(a->missing[0]), fmt, s1, s2);
}

/* Value of an INT key "section.key" of c; -1 if there is no such key. */
static long long cfg_int(const lg_cfg *c, const char *dotted)
{
	char sec[64];
	const char *dot = strchr(dotted, '.');
	const lg_key *k;

	if (!dot || (size_t)(dot - dotted) >= sizeof(sec))
		return -1;
	memcpy(sec, dotted, (size_t)(dot - dotted));
	sec[dot - dotted] = 0;
	k = lg_cfg_find(sec, dot + 1);
	if (!k || k->type != LG_KT_INT)
		return -1;
	return (long long)*(const int64_t *)((const char *)c + k->offset);
}

/* SRAM area in mm^2 of bits at the node with a structure factor. */
static double sram_mm2(const lg_est_node *n, double bits, double factor)
{
	return bits * n->sram_bitcell_um2 * n->sram_array_overhead * factor * 1e-6;
}

/* The RTL blocks named in estimate.rtl_blocks. */
static int rtl_area(const lg_cfg *c, const lg_est_gates *g, lg_est_area *a, lg_err *e)
{
	char list[sizeof(c->estimate.rtl_blocks)], *save = NULL;

	snprintf(list, sizeof(list), "%s", c->estimate.rtl_blocks);
	for (char *b = strtok_r(list, ", ", &save); b; b = strtok_r(NULL, ", ", &save)) {
		const struct rtl_block *rb = NULL;
		const lg_est_gate_row *row;
		char params[96] = "", name[40];
		size_t len = 0;
		double ge;

		for (size_t i = 0; i < NRTL; i++)
			if (!strcmp(rtl_blocks[i].name, b))
				rb = &rtl_blocks[i];
		if (!rb)
			return lg_cfg_errf(c, LG_K_estimate_rtl_blocks, e,
					   "unknown RTL block '%s' (known: tracker)", b);
		for (int p = 0; p < 4 && rb->param[p][0]; p++)
			len += (size_t)snprintf(params + len, sizeof(params) - len, "%s%s=%lld",
						p ? "," : "", rb->param[p][0],
						cfg_int(c, rb->param[p][1]));
		snprintf(name, sizeof(name), "rtl.%s", b);
		row = g->n ? lg_est_gates_lookup(g, b, params, &ge) : NULL;
		if (!row) {
			missing(a, "%s: no gate count for %s in rtl/area/gates.tsv (make area)",
				name, params);
			continue;
		}
		add(a, name, ge * a->node->nand2_um2 / c->estimate.logic_util * 1e-6,
		    "%.0f GE (%s flow%s%s) x %.4f um^2 / %.2f util", ge, row->flow,
		    strcmp(row->params, params) ? ", scaled from " : "",
		    strcmp(row->params, params) ? row->params : "",
		    a->node->nand2_um2, c->estimate.logic_util);
	}
	return 0;
}

/*
 * The DRAM spec of one memory controller and the number of controllers. A
 * die with CUs and die.mem_stacks > 1 splits system.channels evenly over
 * its stacks, one controller each, exactly as the die builds them
 * (die/die.c), so the per-controller channel count is what must be a power
 * of two (configs/h100.ini: 80 channels = 5 x 16).
 */
static int dram_spec(const lg_cfg *c, lg_dram_spec *s, int *nctl, lg_err *e)
{
	lg_cfg *sc;
	int rc;

	*nctl = c->die.cus > 0 ? (int)c->die.mem_stacks : 1;
	if (*nctl == 1)
		return lg_dram_spec_from_cfg(s, c, e);
	if (c->system.channels % *nctl)
		return lg_cfg_errf(c, LG_K_die_mem_stacks, e,
				   "expected a divisor of system.channels = %d (each stack has the same channels)",
				   (int)c->system.channels);
	sc = malloc(sizeof(*sc));
	if (!sc)
		return lg_errf(e, "lgsim", 0, "out of memory");
	*sc = *c;
	sc->system.channels = c->system.channels / *nctl;
	rc = lg_dram_spec_from_cfg(s, sc, e);
	free(sc);
	return rc;
}

/* Stacks from the data-bus width of nctl controllers: 1,024 bits per stack (JESD235, JESD238). */
static int hbm_stacks(const lg_cfg *c, const lg_dram_spec *s, int nctl)
{
	long bits = (long)lg_dram_units(s) * s->bus_width * nctl;

	if (c->estimate.hbm_stacks)
		return (int)c->estimate.hbm_stacks;
	return (int)((bits + 1023) / 1024);
}

/* CU logic and the per-CU SRAMs. */
static void cu_area(const lg_cfg *c, lg_est_area *a)
{
	const lg_est_node *n = a->node;
	double cus = (double)a->cus_physical;
	double ge = lg_est_cu_logic_ge((double)c->cu.mma_bf16_flops_per_cycle);
	double rf_bits = (double)c->cu.registers * 32;
	double sm_bits = (double)(c->cu.smem_bytes + c->cu.l1_bytes) * 8;

	if (!a->cus_physical)
		return;
	add(a, "cu_logic", cus * ge * n->nand2_um2 / c->estimate.logic_util * 1e-6,
	    "%d CUs x %.1f M GE x %.4f um^2 / %.2f util", a->cus_physical, ge / 1e6,
	    n->nand2_um2, c->estimate.logic_util);
	add(a, "rf", cus * sram_mm2(n, rf_bits, RF_FACTOR),
	    "%d CUs x %.0f Kbit x %.4f um^2 x %.2f x %.1f (RF)", a->cus_physical,
	    rf_bits / 1024, n->sram_bitcell_um2, n->sram_array_overhead, RF_FACTOR);
	add(a, "smem_l1", cus * sram_mm2(n, sm_bits, CACHE_FACTOR),
	    "%d CUs x %.0f Kbit x %.4f um^2 x %.2f x %.1f (cache)", a->cus_physical,
	    sm_bits / 1024, n->sram_bitcell_um2, n->sram_array_overhead, CACHE_FACTOR);
}

/* L2, HBM PHYs and links. */
static void uncore_area(const lg_cfg *c, const lg_dram_spec *s, lg_est_area *a)
{
	const lg_est_node *n = a->node;
	double l2_bits = (double)(c->l2.bytes + c->estimate.spare_l2_bytes) * 8;
	int phys = a->hbm_stacks + (int)c->estimate.spare_hbm_stacks;
	bool opt = !strcmp(c->estimate.link_kind, "optical");
	double dens = opt ? D2D_GBIT_MM2 : SERDES_GBIT_MM2;

	(void)s;
	add(a, "l2", sram_mm2(n, l2_bits, CACHE_FACTOR),
	    "%.1f MiB x 8 x %.4f um^2 x %.2f x %.1f (cache)", l2_bits / 8 / 1048576,
	    n->sram_bitcell_um2, n->sram_array_overhead, CACHE_FACTOR);
	add(a, "hbm_phy", phys * HBM_PHY_MM2, "%d PHYs x %.2f mm^2 (bump field)",
	    phys, HBM_PHY_MM2);
	add(a, "links", c->estimate.link_GBps * 8 / dens,
	    "%.0f GB/s x 8 / %.0f Gb/s/mm^2 (%s)", c->estimate.link_GBps, dens,
	    opt ? "interface to co-packaged optics" : "electrical SerDes");
}

int lg_est_area_from_cfg(const lg_cfg *c, const char *gates_path,
			 lg_est_area *a, lg_err *e)
{
	lg_est_gates *g;
	lg_dram_spec s;
	int rc, nctl;

	memset(a, 0, sizeof(*a));
	a->node = lg_est_node_find(c->estimate.node);
	if (!a->node)
		return lg_cfg_errf(c, LG_K_estimate_node, e, "expected one of %s",
				   lg_est_node_names());
	if (dram_spec(c, &s, &nctl, e))
		return -1;
	g = malloc(sizeof(*g));
	if (!g)
		return lg_errf(e, "lgsim", 0, "out of memory");
	rc = lg_est_gates_load(g, gates_path, e);
	if (rc < 0 || (rc > 0 && gates_path)) {
		if (rc > 0)
			lg_errf(e, gates_path, 0, "cannot open the gate-count table");
		free(g);
		return -1;
	}
	a->whitespace = c->estimate.whitespace;
	a->cus = (int)c->die.cus;
	a->cus_physical = (int)(c->die.cus + c->estimate.spare_cus);
	a->hbm_stacks = hbm_stacks(c, &s, nctl);
	a->tflops_bf16 = (double)c->die.cus * (double)c->cu.mma_bf16_flops_per_cycle *
			 c->die.core_clock_mhz * 1e6 / 1e12;
	a->dram_TBps = lg_dram_peak_GBps(&s) * lg_dram_units(&s) * nctl / 1000.0;
	a->link_GBps = c->estimate.link_GBps;
	cu_area(c, a);
	uncore_area(c, &s, a);
	rc = rtl_area(c, g, a, e);
	free(g);
	if (rc)
		return -1;
	a->total_mm2 = a->blocks_mm2 * a->whitespace;
	return 0;
}

/*
 * Keep only the blocks a DRAM-only die builds: the HBM PHYs, and the
 * tracker's RTL when the run has one. The rest of the die is not built in
 * that mode, so it is named in missing[] rather than counted.
 */
void lg_est_area_memory_side(lg_est_area *a, bool tracker)
{
	int n = 0;

	a->blocks_mm2 = 0;
	for (int i = 0; i < a->ncomp; i++) {
		const char *nm = a->comp[i].name;

		if (strcmp(nm, "hbm_phy") && !(tracker && !strcmp(nm, "rtl.tracker")))
			continue;
		a->comp[n++] = a->comp[i];
		a->blocks_mm2 += a->comp[i].mm2;
	}
	a->ncomp = n;
	if (a->nmissing < LG_EST_MAX_MISSING)
		snprintf(a->missing[a->nmissing++], sizeof(a->missing[0]), "%s",
			 "DRAM-only run: CUs, L2, crossbar and links are not built");
	a->total_mm2 = a->blocks_mm2 * a->whitespace;
}

double lg_est_xbar_mm(const lg_est_area *a)
{
	return sqrt(a->total_mm2) / 2;
}

void lg_est_area_json(lg_json *j, const lg_est_area *a)
{
	lg_json_obj_begin(j, "area_mm2");
	lg_json_f64(j, "total", a->total_mm2);
	lg_json_str(j, "node", a->node->name);
	lg_json_f64(j, "blocks", a->blocks_mm2);
	lg_json_f64(j, "whitespace_factor", a->whitespace);
	lg_json_obj_begin(j, "components");
	for (int i = 0; i < a->ncomp; i++)
		lg_json_f64(j, a->comp[i].name, a->comp[i].mm2);
	lg_json_obj_end(j);
	lg_json_arr_begin(j, "not_modelled");
	for (int i = 0; i < a->nmissing; i++)
		lg_json_str(j, NULL, a->missing[i]);
	lg_json_arr_end(j);
	lg_json_obj_end(j);
}
