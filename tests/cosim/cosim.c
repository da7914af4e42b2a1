/*
 * Lockstep co-simulation of the tracker: the C model (cmodel/tracker) and
 * one verilated RTL build get identical inputs every cycle and every output
 * is compared every cycle (contract: docs/tracker.md).
 *
 * Per cycle: read both outputs and compare them; choose the inputs (random
 * stimulus or replay); apply them to both; clock both once.
 *
 * Stimulus (seeded, splitmix64, a few 64-bit draws per cycle cut into bit
 * fields, see rand_inputs): 2000-cycle phases chosen at random --
 * normal, fill (programs, trigger ready mostly low: table full and queued
 * triggers), drain, focus (every port on one range: several ports per entry
 * per cycle, saturation) -- with misses, straddling writes, overlapping
 * ranges, re-arming entries, expect = 0 and rare mid-stream resets.
 *
 * Replay (--trace FILE), one item per line, '#' starts a comment:
 *   <cycle> <port> <hex-addr> <bytes>          an observed write
 *   <cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]
 * Cycles are non-decreasing. Programs wait in order while the table is full;
 * trig_ready is held high. The run ends when the file is consumed and
 * nothing can change any more (no trigger, and no program or one the full
 * table refuses), or at --cycles.
 *
 * On the first mismatch: print cycle, signal, C and RTL value, re-run the
 * same stimulus with an FST trace opened 1000 cycles earlier, write it
 * (--wave FILE, default tracker-mismatch.fst) and exit 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lg_cosim.h"
#include "tracker/trk_replay.h"

#define NSHADOW LG_TRACKER_MAX_ENTRIES /* per entry: the range last programmed */
#define PHASE_LEN 2000
#define WAVE_BEFORE 1000

enum phase { PH_NORMAL, PH_FILL, PH_DRAIN, PH_FOCUS, PH_N };

typedef struct shadow {
	uint32_t base, len, stride;
	unsigned rearm;
} shadow;

/* Replay reader: one parsed line of lookahead. */
typedef struct replay {
	FILE *f;
	const char *path;
	long line;
	bool have;         /* lookahead valid */
	bool is_prog;
	uint64_t cycle;
	unsigned port;
	uint32_t addr, bytes;
	lg_tracker_prog prog;
	bool prog_wait;    /* a program is waiting for a free entry */
	lg_tracker_prog waiting;
	bool eof;
} replay;

typedef struct stim {
	uint64_t rng;
	enum phase phase;
	bool reset_next;    /* reset both models at the start of the next cycle */
	unsigned focus;     /* shadow slot the focus phase aims at */
	shadow sh[NSHADOW];
	unsigned nsh, next_sh;
	replay *rp;
} stim;

typedef struct run_opts {
	const lg_rtl_ops *ops;
	uint64_t cycles;
	uint64_t seed;
	const char *trace;
	const char *wave;     /* non-NULL: open FST at wave_from */
	uint64_t wave_from, wave_to;
	bool quiet;
	bool threads;         /* random stimulus: RTL on a second thread */
} run_opts;

