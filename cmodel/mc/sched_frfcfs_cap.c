/*
 * frfcfs_cap: FR-FCFS with a cap on consecutive row hits per bank
 * (mc.row_hit_cap). Once a bank has served cap hits since its ACT, its hits
 * lose to an older request that misses on the same bank: hits younger than
 * such a miss are skipped and the miss's PRE is no longer blocked. This
 * bounds how long a stream of hits can starve an older miss.
 *
 * State: per bank, the column commands served since its last ACT
 * (counted in on_issue).
 */
#include "dram/dram_timing.h"
#include "mc/sched.h"

/* One counter per bank. */
static size_t cap_state_bytes(const lg_sched_params *p)
{
	return (size_t)p->banks * sizeof(uint32_t);
}

/* ACT restarts a bank's count, a column command adds one. */
static void cap_on_issue(void *st, const lg_sched_params *p, const lg_sched_cand *c, uint64_t now)
{
	uint32_t *hits = st;

	(void)p;
	(void)now;
	if (c->cmd == LG_CMD_ACT)
		hits[c->bank] = 0;
	else if (!c->row)
		hits[c->bank]++;
}

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
static void cap_pick(const void *st, const lg_sched_params *p, const lg_sched_cand *c, int n,
		     uint64_t now, int *col, int *row)
{
	const uint32_t *hits = st;
	unsigned cap = p->row_hit_cap;
	int ci = -1, r1 = -1, r2 = -1;

	for (int i = 0; i < n; i++) {
		if (c[i].earliest > now)
			continue;
		if (!c[i].row) {
			if (ci < 0 && !(hits[c[i].bank] >= cap && older_miss(c, i)))
				ci = i;
		} else if (!(c[i].pre_blocked && hits[c[i].bank] < cap)) {
			lg_sched_note_row(c, i, &r1, &r2);
		}
	}
	lg_sched_finish(c, ci, r1, r2, p->one_cmd, col, row);
}

const lg_sched_policy lg_sched_frfcfs_cap = {
	.doc = "frfcfs, but after row_hit_cap hits on a bank an older miss wins",
	.state_bytes = cap_state_bytes,
	.pick = cap_pick,
	.on_issue = cap_on_issue,
};
