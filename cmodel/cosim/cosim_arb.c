/*
 * The traffic-class arbiter as a client of the lockstep layer (cosim.h,
 * docs/arbitration.md "The arbiter in RTL"). The C side is mc/class_arb.c
 * itself (lg_carb_step / lg_carb_issued, the calls the controller makes),
 * the RTL rtl/arb.sv. Compared every cycle: allow, forced and the whole
 * policy state (threshold, epoch counters, starvation counter, WRR turn).
 *
 * Random stimulus (splitmix64): phases of 1,000..5,000 cycles, each
 * starting with an init cycle that loads new parameters: a policy (random,
 * or --policy), WRR weights 0..4, MCA bounds (sometimes equal, sometimes
 * crossed), windows 0..64 (and a few long ones), starvation limits 0..23.
 * Per phase a traffic mix: COMPUTE and COMM arrival chances; the stimulus
 * keeps per-class queues (arrivals in, issues out), shows them as occ
 * (1/256 of cycles a random 16-bit value instead), ready when a class has
 * queued requests and its bank is ready, and issues one command of an
 * allowed ready class with probability 15/16 -- what a scheduler does.
 * Mid-stream resets about every 20,000 cycles.
 *
 * Replay (--trace FILE): a recording in the format of rec/carb_rec.h.
 * --record FILE writes a random run in that format (through the writer
 * the controller uses).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lg_field.h"
#include "cosim/cosim.h"
#include "cosim/cosim_arb.h"
#include "rec/carb_rec.h"

#define QCAP 200

/* Coverage counters (a hole fails a random run). */
typedef struct arb_cov {
	uint64_t cycles[LG_CARB_NPOLICY];
	uint64_t inits, resets, issues;
	uint64_t comm_held;       /* MCA: COMM ready and not allowed */
	uint64_t forced;          /* MCA: forced grants */
	uint64_t thr_low;         /* MCA: window end, threshold set to its lower bound */
	uint64_t thr_high;        /* MCA: ... set to its upper bound from below it */
	uint64_t thr_mid;         /* MCA: ... set strictly between the bounds */
	uint64_t wrr_spent;       /* WRR: turn passed after its weight's grants */
	uint64_t wrr_skip;        /* WRR: turn passed, its class had nothing ready */
} arb_cov;

typedef struct arb_cs {
	lg_carb_state st;
	uint64_t rng;
	uint64_t phase_end;
	int fixed_policy;         /* -1: random */
	unsigned p_cmp, p_com;    /* arrival chances /1024 */
	unsigned p_rdy;           /* bank-ready chance /1024 */
	uint32_t q[2];            /* queued requests per class */
	bool init_next;
	lg_carb_params p;
	arb_cov cov;
	lg_carb_rec *rec;
	/* replay */
	FILE *f;
	const char *path;
	long line;
} arb_cs;

