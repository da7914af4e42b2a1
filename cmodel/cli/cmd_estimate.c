/*
 * `lgsim estimate -c CONFIG [-s sec.key=val]... [-o FILE.json] [--vs CONFIG2]
 * [--gates FILE]`: area per component, dies per wafer, yield, cost per good
 * die, cost per TFLOP/s and per TB/s, and the per-event energies of the
 * die's process node (method and sources: docs/estimates.md). With --vs,
 * also the cluster view: the bigger die against N of the smaller one with
 * the same total compute.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"
#include "core/lg_json.h"
#include "est/energy.h"
#include "est/estimate.h"

static const char usage[] =
	"usage: lgsim estimate -c CONFIG [-s sec.key=val]... [-o FILE.json] [--vs CONFIG2] [--gates FILE]\n"
	"\n"
	"Area (mm^2 per component), dies per wafer, yield, cost per good die,\n"
	"cost per TFLOP/s and per TB/s, and per-event energies of the die in\n"
	"CONFIG at its process node ([estimate] keys; docs/estimates.md).\n"
	"\n"
	"  -c CONFIG      the die's config (required)\n"
	"  -s sec.key=val override a key of CONFIG (repeatable)\n"
	"  -o FILE.json   also write every figure as JSON\n"
	"  --vs CONFIG2   cluster view: the bigger of the two dies against N of the\n"
	"                 smaller with the same total dense bf16 compute\n"
	"  --gates FILE   gate-count table of the RTL blocks (default rtl/area/gates.tsv)\n"
	"  -h, --help     this text\n";

/* Print the area table. */
static void print_area(const lg_est_area *a)
{
	printf("area per component at %s (%s), mm^2\n", a->node->name, a->node->desc);
	for (int i = 0; i < a->ncomp; i++)
		printf("  %-12s %9.2f   %s\n", a->comp[i].name, a->comp[i].mm2, a->comp[i].basis);
	printf("  %-12s %9.2f\n", "blocks", a->blocks_mm2);
	printf("  %-12s %9.2f   blocks x %.2f whitespace/wiring\n", "total", a->total_mm2,
	       a->whitespace);
	for (int i = 0; i < a->nmissing; i++)
		printf("  not modelled: %s\n", a->missing[i]);
}

/* Print wafer, yield and cost. */
static void print_cost(const lg_est_result *r)
{
	const lg_est_area *a = &r->area;

	printf("\nwafer and yield\n");
	printf("  dies per wafer    %ld   (%.0f mm wafer: pi (d/2)^2 / A - pi d / sqrt(2 A))\n",
	       r->dies_per_wafer, r->wafer_mm);
	printf("  yield             %.4f   (%s %s, D0 = %.3f /cm^2, alpha = %.2f)\n", r->yield,
	       r->model->name, r->model->formula, r->d0, r->alpha);
	printf("                    poisson %.4f  murphy %.4f  negbin %.4f\n", r->yield_poisson,
	       r->yield_murphy, r->yield_negbin);
	printf("  good dies/wafer   %.2f\n", r->good_dies_per_wafer);
	printf("\ncost (wafer %.0f USD)\n", r->wafer_cost);
	printf("  per good die      %.2f USD\n", r->cost_per_good_die);
	printf("  compute           %.1f TFLOP/s dense bf16 (%d CUs)\n", a->tflops_bf16, a->cus);
	printf("  DRAM bandwidth    %.3f TB/s (%d HBM stacks)\n", a->dram_TBps, a->hbm_stacks);
	if (isfinite(r->cost_per_tflops))
		printf("  per TFLOP/s       %.3f USD\n", r->cost_per_tflops);
	else
		printf("  per TFLOP/s       - (no CUs)\n");
	printf("  per TB/s          %.2f USD\n", r->cost_per_TBps);
}

