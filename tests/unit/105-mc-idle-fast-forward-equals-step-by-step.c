/*
 * 105: the idle fast-forward (lg_mc_idle_until accounting whole refresh
 * periods in closed form) changes nothing but speed. Each case replays the
 * same timed trace with a long gap twice, once with the fast-forward and
 * once forced step by step (lg_mc_set_fastforward(false)), and requires
 * identical per-unit stats (every counter: commands, background cycles,
 * latencies), the same end time and loop iterations, and byte-identical
 * command logs. Cases cover all-bank refresh staggered over channels,
 * all-bank refresh of two pseudo-channels sharing a row command bus (HBM3,
 * RANK_LEVEL_SIMULTANEOUS: the second REFab of each pair waits a cycle),
 * per-bank refresh, open rows at the start of the gap and writes. The
 * fast run must really have skipped periods, or the test proves nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "lg_check.h"
#include "mc_testlib.h"

typedef struct ff_run {
	mc_result res;
	lg_mc_stats st[64];
	int units;
	uint64_t skipped;
	char *log;
	size_t loglen;
} ff_run;

/* Replay g through a controller from c, fast-forward on or off, logging commands. */
static void run_ff(const lg_cfg *c, gen g, int ff, ff_run *o)
{
	lg_reqpool *pool = lg_reqpool_create();
	lg_req_sink sink = { pool, lg_reqpool_done };
	lg_err e;
	lg_mc *mc = lg_mc_create(c, &sink, &e);
	FILE *f = open_memstream(&o->log, &o->loglen);
	lg_cmdlog *log = lg_cmdlog_open(f);

	ck_assert_msg(mc != NULL, "%s", e.msg);
	lg_mc_set_fastforward(mc, ff);
	lg_mc_set_cmdlog(mc, log);
	ck_assert_int_eq(run_replay(mc, pool, &g, &o->res, &e), 0);
	o->units = lg_dram_units(lg_mc_spec(mc));
	ck_assert_int_le(o->units, 64);
	for (int u = 0; u < o->units; u++)
		o->st[u] = *lg_mc_unit_stats(mc, (unsigned)u);
	o->skipped = lg_mc_ff_skipped(mc);
	ck_assert_int_eq(lg_cmdlog_close(log), 0);
	fclose(f);
	lg_mc_destroy(mc);
	lg_reqpool_destroy(pool);
}

/* Both runs of g on c agree; the fast one skipped at least min_skip periods. */
static void same_both_ways(const lg_cfg *c, gen g, uint64_t min_skip)
{
	ff_run *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));

	run_ff(c, g, 1, a);
	run_ff(c, g, 0, b);
	ck_assert_uint_ge(a->skipped, min_skip);
	ck_assert_uint_eq(b->skipped, 0);
	ck_assert_uint_eq(a->res.end, b->res.end);
	ck_assert_uint_eq(a->res.iterations, b->res.iterations);
	ck_assert_uint_eq(a->res.completed, g.n);
	for (int u = 0; u < a->units; u++) {
		ck_assert_uint_eq(a->st[u].cmds[LG_CMD_REFAB], b->st[u].cmds[LG_CMD_REFAB]);
		ck_assert_uint_eq(a->st[u].cmds[LG_CMD_REFPB], b->st[u].cmds[LG_CMD_REFPB]);
		ck_assert_msg(memcmp(&a->st[u], &b->st[u], sizeof(a->st[u])) == 0,
			      "unit %d: stats differ", u);
	}
	ck_assert_uint_eq(a->loglen, b->loglen);
	ck_assert_msg(memcmp(a->log, b->log, a->loglen) == 0, "command logs differ");
	free(a->log);
	free(b->log);
	free(a);
	free(b);
}

/* 2000 random timed reads, one per 20 ns, with a gap after the 1000th. */
static gen gapped(uint64_t gap_cycles, int op)
{
	gen g = { .kind = GEN_RANDOM, .n = 2000, .op = op, .seed = 5, .timed = 1,
		  .period_ps = 20000, .span = 1ull << 30, .gap_at = 1000,
		  .gap_ps = gap_cycles * 1000ull };

	return g;
}

/* HBM3 preset with two channels (four pseudo-channels). */
static void cfg_hbm3_2ch(lg_cfg *c)
{
	lg_err e;

	lg_cfg_defaults(c);
	ck_assert_msg(lg_cfg_load_file(c, LG_ROOT "/configs/hbm3.ini", &e) == 0, "%s", e.msg);
	c->system.channels = 2;
}

/* HBM2, one channel, REFab every tREFI: a 10^9-cycle gap (~256k REFab). */
START_TEST(all_bank_refresh_gap_same_stats_and_log)
{
	lg_cfg c;

	cfg_hbm2_1ch(&c);
	same_both_ways(&c, gapped(1000000000ull, LG_OP_RD), 200000);
}
END_TEST

/* HBM2, two channels, per-bank refresh, 2:1 reads:writes. */
START_TEST(per_bank_refresh_gap_same_stats_and_log)
{
	lg_cfg c;
	lg_err e;

	cfg_hbm2_1ch(&c);
	c.system.channels = 2;
	ck_assert_int_eq(lg_cfg_set(&c, "system", "refresh_policy", "BANK_LEVEL_STAGGERED", "t", 1, &e), 0);
	same_both_ways(&c, gapped(20000000ull, -1), 1000);
}
END_TEST

/* HBM3: two pseudo-channels refresh in the same cycle and share the row bus. */
START_TEST(pseudo_channels_sharing_the_row_bus_same_stats_and_log)
{
	lg_cfg c;
	lg_err e;

	cfg_hbm3_2ch(&c);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "refresh_policy", "RANK_LEVEL_SIMULTANEOUS", "t", 1, &e), 0);
	same_both_ways(&c, gapped(20000000ull, LG_OP_RD), 1000);
}
END_TEST

/* HBM3 per-bank refresh (tREFIb 633, tRFCb 520, 16 banks). */
START_TEST(hbm3_per_bank_refresh_same_stats_and_log)
{
	lg_cfg c;
	lg_err e;

	cfg_hbm3_2ch(&c);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "refresh_policy", "BANK_LEVEL_STAGGERED", "t", 1, &e), 0);
	same_both_ways(&c, gapped(20000000ull, -1), 1000);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("105-mc-idle-fast-forward-equals-step-by-step");
	TCase *tc = tcase_create("mc");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, all_bank_refresh_gap_same_stats_and_log);
	tcase_add_test(tc, per_bank_refresh_gap_same_stats_and_log);
	tcase_add_test(tc, pseudo_channels_sharing_the_row_bus_same_stats_and_log);
	tcase_add_test(tc, hbm3_per_bank_refresh_same_stats_and_log);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
