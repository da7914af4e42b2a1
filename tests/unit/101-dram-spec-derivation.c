/*
 * 101: the DRAM organisation and timing derived from the config exactly as
 * DRAMsim3 derives them, contradictory values rejected naming file:line:key,
 * and the address map.
 */
#include <string.h>

#include "core/lg_config.h"
#include "dram/addrmap.h"
#include "dram/dram_spec.h"
#include "lg_check.h"

/* Defaults (the DRAMsim3 HBM2 values) plus one "file" override. */
static int spec_with(lg_dram_spec *s, const char *sec, const char *key, const char *val, lg_err *e)
{
	lg_cfg c;

	lg_cfg_defaults(&c);
	if (sec)
		ck_assert_msg(lg_cfg_set(&c, sec, key, val, "t.ini", 7, e) == 0, "%s", e->msg);
	return lg_dram_spec_from_cfg(s, &c, e);
}

START_TEST(hbm2_defaults_derive_like_dramsim3)
{
	lg_dram_spec s;
	lg_err e;

	ck_assert_int_eq(spec_with(&s, NULL, NULL, NULL, &e), 0);
	ck_assert_int_eq(s.columns, 128);      /* 64 * 2 */
	ck_assert_int_eq(s.burst_cycles, 2);   /* BL4 / 2 */
	ck_assert_int_eq(s.request_bytes, 64); /* 128 / 8 * 4 */
	ck_assert_int_eq(s.tRC, 48);           /* tRAS + tRP */
	ck_assert_int_eq(s.RL, 14);
	ck_assert_int_eq(s.WL, 4);
	ck_assert_int_eq(s.banks, 16);
	ck_assert_int_eq(s.tRTP, 6);           /* tRTP_L */
	ck_assert_uint_eq(s.tCK_ps, 1000);
}
END_TEST

START_TEST(trcd_fills_trcdrd_and_trcdwr_when_they_are_absent)
{
	lg_dram_spec s;
	lg_err e;

	ck_assert_int_eq(spec_with(&s, "timing", "tRCD", "12", &e), 0);
	ck_assert_int_eq(s.tRCDRD, 12);
	ck_assert_int_eq(s.tRCDWR, 12);
}
END_TEST

/* Each case: one override that must be rejected with the key named. */
static const struct bad {
	const char *sec, *key, *val, *want;
} bad_cases[] = {
	{ "timing", "tRAS", "10", "t.ini:7: timing.tRAS: must be >= tRCDRD" },
	{ "mc", "write_high_pct", "50", "t.ini:7: mc.write_high_pct: must be > mc.write_low_pct" },
	{ "system", "unified_queue", "true", "t.ini:7: system.unified_queue" },
	{ "system", "enable_self_refresh", "true", "t.ini:7: system.enable_self_refresh" },
	{ "system", "bus_width", "64", "t.ini:7: system.bus_width" },
	{ "system", "channels", "3", "t.ini:7: system.channels: the channel count must be a power of two" },
	{ "dram_structure", "rows", "30000", "t.ini:7: dram_structure.rows" },
	{ "system", "channel_size", "2048", "t.ini:7: system.channel_size: 2048 MB means 2 ranks" },
	{ "system", "channel_size", "1000", "t.ini:7: system.channel_size: must equal" },
	{ "timing", "tCCD_L", "0", "" }, /* out of range: caught by the parser */
	{ "timing", "tRRD_L", "2", "t.ini:7: timing.tRRD_L: must be >= tRRD_S" },
	{ "timing", "tREFI", "200", "t.ini:7: timing.tREFI: must be > tRFC" },
};

START_TEST(contradictory_values_name_file_line_and_key)
{
	const struct bad *b = &bad_cases[_i];
	lg_cfg c;
	lg_dram_spec s;
	lg_err e;

	lg_cfg_defaults(&c);
	if (lg_cfg_set(&c, b->sec, b->key, b->val, "t.ini", 7, &e) != 0) {
		ck_assert_str_eq(b->want, "");
		return;
	}
	ck_assert_int_eq(lg_dram_spec_from_cfg(&s, &c, &e), -1);
	ck_assert_msg(strncmp(e.msg, b->want, strlen(b->want)) == 0, "got '%s' want '%s'", e.msg, b->want);
}
END_TEST

/* Address map from a mapping string; NULL spec error expected when want. */
static int map_with(lg_addrmap *m, const char *str, int channels, lg_err *e)
{
	lg_cfg c;
	lg_dram_spec s;
	char ch[16];

	lg_cfg_defaults(&c);
	snprintf(ch, sizeof(ch), "%d", channels);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "channels", ch, "t.ini", 3, e), 0);
	ck_assert_int_eq(lg_cfg_set(&c, "system", "address_mapping", str, "t.ini", 9, e), 0);
	ck_assert_int_eq(lg_dram_spec_from_cfg(&s, &c, e), 0);
	return lg_addrmap_init(m, &s, &c, e);
}

START_TEST(mapping_rorabgbachco_places_fields_as_dramsim3)
{
	lg_addrmap m;
	lg_dram_addr a;
	lg_err e;

	ck_assert_int_eq(map_with(&m, "rorabgbachco", 8, &e), 0);
	/* offset 6 bits, co 5, ch 3, ba 2, bg 2, ro 15 */
	lg_addrmap_decode(&m, 0x40, &a);
	ck_assert_uint_eq(a.col, 1);
	lg_addrmap_decode(&m, 1ull << 11, &a);
	ck_assert_uint_eq(a.ch, 1);
	ck_assert_uint_eq(a.col, 0);
	lg_addrmap_decode(&m, 1ull << 14, &a);
	ck_assert_uint_eq(a.ba, 1);
	lg_addrmap_decode(&m, 1ull << 16, &a);
	ck_assert_uint_eq(a.bg, 1);
	ck_assert_uint_eq(a.bank, 4);
	lg_addrmap_decode(&m, 3ull << 18, &a);
	ck_assert_uint_eq(a.row, 3);
	ck_assert_uint_eq(m.total_bits, 33); /* 8 GB */
	ck_assert_uint_eq(lg_addrmap_encode(&m, &a), 3ull << 18);
}
END_TEST

START_TEST(mapping_missing_or_duplicate_field_is_an_error)
{
	lg_addrmap m;
	lg_err e;

	ck_assert_int_eq(map_with(&m, "rorabgbach", 8, &e), -1);
	ck_assert_msg(strstr(e.msg, "t.ini:9: system.address_mapping:") && strstr(e.msg, "'co' is missing"), "%s", e.msg);
	ck_assert_int_eq(map_with(&m, "rorabgbachcoco", 8, &e), -1);
	ck_assert_msg(strstr(e.msg, "'co' appears twice"), "%s", e.msg);
	ck_assert_int_eq(map_with(&m, "rorabgbachcx", 8, &e), -1);
	ck_assert_msg(strstr(e.msg, "unknown field 'cx'"), "%s", e.msg);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("101-dram-spec-derivation");
	TCase *tc = tcase_create("spec");

	tcase_add_test(tc, hbm2_defaults_derive_like_dramsim3);
	tcase_add_test(tc, trcd_fills_trcdrd_and_trcdwr_when_they_are_absent);
	tcase_add_loop_test(tc, contradictory_values_name_file_line_and_key, 0,
			    (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	tcase_add_test(tc, mapping_rorabgbachco_places_fields_as_dramsim3);
	tcase_add_test(tc, mapping_missing_or_duplicate_field_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
