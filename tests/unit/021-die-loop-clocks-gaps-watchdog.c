/*
 * 021: the loop (die/loop.h) and the die (die/die.h) with stand-in
 * components whose behaviour is known by hand.
 *
 *  - Clocks and order: A (period 1000 ps, 4 work items) and B (period
 *    1500 ps, 3 items) each do one item per edge and ask for their next
 *    edge while they have work. Steps are the union of the edges up to
 *    the last item: 0 (A B), 1000 (A), 1500 (B), 2000 (A), 3000 (A B) =
 *    5 steps, A before B at common times; the run ends at 3000.
 *  - Idle gap: a self-running component R (idle_until, next edge always)
 *    and a source S with one item due at 10^6 ps: one step at 0, then R
 *    runs up to 10^6 inside idle_until and the loop jumps there: 2 steps.
 *  - Woken components: a polled producer P pushes 3 items, one per edge
 *    (period 1000 ps) while its one-entry port has room; a woken consumer
 *    C pops them. After P in the order, C is woken by each push and pops
 *    in the same step: 0, 1000, 2000. Before P, C is woken after its turn
 *    and pops at its next edge (1000, 2000, 3000; the pop that frees the
 *    port wakes P, which pushes the next item in that step). A woken
 *    component that is never due nor woken (I) is ticked only at 0.
 *  - Watchdog: a busy component answering NEVER stops the run at once
 *    (result.watchdog, its dump written); lg_loop_fail stops it with -1
 *    and the message.
 *  - Two dies in one loop give each die the same request counters,
 *    latencies and last completion as when it runs alone (nothing is
 *    shared between dies). Refreshes, precharges and background cycles
 *    may differ: a die's DRAM keeps refreshing until the common end.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lg_port.h"
#include "die/die.h"
#include "die/loop.h"
#include "lg_check.h"

typedef struct fake {
	char name;
	int work;            /* items left */
	lg_ps period;
	lg_ps due;           /* S: when its one item may go */
	int never;           /* next() is NEVER although busy */
	int fail;            /* fail at the first tick */
	lg_loop *loop;
	char *log;           /* shared tick log: "t:name " */
	lg_ps idled;         /* R: last idle_until */
} fake;

static bool f_tick(void *self, lg_ps now)
{
	fake *f = self;
	char buf[32];

	if (f->fail) {
		lg_err e;

		lg_errf(&e, "fake", 1, "failed on purpose");
		lg_loop_fail(f->loop, &e);
		return true;
	}
	if (!f->work || now < f->due)
		return false;
	snprintf(buf, sizeof(buf), "%llu:%c ", (unsigned long long)now, f->name);
	strcat(f->log, buf);
	f->work--;
	return true;
}

static lg_ps f_next(const void *self, lg_ps now)
{
	const fake *f = self;

	if (f->never || !f->work)
		return LG_PS_NEVER;
	if (f->due > now)
		return f->due;
	return (now / f->period + 1) * f->period;
}

static bool f_busy(const void *self)
{
	return ((const fake *)self)->work > 0;
}

static void f_dump(const void *self, FILE *f, lg_ps now)
{
	(void)now;
	fprintf(f, "fake %c: %d left\n", ((const fake *)self)->name, ((const fake *)self)->work);
}

static void f_attach(void *self, lg_loop *l)
{
	((fake *)self)->loop = l;
}

/* R: always has a next edge (like refresh), never busy. */
static lg_ps r_next(const void *self, lg_ps now)
{
	return (now / ((const fake *)self)->period + 1) * ((const fake *)self)->period;
}

static void r_idle(void *self, lg_ps until)
{
	((fake *)self)->idled = until;
}

static const lg_comp_ops fake_ops = { "fake", f_tick, f_next, f_busy, NULL, NULL, f_dump,
				      NULL, NULL, f_attach };
/* S holds no work in flight: its item only comes later. */
static bool s_holds(const void *self)
{
	(void)self;
	return false;
}

static const lg_comp_ops src_ops = { "src", f_tick, f_next, f_busy, NULL, NULL, f_dump,
				     s_holds, NULL, f_attach };