/* Print the per-event energy table of the node. */
static void print_energy(const lg_est_node *n)
{
	lg_est_unit_energy u;

	lg_est_unit_energies(n, &u);
	printf("\nenergy per event at %s, pJ\n", n->name);
	for (int i = 0; i < LG_EST_ALU_N; i++)
		printf("  alu.%-14s %8.4f   per lane op\n", lg_est_alu_name(i), u.alu[i]);
	for (int d = 0; d < LG_EST_DTYPE_N; d++)
		printf("  mma.%-14s %8.4f   per FLOP\n", lg_est_dtype_name(d), u.mma_flop[d]);
	printf("  %-18s %8.4f   per 32-bit access\n", "rf", u.rf_access);
	printf("  %-18s %8.4f   per 128-byte access\n", "smem", u.smem_access);
	printf("  %-18s %8.4f   per 128-byte access\n", "l1", u.l1_access);
	printf("  %-18s %8.4f   per 32-byte sector\n", "l2", u.l2_access);
	printf("  %-18s %8.4f   per byte per mm\n", "xbar", u.xbar_byte_mm);
	printf("  %-18s %8s   from the DRAM model (passed through)\n", "dram_core", "-");
	printf("  %-18s %8.4f   per byte\n", "dram_io", u.dram_io_byte);
	for (int d = 0; d < LG_EST_DTYPE_N; d++)
		printf("  nmc.%-14s %8.4f   per byte reduced\n", lg_est_dtype_name(d), u.nmc_byte[d]);
	printf("  %-18s %8.4f   per byte (%.2f pJ/bit)\n", "link_elec", u.link_elec_byte,
	       n->e.link_elec_bit);
	printf("  %-18s %8.4f   per byte (%.2f pJ/bit)\n", "link_opt", u.link_opt_byte,
	       n->e.link_opt_bit);
}

static void energy_json(lg_json *j, const lg_est_node *n)
{
	lg_est_unit_energy u;
	char k[32];

	lg_est_unit_energies(n, &u);
	lg_json_obj_begin(j, "energy_per_event_pJ");
	for (int i = 0; i < LG_EST_ALU_N; i++) {
		snprintf(k, sizeof(k), "alu_%s_op", lg_est_alu_name(i));
		lg_json_f64(j, k, u.alu[i]);
	}
	for (int d = 0; d < LG_EST_DTYPE_N; d++) {
		snprintf(k, sizeof(k), "mma_%s_flop", lg_est_dtype_name(d));
		lg_json_f64(j, k, u.mma_flop[d]);
	}
	lg_json_f64(j, "rf_access_32b", u.rf_access);
	lg_json_f64(j, "smem_access_128B", u.smem_access);
	lg_json_f64(j, "l1_access_128B", u.l1_access);
	lg_json_f64(j, "l2_sector_32B", u.l2_access);
	lg_json_f64(j, "xbar_byte_mm", u.xbar_byte_mm);
	lg_json_f64(j, "dram_io_byte", u.dram_io_byte);
	for (int d = 0; d < LG_EST_DTYPE_N; d++) {
		snprintf(k, sizeof(k), "nmc_%s_byte", lg_est_dtype_name(d));
		lg_json_f64(j, k, u.nmc_byte[d]);
	}
	lg_json_f64(j, "link_elec_byte", u.link_elec_byte);
	lg_json_f64(j, "link_opt_byte", u.link_opt_byte);
	lg_json_obj_end(j);
}

/* The cluster table: big die vs n small dies. */
static void print_cluster(const lg_est_result *b, const lg_est_result *s,
			  const lg_est_cluster *cl)
{
	printf("\ncluster view: 1 big die vs %d small dies of the same compute\n", cl->n_small);
	printf("  %-26s %14s %14s\n", "", "big x 1", "small x N");
	printf("  %-26s %14.1f %14.1f\n", "die area mm^2", b->area.total_mm2, s->area.total_mm2);
	printf("  %-26s %14ld %14ld\n", "dies per wafer", b->dies_per_wafer, s->dies_per_wafer);
	printf("  %-26s %14.4f %14.4f\n", "yield", b->yield, s->yield);
	printf("  %-26s %14.2f %14.2f\n", "good dies per wafer", b->good_dies_per_wafer,
	       s->good_dies_per_wafer);
	printf("  %-26s %14.2f %14.2f\n", "cost per good die USD", b->cost_per_good_die,
	       s->cost_per_good_die);
	printf("  %-26s %14.2f %14.2f\n", "silicon cost USD", cl->silicon_big, cl->silicon_small);
	printf("  %-26s %14.1f %14.1f\n", "TFLOP/s (bf16 dense)", b->area.tflops_bf16,
	       cl->n_small * s->area.tflops_bf16);
	printf("  %-26s %14.3f %14.3f\n", "USD per TFLOP/s", b->cost_per_tflops,
	       cl->silicon_small / (cl->n_small * s->area.tflops_bf16));
	printf("  %-26s %14.3f %14.3f\n", "DRAM TB/s", b->area.dram_TBps,
	       cl->n_small * s->area.dram_TBps);
	printf("  %-26s %14.4f %14.4f\n", "wafers per unit", cl->wafers_big, cl->wafers_small);
	printf("  %-26s %14.3f %14.3f\n", "blast radius (1 failure)", cl->blast_big, cl->blast_small);
}