static uint64_t rnd(uint64_t *g)
{
	uint64_t z = (*g += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned below(uint64_t *g, unsigned n)
{
	return (unsigned)((rnd(g) >> 32) * n >> 32);
}

/* New parameters and traffic for a phase. */
static void new_phase(arb_cs *x, uint64_t cyc)
{
	static const unsigned mix[4] = { 60, 250, 500, 900 };
	uint64_t *g = &x->rng;
	lg_carb_params *p = &x->p;

	p->policy = (uint8_t)(x->fixed_policy >= 0 ? x->fixed_policy : (int)below(g, LG_CARB_NPOLICY));
	for (int c = 0; c < 2; c++)
		p->wrr_weight[c] = (uint8_t)(below(g, 16) ? 1 + below(g, 4) : 0);
	p->mca_thr_max = (uint16_t)(1 + below(g, 48));
	p->mca_thr_min = (uint16_t)below(g, p->mca_thr_max + 1u);
	if (!below(g, 16))
		p->mca_thr_min = (uint16_t)(p->mca_thr_max + 1 + below(g, 8)); /* crossed */
	else if (!below(g, 16))
		p->mca_thr_min = p->mca_thr_max;
	p->mca_window = (uint16_t)(1 + below(g, 64));
	if (!below(g, 32))
		p->mca_window = (uint16_t)below(g, 2);
	else if (!below(g, 32))
		p->mca_window = (uint16_t)(1000 + below(g, 64000));
	p->starve_limit = (uint16_t)(below(g, 16) ? below(g, 24) : 0);
	x->p_cmp = mix[below(g, 4)];
	x->p_com = mix[below(g, 4)];
	x->p_rdy = 400 + below(g, 600);
	x->phase_end = cyc + 1000 + below(g, 4000);
	x->init_next = true;
}

/* Random inputs of one cycle (the issue is chosen after the step). */
static void rand_inputs(arb_cs *x, uint64_t cyc, lg_arb_in *in)
{
	uint64_t *g = &x->rng, r;

	if (cyc >= x->phase_end)
		new_phase(x, cyc);
	in->p = x->p;
	in->init = x->init_next;
	x->init_next = false;
	r = rnd(g);
	for (int c = 0; c < 2; c++, r >>= 24) {
		unsigned arr = ((r & 1023) < (c ? x->p_com : x->p_cmp)) + (((r >> 10) & 63) == 0);
		if (((r >> 16) & 255) == 0)
			arr = (unsigned)below(g, 256);  /* a burst */
		if (x->q[c] + arr > QCAP)
			arr = QCAP - x->q[c];
		in->in.arrived[c] = (uint8_t)arr;
		in->in.occ[c] = (uint16_t)x->q[c];
		in->in.ready[c] = x->q[c] > 0 && below(g, 1024) < x->p_rdy;
		x->q[c] += arr;
	}
	if (!below(g, 256)) {
		r = rnd(g);
		in->in.occ[r & 1] = (uint16_t)(r >> 48);  /* a glitch: any value */
	}
}

/* The issue of the cycle: a ready class the arbiter allows, 15/16 of the time. */
static void rand_issue(arb_cs *x, const lg_arb_in *in, uint8_t allow, uint8_t *valid, uint8_t *cls)
{
	unsigned cand = allow & ((in->in.ready[0] & 1) | (in->in.ready[1] & 1) << 1);
	uint64_t r = rnd(&x->rng);

	*valid = cand && (r & 15);
	*cls = cand == 3 ? (uint8_t)((r >> 4) & 1) : (uint8_t)(cand >> 1);
	if (*valid && x->q[*cls])
		x->q[*cls]--;
}

/* Coverage of one step: the state before (b) and after (a) it. */
static void cover(arb_cs *x, const lg_carb_state *b, const lg_carb_state *a, const lg_arb_in *in,
		  const lg_carb_out *o)
{
	arb_cov *c = &x->cov;
	const lg_carb_params *p = &in->p;
	uint16_t lo = p->mca_thr_min > p->mca_thr_max ? p->mca_thr_max : p->mca_thr_min;

	c->cycles[p->policy & 3]++;
	if (p->policy == LG_CARB_MCA) {
		c->comm_held += in->in.ready[1] && !(o->allow & LG_CARB_ALLOW_COMM);
		c->forced += o->forced;
		if (a->epoch_cycle == 0 && lo < p->mca_thr_max) {
			c->thr_low += a->threshold == lo;
			c->thr_high += a->threshold == p->mca_thr_max && b->threshold < p->mca_thr_max;
			c->thr_mid += a->threshold > lo && a->threshold < p->mca_thr_max;
		}
	}
	if (p->policy == LG_CARB_WRR && a->wrr_cls != b->wrr_cls) {
		if (!in->in.ready[b->wrr_cls & 1])
			c->wrr_skip++;
		else
			c->wrr_spent++;
	}
}

/* --- replay ----------------------------------------------------------- */

/* A number of at most width bits at *p (lg_field_u64); its message names the line. */
static int rp_num(arb_cs *x, char **p, unsigned width, const char *what, unsigned *v, lg_err *e)
{
	const char *q = *p;
	char msg[128];
	uint64_t n;

	if (lg_field_u64(&q, 10, width, what, &n, msg, sizeof(msg)))
		return lg_errf(e, x->path, x->line, "%s", msg);
	*p = (char *)q;
	*v = (unsigned)n;
	return 0;
}

/* The next replay line as this cycle's inputs; END at the end of the file. */
static int replay_inputs(arb_cs *x, lg_arb_in *in, lg_err *e)
{
	static const char STEP[] = "'<cycle> <occ0> <occ1> <ready0> <ready1> <arrived0> <arrived1> <-|0|1>'";
	char buf[256], *p, *c, name[16];
	unsigned v[7];
	int n;

	while (fgets(buf, sizeof(buf), x->f)) {
		x->line++;
		if ((c = strchr(buf, '#')))
			*c = 0;
		p = buf + strspn(buf, " \t\r\n");
		if (!*p)
			continue;
		in->init = 0;
		in->issue_valid = 0;
		in->issue_cls = 0;
		if (*p == 'P') {
			static const unsigned w[6] = { 8, 8, 16, 16, 16, 16 };
			int pol;
			p++;
			if (sscanf(p, " %15s%n", name, &n) != 1 || (pol = lg_carb_policy_parse(name)) < 0)
				return lg_errf(e, x->path, x->line, "expected 'P <blind|prio|wrr|mca> <wrr_w0> "
					       "<wrr_w1> <thr_min> <thr_max> <window> <starve_limit>'");
			p += n;
			for (int k = 0; k < 6; k++)
				if (rp_num(x, &p, w[k], "a parameter", &v[k], e))
					return LG_COSIM_ERR;
			x->p = (lg_carb_params){ (uint8_t)pol, { (uint8_t)v[0], (uint8_t)v[1] },
						 (uint16_t)v[2], (uint16_t)v[3], (uint16_t)v[4],
						 (uint16_t)v[5] };
			in->p = x->p;
			in->init = 1;
		} else {
			static const unsigned w[6] = { 16, 16, 1, 1, 8, 8 };
			const char *q = p;
			char msg[16];
			uint64_t cycle;

			if (lg_field_u64(&q, 10, 64, "", &cycle, msg, sizeof(msg)))
				return lg_errf(e, x->path, x->line, "expected %s", STEP);
			p = (char *)q;
			for (int k = 0; k < 6; k++)
				if (rp_num(x, &p, w[k], "a number", &v[k + 1], e))
					return LG_COSIM_ERR;
			in->p = x->p;
			in->in = (lg_carb_in){ { (uint16_t)v[1], (uint16_t)v[2] },
					       { (uint8_t)v[3], (uint8_t)v[4] },
					       { (uint8_t)v[5], (uint8_t)v[6] } };
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '0' || *p == '1') {
				in->issue_valid = 1;
				in->issue_cls = (uint8_t)(*p - '0');
			} else if (*p != '-') {
				return lg_errf(e, x->path, x->line, "expected %s", STEP);
			}
			p++;
			if (strspn(p, " \t\r\n") != strlen(p))
				return lg_errf(e, x->path, x->line, "expected %s", STEP);
		}
		return LG_COSIM_GO;
	}
	if (ferror(x->f))
		return lg_errf(e, x->path, x->line + 1, "cannot read: %s", strerror(errno));
	return LG_COSIM_END;
}

static int replay_open(arb_cs *x, const lg_cosim_run *r, lg_err *e)
{
	x->path = r->trace;
	if (lg_cosim_open_recording(r, &x->f, e))
		return -1;
	x->line = 1;
	return 0;
}

/* --- the client ---------------------------------------------------------- */

static void arb_destroy(void *p)
{
	arb_cs *x = p;

	if (!x)
		return;
	if (x->f)
		fclose(x->f);
	if (x->rec) {
		lg_err e;
		if (lg_carb_rec_close(x->rec, &e))
			fprintf(stderr, "%s\n", e.msg);
	}
	free(x);
}

static void *arb_create(const lg_cosim_run *r, lg_err *e)
{
	arb_cs *x = calloc(1, sizeof(*x));

	if (!x)
		return lg_errf(e, "cosim", 0, "out of memory"), NULL;
	x->rng = r->seed * 0x9E3779B97F4A7C15ULL + 3;
	x->fixed_policy = -1;
	if (r->policy && (x->fixed_policy = lg_carb_policy_parse(r->policy)) < 0) {
		lg_errf(e, "--policy", 0, "expected blind, prio, wrr or mca, got '%s'", r->policy);
		goto fail;
	}
	if (r->trace && r->policy) {
		lg_errf(e, "--policy", 0, "a replay takes its policy from the recording");
		goto fail;
	}
	if (r->trace && replay_open(x, r, e))
		goto fail;
	if (r->record && !(x->rec = lg_carb_rec_open(r->record, e)))
		goto fail;
	return x;
fail:
	arb_destroy(x);
	return NULL;
}

static int arb_cycle(void *p, uint64_t cyc, void *inp, void *outp, bool *reset, lg_err *e)
{
	arb_cs *x = p;
	lg_arb_in *in = inp;
	lg_arb_out *o = outp;
	lg_carb_state before = x->st;
	lg_carb_out co;

	if (x->f) {
		int st = replay_inputs(x, in, e);
		if (st != LG_COSIM_GO)
			return st;
		if (cyc == 0 && !in->init)
			return lg_errf(e, x->path, x->line, "expected a 'P ...' line before the first step"),
			       LG_COSIM_ERR;
	} else {
		if (cyc && !below(&x->rng, 20000)) {
			memset(&x->st, 0, sizeof(x->st)); /* rst_ni: every register 0 */
			before = x->st;
			*reset = true;
			x->cov.resets++;
			x->init_next = true;
		}
		rand_inputs(x, cyc, in);
	}
	o->wrr_cls = before.wrr_cls;
	o->wrr_left = before.wrr_left;
	o->threshold = before.threshold;
	o->epoch_cycle = before.epoch_cycle;
	o->epoch_arrivals = before.epoch_arrivals;
	o->starve = before.starve;
	if (in->init) {
		/* the outputs of the cycle from the old state; the edge loads
		 * the initial state */
		lg_carb_state tmp = x->st;
		lg_carb_step(&tmp, &in->p, &in->in, &co);
		lg_carb_init(&x->st, &in->p);
		in->issue_valid = 0;
		in->issue_cls = 0;
		x->cov.inits++;
		if (x->rec)
			lg_carb_rec_params(x->rec, &in->p);
	} else {
		lg_carb_step(&x->st, &in->p, &in->in, &co);
		if (!x->f)
			rand_issue(x, in, co.allow, &in->issue_valid, &in->issue_cls);
		if (in->issue_valid) {
			lg_carb_issued(&x->st, &in->p, in->issue_cls);
			x->cov.issues++;
		}
		cover(x, &before, &x->st, in, &co);
		if (x->rec) {
			lg_carb_rec_step(x->rec, cyc, &in->in);
			if (in->issue_valid)
				lg_carb_rec_issued(x->rec, in->issue_cls);
		}
	}
	o->allow = co.allow;
	o->forced = co.forced;
	return LG_COSIM_GO;
}

static int arb_finish(void *p, const lg_cosim_run *r, bool mismatch)
{
	arb_cs *x = p;
	const arb_cov *c = &x->cov;
	const struct {
		const char *name;
		uint64_t v;
		int need;   /* policy that must reach it, -1 any, -2 never */
	} cov[] = {
		{ "cycles_blind", c->cycles[LG_CARB_BLIND], LG_CARB_BLIND },
		{ "cycles_prio", c->cycles[LG_CARB_PRIO], LG_CARB_PRIO },
		{ "cycles_wrr", c->cycles[LG_CARB_WRR], LG_CARB_WRR },
		{ "cycles_mca", c->cycles[LG_CARB_MCA], LG_CARB_MCA },
		{ "inits", c->inits, -1 },
		{ "resets", c->resets, -2 },
		{ "issues", c->issues, -1 },
		{ "comm_held", c->comm_held, LG_CARB_MCA },
		{ "forced", c->forced, LG_CARB_MCA },
		{ "thr_to_low_bound", c->thr_low, LG_CARB_MCA },
		{ "thr_to_high_bound", c->thr_high, LG_CARB_MCA },
		{ "thr_between", c->thr_mid, LG_CARB_MCA },
		{ "wrr_turn_spent", c->wrr_spent, LG_CARB_WRR },
		{ "wrr_turn_skipped", c->wrr_skip, LG_CARB_WRR },
	};
	int holes = 0;

	if (r->silent)
		return 0;
	printf("coverage (C side counters):\n");
	for (size_t i = 0; i < sizeof(cov) / sizeof(cov[0]); i++)
		printf("%-18s %" PRIu64 "\n", cov[i].name, cov[i].v);
	if (mismatch || r->trace)
		return 0;
	for (size_t i = 0; i < sizeof(cov) / sizeof(cov[0]); i++) {
		bool need = cov[i].need == -1 ||
			    (cov[i].need >= 0 && (x->fixed_policy < 0 || x->fixed_policy == cov[i].need));
		if (need && !cov[i].v) {
			printf("COVERAGE HOLE: %s never hit\n", cov[i].name);
			holes++;
		}
	}
	return holes;
}

static const char *const arb_param[] = { "width" };
static const unsigned arb_default[] = { 16 };

#define I(m, w) LG_COSIM_F(lg_arb_in, m, w)
static const lg_cosim_field arb_in_f[] = {
	I(init, 1), I(p.policy, 2), LG_COSIM_A(lg_arb_in, p.wrr_weight, 8, 2),
	I(p.mca_thr_min, 16), I(p.mca_thr_max, 16), I(p.mca_window, 16), I(p.starve_limit, 16),
	LG_COSIM_A(lg_arb_in, in.occ, 16, 2), LG_COSIM_A(lg_arb_in, in.ready, 1, 2),
	LG_COSIM_A(lg_arb_in, in.arrived, 8, 2), I(issue_valid, 1), I(issue_cls, 1),
};
#undef I
#define O(m, w) LG_COSIM_F(lg_arb_out, m, w)
static const lg_cosim_field arb_out_f[] = {
	O(allow, 2), O(forced, 1), O(threshold, 16), O(epoch_cycle, 16), O(epoch_arrivals, 16),
	O(starve, 16), O(wrr_cls, 1), O(wrr_left, 8),
};
#undef O
_Static_assert(sizeof(lg_arb_out) % 8 == 0, "the compare reads whole words");

const lg_cosim_block lg_cosim_arbiter = {
	.name = "arbiter",
	.param = arb_param,
	.nparam = 1,
	.param_default = arb_default,
	.in = arb_in_f,
	.nin = sizeof(arb_in_f) / sizeof(arb_in_f[0]),
	.out = arb_out_f,
	.nout = sizeof(arb_out_f) / sizeof(arb_out_f[0]),
	.in_size = sizeof(lg_arb_in),
	.out_size = sizeof(lg_arb_out),
	.usage = "[--policy blind|prio|wrr|mca]",
	.create = arb_create,
	.destroy = arb_destroy,
	.cycle = arb_cycle,
	.finish = arb_finish,
};
