/*
 * 104: push-back when a queue is full (and room checks counted n at
 * once), write-drain watermarks, refresh every tREFI (all-bank) and every
 * tREFIb (per-bank), and the loop jumping over idle time. The controller
 * is driven through its API.
 */
#include "lg_check.h"
#include "mc_testlib.h"

/* A sink that records the completion order of request ids. */
typedef struct order {
	uint64_t ids[256];
	int n;
} order;

static void record(void *ctx, lg_req *r)
{
	order *o = ctx;

	if (o->n < 256)
		o->ids[o->n++] = r->id;
}

/* Tick every memory cycle until nothing is pending (at most limit cycles). */
static lg_ps drain_all(lg_mc *mc, lg_ps now, uint64_t limit)
{
	lg_ps tck = lg_mc_spec(mc)->tCK_ps;

	for (uint64_t i = 0; i < limit && lg_mc_pending(mc); i++, now += tck)
		lg_mc_tick(mc, now);
	return now;
}

static lg_req reqs[256];

/* Request i: read or write at a distinct column of row 0, bank 0. */
static lg_req *mk(int i, int op, uint64_t addr)
{
	memset(&reqs[i], 0, sizeof(reqs[i]));
	reqs[i].id = (uint64_t)i;
	reqs[i].op = (uint8_t)op;
	reqs[i].addr = addr;
	reqs[i].size = 64;
	return &reqs[i];
}

/* A one-channel HBM2 controller completing into sink, its read queue (16) full. */
static lg_mc *full_reads(const lg_req_sink *sink)
{
	lg_cfg c;
	lg_err e;
	lg_mc *mc;

	cfg_hbm2_1ch(&c);
	mc = lg_mc_create(&c, sink, &e);
	ck_assert_ptr_nonnull(mc);
	for (int i = 0; i < 16; i++)
		ck_assert(lg_mc_try_push(mc, mk(i, LG_OP_RD, (uint64_t)i * 64), 0));
	return mc;
}

START_TEST(full_read_queue_pushes_back_and_drops_nothing)
{
	order o = { .n = 0 };
	lg_req_sink sink = { &o, record };
	lg_mc *mc = full_reads(&sink);

	ck_assert(!lg_mc_try_push(mc, mk(16, LG_OP_RD, 16 * 64), 0));
	ck_assert(lg_mc_try_push(mc, mk(17, LG_OP_WR, 0), 0)); /* other queue */
	drain_all(mc, 0, 100000);
	ck_assert_int_eq(o.n, 17);
	ck_assert_uint_eq(lg_mc_unit_stats(mc, 0)->queue_full, 1);
	lg_mc_destroy(mc);
}
END_TEST

/*
 * lg_mc_has_room_at_n (a sleeping L2 slice's skipped offers) counts n
 * refusals in one step when the queue is full, as n lg_mc_has_room_at
 * would: 5 at once, then 1 more = 6; the write queue has room: none.
 */
START_TEST(room_asked_n_times_counts_n_refusals)
{
	order o = { .n = 0 };
	lg_req_sink sink = { &o, record };
	lg_mc *mc = full_reads(&sink);
	lg_dram_addr a;

	lg_mc_decode(mc, 0, &a);
	ck_assert(!lg_mc_has_room_at_n(mc, &a, LG_OP_RD, 5));
	ck_assert_uint_eq(lg_mc_unit_stats(mc, a.unit)->queue_full, 5);
	ck_assert(!lg_mc_has_room_at(mc, &a, LG_OP_RD));
	ck_assert_uint_eq(lg_mc_unit_stats(mc, a.unit)->queue_full, 6);
	ck_assert(lg_mc_has_room_at_n(mc, &a, LG_OP_WR, 7));
	ck_assert_uint_eq(lg_mc_unit_stats(mc, a.unit)->queue_full, 6);
	lg_mc_destroy(mc);
}
END_TEST

/*
 * Write queue depth 16, default watermarks high 100% = 16, low 63% =
 * floor(10.08) = 10. With 16 reads queued, 15 writes wait for the reads;
 * 16 writes start a drain that serves 6 writes (16 -> 10) before any read.
 */
START_TEST(writes_wait_below_high_watermark_and_drain_to_low)
{
	lg_cfg c;
	order o = { .n = 0 };
	lg_req_sink sink = { &o, record };
	lg_err e;
	lg_mc *mc;
	int i, first_write = -1, reads_before;

	cfg_hbm2_1ch(&c);
	mc = lg_mc_create(&c, &sink, &e);
	for (i = 0; i < 15; i++)
		ck_assert(lg_mc_try_push(mc, mk(i, LG_OP_WR, 4096 + (uint64_t)i * 64), 0));
	for (i = 15; i < 31; i++)
		ck_assert(lg_mc_try_push(mc, mk(i, LG_OP_RD, (uint64_t)i * 64), 0));
	drain_all(mc, 0, 100000);
	for (i = 0; i < o.n && first_write < 0; i++)
		if (o.ids[i] < 15)
			first_write = i;
	ck_assert_int_eq(first_write, 16); /* all 16 reads first */
	ck_assert_uint_eq(lg_mc_unit_stats(mc, 0)->drain_entries, 0);
	lg_mc_destroy(mc);

	o.n = 0;
	mc = lg_mc_create(&c, &sink, &e);
	for (i = 0; i < 16; i++)
		ck_assert(lg_mc_try_push(mc, mk(i, LG_OP_WR, 4096 + (uint64_t)i * 64), 0));
	for (i = 16; i < 32; i++)
		ck_assert(lg_mc_try_push(mc, mk(i, LG_OP_RD, (uint64_t)i * 64), 0));
	drain_all(mc, 0, 100000);
	for (reads_before = 0, i = 0; i < 6; i++)
		reads_before += o.ids[i] >= 16;
	ck_assert_int_eq(reads_before, 0);  /* 6 writes drained first */
	ck_assert(o.ids[6] >= 16);          /* then reads again */
	ck_assert_uint_eq(lg_mc_unit_stats(mc, 0)->drain_entries, 1);
	lg_mc_destroy(mc);
}
END_TEST

