/*
 * 330: the traffic-class arbiter (mc/class_arb.c) keeps the rules written
 * at the top of class_arb.c: each policy's allow bits, WRR turns and
 * skipped turns, the MCA threshold gate, the threshold update at the end
 * of each window (clipped at both bounds) and the forced, exclusive COMM
 * grant after starve_limit held-back cycles.
 */
#include "mc/class_arb.h"
#include "lg_check.h"

static lg_carb_in mkin(unsigned occ0, unsigned occ1, unsigned rdy0, unsigned rdy1, unsigned arr0)
{
	lg_carb_in in = { { (uint16_t)occ0, (uint16_t)occ1 }, { (uint8_t)rdy0, (uint8_t)rdy1 },
			  { (uint8_t)arr0, 0 } };
	return in;
}

static unsigned step(lg_carb_state *st, const lg_carb_params *p, lg_carb_in in, unsigned *forced)
{
	lg_carb_out o;

	lg_carb_step(st, p, &in, &o);
	if (forced)
		*forced = o.forced;
	return o.allow;
}

START_TEST(names_round_trip)
{
	for (int i = 0; i < LG_CARB_NPOLICY; i++)
		ck_assert_int_eq(lg_carb_policy_parse(lg_carb_policy_name(i)), i);
	ck_assert_int_eq(lg_carb_policy_parse("frfcfs"), -1);
	ck_assert_int_eq(lg_carb_policy_parse(NULL), -1);
}
END_TEST

START_TEST(blind_and_prio)
{
	lg_carb_params p = { .policy = LG_CARB_BLIND, .mca_thr_max = 8, .mca_window = 4 };
	lg_carb_state st;

	lg_carb_init(&st, &p);
	ck_assert_uint_eq(step(&st, &p, mkin(50, 50, 1, 1, 3), NULL), 3);
	ck_assert_uint_eq(st.threshold, 8);     /* no MCA state moves */
	ck_assert_uint_eq(st.epoch_cycle, 0);
	p.policy = LG_CARB_PRIO;
	ck_assert_uint_eq(step(&st, &p, mkin(1, 1, 1, 1, 0), NULL), LG_CARB_ALLOW_COMPUTE);
	ck_assert_uint_eq(step(&st, &p, mkin(1, 1, 0, 1, 0), NULL), 3);
}
END_TEST

START_TEST(wrr_turns_follow_weights_and_skip_idle_class)
{
	lg_carb_params p = { .policy = LG_CARB_WRR, .wrr_weight = { 2, 1 } };
	lg_carb_state st;

	lg_carb_init(&st, &p);
	ck_assert_uint_eq(st.wrr_cls, 0);
	ck_assert_uint_eq(st.wrr_left, 2);
	/* COMPUTE twice, then COMM once, then COMPUTE again */
	ck_assert_uint_eq(step(&st, &p, mkin(1, 1, 1, 1, 0), NULL), LG_CARB_ALLOW_COMPUTE);
	lg_carb_issued(&st, &p, 0);
	ck_assert_uint_eq(st.wrr_left, 1);
	ck_assert_uint_eq(step(&st, &p, mkin(1, 1, 1, 1, 0), NULL), LG_CARB_ALLOW_COMPUTE);
	lg_carb_issued(&st, &p, 0);
	ck_assert_uint_eq(st.wrr_cls, 1);
	ck_assert_uint_eq(st.wrr_left, 1);
	ck_assert_uint_eq(step(&st, &p, mkin(1, 1, 1, 1, 0), NULL), LG_CARB_ALLOW_COMM);
	lg_carb_issued(&st, &p, 1);
	ck_assert_uint_eq(st.wrr_cls, 0);
	ck_assert_uint_eq(st.wrr_left, 2);
	/* COMPUTE holds the turn but has nothing ready: COMM takes it */
	ck_assert_uint_eq(step(&st, &p, mkin(0, 1, 0, 1, 0), NULL), LG_CARB_ALLOW_COMM);
	ck_assert_uint_eq(st.wrr_cls, 1);
	ck_assert_uint_eq(st.wrr_left, 1);
	/* an issue of the class without the turn changes nothing */
	lg_carb_issued(&st, &p, 0);
	ck_assert_uint_eq(st.wrr_cls, 1);
	/* weight 0 is read as 1 */
	p.wrr_weight[0] = 0;
	lg_carb_init(&st, &p);
	ck_assert_uint_eq(st.wrr_left, 1);
}
END_TEST

