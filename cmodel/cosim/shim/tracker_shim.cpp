// tracker_shim: the tracker's step over one verilated build (shim.h).
// Parameters: LG_P0 entries, LG_P1 ports, LG_P2 addr width (32 or 64),
// LG_P3 count width.
#include "shim.h"

extern "C" {
#include "cosim/cosim_tracker.h"
}

namespace {

// The outputs are a function of the state: read them, then apply the
// inputs and clock.
void step(void *p, const void *inp, void *outp)
{
	Model *m = static_cast<Model *>(p);
	LG_VTOP *t = m->top;
	const lg_trk_in *in = static_cast<const lg_trk_in *>(inp);
	lg_tracker_out *o = static_cast<lg_tracker_out *>(outp);
	uint32_t w[2 * LG_TRACKER_MAX_PORTS + 2];
	static_assert(LG_P2 == 32 || LG_P2 == 64, "address lanes of 32 or 64 bits");

	o->prog_ready = t->prog_ready_o;
	o->prog_idx = (unsigned)get(t->prog_idx_o);
	o->trig_valid = t->trig_valid_o;
	o->trig_idx = (unsigned)get(t->trig_idx_o);
	o->trig_base = get(t->trig_base_o);
	o->trig_len = get(t->trig_len_o);
	o->trig_die = (unsigned)get(t->trig_die_o);
	o->trig_dst = get(t->trig_dst_o);
	o->trig_op = (unsigned)get(t->trig_op_o);
	o->trig_dtype = (unsigned)get(t->trig_dtype_o);
	o->trig_last = t->trig_last_o;
	o->miss_cnt = (uint32_t)get(t->miss_cnt_o);
	o->nmc_cnt = (uint32_t)get(t->nmc_cnt_o);
	o->state_hash = (uint32_t)get(t->state_hash_o);

	t->prog_valid_i = in->prog_valid;
	t->prog_base_i = in->prog.base;
	t->prog_len_i = in->prog.len;
	t->prog_expect_i = in->prog.expect;
	t->prog_stride_i = in->prog.stride;
	t->prog_rearm_i = in->prog.rearm;
	t->prog_die_i = in->prog.die;
	t->prog_dst_i = in->prog.dst;
	t->prog_op_i = in->prog.op;
	t->prog_dtype_i = in->prog.dtype;
	t->obs_valid_i = in->obs_valid;
	t->obs_nmc_i = in->obs_nmc;
	// Only this build's LG_P1 lanes (constants: the loops unroll); put()
	// reads the words the port has, at least two (a 64-bit port).
	constexpr unsigned aw = LG_P2 / 32 * LG_P1, bw = (LG_P1 * 8 + 31) / 32;
	for (unsigned p = 0; p < LG_P1; p++) {
		if (LG_P2 == 64) {
			w[2 * p] = (uint32_t)in->obs_addr[p];
			w[2 * p + 1] = (uint32_t)(in->obs_addr[p] >> 32);
		} else {
			w[p] = (uint32_t)in->obs_addr[p];
		}
	}
	w[aw] = 0;
	put(t->obs_addr_i, w);
	pack(w, bw + 1, in->obs_bytes, LG_P1, 8);
	put(t->obs_bytes_i, w);
	t->trig_ready_i = in->trig_ready;
	clock(m);
}

} // namespace

LG_SHIM_EXPORT
