/*
 * 102: every timing constraint, on both sides of its edge. lg_dram_earliest
 * returning exactly T means the command is illegal at T-1 and legal at T.
 * Expected values are hand-computed from the HBM2 defaults (DRAMsim3
 * HBM2_8Gb_x128): tRCD 14, tRP 14, tRAS 34, tRC 48, CL 14, CWL 4, burst 2,
 * tCCD_S 1, tCCD_L 2, tRRD_S 4, tRRD_L 6, tFAW 30, tWTR_S 6, tWTR_L 8,
 * tRTP_L 6, tWR 16, tRTRS 2, tRFC 260, tRFCb 20.
 * Banks: bank = bg * 4 + ba, so banks 0 and 1 share bank group 0, bank 4
 * is in bank group 1.
 */
#include "core/lg_config.h"
#include "dram/dram_spec.h"
#include "dram/dram_timing.h"
#include "lg_check.h"

static lg_dram *d;

static void setup(void)
{
	lg_cfg c;
	lg_dram_spec s;
	lg_err e;

	lg_cfg_defaults(&c);
	c.system.channels = 1;
	c.system.channel_size = 1024;
	ck_assert_int_eq(lg_dram_spec_from_cfg(&s, &c, &e), 0);
	d = lg_dram_create(&s, &e);
	ck_assert_ptr_nonnull(d);
}

static void teardown(void)
{
	lg_dram_destroy(d);
}

/* Assert illegal at t-1, legal at t. */
#define EDGE(cmd, bank, t) ck_assert_uint_eq(lg_dram_earliest(d, 0, cmd, bank), (t))
#define ISSUE(cmd, bank, row, t) lg_dram_issue(d, 0, cmd, bank, row, t)

START_TEST(trcd_act_to_rd_and_wr)
{
	ISSUE(LG_CMD_ACT, 0, 5, 100);
	EDGE(LG_CMD_RD, 0, 114);
	EDGE(LG_CMD_WR, 0, 114);
}
END_TEST

START_TEST(tras_act_to_pre_and_trp_pre_to_act)
{
	ISSUE(LG_CMD_ACT, 0, 5, 100);
	EDGE(LG_CMD_PRE, 0, 134);
	ISSUE(LG_CMD_PRE, 0, 0, 200);
	EDGE(LG_CMD_ACT, 0, 214);
}
END_TEST

START_TEST(trc_act_to_act_same_bank)
{
	ISSUE(LG_CMD_ACT, 0, 5, 100);
	ISSUE(LG_CMD_PRE, 0, 0, 134);
	EDGE(LG_CMD_ACT, 0, 148); /* tRC = tRAS + tRP, equal to PRE + tRP here */
}
END_TEST

START_TEST(trrd_s_and_trrd_l)
{
	ISSUE(LG_CMD_ACT, 0, 5, 100);
	EDGE(LG_CMD_ACT, 4, 104);  /* other bank group */
	EDGE(LG_CMD_ACT, 1, 106);  /* same bank group */
}
END_TEST

START_TEST(tfaw_fifth_act_waits_for_window)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_ACT, 4, 1, 4);
	ISSUE(LG_CMD_ACT, 8, 1, 8);
	ISSUE(LG_CMD_ACT, 12, 1, 12);
	EDGE(LG_CMD_ACT, 5, 30);
}
END_TEST

START_TEST(tccd_s_and_tccd_l_not_below_burst)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_ACT, 4, 1, 4);
	ISSUE(LG_CMD_ACT, 1, 1, 10);
	ISSUE(LG_CMD_RD, 0, 0, 100);
	EDGE(LG_CMD_RD, 4, 102);  /* max(burst 2, tCCD_S 1) */
	EDGE(LG_CMD_RD, 1, 102);  /* max(burst 2, tCCD_L 2) */
	ISSUE(LG_CMD_WR, 0, 0, 200);
	EDGE(LG_CMD_WR, 4, 202);
}
END_TEST

START_TEST(twtr_from_end_of_write_data)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_ACT, 4, 1, 4);
	ISSUE(LG_CMD_ACT, 1, 1, 10);
	ISSUE(LG_CMD_WR, 0, 0, 200);
	EDGE(LG_CMD_RD, 4, 200 + 4 + 2 + 6); /* WL + burst + tWTR_S */
	EDGE(LG_CMD_RD, 1, 200 + 4 + 2 + 8); /* WL + burst + tWTR_L */
}
END_TEST

