/*
 * lg_coalesce: a warp memory instruction's lane addresses -> the unique
 * 32 B sectors of 128 B lines it touches (the L1/LSU coalescing rule of
 * NVIDIA GPUs since Volta: one request per sector, grouped by line).
 *
 * Sectors come out in order of the lowest lane touching them, each with the
 * span of useful bytes within it (the lowest to the highest byte any lane
 * accesses). A lane's access may straddle two sectors (an unaligned access
 * of width bytes), so a warp touches at most 2 x 32 sectors.
 *
 * Pure functions of their arguments; used by the CU (cu/cu.c) and by the
 * memory-only replay of kernel traces (ktdreq/ktrace_dreq.c).
 */
#ifndef LG_COALESCE_H
#define LG_COALESCE_H

#include <stdint.h>

#define LG_CO_LANES 32
#define LG_CO_SECTOR 32u
#define LG_CO_LINE 128u
#define LG_CO_MAXSEC (2 * LG_CO_LANES)

typedef struct lg_co_sector {
	uint64_t addr;      /* sector-aligned byte address */
	uint16_t off;       /* first useful byte within the sector */
	uint16_t bytes;     /* useful bytes from off (1..32) */
} lg_co_sector;

/*
 * Coalesce the active lanes (bit l of mask) of a[0..32), each accessing
 * width bytes (0 is taken as 1), into out[]; returns the sector count.
 */
int lg_coalesce(const uint64_t a[LG_CO_LANES], uint32_t mask, unsigned width,
		lg_co_sector out[LG_CO_MAXSEC]);

/*
 * What lg_coalesce gives for n active lanes in address order given as the
 * first lane's address (base) and the steps d[0..n-1) from each lane to the
 * next (a delta-coded trace record); -1 when a lane goes below the one
 * before it, a lane wraps past 2^64 or width > 32 (then use lg_coalesce).
 */
int lg_coalesce_delta(uint64_t base, const uint64_t *d, int n, unsigned width,
		      lg_co_sector out[LG_CO_MAXSEC]);

/*
 * What lg_coalesce gives for lanes that tile the bytes [base, base+bytes)
 * in lane order (bytes >= 1, at most 2 KiB, base + bytes not past 2^64):
 * the sectors in address order, each with its part of the range.
 */
int lg_coalesce_run(uint64_t base, uint64_t bytes, lg_co_sector out[LG_CO_MAXSEC]);
/*
 * Group the sectors s[0..n) (as lg_coalesce gives them) by 128 B line:
 * a line all four of whose sectors are present becomes one 128 B access
 * (placed where its first sector was), the others stay 32 B sectors.
 * Rewrites s in place, sets size[i] to 32 or 128 and returns the new count.
 * For a line, off/bytes span the line's useful bytes.
 */
int lg_coalesce_lines(lg_co_sector *s, uint8_t *size, int n);

#endif
