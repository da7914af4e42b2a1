/*
 * Histogram quantiles and merging of lg_mc_stats (see mc_stats.h).
 */
#include <math.h>
#include <string.h>

#include "mc/mc_stats.h"

/* Lower edge of bucket i. */
static uint64_t bucket_low(unsigned i)
{
	unsigned e, sub;

	if (i < LG_HIST_LIN)
		return i;
	e = 7 + (i - LG_HIST_LIN) / LG_HIST_SUB;
	sub = (i - LG_HIST_LIN) % LG_HIST_SUB;
	return ((uint64_t)(LG_HIST_SUB + sub)) << (e - 5);
}

/* Walk the buckets to the rank ceil(q * n). */
uint64_t lg_hist_quantile(const lg_hist *h, double q)
{
	uint64_t rank, seen = 0;

	if (h->n == 0)
		return 0;
	rank = (uint64_t)ceil(q * (double)h->n);
	if (rank < 1)
		rank = 1;
	for (unsigned i = 0; i < LG_HIST_N; i++) {
		seen += h->b[i];
		if (seen >= rank)
			return bucket_low(i);
	}
	return h->max;
}

/* d += s, bucket by bucket up to the bucket of s's maximum (none above it is set). */
static void hist_add(lg_hist *d, const lg_hist *s)
{
	unsigned top = s->n ? lg_hist_bucket(s->max) + 1 : 0;

	d->n += s->n;
	d->sum += s->sum;
	if (s->max > d->max)
		d->max = s->max;
	for (unsigned i = 0; i < top; i++)
		d->b[i] += s->b[i];
}

/*
 * rd_lat = the merge of cls_rd_lat; above the bucket of its old maximum
 * rd_lat holds no count, so only the buckets below are cleared.
 */
void lg_mc_stats_fold_rd(lg_mc_stats *s)
{
	lg_hist *d = &s->rd_lat;
	uint64_t n = 0;

	for (int c = 0; c < LG_TC_COUNT; c++)
		n += s->cls_rd_lat[c].n;
	if (d->n == n)
		return;
	if (d->n)
		memset(d->b, 0, (lg_hist_bucket(d->max) + 1) * sizeof(d->b[0]));
	d->n = d->sum = d->max = 0;
	for (int c = 0; c < LG_TC_COUNT; c++)
		hist_add(d, &s->cls_rd_lat[c]);
}

/* Totals over units: sums, and the maximum of maxima. */
void lg_mc_stats_add(lg_mc_stats *d, const lg_mc_stats *s)
{
	d->reads += s->reads;
	d->writes += s->writes;
	d->bytes += s->bytes;
	d->row_hits += s->row_hits;
	d->row_misses += s->row_misses;
	d->row_conflicts += s->row_conflicts;
	for (int i = 0; i < LG_CMD_N; i++)
		d->cmds[i] += s->cmds[i];
	d->drain_entries += s->drain_entries;
	d->queue_full += s->queue_full;
	d->act_cycles += s->act_cycles;
	d->pre_cycles += s->pre_cycles;
	if (s->last_done > d->last_done)
		d->last_done = s->last_done;
	hist_add(&d->rd_lat, &s->rd_lat);
	hist_add(&d->wr_lat, &s->wr_lat);
	d->nmcs += s->nmcs;
	for (int i = 0; i < LG_DT_COUNT; i++)
		d->nmc_bytes[i] += s->nmc_bytes[i];
	for (int c = 0; c < LG_TC_COUNT; c++) {
		d->cls_reqs[c] += s->cls_reqs[c];
		d->cls_occ_area[c] += s->cls_occ_area[c];
		d->cls_occ[c] += s->cls_occ[c];
		d->cls_held[c] += s->cls_held[c];
		hist_add(&d->cls_rd_lat[c], &s->cls_rd_lat[c]);
	}
	d->cls_forced += s->cls_forced;
}
