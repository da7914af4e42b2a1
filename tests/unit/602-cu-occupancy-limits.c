/*
 * CTA occupancy: the dispatcher never puts more CTAs on a CU than its
 * warps, registers, shared memory and CTA slots allow (cu.max_warps 64,
 * cu.registers 65,536, cu.smem_bytes 233,472, cu.max_ctas 32 by default).
 * One CU, 8 CTAs of 256 threads (8 warps), each warp a 10-FFMA chain.
 */
#include "lg_check.h"
#include "cu_testlib.h"

static const char *const ov[] = { "kernel.launch_latency_ns=0", NULL };

static void occ_trace(const char *path, unsigned shmem, unsigned nregs)
{
	FILE *f = kt_begin(path);

	kt_kernel(f, 1, 8, 256, shmem, nregs, 0, NULL);
	for (unsigned c = 0; c < 8; c++) {
		kt_tb(f, c);
		for (unsigned w = 0; w < 8; w++) {
			kt_warp(f, w, 11);
			for (unsigned i = 0; i < 10; i++)
				kt_ins(f, i * 16, "1 R1 FFMA 3 R1 R2 R3 0 0");
			kt_ins(f, 0xa0, "0 EXIT 0 0 0");
		}
		kt_tb_end(f);
	}
	fclose(f);
}

/* Peak resident CTAs on the one CU for a kernel with shmem and nregs. */
static uint64_t peak(unsigned shmem, unsigned nregs, const char *const *o)
{
	char p[256];
	cu_rig r;
	lg_err e;
	uint64_t pk;

	occ_trace(cu_tmp(p, sizeof(p), "occ.lgt"), shmem, nregs);
	ck_assert_msg(rig_open(&r, p, 1, o, 100, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(rig_run(&r, (lg_ps)1e12), 0);
	ck_assert_int_eq(lg_ksched_error(r.ks, &e), 0);
	ck_assert_uint_eq(r.tot.ctas, 8);
	ck_assert_uint_eq(r.tot.issued, 8 * 8 * 11);
	pk = r.tot.ctas_peak;
	rig_close(&r);
	unlink(p);
	return pk;
}

/* 128 registers/thread: 128 x 32 = 4,096 per warp, 32,768 per CTA;
 * 65,536 / 32,768 = 2 CTAs. */
START_TEST(registers_cap_resident_ctas)
{
	ck_assert_uint_eq(peak(0, 128, ov), 2);
	/* 40 registers round up to 40 (a multiple of 8): 40 x 32 = 1,280 per
	 * warp, in 256-register units 1,280; 10,240 per CTA: 6 CTAs */
	ck_assert_uint_eq(peak(0, 40, ov), 6);
}
END_TEST

/* 100,000 B of shared memory per CTA: 233,472 / 100,000 = 2 CTAs. */
START_TEST(shared_memory_caps_resident_ctas)
{
	ck_assert_uint_eq(peak(100000, 32, ov), 2);
}
END_TEST

/* 32 registers, no shared memory: 8 warps per CTA, 64 warps: all 8 CTAs;
 * with cu.max_ctas = 3, 3; with cu.max_warps = 24, 3. */
START_TEST(warps_and_cta_slots_cap_resident_ctas)
{
	static const char *const ctas3[] = { "kernel.launch_latency_ns=0", "cu.max_ctas=3", NULL };
	static const char *const w24[] = { "kernel.launch_latency_ns=0", "cu.max_warps=24", NULL };

	ck_assert_uint_eq(peak(0, 32, ov), 8);
	ck_assert_uint_eq(peak(0, 32, ctas3), 3);
	ck_assert_uint_eq(peak(0, 32, w24), 3);
}
END_TEST

/* A CTA that fits no CU even when empty is an error naming the kernel. */
START_TEST(cta_larger_than_a_cu_is_an_error)
{
	char p[256];
	cu_rig r;
	lg_err e;

	occ_trace(cu_tmp(p, sizeof(p), "big.lgt"), 300000, 32);
	ck_assert_msg(rig_open(&r, p, 1, ov, 100, &e) == 0, "%s", e.msg);
	rig_run(&r, (lg_ps)1e12);
	ck_assert_int_ne(lg_ksched_error(r.ks, &e), 0);
	ck_assert_msg(strstr(e.msg, "kernel 1 (k1)") && strstr(e.msg, "shared memory"), "%s", e.msg);
	rig_close(&r);
	unlink(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("602-cu-occupancy-limits");
	TCase *tc = tcase_create("occupancy");

	tcase_add_test(tc, registers_cap_resident_ctas);
	tcase_add_test(tc, shared_memory_caps_resident_ctas);
	tcase_add_test(tc, warps_and_cta_slots_cap_resident_ctas);
	tcase_add_test(tc, cta_larger_than_a_cu_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
