/*
 * 103: the controller end to end on one HBM2 channel, driven by in-memory
 * generators: lone-read latency, streaming bandwidth, row-hit rates of
 * random and same-row traffic, and determinism.
 */
#include "lg_check.h"
#include "mc_testlib.h"

/*
 * A lone read: accepted in cycle c, ACT at c + 1 (one tCK for the
 * scheduling decision), RD at c + 1 + tRCD, last data at + CL + burst:
 * 1 + 14 + 14 + 2 = 31 tCK.
 */
START_TEST(lone_read_latency_is_trcd_cl_burst_plus_one)
{
	lg_cfg c;
	gen g = { .kind = GEN_STREAM, .n = 1, .op = LG_OP_RD, .timed = 1, .span = 1 << 20 };
	run_out o;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.st.reads, 1);
	ck_assert_uint_eq(o.st.rd_lat.max, 1 + 14 + 14 + 2);
	ck_assert_uint_eq(o.st.cmds[LG_CMD_ACT], 1);
}
END_TEST

/* Peak is 64 B per burst of 2 tCK = 32 GB/s; refresh costs 260/3900. */
START_TEST(streaming_reads_reach_90_percent_of_peak)
{
	lg_cfg c;
	gen g = { .kind = GEN_STREAM, .n = 200000, .op = LG_OP_RD, .span = 1ull << 30 };
	run_out o;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.st.reads, 200000);
	ck_assert_msg(o.GBps >= 0.9 * 32.0, "stream %.2f GB/s", o.GBps);
	ck_assert_msg(o.GBps <= 32.0, "stream %.2f GB/s above peak", o.GBps);
}
END_TEST

START_TEST(uniform_random_reads_almost_never_hit_the_open_row)
{
	lg_cfg c;
	gen g = { .kind = GEN_RANDOM, .n = 50000, .op = LG_OP_RD, .seed = 7, .span = 1ull << 30 };
	run_out o;
	double hr;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g, &o);
	hr = (double)o.st.row_hits / (double)(o.st.reads + o.st.writes);
	ck_assert_msg(hr < 0.05, "row-hit rate %.4f", hr);
	/* tFAW-bound: 4 ACT per 30 tCK x 64 B = 8.53 GB/s at most */
	ck_assert_msg(o.GBps < 8.54 && o.GBps > 6.5, "random %.2f GB/s", o.GBps);
}
END_TEST

START_TEST(same_row_burst_almost_always_hits)
{
	lg_cfg c;
	gen g = { .kind = GEN_SAMEROW, .n = 20000, .op = LG_OP_RD, .span = 1ull << 30 };
	run_out o;
	double hr;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g, &o);
	hr = (double)o.st.row_hits / (double)(o.st.reads + o.st.writes);
	ck_assert_msg(hr > 0.95, "row-hit rate %.4f", hr);
}
END_TEST

START_TEST(two_runs_give_identical_stats)
{
	lg_cfg c;
	gen g1 = { .kind = GEN_RANDOM, .n = 20000, .op = -1, .seed = 3, .span = 1ull << 30 };
	gen g2 = g1;
	run_out a, b;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g1, &a);
	run_gen(&c, &g2, &b);
	ck_assert_int_eq(memcmp(&a.st, &b.st, sizeof(a.st)), 0);
	ck_assert_uint_eq(a.res.end, b.res.end);
	ck_assert_uint_eq(a.res.iterations, b.res.iterations);
}
END_TEST

/*
 * Every scheduler x page policy x refresh policy completes a mixed trace
 * (random, then a streaming stretch) on 1 and 4 channels without one
 * command issued before lg_dram_earliest() allows it.
 */
