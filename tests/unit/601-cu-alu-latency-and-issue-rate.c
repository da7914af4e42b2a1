/*
 * The CU's ALU timing, derived by hand (docs/cu.md, "Validation"). Every
 * run: one CU, fake memory, kernel.launch_latency_ns = 0, so the kernel's
 * first CTA starts at cycle 0 and its cycles are end - start.
 */
#include "lg_check.h"
#include "cu_testlib.h"

static const char *const base_ov[] = { "kernel.launch_latency_ns=0", NULL };

/* One warp: n FFMA R1 <- R1*R2+R3, each on the previous result, then EXIT. */
static void chain_trace(const char *path, unsigned n, const char *op)
{
	FILE *f = kt_begin(path);

	kt_kernel(f, 1, 1, 32, 0, 32, 0, NULL);
	kt_tb(f, 0);
	kt_warp(f, 0, n + 1);
	for (unsigned i = 0; i < n; i++)
		kt_ins(f, i * 16, "1 R1 %s 3 R1 R2 R3 0 0", op);
	kt_ins(f, n * 16, "0 EXIT 0 0 0");
	kt_tb_end(f);
	fclose(f);
}

static uint64_t run_one(const char *path, const char *const *ov, cu_rig *r)
{
	lg_err e;

	ck_assert_msg(rig_open(r, path, 1, ov, 100, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(rig_run(r, (lg_ps)1e12), 0);
	return rig_kcycles(r, 0);
}

/*
 * FFMA i issues at cycle 4i (it waits for FFMA i-1's result, latency 4);
 * EXIT issues at 4(N-1)+1; the warp ends when its last result is written,
 * at 4N. So the kernel takes N x 4 cycles, fixed overhead 0.
 */
START_TEST(dependent_ffma_chain_takes_n_times_latency)
{
	char p[256];
	cu_rig r;

	chain_trace(cu_tmp(p, sizeof(p), "chain.lgt"), 100, "FFMA");
	ck_assert_uint_eq(run_one(p, base_ov, &r), 100 * 4);
	ck_assert_uint_eq(r.tot.issued, 101);
	ck_assert_uint_eq(r.tot.cls[LG_KT_ALU_FP32], 100);
	/* scheduler 0 waits 3 cycles after each of the first 99 FFMAs; after
	 * EXIT (4(N-1)+1) it has no warp: cycles 4N-2, 4N-1 are no_work
	 * (cycle 4N, where the run ends, is not part of it) */
	ck_assert_uint_eq(r.tot.stall[LG_CU_STALL_SCOREBOARD], 99 * 3);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* The latency is configuration: alu_fp32=6/1 gives N x 6. */
START_TEST(chain_follows_the_configured_latency)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=0",
					  "cu.class_timing=alu_fp32=6/1", NULL };
	char p[256];
	cu_rig r;

	chain_trace(cu_tmp(p, sizeof(p), "chain6.lgt"), 50, "FFMA");
	ck_assert_uint_eq(run_one(p, ov, &r), 50 * 6);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* 32 warps (one CTA of 1,024 threads), each M independent FFMAs (R0..R7
 * in turn: a register is rewritten 8 instructions later, after its 4-cycle
 * latency) then EXIT. Warp w goes to scheduler w mod 4: 8 warps each. */
static void indep_trace(const char *path, unsigned m)
{
	FILE *f = kt_begin(path);

	kt_kernel(f, 1, 1, 1024, 0, 32, 0, NULL);
	kt_tb(f, 0);
	for (unsigned w = 0; w < 32; w++) {
		kt_warp(f, w, m + 1);
		for (unsigned i = 0; i < m; i++)
			kt_ins(f, i * 16, "1 R%u FFMA 3 R20 R21 R22 0 0", i % 8);
		kt_ins(f, m * 16, "0 EXIT 0 0 0");
	}
	kt_tb_end(f);
	fclose(f);
}

/*
 * Each scheduler has 8(M+1) warp-instructions and a ready one every cycle,
 * so it issues one per cycle: cycles 0 .. 8(M+1)-1.
 *  gto: a warp runs all its FFMAs and EXIT before the next; the last warp's
 *       last FFMA issues at 8(M+1)-2, written 4 later: 8(M+1)+2 cycles.
 *  lrr: cycle c issues warp c mod 8; the last EXIT at 8(M+1)-1 (its last
 *       FFMA long written): 8(M+1) cycles.
 * M = 64: 522 and 520 cycles, 4 x 520 = 2,080 warp-instructions.
 */
START_TEST(independent_warps_issue_one_per_cycle_per_scheduler)
{
	static const char *const lrr[] = { "kernel.launch_latency_ns=0", "cu.sched_policy=lrr",
					   NULL };
	char p[256];
	cu_rig r;

	indep_trace(cu_tmp(p, sizeof(p), "indep.lgt"), 64);
	ck_assert_uint_eq(run_one(p, base_ov, &r), 8 * 65 + 2);
	ck_assert_uint_eq(r.tot.issued, 4 * 8 * 65);
	rig_close(&r);
	ck_assert_uint_eq(run_one(p, lrr, &r), 8 * 65);
	ck_assert_uint_eq(r.tot.issued, 4 * 8 * 65);
	/* every scheduler-cycle is an issue or a stall */
	ck_assert_uint_eq(r.tot.issued + r.tot.stall[0] + r.tot.stall[1] + r.tot.stall[2] +
			  r.tot.stall[3] + r.tot.stall[4], 4 * r.tot.cycles);
	rig_close(&r);
	unlink(p);
}
END_TEST

START_TEST(unknown_opcodes_run_as_generic_alu_and_are_counted)
{
	char p[256];
	cu_rig r;

	/* unknown: latency 4 (built-in table), so 5 x 4 cycles */
	chain_trace(cu_tmp(p, sizeof(p), "unk.lgt"), 5, "FROB.X");
	ck_assert_uint_eq(run_one(p, base_ov, &r), 5 * 4);
	ck_assert_uint_eq(r.tot.unknown, 5);
	ck_assert_uint_eq(r.tot.cls[LG_KT_UNKNOWN], 5);
	rig_close(&r);
	unlink(p);
}
END_TEST

/*
 * A CTA of two warps. Warp 0: BAR.SYNC, then M dependent FFMAs, EXIT.
 * Warp 1: K dependent FFMAs, BAR.SYNC, EXIT. Warp 1 reaches the barrier at
 * 4(K-1)+1; both leave it the next cycle, 4K-2; warp 0's chain then ends at
 * 4K-2+4M. Without the barrier the kernel would take max(4K, 4M) = 40; with
 * it 4(K+M)-2 = 78 (K = M = 10). Scheduler 0 counts barrier stalls in
 * cycles 1 .. 4K-3: 37.
 */
START_TEST(barrier_holds_warps_until_all_arrive)
{
	char p[256];
	cu_rig r;
	FILE *f = kt_begin(cu_tmp(p, sizeof(p), "bar.lgt"));

	kt_kernel(f, 1, 1, 64, 0, 32, 0, NULL);
	kt_tb(f, 0);
	kt_warp(f, 0, 12);
	kt_ins(f, 0, "0 BAR.SYNC 0 0 0");
	for (unsigned i = 0; i < 10; i++)
		kt_ins(f, 16 + i * 16, "1 R1 FFMA 3 R1 R2 R3 0 0");
	kt_ins(f, 0x200, "0 EXIT 0 0 0");
	kt_warp(f, 1, 12);
	for (unsigned i = 0; i < 10; i++)
		kt_ins(f, i * 16, "1 R1 FFMA 3 R1 R2 R3 0 0");
	kt_ins(f, 0x1f0, "0 BAR.SYNC 0 0 0");
	kt_ins(f, 0x200, "0 EXIT 0 0 0");
	kt_tb_end(f);
	fclose(f);
	ck_assert_uint_eq(run_one(p, base_ov, &r), 4 * 20 - 2);
	ck_assert_uint_eq(r.tot.stall[LG_CU_STALL_BARRIER], 4 * 10 - 3);
	rig_close(&r);
	unlink(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("601-cu-alu-latency-and-issue-rate");
	TCase *tc = tcase_create("alu");

	tcase_add_test(tc, dependent_ffma_chain_takes_n_times_latency);
	tcase_add_test(tc, chain_follows_the_configured_latency);
	tcase_add_test(tc, independent_warps_issue_one_per_cycle_per_scheduler);
	tcase_add_test(tc, unknown_opcodes_run_as_generic_alu_and_are_counted);
	tcase_add_test(tc, barrier_holds_warps_until_all_arrive);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
