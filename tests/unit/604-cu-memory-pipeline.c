/*
 * The CU's memory pipeline with a fixed-latency fake memory (latency D
 * core cycles, request to return). Hand derivations in comments.
 */
#include "lg_check.h"
#include "cu_testlib.h"
#include "cu/coalesce.h"

/* ---- the coalescer (cu/coalesce.h) ---- */

START_TEST(coalescer_merges_lanes_into_sectors_and_lines)
{
	uint64_t a[32];
	lg_co_sector s[LG_CO_MAXSEC];
	uint8_t sz[LG_CO_MAXSEC];
	int n;

	/* 32 lanes x 4 B consecutive from 0x1000: 128 B = 4 sectors, 1 line */
	for (int l = 0; l < 32; l++)
		a[l] = 0x1000 + 4u * l;
	n = lg_coalesce(a, 0xffffffffu, 4, s);
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(s[0].addr, 0x1000);
	ck_assert_uint_eq(s[3].addr, 0x1060);
	ck_assert_uint_eq(s[1].bytes, 32);
	n = lg_coalesce_lines(s, sz, n);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(sz[0], 128);
	ck_assert_uint_eq(s[0].addr, 0x1000);
	/* two lanes: 4 B at 0x2004 and 8 B at 0x203c (straddles 0x2040) */
	a[0] = 0x2004;
	a[1] = 0x203c;
	n = lg_coalesce(a, 0x3, 8, s);
	ck_assert_int_eq(n, 3);
	ck_assert_uint_eq(s[0].addr, 0x2000);
	ck_assert_uint_eq(s[0].off, 4);
	ck_assert_uint_eq(s[0].bytes, 8);
	ck_assert_uint_eq(s[1].addr, 0x2020);
	ck_assert_uint_eq(s[1].off, 28);
	ck_assert_uint_eq(s[1].bytes, 4);
	ck_assert_uint_eq(s[2].addr, 0x2040);
	ck_assert_uint_eq(s[2].bytes, 4);
	n = lg_coalesce_lines(s, sz, n);
	ck_assert_int_eq(n, 3); /* no full line */
	ck_assert_uint_eq(sz[0], 32);
	/* stride 128: 32 sectors, 4 useful bytes each */
	for (int l = 0; l < 32; l++)
		a[l] = 0x10000 + 128u * l;
	ck_assert_int_eq(lg_coalesce(a, 0xffffffffu, 4, s), 32);
	ck_assert_uint_eq(s[31].bytes, 4);
}
END_TEST

/* An independent reference for the coalescer, byte by byte: lanes in
 * order, each byte's sector found by a linear search or appended; a
 * sector's span runs from its lowest to its highest byte touched. */
static int ref_coalesce(const uint64_t *a, uint32_t mask, unsigned width, lg_co_sector *out)
{
	int n = 0;

	for (int l = 0; l < 32; l++) {
		if (!(mask >> l & 1))
			continue;
		for (uint64_t b = a[l]; b < a[l] + width; b++) {
			uint64_t x = b / 32 * 32;
			int i = 0;

			while (i < n && out[i].addr != x)
				i++;
			if (i == n) {
				out[n].addr = x;
				out[n].off = (uint16_t)(b - x);
				out[n++].bytes = 1;
			} else if (b - x < out[i].off) {
				out[i].bytes = (uint16_t)(out[i].off + out[i].bytes - (b - x));
				out[i].off = (uint16_t)(b - x);
			} else if (b - x >= out[i].off + out[i].bytes) {
				out[i].bytes = (uint16_t)(b - x - out[i].off + 1);
			}
		}
	}
	return n;
}

/* The reference for the line grouping: a line whose four sectors are all
 * in s[] becomes one 128 B access where its first sector was. */
