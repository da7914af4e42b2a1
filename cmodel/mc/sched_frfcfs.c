/*
 * frfcfs: first ready, first come first served (Rixner et al., ISCA 2000).
 * Column commands: the oldest ready row hit. Row commands: the oldest ready
 * ACT or PRE on another bank than the column command, never a PRE that
 * would close a row queued requests still hit.
 */
#include "mc/sched.h"

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
	for (int i = 0; i < n; i++) {
		if (c[i].earliest > now)
			continue;
		if (!c[i].row) {
			if (ci < 0)
				ci = i;
		} else if (!c[i].pre_blocked) {
			lg_sched_note_row(c, i, &r1, &r2);
		}
	}
	lg_sched_finish(c, ci, r1, r2, p->one_cmd, col, row);
}

const lg_sched_policy lg_sched_frfcfs = {
	.doc = "oldest ready row hit first, then oldest ready ACT/PRE",
	.pick = frfcfs_pick,
	.ready_only = 1, /* pick() skips candidates not ready at now */
};
