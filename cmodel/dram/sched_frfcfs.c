/*
 * frfcfs: first ready, first come first served (Rixner et al., ISCA 2000).
 * Column commands: the oldest ready row hit. Row commands: the oldest ready
 * ACT or PRE, never a PRE that would close a row queued requests still hit.
 */
#include "dram/sched.h"

/* The oldest ready candidate on the wanted bus that is not a blocked PRE. */
static int frfcfs_pick(const lg_sched_cand *c, int n, uint64_t now, int want_row, unsigned cap)
{
	(void)cap;
	for (int i = 0; i < n; i++)
		if (c[i].row == want_row && c[i].earliest <= now && !c[i].pre_blocked)
			return i;
	return -1;
}

const lg_sched_policy lg_sched_frfcfs = {
	.name = "frfcfs",
	.doc = "oldest ready row hit first, then oldest ready ACT/PRE",
	.pick = frfcfs_pick,
};
