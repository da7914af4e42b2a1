/*
 * fcfs: strictly first come, first served. Only the oldest request of the
 * served queue may issue; younger requests wait even when they are ready.
 * The baseline that shows what row-hit reordering buys.
 */
#include "dram/sched.h"

/* The oldest candidate, if it is ready and on the wanted bus. */
static int fcfs_pick(const lg_sched_cand *c, int n, uint64_t now, int want_row, unsigned cap)
{
	(void)cap;
	if (n > 0 && c[0].row == want_row && c[0].earliest <= now)
		return 0;
	return -1;
}

const lg_sched_policy lg_sched_fcfs = {
	.name = "fcfs",
	.doc = "oldest request only, in arrival order",
	.pick = fcfs_pick,
};
