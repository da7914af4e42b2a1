/*
 * 003: the stats JSON writer produces valid, exactly formatted JSON and
 * never leaves a file that looks complete when a run aborts.
 */
#include <stdio.h>
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

START_TEST(aborted_writer_leaves_no_file)
{
	char path[64], tmp[80];
	lg_err e;
	lg_json *j;

	snprintf(path, sizeof(path), "/tmp/lg-json-abort-%d.json", (int)getpid());
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	j = lg_json_file_open(path, &e);
	lg_json_obj_begin(j, NULL);
	lg_json_u64(j, "partial", 1);
	lg_json_abort(j);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_ne(access(tmp, F_OK), 0);
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

static Suite *suite(void)
{
	Suite *s = suite_create("003-json-writer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, nested_objects_commas_and_escapes);
	tcase_add_test(tc, aborted_writer_leaves_no_file);
	tcase_add_test(tc, non_finite_numbers_become_null);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