static const lg_comp_ops self_ops = { "self", f_tick, r_next, f_busy, r_idle, NULL, f_dump,
				      NULL, NULL, f_attach };

static lg_comp comp(const lg_comp_ops *ops, fake *f)
{
	lg_comp c = { ops, f, "fake", { f->period } };

	return c;
}

/* A loop over n fakes, run; returns lg_loop_run's status. */
static int run(const lg_comp *c, int n, lg_loop_result *res, lg_err *e)
{
	lg_loop_opts o = { .watchdog_cycles = 1000 };
	lg_loop *l = lg_loop_create(&o);
	int rc;

	ck_assert_ptr_nonnull(l);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(lg_loop_add(l, &c[i]), 0);
	rc = lg_loop_run(l, res, e);
	lg_loop_destroy(l);
	return rc;
}

START_TEST(two_clocks_in_order)
{
	char log[256] = "";
	fake a = { 'A', 4, 1000, 0, 0, 0, NULL, log, 0 }, b = { 'B', 3, 1500, 0, 0, 0, NULL, log, 0 };
	lg_comp c[2] = { comp(&fake_ops, &a), comp(&fake_ops, &b) };
	lg_loop_result res;
	lg_err e;

	ck_assert_int_eq(run(c, 2, &res, &e), 0);
	ck_assert_str_eq(log, "0:A 0:B 1000:A 1500:B 2000:A 3000:A 3000:B ");
	ck_assert_uint_eq(res.iterations, 5);
	ck_assert_uint_eq(res.end, 3000);
	ck_assert_int_eq(res.watchdog, 0);
}
END_TEST

START_TEST(idle_gap_is_one_jump)
{
	char log[256] = "";
	fake r = { 'R', 0, 1000, 0, 0, 0, NULL, log, 0 }, s = { 'S', 1, 1000, 1000000, 0, 0, NULL, log, 0 };
	lg_comp c[2] = { comp(&self_ops, &r), comp(&src_ops, &s) };
	lg_loop_result res;
	lg_err e;

	ck_assert_int_eq(run(c, 2, &res, &e), 0);
	ck_assert_str_eq(log, "1000000:S ");
	ck_assert_uint_eq(r.idled, 1000000);
	ck_assert_uint_eq(res.iterations, 2);
}
END_TEST

START_TEST(watchdog_and_failure_stop_the_run)
{
	char log[256] = "";
	fake w = { 'W', 1, 1000, 1000000000, 1, 0, NULL, log, 0 }, x = { 'X', 1, 1000, 0, 0, 1, NULL, log, 0 };
	lg_comp c = comp(&fake_ops, &w);
	lg_loop_result res;
	lg_err e;

	ck_assert_int_eq(run(&c, 1, &res, &e), 0);
	ck_assert_int_eq(res.watchdog, 1);
	c = comp(&fake_ops, &x);
	ck_assert_int_eq(run(&c, 1, &res, &e), -1);
	ck_assert_str_eq(e.msg, "fake:1: failed on purpose");
}
END_TEST

/* A producer (polled) and a consumer (woken) on one port of one entry. */
typedef struct pc {
	lg_port *port;
	lg_req req;
	int items;           /* P: left to push */
	int ticks;           /* ticks received */
	char name;
	char *log;
} pc;

static bool p_tick(void *self, lg_ps now)
{
	pc *p = self;

	p->ticks++;
	if (!p->items || !lg_port_push(p->port, &p->req, now))
		return false;
	p->items--;
	return true;
}

static lg_ps p_next(const void *self, lg_ps now)
{
	const pc *p = self;

	return p->items && !lg_port_full(p->port) ? (now / 1000 + 1) * 1000 : LG_PS_NEVER;
}

static bool p_busy(const void *self)
{
	const pc *p = self;

	return p->items || p->port->n;
}

