/*
 * lg_coalesce: lane addresses -> unique 32 B sectors (see coalesce.h).
 */
#include "cu/coalesce.h"

#include <stdbool.h>
#include <string.h>

/* Open-addressing table of the sectors found so far: a sector's index
 * in out[] by its address, so scattered lanes cost one probe each. */
#define HSIZE 256u           /* a power of two >= 2 x LG_CO_MAXSEC */
#define HFREE 0xffu

/* The table slot of sector address x: its own, or the free one to take. */
static unsigned hslot(const uint8_t *h, const lg_co_sector *s, uint64_t x)
{
	unsigned i = (unsigned)((x / LG_CO_SECTOR * 0x9e3779b97f4a7c15ull) >> 56) & (HSIZE - 1);

	while (h[i] != HFREE && s[h[i]].addr != x)
		i = (i + 1) & (HSIZE - 1);
	return i;
}

/* Widen sector k's useful span to cover [lo, hi] (offsets within it). */
static void widen(lg_co_sector *s, unsigned lo, unsigned hi)
{
	unsigned end = s->off + s->bytes - 1u;

	if (lo < s->off)
		s->off = (uint16_t)lo;
	if (hi > end)
		end = hi;
	s->bytes = (uint16_t)(end - s->off + 1u);
}

/* Index in out[0..n) of sector address x, or -1. While lanes come in
 * non-decreasing address order (mono) out[] is sorted and a lane of at most
 * 32 bytes can only meet the last two sectors; after that the hash table h
 * knows every sector, and *k is x's table slot (its own or the free one). */
static int find(const uint8_t *h, const lg_co_sector *out, int n, bool mono, uint64_t x,
		unsigned *k)
{
	if (mono) {
		if (n && out[n - 1].addr == x)
			return n - 1;
		if (n > 1 && out[n - 2].addr == x)
			return n - 2;
		return -1;
	}
	*k = hslot(h, out, x);
	return h[*k] != HFREE ? h[*k] : -1;
}

/* Leave the sorted fast path: put the n sectors found so far in h. */
static void fill_hash(uint8_t *h, const lg_co_sector *out, int n)
{
	memset(h, HFREE, HSIZE);
	for (int i = 0; i < n; i++)
		h[hslot(h, out, out[i].addr)] = (uint8_t)i;
}

/* Add the bytes [rs, re] of lanes met in address order (mono) to out[0..n):
 * per sector the same as adding those lanes one by one. New count. */
static int add_run(lg_co_sector *out, int n, uint64_t rs, uint64_t re)
{
	uint64_t x = rs / LG_CO_SECTOR * LG_CO_SECTOR;
	unsigned k;

	for (;;) {
		unsigned lo = rs > x ? (unsigned)(rs - x) : 0;
		unsigned hi = re - x < LG_CO_SECTOR ? (unsigned)(re - x) : LG_CO_SECTOR - 1;
		int i = find(NULL, out, n, true, x, &k);

		if (i >= 0) {
			widen(&out[i], lo, hi);
		} else if (n < LG_CO_MAXSEC) {
			out[n].addr = x;
			out[n].off = (uint16_t)lo;
			out[n++].bytes = (uint16_t)(hi - lo + 1);
		}
		if (re - x < LG_CO_SECTOR)
			return n;
		x += LG_CO_SECTOR;
	}
}

/* Add one lane's bytes [first, last] to out[0..n) (h: see find). */
static int add_lane(uint8_t *h, lg_co_sector *out, int n, bool mono, uint64_t first,
		    uint64_t last)
{
	unsigned k = 0;

	/* most lanes fall in the sector of the previous one */
	if (n && first / LG_CO_SECTOR == last / LG_CO_SECTOR &&
	    out[n - 1].addr == first / LG_CO_SECTOR * LG_CO_SECTOR) {
		widen(&out[n - 1], (unsigned)(first % LG_CO_SECTOR), (unsigned)(last % LG_CO_SECTOR));
		return n;
	}
	for (uint64_t x = first / LG_CO_SECTOR; x <= last / LG_CO_SECTOR; x++) {
		uint64_t base = x * LG_CO_SECTOR;
		unsigned lo = first > base ? (unsigned)(first - base) : 0;
		unsigned hi = last < base + LG_CO_SECTOR - 1 ? (unsigned)(last - base) : LG_CO_SECTOR - 1;
		int i = find(h, out, n, mono, base, &k);

		if (i >= 0) {
			widen(&out[i], lo, hi);
			continue;
		}
		if (n == LG_CO_MAXSEC)
			break;
		if (!mono)
			h[k] = (uint8_t)n;
		out[n].addr = base;
		out[n].off = (uint16_t)lo;
		out[n].bytes = (uint16_t)(hi - lo + 1);
		n++;
	}
	return n;
}

/*
 * While lanes come in address order (mono), each lane that starts where
 * the previous one ended extends a run [rs, re], and a run's sectors are
 * added at once; the first lane out of order puts the sectors so far in
 * the hash table, and from there lanes are added one by one.
 */
int lg_coalesce(const uint64_t a[LG_CO_LANES], uint32_t mask, unsigned width,
		lg_co_sector out[LG_CO_MAXSEC])
{
	uint8_t h[HSIZE];
	uint64_t prev = 0, rs = 0, re = 0;
	bool mono, run = false;
	int n = 0;

	if (!width)
		width = 1;
	mono = width <= LG_CO_SECTOR;
	if (!mono)
		fill_hash(h, out, 0);
	while (mask) {
		int l = __builtin_ctz(mask);
		uint64_t first = a[l], last = a[l] + width - 1;

		mask &= mask - 1;
		if (run) {
			if (first == re + 1 && last > re) {
				re = last;
				prev = first;
				continue;
			}
			n = add_run(out, n, rs, re);
			run = false;
		}
		if (mono && first < prev) {
			mono = false;
			fill_hash(h, out, n);
		}
		prev = first;
		if (mono && last >= first) {
			run = true;
			rs = first;
			re = last;
			continue;
		}
		n = add_lane(h, out, n, mono, first, last);
	}
	if (run)
		n = add_run(out, n, rs, re);
	return n;
}

