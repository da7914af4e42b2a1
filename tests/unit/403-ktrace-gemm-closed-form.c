/*
 * 403: `trace info` figures of generated GEMMs equal the closed forms of
 * docs/trace-format.md (per die, Nl = N / dies, es = element bytes, cs = C
 * element bytes (2 for fp8), MMA m16 n8 k(32/es)):
 *   A bytes = M K es (Nl/bn)      B bytes = K Nl es (M/bm)
 *   C bytes = M Nl cs             MMA     = (M/16)(Nl/8)(K/kk)
 * With --mma wgmma the MMA count is 4 (M/64)(Nl/BN)(K/kk) warp-instructions
 * (one m64 n(BN) instruction per warpgroup, issued by each of its 4 warps).
 * The expected numbers below are worked out by hand from these formulas,
 * independently of the generator's own lg_kt_gemm_check().
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/kt_gen.h"
#include "ktrace/kt_info.h"
#include "kt_files.h"
#include "lg_check.h"

static void gen_and_check(lg_kt_gemm *g, uint64_t a, uint64_t b, uint64_t c, uint64_t mma,
			  uint64_t unique)
{
	char p[128];
	lg_kt_writer *w;
	lg_kt_stats st;
	lg_kt_gemm_counts cnt;
	lg_err e;

	kt_tmp(p, sizeof(p), "gemm.lgt");
	w = lg_kt_writer_open(p, false, &e);
	ck_assert_ptr_nonnull(w);
	ck_assert_msg(lg_kt_gen_gemm(w, g, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_writer_commit(w, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_info(p, NULL, true, NULL, &st, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(lg_kt_gemm_check(g, &cnt, &e), 0);
	ck_assert_uint_eq(cnt.a_bytes, a);
	ck_assert_uint_eq(cnt.b_bytes, b);
	ck_assert_uint_eq(cnt.c_bytes, c);
	ck_assert_uint_eq(cnt.mma, mma);
	ck_assert_uint_eq(st.bytes[LG_KT_SP_GLOBAL][LG_KT_MOP_LD], a + b);
	ck_assert_uint_eq(st.bytes[LG_KT_SP_GLOBAL][LG_KT_MOP_ST], c);
	ck_assert_uint_eq(st.cls[LG_KT_MMA], mma);
	/* tiles are 128 B-aligned rows here, so both footprints are exact */
	ck_assert_uint_eq(st.sectors32 * 32, unique);
	ck_assert_uint_eq(st.lines128 * 128, unique);
	ck_assert_uint_eq(st.kernels, 1);
	ck_assert_uint_eq(st.ctas, (uint64_t)(g->n / g->dies / g->bn) * (g->m / g->bm));
	ck_assert_uint_eq(st.warps, st.ctas * g->warps);
	unlink(p);
}

START_TEST(bf16_gemm_counts_match_closed_form)
{
	lg_kt_gemm g;

	lg_kt_gemm_defaults(&g); /* 256^3, 128x128x32, 4 warps */
	/* A = 256*256*2*(256/128) = 262144; B the same; C = 256*256*2 = 131072;
	 * MMA = 16 * 32 * (256/16) = 8192; unique = 3 * 131072 */
	gen_and_check(&g, 262144, 262144, 131072, 8192, 393216);
}
END_TEST

START_TEST(fp8_gemm_split_across_two_dies_counts_one_die)
{
	lg_kt_gemm g;

	lg_kt_gemm_defaults(&g);
	g.m = 512;
	g.n = 512;
	g.k = 256;
	g.dtype = LG_DT_FP8_E4M3;
	g.bm = 128;
	g.bn = 64;
	g.bk = 64;
	g.warps = 8;
	g.dies = 2;
	g.die = 1;
	/* Nl = 256. A = 512*256*1*(256/64) = 524288; B = 256*256*1*(512/128)
	 * = 262144; C = 512*256*2 = 262144; MMA = 32*32*(256/32) = 8192;
	 * unique = A 131072 + B 65536 + C 262144 = 458752 */
	gen_and_check(&g, 524288, 262144, 262144, 8192, 458752);
}
END_TEST

START_TEST(fp32_gemm_uses_k8_mma)
{
	lg_kt_gemm g;

	lg_kt_gemm_defaults(&g);
	g.m = 128;
	g.n = 128;
	g.k = 64;
	g.dtype = LG_DT_FP32;
	g.bm = 64;
	g.bn = 64;
	g.bk = 16;
	/* A = 128*64*4*2 = 65536; B = 64*128*4*2 = 65536; C = 128*128*4 = 65536;
	 * MMA = 8*16*(64/8) = 1024; unique = 32768 + 32768 + 65536 */
	gen_and_check(&g, 65536, 65536, 65536, 1024, 131072);
}
END_TEST

START_TEST(wgmma_gemm_counts_match_closed_form)
{
	lg_kt_gemm g;

	lg_kt_gemm_defaults(&g);
	g.m = 512;
	g.n = 512;
	g.k = 256;
	g.bm = 128;
	g.bn = 256;
	g.bk = 64;
	g.warps = 8;
	g.wgmma = true;
	/* A = 512*256*2*(512/256) = 524288; B = 256*512*2*(512/128) = 1048576;
	 * C = 512*512*2 = 524288; MMA = 4*(512/64)*(512/256)*(256/16) = 1024;
	 * unique = 262144 + 262144 + 524288 */
	gen_and_check(&g, 524288, 1048576, 524288, 1024, 1048576);
}
END_TEST

START_TEST(bad_gemm_shapes_are_refused)
{
	lg_kt_gemm g;
	lg_kt_gemm_counts c;
	lg_err e;

	lg_kt_gemm_defaults(&g);
	g.m = 200; /* not a multiple of bm = 128 */
	ck_assert_int_eq(lg_kt_gemm_check(&g, &c, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "gen gemm: "));
	lg_kt_gemm_defaults(&g);
	g.dies = 3; /* 256 not divisible by 3 */
	ck_assert_int_eq(lg_kt_gemm_check(&g, &c, &e), -1);
	lg_kt_gemm_defaults(&g);
	g.wgmma = true;
	g.warps = 6; /* not whole warpgroups */
	ck_assert_int_eq(lg_kt_gemm_check(&g, &c, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "wgmma"));
	lg_kt_gemm_defaults(&g);
	g.bm = g.bn = 256;
	g.bk = 64; /* 4 warps of 128 x 128: 512 accumulator registers */
	ck_assert_int_eq(lg_kt_gemm_check(&g, &c, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "255 registers"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("403-ktrace-gemm-closed-form");
	TCase *tc = tcase_create("gemm");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bf16_gemm_counts_match_closed_form);
	tcase_add_test(tc, fp8_gemm_split_across_two_dies_counts_one_die);
	tcase_add_test(tc, fp32_gemm_uses_k8_mma);
	tcase_add_test(tc, wgmma_gemm_counts_match_closed_form);
	tcase_add_test(tc, bad_gemm_shapes_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
