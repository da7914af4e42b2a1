/*
 * lg_time: simulated time is an unsigned 64-bit count of picoseconds.
 *
 * Every clocked component owns an lg_clock with its own period. Components
 * convert between their cycles and picoseconds only through these helpers,
 * so that several clock domains (core, memory tCK, link) share one timeline.
 */
#ifndef LG_TIME_H
#define LG_TIME_H

#include <stdint.h>

typedef uint64_t lg_ps;           /* absolute simulated time, picoseconds */
#define LG_PS_NEVER UINT64_MAX    /* "no event pending" */

typedef struct lg_clock {
	lg_ps period_ps;          /* one cycle of this domain */
} lg_clock;

/* Start time of cycle c of clock k (cycle 0 starts at time 0). */
static inline lg_ps lg_clock_time(lg_clock k, uint64_t c)
{
	return c * k.period_ps;
}

/* The first cycle of clock k that starts at or after time t. */
static inline uint64_t lg_clock_cycle_at(lg_clock k, lg_ps t)
{
	return (t + k.period_ps - 1) / k.period_ps;
}

/* Period in ps of a clock given in nanoseconds (tCK), rounded to nearest ps. */
static inline lg_ps lg_ps_from_ns(double ns)
{
	return (lg_ps)(ns * 1000.0 + 0.5);
}

#endif
