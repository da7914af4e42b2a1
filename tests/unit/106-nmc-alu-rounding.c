/*
 * 106: the NMC ALU's adds (mc/nmc_alu.h) round to nearest even at the
 * edges, keep subnormals, overflow to infinity (fp32, bf16, fp16) or
 * saturate at +-448 (fp8-e4m3), and return the canonical NaN.
 * Every expected value is worked out by hand in the comment beside it
 * (ulp = unit in the last place of the larger operand's binade).
 */
#include "mc/nmc_alu.h"
#include "lg_check.h"

START_TEST(fp32_edges)
{
	/* 1 + 2^-24: exactly half an ulp (2^-23) above 1.0, whose significand is
	 * even -> 1.0 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x3f800000u, 0x33800000u), 0x3f800000u);
	/* (1 + 2^-23) + 2^-24 = 1 + 1.5 ulp: tie between 1+ulp (odd) and 1+2ulp
	 * (even) -> 1 + 2^-22 = 0x3f800002 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x3f800001u, 0x33800000u), 0x3f800002u);
	/* 1 + 2^-24 (1 + 2^-23): just above half an ulp -> rounds up, 0x3f800001 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x3f800000u, 0x33800001u), 0x3f800001u);
	/* max (0x7f7fffff, odd significand) + 2^103 (half its ulp 2^104): tie, the
	 * even neighbour is 2^128 -> overflow to +inf */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x7f7fffffu, 0x73000000u), 0x7f800000u);
	/* max + 2^102: below the tie -> max */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x7f7fffffu, 0x72800000u), 0x7f7fffffu);
	/* smallest subnormals: 2^-149 + 2^-149 = 2^-148 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x00000001u, 0x00000001u), 0x00000002u);
	/* largest subnormal + smallest = smallest normal 2^-126 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x007fffffu, 0x00000001u), 0x00800000u);
	/* 1.5 + (-1.5) = +0; -0 + -0 = -0 */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x3fc00000u, 0xbfc00000u), 0u);
	ck_assert_uint_eq(lg_nmc_add_fp32(0x80000000u, 0x80000000u), 0x80000000u);
	/* inf + -inf and NaN operands -> canonical NaN; inf + 1 = inf */
	ck_assert_uint_eq(lg_nmc_add_fp32(0x7f800000u, 0xff800000u), 0x7fc00000u);
	ck_assert_uint_eq(lg_nmc_add_fp32(0xffc12345u, 0x3f800000u), 0x7fc00000u);
	ck_assert_uint_eq(lg_nmc_add_fp32(0x7f800000u, 0x3f800000u), 0x7f800000u);
}
END_TEST

START_TEST(bf16_edges)
{
	/* 1 (0x3f80) + 2^-8 (0x3b80): half an ulp (2^-7), 1.0 even -> 0x3f80 */
	ck_assert_uint_eq(lg_nmc_add_bf16(0x3f80, 0x3b80), 0x3f80);
	/* (1 + 2^-7) + 2^-8: tie, even neighbour 1 + 2^-6 -> 0x3f82 */
	ck_assert_uint_eq(lg_nmc_add_bf16(0x3f81, 0x3b80), 0x3f82);
	/* 1 + 3 * 2^-9 (0x3bc0 = 1.5 * 2^-8): 0.75 ulp -> rounds up, 0x3f81 */
	ck_assert_uint_eq(lg_nmc_add_bf16(0x3f80, 0x3bc0), 0x3f81);
	/* max 0x7f7f (odd) + half its ulp (2^120 = 0x7b80) -> +inf */
	ck_assert_uint_eq(lg_nmc_add_bf16(0x7f7f, 0x7b80), 0x7f80);
	/* -max + -half ulp -> -inf */
	ck_assert_uint_eq(lg_nmc_add_bf16(0xff7f, 0xfb80), 0xff80);
	/* subnormals 2^-133 + 2^-133 = 2^-132 */
	ck_assert_uint_eq(lg_nmc_add_bf16(0x0001, 0x0001), 0x0002);
	ck_assert_uint_eq(lg_nmc_add_bf16(0x7f80, 0xff80), 0x7fc0);
	ck_assert_uint_eq(lg_nmc_add_bf16(0x7fc1, 0x0000), 0x7fc0);
}
END_TEST

