/*
 * Loose round-robin: start after the warp that issued last, so that every
 * ready warp gets its turn; no warp is preferred.
 */
#include "cu/sched.h"

static void lrr_start(unsigned n, int last, int *greedy, unsigned *first)
{
	*greedy = -1;
	*first = last < 0 ? 0 : (unsigned)(last + 1) % n;
}

const lg_cu_policy lg_cu_policy_lrr = { "lrr", lrr_start };
