/*
 * The event loop (see loop.h). The step is written for speed: on a
 * DRAM-only die it runs about once per request, so it makes one indirect
 * call per component for tick and for next, asks busy() only until the
 * first busy component answers, and asks holds() only when an idle gap or
 * the watchdog needs it (both asking first the component that said yes
 * last time).
 *
 * Woken components (lg_loop_add_woken) keep their last next() in atn[],
 * dense over those not at NEVER (act[]); a step ticks, in order, the
 * components whose bit is set in run[]: every polled one, every woken one
 * whose time is due, and those woken during the step (lg_wake) that come
 * later in the order. After the ticks, next() is asked of exactly the
 * components in run[]; the others' times stand. One scan of atn[] then
 * finds the earliest time and the components due at it (due[]), which
 * are the ones the next step plans. So a step costs only the components
 * that act and one pass over the waiting ones' times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "die/loop.h"

/* A component as the step sees it. */
typedef struct slot {
	bool (*tick)(void *self, lg_ps now);     /* ops->tick, one load less */
	lg_ps (*next)(const void *self, lg_ps now);
	void *self;
	const lg_comp_ops *ops;
	lg_ps period;        /* its clock */
	struct clk *clk;     /* its clock's edges, shared with the others of that period */
	int self_runs;       /* has idle_until: its next() may be refresh only */
	int pad[3];          /* to 64 bytes: an index is a shift */
} slot;

/* A clock of the loop: whether the current step is one of its edges,
 * worked out by the first of its components the step offers a tick. */
typedef struct clk {
	lg_ps period;
	lg_ps edge;          /* its next edge >= seen */
	lg_ps seen;          /* the step whose at was worked out last (NEVER before the run) */
	int at;              /* seen is an edge */
} clk;

_Static_assert(sizeof(slot) == 64, "slot: 64 bytes");

struct lg_loop {
	lg_loop_opts o;
	slot *s;
	lg_comp *comps;      /* as given, for names and dumps */
	clk *clks;           /* [nclk] the distinct clocks */
	int nclk;
	uint64_t *run;       /* [cap / 64] this step's components (see above) */
	uint64_t *poll;      /* [cap / 64] the components that are not woken */
	int *pl, npl;        /* [cap] the same, as a list */
	int *act, *apos;     /* [cap] the woken components whose last next() is not NEVER; each one's place in act, or -1 */
	lg_ps *atn;          /* [cap] the last next() of act[a], at a */
	int *due;            /* [cap] the components in act whose atn is wmin (next_woken), for plan */
	int n, cap, nwoken, nact, ndue;
	int nw;              /* WORDS(n) */
	lg_ps wmin;          /* the earliest atn (next_woken), for plan */
	int busy_hint;       /* the component any_busy found busy last */
	int holds_hint;      /* the component any_holds found holding work last */
	int failed;          /* lg_loop_fail was called */
	lg_err err;
};

#define WORDS(n) (((n) + 63) / 64)
#define BIT(i) (1ull << ((i) & 63))

/* An empty loop. */
lg_loop *lg_loop_create(const lg_loop_opts *o)
{
	lg_loop *l = calloc(1, sizeof(*l));

	if (l)
		l->o = *o;
	return l;
}

void lg_loop_destroy(lg_loop *l)
{
	if (!l)
		return;
	free(l->s);
	free(l->comps);
	free(l->clks);
	free(l->run);
	free(l->poll);
	free(l->pl);
	free(l->atn);
	free(l->due);
	free(l->act);
	free(l->apos);
	free(l);
}

/* *p grown to cap elements of size z (the new ones zeroed from old on); false when out of memory. */
static bool grow(void *p, int old, int cap, size_t z)
{
	void *q = realloc(*(void **)p, (size_t)cap * z);

	if (!q)
		return false;
	memset((char *)q + (size_t)old * z, 0, (size_t)(cap - old) * z);
	*(void **)p = q;
	return true;
}