static int ref_lines(const lg_co_sector *s, int n, lg_co_sector *out, uint8_t *size)
{
	int m = 0;

	for (int i = 0; i < n; i++) {
		uint64_t la = s[i].addr / 128 * 128;
		int have = 0, firsti = -1;
		unsigned lo = 128, hi = 0;

		for (int j = 0; j < n; j++) {
			if (s[j].addr / 128 * 128 != la)
				continue;
			have |= 1 << (s[j].addr % 128 / 32);
			if (firsti < 0)
				firsti = j;
			if (s[j].addr % 128 + s[j].off < lo)
				lo = (unsigned)(s[j].addr % 128 + s[j].off);
			if (s[j].addr % 128 + s[j].off + s[j].bytes - 1 > hi)
				hi = (unsigned)(s[j].addr % 128 + s[j].off + s[j].bytes - 1);
		}
		if (have != 0xf) {
			out[m] = s[i];
			size[m++] = 32;
		} else if (firsti == i) {
			out[m].addr = la;
			out[m].off = (uint16_t)lo;
			out[m].bytes = (uint16_t)(hi - lo + 1);
			size[m++] = 128;
		}
	}
	return m;
}

static void same_sectors(const lg_co_sector *x, const uint8_t *xs, const lg_co_sector *y,
			 const uint8_t *ys, int n)
{
	for (int i = 0; i < n; i++) {
		ck_assert_uint_eq(x[i].addr, y[i].addr);
		ck_assert_uint_eq(x[i].off, y[i].off);
		ck_assert_uint_eq(x[i].bytes, y[i].bytes);
		if (xs)
			ck_assert_uint_eq(xs[i], ys[i]);
	}
}

/* The active lanes of a[] delta-coded (as an .lgt record holds them):
 * lg_coalesce_delta gives the reference's n sectors r, or -1 only when a
 * lane goes below the one before it (kinds 2, 3 and 5 may, the runs and
 * strides of kinds 0, 1 and 4 never do). */
static void delta_equals(const uint64_t *a, uint32_t mask, unsigned w, unsigned kind,
			 const lg_co_sector *r, int n)
{
	lg_co_sector s[LG_CO_MAXSEC];
	uint64_t d[32], prev = 0;
	int k = 0, m;
	bool down = false;

	for (uint32_t mm = mask; mm; mm &= mm - 1) {
		uint64_t x = a[__builtin_ctz(mm)];

		if (k)
			d[k - 1] = x - prev;
		down |= k && x < prev;
		prev = x;
		k++;
	}
	m = lg_coalesce_delta(a[__builtin_ctz(mask)], d, k, w, s);
	if (m < 0) {
		ck_assert(down);
		ck_assert(kind == 2 || kind == 3 || kind == 5);
		return;
	}
	ck_assert(!down);
	ck_assert_int_eq(m, n);
	same_sectors(s, NULL, r, NULL, n);
}

/* A fixed pseudo-random sequence (64-bit LCG, Knuth's MMIX constants). */
static uint64_t rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return *st >> 33;
}

/* Lane patterns of every kind the fast paths choose between (runs of
 * contiguous lanes with jumps, strides, unaligned straddling, lanes going
 * backwards, scattered, repeated), widths 1..32, random masks: the
 * coalescer and the line grouping (on sorted and on shuffled sectors)
 * equal the references above, and a contiguous range equals its lanes. */
