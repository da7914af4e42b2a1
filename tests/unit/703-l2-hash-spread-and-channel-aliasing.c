/*
 * 703: the slice hashes. A linear stream of lines spreads exactly evenly
 * (both hashes go round every slice once per S lines); a stride of S
 * lines stays on one slice with "mod" but spreads with "xor"; and with
 * the Lite-GPU preset's DRAM map (configs/lite-gpu.ini: 32 B bursts, a
 * 1 KB row chunk per pseudo-channel, then pseudo-channel bit 10, channel
 * bits 11..14) every slice's lines reach every pseudo-channel evenly
 * under "xor", while "mod" over 16 slices aliases: the slice number is
 * line bits 0..3 = address bits 7..10, so it fixes the pseudo-channel
 * (bit 10) and each slice reaches only 16 of the 32 pseudo-channels.
 */
#include "lg_check.h"
#include "dram/addrmap.h"
#include "dram/dram_spec.h"
#include "l2/l2_hash.h"

static void spread(const char *name, uint32_t S, uint64_t stride, uint64_t n, uint64_t *cnt)
{
	lg_l2_hash h;
	lg_err e;
	uint32_t bad = 0;

	ck_assert_int_eq(lg_l2_hash_init(&h, name, S, 128, &e), 0);
	memset(cnt, 0, S * sizeof(*cnt));
	for (uint64_t i = 0; i < n; i++) {
		uint64_t a = ((uint64_t)S * 4096 + i * stride) * 128; /* from line S x 4096 (q = 4096) */
		uint32_t s = lg_l2_hash_slice(&h, a);

		bad += s >= S;
		cnt[s < S ? s : 0]++;
	}
	ck_assert_uint_eq(bad, 0);
}

START_TEST(a_linear_stream_spreads_exactly_evenly)
{
	static const uint32_t sizes[] = { 1, 8, 16, 20, 80 };
	static const char *const names[] = { "xor", "mod" };
	uint64_t cnt[80];

	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 5; i++) {
			uint32_t S = sizes[i];

			/* S lines from a multiple of S share q: a rotation of 0..S-1 */
			spread(names[k], S, 1, (uint64_t)S * 1000, cnt);
			for (uint32_t s = 0; s < S; s++)
				ck_assert_uint_eq(cnt[s], 1000);
		}
}
END_TEST

/* max count / mean count over the slices */
static double peak_ratio(const uint64_t *cnt, uint32_t S, uint64_t n)
{
	uint64_t mx = 0;

	for (uint32_t s = 0; s < S; s++)
		mx = cnt[s] > mx ? cnt[s] : mx;
	return (double)mx * S / (double)n;
}

START_TEST(a_stride_of_s_lines_spreads_only_with_xor)
{
	uint64_t cnt[80];

	spread("mod", 16, 16, 4096, cnt);
	ck_assert_double_eq(peak_ratio(cnt, 16, 4096), 16.0);   /* all on one slice */
	spread("xor", 16, 16, 4096, cnt);
	/* q = 4096.. in aligned blocks of 16: fold(q) = low 4 bits ^ const, each slice once */
	ck_assert_double_eq(peak_ratio(cnt, 16, 4096), 1.0);
	/*
	 * 20 slices: fold(q) takes the 32 values of 5 bits evenly; mod 20,
	 * residues 0..11 come from two of them, 12..19 from one: max/mean =
	 * 2 / (32 / 20) = 1.25 (a power-of-two S spreads exactly).
	 */
	spread("xor", 20, 20, 3200, cnt);
	ck_assert_double_eq_tol(peak_ratio(cnt, 20, 3200), 1.25, 1e-9);
}
END_TEST

/* units[s][u]: lines of slice s that map to DRAM unit u, over n lines from 0. */
static void slice_units(const char *hash, uint32_t S, uint64_t n, uint64_t units[][32])
{
	lg_cfg c;
	lg_err e;
	lg_dram_spec sp;
	lg_addrmap m;
	lg_l2_hash h;

	lg_cfg_defaults(&c);
	ck_assert_msg(lg_cfg_load_file(&c, LG_ROOT "/configs/lite-gpu.ini", &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_dram_spec_from_cfg(&sp, &c, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_addrmap_init(&m, &sp, &c, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(lg_dram_units(&sp), 32);
	ck_assert_int_eq(lg_l2_hash_init(&h, hash, S, (uint32_t)c.l2.line_bytes, &e), 0);
	memset(units, 0, S * sizeof(units[0]));
	for (uint64_t l = 0; l < n; l++) {
		lg_dram_addr a;

		lg_addrmap_decode(&m, l * 128, &a);
		units[lg_l2_hash_slice(&h, l * 128)][a.unit]++;
	}
}

START_TEST(xor_slices_reach_every_pseudo_channel_evenly)
{
	static uint64_t u[20][32];
	uint64_t n = 1 << 16, mx = 0, mn = UINT64_MAX;

	/* 65,536 lines over 20 slices x 32 pseudo-channels: 102.4 per pair */
	slice_units("xor", 20, n, u);
	for (int s = 0; s < 20; s++)
		for (int k = 0; k < 32; k++) {
			mx = u[s][k] > mx ? u[s][k] : mx;
			mn = u[s][k] < mn ? u[s][k] : mn;
		}
	ck_assert_uint_gt(mn, 0);
	ck_assert_msg(mx * 20 * 32 <= n * 13 / 10 && mn * 20 * 32 >= n * 7 / 10,
		      "per (slice, pseudo-channel) lines %llu..%llu, mean 102.4",
		      (unsigned long long)mn, (unsigned long long)mx);
}
END_TEST

START_TEST(mod_over_16_slices_aliases_with_the_pseudo_channel_bit)
{
	static uint64_t u[16][32];
	int reached;

	slice_units("mod", 16, 1 << 16, u);
	for (int s = 0; s < 16; s++) {
		reached = 0;
		for (int k = 0; k < 32; k++)
			reached += u[s][k] != 0;
		ck_assert_int_eq(reached, 16);
	}
	slice_units("xor", 16, 1 << 16, u);
	for (int s = 0; s < 16; s++) {
		reached = 0;
		for (int k = 0; k < 32; k++)
			reached += u[s][k] != 0;
		ck_assert_int_eq(reached, 32);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("703-l2-hash-spread-and-channel-aliasing");
	TCase *tc = tcase_create("hash");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_linear_stream_spreads_exactly_evenly);
	tcase_add_test(tc, a_stride_of_s_lines_spreads_only_with_xor);
	tcase_add_test(tc, xor_slices_reach_every_pseudo_channel_evenly);
	tcase_add_test(tc, mod_over_16_slices_aliases_with_the_pseudo_channel_bit);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
