/*
 * 306: the tracker replay line parser (tracker/trk_replay.c) read by
 * `lgsim cosim tracker --trace`: fields exact, and numbers strict (issue
 * 14: sscanf took an address of -1000 and wrapped it).
 */
#include <string.h>

#include "tracker/trk_replay.h"
#include "lg_check.h"

/* Parse a copy of s (the parser cuts comments in place). */
static int parse(const char *s, lg_trk_replay_line *l)
{
	char buf[256];
	const char *what = NULL;
	int rc;

	snprintf(buf, sizeof(buf), "%s", s);
	rc = lg_trk_replay_parse(buf, l, &what);
	if (rc < 0)
		ck_assert_ptr_nonnull(what);
	return rc;
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
	ck_assert_int_eq(parse("18446744073709551615 0 ffffffff 255", &l), 1);
	ck_assert_uint_eq(l.cycle, UINT64_MAX);
}
END_TEST

START_TEST(negative_wrapping_and_garbled_numbers_are_refused)
{
	static const char *const bad[] = {
		"0 0 -1000 4",            /* the case */
		"-1 0 1000 4",
		"0 0 100000000 4",        /* 33-bit address */
		"18446744073709551616 0 0 4",
		"0 0 1000 256",           /* bytes 0..255 */
		"0 32 1000 4",            /* port >= LG_TRACKER_MAX_PORTS (32) */
		"0 0 1000 4 extra",
		"0 0 10zz 4",
		"0 P 1000 256",           /* 3 or 9 program fields */
		"0 P 1000 256 256 256",
		"0 P 1000 4294967296 256",
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

static Suite *suite(void)
{
	Suite *s = suite_create("306-tracker-replay-line-parse");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, writes_and_programs_parse_to_exact_fields);
	tcase_add_test(tc, negative_wrapping_and_garbled_numbers_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