START_TEST(coalescer_equals_a_bytewise_reference)
{
	uint64_t st = 12345, a[32];
	static const unsigned widths[] = { 1, 2, 4, 8, 12, 16, 32 };

	for (int t = 0; t < 2000; t++) {
		lg_co_sector s[LG_CO_MAXSEC], r[LG_CO_MAXSEC], ls[LG_CO_MAXSEC], lr[LG_CO_MAXSEC];
		uint8_t ssz[LG_CO_MAXSEC], rsz[LG_CO_MAXSEC];
		unsigned w = widths[rnd(&st) % 7], kind = (unsigned)(rnd(&st) % 6);
		uint32_t mask = rnd(&st) % 3 ? 0xffffffffu : (uint32_t)rnd(&st) | 1u;
		uint64_t cur = 0x100000 + rnd(&st) % 4096;
		int n, m, k;

		for (int l = 0; l < 32; l++) {
			switch (kind) {
			case 0: /* runs of w-wide lanes with jumps */
				a[l] = cur;
				cur += rnd(&st) % 4 ? w : w + 32 * (rnd(&st) % 20);
				break;
			case 1: /* a stride, maybe below the width */
				a[l] = 0x200000 + (uint64_t)l * (1 + t % 70);
				break;
			case 2: /* backwards */
				a[l] = 0x300000 - (uint64_t)l * w * (1 + t % 3);
				break;
			case 3: /* scattered over a few lines */
				a[l] = 0x400000 + rnd(&st) % 512;
				break;
			case 4: /* the same address */
				a[l] = 0x500000 + (uint64_t)t % 61;
				break;
			default: /* ascending, then a jump back */
				a[l] = 0x600000 + (uint64_t)(l < 20 ? l : l - 18) * w;
				break;
			}
		}
		n = lg_coalesce(a, mask, w, s);
		ck_assert_int_eq(n, ref_coalesce(a, mask, w, r));
		same_sectors(s, NULL, r, NULL, n);
		delta_equals(a, mask, w, kind, r, n);
		k = ref_lines(s, n, lr, rsz);
		m = lg_coalesce_lines(s, ssz, n);
		ck_assert_int_eq(m, k);
		same_sectors(s, ssz, lr, rsz, m);
		/* the same sectors shuffled: the general grouping */
		memcpy(ls, r, (size_t)n * sizeof(*r));
		for (int i = n - 1; i > 0; i--) {
			int j = (int)(rnd(&st) % (uint64_t)(i + 1));
			lg_co_sector x = ls[i];

			ls[i] = ls[j];
			ls[j] = x;
		}
		k = ref_lines(ls, n, lr, rsz);
		m = lg_coalesce_lines(ls, ssz, n);
		ck_assert_int_eq(m, k);
		same_sectors(ls, ssz, lr, rsz, m);
		/* a range tiled by lanes of width w */
		for (int l = 0; l < 32; l++)
			a[l] = cur + (uint64_t)l * w;
		n = lg_coalesce_run(cur, 32u * w, s);
		ck_assert_int_eq(n, ref_coalesce(a, 0xffffffffu, w, r));
		same_sectors(s, NULL, r, NULL, n);
	}
}
END_TEST

/* One warp: n loads LDG.E R1 <- [addr] (stride 0: every lane the same 4 B)
 * each needing the previous one's R1, then EXIT. */
static void load_chain(const char *path, unsigned n, int same)
{
	FILE *f = kt_begin(path);

	kt_kernel(f, 1, 1, 32, 0, 32, 0, NULL);
	kt_tb(f, 0);
	kt_warp(f, 0, n + 1);
	for (unsigned i = 0; i < n; i++)
		kt_ins(f, i * 16, "1 R1 LDG.E 1 R1 4 1 0x%llx 0 0",
		       (unsigned long long)(0x100000 + (same ? 0 : 4096u * i)));
	kt_ins(f, n * 16, "0 EXIT 0 0 0");
	kt_tb_end(f);
	fclose(f);
}