/* Room for one more component; false when out of memory. */
static bool reserve(lg_loop *l)
{
	int cap = l->cap ? 2 * l->cap : 64;

	if (l->n < l->cap)
		return true;
	if (!grow(&l->s, l->cap, cap, sizeof(*l->s)) || !grow(&l->comps, l->cap, cap, sizeof(*l->comps)) ||
	    !grow(&l->clks, l->cap, cap, sizeof(*l->clks)) || !grow(&l->pl, l->cap, cap, sizeof(*l->pl)) ||
	    !grow(&l->atn, l->cap, cap, sizeof(*l->atn)) ||
	    !grow(&l->act, l->cap, cap, sizeof(*l->act)) || !grow(&l->apos, l->cap, cap, sizeof(*l->apos)) ||
	    !grow(&l->due, l->cap, cap, sizeof(*l->due)) ||
	    !grow(&l->run, WORDS(l->cap), WORDS(cap), sizeof(*l->run)) ||
	    !grow(&l->poll, WORDS(l->cap), WORDS(cap), sizeof(*l->poll)))
		return false;
	l->cap = cap;
	return true;
}

/* Append c in tick order, woken or polled; -1 when out of memory. */
static int add(lg_loop *l, const lg_comp *c, bool woken)
{
	if (!reserve(l))
		return -1;
	l->comps[l->n] = *c;
	/* a component that runs by itself in idle gaps is always polled */
	woken = woken && !c->ops->idle_until;
	l->apos[l->n] = -1;
	if (woken) {
		l->nwoken++;
	} else {
		l->poll[l->n / 64] |= BIT(l->n);
		l->pl[l->npl++] = l->n;
	}
	l->s[l->n] = (slot){ c->ops->tick, c->ops->next, c->self, c->ops,
			     c->clk.period_ps ? c->clk.period_ps : 1, NULL, c->ops->idle_until != NULL, { 0 } };
	l->n++;
	l->nw = WORDS(l->n);
	if (c->ops->attach)
		c->ops->attach(c->self, l);
	return 0;
}

int lg_loop_add(lg_loop *l, const lg_comp *c)
{
	return add(l, c, false);
}

int lg_loop_add_woken(lg_loop *l, const lg_comp *c)
{
	return add(l, c, true);
}

int lg_loop_ncomps(const lg_loop *l)
{
	return l->n;
}

/* lg_wake's function: component idx changed; it joins this step. */
static void wake(void *ctx, unsigned idx)
{
	lg_loop *l = ctx;

	l->run[idx / 64] |= BIT(idx);
}

lg_wake lg_loop_waker(lg_loop *l, int idx)
{
	return (lg_wake){ wake, l, (unsigned)idx };
}

/* Stop the run at the end of the current step with e's message. */
void lg_loop_fail(lg_loop *l, const lg_err *e)
{
	if (!l->failed)
		l->err = *e;
	l->failed = 1;
}

/* Monotonic wall clock, seconds. */
static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The \r progress line, only after 2 s of wall time. */
static void progress(const lg_loop *l, lg_ps now, double t0, double *last)
{
	double w = wall_now();

	if (w - t0 < 2.0 || w - *last < 0.5)
		return;
	*last = w;
	fputs("\rlgsim: ", stderr);
	if (l->o.count)
		fprintf(stderr, "%llu %s, ", (unsigned long long)l->o.count(l->o.count_ctx),
			l->o.count_what ? l->o.count_what : "events");
	fprintf(stderr, "%.3f us simulated, %.1f s", (double)now / 1e6, w - t0);
}

/* The watchdog fired: say so and dump every component. */
static void watchdog(const lg_loop *l, lg_ps now)
{
	fprintf(stderr, "lgsim: watchdog: no progress for %llu cycles with requests pending\n",
		(unsigned long long)l->o.watchdog_cycles);
	for (int i = 0; i < l->n; i++)
		l->s[i].ops->dump(l->s[i].self, stderr, now);
}

/* Shortest and longest clock period; *one: every component has the same clock. */
static void periods(const lg_loop *l, lg_ps *lo, lg_ps *hi, int *one)
{
	*lo = LG_PS_NEVER;
	*hi = 1;
	for (int i = 0; i < l->n; i++) {
		if (l->s[i].period < *lo)
			*lo = l->s[i].period;
		if (l->s[i].period > *hi)
			*hi = l->s[i].period;
	}
	if (*lo == LG_PS_NEVER)
		*lo = 1;
	*one = *lo == *hi;
}

