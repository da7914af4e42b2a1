/*
 * 408: `trace info` arithmetic on a hand-built warp: lane bytes are active
 * lanes x opcode width; the footprint counts every 32 B sector and 128 B
 * line a lane access touches (an access straddling a boundary counts
 * both), once, and ignores shared memory; CTAs are runs of warps.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/kt_info.h"
#include "kt_files.h"
#include "lg_check.h"

/* Append a base+stride memory instruction on lanes [0, n). */
static void mem(lg_kt_optab *ops, lg_kt_warp *w, const char *op, uint64_t base, int64_t stride, int n)
{
	lg_kt_insn *in = lg_kt_warp_push(w);

	in->op = (uint16_t)lg_kt_optab_intern(ops, op, strlen(op));
	in->mask = n == 32 ? 0xffffffffu : (1u << n) - 1;
	in->amode = LG_KT_AM_STRIDE;
	in->base = base;
	in->stride = stride;
}

START_TEST(footprint_counts_straddling_sectors_once_and_skips_shared)
{
	char p[128];
	lg_err e;
	lg_kt_optab *ops = lg_kt_optab_create();
	lg_kt_warp w;
	lg_kt_kernel k;
	lg_kt_writer *wr;
	lg_kt_stats st;

	lg_kt_warp_init(&w);
	memset(&k, 0, sizeof(k));
	k.name = "hand";
	/* 2 lanes x 16 B at 0x1018 and 0x1028: bytes 0x1018..0x1037, sectors
	 * 0x1000, 0x1020 (first lane straddles), line 0x1000 only */
	mem(ops, &w, "LDG.E.128", 0x1018, 16, 2);
	/* the same bytes again: no new sector */
	mem(ops, &w, "LDG.E.128", 0x1018, 16, 2);
	/* 4 lanes x 4 B at 0x107c stride 4: 0x107c..0x108b: sectors 0x1060,
	 * 0x1080; lines 0x1000, 0x1080 */
	mem(ops, &w, "STG.E", 0x107c, 4, 4);
	/* shared memory: bytes counted, footprint not */
	mem(ops, &w, "LDS.128", 0x0, 16, 32);
	wr = lg_kt_writer_open(kt_tmp(p, sizeof(p), "fp.lgt"), false, &e);
	ck_assert_ptr_nonnull(wr);
	ck_assert_int_eq(lg_kt_write_kernel(wr, &k, &e), 0);
	ck_assert_int_eq(lg_kt_write_warp(wr, ops, &w, &e), 0);
	w.warp = 1;
	ck_assert_int_eq(lg_kt_write_warp(wr, ops, &w, &e), 0);
	w.cta[0] = 1;
	ck_assert_int_eq(lg_kt_write_warp(wr, ops, &w, &e), 0);
	ck_assert_int_eq(lg_kt_writer_commit(wr, &e), 0);
	ck_assert_msg(lg_kt_info(p, NULL, true, NULL, &st, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(st.ctas, 2);
	ck_assert_uint_eq(st.warps, 3);
	ck_assert_uint_eq(st.insns, 12);
	ck_assert_uint_eq(st.bytes[LG_KT_SP_GLOBAL][LG_KT_MOP_LD], 3 * 2 * (2 * 16));
	ck_assert_uint_eq(st.bytes[LG_KT_SP_GLOBAL][LG_KT_MOP_ST], 3 * 4 * 4);
	ck_assert_uint_eq(st.bytes[LG_KT_SP_SHARED][LG_KT_MOP_LD], 3 * 32 * 16);
	ck_assert_uint_eq(st.sectors32, 4); /* 0x1000 0x1020 0x1060 0x1080 */
	ck_assert_uint_eq(st.lines128, 2);  /* 0x1000 0x1080 */
	lg_kt_warp_free(&w);
	lg_kt_optab_destroy(ops);
	unlink(p);
}
END_TEST

START_TEST(hash_set_keeps_every_key_once_across_growth)
{
	lg_kt_hset *s = lg_kt_hset_create();

	for (uint64_t i = 0; i < 100000; i++)
		ck_assert_int_eq(lg_kt_hset_add(s, i * 7919), 1);
	for (uint64_t i = 0; i < 100000; i += 3)
		ck_assert_int_eq(lg_kt_hset_add(s, i * 7919), 0);
	ck_assert_int_eq(lg_kt_hset_add(s, UINT64_MAX - 1), 1);
	ck_assert_uint_eq(lg_kt_hset_count(s), 100001);
	lg_kt_hset_destroy(s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("408-ktrace-info-footprint");
	TCase *tc = tcase_create("info");

	tcase_add_test(tc, footprint_counts_straddling_sectors_once_and_skips_shared);
	tcase_add_test(tc, hash_set_keeps_every_key_once_across_growth);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