static uint64_t run(const char *path, const char *const *ov, uint32_t memlat, cu_rig *r)
{
	lg_err e;

	ck_assert_msg(rig_open(r, path, 1, ov, memlat, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(rig_run(r, (lg_ps)1e12), 0);
	return rig_kcycles(r, 0);
}

/*
 * A load issued at cycle c is in the LSU at c+1, which sends the request
 * with delivery c+1+mem_latency (4); the fake memory takes it then and
 * returns it D cycles later; the CU writes R1 in the cycle it takes it and
 * the next load issues in that cycle: D + 5 cycles per load. Ten loads:
 * 10 (D + 5), as the warp ends when its last load is back. D = 100: 1,050.
 * Missing loads to distinct lines with the L1 on: the same.
 */
START_TEST(dependent_load_chain_sees_the_memory_latency)
{
	static const char *const nol1[] = { "kernel.launch_latency_ns=0", "cu.l1_bytes=0", NULL };
	static const char *const l1[] = { "kernel.launch_latency_ns=0", NULL };
	char p[256];
	cu_rig r;

	load_chain(cu_tmp(p, sizeof(p), "ld.lgt"), 10, 0);
	ck_assert_uint_eq(run(p, nol1, 100, &r), 10 * 105);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 10);
	ck_assert_uint_eq(r.tot.l1_hits + r.tot.l1_misses, 0);
	rig_close(&r);
	ck_assert_uint_eq(run(p, l1, 100, &r), 10 * 105);
	ck_assert_uint_eq(r.tot.l1_misses, 10);
	rig_close(&r);
	unlink(p);
}
END_TEST

/*
 * The same address ten times with the L1 on: the first load misses (105
 * cycles, as above), the other nine hit: LSU at c+1, data l1_latency (32)
 * later: 33 cycles each. 105 + 9 x 33 = 402. Without L1, ten misses.
 */
START_TEST(l1_hits_take_the_l1_latency)
{
	static const char *const l1[] = { "kernel.launch_latency_ns=0", NULL };
	char p[256];
	cu_rig r;

	load_chain(cu_tmp(p, sizeof(p), "hit.lgt"), 10, 1);
	ck_assert_uint_eq(run(p, l1, 100, &r), 105 + 9 * 33);
	ck_assert_uint_eq(r.tot.l1_hits, 9);
	ck_assert_uint_eq(r.tot.l1_misses, 1);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 1);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* One instruction of each kind from one warp, 32 lanes x 4 B contiguous
 * (a whole 128 B line): a load, a store, a RED.E.ADD.F32 and an
 * ATOMG.E.ADD.F32 with a result, then a shared load. */
static void mix_trace(const char *path)
{
	FILE *f = kt_begin(path);

	kt_kernel(f, 1, 1, 32, 1024, 32, 0, NULL);
	kt_tb(f, 0);
	kt_warp(f, 0, 6);
	kt_ins(f, 0x00, "1 R1 LDG.E 1 R4 4 1 0x200000 4 0");
	kt_ins(f, 0x10, "0 STG.E 2 R4 R1 4 1 0x300000 4 0");
	kt_ins(f, 0x20, "0 RED.E.ADD.F32.FTZ.RN 2 R4 R1 4 1 0x400000 4 0");
	kt_ins(f, 0x30, "1 R5 ATOMG.E.ADD.F32.FTZ.RN 2 R4 R1 4 1 0x500000 4 0");
	kt_ins(f, 0x40, "1 R6 LDS 1 R4 4 1 0x7f0000000000 4 0");
	kt_ins(f, 0x50, "0 EXIT 0 0 0");
	kt_tb_end(f);
	fclose(f);
}

/*
 * Requests: the load and the store are one 128 B line each (all four
 * sectors needed); the reduction is RD + WR of the line without NMC, one
 * NMC (fp32) with nmc.enable; the atomic with a result is always RD + WR.
 * With cu.line_requests = false every line is four 32 B sectors.
 */
START_TEST(requests_by_kind_and_nmc)
{
	static const char *const off[] = { "kernel.launch_latency_ns=0", NULL };
	static const char *const on[] = { "kernel.launch_latency_ns=0", "nmc.enable=true", NULL };
	static const char *const sec[] = { "kernel.launch_latency_ns=0", "cu.line_requests=false",
					   NULL };
	char p[256];
	cu_rig r;

	mix_trace(cu_tmp(p, sizeof(p), "mix.lgt"));
	run(p, off, 50, &r);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 3);
	ck_assert_uint_eq(r.tot.req[LG_OP_WR], 3);
	ck_assert_uint_eq(r.tot.req[LG_OP_NMC], 0);
	ck_assert_uint_eq(r.tot.req_bytes, 6 * 128);
	ck_assert_uint_eq(r.tot.smem_accesses, 1);
	ck_assert_uint_eq(lg_fakemem_stats_get(r.fm)->req[LG_OP_RD], 3);
	rig_close(&r);
	run(p, on, 50, &r);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 2);
	ck_assert_uint_eq(r.tot.req[LG_OP_WR], 2);
	ck_assert_uint_eq(r.tot.req[LG_OP_NMC], 1);
	rig_close(&r);
	run(p, sec, 50, &r);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 12);
	ck_assert_uint_eq(r.tot.req[LG_OP_WR], 12);
	ck_assert_uint_eq(r.tot.useful_bytes, 24 * 32);
	rig_close(&r);
	unlink(p);
}
END_TEST

/*
 * MSHR merging: 4 warps of one CTA load
 * the same line at the start (L1 off): the first allocates the request,
 * the other three merge into it: 1 request; merges count sectors, 3 x 4.
 */
