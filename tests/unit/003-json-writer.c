/*
 * 003: the stats JSON writer produces valid, exactly formatted JSON and
 * never leaves a file that looks complete when a run aborts or a printer
 * gives up. Its own number formatting writes what printf writes (%llu,
 * %lld, %.12g), checked against printf over edge values and a few hundred
 * thousand pseudo-random doubles.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lg_json.h"
#include "lg_check.h"

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(nested_objects_commas_and_escapes)
{
	char path[64];
	lg_err e;
	lg_json *j;

	snprintf(path, sizeof(path), "/tmp/lg-json-%d.json", (int)getpid());
	j = lg_json_file_open(path, &e);
	ck_assert_ptr_nonnull(j);
	lg_json_obj_begin(j, NULL);
	lg_json_u64(j, "n", 3);
	lg_json_obj_begin(j, "o");
	lg_json_f64(j, "x", 0.5);
	lg_json_str(j, "s", "a\"b\\c\n");
	lg_json_obj_end(j);
	lg_json_arr_begin(j, "a");
	lg_json_i64(j, NULL, -1);
	lg_json_bool(j, NULL, 1);
	lg_json_arr_end(j);
	lg_json_obj_begin(j, "empty");
	lg_json_obj_end(j);
	lg_json_obj_end(j);
	ck_assert_int_eq(lg_json_commit(j, &e), 0);
	ck_assert_str_eq(slurp(path),
			 "{\n  \"n\": 3,\n  \"o\": {\n    \"x\": 0.5,\n"
			 "    \"s\": \"a\\\"b\\\\c\\n\"\n  },\n"
			 "  \"a\": [\n    -1,\n    true\n  ],\n  \"empty\": {}\n}\n");
	unlink(path);
}
END_TEST

/* A writer on /tmp/lg-json-TAG-PID.json; path and tmp (its temporary file) filled in. */
static lg_json *open_in_tmp(const char *tag, char path[64], char tmp[80])
{
	lg_err e;
	lg_json *j;

	snprintf(path, 64, "/tmp/lg-json-%s-%d.json", tag, (int)getpid());
	snprintf(tmp, 80, "%s.tmp", path);
	j = lg_json_file_open(path, &e);
	ck_assert_ptr_nonnull(j);
	return j;
}

/* Neither the file nor its temporary file exists. */
static void no_file(const char *path, const char *tmp)
{
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_ne(access(tmp, F_OK), 0);
}

START_TEST(aborted_writer_leaves_no_file)
{
	char path[64], tmp[80];
	lg_json *j = open_in_tmp("abort", path, tmp);

	lg_json_obj_begin(j, NULL);
	lg_json_u64(j, "partial", 1);
	lg_json_abort(j);
	no_file(path, tmp);
}
END_TEST

START_TEST(non_finite_numbers_become_null)
{
	char buf[256] = "";
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	lg_json *j = lg_json_stream(f);
	lg_err e;

	lg_json_obj_begin(j, NULL);
	lg_json_f64(j, "nan", 0.0 / 0.0);
	lg_json_obj_end(j);
	lg_json_commit(j, &e);
	fclose(f);
	ck_assert_str_eq(buf, "{\n  \"nan\": null\n}\n");
}
END_TEST

/* Pseudo-random 64-bit values (xorshift64), the same every run. */
static uint64_t next_rand(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* The i-th test double: edge values first, then random bit patterns and
 * random numbers at the magnitudes stats take. */
static double test_double(unsigned i, uint64_t *x)
{
	static const double edge[] = {
		0.0, -0.0, 0.5, -0.5, 0.1, 1e-5, 1e-4, 9.99999999999e-5, 0.0001234,
		123456789012.5, 999999999999.5, 999999999999.0, 1e12, -1e12, 1.5e12,
		99999.99999995, 0.30000000000000004, 2.5e-7, 1e100, 1e-300, 5e-324,
		1.7976931348623157e308, 5531720.16098, 184.463748277, 1.47001677397,
		4503599627370496.5, 9007199254740993.0, 1e15 + 0.3, 0.125, 1.0 / 3 };
	uint64_t r;
	double v;

	if (i < sizeof(edge) / sizeof(edge[0]))
		return edge[i];
	r = next_rand(x);
	switch (i % 4) {
	case 0:
		memcpy(&v, &r, sizeof(v));
		return isfinite(v) ? v : 1.0;
	case 1:
		return (double)(r % 100000000) / (double)(1 + next_rand(x) % 100000);
	case 2:
		return (double)(r % 1000000000000000ull) * 1e-3;
	default:
		return ldexp((double)(r >> 11), (int)(next_rand(x) % 120) - 80) * (r & 1 ? -1 : 1);
	}
}

START_TEST(numbers_as_printf_writes_them)
{
	enum { N = 200000 };
	char *buf = NULL, *want = malloc((size_t)N * 40 + 400), *w = want;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lg_json *j = lg_json_stream(f);
	uint64_t x = 88172645463325252ull;
	lg_err e;

	ck_assert_ptr_nonnull(want);
	lg_json_arr_begin(j, NULL);
	w += sprintf(w, "[");
	lg_json_u64(j, NULL, UINT64_MAX);
	lg_json_i64(j, NULL, INT64_MIN);
	lg_json_i64(j, NULL, 0);
	w += sprintf(w, "\n  %llu,\n  %lld,\n  0", (unsigned long long)UINT64_MAX, (long long)INT64_MIN);
	for (unsigned i = 0; i < N; i++) {
		double v = test_double(i, &x);

		lg_json_f64(j, NULL, v);
		w += sprintf(w, ",\n  %.12g", v);
	}
	lg_json_arr_end(j);
	sprintf(w, "\n]\n");
	ck_assert_int_eq(lg_json_commit(j, &e), 0);
	fclose(f);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert(!strcmp(buf, want));
	free(buf);
	free(want);
}
END_TEST

START_TEST(long_strings_and_control_characters)
{
	enum { LONG = 20000 };
	char *v = malloc(LONG + 1), *want = malloc(LONG + 100), *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lg_json *j = lg_json_stream(f);
	lg_err e;

	ck_assert(v && want);
	memset(v, 'x', LONG);
	v[LONG] = '\0';
	lg_json_obj_begin(j, NULL);
	lg_json_str(j, "c", "a\001b\037\r\t\"");
	lg_json_str(j, "long", v);
	lg_json_obj_end(j);
	ck_assert_int_eq(lg_json_commit(j, &e), 0);
	fclose(f);
	sprintf(want, "{\n  \"c\": \"a\\u0001b\\u001f\\r\\t\\\"\",\n  \"long\": \"%s\"\n}\n", v);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert(!strcmp(buf, want));
	free(v);
	free(want);
	free(buf);
}
END_TEST

START_TEST(failed_printer_leaves_no_file)
{
	char path[64], tmp[80];
	lg_json *j = open_in_tmp("fail", path, tmp);
	lg_err e;

	lg_json_obj_begin(j, NULL);
	lg_json_fail(j, "out of memory while writing the stats");
	ck_assert_int_ne(lg_json_finish(j, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "out of memory"));
	ck_assert_int_ne(lg_json_commit(j, &e), 0);
	no_file(path, tmp);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("003-json-writer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, nested_objects_commas_and_escapes);
	tcase_add_test(tc, aborted_writer_leaves_no_file);
	tcase_add_test(tc, non_finite_numbers_become_null);
	tcase_add_test(tc, numbers_as_printf_writes_them);
	tcase_add_test(tc, long_strings_and_control_characters);
	tcase_add_test(tc, failed_printer_leaves_no_file);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