START_TEST(fp16_edges)
{
	/* 1 (0x3c00) + 2^-11 (0x1000): half an ulp (2^-10), 1.0 even -> 0x3c00 */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x3c00, 0x1000), 0x3c00);
	/* (1 + 2^-10) + 2^-11: tie, even neighbour 1 + 2^-9 -> 0x3c02 */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x3c01, 0x1000), 0x3c02);
	/* 65504 (0x7bff, odd) + 16 (0x4c00) = half of the ulp 32: tie, the even
	 * neighbour 65536 overflows -> +inf */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x7bff, 0x4c00), 0x7c00);
	/* 65504 + 8 (0x4800): quarter ulp -> 65504 */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x7bff, 0x4800), 0x7bff);
	/* 2^-24 + 2^-24 = 2^-23; largest subnormal 0x03ff + 0x0001 = 2^-14 (0x0400) */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x0001, 0x0001), 0x0002);
	ck_assert_uint_eq(lg_nmc_add_fp16(0x03ff, 0x0001), 0x0400);
	/* 2 + (-2) = +0 */
	ck_assert_uint_eq(lg_nmc_add_fp16(0x4000, 0xc000), 0x0000);
	ck_assert_uint_eq(lg_nmc_add_fp16(0x7c00, 0xfc00), 0x7e00);
	ck_assert_uint_eq(lg_nmc_add_fp16(0x7c01, 0x3c00), 0x7e00);
}
END_TEST

START_TEST(fp8_e4m3_edges)
{
	/* 1 = 0 0111 000 = 0x38; ulp 2^-3. 1 + 2^-4 (0 0011 000 = 0x18): tie,
	 * 1.0 even -> 0x38 */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x38, 0x18), 0x38);
	/* 1.125 (0x39) + 2^-4 = 1.1875: tie between 1.125 (odd) and 1.25 (0x3a) */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x39, 0x18), 0x3a);
	/* 1 + 1.5 * 2^-4 (0 0011 100 = 0x1c, 0.09375): 0.75 ulp -> up to 1.125
	 * (0x39); 1 + 1.5 * 2^-5 (0x14, 0.375 ulp) -> 1.0 */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x38, 0x1c), 0x39);
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x38, 0x14), 0x38);
	/* 448 (0 1111 110 = 0x7e) + 16 (0 1011 000 = 0x58) = 464: tie between 448
	 * (even) and 480 (mantissa 111, the NaN pattern) -> 448 */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x7e, 0x58), 0x7e);
	/* 448 + 32 (0x60) = 480: above the largest finite value -> saturate 448 */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x7e, 0x60), 0x7e);
	/* 448 + 448 = 896 -> 448; -448 + -448 -> -448 (0xfe) */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x7e, 0x7e), 0x7e);
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0xfe, 0xfe), 0xfe);
	/* 256 (0 1111 000 = 0x78) + 128 (0x70) = 384 = 1.5 * 2^8 -> 0x7c exactly */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x78, 0x70), 0x7c);
	/* subnormals: 2^-9 + 2^-9 = 2^-8 (0x02); 7 * 2^-9 + 2^-9 = 2^-6 (0x08) */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x01, 0x01), 0x02);
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x07, 0x01), 0x08);
	/* 1 + (-1) = +0; NaN (0x7f or 0xff) in -> 0x7f */
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x38, 0xb8), 0x00);
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0xff, 0x38), 0x7f);
	ck_assert_uint_eq(lg_nmc_add_fp8_e4m3(0x7f, 0x00), 0x7f);
}
END_TEST

START_TEST(dispatch)
{
	ck_assert_uint_eq(lg_nmc_add(LG_DT_FP32, 0x3f800000u, 0x3f800000u), 0x40000000u);
	ck_assert_uint_eq(lg_nmc_add(LG_DT_BF16, 0x3f80, 0x3f80), 0x4000);
	ck_assert_uint_eq(lg_nmc_add(LG_DT_FP16, 0x3c00, 0x3c00), 0x4000);
	ck_assert_uint_eq(lg_nmc_add(LG_DT_FP8_E4M3, 0x38, 0x38), 0x40);
	ck_assert_uint_eq(lg_nmc_dtype_bytes(LG_DT_FP32), 4);
	ck_assert_uint_eq(lg_nmc_dtype_bytes(LG_DT_FP8_E4M3), 1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("nmc_alu");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, fp32_edges);
	tcase_add_test(tc, bf16_edges);
	tcase_add_test(tc, fp16_edges);
	tcase_add_test(tc, fp8_e4m3_edges);
	tcase_add_test(tc, dispatch);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
