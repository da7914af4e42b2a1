/*
 * frfcfs_cap: FR-FCFS with a cap on consecutive row hits per bank
 * (mc.row_hit_cap). Once a bank has served cap hits since its ACT, its hits
 * lose to an older request that misses on the same bank: hits younger than
 * such a miss are skipped and the miss's PRE is no longer blocked. This
 * bounds how long a stream of hits can starve an older miss.
 */
#include "mc/sched.h"

/* Is there a miss older than c[i] on the same bank? */
static int older_miss(const lg_sched_cand *c, int i)
{
	for (int j = 0; j < i; j++)
		if (c[j].bank == c[i].bank && !c[j].hit)
			return 1;
	return 0;
}

/* Column: oldest ready hit not over the cap (or with no older miss waiting).
 * Row: oldest ready ACT/PRE on another bank; a blocked PRE is allowed past
 * the cap. */
static void cap_pick(const lg_sched_cand *c, int n, uint64_t now, unsigned cap, int one_cmd,
		     int *col, int *row)
{
	int ci = -1, r1 = -1, r2 = -1;

	for (int i = 0; i < n; i++) {
		if (c[i].earliest > now)
			continue;
		if (!c[i].row) {
			if (ci < 0 && !(c[i].streak >= cap && older_miss(c, i)))
				ci = i;
		} else if (!(c[i].pre_blocked && c[i].streak < cap)) {
			lg_sched_note_row(c, i, &r1, &r2);
		}
	}
	lg_sched_finish(c, ci, r1, r2, one_cmd, col, row);
}

const lg_sched_policy lg_sched_frfcfs_cap = {
	.name = "frfcfs_cap",
	.doc = "frfcfs, but after row_hit_cap hits on a bank an older miss wins",
	.pick = cap_pick,
};
