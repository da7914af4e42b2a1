/*
 * 004: the --timeline writer produces trace-event JSON, stays bounded
 * (slices over the budget are counted, counter series are thinned by
 * time-weighted pairwise means) and leaves no file on an aborted run.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/lg_timeline.h"
#include "lg_check.h"

static char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void tmp_path(char *p, size_t n, const char *tag)
{
	snprintf(p, n, "/tmp/lg-tl-%s-%d.json", tag, (int)getpid());
}

START_TEST(slices_names_and_exact_microseconds)
{
	char path[64], *s;
	lg_err e;
	lg_tl *t;

	tmp_path(path, sizeof(path), "a");
	t = lg_tl_open(path, 10, 16, &e);
	ck_assert_ptr_nonnull(t);
	lg_tl_process(t, 0, "die0");
	lg_tl_track(t, 0, 3, "cu \"3\"");
	/* 1,500,001 ps = 1.500001 us; 2 ps of duration = 0.000002 us */
	lg_tl_slice(t, 0, 3, "cta(0,0,0)", "cta", 1500001, 1500003);
	ck_assert_int_eq(lg_tl_close(t, 1, &e), 0);
	s = slurp(path);
	ck_assert_ptr_nonnull(strstr(s, "\"name\":\"process_name\",\"pid\":0,\"args\":{\"name\":\"die0\"}"));
	ck_assert_ptr_nonnull(strstr(s, "\"args\":{\"name\":\"cu \\\"3\\\"\"}"));
	ck_assert_ptr_nonnull(strstr(s, "\"ph\":\"X\",\"name\":\"cta(0,0,0)\",\"cat\":\"cta\",\"pid\":0,\"tid\":3,"
				     "\"ts\":1.500001,\"dur\":0.000002}"));
	ck_assert_ptr_nonnull(strstr(s, "\"lgsim_dropped_slices\":0}"));
	remove(path);
}
END_TEST

START_TEST(slices_over_the_budget_are_counted_not_written)
{
	char path[64], *s;
	lg_err e;
	lg_tl *t;
	int n = 0;

	tmp_path(path, sizeof(path), "b");
	t = lg_tl_open(path, 3, 16, &e);
	ck_assert_ptr_nonnull(t);
	for (int i = 0; i < 5; i++)
		lg_tl_slice(t, 0, 1, "k", NULL, (lg_ps)i * 1000, (lg_ps)i * 1000 + 500);
	ck_assert_uint_eq(lg_tl_dropped(t), 2);
	ck_assert_int_eq(lg_tl_close(t, 1, &e), 0);
	s = slurp(path);
	for (char *p = s; (p = strstr(p, "\"ph\":\"X\"")); p++)
		n++;
	ck_assert_int_eq(n, 3);
	ck_assert_ptr_nonnull(strstr(s, "\"lgsim_dropped_slices\":2}"));
	remove(path);
}
END_TEST

/*
 * max_samples 4: samples (0,1) (10,3) (20,5) (30,7) fill the series; the
 * fifth, (40,9), first halves it. Pair 1 spans [0,10) and [10,20): mean
 * (1x10 + 3x10)/20 = 2 at 0. Pair 2 spans [20,30) and [30,40) (the last
 * pair's second interval is taken as long as its first): 6 at 20. Then
 * (40,9): three samples, (0,2) (20,6) (40,9).
 */
START_TEST(counter_series_thinned_by_time_weighted_means)
{
	char path[64], *s;
	lg_err e;
	lg_tl *t;
	int c;

	tmp_path(path, sizeof(path), "c");
	t = lg_tl_open(path, 10, 4, &e);
	ck_assert_ptr_nonnull(t);
	c = lg_tl_counter(t, 0, "bw");
	ck_assert_int_ge(c, 0);
	for (int i = 0; i < 5; i++)
		lg_tl_sample(t, c, (lg_ps)i * 10 * 1000000, 1 + 2 * i);
	ck_assert_int_eq(lg_tl_close(t, 1, &e), 0);
	s = slurp(path);
	ck_assert_ptr_nonnull(strstr(s, "\"ts\":0.000000,\"args\":{\"bw\":2}"));
	ck_assert_ptr_nonnull(strstr(s, "\"ts\":20.000000,\"args\":{\"bw\":6}"));
	ck_assert_ptr_nonnull(strstr(s, "\"ts\":40.000000,\"args\":{\"bw\":9}"));
	ck_assert_ptr_null(strstr(s, "\"ts\":10.000000"));
	remove(path);
}
END_TEST

START_TEST(aborted_timeline_leaves_nothing)
{
	char path[64], tmp[80];
	lg_err e;
	lg_tl *t;

	tmp_path(path, sizeof(path), "d");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	remove(path);
	t = lg_tl_open(path, 10, 4, &e);
	ck_assert_ptr_nonnull(t);
	lg_tl_slice(t, 0, 0, "k", NULL, 0, 1);
	ck_assert_int_eq(access(tmp, F_OK), 0);
	lg_tl_close(t, 0, &e);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_ne(access(tmp, F_OK), 0);
	ck_assert_ptr_null(lg_tl_open("/nonexistent-dir/t.json", 10, 4, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent-dir/t.json"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("timeline");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, slices_names_and_exact_microseconds);
	tcase_add_test(tc, slices_over_the_budget_are_counted_not_written);
	tcase_add_test(tc, counter_series_thinned_by_time_weighted_means);
	tcase_add_test(tc, aborted_timeline_leaves_nothing);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
