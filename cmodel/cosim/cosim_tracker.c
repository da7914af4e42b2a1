/*
 * The tracker as a client of the lockstep layer (cosim.h, docs/cosim.md):
 * its field tables, its C side (cmodel/tracker driven by random stimulus or
 * by a replayed recording) and its coverage (docs/tracker.md,
 * "Co-simulation").
 *
 * Stimulus (seeded, splitmix64, a few 64-bit draws per cycle cut into bit
 * fields, see rand_inputs): 2000-cycle phases chosen at random --
 * normal, fill (programs, trigger ready mostly low: table full and queued
 * triggers), drain, focus (every port on one range: several ports per entry
 * per cycle, saturation) -- with misses, straddling writes, overlapping
 * ranges, re-arming entries, expect = 0 and rare mid-stream resets.
 *
 * Replay (--trace FILE): a header line naming the parameters the recording
 * was made with (checked against the RTL build), then one item per line,
 * '#' starts a comment:
 *   # lgcosim tracker entries=E ports=P addr_width=A count_width=C
 *   <cycle> <port> <hex-addr> <bytes> [N]      an observed write (N: an NMC update)
 *   <cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]
 * Cycles are non-decreasing. Programs wait in order while the table is full;
 * trig_ready is held high. The run ends when the file is consumed and
 * nothing can change any more (no trigger, and no program or one the full
 * table refuses), or at --cycles if given.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cosim/cosim.h"
#include "cosim/cosim_tracker.h"
#include "tracker/trk_replay.h"

#define NSHADOW LG_TRACKER_MAX_ENTRIES /* per entry: the range last programmed */
#define PHASE_LEN 2000

enum phase { PH_NORMAL, PH_FILL, PH_DRAIN, PH_FOCUS, PH_N };

typedef struct shadow {
	uint64_t base, len, stride;
	unsigned rearm;
} shadow;

/* Replay reader: one parsed line of lookahead. */
typedef struct replay {
	FILE *f;
	const char *path;
	long line;
	bool have;         /* lookahead valid */
	lg_trk_replay_line cur; /* the lookahead (its cycle stays after the end) */
	bool prog_wait;    /* a program is waiting for a free entry */
	lg_tracker_prog waiting;
	bool eof;
	unsigned aw, cw, ports; /* the build's widths */
} replay;

typedef struct stim {
	uint64_t rng;
	enum phase phase;
	bool reset_next;    /* reset both models at the start of the next cycle */
	unsigned focus;     /* shadow slot the focus phase aims at */
	shadow sh[NSHADOW];
	unsigned nsh, next_sh;
} stim;

/* The C side of one run. */
typedef struct trk_cs {
	lg_tracker *t;
	lg_tracker_params tp;
	stim s;
	replay rp;
	int idle;
} trk_cs;

/* splitmix64: deterministic, and the draws do not depend on each other
 * (the state is a counter), so consecutive draws overlap in the CPU. The
 * draws take the state by pointer: rand_inputs keeps it in a local (a
 * register) for the cycle and stores it back once. */