/* The distinct clocks, each at its first edge (0), and each slot's. */
static void set_clocks(lg_loop *l)
{
	l->nclk = 0;
	for (int i = 0; i < l->n; i++) {
		int c = 0;

		while (c < l->nclk && l->clks[c].period != l->s[i].period)
			c++;
		if (c == l->nclk)
			l->clks[l->nclk++] = (clk){ l->s[i].period, 0, LG_PS_NEVER, 0 };
		l->s[i].clk = &l->clks[c];
	}
}

/*
 * The watchdog as a time span: (t - last_prog) / P > cycles exactly when
 * t - last_prog > the result ((cycles + 1) x P - 1, or never when that
 * does not fit), P the slowest clock's period.
 */
static lg_ps watchdog_ps(uint64_t cycles, lg_ps p)
{
	uint64_t ps;

	if (cycles == UINT64_MAX || __builtin_mul_overflow(cycles + 1, p, &ps))
		return LG_PS_NEVER;
	return ps - 1;
}

/* Whether now is an edge of c: worked out once a step, the first edge >= now after a jump past edges. */
static inline bool clk_at(clk *c, lg_ps now)
{
	if (c->seen != now) {
		c->seen = now;
		if (c->edge < now)
			c->edge = (now + c->period - 1) / c->period * c->period;
		c->at = c->edge == now;
		if (c->at)
			c->edge += c->period;
	}
	return c->at;
}

/* Tick s if now is an edge of its clock (always when one clock); true if it progressed. */
static inline bool tick_one(slot *s, lg_ps now, int one)
{
	if (!one && !clk_at(s->clk, now))
		return false;
	return s->tick(s->self, now);
}

/* Tick every component of s..end due at now (all polled); true if any progressed. */
static inline __attribute__((always_inline)) bool tick_all(slot *s, const slot *end, lg_ps now,
							    int one)
{
	bool prog = false;

	for (; s < end; s++)
		prog |= tick_one(s, now, one);
	return prog;
}

/*
 * Tick, in order, the components in run[] for which now is an edge of
 * their clock (all of them when one clock); a component woken during the
 * step joins it if it comes later. True if any progressed.
 */
static bool tick_run(lg_loop *l, lg_ps now, int one)
{
	bool prog = false;
	/* the arrays stay put during a run (only run[]'s bits change in ticks) */
	const uint64_t *run = l->run;
	slot *s = l->s;

	for (int w = 0, nw = l->nw; w < nw; w++) {
		uint64_t above = ~0ull, m;

		while ((m = run[w] & above)) {
			int b = __builtin_ctzll(m);

			above = -(2ull << b); /* the bits above b (none for 63) */
			prog |= tick_one(&s[w * 64 + b], now, one);
		}
	}
	return prog;
}

/* s holds work in flight (holds) or is busy (!holds). */
static bool says_yes(const slot *s, bool holds)
{
	if (holds && s->ops->holds)
		return s->ops->holds(s->self);
	return s->ops->busy(s->self);
}

/*
 * Some component holds work in flight (holds) or is busy (!holds): the
 * one *hint that said so last first (it usually still does), then the
 * others in order until the first yes, which becomes *hint. busy() and
 * holds() have no side effects, so the order changes only the cost.
 */
static __attribute__((noinline)) bool others_yes(const lg_loop *l, int *hint, bool holds)
{
	for (int i = 0; i < l->n; i++)
		if (i != *hint && says_yes(&l->s[i], holds)) {
			*hint = i;
			return true;
		}
	return false;
}

/* any_yes: the hint asked inline (the loop asks busy at every step), the
 * others out of line. */
static inline __attribute__((always_inline)) bool any_yes(const lg_loop *l, int *hint, bool holds)
{
	if (l->n == 0)
		return false;
	return says_yes(&l->s[*hint], holds) || others_yes(l, hint, holds);
}

/* Some component holds work in flight. */
static bool any_holds(lg_loop *l)
{
	return any_yes(l, &l->holds_hint, true);
}

/* Run every idle_until component up to until. */
static void idle_all(lg_loop *l, lg_ps until)
{
	for (int i = 0; i < l->n; i++)
		if (l->s[i].self_runs)
			l->s[i].ops->idle_until(l->s[i].self, until);
}

