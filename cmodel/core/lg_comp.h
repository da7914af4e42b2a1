/*
 * lg_comp: the one contract every block of a die keeps (CUs, crossbar, L2
 * slices, memory controllers, tracker, DMA engine, trace sources, links).
 *
 * A die is a list of components, not a loop that knows them. The loop
 * (die/loop.c) works only through this table:
 *
 *  - tick(self, now): act at time now (an edge of the component's own
 *    clock, or a time it asked for through next()). Returns true if it made
 *    progress (moved, accepted, issued or retired anything). The loop
 *    ticks every component that is due, in the fixed order they were added
 *    to the die, so a run is deterministic.
 *  - next(self, now): the earliest time > now at which a tick could make
 *    progress, given what the component knows after this step's ticks;
 *    LG_PS_NEVER when it waits only on others (an empty queue, a full
 *    downstream port). A component whose input port is non-empty and which
 *    could act on it answers its next clock edge. The loop jumps to the
 *    smallest answer across all clock domains, so idle time costs nothing.
 *    A component must never answer a time <= now.
 *  - busy(self): holds work not yet finished (queued, in flight, a source
 *    not at its end). The run ends when no component is busy. A busy
 *    component whose next() is NEVER waits on another one; if every busy
 *    component waits, or nothing progresses for the watchdog span, the run
 *    stops with every component's dump().
 *  - idle_until(self, until) (optional, NULL = nothing to do): called when no
 *    component holds work, so that what runs by itself (DRAM refresh) can
 *    be accounted up to until without returning to the loop.
 *  - finish(self, end) (optional): close time-based accounting at the end.
 *  - dump(self, f, now): one or more lines of state for the watchdog.
 *
 * Optional hooks added with the loop (die/loop.h); NULL keeps the default:
 *  - holds(self): holds work in flight (queued, staged, being served), as
 *    opposed to work it will only create later (a source waiting for a
 *    timed record). The idle fast-forward (idle_until) and the watchdog's
 *    "work pending" look at this. NULL = the same as busy().
 *  - done_at(self): the time its last finished work really ends, when that
 *    lies after the tick that finished it (a DRAM write's last data beat is
 *    a few tCK after the command). The run's end is the latest of the last
 *    loop step and every done_at(). NULL = nothing after its ticks.
 *  - attach(self, loop): called once when the component is added to a
 *    loop; a component that can fail mid-run (a trace read error) keeps
 *    loop to stop the run with lg_loop_fail() (and returns true from that
 *    tick).
 *
 * Ticks: the loop offers a tick to every component at each event time that
 * is an edge of the component's clock (all of them when they share one
 * clock), not only to those whose next() asked for that time; a tick with
 * nothing to do must return false cheaply. So a component woken by another
 * one in the same step (a completion freeing room) acts in that step if it
 * comes later in the order, or at its next edge otherwise.
 *
 * Components talk only through bounded ports (core/lg_port.h) or through
 * the sink callbacks of core/lg_req.h; nothing is dropped, a full port
 * pushes back on the sender.
 *
 * Woken components (lg_loop_add_woken, die/loop.h): a component whose
 * state changes only in its own tick or through events that wake it
 * (lg_wake: a port's head appearing or room appearing in it, a call into
 * it that wakes it), and whose next() depends only on that state, may be
 * added woken by its builder. The loop then ticks it only when its last next() is due or it
 * was woken, and asks next() only after it was ticked or woken: an idle
 * component costs nothing. Its tick must then not count what it did not
 * do (a skipped tick is the same as a tick that returns false).
 */
#ifndef LG_COMP_H
#define LG_COMP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/lg_time.h"

struct lg_loop; /* die/loop.h */

typedef struct lg_comp_ops {
	const char *kind;                                 /* "mc", "cu", "l2", ... */
	bool (*tick)(void *self, lg_ps now);
	lg_ps (*next)(const void *self, lg_ps now);
	bool (*busy)(const void *self);
	void (*idle_until)(void *self, lg_ps until);      /* may be NULL */
	void (*finish)(void *self, lg_ps end);            /* may be NULL */
	void (*dump)(const void *self, FILE *f, lg_ps now);
	/* optional, see above */
	bool (*holds)(const void *self);                  /* NULL = busy */
	lg_ps (*done_at)(const void *self);               /* NULL = 0 */
	void (*attach)(void *self, struct lg_loop *loop); /* NULL = nothing */
} lg_comp_ops;

/* One component instance as the loop sees it. */
typedef struct lg_comp {
	const lg_comp_ops *ops;
	void *self;
	const char *name;        /* "cu3", "mc", "l2.1": for dumps and stats */
	lg_clock clk;            /* its own clock (tick times are its edges) */
} lg_comp;

/*
 * A wake-up handle: calling it tells the loop that component idx of loop
 * ctx changed from outside its own tick (fn NULL: no loop, nothing to do).
 * Ports hold one for each end; a component called into holds its own.
 */
typedef struct lg_wake {
	void (*fn)(void *ctx, unsigned idx);
	void *ctx;
	unsigned idx;
} lg_wake;

/* Wake w's component (nothing when w is not wired). */
static inline void lg_wake_up(const lg_wake *w)
{
	if (w->fn)
		w->fn(w->ctx, w->idx);
}

#endif
