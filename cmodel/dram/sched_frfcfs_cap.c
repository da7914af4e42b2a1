/*
 * frfcfs_cap: FR-FCFS with a cap on consecutive row hits per bank
 * (mc.row_hit_cap). Once a bank has served cap hits since its ACT, its hits
 * lose to an older request that misses on the same bank: hits younger than
 * such a miss are skipped and the miss's PRE is no longer blocked. This
 * bounds how long a stream of hits can starve an older miss.
 */
#include "dram/sched.h"

/* Is there a miss older than c[i] on the same bank? */
static int older_miss(const lg_sched_cand *c, int i)
{
	for (int j = 0; j < i; j++)
		if (c[j].bank == c[i].bank && !c[j].hit)
			return 1;
	return 0;
}

/* Column: oldest ready hit not over the cap (or with no older miss waiting).
 * Row: oldest ready ACT/PRE; a blocked PRE is allowed past the cap. */
static int cap_pick(const lg_sched_cand *c, int n, uint64_t now, int want_row, unsigned cap)
{
	for (int i = 0; i < n; i++) {
		if (c[i].row != want_row || c[i].earliest > now)
			continue;
		if (!want_row && c[i].streak >= cap && older_miss(c, i))
			continue;
		if (want_row && c[i].pre_blocked && c[i].streak < cap)
			continue;
		return i;
	}
	return -1;
}

const lg_sched_policy lg_sched_frfcfs_cap = {
	.name = "frfcfs_cap",
	.doc = "frfcfs, but after row_hit_cap hits on a bank an older miss wins",
	.pick = cap_pick,
};
