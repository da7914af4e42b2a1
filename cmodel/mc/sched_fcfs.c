/*
 * fcfs: strictly first come, first served. Only the oldest request of the
 * served queue may issue; younger requests wait even when they are ready.
 * The baseline that shows what row-hit reordering buys.
 */
#include "mc/sched.h"

/* The oldest candidate, on whichever bus it needs, if it is ready. */
static void fcfs_pick(const void *st, const lg_sched_params *p, const lg_sched_cand *c, int n,
		      uint64_t now, int *col, int *row)
{
	(void)st;
	(void)p;
	*col = *row = -1;
	if (n == 0 || c[0].earliest > now)
		return;
	if (c[0].row)
		*row = 0;
	else
		*col = 0;
}

const lg_sched_policy lg_sched_fcfs = {
	.doc = "oldest request only, in arrival order",
	.pick = fcfs_pick,
};
