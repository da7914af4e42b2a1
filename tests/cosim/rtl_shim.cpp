// rtl_shim: the thin extern "C" layer over one verilated tracker model
// (see rtl_model.h). Compiled once per parameter set with
//   -DLG_SET=<set> -DLG_VTOP=Vtracker_<set> -DLG_MUTATION="<name>"
// Each model owns its VerilatedContext: no file-scope model or context.
#include <cstdint>
#include <cstring>
#include <new>

#include "verilated.h"
#include "verilated_fst_c.h"

#define LG_STR2(x) #x
#define LG_STR(x) LG_STR2(x)
#define LG_HDR(x) LG_STR(x.h)
#include LG_HDR(LG_VTOP)

#include "rtl_model.h"

#define LG_CAT2(a, b) a##b
#define LG_CAT(a, b) LG_CAT2(a, b)

namespace {

struct Model {
	VerilatedContext ctx;
	LG_VTOP *top = nullptr;
	VerilatedFstC *fst = nullptr;
	uint64_t time = 0;
};

// Packed-array assignment from 32-bit words, for every Verilator data type.
template <typename T> void put(T &sig, const uint32_t *w)
{
	uint64_t v = (uint64_t)w[0] | ((uint64_t)w[1] << 32);
	sig = (T)v;
}
template <std::size_t N> void put(VlWide<N> &sig, const uint32_t *w)
{
	for (std::size_t i = 0; i < N; i++)
		sig[i] = w[i];
}
template <typename T> uint32_t get(const T &sig) { return (uint32_t)sig; }

// Pack `n` lanes of `width` bits (width divides 32 or is 32) into words.
void pack(uint32_t *w, unsigned nw, const uint32_t *lanes, unsigned n, unsigned width)
{
	std::memset(w, 0, nw * sizeof(*w));
	for (unsigned i = 0; i < n; i++) {
		unsigned bit = i * width;
		uint32_t v = width == 32 ? lanes[i] : (lanes[i] & ((1u << width) - 1));
		w[bit / 32] |= v << (bit % 32);
	}
}

void dump(Model *m)
{
	if (m->fst)
		m->fst->dump(m->time);
	m->time++;
}

void *create()
{
	Model *m = new (std::nothrow) Model;
	if (!m)
		return nullptr;
	m->ctx.traceEverOn(true);
	m->top = new LG_VTOP(&m->ctx, "tracker");
	m->top->clk_i = 0;
	m->top->rst_ni = 0;
	m->top->eval();
	m->top->rst_ni = 1;
	m->top->eval();
	return m;
}

void destroy(void *p)
{
	Model *m = static_cast<Model *>(p);
	if (!m)
		return;
	if (m->fst) {
		m->fst->close();
		delete m->fst;
	}
	m->top->final();
	delete m->top;
	delete m;
}

void reset(void *p)
{
	Model *m = static_cast<Model *>(p);
	m->top->rst_ni = 0;
	m->top->eval();
	m->top->rst_ni = 1;
	m->top->eval();
}

void cycle(void *p, const lg_rtl_in *in)
{
	Model *m = static_cast<Model *>(p);
	LG_VTOP *t = m->top;
	uint32_t w[LG_TRACKER_MAX_PORTS + 2];

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
	// Only this build's LG_PORTS lanes; put() reads the words the port has.
	pack(w, LG_TRACKER_MAX_PORTS + 2, in->obs_addr, LG_PORTS, 32);
	put(t->obs_addr_i, w);
	pack(w, 2, in->obs_bytes, LG_PORTS, 8);
	put(t->obs_bytes_i, w);
	t->trig_ready_i = in->trig_ready;
	t->clk_i = 1;
	t->eval();
	dump(m);
	t->clk_i = 0;
	t->eval();
	dump(m);
}

void out(void *p, lg_tracker_out *o)
{
	LG_VTOP *t = static_cast<Model *>(p)->top;

	o->prog_ready = t->prog_ready_o;
	o->prog_idx = get(t->prog_idx_o);
	o->trig_valid = t->trig_valid_o;
	o->trig_idx = get(t->trig_idx_o);
	o->trig_base = get(t->trig_base_o);
	o->trig_die = get(t->trig_die_o);
	o->trig_dst = get(t->trig_dst_o);
	o->trig_op = get(t->trig_op_o);
	o->trig_dtype = get(t->trig_dtype_o);
	o->trig_last = t->trig_last_o;
	o->miss_cnt = get(t->miss_cnt_o);
	o->state_hash = get(t->state_hash_o);
}

int trace_open(void *p, const char *path)
{
	Model *m = static_cast<Model *>(p);
	if (m->fst)
		return -1;
	m->fst = new VerilatedFstC;
	m->top->trace(m->fst, 99);
	m->fst->open(path);
	return m->fst->isOpen() ? 0 : -1;
}

void trace_close(void *p)
{
	Model *m = static_cast<Model *>(p);
	if (!m->fst)
		return;
	m->fst->close();
	delete m->fst;
	m->fst = nullptr;
}

} // namespace

extern "C" const lg_rtl_ops LG_CAT(lg_rtl_, LG_SET) = {
	LG_STR(LG_SET), LG_ENTRIES, LG_PORTS, LG_MUTATION,
	create, destroy, reset, cycle, out, trace_open, trace_close,
};
