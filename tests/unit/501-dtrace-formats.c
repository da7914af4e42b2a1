/*
 * 501: each DRAM trace format parses to exactly the records it describes,
 * the format is detected from the first record line, and gzip input gives
 * the same records as plain input.
 */
#include "dtr_files.h"

#define MAXR 16

/* Compare one record field by field, naming the record on failure. */
static void rec_eq(const lg_dtrace_rec *r, uint64_t time, int unit, int op, int dtype,
		   uint32_t size, uint64_t addr, uint64_t line)
{
	ck_assert_msg(r->time == time && r->time_unit == unit && r->op == op &&
		      r->dtype == dtype && r->size == size && r->addr == addr &&
		      r->line == line,
		      "got time %llu unit %d op %d dtype %d size %u addr 0x%llx line %llu",
		      (unsigned long long)r->time, r->time_unit, r->op, r->dtype, r->size,
		      (unsigned long long)r->addr, (unsigned long long)r->line);
}

/* Write text plain (or gzip) and read it all; the read must end cleanly. */
static size_t parse(const char *text, const char *fmt, int gz, lg_dtrace_rec *recs,
		    char *format)
{
	char path[96];
	size_t n;
	lg_err e;
	int rc;

	dtr_tmp(path, sizeof(path), gz ? "t501.trace.gz" : "t501.trace");
	if (gz)
		dtr_write_gz(path, text, strlen(text));
	else
		dtr_write_plain(path, text, strlen(text));
	rc = dtr_read_all(path, fmt, recs, MAXR, &n, &e, format);
	ck_assert_msg(rc == 0, "rc %d: %s", rc, e.msg);
	unlink(path);
	return n;
}

static const char text_trace[] =
	"# lgsim text trace\n"
	"\n"
	"0 R 0x0\n"
	"   3\tW 0x1F40   # trailing comment\n"
	"3 N:bf16 0x80 64\n"
	"10 N:fp8-e4m3 0xffffffffffffffff 4096\n"
	"  # indented comment\n"
	"10 R 0x00000000000000000000010 1#comment right after\n"
	"12 N:fp32 0x40\r\n"
	"12 N:fp16 0x40";

START_TEST(text_records_parse_to_exact_fields)
{
	lg_dtrace_rec r[MAXR];
	char fmt[32];
	size_t n = parse(text_trace, NULL, 0, r, fmt);

	ck_assert_str_eq(fmt, "lgsim");
	ck_assert_uint_eq(n, 7);
	rec_eq(&r[0], 0, LG_DTT_CYCLES, LG_OP_RD, LG_DT_NONE, 0, 0x0, 3);
	rec_eq(&r[1], 3, LG_DTT_CYCLES, LG_OP_WR, LG_DT_NONE, 0, 0x1f40, 4);
	rec_eq(&r[2], 3, LG_DTT_CYCLES, LG_OP_NMC, LG_DT_BF16, 64, 0x80, 5);
	rec_eq(&r[3], 10, LG_DTT_CYCLES, LG_OP_NMC, LG_DT_FP8_E4M3, 4096,
	       0xffffffffffffffffull, 6);
	rec_eq(&r[4], 10, LG_DTT_CYCLES, LG_OP_RD, LG_DT_NONE, 1, 0x10, 8);
	rec_eq(&r[5], 12, LG_DTT_CYCLES, LG_OP_NMC, LG_DT_FP32, 0, 0x40, 9);
	rec_eq(&r[6], 12, LG_DTT_CYCLES, LG_OP_NMC, LG_DT_FP16, 0, 0x40, 10);
}
END_TEST

START_TEST(text_ns_times_become_picoseconds)
{
	lg_dtrace_rec r[MAXR];
	size_t n = parse("0ns R 0x0\n1ns W 0x40\n1.5ns R 0x80\n2.125ns R 0xc0\n"
			 "2.13ns R 0x100\n1000000000000000ns R 0x0\n",
			 NULL, 0, r, NULL);

	ck_assert_uint_eq(n, 6);
	rec_eq(&r[0], 0, LG_DTT_PS, LG_OP_RD, 0, 0, 0x0, 1);
	rec_eq(&r[1], 1000, LG_DTT_PS, LG_OP_WR, 0, 0, 0x40, 2);
	rec_eq(&r[2], 1500, LG_DTT_PS, LG_OP_RD, 0, 0, 0x80, 3);
	rec_eq(&r[3], 2125, LG_DTT_PS, LG_OP_RD, 0, 0, 0xc0, 4);
	rec_eq(&r[4], 2130, LG_DTT_PS, LG_OP_RD, 0, 0, 0x100, 5);
	/* the largest time: 10^15 ns = 10^18 ps (LG_DTRACE_MAX_PS) */
	rec_eq(&r[5], 1000000000000000000ull, LG_DTT_PS, LG_OP_RD, 0, 0, 0x0, 6);
}
END_TEST

