// shim.h: what every verilated block's shim shares (docs/cosim.md).
//
// A shim is the only C++ of the layer: one .cpp per block, compiled by
// Makefile.verilate once per build with
//   -DLG_SET=<set> -DLG_VTOP=V<block>_<set> -DLG_MUTATION="<name>"
//   -DLG_P0..LG_P3=<parameters>
// It includes this file, defines `step` (apply the inputs, read the
// outputs of the cycle, clock one edge) and ends with LG_SHIM_EXPORT.
// Each model owns its VerilatedContext: no file-scope model or context.
#ifndef LG_SHIM_H
#define LG_SHIM_H

#include <cstdint>
#include <cstring>
#include <new>

#include "verilated.h"
#include "verilated_fst_c.h"

#define LG_STR2(x) #x
#define LG_STR(x) LG_STR2(x)
#define LG_HDR(x) LG_STR(x.h)
#include LG_HDR(LG_VTOP)

extern "C" {
#include "cosim/cosim.h"
}

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
template <typename T> uint64_t get(const T &sig) { return (uint64_t)sig; }

// Pack `n` lanes of `width` bits (width divides 32 or is 32) into words.
inline void pack(uint32_t *w, unsigned nw, const uint32_t *lanes, unsigned n, unsigned width)
{
	std::memset(w, 0, nw * sizeof(*w));
	for (unsigned i = 0; i < n; i++) {
		unsigned bit = i * width;
		uint32_t v = width == 32 ? lanes[i] : (lanes[i] & ((1u << width) - 1));
		w[bit / 32] |= v << (bit % 32);
	}
}

inline void dump(Model *m)
{
	if (m->fst)
		m->fst->dump(m->time);
	m->time++;
}

// One clock edge (rise, fall), both dumped when a trace is open.
inline void clock(Model *m)
{
	m->top->clk_i = 1;
	m->top->eval();
	dump(m);
	m->top->clk_i = 0;
	m->top->eval();
	dump(m);
}

void *create()
{
	Model *m = new (std::nothrow) Model;
	if (!m)
		return nullptr;
	m->ctx.traceEverOn(true);
	m->top = new LG_VTOP(&m->ctx, LG_STR(LG_BLOCK));
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

void step(void *m, const void *in, void *out);

} // namespace

#define LG_SHIM_EXPORT                                                                   \
	extern "C" const lg_cosim_rtl LG_CAT(LG_CAT(lg_rtl_, LG_BLOCK), LG_CAT(_, LG_SET)) = { \
		LG_STR(LG_BLOCK), LG_STR(LG_SET), LG_MUTATION,                            \
		{ LG_P0, LG_P1, LG_P2, LG_P3 },                                           \
		create, destroy, reset, step, trace_open, trace_close,                    \
	};

#endif
