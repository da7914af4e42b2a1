/*
 * The bundled GEMM trace (traces/gemm_bf16_512x512x256.lgt: 16 CTAs of 4
 * warps, 44,608 warp-instructions, 32,768 HMMA.16816.F32.BF16) through the
 * kernel scheduler, 4 CUs and a fake memory, to completion; and reruns give
 * bit-identical stats.
 */
#include "lg_check.h"
#include "cu_testlib.h"

#define GEMM LG_ROOT "/traces/gemm_bf16_512x512x256.lgt"

static const char *const ov[] = { NULL };

static void run(cu_rig *r)
{
	lg_err e;

	ck_assert_msg(rig_open(r, GEMM, 4, ov, 300, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(rig_run(r, (lg_ps)1e12), 0);
	ck_assert_int_eq(lg_ksched_error(r->ks, &e), 0);
}

/*
 * Totals from the trace's closed form (docs/trace-format.md): every
 * warp-instruction issued; MMA FLOPs 2 x 512 x 512 x 256 = 134,217,728
 * (each m16n8k16 is 4,096); C stored once, 512 x 512 x 2 B = 524,288 B in
 * 128 B lines (each STG.E.128 warp access is 4 whole lines); A and B loads,
 * 2 MiB, each 32 B sector either sent (in a 128 B line request for B's
 * 256 B tile rows, in 32 B ones for A's 64 B rows), merged into one in
 * flight, or an L1 hit.
 */
START_TEST(gemm_runs_to_completion_with_the_trace_totals)
{
	cu_rig r;
	const lg_ks_kstats *k;

	run(&r);
	k = lg_ksched_kernel(r.ks, 0);
	ck_assert_uint_eq(r.tot.issued, 44608);
	ck_assert_uint_eq(k->insns, 44608);
	ck_assert_uint_eq(r.tot.cls[LG_KT_MMA], 32768);
	ck_assert_uint_eq(r.tot.mma_flops[LG_CU_DT_BF16], UINT64_C(134217728));
	ck_assert_uint_eq(k->mma_flops[LG_CU_DT_BF16], UINT64_C(134217728));
	ck_assert_uint_eq(r.tot.req[LG_OP_WR], 524288 / 128);
	ck_assert_uint_eq(r.tot.req_bytes - 524288 + 32 * (r.tot.l1_hits + r.tot.mshr_merges),
			  2 * 1048576);
	ck_assert_uint_eq(r.tot.ctas, 16);
	ck_assert_uint_eq(k->ctas, 16);
	ck_assert_uint_eq(k->cta_per_cu[0] + k->cta_per_cu[1] + k->cta_per_cu[2] +
			  k->cta_per_cu[3], 16);
	/* the kernel's IPC cannot pass 4 schedulers x 4 CUs */
	ck_assert(lg_ks_ipc(k) > 0.0 && lg_ks_ipc(k) <= 16.0);
	ck_assert(lg_ks_tflops(k, LG_CU_DT_BF16) > 0.0);
	rig_close(&r);
}
END_TEST

START_TEST(reruns_are_bit_identical)
{
	cu_rig a, b;
	const lg_ks_kstats *ka, *kb;

	run(&a);
	run(&b);
	ck_assert_uint_eq(a.end, b.end);
	ck_assert(!memcmp(&a.tot, &b.tot, sizeof(a.tot)));
	for (unsigned i = 0; i < 4; i++)
		ck_assert(!memcmp(lg_cu_stats_get(a.cu[i]), lg_cu_stats_get(b.cu[i]),
				  sizeof(lg_cu_stats)));
	ka = lg_ksched_kernel(a.ks, 0);
	kb = lg_ksched_kernel(b.ks, 0);
	ck_assert_uint_eq(ka->t_start, kb->t_start);
	ck_assert_uint_eq(ka->t_end, kb->t_end);
	ck_assert(!memcmp(ka->cta_per_cu, kb->cta_per_cu, 4 * sizeof(*ka->cta_per_cu)));
	ck_assert(!memcmp(lg_fakemem_stats_get(a.fm), lg_fakemem_stats_get(b.fm),
			  sizeof(lg_fakemem_stats)));
	rig_close(&a);
	rig_close(&b);
}
END_TEST

/* Each Accel-Sim sample (three kernels, given as its kernelslist.g) runs
 * to completion; each kernel runs its CTAs. */
START_TEST(accelsim_samples_run_to_completion)
{
	cu_rig r;
	lg_err e;

	ck_assert_msg(rig_open(&r, LG_ROOT "/tests/data/accelsim/kernelslist.g", 4, ov, 300, &e) == 0,
		      "%s", e.msg);
	ck_assert_int_eq(rig_run(&r, (lg_ps)1e12), 0);
	ck_assert_int_eq(lg_ksched_error(r.ks, &e), 0);
	ck_assert_uint_eq(lg_ksched_nkernels(r.ks), 3);
	for (unsigned i = 0; i < 3; i++)
		ck_assert_uint_gt(lg_ksched_kernel(r.ks, i)->t_end, lg_ksched_kernel(r.ks, i)->t_start);
	ck_assert_uint_eq(r.tot.ctas, lg_ksched_kernel(r.ks, 0)->ctas +
			  lg_ksched_kernel(r.ks, 1)->ctas + lg_ksched_kernel(r.ks, 2)->ctas);
	ck_assert_uint_gt(r.tot.issued, 0);
	rig_close(&r);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("605-cu-gemm-trace-and-reruns");
	TCase *tc = tcase_create("gemm");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, gemm_runs_to_completion_with_the_trace_totals);
	tcase_add_test(tc, reruns_are_bit_identical);
	tcase_add_test(tc, accelsim_samples_run_to_completion);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
