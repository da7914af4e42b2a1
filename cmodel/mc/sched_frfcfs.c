/*
 * frfcfs: first ready, first come first served (Rixner et al., ISCA 2000).
 * Column commands: the oldest ready row hit. Row commands: the oldest ready
 * ACT or PRE on another bank than the column command, never a PRE that
 * would close a row queued requests still hit.
 */
#include "mc/sched.h"

/* Candidate i in the pass of frfcfs_pick / frfcfs_pick_set. */
static inline void frfcfs_see(const lg_sched_cand *c, int i, uint64_t now, int *ci, int *r1,
			      int *r2)
{
	if (c[i].earliest > now)
		return;
	if (!c[i].row) {
		if (*ci < 0)
			*ci = i;
	} else if (!c[i].pre_blocked) {
		lg_sched_note_row(c, i, r1, r2);
	}
}

/*
 * One pass: the first ready hit, the first ready row command (r1) and the
 * first ready row command on a bank other than r1's (r2, used when r1
 * shares the column command's bank).
 */
static void frfcfs_pick(const void *st, const lg_sched_params *p, const lg_sched_cand *c, int n,
			uint64_t now, int *col, int *row)
{
	int ci = -1, r1 = -1, r2 = -1;

	(void)st;
	for (int i = 0; i < n; i++)
		frfcfs_see(c, i, now, &ci, &r1, &r2);
	lg_sched_finish(c, ci, r1, r2, p->one_cmd, col, row);
}

/*
 * frfcfs_pick over the candidates of set, in queue order (sched.h). With
 * one command a cycle the first ready hit ends the pass: no row command
 * goes with it.
 */
static void frfcfs_pick_set(const void *st, const lg_sched_params *p, const lg_sched_cand *c,
			    uint64_t set, uint64_t now, int *col, int *row)
{
	int ci = -1, r1 = -1, r2 = -1;

	(void)st;
	if (p->one_cmd) {
		for (; set && ci < 0; set &= set - 1)
			frfcfs_see(c, __builtin_ctzll(set), now, &ci, &r1, &r2);
	} else {
		for (; set; set &= set - 1)
			frfcfs_see(c, __builtin_ctzll(set), now, &ci, &r1, &r2);
	}
	lg_sched_finish(c, ci, r1, r2, p->one_cmd, col, row);
}

const lg_sched_policy lg_sched_frfcfs = {
	.doc = "oldest ready row hit first, then oldest ready ACT/PRE",
	.pick = frfcfs_pick,
	.pick_set = frfcfs_pick_set,
	.ready_only = 1, /* pick() skips candidates not ready at now */
};