/*
 * The mono path of lg_coalesce without a lane array: lane i+1 starts
 * d[i] bytes after lane i. Lanes that extend the run are absorbed with one
 * compare; a lane out of address order (or wrapping past 2^64) would need
 * the hash table, so the caller goes the general way instead (-1).
 */
int lg_coalesce_delta(uint64_t base, const uint64_t *d, int n, unsigned width,
		      lg_co_sector out[LG_CO_MAXSEC])
{
	uint64_t first = base, rs, re;
	int m = 0;

	if (n <= 0)
		return 0;
	if (!width)
		width = 1;
	rs = first;
	re = first + width - 1;
	if (width > LG_CO_SECTOR || re < rs)
		return -1;
	for (int i = 0; i + 1 < n; i++) {
		uint64_t f = first + d[i], last = f + width - 1;

		if (f == re + 1 && last > re) {
			re = last;
			first = f;
			continue;
		}
		if (f < first || last < f)
			return -1;
		m = add_run(out, m, rs, re);
		first = rs = f;
		re = last;
	}
	return add_run(out, m, rs, re);
}

int lg_coalesce_run(uint64_t base, uint64_t bytes, lg_co_sector out[LG_CO_MAXSEC])
{
	uint64_t last = base + bytes - 1, x = base / LG_CO_SECTOR * LG_CO_SECTOR;
	int n = 0;

	while (n < LG_CO_MAXSEC) {
		uint64_t lo = x > base ? x : base;
		uint64_t hi = last - x < LG_CO_SECTOR ? last : x + LG_CO_SECTOR - 1;

		out[n].addr = x;
		out[n].off = (uint16_t)(lo - x);
		out[n++].bytes = (uint16_t)(hi - lo + 1);
		if (hi == last)
			break;
		x += LG_CO_SECTOR;
	}
	return n;
}

/* A line of the instruction: its sectors, useful span, emitted yet. */
typedef struct co_line {
	uint64_t line;
	unsigned lo, hi;     /* useful bytes within the line */
	uint8_t mask;        /* sectors present */
	uint8_t done;        /* emitted as one line */
} co_line;

/* lg_coalesce_lines for sectors in ascending address order (what
 * lg_coalesce gives for lanes in address order): a line's sectors are
 * then neighbours, and a full line is four in a row from its sector 0. */
static int lines_sorted(lg_co_sector *out, uint8_t *size, int n)
{
	int m = 0;

	for (int i = 0; i < n;) {
		uint64_t la = out[i].addr / LG_CO_LINE * LG_CO_LINE;

		if (i + 3 < n && out[i].addr == la && out[i + 3].addr == la + 3 * LG_CO_SECTOR) {
			unsigned lo = out[i].off;
			unsigned hi = 3 * LG_CO_SECTOR + out[i + 3].off + out[i + 3].bytes - 1u;

			out[m].addr = la;
			out[m].off = (uint16_t)lo;
			out[m].bytes = (uint16_t)(hi - lo + 1u);
			size[m++] = LG_CO_LINE;
			i += 4;
			continue;
		}
		out[m] = out[i++];
		size[m++] = LG_CO_SECTOR;
	}
	return m;
}

int lg_coalesce_lines(lg_co_sector *out, uint8_t *size, int n)
{
	lg_co_sector s[LG_CO_MAXSEC];
	co_line ln[LG_CO_MAXSEC];
	uint8_t li[LG_CO_MAXSEC];
	int nl = 0, m = 0, up = 1;

	while (up < n && out[up].addr > out[up - 1].addr)
		up++;
	if (up >= n)
		return lines_sorted(out, size, n);
	memcpy(s, out, (size_t)n * sizeof(*s));
	/* The lines, found from the most recent (sectors of a line are
	 * usually consecutive). */
	for (int i = 0; i < n; i++) {
		uint64_t line = s[i].addr / LG_CO_LINE;
		unsigned o = (unsigned)(s[i].addr % LG_CO_LINE);
		int k = nl - 1;

		while (k >= 0 && ln[k].line != line)
			k--;
		if (k < 0) {
			k = nl++;
			ln[k].line = line;
			ln[k].lo = LG_CO_LINE;
			ln[k].hi = 0;
			ln[k].mask = 0;
			ln[k].done = 0;
		}
		ln[k].mask |= (uint8_t)(1u << (o / LG_CO_SECTOR));
		if (o + s[i].off < ln[k].lo)
			ln[k].lo = o + s[i].off;
		if (o + s[i].off + s[i].bytes - 1u > ln[k].hi)
			ln[k].hi = o + s[i].off + s[i].bytes - 1u;
		li[i] = (uint8_t)k;
	}
	/* A full line once, where its first sector was; other sectors as they are. */
	for (int i = 0; i < n; i++) {
		co_line *l = &ln[li[i]];

		if (l->mask != 0xf) {
			out[m] = s[i];
			size[m++] = LG_CO_SECTOR;
		} else if (!l->done) {
			l->done = 1;
			out[m].addr = l->line * LG_CO_LINE;
			out[m].off = (uint16_t)l->lo;
			out[m].bytes = (uint16_t)(l->hi - l->lo + 1u);
			size[m++] = LG_CO_LINE;
		}
	}
	return m;
}
