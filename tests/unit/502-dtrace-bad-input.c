/*
 * 502: every malformed DRAM trace line is reported as one line
 * "FILE:LINE: what was expected" with status -1, naming the right line;
 * nothing malformed is silently skipped or read as a record.
 */
#include "dtr_files.h"

typedef struct bad_case {
	const char *fmt;   /* forced format, or NULL to probe */
	const char *text;  /* trace content */
	long line;         /* line the error must name */
	const char *want;  /* message after "FILE:LINE: " (prefix match) */
} bad_case;

static const bad_case cases[] = {
	/* lgsim text */
	{ "lgsim", "0 X 0x10\n", 1, "expected <op> R, W or N:<dtype>, got 'X'" },
	{ "lgsim", "0 r 0x10\n", 1, "expected <op> R, W or N:<dtype>, got 'r'" },
	{ "lgsim", "0 R 0x10\n1 R 10\n", 2, "expected <address> as hex with a 0x prefix, got '10'" },
	{ "lgsim", "0 R 0X10\n", 1, "expected <address> as hex with a 0x prefix, got '0X10'" },
	{ "lgsim", "0 R 0x\n", 1, "expected <address> as hex with a 0x prefix, got '0x'" },
	{ "lgsim", "0 R 0x10zz\n", 1, "expected <address> as hex with a 0x prefix, got '0x10zz'" },
	{ "lgsim", "0 R 0x1ffffffffffffffff\n", 1, "address does not fit in 64 bits, got '0x1ffffffffffffffff'" },
	{ "lgsim", "0 R\n", 1, "expected <address> as hex with a 0x prefix, got end of line" },
	{ "lgsim", "0 R # no address\n", 1, "expected <address> as hex with a 0x prefix, got a comment" },
	{ "lgsim", "0\n", 1, "expected <op> R, W or N:<dtype>, got end of line" },
	{ "lgsim", "0 R 0x10 64 extra\n", 1, "expected end of line or '#' comment after the request, got 'extra'" },
	{ "lgsim", "0 R 0x10 0\n", 1, "expected [bytes] as a decimal size 1..4096, got '0'" },
	{ "lgsim", "0 R 0x10 4097\n", 1, "expected [bytes] as a decimal size 1..4096, got '4097'" },
	{ "lgsim", "0 R 0x10 0x40\n", 1, "expected [bytes] as a decimal size 1..4096, got '0x40'" },
	{ "lgsim", "0 N:fp64 0x10\n", 1, "expected an NMC dtype fp32, bf16, fp16 or fp8-e4m3 after 'N:', got 'N:fp64'" },
	{ "lgsim", "0 N: 0x10\n", 1, "expected an NMC dtype" },
	{ "lgsim", "5 R 0x10\n\n4 R 0x20\n", 3, "time 4 cycles is earlier than 5 cycles on line 1: times must not decrease" },
	{ "lgsim", "2ns R 0x10\n1.999ns R 0x20\n", 2, "time 1999 ps is earlier than 2000 ps on line 1" },
	{ "lgsim", "5 R 0x10\n6ns R 0x20\n", 2, "time in ns, but line 1 gives it in cycles" },
	{ "lgsim", "1.5 R 0x10\n", 1, "expected <time> in cycles (digits, at most 10^13) or in ns" },
	{ "lgsim", "1.2345ns R 0x10\n", 1, "expected <time> in cycles" },
	{ "lgsim", "1.ns R 0x10\n", 1, "expected <time> in cycles" },
	{ "lgsim", "-1 R 0x10\n", 1, "expected <time> in cycles" },
	{ "lgsim", "18446744073709551616 R 0x10\n", 1, "expected <time> in cycles (digits, at most 10^13) or in ns (digits, up to 3 decimals, 'ns' suffix; at most 10^15 ns), got '18446744073709551616'" },
	{ "lgsim", "18446744073709552ns R 0x10\n", 1, "expected <time> in cycles" },
	/* times whose ps value would wrap: cycles x tCK (10^5 ps at most) past 10^18 */
	{ "lgsim", "18446744073709551615 R 0x10\n", 1, "expected <time> in cycles (digits, at most 10^13)" },
	{ "lgsim", "0 R 0x0\n10000000000001 R 0x10\n", 2, "expected <time> in cycles (digits, at most 10^13)" },
	{ "lgsim", "1000000000000001ns R 0x10\n", 1, "expected <time> in cycles" },
	{ NULL, "0x10 READ 18446744073709551615\n", 1, "expected <cycle> as a decimal number of at most 10^13, got '18446744073709551615'" },
	{ "lgsim", "5 ns R 0x10\n", 1, "expected <op> R, W or N:<dtype>, got 'ns'" },
	/* probed as lgsim from the first record, error further down */
	{ NULL, "# c\n0 R 0x10\n1 W 0x20 junk\n", 3, "expected [bytes] as a decimal size 1..4096, got 'junk'" },
	{ NULL, "0 N:int8 0x10\n", 1, "expected an NMC dtype" },
	/* dramsim3 */
	{ NULL, "0x10 READ 5\n0x20 read 6\n", 2, "expected READ or WRITE, got 'read'" },
	{ NULL, "0x10 READ\n", 1, "expected <cycle> as a decimal number of at most 10^13, got end of line" },
	{ NULL, "0x10 READ 5 7\n", 1, "expected end of line after '<address> READ|WRITE <cycle>', got '7'" },
	{ NULL, "0x10 READ 0x5\n", 1, "expected <cycle> as a decimal number of at most 10^13, got '0x5'" },
	{ NULL, "0x10 WRITE 5\n0x20 WRITE 3\n", 2, "time 3 cycles is earlier than 5 cycles on line 1" },
	{ NULL, "0x1ffffffffffffffff READ 5\n", 1, "address does not fit in 64 bits" },
	{ "dramsim3", "0xg0 READ 5\n", 1, "expected <address> in hex (0x prefix optional), got '0xg0'" },
	{ "dramsim3", "LD 0x10\n", 1, "expected <address> in hex" },
	/* ramulator */
	{ NULL, "LD\n", 1, "expected <address> as hex with a 0x prefix or decimal, got end of line" },
	{ NULL, "LD 0x10 5\n", 1, "expected end of line after 'LD|ST <address>', got '5'" },
	{ NULL, "ST 0x10\nST -5\n", 2, "expected <address> as hex with a 0x prefix or decimal, got '-5'" },
	{ NULL, "LD 0x1ffffffffffffffff\n", 1, "address does not fit in 64 bits" },
	{ NULL, "LD 18446744073709551616\n", 1, "address does not fit in 64 bits" },
	{ NULL, "LD 0x40\nld 0x80\n", 2, "expected LD or ST, got 'ld'" },
	{ "ramulator", "0 R 0x10\n", 1, "expected LD or ST, got '0'" },
	/* no reader recognises the first record line */
	{ NULL, "hello world\n", 1, "cannot tell the trace format from this line" },
	{ NULL, "# comment\n\n0x40 LOAD 5\n", 3, "cannot tell the trace format from this line" },
};