static bool c_tick(void *self, lg_ps now)
{
	pc *p = self;
	char buf[32];

	p->ticks++;
	if (!p->port || !lg_port_peek(p->port, now))
		return false;
	lg_port_pop(p->port);
	snprintf(buf, sizeof(buf), "%llu:%c ", (unsigned long long)now, p->name);
	strcat(p->log, buf);
	return true;
}

/* The edge at or after the head's time, after now; NEVER when empty. */
static lg_ps c_next(const void *self, lg_ps now)
{
	const pc *p = self;
	lg_ps r = p->port ? lg_port_next_ready(p->port) : LG_PS_NEVER;

	if (r == LG_PS_NEVER)
		return r;
	r = (r + 999) / 1000 * 1000;
	return r > now ? r : (now / 1000 + 1) * 1000;
}

static bool c_busy(const void *self)
{
	(void)self;
	return false;
}

static void pc_dump(const void *self, FILE *f, lg_ps now)
{
	(void)now;
	fprintf(f, "pc %c: %d ticks\n", ((const pc *)self)->name, ((const pc *)self)->ticks);
}

static const lg_comp_ops prod_ops = { "prod", p_tick, p_next, p_busy, NULL, NULL, pc_dump,
				      NULL, NULL, NULL };
static const lg_comp_ops cons_ops = { "cons", c_tick, c_next, c_busy, NULL, NULL, pc_dump,
				      NULL, NULL, NULL };

/* P and C (C first if cfirst) and an idle woken I; C's pops logged in log. */
static void producer_consumer(int cfirst, char *log, int *iticks)
{
	lg_port port;
	pc p = { &port, { 0 }, 3, 0, 'P', log }, c = { &port, { 0 }, 0, 0, 'C', log },
	   i = { NULL, { 0 }, 0, 0, 'I', log };
	lg_loop_opts o = { .watchdog_cycles = 1000 };
	lg_loop *l = lg_loop_create(&o);
	lg_comp cp = { &prod_ops, &p, "p", { 1000 } }, cc = { &cons_ops, &c, "c", { 1000 } },
		ci = { &cons_ops, &i, "i", { 1000 } };
	int ip = cfirst ? 1 : 0, ic = cfirst ? 0 : 1;
	lg_loop_result res;
	lg_err e;

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(lg_port_init(&port, 1), 0);
	for (int k = 0; k < 2; k++)
		ck_assert_int_eq(k == ip ? lg_loop_add(l, &cp) : lg_loop_add_woken(l, &cc), 0);
	ck_assert_int_eq(lg_loop_add_woken(l, &ci), 0);
	port.tx = lg_loop_waker(l, ip);
	port.rx = lg_loop_waker(l, ic);
	ck_assert_int_eq(lg_loop_run(l, &res, &e), 0);
	ck_assert_int_eq(res.watchdog, 0);
	ck_assert_int_eq(p.items, 0);
	*iticks = i.ticks;
	lg_port_free(&port);
	lg_loop_destroy(l);
}

START_TEST(woken_components_tick_when_due_or_woken)
{
	char log[256] = "";
	int iticks;

	producer_consumer(0, log, &iticks);
	ck_assert_str_eq(log, "0:C 1000:C 2000:C ");
	ck_assert_int_eq(iticks, 1);
	log[0] = '\0';
	producer_consumer(1, log, &iticks);
	ck_assert_str_eq(log, "1000:C 2000:C 3000:C ");
	ck_assert_int_eq(iticks, 1);
}
END_TEST

/* Write a small trace into dir; its path in buf. */
static const char *trace(char *buf, size_t n, const char *dir, const char *name, int stride)
{
	FILE *f;

	snprintf(buf, n, "%s/%s", dir, name);
	f = fopen(buf, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < 3000; i++)
		fprintf(f, "%d %c 0x%x\n", i / 4, i % 3 ? 'R' : 'W', i * stride);
	fclose(f);
	return buf;
}