/* One read at cycle 10 tREFI + 100: exactly 10 REFab before it (due at
 * tREFI, 2 tREFI, ...; one channel, so staggering changes nothing). */
START_TEST(all_bank_refresh_every_trefi)
{
	lg_cfg c;
	gen g = { .kind = GEN_STREAM, .n = 2, .op = LG_OP_RD, .timed = 1, .span = 1 << 20,
		  .period_ps = (10 * 3900 + 100) * 1000ull };
	run_out o;

	cfg_hbm2_1ch(&c);
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.st.cmds[LG_CMD_REFAB], 10);
	ck_assert_uint_eq(o.st.cmds[LG_CMD_REFPB], 0);
}
END_TEST

START_TEST(per_bank_refresh_every_trefib_round_robin)
{
	lg_cfg c;
	gen g = { .kind = GEN_STREAM, .n = 2, .op = LG_OP_RD, .timed = 1, .span = 1 << 20,
		  .period_ps = (100 * 128 + 50) * 1000ull };
	run_out o;
	lg_err e;

	cfg_hbm2_1ch(&c);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "refresh_policy", "BANK_LEVEL_STAGGERED", "t", 1, &e), 0);
	run_gen(&c, &g, &o);
	ck_assert_uint_eq(o.st.cmds[LG_CMD_REFPB], 100);
	ck_assert_uint_eq(o.st.cmds[LG_CMD_REFAB], 0);
}
END_TEST

/*
 * The same 2000 timed reads with and without a 10^9-cycle gap in the
 * middle: the loop takes at most a few more iterations (the refreshes of
 * the gap run inside lg_mc_idle_until). One read every 20 ns is below the
 * channel's random-read rate (about one per 8.5 ns), so no backlog forms:
 * a backlog would make the staging reader wake at each arrival while its
 * FIFO fills, once per backlog, and the gap splits one backlog into two.
 */
START_TEST(a_billion_cycle_gap_costs_no_loop_iterations)
{
	lg_cfg c;
	gen a = { .kind = GEN_RANDOM, .n = 2000, .op = LG_OP_RD, .seed = 9, .timed = 1,
		  .period_ps = 20000, .span = 1ull << 30, .gap_at = 1000, .gap_ps = 0 };
	gen b = a;
	run_out ra, rb;

	b.gap_ps = 1000000000ull * 1000ull;
	cfg_hbm2_1ch(&c);
	run_gen(&c, &a, &ra);
	run_gen(&c, &b, &rb);
	ck_assert_uint_eq(rb.st.reads, 2000);
	ck_assert_msg(rb.res.iterations <= ra.res.iterations + 2, "gap %llu vs %llu iterations",
		      (unsigned long long)rb.res.iterations, (unsigned long long)ra.res.iterations);
	/* the gap was refreshed: about 10^9 / 3900 REFab */
	ck_assert_uint_ge(rb.st.cmds[LG_CMD_REFAB], 1000000000ull / 3900 - 1);
}
END_TEST

/*
 * A tick's progress (what the loop's watchdog counts) is a completed
 * request, not an issued command: one read to a closed bank issues ACT
 * and then RD, and only the RD's tick (the completion) reports progress.
 * A controller that issues commands but never completes a request thus
 * trips the watchdog.
 */
START_TEST(tick_progress_is_a_completed_request)
{
	lg_cfg c;
	order o = { .n = 0 };
	lg_req_sink sink = { &o, record };
	lg_err e;
	lg_mc *mc;
	lg_ps tck, now = 0;
	int progress = 0;

	cfg_hbm2_1ch(&c);
	mc = lg_mc_create(&c, &sink, &e);
	ck_assert_ptr_nonnull(mc);
	tck = lg_mc_spec(mc)->tCK_ps;
	ck_assert(lg_mc_try_push(mc, mk(0, LG_OP_RD, 0), 0));
	for (int i = 0; i < 1000 && lg_mc_pending(mc); i++, now += tck) {
		progress += lg_mc_tick(mc, now);
	}
	ck_assert_int_eq(o.n, 1);
	ck_assert_uint_eq(lg_mc_unit_stats(mc, 0)->cmds[LG_CMD_ACT], 1);
	ck_assert_int_eq(progress, 1);
	lg_mc_destroy(mc);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("104-mc-queues-refresh-and-time");
	TCase *tc = tcase_create("mc");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, full_read_queue_pushes_back_and_drops_nothing);
	tcase_add_test(tc, room_asked_n_times_counts_n_refusals);
	tcase_add_test(tc, writes_wait_below_high_watermark_and_drain_to_low);
	tcase_add_test(tc, all_bank_refresh_every_trefi);
	tcase_add_test(tc, per_bank_refresh_every_trefib_round_robin);
	tcase_add_test(tc, a_billion_cycle_gap_costs_no_loop_iterations);
	tcase_add_test(tc, tick_progress_is_a_completed_request);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
