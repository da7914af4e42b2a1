/*
 * 407: kernel traces read as DRAM request traces (memory-only replay):
 * probed by their first line, global/generic accesses coalesced per warp
 * instruction to unique 32 B sectors. Expected counts for the Accel-Sim
 * fixtures, by hand (tests/data/accelsim/kernel-*.traceg):
 *   k1: LDG.E lanes 0x..000 0x..100 0x..008 0x..404  -> 3 RD (sectors 0, 8, 0x20)
 *       STG.E 4 x 4 B from 0x..000                   -> 1 WR
 *       LDG.E.64 lanes 0 and 31 (0x1000, 0x3000)     -> 2 RD
 *       LDG.E.U8 0x41, 0x40                          -> 1 RD
 *   k2: LDG.E.64 32 lanes stride 8 (256 B)           -> 8 RD
 *       STG.E.128 8 lanes stride 16 (128 B)          -> 4 WR; LDS.U16 skipped
 *   k3: LDG.E.64 0x2000 0x2008 0x1ff8                -> 2 RD
 *       RED.E.ADD.F32 32 x 4 B (128 B)               -> 4 x (RD + WR)
 *       ATOMG lanes 0x..100, 0x..000                 -> 2 x (RD + WR)
 *   total RD 22, WR 11, no NMC (atomics are read-modify-writes at L2).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/kt_gen.h"
#include "trace/dtrace.h"
#include "kt_files.h"
#include "lg_check.h"

static void count(const char *path, const char *want_fmt, uint64_t n[LG_OP_COUNT], lg_dtrace_rec *first)
{
	lg_err e;
	lg_dtrace *t = lg_dtrace_open(path, NULL, &e);
	lg_dtrace_rec r;
	int rc;
	bool got = false;

	ck_assert_msg(t != NULL, "%s", e.msg);
	ck_assert_str_eq(lg_dtrace_format(t), want_fmt);
	memset(n, 0, sizeof(uint64_t) * LG_OP_COUNT);
	while ((rc = lg_dtrace_next(t, &r, &e)) > 0) {
		ck_assert_uint_lt(r.op, LG_OP_COUNT);
		ck_assert_uint_eq(r.size, 32);
		ck_assert_uint_eq(r.addr % 32, 0);
		ck_assert_uint_eq(r.time_unit, LG_DTT_NONE);
		if (!got && first)
			*first = r;
		got = true;
		n[r.op]++;
	}
	ck_assert_msg(rc == 0, "%s", e.msg);
	lg_dtrace_close(t);
}

START_TEST(accelsim_fixture_becomes_sector_requests)
{
	uint64_t n[LG_OP_COUNT];
	lg_dtrace_rec r0;

	count(KT_FIX "/kernelslist.g", "accelsim", n, &r0);
	ck_assert_uint_eq(n[LG_OP_RD], 22);
	ck_assert_uint_eq(n[LG_OP_WR], 11);
	ck_assert_uint_eq(n[LG_OP_NMC], 0);
	ck_assert_uint_eq(r0.addr, 0x7f1000000000ull);
	ck_assert_uint_eq(r0.op, LG_OP_RD);
}
END_TEST

START_TEST(generated_stream_lgt_reads_one_request_per_sector)
{
	char p[128];
	lg_kt_micro m;
	lg_kt_writer *w;
	uint64_t n[LG_OP_COUNT];
	lg_err e;

	kt_tmp(p, sizeof(p), "dreq.lgt");
	lg_kt_micro_defaults(&m); /* copy 1 MiB: 32768 sectors read, 32768 written */
	w = lg_kt_writer_open(p, false, &e);
	ck_assert_int_eq(lg_kt_gen_micro(w, &m, &e), 0);
	ck_assert_int_eq(lg_kt_writer_commit(w, &e), 0);
	count(p, "lgt", n, NULL);
	ck_assert_uint_eq(n[LG_OP_RD], 32768);
	ck_assert_uint_eq(n[LG_OP_WR], 32768);
	ck_assert_uint_eq(n[LG_OP_NMC], 0);
	unlink(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("407-ktrace-dram-requests");
	TCase *tc = tcase_create("dreq");

	tcase_add_test(tc, accelsim_fixture_becomes_sector_requests);
	tcase_add_test(tc, generated_stream_lgt_reads_one_request_per_sector);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