static void cluster_json(lg_json *j, const lg_est_result *b, const lg_est_result *s,
			 const lg_est_cluster *cl)
{
	lg_json_obj_begin(j, "cluster");
	lg_json_i64(j, "n_small", cl->n_small);
	lg_json_obj_begin(j, "big");
	lg_est_result_json(j, b);
	lg_json_f64(j, "silicon_usd", cl->silicon_big);
	lg_json_f64(j, "wafers", cl->wafers_big);
	lg_json_f64(j, "blast_radius", cl->blast_big);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "small");
	lg_est_result_json(j, s);
	lg_json_f64(j, "silicon_usd", cl->silicon_small);
	lg_json_f64(j, "wafers", cl->wafers_small);
	lg_json_f64(j, "blast_radius", cl->blast_small);
	lg_json_f64(j, "tflops_bf16_dense_total", cl->n_small * s->area.tflops_bf16);
	lg_json_f64(j, "usd_per_tflops", cl->silicon_small / (cl->n_small * s->area.tflops_bf16));
	lg_json_obj_end(j);
	lg_json_obj_end(j);
}

/* Load a config with overrides into c. */
static int load(lg_cfg *c, const char *path, char **sets, int nsets, lg_err *e)
{
	lg_cfg_defaults(c);
	if (lg_cfg_load_file(c, path, e))
		return -1;
	for (int i = 0; i < nsets; i++)
		if (lg_cfg_set_override(c, sets[i], e))
			return -1;
	return 0;
}

int lgsim_cmd_estimate(int argc, char **argv)
{
	const char *cfg = NULL, *vs = NULL, *out = NULL, *gates = NULL;
	char **sets = calloc((size_t)argc, sizeof(*sets));
	lg_cfg *c = malloc(sizeof(*c));
	lg_est_result *r = malloc(2 * sizeof(*r));
	lg_est_cluster cl;
	lg_json *j = NULL;
	int nsets = 0, rc = LG_EXIT_BADINPUT;
	lg_err e;

	if (!sets || !c || !r) {
		rc = 1;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			rc = 0;
			goto out;
		} else if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			cfg = argv[++i];
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			sets[nsets++] = argv[++i];
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--vs") && i + 1 < argc) {
			vs = argv[++i];
		} else if (!strcmp(argv[i], "--gates") && i + 1 < argc) {
			gates = argv[++i];
		} else {
			rc = lgsim_usage("estimate: unknown or incomplete option '%s' (try lgsim estimate --help)",
					 argv[i]);
			goto out;
		}
	}
	if (!cfg) {
		rc = lgsim_usage("estimate: -c CONFIG is required (try lgsim estimate --help)");
		goto out;
	}
	if (load(c, cfg, sets, nsets, &e) || lg_est_run(c, gates, &r[0], &e))
		goto fail;
	if (vs && (load(c, vs, NULL, 0, &e) || lg_est_run(c, gates, &r[1], &e)))
		goto fail;
	if (vs) {
		int big = r[0].area.tflops_bf16 >= r[1].area.tflops_bf16 ? 0 : 1;

		if (lg_est_cluster_view(&r[big], &r[1 - big], &cl)) {
			lg_errf(&e, vs, 0, "the cluster view needs CUs (die.cus > 0) in both configs");
			goto fail;
		}
	}
	if (out && !(j = lg_json_file_open(out, &e)))
		goto fail;
	printf("lgsim estimate: %s\n\n", cfg);
	print_area(&r[0].area);
	print_cost(&r[0]);
	print_energy(r[0].area.node);
	if (vs) {
		int big = r[0].area.tflops_bf16 >= r[1].area.tflops_bf16 ? 0 : 1;

		print_cluster(&r[big], &r[1 - big], &cl);
	}
	if (j) {
		lg_json_obj_begin(j, NULL);
		lg_json_str(j, "config", cfg);
		lg_est_result_json(j, &r[0]);
		energy_json(j, r[0].area.node);
		if (vs) {
			int big = r[0].area.tflops_bf16 >= r[1].area.tflops_bf16 ? 0 : 1;

			cluster_json(j, &r[big], &r[1 - big], &cl);
		}
		lg_json_obj_end(j);
		if (lg_json_commit(j, &e)) {
			j = NULL;
			goto fail;
		}
		j = NULL;
	}
	rc = 0;
	goto out;
fail:
	rc = lgsim_fail(&e);
out:
	if (j)
		lg_json_abort(j);
	free(r);
	free(c);
	free(sets);
	return rc;
}
