/*
 * lg_dtrace readers over kernel traces: memory-only replay of a kernel
 * trace's global/generic memory instructions as 32 B-sector DRAM requests
 * (contract and mapping in ktdreq/ktrace_dreq.h and docs/trace-format.md).
 * The kernel trace is streamed warp by warp; at most one warp and one
 * instruction's sectors are held.
 */
#include "ktdreq/ktrace_dreq.h"

#include <stdlib.h>
#include <string.h>

#include "cu/coalesce.h"
#include "ktrace/ktrace.h"

#define SECTOR LG_CO_SECTOR
#define MAXREQ (2 * 2 * LG_KT_WARP_SIZE) /* 2 sectors per lane, RD+WR */

typedef struct dreq_state {
	lg_kt_reader *r;
	const lg_kt_warp *w;
	size_t next;                 /* next instruction of w */
	uint64_t ninsn;              /* warp instructions consumed */
	uint64_t sec[MAXREQ];        /* pending requests: sector addresses */
	uint8_t op[MAXREQ], dt[MAXREQ];
	int npend, ipend;
} dreq_state;

/* First line "LGKT" (binary magic) or "LGKT-TEXT 1". */
static bool lgt_probe(const char *head, size_t n)
{
	return n >= 4 && !memcmp(head, "LGKT", 4);
}

/* First line of a kernelslist.g or a .traceg. */
static bool as_probe(const char *head, size_t n)
{
	return (n >= 8 && !memcmp(head, "-kernel ", 8)) || (n >= 7 && !memcmp(head, "kernel-", 7)) ||
	       (n >= 6 && !memcmp(head, "Memcpy", 6));
}

/* Open the kernel trace behind t with lg_kt. */
static int open_fmt(lg_dtrace *t, void **state, const char *fmt, lg_err *e)
{
	dreq_state *s = calloc(1, sizeof(*s));

	if (!s)
		return lg_errf(e, lg_dtrace_path(t), 0, "out of memory");
	s->r = lg_kt_open(lg_dtrace_path(t), fmt, e);
	if (!s->r) {
		free(s);
		return -1;
	}
	*state = s;
	return 0;
}

/* Open as lgt or lgt-text. */
static int lgt_open(lg_dtrace *t, void **state, lg_err *e)
{
	return open_fmt(t, state, "auto", e);
}

/* Open as Accel-Sim. */
static int as_open(lg_dtrace *t, void **state, lg_err *e)
{
	return open_fmt(t, state, "accelsim", e);
}

/* Queue one request for the current instruction. */
static void push(dreq_state *s, uint64_t sec, uint8_t op, uint8_t dt)
{
	s->sec[s->npend] = sec;
	s->op[s->npend] = op;
	s->dt[s->npend] = dt;
	s->npend++;
}

/* Fill the pending list from one instruction (may leave it empty): its
 * sectors from the CU's coalescer, in order of the lowest lane. */
static void expand(dreq_state *s, const lg_kt_insn *in)
{
	const lg_kt_opinfo *oi = lg_kt_optab_get(lg_kt_reader_optab(s->r), in->op);
	uint64_t a[LG_KT_WARP_SIZE];
	lg_co_sector sec[LG_CO_MAXSEC];
	int nu;

	s->npend = s->ipend = 0;
	if (oi->mop == LG_KT_MOP_NONE || in->amode == LG_KT_AMODE_NONE ||
	    (oi->space != LG_KT_SP_GLOBAL && oi->space != LG_KT_SP_GENERIC))
		return;
	lg_kt_insn_lanes(s->w, in, a);
	nu = lg_coalesce(a, in->mask, oi->width, sec);
	for (int k = 0; k < nu; k++) {
		uint64_t addr = sec[k].addr;

		if (oi->mop == LG_KT_MOP_LD)
			push(s, addr, LG_OP_RD, LG_DT_NONE);
		else if (oi->mop == LG_KT_MOP_ST)
			push(s, addr, LG_OP_WR, LG_DT_NONE);
		else {
			push(s, addr, LG_OP_RD, LG_DT_NONE);
			push(s, addr, LG_OP_WR, LG_DT_NONE);
		}
	}
}

/* Next request: drain the queue, else expand the next instruction or warp. */
static int dreq_next(lg_dtrace *t, void *state, lg_dtrace_rec *r, lg_err *e)
{
	dreq_state *s = state;

	(void)t;
	while (s->ipend >= s->npend) {
		if (s->w && s->next < s->w->n) {
			s->ninsn++;
			expand(s, &s->w->insn[s->next++]);
			continue;
		}
		int ev = lg_kt_next(s->r, e);

		if (ev <= 0)
			return ev;
		if (ev == LG_KT_EV_WARP) {
			s->w = lg_kt_cur_warp(s->r);
			s->next = 0;
		}
	}
	memset(r, 0, sizeof(*r));
	r->time_unit = LG_DTT_NONE;
	r->addr = s->sec[s->ipend];
	r->op = s->op[s->ipend];
	r->dtype = s->dt[s->ipend];
	r->size = SECTOR;
	r->line = s->ninsn;
	s->ipend++;
	return 1;
}

/* Close the kernel trace and free the state. */
static void dreq_close(void *state)
{
	dreq_state *s = state;

	if (s) {
		lg_kt_close(s->r);
		free(s);
	}
}

const lg_dtrace_reader lg_dtrace_reader_lgt = {
	"lgt",
	"lgsim kernel trace (lgt/lgt-text): global loads/stores as 32 B sector requests, untimed",
	lgt_probe, lgt_open, dreq_next, dreq_close, NULL,
};

const lg_dtrace_reader lg_dtrace_reader_accelsim = {
	"accelsim",
	"Accel-Sim kernelslist.g/.traceg[.xz]: global loads/stores as 32 B sector requests, untimed",
	as_probe, as_open, dreq_next, dreq_close, NULL,
};
