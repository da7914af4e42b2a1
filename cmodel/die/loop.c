/*
 * The event loop (see loop.h). The step is written for speed: on a
 * DRAM-only die it runs about once per request, so it makes one indirect
 * call per component for tick and for next, asks busy() only until the
 * first busy component answers, and asks holds() only when an idle gap or
 * the watchdog needs it.
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
	lg_ps edge;          /* its next clock edge >= the current time */
	int self_runs;       /* has idle_until: its next() may be refresh only */
} slot;

struct lg_loop {
	lg_loop_opts o;
	slot *s;
	lg_comp *comps;      /* as given, for names and dumps */
	int n, cap;
	int failed;          /* lg_loop_fail was called */
	lg_err err;
};

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
	free(l);
}

/* Append c in tick order; -1 when out of memory. */
int lg_loop_add(lg_loop *l, const lg_comp *c)
{
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 8;
		slot *s = realloc(l->s, (size_t)cap * sizeof(*s));
		lg_comp *k;

		if (s)
			l->s = s;
		k = s ? realloc(l->comps, (size_t)cap * sizeof(*k)) : NULL;
		if (!k)
			return -1;
		l->comps = k;
		l->cap = cap;
	}
	l->comps[l->n] = *c;
	l->s[l->n] = (slot){ c->ops->tick, c->ops->next, c->self, c->ops,
			     c->clk.period_ps ? c->clk.period_ps : 1, 0, c->ops->idle_until != NULL };
	l->n++;
	if (c->ops->attach)
		c->ops->attach(c->self, l);
	return 0;
}

int lg_loop_ncomps(const lg_loop *l)
{
	return l->n;
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

/* Tick every component due at now (several clocks); true if any progressed. */
static bool tick_edges(lg_loop *l, lg_ps now)
{
	bool prog = false;

	for (int i = 0; i < l->n; i++) {
		slot *s = &l->s[i];

		if (s->edge < now) /* jumped past edges: the first one >= now */
			s->edge = (now + s->period - 1) / s->period * s->period;
		if (s->edge != now)
			continue;
		prog |= s->tick(s->self, now);
		s->edge += s->period;
	}
	return prog;
}

/* Some component holds work in flight. */
static bool any_holds(const lg_loop *l)
{
	for (int i = 0; i < l->n; i++) {
		const slot *s = &l->s[i];

		if (s->ops->holds ? s->ops->holds(s->self) : s->ops->busy(s->self))
			return true;
	}
	return false;
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

/*
 * The earliest next() over the components: *t_idle over those with
 * idle_until (their next may be refresh only), the result over the
 * others. *busy: some component is busy (asked in order until the first
 * yes, in the same pass).
 */
static inline lg_ps next_times(const slot *s, const slot *end, lg_ps now, lg_ps *t_idle,
			       bool *busy)
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

/* The loop described in loop.h. */
int lg_loop_run(lg_loop *l, lg_loop_result *res, lg_err *e)
{
	lg_ps now = 0, last_prog = 0, lo, hi, wd;
	double t0 = wall_now(), last_print = t0;
	uint64_t iters = 0;
	int one, printed = 0;
	slot *const s = l->s;
	const int n = l->n;
	const slot *const end = s + n;

	memset(res, 0, sizeof(*res));
	periods(l, &lo, &hi, &one);
	wd = watchdog_ps(l->o.watchdog_cycles, hi);
	for (int i = 0; i < n; i++)
		s[i].edge = 0;
	for (;;) {
		lg_ps t_work, t_idle, t;
		bool prog = false, busy;

		iters++;
		if (one)
			for (const slot *p = s; p < end; p++)
				prog |= p->tick(p->self, now);
		else
			prog = tick_edges(l, now);
		if (prog) {
			if (l->failed) /* a failing tick reports progress */
				break;
			last_prog = now;
		}
		t_work = next_times(s, end, now, &t_idle, &busy);
		if (!busy)
			break;
		t = t_work < t_idle ? t_work : t_idle;
		if (t_work != LG_PS_NEVER && t_work > t_idle && !any_holds(l)) {
			idle_all(l, t_work); /* refreshes in the gap */
			t = t_work;
			last_prog = t_work;
		}
		if (t <= now)
			t = now + lo;
		if (t == LG_PS_NEVER || (t - last_prog > wd && any_holds(l))) {
			watchdog(l, now);
			res->watchdog = 1;
			break;
		}
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
