/*
 * Streams and CU masks (hipExtStreamCreateWithCUMask semantics): 4 CUs;
 * two kernels of 8 one-warp CTAs (each a 50-FFMA chain, 200 cycles), the
 * first on stream 1, the second on stream 2.
 */
#include "lg_check.h"
#include "cu_testlib.h"

static void two_kernels(const char *path, unsigned s1, unsigned s2, const char *meta2)
{
	FILE *f = kt_begin(path);

	for (unsigned k = 1; k <= 2; k++) {
		kt_kernel(f, k, 8, 32, 0, 32, k == 1 ? s1 : s2, k == 2 ? meta2 : NULL);
		for (unsigned c = 0; c < 8; c++) {
			kt_tb(f, c);
			kt_warp(f, 0, 51);
			for (unsigned i = 0; i < 50; i++)
				kt_ins(f, i * 16, "1 R1 FFMA 3 R1 R2 R3 0 0");
			kt_ins(f, 0x320, "0 EXIT 0 0 0");
			kt_tb_end(f);
		}
	}
	fclose(f);
}

/* CTAs of kernel i per CU as a 4-bit set of the CUs that ran any. */
static unsigned cus_used(const cu_rig *r, unsigned i)
{
	const lg_ks_kstats *k = lg_ksched_kernel(r->ks, i);
	unsigned m = 0, n = 0;

	for (unsigned c = 0; c < 4; c++) {
		if (k->cta_per_cu[c])
			m |= 1u << c;
		n += k->cta_per_cu[c];
	}
	ck_assert_uint_eq(n, 8);
	return m;
}

static void run(cu_rig *r, const char *path, const char *const *ov)
{
	lg_err e;

	ck_assert_msg(rig_open(r, path, 4, ov, 100, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(rig_run(r, (lg_ps)1e12), 0);
	ck_assert_int_eq(lg_ksched_error(r->ks, &e), 0);
}

/* Disjoint masks: each kernel only on its CUs, and they overlap in time
 * (streams run concurrently: kernel 2 starts before kernel 1 ends). Bits
 * past the CU count (0xff3: bits 4..11) are ignored. Dispatch order, one
 * CTA a cycle (kernel.ctas_per_cycle = 1), period 570 ps: in cycle 0 only
 * stream 1 is known (the scout finds stream 2 for CUs 2-3 after the
 * streams' turns) and starts a CTA; the stream tried first turns once per
 * cycle, so in cycle 1 it is stream index 1 mod 2 = stream 2: kernel 2
 * starts at 570 ps. */
START_TEST(disjoint_masks_keep_streams_on_their_cus)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=0",
					  "stream.cu_masks=1=0xff3,2=0xc", NULL };
	char p[256];
	cu_rig r;

	two_kernels(cu_tmp(p, sizeof(p), "masks.lgt"), 1, 2, NULL);
	run(&r, p, ov);
	ck_assert_uint_eq(cus_used(&r, 0), 0x3);
	ck_assert_uint_eq(cus_used(&r, 1), 0xc);
	ck_assert_uint_lt(lg_ksched_kernel(r.ks, 1)->t_start, lg_ksched_kernel(r.ks, 0)->t_end);
	ck_assert_uint_eq(lg_ksched_kernel(r.ks, 1)->t_start, 570);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* A kernel's cu_mask metadata wins over its stream's mask. */
START_TEST(kernel_metadata_mask_overrides_the_stream)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=0",
					  "stream.cu_masks=1=0x3,2=0xc", NULL };
	char p[256];
	cu_rig r;

	two_kernels(cu_tmp(p, sizeof(p), "meta.lgt"), 1, 2, "cu_mask = 0x8");
	run(&r, p, ov);
	ck_assert_uint_eq(cus_used(&r, 1), 0x8);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* Same stream: the second kernel starts launch_latency after the first
 * ends (1,000 ns at 570 ps per cycle: the first edge at or after). */
START_TEST(kernels_of_one_stream_run_in_order_after_the_launch_latency)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=1000", NULL };
	char p[256];
	cu_rig r;
	const lg_ks_kstats *a, *b;

	two_kernels(cu_tmp(p, sizeof(p), "order.lgt"), 3, 3, NULL);
	run(&r, p, ov);
	a = lg_ksched_kernel(r.ks, 0);
	b = lg_ksched_kernel(r.ks, 1);
	ck_assert_uint_eq(a->t_start, 1755 * 570);  /* ceil(1e6 / 570) = 1,755 */
	ck_assert_uint_ge(b->t_start, a->t_end + 1000000);
	ck_assert_uint_lt(b->t_start, a->t_end + 1000000 + 570);
	/* 8 CTAs over 4 CUs, one CTA started per cycle: each runs 200 cycles */
	ck_assert_uint_eq(cus_used(&r, 0), 0xf);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* A mask that allows none of the die's CUs is an error naming the stream:
 * an empty mask, and one whose bits are all past the CU count. */
START_TEST(empty_mask_is_an_error_naming_the_stream)
{
	static const char *const zero[] = { "stream.cu_masks=2=0x0", NULL };
	static const char *const past[] = { "stream.cu_masks=1=0x3,2=0x30", NULL };
	char p[256];
	cu_rig r;
	lg_err e;

	two_kernels(cu_tmp(p, sizeof(p), "empty.lgt"), 1, 2, NULL);
	ck_assert_int_ne(rig_open(&r, p, 4, zero, 100, &e), 0);
	ck_assert_msg(strstr(e.msg, "stream 2: CU mask allows none"), "%s", e.msg);
	rig_close(&r);
	ck_assert_int_ne(rig_open(&r, p, 4, past, 100, &e), 0);
	ck_assert_msg(strstr(e.msg, "stream 2: CU mask allows none"), "%s", e.msg);
	rig_close(&r);
	unlink(p);
}
END_TEST

START_TEST(bad_mask_syntax_names_the_key)
{
	static const char *const bad[] = { "stream.cu_masks=1=ff", NULL };
	char p[256];
	cu_rig r;
	lg_err e;

	two_kernels(cu_tmp(p, sizeof(p), "bad.lgt"), 1, 2, NULL);
	ck_assert_int_ne(rig_open(&r, p, 4, bad, 100, &e), 0);
	ck_assert_msg(strstr(e.msg, "stream.cu_masks") && strstr(e.msg, "0xHEX"), "%s", e.msg);
	rig_close(&r);
	unlink(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("603-ksched-streams-and-cu-masks");
	TCase *tc = tcase_create("streams");

	tcase_add_test(tc, disjoint_masks_keep_streams_on_their_cus);
	tcase_add_test(tc, kernel_metadata_mask_overrides_the_stream);
	tcase_add_test(tc, kernels_of_one_stream_run_in_order_after_the_launch_latency);
	tcase_add_test(tc, empty_mask_is_an_error_naming_the_stream);
	tcase_add_test(tc, bad_mask_syntax_names_the_key);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
