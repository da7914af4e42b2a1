/*
 * 402: every Accel-Sim address mode (0 list-all, 1 base+stride, 2
 * base+delta) decodes to the exact per-lane addresses, both straight from
 * the .traceg fixtures and after a trip through lgt. Expected values are
 * worked out by hand from tests/data/accelsim/kernel-{1,2,3}.traceg.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/ktrace.h"
#include "kt_files.h"
#include "lg_check.h"

/* Lanes of instruction i of warp (kernel k, cta x, warp w) of the trace. */
static int lanes_of(const char *path, uint32_t k, uint32_t x, uint32_t w, size_t i,
		    uint64_t a[32], uint32_t *mask, uint8_t *amode)
{
	lg_err e;
	lg_kt_reader *r = lg_kt_open(path, NULL, &e);
	int ev, n = -1;
	uint32_t kern = 0;

	ck_assert_msg(r != NULL, "%s", e.msg);
	while ((ev = lg_kt_next(r, &e)) > 0) {
		const lg_kt_warp *wp = lg_kt_cur_warp(r);

		if (ev == LG_KT_EV_KERNEL)
			kern = lg_kt_cur_kernel(r)->id;
		if (ev != LG_KT_EV_WARP || kern != k || wp->cta[0] != x || wp->warp != w)
			continue;
		ck_assert_uint_lt(i, wp->n);
		n = lg_kt_insn_lanes(wp, &wp->insn[i], a);
		*mask = wp->insn[i].mask;
		*amode = wp->insn[i].amode;
		break;
	}
	ck_assert_int_ge(ev, 0);
	lg_kt_close(r);
	return n;
}

static void check_all(const char *path)
{
	uint64_t a[32];
	uint32_t m;
	uint8_t am;

	/* mode 0: kernel 1, cta 0, warp 0, LDG.E, mask 0xf */
	ck_assert_int_eq(lanes_of(path, 1, 0, 0, 1, a, &m, &am), 4);
	ck_assert_uint_eq(am, LG_KT_AM_LIST);
	ck_assert_uint_eq(a[0], 0x7f1000000000ull);
	ck_assert_uint_eq(a[1], 0x7f1000000100ull);
	ck_assert_uint_eq(a[2], 0x7f1000000008ull);
	ck_assert_uint_eq(a[3], 0x7f1000000404ull);
	ck_assert_uint_eq(a[4], 0);
	/* mode 0, sparse mask 0x80000001: lanes 0 and 31 */
	ck_assert_int_eq(lanes_of(path, 1, 0, 1, 1, a, &m, &am), 2);
	ck_assert_uint_eq(a[0], 0x7f1000001000ull);
	ck_assert_uint_eq(a[1], 0);
	ck_assert_uint_eq(a[31], 0x7f1000003000ull);
	/* mode 1: kernel 2, LDG.E.64 base 0x7f1000001000 stride 8, all lanes */
	ck_assert_int_eq(lanes_of(path, 2, 0, 0, 1, a, &m, &am), 32);
	ck_assert_uint_eq(am, LG_KT_AM_STRIDE);
	for (int l = 0; l < 32; l++)
		ck_assert_uint_eq(a[l], 0x7f1000001000ull + 8u * (unsigned)l);
	/* mode 1 with mask 0x0000ff00: lanes 8..15 from base, stride 16 */
	ck_assert_int_eq(lanes_of(path, 2, 0, 0, 2, a, &m, &am), 8);
	ck_assert_uint_eq(a[7], 0);
	for (int l = 8; l < 16; l++)
		ck_assert_uint_eq(a[l], 0x7f2000000080ull + 16u * (unsigned)(l - 8));
	ck_assert_uint_eq(a[16], 0);
	/* mode 2: kernel 3, LDG.E.64 mask 7, base 0x7f1000002000, deltas 8 -16 */
	ck_assert_int_eq(lanes_of(path, 3, 0, 0, 1, a, &m, &am), 3);
	ck_assert_uint_eq(am, LG_KT_AM_DELTA);
	ck_assert_uint_eq(a[0], 0x7f1000002000ull);
	ck_assert_uint_eq(a[1], 0x7f1000002008ull);
	ck_assert_uint_eq(a[2], 0x7f1000001ff8ull);
	/* mode 2, RED over 32 lanes, deltas all 4 */
	ck_assert_int_eq(lanes_of(path, 3, 0, 0, 2, a, &m, &am), 32);
	for (int l = 0; l < 32; l++)
		ck_assert_uint_eq(a[l], 0x7f3000000000ull + 4u * (unsigned)l);
	/* mode 2, mask 0x5 (lanes 0 and 2), delta -256 */
	ck_assert_int_eq(lanes_of(path, 3, 0, 0, 3, a, &m, &am), 2);
	ck_assert_uint_eq(a[0], 0x7f3000000100ull);
	ck_assert_uint_eq(a[1], 0);
	ck_assert_uint_eq(a[2], 0x7f3000000000ull);
}