START_TEST(mshr_merges_loads_in_flight)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=0", "cu.l1_bytes=0", NULL };
	char p[256];
	cu_rig r;
	FILE *f = kt_begin(cu_tmp(p, sizeof(p), "merge.lgt"));

	kt_kernel(f, 1, 1, 128, 0, 32, 0, NULL);
	kt_tb(f, 0);
	for (unsigned w = 0; w < 4; w++) {
		kt_warp(f, w, 2);
		kt_ins(f, 0, "1 R1 LDG.E 1 R4 4 1 0x200000 4 0");
		kt_ins(f, 0x10, "0 EXIT 0 0 0");
	}
	kt_tb_end(f);
	fclose(f);
	run(p, ov, 100, &r);
	ck_assert_uint_eq(r.tot.req[LG_OP_RD], 1);
	ck_assert_uint_eq(r.tot.mshr_merges, 3 * 4);
	rig_close(&r);
	unlink(p);
}
END_TEST

/* A store STG.E [base] of 32 lanes x 4 B, delta-coded (mode 2): lane i+1
 * is gap bytes after lane i where i % 8 == 7, else 4 bytes after it. */
static void delta_store(FILE *f, unsigned pc, uint64_t base, unsigned gap)
{
	char d[256];
	size_t n = 0;

	for (unsigned i = 0; i < 31; i++)
		n += (size_t)snprintf(d + n, sizeof(d) - n, " %u", i % 8 == 7 ? gap : 4u);
	kt_ins(f, pc, "0 STG.E 2 R4 R1 4 2 0x%llx%s 0", (unsigned long long)base, d);
}

/*
 * Delta-coded stores whose steps repeat (the CU reuses the accesses of the
 * last pattern when only the base moves by a multiple of 128 B): the
 * requests must be those of coalescing each one afresh. Steps "8 lanes of
 * 4 B, then on 128 B": four 32 B groups 128 B apart. At 0x200000 one sector
 * each, 4 requests; at +0x1000, the same 4; at +16, each group straddles
 * two sectors, 8. Steps all 4 B: 128 contiguous bytes; at 0x300000 one
 * line request, at +0x2000 one, at +64 the halves of two lines, 4 sectors.
 * WR requests 4 + 4 + 8 + 1 + 1 + 4 = 22; bytes 16 x 32 + 2 x 128 + 4 x 32
 * = 896.
 */
START_TEST(repeated_delta_patterns_give_fresh_requests)
{
	static const char *const ov[] = { "kernel.launch_latency_ns=0", NULL };
	char p[256];
	cu_rig r;
	FILE *f = kt_begin(cu_tmp(p, sizeof(p), "delta.lgt"));

	kt_kernel(f, 1, 1, 32, 0, 32, 0, NULL);
	kt_tb(f, 0);
	kt_warp(f, 0, 7);
	delta_store(f, 0x00, 0x200000, 100);
	delta_store(f, 0x10, 0x201000, 100);
	delta_store(f, 0x20, 0x200010, 100);
	delta_store(f, 0x30, 0x300000, 4);
	delta_store(f, 0x40, 0x302000, 4);
	delta_store(f, 0x50, 0x302040, 4);
	kt_ins(f, 0x60, "0 EXIT 0 0 0");
	kt_tb_end(f);
	fclose(f);
	run(p, ov, 50, &r);
	ck_assert_uint_eq(r.tot.req[LG_OP_WR], 22);
	ck_assert_uint_eq(r.tot.req_bytes, 896);
	ck_assert_uint_eq(r.tot.useful_bytes, 6 * 128);
	rig_close(&r);
	unlink(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("604-cu-memory-pipeline");
	TCase *tc = tcase_create("memory");

	tcase_add_test(tc, coalescer_merges_lanes_into_sectors_and_lines);
	tcase_add_test(tc, coalescer_equals_a_bytewise_reference);
	tcase_add_test(tc, dependent_load_chain_sees_the_memory_latency);
	tcase_add_test(tc, l1_hits_take_the_l1_latency);
	tcase_add_test(tc, requests_by_kind_and_nmc);
	tcase_add_test(tc, mshr_merges_loads_in_flight);
	tcase_add_test(tc, repeated_delta_patterns_give_fresh_requests);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