START_TEST(mca_gate_and_threshold_at_both_bounds)
{
	lg_carb_params p = { .policy = LG_CARB_MCA, .mca_thr_min = 4, .mca_thr_max = 10,
			     .mca_window = 4, .starve_limit = 0 };
	lg_carb_state st;

	lg_carb_init(&st, &p);
	ck_assert_uint_eq(st.threshold, 10);
	/* occupancy 9 < 10: COMM open; 10: closed */
	ck_assert_uint_eq(step(&st, &p, mkin(5, 4, 1, 1, 1), NULL), 3);
	ck_assert_uint_eq(step(&st, &p, mkin(5, 5, 1, 1, 1), NULL), LG_CARB_ALLOW_COMPUTE);
	ck_assert_uint_eq(st.epoch_cycle, 2);
	ck_assert_uint_eq(st.epoch_arrivals, 2);
	step(&st, &p, mkin(0, 0, 0, 0, 0), NULL);
	/* window's last cycle: 3 arrivals -> 10 - 3 = 7 */
	step(&st, &p, mkin(0, 0, 0, 0, 1), NULL);
	ck_assert_uint_eq(st.threshold, 7);
	ck_assert_uint_eq(st.epoch_cycle, 0);
	ck_assert_uint_eq(st.epoch_arrivals, 0);
	/* 4 x 3 = 12 arrivals: clipped at the lower bound 4 */
	for (int i = 0; i < 4; i++)
		step(&st, &p, mkin(0, 0, 0, 0, 3), NULL);
	ck_assert_uint_eq(st.threshold, 4);
	/* a quiet window: back at the upper bound */
	for (int i = 0; i < 4; i++)
		step(&st, &p, mkin(0, 0, 0, 0, 0), NULL);
	ck_assert_uint_eq(st.threshold, 10);
}
END_TEST

/* MCA with a fixed threshold of 2 (window 1000) and starve_limit 3. */
static lg_carb_params mca_starve3(lg_carb_state *st)
{
	lg_carb_params p = { .policy = LG_CARB_MCA, .mca_thr_min = 2, .mca_thr_max = 2,
			     .mca_window = 1000, .starve_limit = 3 };

	lg_carb_init(st, &p);
	return p;
}

START_TEST(mca_starved_comm_is_forced_alone)
{
	lg_carb_state st;
	lg_carb_params p = mca_starve3(&st);
	unsigned f;

	/* occupancy 4 >= 2: COMM held back 3 cycles, forced in the 4th */
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(step(&st, &p, mkin(2, 2, 1, 1, 0), &f), LG_CARB_ALLOW_COMPUTE);
		ck_assert_uint_eq(f, 0);
		ck_assert_uint_eq(st.starve, (unsigned)i + 1);
	}
	ck_assert_uint_eq(step(&st, &p, mkin(2, 2, 1, 1, 0), &f), LG_CARB_ALLOW_COMM);
	ck_assert_uint_eq(f, 1);
	ck_assert_uint_eq(st.starve, 0);
	/* COMM not ready: no starvation counted */
	ck_assert_uint_eq(step(&st, &p, mkin(2, 2, 1, 0, 0), &f), LG_CARB_ALLOW_COMPUTE);
	ck_assert_uint_eq(st.starve, 0);
}
END_TEST

/*
 * A cycle in which COMM is queued but not ready (timing, a refresh) holds
 * the starvation count instead of resetting it, so the forced grant comes
 * at COMM's next ready cycle: a refresh interval shorter than the limit
 * once postponed it for ever (tests/cli/118). With no COMM queued it resets.
 */
START_TEST(mca_starve_held_while_comm_waits)
{
	lg_carb_state st;
	lg_carb_params p = mca_starve3(&st);
	unsigned f;

	for (int i = 0; i < 2; i++)
		step(&st, &p, mkin(2, 2, 1, 1, 0), &f);
	for (int i = 0; i < 10; i++) /* COMM queued, not ready: held at 2 */
		step(&st, &p, mkin(2, 2, 1, 0, 0), &f);
	ck_assert_uint_eq(st.starve, 2);
	step(&st, &p, mkin(2, 2, 1, 1, 0), &f);
	ck_assert_uint_eq(st.starve, 3);
	ck_assert_uint_eq(step(&st, &p, mkin(2, 2, 1, 1, 0), &f), LG_CARB_ALLOW_COMM);
	ck_assert_uint_eq(f, 1);
	for (int i = 0; i < 2; i++)
		step(&st, &p, mkin(2, 2, 1, 1, 0), &f);
	ck_assert_uint_eq(st.starve, 2);
	step(&st, &p, mkin(4, 0, 1, 0, 0), &f); /* no COMM queued: reset */
	ck_assert_uint_eq(st.starve, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("330-class-arb-policies");
	TCase *tc = tcase_create("carb");

	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, blind_and_prio);
	tcase_add_test(tc, wrr_turns_follow_weights_and_skip_idle_class);
	tcase_add_test(tc, mca_gate_and_threshold_at_both_bounds);
	tcase_add_test(tc, mca_starved_comm_is_forced_alone);
	tcase_add_test(tc, mca_starve_held_while_comm_waits);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
