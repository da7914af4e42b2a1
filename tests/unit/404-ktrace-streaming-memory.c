/*
 * 404: reading streams warp by warp with bounded memory. A trace 16 times
 * longer (more warps of the same length) keeps the same peak number of
 * buffered instructions (one warp), and the process's peak RSS grows by
 * far less than the trace would take in memory (1M+ instructions at
 * sizeof(lg_kt_insn) each would be > 60 MB; the bound here is 16 MB).
 */
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ktrace/kt_gen.h"
#include "kt_files.h"
#include "lg_check.h"

static long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Stream copy: ctas x 4 warps, each warp 64 slices -> 129 instructions. */
static void gen_stream(const char *p, uint32_t ctas)
{
	lg_kt_micro m;
	lg_kt_writer *w;
	lg_err e;

	lg_kt_micro_defaults(&m);
	m.ctas = ctas;
	m.warps = 4;
	m.bytes = (uint64_t)ctas * 4 * 64 * 512;
	w = lg_kt_writer_open(p, false, &e);
	ck_assert_ptr_nonnull(w);
	ck_assert_msg(lg_kt_gen_micro(w, &m, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_writer_commit(w, &e) == 0, "%s", e.msg);
}

/* Read the whole trace; instruction count and peak buffered instructions. */
static void read_all(const char *p, uint64_t *insns, size_t *peak)
{
	lg_err e;
	lg_kt_reader *r = lg_kt_open(p, NULL, &e);
	int ev;

	ck_assert_msg(r != NULL, "%s", e.msg);
	*insns = 0;
	while ((ev = lg_kt_next(r, &e)) > 0)
		if (ev == LG_KT_EV_WARP)
			*insns += lg_kt_cur_warp(r)->n;
	ck_assert_msg(ev == 0, "%s", e.msg);
	*peak = lg_kt_reader_peak_insns(r);
	lg_kt_close(r);
}

START_TEST(peak_buffer_and_rss_stay_flat_as_the_trace_grows)
{
	char p[128];
	uint64_t n_small, n_big;
	size_t peak_small, peak_big;
	long rss0, rss1;

	kt_tmp(p, sizeof(p), "stream.lgt");
	gen_stream(p, 128);
	read_all(p, &n_small, &peak_small);
	rss0 = max_rss_kb();
	gen_stream(p, 2048);
	read_all(p, &n_big, &peak_big);
	rss1 = max_rss_kb();
	unlink(p);
	ck_assert_uint_eq(n_small, 128ull * 4 * 129);
	ck_assert_uint_eq(n_big, 2048ull * 4 * 129);
	ck_assert_uint_eq(peak_small, 129);
	ck_assert_uint_eq(peak_big, 129);
	ck_assert_msg(rss1 - rss0 < 16 * 1024, "peak RSS grew by %ld kB", rss1 - rss0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("404-ktrace-streaming-memory");
	TCase *tc = tcase_create("stream");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, peak_buffer_and_rss_stay_flat_as_the_trace_grows);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
