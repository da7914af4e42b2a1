/*
 * 001: the config key table and its parser.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lg_config.h"
#include "lg_check.h"

/* Write text to a fresh temporary INI file and return its path. */
static const char *write_ini(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/lg-cfg-test-%d.ini", (int)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(every_default_parses_within_its_range)
{
	size_t n;
	const lg_key *k = lg_cfg_keys(&n);
	lg_cfg c;
	lg_err e;

	lg_cfg_defaults(&c);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(lg_cfg_set(&c, k[i].section, k[i].name, k[i].def,
					 "t", 0, &e) == 0, "%s", e.msg);
}
END_TEST

START_TEST(defaults_match_dramsim3_hbm2)
{
	lg_cfg c;

	lg_cfg_defaults(&c);
	ck_assert_int_eq(c.timing.tRCDRD, 14);
	ck_assert_int_eq(c.timing.tFAW, 30);
	ck_assert_str_eq(c.system.address_mapping, "rorabgbachco");
	ck_assert_str_eq(c.mc.scheduler, "frfcfs");
}
END_TEST

START_TEST(unknown_key_names_file_line_and_key)
{
	const char *p = write_ini("[timing]\ntRCD = 12\n\ntBOGUS = 3\n");
	lg_cfg c;
	lg_err e;
	char want[128];

	lg_cfg_defaults(&c);
	ck_assert_int_eq(lg_cfg_load_file(&c, p, &e), -1);
	snprintf(want, sizeof(want), "%s:4: unknown key 'tBOGUS' in [timing]", p);
	ck_assert_msg(strncmp(e.msg, want, strlen(want)) == 0, "%s", e.msg);
	unlink(p);
}
END_TEST

START_TEST(out_of_range_value_is_an_error)
{
	const char *p = write_ini("[system]\nchannels = 0\n");
	lg_cfg c;
	lg_err e;

	lg_cfg_defaults(&c);
	ck_assert_int_eq(lg_cfg_load_file(&c, p, &e), -1);
	ck_assert_msg(strstr(e.msg, ":2: system.channels: 0 out of range"), "%s", e.msg);
	unlink(p);
}
END_TEST

START_TEST(values_and_lines_are_recorded)
{
	const char *p = write_ini("; comment\n[timing]\ntRP = 17 ; inline\n");
	lg_cfg c;
	lg_err e;

	lg_cfg_defaults(&c);
	ck_assert_int_eq(lg_cfg_load_file(&c, p, &e), 0);
	ck_assert_int_eq(c.timing.tRP, 17);
	ck_assert_int_eq(c.key_line[LG_K_timing_tRP], 3);
	ck_assert(c.key_set[LG_K_timing_tRP]);
	unlink(p);
}
END_TEST

START_TEST(override_sets_any_key_and_rejects_garbage)
{
	lg_cfg c;
	lg_err e;

	lg_cfg_defaults(&c);
	ck_assert_int_eq(lg_cfg_set_override(&c, "system.channels=1", &e), 0);
	ck_assert_int_eq(c.system.channels, 1);
	ck_assert_int_eq(lg_cfg_set_override(&c, "system.channels", &e), -1);
	ck_assert_int_eq(lg_cfg_set_override(&c, "mc.scheduler=lifo", &e), -1);
	ck_assert_msg(strstr(e.msg, "expected one of fcfs|frfcfs|frfcfs_cap"), "%s", e.msg);
}
END_TEST

/*
 * Issue 14: `config keys` printed ranges up to 2^63 that the parser then
 * refused. Every INT key's printed bounds must be accepted, one past them
 * refused (when one past still fits 64 bits).
 */
START_TEST(printed_int_ranges_are_the_accepted_ranges)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lg_cfg c;
	lg_err e;
	int nint = 0;

	ck_assert_ptr_nonnull(f);
	lg_cfg_print_keys(f);
	fclose(f);
	lg_cfg_defaults(&c);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char full[96], type[16], *r = strstr(line, "range="), *dot, *dd;
		long long lo, hi;
		char v[32];

		ck_assert_int_eq(sscanf(line, "%95s %15s", full, type), 2);
		if (strcmp(type, "int"))
			continue;
		ck_assert_ptr_nonnull(r);
		ck_assert_int_eq(sscanf(r, "range=%lld..%lld", &lo, &hi), 2);
		dot = strchr(full, '.');
		*dot = '\0';
		dd = dot + 1;
		snprintf(v, sizeof(v), "%lld", hi);
		ck_assert_msg(lg_cfg_set(&c, full, dd, v, "t", 0, &e) == 0, "%s", e.msg);
		snprintf(v, sizeof(v), "%lld", lo);
		ck_assert_msg(lg_cfg_set(&c, full, dd, v, "t", 0, &e) == 0, "%s", e.msg);
		if (hi < INT64_MAX) {
			snprintf(v, sizeof(v), "%lld", hi + 1);
			ck_assert_int_eq(lg_cfg_set(&c, full, dd, v, "t", 0, &e), -1);
		}
		nint++;
	}
	ck_assert_int_gt(nint, 50);
	free(buf);
}
END_TEST

/* INT values: no octal, no sign but '-', no wrap past 64 bits. */
START_TEST(int_values_are_parsed_strictly)
{
	lg_cfg c;
	lg_err e;

	lg_cfg_defaults(&c);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", "08", "t", 0, &e), 0);
	ck_assert_int_eq(c.system.channels, 8);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", "0x10", "t", 0, &e), 0);
	ck_assert_int_eq(c.system.channels, 16);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", "+2", "t", 0, &e), -1);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", " 2", "t", 0, &e), -1);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", "2 x", "t", 0, &e), -1);
	ck_assert_int_eq(lg_cfg_set(&c, "sim", "watchdog_cycles", "18446744073709551617", "t", 0, &e), -1);
	ck_assert_int_eq(lg_cfg_set(&c, "sim", "watchdog_cycles", "0x10000000000000000", "t", 0, &e), -1);
	ck_assert_int_eq(lg_cfg_set(&c, "sim", "watchdog_cycles", "0x7fffffffffffffff", "t", 0, &e), 0);
	ck_assert(c.sim.watchdog_cycles == INT64_MAX);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("001-config-table");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_default_parses_within_its_range);
	tcase_add_test(tc, defaults_match_dramsim3_hbm2);
	tcase_add_test(tc, unknown_key_names_file_line_and_key);
	tcase_add_test(tc, out_of_range_value_is_an_error);
	tcase_add_test(tc, values_and_lines_are_recorded);
	tcase_add_test(tc, override_sets_any_key_and_rejects_garbage);
	tcase_add_test(tc, printed_int_ranges_are_the_accepted_ranges);
	tcase_add_test(tc, int_values_are_parsed_strictly);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
