/*
 * lg_mc_stats: plain counters of one memory-controller unit (one
 * pseudo-channel), incremented with one add on the hot path; printers walk
 * them separately (sim/stats_json.c). docs/stats.md documents every key.
 *
 * Latencies go into a fixed log-linear histogram of tCK cycles: values
 * below 128 have one bucket each (exact); above, each power of two is cut
 * into 32 buckets (relative resolution 1/32, about 3%). Percentiles report
 * the lower edge of the bucket holding the requested rank.
 */
#ifndef LG_MC_STATS_H
#define LG_MC_STATS_H

#include <stdint.h>

#include "core/lg_req.h"
#include "dram/dram_timing.h"

#define LG_HIST_LIN 128
#define LG_HIST_SUB 32
#define LG_HIST_N (LG_HIST_LIN + (64 - 7) * LG_HIST_SUB)

typedef struct lg_hist {
	uint64_t n, sum, max;
	uint64_t b[LG_HIST_N];
} lg_hist;

typedef struct lg_mc_stats {
	/* the counters a request's completion adds to, together, first */
	uint64_t reads, writes;        /* requests completed */
	uint64_t bytes;                /* data moved (request_bytes each) */
	uint64_t row_hits;             /* column command with no ACT for this request */
	uint64_t row_misses;           /* the request needed an ACT (bank was closed) */
	uint64_t row_conflicts;        /* the request needed a PRE first */
	uint64_t last_done;            /* cycle of the last completion */
	uint32_t cls_occ[LG_TC_COUNT]; /* per traffic class (lg_tclass): requests queued now */
	uint64_t cls_reqs[LG_TC_COUNT];  /* requests completed (RD, WR and NMC) */
	uint64_t cls_occ_area[LG_TC_COUNT]; /* queued requests x cycles: the sum of each
					     * request's cycles from acceptance to its last
					     * command (Little's law) */
	uint64_t cmds[LG_CMD_N];
	uint64_t queue_full;           /* pushes refused (push-back) */
	uint64_t drain_entries;        /* times write-drain mode was entered */
	uint64_t act_cycles, pre_cycles; /* background: some bank open / all closed */
	uint64_t cls_held[LG_TC_COUNT]; /* cycles the class arbiter held a ready class back */
	uint64_t cls_forced;           /* cycles COMM was allowed by the starvation limit */
	/* NMC (near-memory reductions: RD -> ALU -> WR in the bank) */
	uint64_t nmcs;                 /* NMC requests completed */
	uint64_t nmc_bytes[LG_DT_COUNT]; /* bytes reduced, by dtype (lg_dtype) */
	lg_hist rd_lat;                /* read latency, accept -> last data, tCK
					* (lg_mc_stats_fold_rd of cls_rd_lat) */
	lg_hist wr_lat;                /* write latency, accept -> last data, tCK */
	lg_hist cls_rd_lat[LG_TC_COUNT]; /* read latency per class, tCK */
} lg_mc_stats;

/* The bucket of value v (tCK). */
static inline unsigned lg_hist_bucket(uint64_t v)
{
	unsigned e;

	if (v < LG_HIST_LIN)
		return (unsigned)v;
	e = 63u - (unsigned)__builtin_clzll(v);
	return LG_HIST_LIN + (e - 7) * LG_HIST_SUB + (unsigned)((v >> (e - 5)) & (LG_HIST_SUB - 1));
}

/* Add one value (tCK) to a histogram. No bucket above max's is ever non-zero. */
static inline void lg_hist_add(lg_hist *h, uint64_t v)
{
	unsigned i = lg_hist_bucket(v);

	h->b[i]++;
	h->n++;
	h->sum += v;
	if (v > h->max)
		h->max = v;
}

/* Lower edge (tCK) of the bucket holding quantile q (0..1); 0 when empty. */
uint64_t lg_hist_quantile(const lg_hist *h, double q);

/* dst += src, every counter and bucket. */
void lg_mc_stats_add(lg_mc_stats *dst, const lg_mc_stats *src);

/*
 * rd_lat from the per-class read latencies, when reads were added to those
 * since (the controller records a read in cls_rd_lat only; rd_lat is their
 * merge, made when the counters are read).
 */
void lg_mc_stats_fold_rd(lg_mc_stats *s);

#endif
