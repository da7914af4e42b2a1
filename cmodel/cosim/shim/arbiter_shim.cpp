// arbiter_shim: the class arbiter's step over one verilated build (shim.h).
// Parameter: LG_P0 the counter width CW.
#include "shim.h"

extern "C" {
#include "cosim/cosim_arb.h"
}

namespace {

// allow and forced depend on this cycle's inputs: apply them, settle the
// combinational logic, read the outputs, then clock.
void step(void *p, const void *inp, void *outp)
{
	Model *m = static_cast<Model *>(p);
	LG_VTOP *t = m->top;
	const lg_arb_in *in = static_cast<const lg_arb_in *>(inp);
	lg_arb_out *o = static_cast<lg_arb_out *>(outp);

	t->init_i = in->init;
	t->policy_i = in->p.policy;
	t->wrr_weight0_i = in->p.wrr_weight[0];
	t->wrr_weight1_i = in->p.wrr_weight[1];
	t->thr_min_i = in->p.mca_thr_min;
	t->thr_max_i = in->p.mca_thr_max;
	t->window_i = in->p.mca_window;
	t->starve_limit_i = in->p.starve_limit;
	t->occ0_i = in->in.occ[0];
	t->occ1_i = in->in.occ[1];
	t->ready_i = (in->in.ready[0] & 1) | ((in->in.ready[1] & 1) << 1);
	t->arrived0_i = in->in.arrived[0];
	t->issue_valid_i = in->issue_valid;
	t->issue_cls_i = in->issue_cls;
	t->eval();
	o->allow = t->allow_o;
	o->forced = t->forced_o;
	o->wrr_cls = t->wrr_cls_o;
	o->wrr_left = t->wrr_left_o;
	o->threshold = t->threshold_o;
	o->epoch_cycle = t->epoch_cycle_o;
	o->epoch_arrivals = t->epoch_arrivals_o;
	o->starve = t->starve_o;
	clock(m);
}

} // namespace

LG_SHIM_EXPORT
