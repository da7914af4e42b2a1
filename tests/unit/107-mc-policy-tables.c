/*
 * 107: the controller's policy tables. The config choices of mc.scheduler,
 * system.row_buf_policy and mc.class_policy are the names of the policy
 * tables (one list, mc/policy_list.h), each name finds its policy; and a
 * scheduler policy's state moves only through its on_issue hook:
 * frfcfs_cap, which counts column commands per bank since the bank's ACT,
 * prefers a ready row hit over an older miss's PRE on the same bank until
 * row_hit_cap column commands were issued there, then takes the PRE.
 * A policy's pick_set chooses what its pick chooses from the candidates
 * of the set, in order (random candidates and sets, one and two command
 * buses).
 */
#include <stdlib.h>
#include <string.h>

#include "core/lg_config.h"
#include "dram/dram_timing.h"
#include "lg_check.h"
#include "mc/class_arb.h"
#include "mc/page.h"
#include "mc/sched.h"

/* names[0..n) joined with '|'. */
static void join(char *buf, size_t len, const char *const *names, int n)
{
	buf[0] = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(buf, "|", len - strlen(buf) - 1);
		strncat(buf, names[i], len - strlen(buf) - 1);
	}
}

START_TEST(config_choices_are_the_policy_tables)
{
	const char *carb[LG_CARB_NPOLICY];
	const char *const *names;
	char buf[256];
	int n;

	names = lg_sched_names(&n);
	join(buf, sizeof(buf), names, n);
	ck_assert_str_eq(lg_cfg_find("mc", "scheduler")->choices, buf);
	for (int i = 0; i < n; i++)
		ck_assert_ptr_nonnull(lg_sched_find(names[i]));
	ck_assert_ptr_null(lg_sched_find("frfcfs_"));
	names = lg_page_names(&n);
	join(buf, sizeof(buf), names, n);
	ck_assert_str_eq(lg_cfg_find("system", "row_buf_policy")->choices, buf);
	for (int i = 0; i < n; i++)
		ck_assert_ptr_nonnull(lg_page_find(names[i]));
	for (int i = 0; i < LG_CARB_NPOLICY; i++)
		carb[i] = lg_carb_policy_name(i);
	join(buf, sizeof(buf), carb, LG_CARB_NPOLICY);
	ck_assert_str_eq(lg_cfg_find("mc", "class_policy")->choices, buf);
}
END_TEST

/* A ready candidate on bank b: a hit (RD), or a row command (PRE). */
static lg_sched_cand cand(unsigned b, int hit, int blocked)
{
	lg_sched_cand c;

	memset(&c, 0, sizeof(c));
	c.bank = (uint16_t)b;
	c.hit = (uint8_t)hit;
	c.row = (uint8_t)!hit;
	c.cmd = (uint8_t)(hit ? LG_CMD_RD : LG_CMD_PRE);
	c.pre_blocked = (uint8_t)blocked;
	return c;
}

START_TEST(frfcfs_cap_state_moves_through_on_issue)
{
	const lg_sched_policy *pol = lg_sched_find("frfcfs_cap");
	lg_sched_params p = { .row_hit_cap = 2, .banks = 4, .one_cmd = 1 };
	/* oldest: a miss on bank 1 (its PRE blocked by the hit), then a hit */
	lg_sched_cand c[2] = { cand(1, 0, 1), cand(1, 1, 0) };
	lg_sched_cand act = cand(1, 0, 0);
	void *st;
	int col, row;

	ck_assert_ptr_nonnull(pol);
	ck_assert_ptr_nonnull(pol->state_bytes);
	ck_assert_ptr_nonnull(pol->on_issue);
	st = calloc(1, pol->state_bytes(&p));
	ck_assert_ptr_nonnull(st);
	act.cmd = LG_CMD_ACT;
	pol->on_issue(st, &p, &act, 0);
	for (int k = 0; k < 2; k++) { /* under the cap: the hit goes */
		pol->pick(st, &p, c, 2, 10, &col, &row);
		ck_assert_int_eq(col, 1);
		ck_assert_int_eq(row, -1);
		pol->on_issue(st, &p, &c[1], 10);
	}
	pol->pick(st, &p, c, 2, 10, &col, &row); /* at the cap: the older miss */
	ck_assert_int_eq(col, -1);
	ck_assert_int_eq(row, 0);
	pol->on_issue(st, &p, &act, 11); /* a new ACT restarts the count */
	pol->pick(st, &p, c, 2, 12, &col, &row);
	ck_assert_int_eq(col, 1);
	free(st);
}
END_TEST

/* A pseudo-random number below n (LCG; the test is the same every run). */
static unsigned rnd(uint64_t *x, unsigned n)
{
	*x = *x * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((*x >> 33) % n);
}

START_TEST(pick_set_equals_pick_over_the_set)
{
	int n, tried = 0;
	const char *const *names = lg_sched_names(&n);
	uint64_t x = 1;

	for (int k = 0; k < n; k++) {
		const lg_sched_policy *pol = lg_sched_find(names[k]);

		if (!pol->pick_set)
			continue;
		for (int run = 0; run < 4000; run++) {
			lg_sched_params p = { .row_hit_cap = 4, .banks = 16, .one_cmd = run & 1 };
			lg_sched_cand c[64], sub[64];
			int pos[64], m = 0, n_c = 1 + (int)rnd(&x, 64), col, row, col2, row2;
			uint64_t set = 0, now = 100;

			for (int i = 0; i < n_c; i++) {
				c[i] = cand(rnd(&x, 16), (int)rnd(&x, 2), (int)rnd(&x, 2));
				c[i].earliest = now - 2 + rnd(&x, 4); /* ready or not */
				if (rnd(&x, 3))
					set |= 1ull << i;
			}
			for (int i = 0; i < n_c; i++)
				if ((set >> i) & 1) {
					sub[m] = c[i];
					pos[m++] = i;
				}
			pol->pick(NULL, &p, sub, m, now, &col, &row);
			pol->pick_set(NULL, &p, c, set, now, &col2, &row2);
			ck_assert_int_eq(col2, col >= 0 ? pos[col] : -1);
			ck_assert_int_eq(row2, row >= 0 ? pos[row] : -1);
		}
		tried++;
	}
	ck_assert_int_gt(tried, 0); /* frfcfs gives one */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("107-mc-policy-tables");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, config_choices_are_the_policy_tables);
	tcase_add_test(tc, frfcfs_cap_state_moves_through_on_issue);
	tcase_add_test(tc, pick_set_equals_pick_over_the_set);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
