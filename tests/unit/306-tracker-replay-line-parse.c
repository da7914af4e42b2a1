/*
 * 306: the tracker replay line parser (tracker/trk_replay.c), the one
 * parser `lgsim cosim tracker --trace` uses: fields exact, numbers strict
 * (sscanf took an address of -1000 and wrapped it), and every field held
 * to the width the recording's header gives.
 */
#include <string.h>

#include "tracker/trk_replay.h"
#include "lg_check.h"

/* The widths of a 64-bit-address, 16-bit-count, 4-port build. */
static const lg_trk_replay_widths W = { 64, 16, 4 };

/* Parse a copy of s (the parser cuts comments in place) against w; the
 * message, on an error, into what. */
static int parse_w(const char *s, const lg_trk_replay_widths *w, lg_trk_replay_line *l, char *what)
{
	char buf[256];
	int rc;

	snprintf(buf, sizeof(buf), "%s", s);
	what[0] = '\0';
	rc = lg_trk_replay_parse(buf, w, l, what, 160);
	if (rc < 0)
		ck_assert_msg(strncmp(what, "expected ", 9) == 0, "message '%s'", what);
	return rc;
}

static int parse(const char *s, lg_trk_replay_line *l)
{
	char what[160];

	return parse_w(s, &W, l, what);
}

START_TEST(writes_and_programs_parse_to_exact_fields)
{
	lg_trk_replay_line l;

	ck_assert_int_eq(parse("11 3 dead0 32   # a miss\n", &l), 1);
	ck_assert(!l.is_prog);
	ck_assert_uint_eq(l.cycle, 11);
	ck_assert_uint_eq(l.port, 3);
	ck_assert_uint_eq(l.addr, 0xdead0);
	ck_assert_uint_eq(l.bytes, 32);
	ck_assert(!l.nmc);
	ck_assert_int_eq(parse("12 2 300000000 64 N", &l), 1);
	ck_assert(l.nmc);
	ck_assert_uint_eq(l.addr, 0x300000000);
	ck_assert_int_eq(parse("0 P 0x1000 256 256 256 1 3 80000 1 0", &l), 1);
	ck_assert(l.is_prog);
	ck_assert_uint_eq(l.prog.base, 0x1000);
	ck_assert_uint_eq(l.prog.len, 256);
	ck_assert_uint_eq(l.prog.stride, 256);
	ck_assert_uint_eq(l.prog.rearm, 1);
	ck_assert_uint_eq(l.prog.die, 3);
	ck_assert_uint_eq(l.prog.dst, 0x80000);
	ck_assert_uint_eq(l.prog.op, 1);
	ck_assert_int_eq(parse("5 P 4000 128 128\r\n", &l), 1);
	ck_assert_uint_eq(l.prog.base, 0x4000);
	ck_assert_uint_eq(l.prog.rearm, 0);
	ck_assert_int_eq(parse("   # only a comment", &l), 0);
	ck_assert_int_eq(parse("\n", &l), 0);
	ck_assert_int_eq(parse("18446744073709551615 0 ffffffffffffffff 255", &l), 1);
	ck_assert_uint_eq(l.cycle, UINT64_MAX);
	ck_assert_uint_eq(l.addr, UINT64_MAX);
}
END_TEST

START_TEST(negative_wrapping_and_garbled_numbers_are_refused)
{
	static const char *const bad[] = {
		"0 0 -1000 4",            /* the case */
		"-1 0 1000 4",
		"0 0 10000000000000000 4", /* 65-bit address */
		"18446744073709551616 0 0 4",
		"0 0 1000 256",           /* bytes 0..255 */
		"0 4 1000 4",             /* port >= the build's 4 */
		"0 0 1000 4 M",           /* only N may follow */
		"0 0 1000 4 N N",
		"0 0 1000 4 extra",
		"0 0 10zz 4",
		"0 P 1000 256",           /* 3 or 9 program fields */
		"0 P 1000 256 256 256",
		"0 P 1000 256 65536",     /* expect beyond count_width 16 */
		"0 P 1000 256 256 256 16 0 0 0 0", /* rearm 4 bits */
		"0 P 1000 256 256 256 0 64 0 0 0", /* die 6 bits */
		"0 P 1000 256 256 256 0 0 0 2 0",  /* op 1 bit */
		"0 P 1000 256 256 256 0 0 0 0 4",  /* dtype 2 bits */
		"0 P -1000 256 256",
		"0 Q 1000 256 256",
		"x 0 1000 4",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lg_trk_replay_line l;

		ck_assert_msg(parse(bad[i], &l) == -1, "accepted '%s'", bad[i]);
	}
}
END_TEST

/* A 32-bit-address build refuses what a 64-bit one takes, and the message
 * names the field, its width and the value. */
START_TEST(fields_are_held_to_the_header_widths)
{
	static const lg_trk_replay_widths w32 = { 32, 20, 1 };
	lg_trk_replay_line l;
	char what[160];

	ck_assert_int_eq(parse_w("0 0 300000000 64", &W, &l, what), 1);
	ck_assert_int_eq(parse_w("0 0 300000000 64", &w32, &l, what), -1);
	ck_assert_str_eq(what, "expected a hex address below 2^32, got 0x300000000");
	ck_assert_int_eq(parse_w("0 P 1000 256 70000", &W, &l, what), -1);
	ck_assert_str_eq(what, "expected an expect below 2^16, got 70000");
	ck_assert_int_eq(parse_w("0 P 1000 256 70000", &w32, &l, what), 1);
	ck_assert_uint_eq(l.prog.expect, 70000);
	ck_assert_int_eq(parse_w("0 1 1000 4", &w32, &l, what), -1);
	ck_assert_str_eq(what, "expected a port below 1");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("306-tracker-replay-line-parse");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, writes_and_programs_parse_to_exact_fields);
	tcase_add_test(tc, negative_wrapping_and_garbled_numbers_are_refused);
	tcase_add_test(tc, fields_are_held_to_the_header_widths);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