/* Every unit's request counters of d's controller equal those in st. */
static void same_stats(const lg_die *d, const lg_mc_stats *st)
{
	const lg_mc *mc = lg_die_mc(d);

	for (int u = 0; u < lg_dram_units(lg_mc_spec(mc)); u++) {
		const lg_mc_stats *a = lg_mc_unit_stats(mc, (unsigned)u), *b = &st[u];

		ck_assert_uint_gt(a->reads + a->writes, 0);
		ck_assert_uint_eq(a->reads, b->reads);
		ck_assert_uint_eq(a->writes, b->writes);
		ck_assert_uint_eq(a->row_hits, b->row_hits);
		ck_assert_uint_eq(a->row_conflicts, b->row_conflicts);
		ck_assert_uint_eq(a->cmds[LG_CMD_RD] + a->cmds[LG_CMD_RDA],
				  b->cmds[LG_CMD_RD] + b->cmds[LG_CMD_RDA]);
		ck_assert_uint_eq(a->last_done, b->last_done);
		ck_assert_msg(memcmp(&a->rd_lat, &b->rd_lat, sizeof(a->rd_lat)) == 0 &&
			      memcmp(&a->wr_lat, &b->wr_lat, sizeof(a->wr_lat)) == 0,
			      "unit %d: latencies differ", u);
	}
}

START_TEST(two_dies_share_a_loop)
{
	char dir[] = "/tmp/lg601XXXXXX", p0[512], p1[512];
	const char *t0[1], *t1[1];
	lg_cfg cfg;
	lg_err e;
	lg_loop_opts o = { .watchdog_cycles = 1000000 };
	lg_loop_result res;
	lg_mc_stats alone[2][8];
	lg_die *d[2];
	lg_loop *l;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	t0[0] = trace(p0, sizeof(p0), dir, "a.trace", 64);
	t1[0] = trace(p1, sizeof(p1), dir, "b.trace", 4160);
	lg_cfg_defaults(&cfg);
	cfg.system.channels = 2;
	for (int i = 0; i < 2; i++) { /* each alone */
		lg_die_opts dop = { .index = (unsigned)i, .traces = i ? t1 : t0, .ntraces = 1 };

		d[i] = lg_die_create(&cfg, &dop, &e);
		ck_assert_msg(d[i] != NULL, "%s", e.msg);
		ck_assert_int_eq(lg_die_run(d[i], &o, &res, &e), 0);
		for (int u = 0; u < 2; u++)
			alone[i][u] = *lg_mc_unit_stats(lg_die_mc(d[i]), (unsigned)u);
		lg_die_destroy(d[i]);
	}
	l = lg_loop_create(&o);
	for (int i = 0; i < 2; i++) { /* both in one loop */
		lg_die_opts dop = { .index = (unsigned)i, .traces = i ? t1 : t0, .ntraces = 1 };

		d[i] = lg_die_create(&cfg, &dop, &e);
		ck_assert_msg(d[i] != NULL, "%s", e.msg);
		ck_assert_int_eq(lg_die_attach(d[i], l), 0);
	}
	ck_assert_int_eq(lg_loop_run(l, &res, &e), 0);
	ck_assert_int_eq(res.watchdog, 0);
	for (int i = 0; i < 2; i++) {
		same_stats(d[i], alone[i]);
		lg_die_destroy(d[i]);
	}
	lg_loop_destroy(l);
	remove(p0);
	remove(p1);
	remove(dir);
}
END_TEST

START_TEST(cus_are_refused_in_one_line)
{
	lg_cfg cfg;
	lg_err e;
	const char *t[1] = { "/dev/null" };
	lg_die_opts dop = { .traces = t, .ntraces = 1 };

	lg_cfg_defaults(&cfg);
	cfg.die.cus = 4;
	ck_assert_ptr_null(lg_die_create(&cfg, &dop, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "die.cus"));
	ck_assert_ptr_null(strchr(e.msg, '\n'));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("die-loop");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, two_clocks_in_order);
	tcase_add_test(tc, idle_gap_is_one_jump);
	tcase_add_test(tc, woken_components_tick_when_due_or_woken);
	tcase_add_test(tc, watchdog_and_failure_stop_the_run);
	tcase_add_test(tc, two_dies_share_a_loop);
	tcase_add_test(tc, cus_are_refused_in_one_line);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