/* Run one case; the message must be "path:line: want...". */
static void run_case(const bad_case *c, int gz)
{
	char path[96], prefix[160];
	lg_dtrace_rec r[4];
	size_t n;
	lg_err e;
	int rc;

	dtr_tmp(path, sizeof(path), gz ? "t502.gz" : "t502.trace");
	if (gz)
		dtr_write_gz(path, c->text, strlen(c->text));
	else
		dtr_write_plain(path, c->text, strlen(c->text));
	lg_err_clear(&e);
	rc = dtr_read_all(path, c->fmt, r, 4, &n, &e, NULL);
	snprintf(prefix, sizeof(prefix), "%s:%ld: %s", path, c->line, c->want);
	ck_assert_msg(rc == -1 || rc == -2, "'%s': rc %d, no error", c->text, rc);
	ck_assert_msg(strncmp(e.msg, prefix, strlen(prefix)) == 0,
		      "'%s':\n got  %s\n want %s", c->text, e.msg, prefix);
	ck_assert_msg(!strchr(e.msg, '\n'), "message is more than one line");
	unlink(path);
}

START_TEST(each_malformed_line_names_file_line_and_expectation)
{
	run_case(&cases[_i], 0);
}
END_TEST

START_TEST(gzip_input_reports_the_same_errors)
{
	run_case(&cases[_i], 1);
}
END_TEST

