/*
 * 301: the tracker C model keeps the contract of docs/tracker.md: timing of
 * counts and triggers, back-pressure, table full, re-arm, multi-port,
 * straddle, overlap, miss, saturation, reset. Each timing check looks at
 * both sides of the edge (not yet at t, there at t+1).
 */
#include <string.h>

#include "trk_testlib.h"

/* Program one entry (one clock edge) and return the index it took. */
static unsigned prog(lg_tracker *t, uint32_t base, uint32_t len, uint32_t expect,
		     uint32_t stride, unsigned rearm)
{
	lg_tracker_prog p = { .base = base, .len = len, .expect = expect,
			      .stride = stride, .rearm = rearm, .die = 5,
			      .dst = 0x9000, .op = 1, .dtype = 2 };
	unsigned idx = trk_out(t).prog_idx;

	ck_assert(trk_out(t).prog_ready);
	lg_tracker_set_prog(t, true, &p);
	lg_tracker_step(t);
	lg_tracker_set_prog(t, false, NULL);
	return idx;
}

static uint32_t count_of(lg_tracker *t, unsigned i)
{
	uint32_t c;

	lg_tracker_entry_state(t, i, &c);
	return c;
}

START_TEST(write_counts_next_cycle_and_trigger_shows_with_it)
{
	lg_tracker *t = trk_mk(4, 1);
	unsigned i = prog(t, 0x1000, 256, 128, 0, 0);

	ck_assert_uint_eq(lg_tracker_entry_state(t, i, NULL), LG_TRK_ARMED);
	lg_tracker_set_obs(t, 0, 0x1000, 64);
	ck_assert_uint_eq(count_of(t, i), 0);          /* cycle t: not yet */
	lg_tracker_step(t);
	ck_assert_uint_eq(count_of(t, i), 64);         /* t+1 */
	ck_assert(!trk_out(t).trig_valid);
	lg_tracker_set_obs(t, 0, 0x1040, 64);
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);                  /* same cycle as the count */
	ck_assert_uint_eq(trk_out(t).trig_idx, i);
	ck_assert_uint_eq(trk_out(t).trig_base, 0x1000);
	ck_assert_uint_eq(trk_out(t).trig_die, 5);
	ck_assert_uint_eq(trk_out(t).trig_dst, 0x9000);
	ck_assert(trk_out(t).trig_last);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(fires_at_exact_count_not_one_byte_before)
{
	lg_tracker *t = trk_mk(4, 1);

	prog(t, 0, 1024, 100, 0, 0);
	lg_tracker_set_obs(t, 0, 0, 99);
	lg_tracker_step(t);
	ck_assert(!trk_out(t).trig_valid);
	lg_tracker_set_obs(t, 0, 8, 1);
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(trigger_held_under_backpressure_lowest_index_first)
{
	lg_tracker *t = trk_mk(4, 2);
	unsigned a = prog(t, 0x0000, 64, 64, 0, 0);
	unsigned b = prog(t, 0x1000, 64, 64, 0, 0);

	lg_tracker_set_obs(t, 0, 0x1000, 64);
	lg_tracker_set_obs(t, 1, 0x0000, 64);
	lg_tracker_step(t);
	for (int k = 0; k < 1000; k++)
		lg_tracker_step(t);                    /* ready low for long */
	ck_assert(trk_out(t).trig_valid);
	ck_assert_uint_eq(trk_out(t).trig_idx, a);
	lg_tracker_set_trig_ready(t, true);
	lg_tracker_step(t);                            /* a taken */
	ck_assert(trk_out(t).trig_valid);
	ck_assert_uint_eq(trk_out(t).trig_idx, b);
	lg_tracker_step(t);                            /* b taken */
	ck_assert(!trk_out(t).trig_valid);
	ck_assert_uint_eq(lg_tracker_stats_get(t)->takes, 2);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(full_table_pushes_back_until_a_take_frees_an_entry)
{
	lg_tracker *t = trk_mk(2, 1);
	lg_tracker_prog p = { .base = 0x5000, .len = 64, .expect = 64 };

	prog(t, 0x0000, 64, 64, 0, 0);
	prog(t, 0x1000, 64, 64, 0, 0);
	ck_assert(!trk_out(t).prog_ready);
	lg_tracker_set_prog(t, true, &p);
	lg_tracker_step(t);                            /* waits, not taken */
	ck_assert_uint_eq(lg_tracker_stats_get(t)->programs, 2);
	ck_assert_uint_eq(lg_tracker_stats_get(t)->prog_full, 1);
	lg_tracker_set_prog(t, false, NULL);
	lg_tracker_set_obs(t, 0, 0x1000, 64);
	lg_tracker_step(t);
	lg_tracker_set_trig_ready(t, true);
	ck_assert(!trk_out(t).prog_ready);                 /* take cycle: still full */
	lg_tracker_step(t);
	ck_assert(trk_out(t).prog_ready);                  /* freed entry 1 */
	ck_assert_uint_eq(trk_out(t).prog_idx, 1);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(rearm_advances_base_and_dst_then_frees)
{
	lg_tracker *t = trk_mk(2, 1);
	unsigned i = prog(t, 0x1000, 256, 256, 0x100, 1);

	lg_tracker_set_trig_ready(t, true);
	lg_tracker_set_obs(t, 0, 0x1000, 255);
	lg_tracker_step(t);
	lg_tracker_set_obs(t, 0, 0x10ff, 1);
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);
	ck_assert(!trk_out(t).trig_last);
	lg_tracker_step(t);                            /* taken: re-arm */
	ck_assert_uint_eq(lg_tracker_entry_state(t, i, NULL), LG_TRK_ARMED);
	ck_assert_uint_eq(count_of(t, i), 0);
	lg_tracker_set_obs(t, 0, 0x1000, 200);         /* old range: a miss now */
	lg_tracker_step(t);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 1);
	lg_tracker_set_obs(t, 0, 0x1100, 255);
	lg_tracker_step(t);
	lg_tracker_set_obs(t, 0, 0x11ff, 1);
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);
	ck_assert_uint_eq(trk_out(t).trig_base, 0x1100);
	ck_assert_uint_eq(trk_out(t).trig_dst, 0x9100);
	ck_assert(trk_out(t).trig_last);
	lg_tracker_step(t);
	ck_assert_uint_eq(lg_tracker_entry_state(t, i, NULL), LG_TRK_FREE);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(several_ports_on_one_entry_all_count_in_one_cycle)
{
	lg_tracker *t = trk_mk(4, 4);
	unsigned i = prog(t, 0x0, 4096, 1000, 0, 0);

	for (unsigned p = 0; p < 4; p++)
		lg_tracker_set_obs(t, p, 64 * p, 64);
	lg_tracker_step(t);
	ck_assert_uint_eq(count_of(t, i), 256);
	ck_assert_uint_eq(lg_tracker_stats_get(t)->multi_port, 3);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(straddling_write_counts_all_bytes_in_its_start_entry)
{
	lg_tracker *t = trk_mk(4, 1);
	unsigned a = prog(t, 0x000, 128, 1000, 0, 0);
	unsigned b = prog(t, 0x080, 128, 1000, 0, 0);

	lg_tracker_set_obs(t, 0, 0x60, 64);            /* 32 bytes in each range */
	lg_tracker_step(t);
	ck_assert_uint_eq(count_of(t, a), 64);
	ck_assert_uint_eq(count_of(t, b), 0);
	ck_assert_uint_eq(lg_tracker_stats_get(t)->straddles, 1);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(overlapping_ranges_lowest_index_wins)
{
	lg_tracker *t = trk_mk(4, 1);
	unsigned a = prog(t, 0x100, 0x100, 1000, 0, 0);
	unsigned b = prog(t, 0x000, 0x400, 1000, 0, 0);

	ck_assert_uint_lt(a, b);
	lg_tracker_set_obs(t, 0, 0x180, 32);
	lg_tracker_step(t);
	ck_assert_uint_eq(count_of(t, a), 32);
	ck_assert_uint_eq(count_of(t, b), 0);
	lg_tracker_set_obs(t, 0, 0x300, 32);           /* only b covers it */
	lg_tracker_step(t);
	ck_assert_uint_eq(count_of(t, b), 32);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(write_to_no_armed_range_is_a_miss)
{
	lg_tracker *t = trk_mk(4, 2);

	prog(t, 0x0, 64, 64, 0, 0);
	lg_tracker_set_obs(t, 0, 0x0, 64);             /* completes the entry */
	lg_tracker_set_obs(t, 1, 0x8000, 64);          /* nothing there */
	lg_tracker_step(t);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 1);
	lg_tracker_set_obs(t, 0, 0x0, 64);             /* FIRED range: a miss */
	lg_tracker_step(t);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 2);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(count_saturates_and_still_fires)
{
	lg_tracker *t = trk_mk(4, 1);
	unsigned i = prog(t, 0x0, 1u << 20, 65535, 0, 0);

	for (int k = 0; k < 257; k++) {
		ck_assert(!trk_out(t).trig_valid);
		lg_tracker_set_obs(t, 0, 0x100, 255);  /* 257*255 = 65535 */
		lg_tracker_step(t);
	}
	ck_assert(trk_out(t).trig_valid);
	ck_assert_uint_eq(count_of(t, i), 65535);
	lg_tracker_destroy(t);
	t = trk_mk(4, 2);
	i = prog(t, 0x0, 1u << 20, 65535, 0, 0);
	for (int k = 0; k < 129; k++) {
		lg_tracker_set_obs(t, 0, 0x100, 255);
		lg_tracker_set_obs(t, 1, 0x100, 255);
		lg_tracker_step(t);
	}
	ck_assert_uint_eq(count_of(t, i), 65535);      /* 65790 clipped */
	ck_assert_uint_eq(lg_tracker_stats_get(t)->saturations, 1);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(reset_midstream_empties_table_and_drops_triggers)
{
	lg_tracker *t = trk_mk(4, 1);

	prog(t, 0x0, 64, 64, 0, 0);
	prog(t, 0x100, 64, 64, 0, 0);
	lg_tracker_set_obs(t, 0, 0x0, 64);
	lg_tracker_step(t);
	lg_tracker_set_obs(t, 0, 0x9999, 4);
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);
	lg_tracker_reset(t);
	ck_assert(!trk_out(t).trig_valid);
	ck_assert(trk_out(t).prog_ready);
	ck_assert_uint_eq(trk_out(t).prog_idx, 0);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 0);
	ck_assert_uint_eq(trk_out(t).state_hash, 0);
	lg_tracker_set_obs(t, 0, 0x100, 64);           /* old range: a miss */
	lg_tracker_step(t);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 1);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(zero_expect_fires_one_cycle_after_arming)
{
	lg_tracker *t = trk_mk(4, 1);

	prog(t, 0x0, 64, 0, 0, 0);
	ck_assert(!trk_out(t).trig_valid);                 /* ARMED this cycle */
	lg_tracker_step(t);
	ck_assert(trk_out(t).trig_valid);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(program_in_same_cycle_does_not_see_that_cycles_write)
{
	lg_tracker *t = trk_mk(4, 1);
	lg_tracker_prog p = { .base = 0x0, .len = 64, .expect = 64 };

	lg_tracker_set_prog(t, true, &p);
	lg_tracker_set_obs(t, 0, 0x0, 64);
	lg_tracker_step(t);
	lg_tracker_set_prog(t, false, NULL);
	ck_assert_uint_eq(count_of(t, 0), 0);
	ck_assert_uint_eq(trk_out(t).miss_cnt, 1);
	lg_tracker_destroy(t);
}
END_TEST

START_TEST(bad_parameters_are_rejected)
{
	lg_tracker_params p = { 200, 4, 32, 16 };
	lg_err e;

	ck_assert_ptr_null(lg_tracker_create(&p, &e));
	ck_assert_msg(strstr(e.msg, "entries 2..128"), "%s", e.msg);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("301-tracker-behaviour");
	TCase *tc = tcase_create("tracker");

	tcase_add_test(tc, write_counts_next_cycle_and_trigger_shows_with_it);
	tcase_add_test(tc, fires_at_exact_count_not_one_byte_before);
	tcase_add_test(tc, trigger_held_under_backpressure_lowest_index_first);
	tcase_add_test(tc, full_table_pushes_back_until_a_take_frees_an_entry);
	tcase_add_test(tc, rearm_advances_base_and_dst_then_frees);
	tcase_add_test(tc, several_ports_on_one_entry_all_count_in_one_cycle);
	tcase_add_test(tc, straddling_write_counts_all_bytes_in_its_start_entry);
	tcase_add_test(tc, overlapping_ranges_lowest_index_wins);
	tcase_add_test(tc, write_to_no_armed_range_is_a_miss);
	tcase_add_test(tc, count_saturates_and_still_fires);
	tcase_add_test(tc, reset_midstream_empties_table_and_drops_triggers);
	tcase_add_test(tc, zero_expect_fires_one_cycle_after_arming);
	tcase_add_test(tc, program_in_same_cycle_does_not_see_that_cycles_write);
	tcase_add_test(tc, bad_parameters_are_rejected);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