/* End time, then every finish(end) in order. */
static void finish_all(lg_loop *l, lg_loop_result *res)
{
	res->end = res->now;
	for (int i = 0; i < l->n; i++)
		if (l->s[i].ops->done_at) {
			lg_ps d = l->s[i].ops->done_at(l->s[i].self);

			if (d > res->end)
				res->end = d;
		}
	for (int i = 0; i < l->n; i++)
		if (l->s[i].ops->finish)
			l->s[i].ops->finish(l->s[i].self, res->end);
}

/* Woken component i's next() is x: kept in act and atn unless NEVER. */
static void set_woken(lg_loop *l, int i, lg_ps x)
{
	int a = l->apos[i];

	if (a >= 0 && x != LG_PS_NEVER) { /* the usual case: a new time */
		l->atn[a] = x;
	} else if (x != LG_PS_NEVER) {
		a = l->apos[i] = l->nact++;
		l->act[a] = i;
		l->atn[a] = x;
	} else if (a >= 0) {
		int last = --l->nact;

		l->act[a] = l->act[last];
		l->atn[a] = l->atn[last];
		l->apos[l->act[a]] = a;
		l->apos[i] = -1;
	}
}

/*
 * Ask next() of the components in run[] (they acted or were woken), the
 * woken ones first (next() only reads): a woken one's answer goes to act
 * and atn; a polled one (always in run[]) is folded into *t_idle (with
 * idle_until: its next may be refresh only) or the result, the earliest
 * over the others.
 */
static lg_ps ask_next(lg_loop *l, lg_ps now, lg_ps *t_idle)
{
	const slot *s = l->s;
	lg_ps t_work = LG_PS_NEVER, ti = LG_PS_NEVER;

	for (int w = 0, nw = l->nw; w < nw; w++)
		for (uint64_t m = l->run[w] & ~l->poll[w]; m; m &= m - 1) {
			int i = w * 64 + __builtin_ctzll(m);

			set_woken(l, i, s[i].next(s[i].self, now));
		}
	for (int k = 0; k < l->npl; k++) {
		const slot *p = &s[l->pl[k]];
		lg_ps x = p->next(p->self, now);

		if (p->self_runs)
			ti = x < ti ? x : ti;
		else
			t_work = x < t_work ? x : t_work;
	}
	*t_idle = ti;
	return t_work;
}

/* Some component is busy. */
static bool any_busy(lg_loop *l)
{
	return any_yes(l, &l->busy_hint, false);
}

/*
 * All polled: ask every next() and the earliest: *t_idle over those with
 * idle_until (their next may be refresh only), the result over the
 * others. *busy: some component is busy (asked in order until the first
 * yes, in the same pass).
 */
static lg_ps next_all(const slot *s, const slot *end, lg_ps now, lg_ps *t_idle, bool *busy)
{
	lg_ps t_work = LG_PS_NEVER, ti = LG_PS_NEVER;
	bool b = false;

	for (; s < end; s++) {
		lg_ps x = s->next(s->self, now);

		if (s->self_runs)
			ti = x < ti ? x : ti;
		else
			t_work = x < t_work ? x : t_work;
		if (!b)
			b = s->ops->busy(s->self);
	}
	*t_idle = ti;
	*busy = b;
	return t_work;
}

/* With woken components: as next_all, from the next() asked this step and the standing ones. */
static lg_ps next_woken(lg_loop *l, lg_ps now, lg_ps *t_idle, bool *busy)
{
	lg_ps t_work = ask_next(l, now, t_idle);
	lg_ps wmin = LG_PS_NEVER;
	int nd = 0, *due = l->due;
	const int *act = l->act, nact = l->nact;
	const lg_ps *atn = l->atn;

#pragma GCC unroll 4 /* the loop control is a third of a short body */
	for (int a = 0; a < nact; a++) { /* the earliest atn and who is due then */
		lg_ps x = atn[a];

		if (x <= wmin) {
			nd = x < wmin ? 0 : nd;
			wmin = x;
			due[nd++] = act[a];
		}
	}
	l->wmin = wmin;
	l->ndue = nd;
	t_work = wmin < t_work ? wmin : t_work;
	*busy = any_busy(l);
	return t_work;
}

