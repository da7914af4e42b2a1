/*
 * 356: the L2's written-through ranges (l2.h, lg_l2_range; docs/l2.md),
 * the rule that lets the T3 tracker at the memory controller see a
 * producer's output stores on a die with CUs. One slice (4 KiB, 4 ways,
 * 128 B lines of 32 B sectors, hit latency H = 10, 64 B DRAM requests) on
 * a fake memory side of latency M = 100, with [0x1000, 0x2000) written
 * through. Expected from the rule: a store into the range is acknowledged
 * at H like any write, and sends one DRAM write per 64 B burst it touches,
 * in the cycle it is taken, carrying only its bytes (data_off,
 * data_bytes); an absent line is not allocated, a present one is updated
 * and stays clean; a store outside the range stays in the slice until
 * the flush.
 */
#include "lg_check.h"
#include "l2_testlib.h"

#define M 100
#define H 10

typedef struct rig {
	lg_port in, out;
	lg_l2_hash h;
	lg_l2_range wt;
	lg_l2 *l2;
	fmem mem;
	lg_comp c;
} rig;

/* The slice above with [0x1000, 0x2000) written through. */
static void rig_init(rig *g)
{
	lg_l2_params p = { 0 };
	lg_err e;

	memset(g, 0, sizeof(*g));
	ck_assert_int_eq(lg_port_init(&g->in, 64), 0);
	ck_assert_int_eq(lg_port_init(&g->out, 64), 0);
	ck_assert_int_eq(lg_l2_hash_init(&g->h, "mod", 1, 128, &e), 0);
	g->wt = (lg_l2_range){ 0x1000, 0x1000 };
	p.bytes = 4096;
	p.ways = 4;
	p.line_bytes = 128;
	p.sector_bytes = 32;
	p.hit_latency = H;
	p.mshrs = 2;
	p.mshr_targets = 4;
	p.bytes_per_cycle = 128;
	p.dram_bytes = 64;
	p.hash = &g->h;
	p.wt = &g->wt;
	p.nwt = 1;
	p.in = &g->in;
	p.out = &g->out;
	p.mem = (lg_memside){ .ctx = &g->mem, .try_push = fmem_push };
	p.clk.period_ps = NS;
	g->mem.lat = M * NS;
	g->mem.done = lg_l2_mem_done;
	g->l2 = lg_l2_create(&p, &e);
	ck_assert_msg(g->l2 != NULL, "%s", e.msg);
	g->mem.slice[0] = g->l2;
	g->c = (lg_comp){ &lg_l2_comp_ops, g->l2, "l2.0", p.clk };
}

static void rig_free(rig *g)
{
	lg_l2_destroy(g->l2);
	lg_port_free(&g->in);
	lg_port_free(&g->out);
	fmem_free(&g->mem);
}

/* Push r at cycle c, run to quiescence; the cycle its answer is ready. */
static uint64_t send(rig *g, lg_req *r, uint64_t c)
{
	uint64_t ready;

	lg_port_push(&g->in, r, c * NS);
	run_comps(&g->c, 1, c * NS, UINT64_MAX / 2);
	ck_assert(!lg_port_empty(&g->out));
	ready = g->out.e[g->out.head].ready / NS;
	ck_assert_ptr_eq(lg_port_pop(&g->out), r);
	return ready;
}

