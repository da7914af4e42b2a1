/*
 * One die's estimate and the cluster view (formulas in docs/estimates.md).
 */
#include <math.h>
#include <string.h>

#include "est/estimate.h"

int lg_est_run(const lg_cfg *c, const char *gates_path, lg_est_result *r, lg_err *e)
{
	const lg_est_node *n;
	double cm2;

	memset(r, 0, sizeof(*r));
	if (lg_est_area_from_cfg(c, gates_path, &r->area, e))
		return -1;
	n = r->area.node;
	r->model = lg_est_yield_find(c->estimate.yield_model);
	if (!r->model)
		return lg_cfg_errf(c, LG_K_estimate_yield_model, e,
				   "expected poisson, murphy or negbin");
	r->d0 = c->estimate.d0_per_cm2 > 0 ? c->estimate.d0_per_cm2 : n->d0_per_cm2;
	r->alpha = c->estimate.alpha;
	r->wafer_cost = c->estimate.wafer_cost_usd > 0 ? c->estimate.wafer_cost_usd :
			n->wafer_cost_usd;
	r->wafer_mm = n->wafer_mm;
	cm2 = r->area.total_mm2 / 100.0;
	r->dies_per_wafer = lg_est_dies_per_wafer(r->wafer_mm, r->area.total_mm2);
	r->yield = r->model->yield(cm2, r->d0, r->alpha);
	r->yield_poisson = lg_est_yield_poisson.yield(cm2, r->d0, r->alpha);
	r->yield_murphy = lg_est_yield_murphy.yield(cm2, r->d0, r->alpha);
	r->yield_negbin = lg_est_yield_negbin.yield(cm2, r->d0, r->alpha);
	r->good_dies_per_wafer = (double)r->dies_per_wafer * r->yield;
	r->cost_per_good_die = lg_est_cost_per_good_die(r->wafer_cost, r->dies_per_wafer,
							r->yield);
	r->cost_per_tflops = r->area.tflops_bf16 > 0 ?
			     r->cost_per_good_die / r->area.tflops_bf16 : INFINITY;
	r->cost_per_TBps = r->area.dram_TBps > 0 ?
			   r->cost_per_good_die / r->area.dram_TBps : INFINITY;
	return 0;
}

int lg_est_cluster_view(const lg_est_result *big, const lg_est_result *small,
			lg_est_cluster *cl)
{
	double ratio;

	memset(cl, 0, sizeof(*cl));
	if (small->area.tflops_bf16 <= 0 || big->area.tflops_bf16 <= 0)
		return -1;
	ratio = big->area.tflops_bf16 / small->area.tflops_bf16;
	cl->n_small = ratio < 1.5 ? 1 : (int)lround(ratio);
	cl->silicon_big = big->cost_per_good_die;
	cl->silicon_small = cl->n_small * small->cost_per_good_die;
	cl->blast_big = 1.0;
	cl->blast_small = 1.0 / cl->n_small;
	cl->wafers_big = big->good_dies_per_wafer > 0 ? 1.0 / big->good_dies_per_wafer : INFINITY;
	cl->wafers_small = small->good_dies_per_wafer > 0 ?
			   cl->n_small / small->good_dies_per_wafer : INFINITY;
	return 0;
}

void lg_est_result_json(lg_json *j, const lg_est_result *r)
{
	lg_est_area_json(j, &r->area);
	lg_json_obj_begin(j, "wafer");
	lg_json_f64(j, "diameter_mm", r->wafer_mm);
	lg_json_f64(j, "cost_usd", r->wafer_cost);
	lg_json_i64(j, "dies_per_wafer", r->dies_per_wafer);
	lg_json_f64(j, "good_dies_per_wafer", r->good_dies_per_wafer);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "yield");
	lg_json_str(j, "model", r->model->name);
	lg_json_f64(j, "d0_per_cm2", r->d0);
	lg_json_f64(j, "alpha", r->alpha);
	lg_json_f64(j, "value", r->yield);
	lg_json_f64(j, "poisson", r->yield_poisson);
	lg_json_f64(j, "murphy", r->yield_murphy);
	lg_json_f64(j, "negbin", r->yield_negbin);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "throughput");
	lg_json_f64(j, "tflops_bf16_dense", r->area.tflops_bf16);
	lg_json_f64(j, "dram_TBps", r->area.dram_TBps);
	lg_json_f64(j, "link_GBps", r->area.link_GBps);
	lg_json_i64(j, "hbm_stacks", r->area.hbm_stacks);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "cost_usd");
	lg_json_f64(j, "per_good_die", r->cost_per_good_die);
	lg_json_f64(j, "per_tflops", r->cost_per_tflops);
	lg_json_f64(j, "per_TBps", r->cost_per_TBps);
	lg_json_obj_end(j);
}
