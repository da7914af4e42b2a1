/*
 * Greedy-then-oldest (Rogers et al., MICRO 2012): keep issuing from the
 * warp that issued last while it is ready, else from the oldest ready warp.
 */
#include "cu/sched.h"

static void gto_start(unsigned n, int last, int *greedy, unsigned *first)
{
	(void)n;
	*greedy = last;
	*first = 0;
}

const lg_cu_policy lg_cu_policy_gto = { "gto", gto_start };
