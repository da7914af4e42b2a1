/*
 * 108: the controller's plain candidate passes (mc_cand.c: every queued
 * request a COMPUTE read or write, so the traffic class and the leader
 * rule are constants and hit and miss leaders share one set) decide
 * exactly as the class-keyed passes. A trace whose requests are all COMM
 * never takes the plain passes; under the class-blind policy the class
 * changes no decision (leaders are kept per bank and class, and one class
 * is present either way), so the same trace as COMPUTE and as COMM must
 * give the same commands, completions and end time, for every scheduler
 * and page policy, on random and streaming mixes of reads and writes.
 */
#include <stdio.h>

#include "lg_check.h"
#include "mc_testlib.h"

/* Run g as class cls under scheduler sched and page policy page. */
static void run_as(const char *sched, const char *page, gen g, int cls, run_out *o)
{
	lg_cfg c;
	lg_err e;
	char s[64], p[64];

	cfg_hbm2_1ch(&c);
	snprintf(s, sizeof(s), "mc.scheduler=%s", sched);
	snprintf(p, sizeof(p), "system.row_buf_policy=%s", page);
	ck_assert_int_eq(lg_cfg_set_override(&c, s, &e), 0);
	ck_assert_int_eq(lg_cfg_set_override(&c, p, &e), 0);
	g.tclass = cls;
	run_gen(&c, &g, o);
}

/* The two runs agree on everything but the per-class counters. */
static void same_run(const run_out *a, const run_out *b, const char *what)
{
	ck_assert_msg(a->res.end == b->res.end, "%s: end %llu vs %llu", what,
		      (unsigned long long)a->res.end, (unsigned long long)b->res.end);
	ck_assert_uint_eq(a->res.completed, b->res.completed);
	ck_assert_uint_eq(a->st.reads, b->st.reads);
	ck_assert_uint_eq(a->st.writes, b->st.writes);
	ck_assert_uint_eq(a->st.row_hits, b->st.row_hits);
	ck_assert_uint_eq(a->st.row_misses, b->st.row_misses);
	ck_assert_uint_eq(a->st.row_conflicts, b->st.row_conflicts);
	for (int k = 0; k < LG_CMD_N; k++)
		ck_assert_uint_eq(a->st.cmds[k], b->st.cmds[k]);
	ck_assert_uint_eq(a->st.rd_lat.sum, b->st.rd_lat.sum);
	ck_assert_uint_eq(a->st.wr_lat.sum, b->st.wr_lat.sum);
	ck_assert_uint_eq(a->st.last_done, b->st.last_done);
	ck_assert_uint_eq(a->st.drain_entries, b->st.drain_entries);
	ck_assert_uint_eq(a->violations, 0);
	ck_assert_uint_eq(b->violations, 0);
}

START_TEST(compute_and_comm_runs_agree)
{
	static const char *const sched[] = { "fcfs", "frfcfs", "frfcfs_cap" };
	static const char *const page[] = { "OPEN_PAGE", "CLOSE_PAGE", "ADAPTIVE" };
	gen kinds[] = {
		{ .kind = GEN_RANDOM, .n = 4000, .seed = 11, .op = -1, .span = 1ull << 30 },
		{ .kind = GEN_STREAM, .n = 4000, .seed = 12, .op = -1, .span = 1ull << 30 },
		{ .kind = GEN_SAMEROW, .n = 2000, .seed = 13, .op = -1, .span = 1ull << 30 },
	};

	for (size_t s = 0; s < sizeof(sched) / sizeof(*sched); s++)
		for (size_t p = 0; p < sizeof(page) / sizeof(*page); p++)
			for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
				run_out a, b;
				char what[96];

				run_as(sched[s], page[p], kinds[k], LG_TC_COMPUTE, &a);
				run_as(sched[s], page[p], kinds[k], LG_TC_COMM, &b);
				snprintf(what, sizeof(what), "%s %s gen %zu", sched[s], page[p], k);
				same_run(&a, &b, what);
				/* the COMM run really was COMM (class-keyed passes) */
				ck_assert_uint_eq(b.st.cls_reqs[LG_TC_COMM], b.res.completed);
				ck_assert_uint_eq(a.st.cls_reqs[LG_TC_COMPUTE], a.res.completed);
			}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("108-mc-plain-pass-equals-class-keyed");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, compute_and_comm_runs_agree);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
