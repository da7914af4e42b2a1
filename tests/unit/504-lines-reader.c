/*
 * 504: the streaming line reader under the trace readers (trace/lines.h):
 * lines come back intact and numbered across buffer refills (the buffer is
 * 1 MiB, so a 3 MiB file splits lines at refill boundaries), with CRLF
 * endings and a missing final newline, plain and gzip alike; a handed-back
 * line comes again with the same number.
 */
#include <stdlib.h>

#include "dtr_files.h"
#include "trace/lines.h"

/* Line i of the test file: length varies 0..299, content depends on i. */
static size_t make_line(char *buf, long i)
{
	size_t len = (size_t)((i * 7919) % 300);

	for (size_t k = 0; k < len; k++)
		buf[k] = (char)('a' + (i + (long)k) % 26);
	return len;
}

/* Write nlines lines (ending "\r\n" when crlf) to a malloc'd text. */
static char *make_text(long nlines, int crlf, size_t *size)
{
	char *text = malloc((size_t)nlines * 302 + 1), *p = text;

	ck_assert_ptr_nonnull(text);
	for (long i = 0; i < nlines; i++) {
		p += make_line(p, i);
		if (crlf)
			*p++ = '\r';
		*p++ = '\n';
	}
	*size = (size_t)(p - text);
	return text;
}

/* Read path back and compare every line with make_line(); returns count. */
static long read_back(const char *path, int want_gzip)
{
	char want[400];
	lg_err e;
	lg_line ln;
	lg_lines *l = lg_lines_open(path, &e);
	long n = 0, bad = -1;
	int rc;

	ck_assert_msg(l != NULL, "%s", e.msg);
	ck_assert_int_eq(lg_lines_is_gzip(l), want_gzip);
	/* Compare without ck_assert per line (each costs Check a pipe write). */
	while ((rc = lg_lines_next(l, &ln, &e)) == 1) {
		size_t len = make_line(want, n);

		if (bad < 0 && (ln.len != len || ln.no != (uint64_t)n + 1 ||
				memcmp(ln.s, want, len) != 0 || ln.s[len] != '\0'))
			bad = n;
		n++;
	}
	lg_lines_close(l);
	ck_assert_msg(rc == 0, "%s", e.msg);
	ck_assert_msg(bad < 0, "line %ld differs", bad + 1);
	return n;
}

/* Write text plain and gzip and check both read back as nlines lines. */
static void round_trip(const char *text, size_t size, long nlines, const char *tag)
{
	char path[96];

	dtr_tmp(path, sizeof(path), tag);
	dtr_write_plain(path, text, size);
	ck_assert_int_eq(read_back(path, 0), nlines);
	dtr_write_gz(path, text, size);
	ck_assert_int_eq(read_back(path, 1), nlines);
	unlink(path);
}

START_TEST(lines_survive_buffer_refills_intact_and_numbered)
{
	size_t size;
	char *text = make_text(20000, 0, &size);

	ck_assert_uint_gt(size, 2u << 20); /* at least two refills */
	round_trip(text, size, 20000, "t504-lf");
	free(text);
}
END_TEST

START_TEST(crlf_endings_are_stripped_even_across_refills)
{
	size_t size;
	char *text = make_text(20000, 1, &size);

	round_trip(text, size, 20000, "t504-crlf");
	free(text);
}
END_TEST

START_TEST(last_line_without_newline_is_read)
{
	size_t size;
	char *text = make_text(9000, 0, &size);

	/* Drop the final "\n": the last line (i = 8999, 8999*7919 % 300 = 81
	 * characters) must still come back whole. */
	round_trip(text, size - 1, 9000, "t504-nofinal");
	free(text);
}
END_TEST

START_TEST(handed_back_line_comes_again_with_its_number)
{
	char path[96];
	lg_err e;
	lg_line a, b;
	lg_lines *l;

	dtr_tmp(path, sizeof(path), "t504-unget");
	dtr_write_plain(path, "first\nsecond\n", 13);
	l = lg_lines_open(path, &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(lg_lines_next(l, &a, &e), 1);
	ck_assert_int_eq(lg_lines_next(l, &a, &e), 1);
	ck_assert_str_eq(a.s, "second");
	lg_lines_unget(l);
	ck_assert_uint_eq(lg_lines_lineno(l), 1);
	ck_assert_int_eq(lg_lines_next(l, &b, &e), 1);
	ck_assert_str_eq(b.s, "second");
	ck_assert_uint_eq(b.no, 2);
	ck_assert_int_eq(lg_lines_next(l, &b, &e), 0);
	ck_assert_int_eq(lg_lines_next(l, &b, &e), 0); /* stays at the end */
	lg_lines_close(l);
	unlink(path);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("504-lines-reader");
	TCase *tc = tcase_create("lines");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lines_survive_buffer_refills_intact_and_numbered);
	tcase_add_test(tc, crlf_endings_are_stripped_even_across_refills);
	tcase_add_test(tc, last_line_without_newline_is_read);
	tcase_add_test(tc, handed_back_line_comes_again_with_its_number);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