START_TEST(text_equal_times_and_a_huge_gap_are_fine)
{
	lg_dtrace_rec r[MAXR];
	size_t n = parse("7 R 0x0\n7 R 0x40\n1000000007 W 0x80\n", NULL, 0, r, NULL);

	ck_assert_uint_eq(n, 3);
	rec_eq(&r[2], 1000000007, LG_DTT_CYCLES, LG_OP_WR, 0, 0, 0x80, 3);
}
END_TEST

START_TEST(dramsim3_records_parse_to_exact_fields)
{
	lg_dtrace_rec r[MAXR];
	char fmt[32];
	size_t n = parse("# from DRAMsim3\n0x7f3a40 READ 0\n1F WRITE 5\n"
			 "0X20\tREAD\t5 \n0xffffffffffffffff WRITE 10000000000000\n",
			 NULL, 0, r, fmt);

	ck_assert_str_eq(fmt, "dramsim3");
	ck_assert_uint_eq(n, 4);
	rec_eq(&r[0], 0, LG_DTT_CYCLES, LG_OP_RD, 0, 0, 0x7f3a40, 2);
	rec_eq(&r[1], 5, LG_DTT_CYCLES, LG_OP_WR, 0, 0, 0x1f, 3);
	rec_eq(&r[2], 5, LG_DTT_CYCLES, LG_OP_RD, 0, 0, 0x20, 4);
	/* the largest cycle: 10^13 (LG_DTRACE_MAX_CYCLES) */
	rec_eq(&r[3], 10000000000000ull, LG_DTT_CYCLES, LG_OP_WR, 0, 0, UINT64_MAX, 5);
}
END_TEST

START_TEST(ramulator_records_parse_untimed_hex_or_decimal)
{
	lg_dtrace_rec r[MAXR];
	char fmt[32];
	size_t n = parse("LD 0x40\nST 128\nLD 0XfF\n\nST 18446744073709551615\n",
			 NULL, 0, r, fmt);

	ck_assert_str_eq(fmt, "ramulator");
	ck_assert_uint_eq(n, 4);
	rec_eq(&r[0], 0, LG_DTT_NONE, LG_OP_RD, 0, 0, 0x40, 1);
	rec_eq(&r[1], 0, LG_DTT_NONE, LG_OP_WR, 0, 0, 128, 2);
	rec_eq(&r[2], 0, LG_DTT_NONE, LG_OP_RD, 0, 0, 0xff, 3);
	rec_eq(&r[3], 0, LG_DTT_NONE, LG_OP_WR, 0, 0, UINT64_MAX, 5);
}
END_TEST

/*
 * Addresses of 7, 8 (lower and upper case), 9 and 16 hex digits and
 * multi-digit times on lines the fast line parsers take: each is followed
 * by at least their 64-byte window of filler lines. The values are the
 * literal hex numbers of the lines.
 */
#define FILL8(l) l l l l l l l l
static const uint64_t fast_addr[5] = { 0x1234567, 0x89abcdef, 0x89ABCDEF, 0x123456789,
				       0xfedcba9876543210ull };

/*
 * Read text with lg_dtrace_next_batch (the reader the fast line parsers
 * serve) and check its five records before the filler against fast_addr
 * (unit NONE: untimed).
 */
static void fast_records_eq(const char *text, int unit)
{
	lg_dtrace_rec r[MAXR];
	char path[96];
	lg_dtrace *t;
	lg_err e;
	int n = 0, rc;

	dtr_tmp(path, sizeof(path), "t501f.trace");
	dtr_write_plain(path, text, strlen(text));
	t = lg_dtrace_open(path, NULL, &e);
	ck_assert_msg(t != NULL, "%s", e.msg);
	while ((rc = lg_dtrace_next_batch(t, r + n, MAXR - n, &e)) > 0)
		n += rc;
	ck_assert_msg(rc == 0, "rc %d: %s", rc, e.msg);
	lg_dtrace_close(t);
	unlink(path);
	ck_assert_int_eq(n, 13);
	for (int i = 0; i < 5; i++)
		rec_eq(&r[i], unit == LG_DTT_NONE ? 0 : 12345 + (uint64_t)i, unit,
		       i & 1 ? LG_OP_WR : LG_OP_RD, LG_DT_NONE, 0, fast_addr[i], (uint64_t)i + 1);
}

START_TEST(fast_lines_read_every_hex_length)
{
	fast_records_eq("12345 R 0x1234567\n12346 W 0x89abcdef\n12347 R 0x89ABCDEF\n"
			"12348 W 0x123456789\n12349 R 0xfedcba9876543210\n"
			FILL8("99999 R 0x40\n"), LG_DTT_CYCLES);
	fast_records_eq("0x1234567 READ 12345\n0x89abcdef WRITE 12346\n0x89ABCDEF READ 12347\n"
			"0x123456789 WRITE 12348\n0xfedcba9876543210 READ 12349\n"
			FILL8("0x40 READ 99999\n"), LG_DTT_CYCLES);
	fast_records_eq("LD 0x1234567\nST 0x89abcdef\nLD 0x89ABCDEF\nST 0x123456789\n"
			"LD 0xfedcba9876543210\n" FILL8("LD 0x40\n"), LG_DTT_NONE);
}
END_TEST