typedef struct run_result {
	bool mismatch;
	uint64_t cycle;       /* first mismatching cycle */
	uint64_t cycles;      /* cycles run */
	double seconds;
	lg_tracker_stats st;
	int status;           /* 2 on bad input */
} run_result;

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
		p->base = (uint32_t)below(g, 1u << 14) * 64;
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
	p->dst = (uint32_t)rnd(g);
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
		       uint32_t *addr, uint32_t *bytes)
{
	static const unsigned kind_bytes[4] = { 64, 64, 32, 0 };
	unsigned kind = field(r, 0, 2), b8 = field(r, 2, 8);
	uint32_t k3 = 0u - (uint32_t)(kind == 3), nb;
	const shadow *x;
	uint32_t off;

	if (focus)
		nb = 255 - (b8 & 63);
	else
		nb = kind_bytes[kind] | (k3 & (1 + scale(b8, 8, 255)));
	*bytes = nb;
	if (!s->nsh || (!focus && field(r, 10, 10) < 120)) {
		*addr = (uint32_t)rnd(g);
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
 * and 1; ports 2..7 take theirs from a second draw; each valid port one more
 * draw (rand_write). Programs and phase changes are rare and use whole
 * draws. The valid ports are visited as the set bits of their mask (one
 * loop exit a cycle rather than a random branch per port).
 */
_Static_assert(LG_TRACKER_MAX_PORTS <= 8, "valid bits: 2 + 6 ports per draw");

static void rand_inputs(stim *s, uint64_t cyc, const lg_tracker_out *o,
			lg_rtl_in *in, unsigned ports, unsigned cw)
{
	static const unsigned prog_p[PH_N] = { 60, 500, 0, 20 };
	static const unsigned ready_p[PH_N] = { 700, 40, 1024, 500 };
	static const unsigned obs_p[PH_N] = { 600, 500, 400, 1000 };
	uint64_t g = s->rng;
	bool focus;
	bool prog_valid, trig_ready;
	uint64_t r, rv;
	unsigned obs_thr, valid = 0, fidx = 0;

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
	/* ports 0 and 1 from r, 2..7 from one more draw */
	rv = r >> 40;
	for (unsigned p = 0; p < ports; p++) {
		if (p == 2)
			rv = rnd(&g);
		valid |= (unsigned)(field(rv, 0, 10) < obs_thr) << p;
		rv >>= 10;
	}
	if (focus && s->nsh)
		fidx = s->focus % s->nsh;
	for (unsigned m = valid; m; m &= m - 1) {
		unsigned p = (unsigned)__builtin_ctz(m);
		rand_write(s, &g, rnd(&g), focus, fidx, &in->obs_addr[p], &in->obs_bytes[p]);
	}
	s->rng = g;
	in->obs_valid = valid;
	in->prog_valid = prog_valid;
	in->trig_ready = trig_ready;
}

/* Read the next replay line into the lookahead; -1 on a bad line. */
static int replay_next(replay *r, lg_err *e)
{
	char buf[512];
	lg_trk_replay_line pl;
	const char *what;
	int rc;

	r->have = false;
	while (fgets(buf, sizeof(buf), r->f)) {
		r->line++;
		rc = lg_trk_replay_parse(buf, &pl, &what);
		if (rc == 0)
			continue;
		if (rc < 0)
			return lg_errf(e, r->path, r->line, "%s", what);
		if (r->line > 1 && pl.cycle < r->cycle)
			return lg_errf(e, r->path, r->line, "expected non-decreasing cycles");
		r->cycle = pl.cycle;
		r->is_prog = pl.is_prog;
		r->prog = pl.prog;
		r->port = pl.port;
		r->addr = pl.addr;
		r->bytes = pl.bytes;
		r->have = true;
		return 0;
	}
	r->eof = true;
	return 0;
}

/* Replay inputs for cycle cyc. */
static int replay_inputs(replay *r, uint64_t cyc, const lg_tracker_out *o,
			 lg_rtl_in *in, unsigned ports, lg_err *e)
{
	in->trig_ready = true;
	in->obs_valid = 0;
	while (r->have && r->cycle <= cyc && (!r->is_prog || !r->prog_wait)) {
		if (r->is_prog) {
			r->waiting = r->prog;
			r->prog_wait = true;
		} else {
			if (r->port >= ports)
				return lg_errf(e, r->path, r->line, "expected a port below %u", ports);
			if (in->obs_valid & (1u << r->port))
				return lg_errf(e, r->path, r->line, "expected one write per port and cycle");
			in->obs_valid |= 1u << r->port;
			in->obs_addr[r->port] = r->addr;
			in->obs_bytes[r->port] = r->bytes;
		}
		if (replay_next(r, e))
			return -1;
	}
	in->prog_valid = r->prog_wait;
	in->prog = r->waiting;
	/* a program offered while ready is high is taken at this edge */
	if (r->prog_wait && o->prog_ready)
		r->prog_wait = false;
	return 0;
}

/* Compare every output field by field; print the first differing signal. */
static __attribute__((noinline, cold)) bool compare_fields(uint64_t cyc, const lg_tracker_out *c,
							    const lg_tracker_out *r, bool quiet)
{
#define CMP(f)                                                                  \
	if ((uint64_t)c->f != (uint64_t)r->f) {                                 \
		if (!quiet)                                                     \
			printf("MISMATCH cycle %" PRIu64 " signal %s: C=0x%" PRIx64 \
			       " RTL=0x%" PRIx64 "\n", cyc, #f, (uint64_t)c->f,  \
			       (uint64_t)r->f);                                  \
		return false;                                                   \
	}
	CMP(prog_ready) CMP(prog_idx) CMP(trig_valid) CMP(trig_idx) CMP(trig_base)
	CMP(trig_die) CMP(trig_dst) CMP(trig_op) CMP(trig_dtype) CMP(trig_last)
	CMP(miss_cnt) CMP(state_hash)
#undef CMP
	return true;
}

/* Compare every output; print the first differing signal. The common case
 * (all equal) is one branch, inline in the cycle loop: the XORs of every
 * field OR-ed together (each field read at its own width, as it was
 * written: a wider load across several narrow stores stalls the CPU).
 * Only when something differs are the fields compared one by one, in a
 * fixed order, to name the first differing signal. */
static inline bool compare(uint64_t cyc, const lg_tracker_out *c, const lg_tracker_out *r, bool quiet)
{
#define DIFF(f) ((uint32_t)c->f ^ (uint32_t)r->f)
	uint32_t d = DIFF(prog_ready) | DIFF(prog_idx) | DIFF(trig_valid) | DIFF(trig_idx) |
		     DIFF(trig_base) | DIFF(trig_die) | DIFF(trig_dst) | DIFF(trig_op) |
		     DIFF(trig_dtype) | DIFF(trig_last) | DIFF(miss_cnt) | DIFF(state_hash);
#undef DIFF

	_Static_assert(sizeof(c->trig_base) == 4 && sizeof(c->miss_cnt) == 4 &&
		       sizeof(c->state_hash) == 4, "the output fields are at most 32 bits");
	if (__builtin_expect(d == 0, 1))
		return true;
	return compare_fields(cyc, c, r, quiet);
}

/* Apply one cycle's inputs to the C model. */
static void c_apply(lg_tracker *t, const lg_rtl_in *in)
{
	lg_tracker_set_prog(t, in->prog_valid, &in->prog);
	lg_tracker_set_trig_ready(t, in->trig_ready);
	lg_tracker_set_obs_ports(t, in->obs_valid, in->obs_addr, in->obs_bytes);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One lockstep run; rtl may be NULL for a C-model-alone timing run. */
static int run(const run_opts *ro, bool with_rtl, run_result *res, lg_err *e)
{
	lg_tracker_params tp = { ro->ops->entries, ro->ops->ports, 32, 16 };
	lg_tracker *t = NULL;
	void *m = NULL;
	stim s = { .rng = ro->seed * 0x9E3779B97F4A7C15ULL + 1 };
	replay rp = { 0 };
	lg_tracker_out oc, orr;
	lg_rtl_in in;
	uint64_t cyc;
	int rc = -1, idle = 0;
	double t0;

	memset(res, 0, sizeof(*res));
	memset(&in, 0, sizeof(in));
	if (!(t = lg_tracker_create(&tp, e)))
		goto out;
	if (with_rtl && !(m = ro->ops->create())) {
		lg_errf(e, "cosim", 0, "cannot create RTL model %s", ro->ops->name);
		goto out;
	}
	if (ro->trace) {
		rp.path = ro->trace;
		if (!(rp.f = fopen(ro->trace, "r"))) {
			lg_errf(e, ro->trace, 0, "cannot open: %s", strerror(errno));
			goto out;
		}
		if (replay_next(&rp, e))
			goto out;
		s.rp = &rp;
	}
	t0 = now();
	for (cyc = 0; cyc < ro->cycles; cyc++) {
		if (ro->wave && cyc == ro->wave_from && ro->ops->trace_open(m, ro->wave)) {
			lg_errf(e, ro->wave, 0, "cannot write the waveform");
			goto out;
		}
		if (s.reset_next) {
			s.reset_next = false;
			lg_tracker_reset(t);
			if (m)
				ro->ops->reset(m);
		}
		lg_tracker_outputs(t, &oc);
		if (m) {
			ro->ops->out(m, &orr);
			if (!compare(cyc, &oc, &orr, ro->quiet)) {
				res->mismatch = true;
				res->cycle = cyc;
				if (ro->wave)
					ro->ops->cycle(m, &in); /* a few edges past it */
				break;
			}
		}
		if (rp.f) {
			if (replay_inputs(&rp, cyc, &oc, &in, tp.ports, e))
				goto out;
			/* done when nothing can change: a program the full
			 * table keeps refusing with no trigger and no write
			 * left (an undersized table in a recorded run) waits
			 * forever; two idle cycles cover an expect-0 entry
			 * programmed in the last one */
			idle = rp.eof && !oc.trig_valid && !in.obs_valid &&
			       (!rp.prog_wait || !oc.prog_ready) ? idle + 1 : 0;
			if (idle == 2 || (idle && !rp.prog_wait))
				break;
		} else {
			rand_inputs(&s, cyc, &oc, &in, tp.ports, tp.count_width);
		}
		c_apply(t, &in);
		lg_tracker_step(t);
		if (m)
			ro->ops->cycle(m, &in);
		if (ro->wave && cyc >= ro->wave_to)
			break;
	}
	res->seconds = now() - t0;
	res->cycles = cyc;
	res->st = *lg_tracker_stats_get(t);
	rc = 0;
out:
	if (rp.f)
		fclose(rp.f);
	if (m)
		ro->ops->destroy(m);
	lg_tracker_destroy(t);
	return rc;
}

/*
 * Two-thread lockstep (--threads 2, random stimulus only). The C side
 * (stimulus and C model) does not read the RTL's outputs, so it can run
 * ahead: the main thread steps the C model and appends each cycle's inputs,
 * reset flag and C outputs to a ring; a second thread applies them to the
 * RTL and compares the RTL's outputs of that cycle with the recorded C
 * outputs. Every output is still compared every cycle, with the same inputs
 * as the one-thread run (same first mismatch). The ring is handed over in
 * blocks of PIPE_BLK cycles (one atomic store each way per block).
 */
#define PIPE_N 2048
#define PIPE_BLK 64

typedef struct pipe_slot {
	lg_rtl_in in;
	lg_tracker_out oc;
	bool reset;
} pipe_slot;

typedef struct pipe {
	pipe_slot slot[PIPE_N];
	_Atomic uint64_t head;      /* cycles published by the C side */
	_Atomic uint64_t tail;      /* cycles consumed by the RTL side */
	_Atomic bool stop;          /* RTL side found a mismatch */
	uint64_t end;               /* total cycles (set before head reaches it) */
	_Atomic bool done;          /* end is final */
	const run_opts *ro;
	void *m;
	bool mismatch;
	uint64_t cycle;
} pipe;

/* Wait politely: the two threads may share a CPU with other work. */
static void pipe_wait(unsigned *spins)
{
	if (++*spins > 64)
		sched_yield();
}

/* The RTL side: consume cycles in order until the end or a mismatch. */
static void *pipe_rtl(void *arg)
{
	pipe *q = arg;
	uint64_t c = 0;
	lg_tracker_out orr;

	for (;;) {
		uint64_t h = atomic_load_explicit(&q->head, memory_order_acquire);
		unsigned spins = 0;

		while (c == h) {
			if (atomic_load_explicit(&q->done, memory_order_acquire) &&
			    c == atomic_load_explicit(&q->head, memory_order_acquire))
				return NULL;
			pipe_wait(&spins);
			h = atomic_load_explicit(&q->head, memory_order_acquire);
		}
		for (; c < h; c++) {
			pipe_slot *sl = &q->slot[c % PIPE_N];
			if (sl->reset)
				q->ro->ops->reset(q->m);
			q->ro->ops->out(q->m, &orr);
			if (!compare(c, &sl->oc, &orr, q->ro->quiet)) {
				q->mismatch = true;
				q->cycle = c;
				atomic_store_explicit(&q->stop, true, memory_order_release);
				return NULL;
			}
			q->ro->ops->cycle(q->m, &sl->in);
			if ((c + 1) % PIPE_BLK == 0)
				atomic_store_explicit(&q->tail, c + 1, memory_order_release);
		}
		atomic_store_explicit(&q->tail, c, memory_order_release);
	}
}

/* The C side of a two-thread run (random stimulus); fills res like run(). */
static int run_threads(const run_opts *ro, run_result *res, lg_err *e)
{
	lg_tracker_params tp = { ro->ops->entries, ro->ops->ports, 32, 16 };
	stim s = { .rng = ro->seed * 0x9E3779B97F4A7C15ULL + 1 };
	lg_tracker *t = NULL;
	pipe *q = NULL;
	pthread_t th;
	bool started = false;
	uint64_t cyc;
	int rc = -1;
	double t0;

	memset(res, 0, sizeof(*res));
	if (!(q = calloc(1, sizeof(*q)))) {
		lg_errf(e, "cosim", 0, "out of memory");
		goto out;
	}
	q->ro = ro;
	if (!(t = lg_tracker_create(&tp, e)))
		goto out;
	if (!(q->m = ro->ops->create())) {
		lg_errf(e, "cosim", 0, "cannot create RTL model %s", ro->ops->name);
		goto out;
	}
	t0 = now();
	if (pthread_create(&th, NULL, pipe_rtl, q)) {
		lg_errf(e, "cosim", 0, "cannot start the RTL thread");
		goto out;
	}
	started = true;
	for (cyc = 0; cyc < ro->cycles; cyc++) {
		pipe_slot *sl = &q->slot[cyc % PIPE_N];
		unsigned spins = 0;

		while (cyc - atomic_load_explicit(&q->tail, memory_order_acquire) >= PIPE_N - PIPE_BLK) {
			if (atomic_load_explicit(&q->stop, memory_order_acquire))
				break;
			pipe_wait(&spins);
		}
		if (atomic_load_explicit(&q->stop, memory_order_acquire))
			break;
		sl->reset = s.reset_next;
		if (s.reset_next) {
			s.reset_next = false;
			lg_tracker_reset(t);
		}
		lg_tracker_outputs(t, &sl->oc);
		rand_inputs(&s, cyc, &sl->oc, &sl->in, tp.ports, tp.count_width);
		c_apply(t, &sl->in);
		lg_tracker_step(t);
		if ((cyc + 1) % PIPE_BLK == 0)
			atomic_store_explicit(&q->head, cyc + 1, memory_order_release);
	}
	atomic_store_explicit(&q->head, cyc, memory_order_release);
	atomic_store_explicit(&q->done, true, memory_order_release);
	pthread_join(th, NULL);
	started = false;
	res->seconds = now() - t0;
	res->mismatch = q->mismatch;
	res->cycle = q->cycle;
	res->cycles = q->mismatch ? q->cycle : cyc;
	res->st = *lg_tracker_stats_get(t);
	rc = 0;
out:
	if (started) {
		atomic_store_explicit(&q->done, true, memory_order_release);
		pthread_join(th, NULL);
	}
	if (q && q->m)
		ro->ops->destroy(q->m);
	lg_tracker_destroy(t);
	free(q);
	return rc;
}

/*
 * C model alone, for the bench: record BENCH_BUF cycles of random stimulus
 * (with an untimed model providing the outputs the stimulus reads), then
 * time a fresh model replaying that recording round and round for
 * ro->cycles, resetting it at every wrap so that each pass repeats exactly
 * the recorded run (the same writes hit the same entries). This times the
 * model, not the random number generator (a reset per 65536 cycles is
 * noise). The recording is a byte stream (per cycle: flags with the number
 * of valid ports, the program if valid, port, address and bytes of each
 * valid write: about 16 bytes a cycle instead of a 108-byte lg_rtl_in), so that it stays in the L2 cache
 * and the timed loop measures the model rather than memory streaming.
 */
#define BENCH_BUF 65536

/* Append one cycle of inputs to the recording at *w (enough room assumed):
 * flags (prog_valid, trig_ready, number of valid ports << 2), the program
 * if valid, then port, address and bytes of each valid port. */
static uint8_t *bench_put(uint8_t *w, const lg_rtl_in *in, unsigned ports)
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
		w[0] = (uint8_t)p;
		memcpy(w + 1, &in->obs_addr[p], 4);
		w[5] = (uint8_t)in->obs_bytes[p];
		w += 6;
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
	for (unsigned k = 0; k < n; k++, r += 6) {
		uint32_t addr;

		memcpy(&addr, r + 1, 4);
		lg_tracker_set_obs(t, r[0], addr, r[5]);
	}
	return r;
}

static int run_c_only(const run_opts *ro, run_result *res, lg_err *e)
{
	lg_tracker_params tp = { ro->ops->entries, ro->ops->ports, 32, 16 };
	stim s = { .rng = ro->seed * 0x9E3779B97F4A7C15ULL + 1 };
	size_t max = 1 + sizeof(lg_tracker_prog) + 6 * LG_TRACKER_MAX_PORTS;
	lg_tracker *t = NULL;
	uint8_t *buf = NULL, *end;
	const uint8_t *r;
	lg_rtl_in in;
	lg_tracker_out o;
	uint32_t sink = 0;
	int rc = -1;
	double t0;

	memset(res, 0, sizeof(*res));
	if (!(buf = malloc(BENCH_BUF * max)) || !(t = lg_tracker_create(&tp, e)))
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
	for (uint64_t c = 0; c < ro->cycles; c++) {
		if (r == end) {
			lg_tracker_reset(t);
			r = buf;
		}
		lg_tracker_outputs(t, &o);
		sink ^= o.state_hash ^ o.trig_idx;
		r = bench_apply(t, r);
		lg_tracker_step(t);
	}
	res->seconds = now() - t0;
	res->cycles = ro->cycles;
	res->st = *lg_tracker_stats_get(t);
	res->status = (int)(sink & 0); /* keep the outputs live */
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

static const lg_rtl_ops *find_model(const char *name, unsigned ent, unsigned ports)
{
	for (size_t i = 0; lg_cosim_models[i]; i++) {
		const lg_rtl_ops *o = lg_cosim_models[i];
		if (name ? !strcmp(o->name, name) : (o->entries == ent && o->ports == ports))
			return o;
	}
	return NULL;
}

static void usage_models(void)
{
	fprintf(stderr, "available RTL builds:");
	for (size_t i = 0; lg_cosim_models[i]; i++)
		fprintf(stderr, " %s (%ux%u%s%s)", lg_cosim_models[i]->name,
			lg_cosim_models[i]->entries, lg_cosim_models[i]->ports,
			*lg_cosim_models[i]->mutation ? ", mutation " : "",
			lg_cosim_models[i]->mutation);
	fprintf(stderr, "\n");
}

/* Parse a non-negative integer option value; -1 on garbage. */
static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return (errno || end == s || *end || *s == '-') ? -1 : 0;
}

static void report(const run_opts *ro, const run_result *r, const char *what)
{
	printf("%s: model %s (%ux%u%s%s) seed %" PRIu64 ": %" PRIu64 " cycles in %.2f s = %.2f M cycles/s\n",
	       what, ro->ops->name, ro->ops->entries, ro->ops->ports,
	       *ro->ops->mutation ? ", mutation " : "", ro->ops->mutation, ro->seed,
	       r->cycles, r->seconds, r->seconds > 0 ? r->cycles / r->seconds / 1e6 : 0.0);
}

int lg_cosim_tracker_main(int argc, char **argv)
{
	run_opts ro = { .cycles = 1000000, .seed = 1 };
	const char *model = NULL, *wave = "tracker-mismatch.fst";
	uint64_t ent = 64, ports = 4, v;
	bool c_only = false, expect_fail = false;
	run_result res, r2;
	lg_err e;

	if (argc < 2 || strcmp(argv[1], "tracker")) {
		fprintf(stderr, "usage: cosim tracker [--cycles N] [--seed S] [--trace FILE] "
			"[--wave FILE] [--entries E --ports P | --model NAME] [--c-only] [--expect-mismatch] "
			"[--threads 1|2]\n");
		return LG_EXIT_BADINPUT;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool has = i + 1 < argc;
		if (!strcmp(a, "--c-only")) {
			c_only = true;
		} else if (!strcmp(a, "--expect-mismatch")) {
			expect_fail = true;
		} else if (!strcmp(a, "--trace") && has) {
			ro.trace = argv[++i];
		} else if (!strcmp(a, "--wave") && has) {
			wave = argv[++i];
		} else if (!strcmp(a, "--model") && has) {
			model = argv[++i];
		} else if ((!strcmp(a, "--cycles") || !strcmp(a, "--seed") ||
			    !strcmp(a, "--entries") || !strcmp(a, "--ports") ||
			    !strcmp(a, "--threads")) && has) {
			if (parse_u64(argv[++i], &v) || (a[2] == 't' && v != 1 && v != 2)) {
				fprintf(stderr, "lgsim: %s: expected a non-negative integer%s, got '%s'\n", a,
					a[2] == 't' ? " (1 or 2)" : "", argv[i]);
				return LG_EXIT_BADINPUT;
			}
			if (a[2] == 't') ro.threads = v == 2;
			else if (a[2] == 'c') ro.cycles = v;
			else if (a[2] == 's') ro.seed = v;
			else if (a[2] == 'e') ent = v;
			else ports = v;
		} else {
			fprintf(stderr, "lgsim: cosim tracker: unknown or incomplete option '%s'\n", a);
			return LG_EXIT_BADINPUT;
		}
	}
	if (!(ro.ops = find_model(model, (unsigned)ent, (unsigned)ports))) {
		if (model)
			fprintf(stderr, "lgsim: cosim tracker: no RTL build named '%s'\n", model);
		else
			fprintf(stderr, "lgsim: cosim tracker: no RTL build for %" PRIu64 " entries x %"
				PRIu64 " ports\n", ent, ports);
		usage_models();
		return LG_EXIT_BADINPUT;
	}
	if (c_only) {
		if (run_c_only(&ro, &res, &e))
			return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		report(&ro, &res, "c-model alone (recorded stimulus)");
		printf("stimulus: %.2f observed writes/cycle, %.1f%% misses, %.4f programs/cycle\n",
		       (double)res.st.observed / res.cycles,
		       100.0 * res.st.misses / (res.st.observed ? res.st.observed : 1),
		       (double)res.st.programs / res.cycles);
		return 0;
	}
	if (ro.threads && !ro.trace) {
		if (run_threads(&ro, &res, &e))
			return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		if (res.mismatch) {
			/* the C side ran ahead: take the counters (and the time)
			 * of a one-thread run that stops at the mismatch */
			run_opts rq = ro;
			rq.quiet = true;
			if (run(&rq, true, &res, &e))
				return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		}
	} else if (run(&ro, true, &res, &e)) {
		return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
	}
	report(&ro, &res, ro.threads && !ro.trace ? "lockstep (2 threads)" : "lockstep");
	printf("coverage (C model counters):\n");
	lg_tracker_stats_print(&res.st, stdout);
	if (res.mismatch) {
		run_opts rw = ro;
		rw.quiet = true;
		rw.wave = wave;
		rw.wave_from = res.cycle > WAVE_BEFORE ? res.cycle - WAVE_BEFORE : 0;
		rw.wave_to = res.cycle + 1;
		if (run(&rw, true, &r2, &e))
			fprintf(stderr, "%s\n", e.msg);
		else
			printf("waveform: %s (cycles %" PRIu64 "..%" PRIu64 ", FST time = 2*cycle)\n",
			       wave, rw.wave_from, res.cycle);
		printf("RESULT: MISMATCH at cycle %" PRIu64 "\n", res.cycle);
		return expect_fail ? 0 : 1;
	}
	printf("RESULT: 0 mismatches in %" PRIu64 " cycles\n", res.cycles);
	if (expect_fail) {
		printf("RESULT: expected a mismatch (mutation %s) and saw none\n", ro.ops->mutation);
		return 1;
	}
	if (!ro.trace && check_coverage(&res.st, ro.ops->ports))
		return 1;
	return 0;
}