START_TEST(accelsim_text_modes_decode_to_exact_lanes)
{
	check_all(KT_FIX "/kernelslist.g");
}
END_TEST

START_TEST(lgt_binary_keeps_the_exact_lanes)
{
	char b[128];
	lg_err e;

	kt_tmp(b, sizeof(b), "modes.lgt");
	ck_assert_msg(lg_kt_convert(KT_FIX "/kernelslist.g", NULL, b, false, NULL, NULL, 0, &e) == 0,
		      "%s", e.msg);
	check_all(b);
	unlink(b);
}
END_TEST

START_TEST(a_copied_warp_outlives_the_reader_position)
{
	lg_err e;
	lg_kt_reader *r = lg_kt_open(KT_FIX "/kernel-3.traceg", NULL, &e);
	lg_kt_warp keep;
	uint64_t a[32];
	int ev;

	ck_assert_msg(r != NULL, "%s", e.msg);
	lg_kt_warp_init(&keep);
	while ((ev = lg_kt_next(r, &e)) > 0)
		if (ev == LG_KT_EV_WARP)
			ck_assert_int_eq(lg_kt_warp_copy(&keep, lg_kt_cur_warp(r)), 0);
	lg_kt_close(r);
	/* the delta-mode load of kernel 3, read back after the reader is gone */
	ck_assert_uint_eq(keep.n, 5);
	ck_assert_int_eq(lg_kt_insn_lanes(&keep, &keep.insn[1], a), 3);
	ck_assert_uint_eq(a[2], 0x7f1000001ff8ull);
	lg_kt_warp_free(&keep);
}
END_TEST

START_TEST(width_comes_from_the_opcode_suffix)
{
	lg_kt_opinfo o;

	lg_kt_classify("LDG.E.128", &o);
	ck_assert_uint_eq(o.width, 16);
	lg_kt_classify("LDG.E.64.SYS", &o);
	ck_assert_uint_eq(o.width, 8);
	lg_kt_classify("LDG.E.U8", &o);
	ck_assert_uint_eq(o.width, 1);
	lg_kt_classify("LDS.U16", &o);
	ck_assert_uint_eq(o.width, 2);
	lg_kt_classify("STG.E", &o);
	ck_assert_uint_eq(o.width, 4); /* default */
	ck_assert_uint_eq(o.cls, LG_KT_ST_GLOBAL);
	lg_kt_classify("HMMA.16816.F32.BF16", &o);
	ck_assert_uint_eq(o.cls, LG_KT_MMA);
	lg_kt_classify("RED.E.ADD.F32.FTZ.RN", &o);
	ck_assert_uint_eq(o.cls, LG_KT_ATOMIC);
	ck_assert_uint_eq(o.mop, LG_KT_MOP_RED);
	lg_kt_classify("FROBNICATE.X", &o);
	ck_assert_uint_eq(o.cls, LG_KT_UNKNOWN);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("402-ktrace-address-modes");
	TCase *tc = tcase_create("modes");

	tcase_add_test(tc, accelsim_text_modes_decode_to_exact_lanes);
	tcase_add_test(tc, lgt_binary_keeps_the_exact_lanes);
	tcase_add_test(tc, a_copied_warp_outlives_the_reader_position);
	tcase_add_test(tc, width_comes_from_the_opcode_suffix);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