START_TEST(line_longer_than_4096_is_rejected_with_its_number)
{
	static char text[8192];
	char path[96], want[160];
	size_t n;
	lg_err e;
	int len = snprintf(text, sizeof(text), "0 R 0x0\n0 R 0x40 #");

	memset(text + len, 'x', 4100);
	strcpy(text + len + 4100, "\n");
	dtr_tmp(path, sizeof(path), "t502-long");
	dtr_write_plain(path, text, strlen(text));
	ck_assert_int_eq(dtr_read_all(path, NULL, NULL, 0, &n, &e, NULL), -1);
	ck_assert_uint_eq(n, 1);
	snprintf(want, sizeof(want), "%s:2: line longer than 4096 characters", path);
	ck_assert_str_eq(e.msg, want);
	/* 4096 characters exactly is fine (comment padding); line 1 is 8 bytes. */
	memset(text + len, 'x', (size_t)(4096 - (len - 8)));
	strcpy(text + 8 + 4096, "\n");
	dtr_write_plain(path, text, strlen(text));
	ck_assert_int_eq(dtr_read_all(path, NULL, NULL, 0, &n, &e, NULL), 0);
	ck_assert_uint_eq(n, 2);
	unlink(path);
}
END_TEST

START_TEST(nul_byte_is_rejected_as_binary)
{
	char path[96], want[160];
	size_t n;
	lg_err e;

	dtr_tmp(path, sizeof(path), "t502-nul");
	dtr_write_plain(path, "0 R 0x0\n0 R 0x40\0junk\n", 22);
	ck_assert_int_eq(dtr_read_all(path, NULL, NULL, 0, &n, &e, NULL), -1);
	snprintf(want, sizeof(want), "%s:2: NUL byte in line: not a text trace", path);
	ck_assert_str_eq(e.msg, want);
	unlink(path);
}
END_TEST

START_TEST(missing_file_and_unknown_format_fail_at_open)
{
	char path[96], want[200];
	size_t n;
	lg_err e;

	dtr_tmp(path, sizeof(path), "t502-does-not-exist");
	ck_assert_int_eq(dtr_read_all(path, NULL, NULL, 0, &n, &e, NULL), -2);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	ck_assert_str_eq(e.msg, want);

	dtr_write_plain(path, "0 R 0x0\n", 8);
	ck_assert_int_eq(dtr_read_all(path, "champsim", NULL, 0, &n, &e, NULL), -2);
	snprintf(want, sizeof(want), "%s: unknown trace format 'champsim': "
		 "expected one of auto|lgsim|dramsim3|ramulator|lgt|accelsim", path);
	ck_assert_str_eq(e.msg, want);
	unlink(path);

	ck_assert_int_eq(dtr_read_all("/tmp", NULL, NULL, 0, &n, &e, NULL), -2);
	ck_assert_str_eq(e.msg, "/tmp: is a directory, expected a trace file");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("502-dtrace-bad-input");
	TCase *tc = tcase_create("bad-input");
	int n = (int)(sizeof(cases) / sizeof(cases[0]));

	tcase_add_loop_test(tc, each_malformed_line_names_file_line_and_expectation, 0, n);
	tcase_add_loop_test(tc, gzip_input_reports_the_same_errors, 0, n);
	tcase_add_test(tc, line_longer_than_4096_is_rejected_with_its_number);
	tcase_add_test(tc, nul_byte_is_rejected_as_binary);
	tcase_add_test(tc, missing_file_and_unknown_format_fail_at_open);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
