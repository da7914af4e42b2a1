/*
 * lg_loop: the one event loop of a simulation. It holds an ordered list of
 * components (core/lg_comp.h) -- those of one die, or of several dies and
 * the links between them -- and knows nothing else about them.
 *
 * One step at time now (starting at 0):
 *  1. tick, in the order they were added, every component for which now is
 *     an edge of its clock (every component when they all share a clock);
 *     a woken component (lg_loop_add_woken, core/lg_comp.h) only when its last
 *     next() is due at now or it was woken (lg_loop_waker) before its turn
 *     in this step; its next() is asked again only after such a step;
 *  2. stop if a component called lg_loop_fail (the run fails), or if no
 *     component is busy (the run is complete);
 *  3. the next event is the earliest next() over all components; a
 *     component answering <= now is stepped to now + the shortest period;
 *  4. idle gap: when no component holds work (lg_comp_ops.holds) and the
 *     earliest next() of the components without idle_until (sources
 *     waiting for a timed record) lies after the earliest next() of those
 *     with idle_until (DRAM refresh), every idle_until component is run
 *     up to that time inside idle_until and the loop jumps there at once;
 *  5. watchdog: if the next event is NEVER (every busy component waits on
 *     another), or work is held and no tick made progress for more than
 *     watchdog_cycles cycles of the slowest clock, the run stops: a line on
 *     stderr, every component's dump(), result.watchdog = 1.
 * Every 65,536 steps the loop looks at the stop flag (a signal handler's
 * sig_atomic_t: result.interrupted, the run ends at once) and, if asked,
 * rewrites a progress line on stderr after 2 s of wall time.
 * At the end, result.end is the latest of the last step's time and every
 * component's done_at(); then every finish(end) is called in order.
 */
#ifndef LG_LOOP_H
#define LG_LOOP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/lg_comp.h"
#include "core/lg_err.h"
#include "core/lg_time.h"

typedef struct lg_loop lg_loop;

typedef struct lg_loop_opts {
	uint64_t watchdog_cycles;            /* of the slowest component clock */
	bool progress;                       /* may print a \r progress line on stderr */
	volatile sig_atomic_t *stop;         /* NULL, or non-zero: end the run now */
	/* The progress line's count ("N requests"): NULL prints none. */
	uint64_t (*count)(void *ctx);
	void *count_ctx;
	const char *count_what;              /* "requests" */
} lg_loop_opts;

typedef struct lg_loop_result {
	uint64_t iterations;       /* loop steps taken */
	lg_ps now;                 /* time of the last step */
	lg_ps end;                 /* the run's end: max(now, every done_at) */
	int watchdog;              /* stopped by the watchdog */
	int interrupted;           /* stopped by the stop flag */
	double wall_seconds;
} lg_loop_result;

/* An empty loop (o is copied); NULL when out of memory. */
lg_loop *lg_loop_create(const lg_loop_opts *o);
void lg_loop_destroy(lg_loop *l);

/*
 * Append a component (copied; c->self must outlive the loop); it calls
 * the component's attach hook. -1 when out of memory.
 */
int lg_loop_add(lg_loop *l, const lg_comp *c);
/* The same for a woken component (core/lg_comp.h): ticked and asked
 * next() only when due or woken; one with idle_until is always polled. */
int lg_loop_add_woken(lg_loop *l, const lg_comp *c);

/* Components added so far. */
int lg_loop_ncomps(const lg_loop *l);

/*
 * Run until no component is busy, the watchdog, the stop flag or a
 * failure. 0 = stopped (look at res), -1 = a component failed: e holds
 * its message. res is filled either way.
 */
int lg_loop_run(lg_loop *l, lg_loop_result *res, lg_err *e);

/* The wake-up handle of component idx (0 = the first added) for ports and callers. */
lg_wake lg_loop_waker(lg_loop *l, int idx);

/* For components, mid-run: stop the run at the end of this step with e's message. */
/* The failing tick must return true (the loop looks for failures only after progress). */
void lg_loop_fail(lg_loop *l, const lg_err *e);

#endif