START_TEST(a_store_in_the_range_goes_to_memory_without_allocating)
{
	rig g;
	lg_req w, r;
	const lg_l2_stats *s;

	rig_init(&g);
	s = lg_l2_stats_get(g.l2);
	mkreq(&w, 1, LG_OP_WR, 0x1020, 32, 0);
	ck_assert_uint_eq(send(&g, &w, 0), H);
	/* one DRAM write in cycle 0: burst 0 of line 0x1000, bytes 32..63 */
	ck_assert_uint_eq(g.mem.nlog, 1);
	ck_assert_uint_eq(g.mem.log[0].op, LG_OP_WR);
	ck_assert_uint_eq(g.mem.log[0].addr, 0x1000);
	ck_assert_uint_eq(g.mem.log[0].off, 32);
	ck_assert_uint_eq(g.mem.log[0].bytes, 32);
	ck_assert_uint_eq(g.mem.log[0].at, 0);
	ck_assert_uint_eq(s->wt_writes, 1);
	ck_assert_uint_eq(s->writebacks, 0);
	ck_assert_uint_eq(s->misses[LG_OP_WR], 1);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 0);
	/* not allocated: a read of the same bytes at 200 misses, M + H */
	mkreq(&r, 2, LG_OP_RD, 0x1020, 32, 0);
	ck_assert_uint_eq(send(&g, &r, 200), 200 + M + H);
	ck_assert_uint_eq(s->fill_reqs, 1);
	rig_free(&g);
}
END_TEST

START_TEST(a_store_to_a_present_line_updates_it_and_leaves_it_clean)
{
	rig g;
	lg_req a, w, b;
	const lg_l2_stats *s;

	rig_init(&g);
	s = lg_l2_stats_get(g.l2);
	/* the line's two 64 B fills are accepted in cycles 0 and 1 (one a cycle) */
	mkreq(&a, 1, LG_OP_RD, 0x1000, 128, 0);
	ck_assert_uint_eq(send(&g, &a, 0), 1 + M + H);
	/* a whole-line store at 300: two 64 B DRAM writes (cycles 300, 301), a hit */
	mkreq(&w, 2, LG_OP_WR, 0x1000, 128, 0);
	ck_assert_uint_eq(send(&g, &w, 300), 300 + H);
	ck_assert_uint_eq(g.mem.nlog, 2 + 2);
	for (int i = 0; i < 2; i++) {
		const fmem_log *l = &g.mem.log[2 + i];

		ck_assert_uint_eq(l->op, LG_OP_WR);
		ck_assert_uint_eq(l->addr, 0x1000 + 64 * (uint64_t)i);
		ck_assert_uint_eq(l->off, 0);
		ck_assert_uint_eq(l->bytes, 64);
		ck_assert_uint_eq(l->at, (300 + (uint64_t)i) * NS);
	}
	ck_assert_uint_eq(s->hits[LG_OP_WR], 1);
	ck_assert_uint_eq(s->wt_writes, 2);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 0);
	/* still present: a read at 500 hits */
	mkreq(&b, 3, LG_OP_RD, 0x1040, 32, 0);
	ck_assert_uint_eq(send(&g, &b, 500), 500 + H);
	rig_free(&g);
}
END_TEST

START_TEST(a_store_outside_the_range_stays_until_the_flush)
{
	rig g;
	lg_req w;
	const lg_l2_stats *s;

	rig_init(&g);
	s = lg_l2_stats_get(g.l2);
	mkreq(&w, 1, LG_OP_WR, 0x2000, 32, 0);
	ck_assert_uint_eq(send(&g, &w, 0), H);
	ck_assert_uint_eq(g.mem.nlog, 0);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 1);
	lg_l2_flush(g.l2);
	run_comps(&g.c, 1, 100 * NS, UINT64_MAX / 2);
	ck_assert_uint_eq(g.mem.nlog, 1);
	ck_assert_uint_eq(g.mem.log[0].addr, 0x2000);
	ck_assert_uint_eq(s->flush_writebacks, 1);
	ck_assert_uint_eq(s->wt_writes, 0);
	rig_free(&g);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("356-l2-written-through-range");
	TCase *tc = tcase_create("l2");

	tcase_add_test(tc, a_store_in_the_range_goes_to_memory_without_allocating);
	tcase_add_test(tc, a_store_to_a_present_line_updates_it_and_leaves_it_clean);
	tcase_add_test(tc, a_store_outside_the_range_stays_until_the_flush);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