static uint64_t rnd(uint64_t *g)
{
	uint64_t z = (*g += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Bit field [lo, lo+n) of a draw. */
static unsigned field(uint64_t r, unsigned lo, unsigned n)
{
	return (unsigned)((r >> lo) & ((1ull << n) - 1));
}

/* Scale an n-bit field f to 0..m-1 (m <= 2^n). */
static unsigned scale(unsigned f, unsigned n, unsigned m)
{
	return (unsigned)(((uint64_t)f * m) >> n);
}

static unsigned below(uint64_t *g, unsigned n)
{
	return (unsigned)((rnd(g) >> 32) * n >> 32);
}

/* True with probability num/1024. */
static bool chance(uint64_t *g, unsigned num)
{
	return (rnd(g) >> 54) < num;
}

/* A random program: aligned ranges in 1 MiB so that aims often hit. */
static void rand_prog(const stim *s, uint64_t *g, lg_tracker_prog *p, unsigned cw)
{
	static const uint32_t lens[] = { 128, 256, 512, 1024, 4096 };
	uint32_t cmax = (1u << cw) - 1;

	*p = (lg_tracker_prog){ 0 };
	if (s->nsh && chance(g, 60)) {
		/* overlap a recent range */
		const shadow *o = &s->sh[below(g, s->nsh)];
		p->base = o->base + 32 * below(g, 4);
	} else {
		/* 1 MiB at 0 or at one of 7 windows above 4 GiB (full-width
		 * addresses, as a region at 0x300000000) */
		p->base = (uint64_t)below(g, 1u << 14) * 64 + ((uint64_t)below(g, 8) << 33);
	}
	p->len = lens[below(g, 5)];
	p->expect = p->len;
	if (chance(g, 200))
		p->expect = 32 * below(g, p->len / 32 + 1);
	if (chance(g, 10))
		p->expect = 0;
	if (chance(g, 12)) {
		p->len = 1u << 20;
		p->expect = cmax - below(g, 200);
	}
	if (chance(g, 300)) {
		p->rearm = 1 + below(g, 3);
		p->stride = p->len * (1 + below(g, 2));
	}
	p->die = below(g, 64);
	p->dst = rnd(g);
	p->op = below(g, 2);
	p->dtype = below(g, 4);
}

/* Remember the range programmed into entry idx (prog_idx of the cycle). */
static void remember(stim *s, unsigned idx, const lg_tracker_prog *p)
{
	shadow *x = &s->sh[idx];

	x->base = p->base;
	x->len = p->len;
	x->stride = p->stride;
	x->rearm = p->rearm;
	if (s->nsh <= idx)
		s->nsh = idx + 1;
}

/*
 * One observed write on a port from one 64-bit draw r (fields below); the
 * address is inside a recent range (any step; 3 % straddle its end) or,
 * 12 % of the time outside focus, anywhere (a miss, a second draw).
 *   [0,2) byte-size kind: 64, 64, 32 or 1..255 from [2,10)
 *   [10,20) miss chance   [20,28) shadow pick   [28,38) straddle chance
 *   [38,42) re-arm step   [42,58) offset in the range
 * The byte size is chosen without a branch (kind 3 is a random quarter of
 * the writes: a mispredicted branch costs more than computing both); fidx
 * is the focus slot modulo the shadows in use (computed once a cycle).
 */
static void rand_write(const stim *s, uint64_t *g, uint64_t r, bool focus, unsigned fidx,
		       uint64_t *addr, uint32_t *bytes)
{
	static const unsigned kind_bytes[4] = { 64, 64, 32, 0 };
	unsigned kind = field(r, 0, 2), b8 = field(r, 2, 8);
	uint32_t k3 = 0u - (uint32_t)(kind == 3), nb;
	const shadow *x;
	uint64_t off;

	if (focus)
		nb = 255 - (b8 & 63);
	else
		nb = kind_bytes[kind] | (k3 & (1 + scale(b8, 8, 255)));
	*bytes = nb;
	if (!s->nsh || (!focus && field(r, 10, 10) < 120)) {
		*addr = rnd(g);
		return;
	}
	x = &s->sh[focus ? fidx : scale(field(r, 20, 8), 8, s->nsh)];
	off = x->len > 64 ? 32 * scale(field(r, 42, 16), 16, x->len / 32) : 0;
	if (field(r, 28, 10) < 30 && x->len >= nb)
		off = x->len - nb / 2;                /* straddles the end */
	*addr = x->base + x->stride * scale(field(r, 38, 4), 4, x->rearm + 1) + off;
}

/*
 * Random inputs for one cycle, given the outputs of this cycle. One draw
 * for the cycle: [0,10) program chance, [10,20) trigger-ready chance,
 * [20,40) reset chance (80 / 2^20: the models are reset at the start of the
 * next cycle, about every 13,000 cycles), [40,60) write chances of ports 0
 * and 1; ports 2..7 take theirs from a second draw, 8..13 from a third and
 * so on; each valid port one more draw (rand_write; its bits [58,61) zero:
 * an NMC update, 1/8 of the writes). Programs and phase changes are rare and use whole
 * draws. The valid ports are visited as the set bits of their mask (one
 * loop exit a cycle rather than a random branch per port).
 */
_Static_assert(LG_TRACKER_MAX_PORTS <= 32, "valid and nmc masks are 32 bits");

static void rand_inputs(stim *s, uint64_t cyc, const lg_tracker_out *o,
			lg_trk_in *in, unsigned ports, unsigned cw)
{
	static const unsigned prog_p[PH_N] = { 60, 500, 0, 20 };
	static const unsigned ready_p[PH_N] = { 700, 40, 1024, 500 };
	static const unsigned obs_p[PH_N] = { 600, 500, 400, 1000 };
	uint64_t g = s->rng;
	bool focus;
	bool prog_valid, trig_ready;
	uint64_t r, rv;
	unsigned obs_thr, valid = 0, nmc = 0, fidx = 0, left = 2;

	/* The bool fields of `in` are written last: a store through a
	 * char-sized type may alias the stimulus state and would force it
	 * through memory. */
	if (cyc % PHASE_LEN == 0) {
		s->phase = (enum phase)below(&g, PH_N);
		s->focus = below(&g, NSHADOW);
	}
	focus = s->phase == PH_FOCUS;
	obs_thr = obs_p[s->phase];
	r = rnd(&g);
	prog_valid = field(r, 0, 10) < prog_p[s->phase];
	trig_ready = field(r, 10, 10) < ready_p[s->phase];
	s->reset_next = field(r, 20, 20) < 80;
	if (prog_valid) {
		rand_prog(s, &g, &in->prog, cw);
		if (o->prog_ready)
			remember(s, o->prog_idx, &in->prog);
	}
	/* ports 0 and 1 from r, then six per draw */
	rv = r >> 40;
	for (unsigned p = 0; p < ports; p++) {
		if (!left) {
			rv = rnd(&g);
			left = 6;
		}
		left--;
		valid |= (unsigned)(field(rv, 0, 10) < obs_thr) << p;
		rv >>= 10;
	}
	if (focus && s->nsh)
		fidx = s->focus % s->nsh;
	for (unsigned m = valid; m; m &= m - 1) {
		unsigned p = (unsigned)__builtin_ctz(m);
		uint64_t wr = rnd(&g);
		nmc |= (unsigned)(field(wr, 58, 3) == 0) << p;
		rand_write(s, &g, wr, focus, fidx, &in->obs_addr[p], &in->obs_bytes[p]);
	}
	s->rng = g;
	in->obs_valid = valid;
	in->obs_nmc = nmc;
	in->prog_valid = prog_valid;
	in->trig_ready = trig_ready;
}

/* Read the next replay line into the lookahead; -1 on a bad line. */
static int replay_next(replay *r, lg_err *e)
{
	const lg_trk_replay_widths w = { r->aw, r->cw, r->ports };
	char buf[512], what[160];
	lg_trk_replay_line l;
	int rc;

	r->have = false;
	while (fgets(buf, sizeof(buf), r->f)) {
		r->line++;
		if (!strchr(buf, '\n') && !feof(r->f))
			return lg_errf(e, r->path, r->line, "expected a line of at most %zu characters",
				       sizeof(buf) - 2);
		if ((rc = lg_trk_replay_parse(buf, &w, &l, what, sizeof(what))) < 0)
			return lg_errf(e, r->path, r->line, "%s", what);
		if (rc == 0)
			continue;
		if (l.cycle < r->cur.cycle)
			return lg_errf(e, r->path, r->line, "expected non-decreasing cycles");
		r->cur = l;
		r->have = true;
		return 0;
	}
	if (ferror(r->f))
		return lg_errf(e, r->path, r->line + 1, "cannot read: %s", strerror(errno));
	r->eof = true;
	return 0;
}

/* Open the recording, check it is a readable regular file and that its
 * header matches the RTL build, and read the first item. */
static int replay_open(replay *r, const lg_cosim_run *run, lg_err *e)
{
	r->path = run->trace;
	r->aw = run->rtl->param[LG_TRK_P_AW];
	r->cw = run->rtl->param[LG_TRK_P_CW];
	r->ports = run->rtl->param[LG_TRK_P_PORTS];
	if (lg_cosim_open_recording(run, &r->f, e))
		return -1;
	r->line = 1;
	return replay_next(r, e);
}

/* Replay inputs for cycle cyc. */
static int replay_inputs(replay *r, uint64_t cyc, const lg_tracker_out *o,
			 lg_trk_in *in, lg_err *e)
{
	const lg_trk_replay_line *c = &r->cur;
	uint32_t valid = 0, nmc = 0;

	while (r->have && c->cycle <= cyc && (!c->is_prog || !r->prog_wait)) {
		if (c->is_prog) {
			r->waiting = c->prog;
			r->prog_wait = true;
		} else {
			if (valid & (1u << c->port))
				return lg_errf(e, r->path, r->line, "expected one write per port and cycle");
			valid |= 1u << c->port;
			nmc |= (uint32_t)c->nmc << c->port;
			in->obs_addr[c->port] = c->addr;
			in->obs_bytes[c->port] = c->bytes;
		}
		if (replay_next(r, e))
			return -1;
	}
	in->obs_valid = valid;
	in->obs_nmc = nmc;
	in->trig_ready = 1;
	in->prog_valid = r->prog_wait;
	in->prog = r->waiting;
	/* a program offered while ready is high is taken at this edge */
	if (r->prog_wait && o->prog_ready)
		r->prog_wait = false;
	return 0;
}

/* Apply one cycle's inputs to the C model. */
static void c_apply(lg_tracker *t, const lg_trk_in *in)
{
	lg_tracker_set_prog(t, in->prog_valid, &in->prog);
	lg_tracker_set_trig_ready(t, in->trig_ready);
	lg_tracker_set_obs_ports(t, in->obs_valid, in->obs_nmc, in->obs_addr, in->obs_bytes);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The tracker parameters of a build (its widths as the C model's). */
static lg_tracker_params build_params(const lg_cosim_rtl *b)
{
	return (lg_tracker_params){ b->param[LG_TRK_P_ENTRIES], b->param[LG_TRK_P_PORTS],
				    b->param[LG_TRK_P_AW], b->param[LG_TRK_P_CW] };
}

#define BENCH_BUF 65536

/* Append one cycle of inputs to the recording at *w (enough room assumed):
 * flags (prog_valid, trig_ready, number of valid ports << 2), the program
 * if valid, then port, address and bytes of each valid port. */
static uint8_t *bench_put(uint8_t *w, const lg_trk_in *in, unsigned ports)
{
	uint8_t *flags = w++;
	unsigned n = 0;

	if (in->prog_valid) {
		memcpy(w, &in->prog, sizeof(in->prog));
		w += sizeof(in->prog);
	}
	for (unsigned p = 0; p < ports; p++) {
		if (!(in->obs_valid & (1u << p)))
			continue;
		w[0] = (uint8_t)(p | ((in->obs_nmc >> p & 1) << 7));
		memcpy(w + 1, &in->obs_addr[p], 8);
		w[9] = (uint8_t)in->obs_bytes[p];
		w += 10;
		n++;
	}
	*flags = (uint8_t)(in->prog_valid | (in->trig_ready << 1) | (n << 2));
	return w;
}

/* Apply one recorded cycle at r to the model; returns the next cycle. */
static const uint8_t *bench_apply(lg_tracker *t, const uint8_t *r)
{
	unsigned flags = r[0], n = flags >> 2;
	lg_tracker_prog prog;

	r += 1;
	if (flags & 1) {
		memcpy(&prog, r, sizeof(prog));
		r += sizeof(prog);
	}
	lg_tracker_set_prog(t, flags & 1, &prog);
	lg_tracker_set_trig_ready(t, (flags >> 1) & 1);
	for (unsigned k = 0; k < n; k++, r += 10) {
		uint64_t addr;

		memcpy(&addr, r + 1, 8);
		if (r[0] & 0x80)
			lg_tracker_set_obs_nmc(t, r[0] & 31, addr, r[9]);
		else
			lg_tracker_set_obs(t, r[0], addr, r[9]);
	}
	return r;
}

static int trk_c_only(const lg_cosim_run *ro, lg_err *e)
{
	lg_tracker_params tp = build_params(ro->rtl);
	stim s = { .rng = ro->seed * 0x9E3779B97F4A7C15ULL + 1 };
	size_t max = 1 + sizeof(lg_tracker_prog) + 10 * LG_TRACKER_MAX_PORTS;
	lg_tracker *t = NULL;
	uint8_t *buf = NULL, *end;
	const uint8_t *r;
	lg_trk_in in;
	lg_tracker_out o;
	const lg_tracker_stats *st;
	uint64_t cycles = ro->cycles;
	volatile uint32_t sink = 0;
	int rc = -1;
	double t0, sec;

	if (!(buf = malloc(BENCH_BUF * max))) {
		lg_errf(e, "cosim", 0, "out of memory");
		goto out;
	}
	if (!(t = lg_tracker_create(&tp, e)))
		goto out;
	end = buf;
	for (unsigned c = 0; c < BENCH_BUF; c++) {
		memset(&in, 0, sizeof(in));
		lg_tracker_outputs(t, &o);
		rand_inputs(&s, c, &o, &in, tp.ports, tp.count_width);
		c_apply(t, &in);
		lg_tracker_step(t);
		end = bench_put(end, &in, tp.ports);
	}
	lg_tracker_destroy(t);
	if (!(t = lg_tracker_create(&tp, e)))
		goto out;
	r = buf;
	t0 = now();
	for (uint64_t c = 0; c < cycles; c++) {
		if (r == end) {
			lg_tracker_reset(t);
			r = buf;
		}
		lg_tracker_outputs(t, &o);
		sink ^= o.state_hash ^ o.trig_idx;
		r = bench_apply(t, r);
		lg_tracker_step(t);
	}
	sec = now() - t0;
	st = lg_tracker_stats_get(t);
	printf("c-model alone (recorded stimulus): tracker model %s (entries=%u ports=%u) seed %"
	       PRIu64 ": %" PRIu64 " cycles in %.2f s = %.2f M cycles/s\n", ro->rtl->name,
	       tp.entries, tp.ports, ro->seed, cycles, sec, sec > 0 ? cycles / sec / 1e6 : 0.0);
	printf("stimulus: %.2f observed writes/cycle, %.1f%% misses, %.4f programs/cycle\n",
	       (double)st->observed / (cycles ? cycles : 1),
	       100.0 * st->misses / (st->observed ? st->observed : 1),
	       (double)st->programs / (cycles ? cycles : 1));
	rc = 0;
out:
	lg_tracker_destroy(t);
	free(buf);
	return rc;
}

/* The corners the random stimulus must reach (docs/tracker.md). */
static int check_coverage(const lg_tracker_stats *st, unsigned ports)
{
	const struct {
		const char *name;
		uint64_t v;
		bool need;
	} cov[] = {
		{ "table_full (prog_full)", st->prog_full, true },
		{ "multi_port_same_entry", st->multi_port, ports > 1 },
		{ "straddle", st->straddles, true },
		{ "overlap", st->overlaps, true },
		{ "trigger_backpressure (trig_queue)", st->trig_queue, true },
		{ "rearm", st->rearms, true },
		{ "reset_midstream", st->resets, true },
		{ "saturation", st->saturations, true },
		{ "zero_expect", st->zero_expect, true },
		{ "miss", st->misses, true },
		{ "nmc_update", st->nmc, true },
	};
	int missed = 0;

	for (size_t i = 0; i < sizeof(cov) / sizeof(cov[0]); i++) {
		if (cov[i].need && cov[i].v == 0) {
			printf("COVERAGE HOLE: %s never hit\n", cov[i].name);
			missed++;
		}
	}
	return missed;
}

static void trk_destroy(void *p)
{
	trk_cs *x = p;

	if (!x)
		return;
	if (x->rp.f)
		fclose(x->rp.f);
	lg_tracker_destroy(x->t);
	free(x);
}

static void *trk_create(const lg_cosim_run *r, lg_err *e)
{
	trk_cs *x = calloc(1, sizeof(*x));

	if (!x)
		return lg_errf(e, "cosim", 0, "out of memory"), NULL;
	if (r->record) {
		lg_errf(e, r->record, 0, "the tracker's recordings come from `lgsim run "
			"--tracker-trace`; --record is not available for this block");
		goto fail;
	}
	x->tp = build_params(r->rtl);
	x->s.rng = r->seed * 0x9E3779B97F4A7C15ULL + 1;
	if (!(x->t = lg_tracker_create(&x->tp, e)))
		goto fail;
	if (r->trace && replay_open(&x->rp, r, e))
		goto fail;
	return x;
fail:
	trk_destroy(x);
	return NULL;
}

/* One cycle of the C side: reset, outputs, inputs, clock edge. */
static int trk_cycle(void *p, uint64_t cyc, void *inp, void *outp, bool *reset, lg_err *e)
{
	trk_cs *x = p;
	lg_trk_in *in = inp;
	lg_tracker_out *o = outp;

	if (x->s.reset_next) {
		x->s.reset_next = false;
		lg_tracker_reset(x->t);
		*reset = true;
	}
	lg_tracker_outputs(x->t, o);
	if (x->rp.f) {
		replay *rp = &x->rp;
		if (replay_inputs(rp, cyc, o, in, e))
			return LG_COSIM_ERR;
		/* done when nothing can change: a program the full table keeps
		 * refusing with no trigger and no write left (an undersized
		 * table in a recorded run) waits forever; two idle cycles
		 * cover an expect-0 entry programmed in the last one */
		x->idle = rp->eof && !rp->have && !o->trig_valid && !in->obs_valid &&
			  (!rp->prog_wait || !o->prog_ready) ? x->idle + 1 : 0;
		if (x->idle == 2 || (x->idle && !rp->prog_wait))
			return LG_COSIM_END;
	} else {
		rand_inputs(&x->s, cyc, o, in, x->tp.ports, x->tp.count_width);
	}
	c_apply(x->t, in);
	lg_tracker_step(x->t);
	return LG_COSIM_GO;
}

static int trk_finish(void *p, const lg_cosim_run *r, bool mismatch)
{
	trk_cs *x = p;
	const lg_tracker_stats *st = lg_tracker_stats_get(x->t);

	if (r->silent)
		return 0;
	printf("coverage (C model counters):\n");
	lg_tracker_stats_print(st, stdout);
	if (mismatch || r->trace)
		return 0;
	return check_coverage(st, x->tp.ports);
}

static const char *const trk_param[LG_TRK_NPARAM] = { "entries", "ports", "addr_width",
						       "count_width" };
static const unsigned trk_default[LG_TRK_NPARAM] = { 64, 4, 64, 16 };

#define I(m, w) LG_COSIM_F(lg_trk_in, m, w)
static const lg_cosim_field trk_in_f[] = {
	I(prog_valid, 1), I(prog.base, 64), I(prog.len, 64), I(prog.expect, 24),
	I(prog.stride, 64), I(prog.rearm, 4), I(prog.die, 6), I(prog.dst, 64), I(prog.op, 1),
	I(prog.dtype, 2), I(obs_valid, LG_TRACKER_MAX_PORTS), I(obs_nmc, LG_TRACKER_MAX_PORTS),
	LG_COSIM_A(lg_trk_in, obs_addr, 64, LG_TRACKER_MAX_PORTS),
	LG_COSIM_A(lg_trk_in, obs_bytes, 8, LG_TRACKER_MAX_PORTS), I(trig_ready, 1),
};
#undef I
#define O(m, w) LG_COSIM_F(lg_tracker_out, m, w)
static const lg_cosim_field trk_out_f[] = {
	/* the order names the first differing signal: the trigger first */
	O(trig_valid, 1), O(trig_idx, 7), O(trig_base, 64), O(trig_len, 64), O(trig_die, 6),
	O(trig_dst, 64), O(trig_op, 1), O(trig_dtype, 2), O(trig_last, 1), O(prog_ready, 1),
	O(prog_idx, 7), O(miss_cnt, 32), O(nmc_cnt, 32), O(state_hash, 26),
};
#undef O

const lg_cosim_block lg_cosim_tracker = {
	.name = "tracker",
	.param = trk_param,
	.nparam = LG_TRK_NPARAM,
	.param_default = trk_default,
	.in = trk_in_f,
	.nin = sizeof(trk_in_f) / sizeof(trk_in_f[0]),
	.out = trk_out_f,
	.nout = sizeof(trk_out_f) / sizeof(trk_out_f[0]),
	.in_size = sizeof(lg_trk_in),
	.out_size = (sizeof(lg_tracker_out) + 7) & ~(size_t)7,
	.usage = "[--c-only]",
	.create = trk_create,
	.destroy = trk_destroy,
	.cycle = trk_cycle,
	.finish = trk_finish,
	.c_only = trk_c_only,
};