START_TEST(read_to_write_turnaround)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_RD, 0, 0, 100);
	EDGE(LG_CMD_WR, 0, 100 + 14 + 2 - 4 + 2); /* RL + burst - WL + tRTRS */
}
END_TEST

START_TEST(trtp_read_to_precharge)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_RD, 0, 0, 100);
	EDGE(LG_CMD_PRE, 0, 106);
}
END_TEST

START_TEST(twr_write_recovery_before_precharge)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_WR, 0, 0, 100);
	EDGE(LG_CMD_PRE, 0, 100 + 4 + 2 + 16);
}
END_TEST

START_TEST(rda_internal_precharge_waits_for_tras)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	EDGE(LG_CMD_RDA, 0, 14);
	ISSUE(LG_CMD_RDA, 0, 0, 14);  /* internal PRE at max(14 + tRTP, tRAS) = 34 */
	EDGE(LG_CMD_ACT, 0, 34 + 14);
}
END_TEST

START_TEST(wra_internal_precharge_after_write_recovery)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_WRA, 0, 0, 20);  /* internal PRE at 20 + WL + burst + tWR = 42 */
	EDGE(LG_CMD_ACT, 0, 42 + 14);
}
END_TEST

START_TEST(trfc_all_bank_refresh)
{
	EDGE(LG_CMD_REFAB, 0, 0);
	ISSUE(LG_CMD_REFAB, 0, 0, 10);
	EDGE(LG_CMD_ACT, 3, 270);
	EDGE(LG_CMD_REFAB, 0, 270);
}
END_TEST

START_TEST(refab_needs_every_bank_precharged_for_trp)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_REFAB, 0), LG_NEVER);
	EDGE(LG_CMD_PREA, 0, 34);
	ISSUE(LG_CMD_PREA, 0, 0, 40);
	EDGE(LG_CMD_REFAB, 0, 54);
}
END_TEST

START_TEST(trfcb_per_bank_refresh)
{
	ISSUE(LG_CMD_REFPB, 0, 0, 10);
	EDGE(LG_CMD_ACT, 0, 30);     /* tRFCb */
	EDGE(LG_CMD_ACT, 4, 14);     /* tRRD_S to another group */
	EDGE(LG_CMD_REFPB, 1, 16);   /* tRRD_L within the group */
}
END_TEST

START_TEST(dual_command_bus_one_row_and_one_column_per_cycle)
{
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ISSUE(LG_CMD_ACT, 4, 1, 4);
	ISSUE(LG_CMD_RD, 0, 0, 20);
	ISSUE(LG_CMD_ACT, 8, 1, 20);   /* row command in the same tCK */
	EDGE(LG_CMD_RD, 4, 22);
	EDGE(LG_CMD_PRE, 4, 38);
}
END_TEST

START_TEST(state_forbids_wrong_commands)
{
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_RD, 0), LG_NEVER);
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_PRE, 0), LG_NEVER);
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_PREA, 0), LG_NEVER);
	ISSUE(LG_CMD_ACT, 0, 1, 0);
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_ACT, 0), LG_NEVER);
	ck_assert_uint_eq(lg_dram_earliest(d, 0, LG_CMD_REFPB, 0), LG_NEVER);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("102-dram-timing-edges");
	TCase *tc = tcase_create("edges");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, trcd_act_to_rd_and_wr);
	tcase_add_test(tc, tras_act_to_pre_and_trp_pre_to_act);
	tcase_add_test(tc, trc_act_to_act_same_bank);
	tcase_add_test(tc, trrd_s_and_trrd_l);
	tcase_add_test(tc, tfaw_fifth_act_waits_for_window);
	tcase_add_test(tc, tccd_s_and_tccd_l_not_below_burst);
	tcase_add_test(tc, twtr_from_end_of_write_data);
	tcase_add_test(tc, read_to_write_turnaround);
	tcase_add_test(tc, trtp_read_to_precharge);
	tcase_add_test(tc, twr_write_recovery_before_precharge);
	tcase_add_test(tc, rda_internal_precharge_waits_for_tras);
	tcase_add_test(tc, wra_internal_precharge_after_write_recovery);
	tcase_add_test(tc, trfc_all_bank_refresh);
	tcase_add_test(tc, refab_needs_every_bank_precharged_for_trp);
	tcase_add_test(tc, trfcb_per_bank_refresh);
	tcase_add_test(tc, dual_command_bus_one_row_and_one_column_per_cycle);
	tcase_add_test(tc, state_forbids_wrong_commands);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