/* run[] for the step at t: the polled components and the woken ones due by t
 * (none when t is before the earliest of them, wmin; those in due when t is
 * wmin, the usual case). */
static void plan(lg_loop *l, lg_ps t)
{
	const int nw = l->nw;
	uint64_t *run = l->run;

	for (int w = 0; w < nw; w++)
		run[w] = l->poll[w];
	if (t < l->wmin)
		return;
	if (t == l->wmin) {
		const int *due = l->due, nd = l->ndue;

		for (int d = 0; d < nd; d++)
			run[(unsigned)due[d] / 64] |= BIT(due[d]);
		return;
	}
	for (int a = 0; a < l->nact; a++)
		if (l->atn[a] <= t)
			run[l->act[a] / 64] |= BIT(l->act[a]);
}

/*
 * The loop described in loop.h; woken: some component is woken (else the
 * step is the plain one over all components); one_clk: every component
 * has the same clock (only without woken ones: then the edge bookkeeping
 * of tick_one is left out at compile time, the DRAM-only die's case).
 * Inlined three times, once each.
 */
static inline __attribute__((always_inline)) int run(lg_loop *l, lg_loop_result *res, lg_err *e,
						     const bool woken, const bool one_clk)
{
	lg_ps now = 0, lo, hi, wd, deadline;
	double t0 = wall_now(), last_print = t0;
	uint64_t iters = 0;
	int one, printed = 0;
	slot *const s = l->s;
	const slot *const end = s + l->n;

	memset(res, 0, sizeof(*res));
	periods(l, &lo, &hi, &one);
	if (one_clk)
		one = 1;
	wd = watchdog_ps(l->o.watchdog_cycles, hi);
	/* t - last_prog > wd  <=>  t > last_prog + wd =: deadline; wd is
	 * clamped to 2^62 ps (53 days) so that the sum cannot overflow */
	if (wd > (lg_ps)1 << 62)
		wd = (lg_ps)1 << 62;
	deadline = wd;
	set_clocks(l);
	for (int i = 0; i < l->n; i++)
		l->run[i / 64] |= BIT(i); /* everything acts at 0 */
	for (;;) {
		lg_ps t_work, t_idle, t;
		bool prog, busy;

		iters++;
		prog = woken ? tick_run(l, now, one) : tick_all(s, end, now, one_clk ? 1 : one);
		if (prog) {
			if (l->failed) /* a failing tick reports progress */
				break;
			deadline = now + wd;
		}
		t_work = woken ? next_woken(l, now, &t_idle, &busy) : next_all(s, end, now, &t_idle, &busy);
		if (!busy)
			break;
		t = t_work < t_idle ? t_work : t_idle;
		if (t_work != LG_PS_NEVER && t_work > t_idle && !any_holds(l)) {
			idle_all(l, t_work); /* refreshes in the gap */
			t = t_work;
			deadline = t + wd;
		}
		if (t <= now)
			t = now + lo;
		if (t == LG_PS_NEVER || (t > deadline && any_holds(l))) {
			watchdog(l, now);
			res->watchdog = 1;
			break;
		}
		if (woken)
			plan(l, t);
		now = t;
		if ((iters & 0xffff) == 0) {
			if (l->o.stop && *l->o.stop) {
				res->interrupted = 1;
				break;
			}
			if (l->o.progress) {
				progress(l, now, t0, &last_print);
				printed = last_print > t0;
			}
		}
	}
	memset(l->run, 0, (size_t)WORDS(l->n) * sizeof(*l->run));
	if (printed)
		fputc('\n', stderr);
	res->iterations = iters;
	res->now = now;
	finish_all(l, res);
	res->wall_seconds = wall_now() - t0;
	if (l->failed) {
		*e = l->err;
		return -1;
	}
	return 0;
}

/* Whether every component has the same clock. */
static bool one_clock(const lg_loop *l)
{
	lg_ps lo, hi;
	int one;

	periods(l, &lo, &hi, &one);
	return one;
}

int lg_loop_run(lg_loop *l, lg_loop_result *res, lg_err *e)
{
	if (l->nwoken)
		return run(l, res, e, true, false);
	return one_clock(l) ? run(l, res, e, false, true) : run(l, res, e, false, false);
}
