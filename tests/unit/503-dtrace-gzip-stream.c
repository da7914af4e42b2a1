/*
 * 503: gzip traces are streamed: a truncated or corrupt .gz is an error
 * naming the line where reading stopped (never a clean, shorter trace), and
 * reading a long trace does not grow memory with its length.
 */
#include <stdlib.h>
#include <sys/resource.h>

#include "dtr_files.h"

/* Write a gzip trace of n lines "i R 0x<i*64>" to path; returns its size. */
static long write_gz_trace(const char *path, long n, int level)
{
	char mode[8], line[64];
	gzFile g;
	FILE *f;
	long size, written = 0;

	snprintf(mode, sizeof(mode), "wb%d", level);
	g = gzopen(path, mode);
	ck_assert_ptr_nonnull(g);
	/* No ck_assert per line: each one costs Check a pipe write. */
	for (long i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "%ld R 0x%lx\n", i, (unsigned long)i * 64);

		written += gzwrite(g, line, (unsigned)len) == len;
	}
	ck_assert_int_eq(written, n);
	ck_assert_int_eq(gzclose(g), Z_OK);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	return size;
}

/* Read path to its end; returns the final status, *n the records read. */
static int read_through(const char *path, size_t *n, lg_err *e)
{
	return dtr_read_all(path, NULL, NULL, 0, n, e, NULL);
}

/* The message must be "path:<line>: truncated or corrupt gzip stream". */
static void assert_gzip_error(const char *path, size_t n, const lg_err *e)
{
	char want[160];

	snprintf(want, sizeof(want), "%s:%zu: truncated or corrupt gzip stream", path, n + 1);
	ck_assert_str_eq(e->msg, want);
}

START_TEST(truncated_gzip_is_an_error_not_a_short_trace)
{
	char path[96];
	size_t n;
	lg_err e;
	long size;

	dtr_tmp(path, sizeof(path), "t503-trunc.gz");
	size = write_gz_trace(path, 100000, 6);
	ck_assert_int_eq(read_through(path, &n, &e), 0);
	ck_assert_uint_eq(n, 100000);
	ck_assert_int_eq(truncate(path, size / 2), 0);
	ck_assert_int_eq(read_through(path, &n, &e), -1);
	ck_assert_msg(n > 1000 && n < 100000, "read %zu records", n);
	assert_gzip_error(path, n, &e);
	unlink(path);
}
END_TEST

START_TEST(gzip_cut_inside_its_trailer_is_an_error)
{
	char path[96];
	size_t n;
	lg_err e;
	long size;

	/* The last 8 bytes are CRC32 and length: all data is there, the
	 * check is not. */
	dtr_tmp(path, sizeof(path), "t503-trailer.gz");
	size = write_gz_trace(path, 1000, 6);
	ck_assert_int_eq(truncate(path, size - 4), 0);
	ck_assert_int_eq(read_through(path, &n, &e), -1);
	assert_gzip_error(path, n, &e);
	unlink(path);
}
END_TEST

START_TEST(gzip_header_alone_is_an_error)
{
	char path[96];
	size_t n;
	lg_err e;

	dtr_tmp(path, sizeof(path), "t503-header.gz");
	write_gz_trace(path, 1000, 6);
	ck_assert_int_eq(truncate(path, 12), 0);
	ck_assert_int_eq(read_through(path, &n, &e), -2);
	ck_assert_uint_eq(n, 0);
	assert_gzip_error(path, 0, &e);
	unlink(path);
}
END_TEST

START_TEST(corrupt_gzip_data_or_crc_is_an_error)
{
	char path[96];
	size_t n;
	lg_err e;
	long size, at[2];
	FILE *f;
	int rc;

	dtr_tmp(path, sizeof(path), "t503-corrupt.gz");
	size = write_gz_trace(path, 20000, 6);
	at[0] = size / 2;   /* inside the deflate data */
	at[1] = size - 6;   /* inside the CRC32 */
	for (int i = 0; i < 2; i++) {
		write_gz_trace(path, 20000, 6);
		f = fopen(path, "r+b");
		ck_assert_ptr_nonnull(f);
		fseek(f, at[i], SEEK_SET);
		int c = fgetc(f);
		fseek(f, at[i], SEEK_SET);
		fputc(c ^ 0x5a, f);
		fclose(f);
		/* -2: found while probing the format, in the first buffer. */
		rc = read_through(path, &n, &e);
		ck_assert_msg(rc == -1 || rc == -2, "rc %d", rc);
		ck_assert_msg(strstr(e.msg, ": truncated or corrupt gzip stream"), "%s", e.msg);
	}
	unlink(path);
}
END_TEST

/* Peak resident set, KiB. */
static long max_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

START_TEST(reading_two_million_lines_keeps_memory_bounded)
{
	char path[96];
	lg_dtrace *t;
	lg_dtrace_rec r;
	lg_err e;
	long before, after, n = 0;
	int rc;

	/* ~38 MB of text: loading it whole would show as tens of MB. */
	dtr_tmp(path, sizeof(path), "t503-big.gz");
	write_gz_trace(path, 2000000, 1);
	t = lg_dtrace_open(path, NULL, &e);
	ck_assert_msg(t != NULL, "%s", e.msg);
	ck_assert_int_eq(lg_dtrace_next(t, &r, &e), 1);
	before = max_rss_kib();
	while ((rc = lg_dtrace_next(t, &r, &e)) == 1)
		n++;
	after = max_rss_kib();
	lg_dtrace_close(t);
	unlink(path);
	ck_assert_msg(rc == 0, "%s", e.msg);
	ck_assert_int_eq(n, 1999999);
	ck_assert_int_eq(r.addr, 1999999ull * 64);
	ck_assert_msg(after - before < 4096, "peak RSS grew by %ld KiB", after - before);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("503-dtrace-gzip-stream");
	TCase *tc = tcase_create("gzip");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, truncated_gzip_is_an_error_not_a_short_trace);
	tcase_add_test(tc, gzip_cut_inside_its_trailer_is_an_error);
	tcase_add_test(tc, gzip_header_alone_is_an_error);
	tcase_add_test(tc, corrupt_gzip_data_or_crc_is_an_error);
	tcase_add_test(tc, reading_two_million_lines_keeps_memory_bounded);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
