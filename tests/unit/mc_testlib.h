/*
 * Helpers shared by the 1xx memory-controller tests: an HBM2 one-channel
 * controller and in-memory request generators (no trace files).
 */
#ifndef MC_TESTLIB_H
#define MC_TESTLIB_H

#include <string.h>

#include "core/lg_config.h"
#include "mc/mc.h"
#include "core/lg_reqpool.h"
#include "die/loop.h"
#include "die/mc_comp.h"
#include "die/replay.h"

typedef enum gen_kind { GEN_STREAM, GEN_RANDOM, GEN_SAMEROW } gen_kind;

typedef struct gen {
	gen_kind kind;
	uint64_t n, i;
	uint64_t seed;
	int op;               /* LG_OP_RD / LG_OP_WR, or -1 for 2:1 read:write */
	int timed;
	uint64_t period_ps;   /* timed: spacing */
	uint64_t gap_at;      /* timed: index after which gap_ps is added */
	uint64_t gap_ps;
	uint64_t span;        /* address space, bytes */
	int no_selfcheck;     /* 1: skip the per-command re-check (speed runs) */
	int tclass;           /* traffic class of every request (lg_tclass; 0 COMPUTE) */
} gen;

static inline uint64_t gen_rand(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline int gen_next(void *ctx, lg_replay_rec *r, lg_err *e)
{
	gen *g = ctx;
	uint64_t v;

	(void)e;
	if (g->i == g->n)
		return 0;
	memset(r, 0, sizeof(*r));
	v = gen_rand(&g->seed);
	switch (g->kind) {
	case GEN_STREAM:
		r->addr = g->i * 64 % g->span;
		break;
	case GEN_RANDOM:
		r->addr = (v % (g->span / 64)) * 64;
		break;
	case GEN_SAMEROW:
		r->addr = (g->i % 32) * 64; /* 32 bursts of one 2 KB row */
		break;
	}
	r->op = (uint8_t)(g->op >= 0 ? g->op : ((v >> 40) % 3 == 2 ? LG_OP_WR : LG_OP_RD));
	r->timed = (uint8_t)g->timed;
	r->time_ps = g->i * g->period_ps + (g->i > g->gap_at ? g->gap_ps : 0);
	r->line = g->i + 1;
	r->tclass = (uint8_t)g->tclass;
	g->i++;
	return 1;
}

/* HBM2 defaults (DRAMsim3 HBM2_8Gb_x128) with one channel. */
static inline void cfg_hbm2_1ch(lg_cfg *c)
{
	lg_cfg_defaults(c);
	c->system.channels = 1;
}

/* What the tests read of a run: the loop's result and the completions. */
typedef struct mc_result {
	uint64_t iterations;
	uint64_t completed;
	lg_ps end;
	int watchdog;
} mc_result;

/*
 * Replay g into mc (built with pool's sink) through a replay front, the
 * two as components of one loop, as a DRAM-only die runs them.
 */
static inline int run_replay(lg_mc *mc, lg_reqpool *pool, gen *g, mc_result *res, lg_err *e)
{
	lg_replay_params rp = { 0, 0 };
	lg_replay *front = lg_replay_create(mc, pool, &rp);
	lg_replay_src src = { g, gen_next, NULL };
	lg_loop_opts lo = { .watchdog_cycles = 1000000 };
	lg_loop *l = lg_loop_create(&lo);
	lg_comp cm = lg_mc_comp(mc, "mc"), cr;
	lg_loop_result lr;
	int rc;

	ck_assert(front && l);
	ck_assert_int_eq(lg_replay_add_source(front, &src), 0);
	cr = lg_replay_comp(front, "replay");
	ck_assert_int_eq(lg_loop_add(l, &cm), 0);
	ck_assert_int_eq(lg_loop_add(l, &cr), 0);
	rc = lg_loop_run(l, &lr, e);
	res->iterations = lr.iterations;
	res->end = lr.end;
	res->watchdog = lr.watchdog;
	res->completed = lg_reqpool_completed(pool);
	lg_loop_destroy(l);
	lg_replay_destroy(front);
	return rc;
}

typedef struct run_out {
	mc_result res;
	lg_mc_stats st;
	uint64_t violations; /* commands issued before lg_dram_earliest allowed */
	double GBps;
} run_out;

/* Run one generator through a fresh controller built from c. */
static inline void run_gen(const lg_cfg *c, gen *g, run_out *o)
{
	lg_reqpool *pool = lg_reqpool_create();
	lg_req_sink sink = { pool, lg_reqpool_done };
	lg_err e;
	lg_mc *mc = lg_mc_create(c, &sink, &e);

	ck_assert_msg(mc != NULL, "%s", e.msg);
	lg_mc_set_selfcheck(mc, !g->no_selfcheck);
	ck_assert_int_eq(run_replay(mc, pool, g, &o->res, &e), 0);
	memset(&o->st, 0, sizeof(o->st));
	for (int u = 0; u < lg_dram_units(lg_mc_spec(mc)); u++)
		lg_mc_stats_add(&o->st, lg_mc_unit_stats(mc, (unsigned)u));
	o->violations = lg_mc_violations(mc);
	o->GBps = o->res.end ? (double)o->st.bytes / ((double)o->res.end / 1000.0) : 0;
	lg_mc_destroy(mc);
	lg_reqpool_destroy(pool);
}

#endif