START_TEST(every_policy_mix_completes_without_an_early_command)
{
	static const char *const sched[] = { "fcfs", "frfcfs", "frfcfs_cap" };
	static const char *const page[] = { "OPEN_PAGE", "CLOSE_PAGE", "ADAPTIVE" };
	static const char *const ref[] = { "RANK_LEVEL_STAGGERED", "BANK_LEVEL_STAGGERED" };
	lg_cfg c;
	gen g = { .kind = GEN_RANDOM, .n = 6000, .op = -1, .seed = 11, .span = 1ull << 24 };
	gen s = { .kind = GEN_STREAM, .n = 4000, .op = -1, .seed = 12, .span = 1ull << 24 };
	run_out o;
	lg_err e;

	cfg_hbm2_1ch(&c);
	c.system.channels = _i % 2 ? 4 : 1;
	ck_assert_int_eq(lg_cfg_set(&c, "mc", "scheduler", sched[_i / 12], "t", 1, &e), 0);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "row_buf_policy", page[_i / 4 % 3], "t", 1, &e), 0);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "refresh_policy", ref[_i / 2 % 2], "t", 1, &e), 0);
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.res.watchdog, 0);
	ck_assert_uint_eq(o.st.reads + o.st.writes, 6000);
	ck_assert_uint_eq(o.violations, 0);
	if (_i / 4 % 3 == 1) /* closed page: every column command auto-precharges */
		ck_assert_uint_eq(o.st.cmds[LG_CMD_RD] + o.st.cmds[LG_CMD_WR], 0);
	run_gen(&c, &s, &o);
	ck_assert_uint_eq(o.violations, 0);
}
END_TEST

/* The HBM3 preset: two pseudo-channels share each channel's command buses. */
START_TEST(hbm3_pseudo_channels_issue_no_early_command)
{
	lg_cfg c;
	gen g = { .kind = GEN_RANDOM, .n = 20000, .op = -1, .seed = 4, .span = 1ull << 26 };
	gen s = { .kind = GEN_STREAM, .n = 20000, .op = LG_OP_RD, .span = 1ull << 26 };
	run_out o;
	lg_err e;

	lg_cfg_defaults(&c);
	ck_assert_msg(lg_cfg_load_file(&c, LG_ROOT "/configs/hbm3.ini", &e) == 0, "%s", e.msg);
	c.system.channels = 2;
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.violations, 0);
	ck_assert_uint_eq(o.st.reads + o.st.writes, 20000);
	run_gen(&c, &s, &o);
	ck_assert_uint_eq(o.violations, 0);
	/* A JESD238 pseudo-channel peaks at 32 B per 4 tCK of 0.384615 ns =
	 * 20.8 GB/s, the 4 of 2 channels at 83.2; the in-order stream fills
	 * one pseudo-channel's queue at a time (1 KB rows), so more than two
	 * pseudo-channels' worth proves they overlap. */
	ck_assert_msg(o.GBps > 2 * 20.8 && o.GBps <= 4 * 20.81, "hbm3 stream %.2f GB/s", o.GBps);
}
END_TEST

START_TEST(frfcfs_hits_more_than_fcfs)
{
	lg_cfg c;
	gen g1 = { .kind = GEN_RANDOM, .n = 20000, .op = LG_OP_RD, .seed = 5, .span = 1ull << 16 };
	gen g2 = g1;
	run_out f, fr;
	lg_err e;

	cfg_hbm2_1ch(&c);
	ck_assert_int_eq(lg_cfg_set(&c, "mc", "scheduler", "fcfs", "t", 1, &e), 0);
	run_gen(&c, &g1, &f);
	ck_assert_int_eq(lg_cfg_set(&c, "mc", "scheduler", "frfcfs", "t", 1, &e), 0);
	run_gen(&c, &g2, &fr);
	ck_assert_msg(fr.st.row_hits > f.st.row_hits, "frfcfs %llu <= fcfs %llu",
		      (unsigned long long)fr.st.row_hits, (unsigned long long)f.st.row_hits);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("103-mc-bandwidth-and-row-hits");
	TCase *tc = tcase_create("mc");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lone_read_latency_is_trcd_cl_burst_plus_one);
	tcase_add_test(tc, streaming_reads_reach_90_percent_of_peak);
	tcase_add_test(tc, uniform_random_reads_almost_never_hit_the_open_row);
	tcase_add_test(tc, same_row_burst_almost_always_hits);
	tcase_add_test(tc, two_runs_give_identical_stats);
	tcase_add_loop_test(tc, every_policy_mix_completes_without_an_early_command, 0, 36);
	tcase_add_test(tc, hbm3_pseudo_channels_issue_no_early_command);
	tcase_add_test(tc, frfcfs_hits_more_than_fcfs);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