START_TEST(format_flag_forces_a_reader)
{
	lg_dtrace_rec r[MAXR];
	char fmt[32];
	/* "10 READ 5" is dramsim3 with an address without 0x: auto-detected... */
	size_t n = parse("10 READ 5\n", "auto", 0, r, fmt);

	ck_assert_str_eq(fmt, "dramsim3");
	ck_assert_uint_eq(n, 1);
	rec_eq(&r[0], 5, LG_DTT_CYCLES, LG_OP_RD, 0, 0, 0x10, 1);
	/* ...and a forced reader is used even when another would probe. */
	n = parse("LD 0x40\n", "ramulator", 0, r, fmt);
	ck_assert_str_eq(fmt, "ramulator");
	ck_assert_uint_eq(n, 1);
}
END_TEST

START_TEST(empty_or_comment_only_trace_has_no_records)
{
	lg_dtrace_rec r[MAXR];
	char fmt[32];

	ck_assert_uint_eq(parse("", NULL, 0, r, fmt), 0);
	ck_assert_str_eq(fmt, "lgsim");
	ck_assert_uint_eq(parse("# nothing\n\n   \n", NULL, 0, r, fmt), 0);
	ck_assert_uint_eq(parse("", NULL, 1, r, fmt), 0);
}
END_TEST

START_TEST(gzip_input_gives_the_same_records_as_plain)
{
	const char *traces[] = { text_trace, "0x10 READ 1\n0x20 WRITE 2\n", "LD 1\nST 0x2\n" };

	for (size_t i = 0; i < sizeof(traces) / sizeof(traces[0]); i++) {
		lg_dtrace_rec a[MAXR], b[MAXR];
		char fa[32], fb[32];
		size_t na = parse(traces[i], NULL, 0, a, fa);
		size_t nb = parse(traces[i], NULL, 1, b, fb);

		ck_assert_uint_eq(na, nb);
		ck_assert_str_eq(fa, fb);
		for (size_t k = 0; k < na; k++)
			rec_eq(&b[k], a[k].time, a[k].time_unit, a[k].op, a[k].dtype,
			       a[k].size, a[k].addr, a[k].line);
	}
}
END_TEST

START_TEST(gzip_is_recognised_by_magic_not_by_name)
{
	char path[96];
	lg_dtrace_rec r[MAXR];
	size_t n;
	lg_err e;

	dtr_tmp(path, sizeof(path), "t501-gz-without-suffix.txt");
	dtr_write_gz(path, "5 W 0x40\n", 9);
	ck_assert_int_eq(dtr_read_all(path, NULL, r, MAXR, &n, &e, NULL), 0);
	ck_assert_uint_eq(n, 1);
	rec_eq(&r[0], 5, LG_DTT_CYCLES, LG_OP_WR, 0, 0, 0x40, 1);
	unlink(path);
}
END_TEST

START_TEST(reader_table_lists_three_formats_in_probe_order)
{
	size_t n;
	const lg_dtrace_reader *const *rd = lg_dtrace_readers(&n);

	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(rd[0]->name, "lgsim");
	ck_assert_str_eq(rd[1]->name, "dramsim3");
	ck_assert_str_eq(rd[2]->name, "ramulator");
	ck_assert_str_eq(rd[3]->name, "lgt");      /* kernel traces, ktdreq/ktrace_dreq.c */
	ck_assert_str_eq(rd[4]->name, "accelsim");
}
END_TEST

START_TEST(probes_accept_only_their_own_lines)
{
	static const char *lines[3] = { "0 R 0x40", "0x40 READ 0", "LD 0x40" };
	size_t n;
	const lg_dtrace_reader *const *rd = lg_dtrace_readers(&n);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < 3; j++)
			ck_assert_msg(rd[i]->probe(lines[j], strlen(lines[j])) == (i == j),
				      "reader %s on '%s'", rd[i]->name, lines[j]);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("501-dtrace-formats");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, text_records_parse_to_exact_fields);
	tcase_add_test(tc, text_ns_times_become_picoseconds);
	tcase_add_test(tc, text_equal_times_and_a_huge_gap_are_fine);
	tcase_add_test(tc, dramsim3_records_parse_to_exact_fields);
	tcase_add_test(tc, ramulator_records_parse_untimed_hex_or_decimal);
	tcase_add_test(tc, fast_lines_read_every_hex_length);
	tcase_add_test(tc, format_flag_forces_a_reader);
	tcase_add_test(tc, empty_or_comment_only_trace_has_no_records);
	tcase_add_test(tc, gzip_input_gives_the_same_records_as_plain);
	tcase_add_test(tc, gzip_is_recognised_by_magic_not_by_name);
	tcase_add_test(tc, reader_table_lists_three_formats_in_probe_order);
	tcase_add_test(tc, probes_accept_only_their_own_lines);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
