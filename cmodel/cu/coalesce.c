/*
 * lg_coalesce: lane addresses -> unique 32 B sectors (see coalesce.h).
 */
#include "cu/coalesce.h"

#include <stdbool.h>
#include <string.h>

/* Index of sector x in s[0..n), searching from the most recent (consecutive
 * lanes usually share a sector), or -1. */
static int find(const lg_co_sector *s, int n, uint64_t x)
{
	for (int k = n - 1; k >= 0; k--)
		if (s[k].addr == x)
			return k;
	return -1;
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

int lg_coalesce(const uint64_t a[LG_CO_LANES], uint32_t mask, unsigned width,
		lg_co_sector out[LG_CO_MAXSEC])
{
	int n = 0;

	if (!width)
		width = 1;
	while (mask) {
		int l = __builtin_ctz(mask);
		uint64_t first = a[l], last = a[l] + width - 1;

		mask &= mask - 1;
		for (uint64_t x = first / LG_CO_SECTOR; x <= last / LG_CO_SECTOR; x++) {
			uint64_t base = x * LG_CO_SECTOR;
			unsigned lo = first > base ? (unsigned)(first - base) : 0;
			unsigned hi = last < base + LG_CO_SECTOR - 1 ? (unsigned)(last - base)
								      : LG_CO_SECTOR - 1;
			int k = find(out, n, base);

			if (k >= 0) {
				widen(&out[k], lo, hi);
				continue;
			}
			if (n == LG_CO_MAXSEC)
				break;
			out[n].addr = base;
			out[n].off = (uint16_t)lo;
			out[n].bytes = (uint16_t)(hi - lo + 1);
			n++;
		}
	}
	return n;
}

int lg_coalesce_lines(lg_co_sector *out, uint8_t *size, int n)
{
	lg_co_sector s[LG_CO_MAXSEC];
	uint8_t have[LG_CO_MAXSEC];
	int m = 0;

	memcpy(s, out, (size_t)n * sizeof(*s));

	/* Which sectors of each sector's line are present (4-bit mask). */
	for (int i = 0; i < n; i++) {
		uint64_t line = s[i].addr / LG_CO_LINE;

		have[i] = 0;
		for (int j = 0; j < n; j++)
			if (s[j].addr / LG_CO_LINE == line)
				have[i] |= (uint8_t)(1u << (s[j].addr / LG_CO_SECTOR % 4));
	}
	for (int i = 0; i < n; i++) {
		uint64_t line = s[i].addr / LG_CO_LINE;
		bool dup = false;

		if (have[i] != 0xf) {
			out[m] = s[i];
			size[m++] = LG_CO_SECTOR;
			continue;
		}
		/* A full line: emitted once, at its first sector's place. */
		for (int k = 0; k < m; k++)
			if (size[k] == LG_CO_LINE && out[k].addr == line * LG_CO_LINE)
				dup = true;
		if (dup)
			continue;
		{
			unsigned lo = LG_CO_LINE, hi = 0;

			for (int j = 0; j < n; j++) {
				unsigned o;

				if (s[j].addr / LG_CO_LINE != line)
					continue;
				o = (unsigned)(s[j].addr % LG_CO_LINE);
				if (o + s[j].off < lo)
					lo = o + s[j].off;
				if (o + s[j].off + s[j].bytes - 1 > hi)
					hi = o + s[j].off + s[j].bytes - 1;
			}
			out[m].addr = line * LG_CO_LINE;
			out[m].off = (uint16_t)lo;
			out[m].bytes = (uint16_t)(hi - lo + 1);
			size[m++] = LG_CO_LINE;
		}
	}
	return m;
}
