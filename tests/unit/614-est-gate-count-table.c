/*
 * 614: the gate-count table reader (cmodel/est/gates.c): an exact row wins
 * and the full flow's before the fast one's; otherwise the nearest set with
 * the same other parameters, scaled linearly in the first (32 entries from
 * a 64-entry row of 1000 GE: 500 GE); no such row gives NULL; a malformed
 * line is an error naming the file and line.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "est/gates.h"
#include "lg_check.h"

static const char *write_table(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/lg-gates-%d.tsv", (int)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(exact_full_before_fast_then_scaled)
{
	static lg_est_gates g;
	const lg_est_gate_row *r;
	const char *p = write_table(
		"# comment\n"
		"tracker\tfast\tENTRIES=64,PORTS=4\t10\t5\t1300\tk1\n"
		"tracker\tfull\tENTRIES=64,PORTS=4\t10\t5\t1000\tk2\n"
		"tracker\tfast\tENTRIES=16,PORTS=1\t10\t5\t400\tk3\n");
	lg_err e;
	double ge = 0;

	ck_assert_int_eq(lg_est_gates_load(&g, p, &e), 0);
	ck_assert_int_eq(g.n, 3);
	r = lg_est_gates_lookup(&g, "tracker", "ENTRIES=64,PORTS=4", &ge);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->flow, "full");
	ck_assert_double_eq(ge, 1000);
	r = lg_est_gates_lookup(&g, "tracker", "ENTRIES=32,PORTS=4", &ge);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(ge, 500, 1e-9);
	r = lg_est_gates_lookup(&g, "tracker", "ENTRIES=32,PORTS=1", &ge);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(ge, 800, 1e-9);
	ck_assert_ptr_null(lg_est_gates_lookup(&g, "tracker", "ENTRIES=32,PORTS=2", &ge));
	ck_assert_ptr_null(lg_est_gates_lookup(&g, "arb", "N=4", &ge));
	unlink(p);
}
END_TEST

START_TEST(malformed_line_names_file_and_line)
{
	static lg_est_gates g;
	const char *p = write_table("# c\ntracker\tfast\tENTRIES=64\tx\n");
	lg_err e;

	ck_assert_int_eq(lg_est_gates_load(&g, p, &e), -1);
	ck_assert_msg(strstr(e.msg, ":2: expected") != NULL, "%s", e.msg);
	unlink(p);
	ck_assert_int_eq(lg_est_gates_load(&g, "/nonexistent/gates.tsv", &e), 1);
	ck_assert_int_eq(g.n, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("est-gates");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, exact_full_before_fast_then_scaled);
	tcase_add_test(tc, malformed_line_names_file_and_line);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
