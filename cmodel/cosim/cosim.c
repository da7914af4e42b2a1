/*
 * The generic lockstep core (cosim.h, docs/cosim.md): option parsing, the
 * one- and two-thread cycle loops, the every-cycle compare, the waveform
 * re-run on a mismatch and the report. Nothing here knows a block: the
 * fields, the C side and the RTL builds come from the tables.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cosim/cosim.h"

#define WAVE_BEFORE 1000

typedef struct run_opts {
	lg_cosim_run r;
	const char *wave;     /* non-NULL: open an FST at wave_from */
	uint64_t wave_from, wave_to;
	bool threads;
} run_opts;

typedef struct run_result {
	bool mismatch;
	uint64_t cycle;       /* first mismatching cycle */
	uint64_t cycles;      /* cycles run */
	double seconds;
	int holes;            /* coverage holes reported by the block */
} run_result;

uint64_t lg_cosim_get(const void *s, const lg_cosim_field *f, unsigned elem)
{
	const uint8_t *p = (const uint8_t *)s + f->off + (size_t)elem * f->size;

	switch (f->size) {
	case 1: return *p;
	case 2: return *(const uint16_t *)(const void *)p;
	case 4: return *(const uint32_t *)(const void *)p;
	default: return *(const uint64_t *)(const void *)p;
	}
}

const lg_cosim_field *lg_cosim_overwide(const lg_cosim_block *b, const void *in, unsigned *elem)
{
	for (unsigned i = 0; i < b->nin; i++) {
		const lg_cosim_field *f = &b->in[i];
		for (unsigned k = 0; k < f->n; k++) {
			if (f->width < 64 && lg_cosim_get(in, f, k) >> f->width) {
				*elem = k;
				return f;
			}
		}
	}
	return NULL;
}

int lg_cosim_check_header(const lg_cosim_run *r, const char *line, long lineno, lg_err *e)
{
	const lg_cosim_block *b = r->blk;
	char want[64];
	size_t n = (size_t)snprintf(want, sizeof(want), "# lgcosim %s ", b->name);

	if (strncmp(line, want, n))
		return lg_errf(e, r->trace, lineno, "expected the header '# lgcosim %s <param>=<value> ...'",
			       b->name);
	for (unsigned i = 0; i < b->nparam; i++) {
		char key[48];
		const char *p;
		unsigned long long v;

		snprintf(key, sizeof(key), " %s=", b->param[i]);
		if (!(p = strstr(line + n - 1, key)) || sscanf(p + strlen(key), "%llu", &v) != 1)
			return lg_errf(e, r->trace, lineno, "expected %s=<value> in the header", b->param[i]);
		if (v != r->rtl->param[i])
			return lg_errf(e, r->trace, lineno, "recorded with %s=%llu, expected %s=%u "
				       "(the RTL build %s); choose a matching build", b->param[i], v,
				       b->param[i], r->rtl->param[i], r->rtl->name);
	}
	return 0;
}

int lg_cosim_open_recording(const lg_cosim_run *r, FILE **f, lg_err *e)
{
	char buf[512];
	struct stat sb;

	if (!(*f = fopen(r->trace, "r")))
		return lg_errf(e, r->trace, 0, "cannot open: %s", strerror(errno));
	if (fstat(fileno(*f), &sb) || S_ISDIR(sb.st_mode))
		return lg_errf(e, r->trace, 0, "expected a recording file, not a directory");
	if (!fgets(buf, sizeof(buf), *f)) {
		if (ferror(*f))
			return lg_errf(e, r->trace, 1, "cannot read: %s", strerror(errno));
		return lg_errf(e, r->trace, 1, "expected the header '# lgcosim %s ...', got an empty file",
			       r->blk->name);
	}
	return lg_cosim_check_header(r, buf, 1, e);
}

/* Name the first differing output (cold: only on a mismatch). */
static __attribute__((noinline, cold)) bool compare_fields(const lg_cosim_block *b, uint64_t cyc,
							    const void *c, const void *r, bool quiet)
{
	for (unsigned i = 0; i < b->nout; i++) {
		const lg_cosim_field *f = &b->out[i];
		for (unsigned k = 0; k < f->n; k++) {
			uint64_t vc = lg_cosim_get(c, f, k), vr = lg_cosim_get(r, f, k);
			if (vc == vr)
				continue;
			if (quiet)
				return false;
			if (f->n > 1)
				printf("MISMATCH cycle %" PRIu64 " signal %s[%u]: C=0x%" PRIx64 " RTL=0x%"
				       PRIx64 "\n", cyc, f->name, k, vc, vr);
			else
				printf("MISMATCH cycle %" PRIu64 " signal %s: C=0x%" PRIx64 " RTL=0x%"
				       PRIx64 "\n", cyc, f->name, vc, vr);
			return false;
		}
	}
	/* equal fields, different padding: a side wrote outside its fields */
	if (!quiet)
		printf("MISMATCH cycle %" PRIu64 " signal (padding)\n", cyc);
	return false;
}

/* Every output, every cycle: the common case (equal) is one branch over the
 * OR of the XORs of the struct's 64-bit words (padding is zero on both
 * sides: the buffers are zeroed once and only fields are written). */
static inline bool compare(const lg_cosim_block *b, uint64_t cyc, const void *c, const void *r,
			   bool quiet)
{
	const uint64_t *wc = c, *wr = r;
	uint64_t d = 0;

	for (size_t i = 0; i < b->out_size / 8; i++)
		d |= wc[i] ^ wr[i];
	if (__builtin_expect(d == 0, 1))
		return true;
	return compare_fields(b, cyc, c, r, quiet);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* 8-byte aligned zeroed buffer. */
static void *zbuf(size_t n)
{
	return calloc(1, (n + 7) & ~(size_t)7);
}

/* One lockstep run on one thread. */
static int run(const run_opts *ro, run_result *res, lg_err *e)
{
	const lg_cosim_block *b = ro->r.blk;
	const lg_cosim_rtl *rt = ro->r.rtl;
	void *cs = NULL, *m = NULL, *in = NULL, *oc = NULL, *orr = NULL;
	uint64_t cyc;
	int rc = -1, st;
	double t0;

	memset(res, 0, sizeof(*res));
	if (!(in = zbuf(b->in_size)) || !(oc = zbuf(b->out_size)) || !(orr = zbuf(b->out_size))) {
		lg_errf(e, "cosim", 0, "out of memory");
		goto out;
	}
	if (!(cs = b->create(&ro->r, e)))
		goto out;
	if (!(m = rt->create())) {
		lg_errf(e, "cosim", 0, "cannot create RTL model %s", rt->name);
		goto out;
	}
	t0 = now();
	for (cyc = 0; cyc < ro->r.cycles; cyc++) {
		bool reset = false;

		if (ro->wave && cyc == ro->wave_from && rt->trace_open(m, ro->wave)) {
			lg_errf(e, ro->wave, 0, "cannot write the waveform");
			goto out;
		}
		st = b->cycle(cs, cyc, in, oc, &reset, e);
		if (st == LG_COSIM_ERR)
			goto out;
		if (st == LG_COSIM_END)
			break;
		if (reset)
			rt->reset(m);
		rt->step(m, in, orr);
		if (!compare(b, cyc, oc, orr, ro->r.quiet)) {
			res->mismatch = true;
			res->cycle = cyc;
			if (ro->wave)
				rt->step(m, in, orr); /* a few edges past it */
			break;
		}
		if (ro->wave && cyc >= ro->wave_to)
			break;
	}
	res->seconds = now() - t0;
	res->cycles = cyc;
	res->holes = b->finish(cs, &ro->r, res->mismatch);
	rc = 0;
out:
	if (m)
		rt->destroy(m);
	if (cs)
		b->destroy(cs);
	free(in);
	free(oc);
	free(orr);
	return rc;
}

/*
 * Two-thread lockstep (--threads 2). The C side (stimulus and C model)
 * never reads the RTL's outputs, so it runs ahead: the main thread makes
 * each cycle's inputs, reset flag and C outputs into a ring; a second
 * thread applies them to the RTL and compares. Every output is compared
 * every cycle with the same inputs as a one-thread run (same first
 * mismatch). The ring is handed over in blocks of PIPE_BLK cycles.
 */
#define PIPE_N 2048
#define PIPE_BLK 64

typedef struct pipe {
	uint8_t *slot;              /* PIPE_N x slot_size: in, out, reset flag */
	size_t slot_size, out_off, rst_off;
	_Atomic uint64_t head;      /* cycles published by the C side */
	_Atomic uint64_t tail;      /* cycles consumed by the RTL side */
	_Atomic bool stop;          /* RTL side found a mismatch */
	_Atomic bool done;          /* head is final */
	const run_opts *ro;
	void *m;
	bool mismatch;
	uint64_t cycle;
} pipe;

static void pipe_wait(unsigned *spins)
{
	if (++*spins > 64)
		sched_yield();
}

/* The RTL side: consume cycles in order until the end or a mismatch. */
static void *pipe_rtl(void *arg)
{
	pipe *q = arg;
	const lg_cosim_block *b = q->ro->r.blk;
	const lg_cosim_rtl *rt = q->ro->r.rtl;
	void *orr = zbuf(b->out_size);
	uint64_t c = 0;

	if (!orr) {
		q->mismatch = true;
		atomic_store_explicit(&q->stop, true, memory_order_release);
		return NULL;
	}
	for (;;) {
		uint64_t h = atomic_load_explicit(&q->head, memory_order_acquire);
		unsigned spins = 0;

		while (c == h) {
			if (atomic_load_explicit(&q->done, memory_order_acquire) &&
			    c == atomic_load_explicit(&q->head, memory_order_acquire))
				goto out;
			pipe_wait(&spins);
			h = atomic_load_explicit(&q->head, memory_order_acquire);
		}
		for (; c < h; c++) {
			uint8_t *sl = q->slot + (c % PIPE_N) * q->slot_size;
			if (sl[q->rst_off])
				rt->reset(q->m);
			rt->step(q->m, sl, orr);
			if (!compare(b, c, sl + q->out_off, orr, q->ro->r.quiet)) {
				q->mismatch = true;
				q->cycle = c;
				atomic_store_explicit(&q->stop, true, memory_order_release);
				goto out;
			}
			if ((c + 1) % PIPE_BLK == 0)
				atomic_store_explicit(&q->tail, c + 1, memory_order_release);
		}
		atomic_store_explicit(&q->tail, c, memory_order_release);
	}
out:
	free(orr);
	return NULL;
}

static int run_threads(const run_opts *ro, run_result *res, lg_err *e)
{
	const lg_cosim_block *b = ro->r.blk;
	size_t in8 = (b->in_size + 7) & ~(size_t)7;
	void *cs = NULL;
	pipe *q = NULL;
	pthread_t th;
	bool started = false;
	uint64_t cyc;
	int rc = -1, st = LG_COSIM_GO;
	double t0;

	memset(res, 0, sizeof(*res));
	if (!(q = calloc(1, sizeof(*q)))) {
		lg_errf(e, "cosim", 0, "out of memory");
		goto out;
	}
	q->ro = ro;
	q->out_off = in8;
	q->rst_off = in8 + b->out_size;
	q->slot_size = (q->rst_off + 8) & ~(size_t)7;
	if (!(q->slot = calloc(PIPE_N, q->slot_size))) {
		lg_errf(e, "cosim", 0, "out of memory");
		goto out;
	}
	if (!(cs = b->create(&ro->r, e)))
		goto out;
	if (!(q->m = ro->r.rtl->create())) {
		lg_errf(e, "cosim", 0, "cannot create RTL model %s", ro->r.rtl->name);
		goto out;
	}
	t0 = now();
	if (pthread_create(&th, NULL, pipe_rtl, q)) {
		lg_errf(e, "cosim", 0, "cannot start the RTL thread");
		goto out;
	}
	started = true;
	for (cyc = 0; cyc < ro->r.cycles; cyc++) {
		uint8_t *sl = q->slot + (cyc % PIPE_N) * q->slot_size;
		unsigned spins = 0;
		bool reset = false;

		while (cyc - atomic_load_explicit(&q->tail, memory_order_acquire) >= PIPE_N - PIPE_BLK) {
			if (atomic_load_explicit(&q->stop, memory_order_acquire))
				break;
			pipe_wait(&spins);
		}
		if (atomic_load_explicit(&q->stop, memory_order_acquire))
			break;
		st = b->cycle(cs, cyc, sl, sl + q->out_off, &reset, e);
		if (st != LG_COSIM_GO)
			break;
		sl[q->rst_off] = reset;
		if ((cyc + 1) % PIPE_BLK == 0)
			atomic_store_explicit(&q->head, cyc + 1, memory_order_release);
	}
	atomic_store_explicit(&q->head, cyc, memory_order_release);
	atomic_store_explicit(&q->done, true, memory_order_release);
	pthread_join(th, NULL);
	started = false;
	if (st == LG_COSIM_ERR)
		goto out;
	res->seconds = now() - t0;
	res->mismatch = q->mismatch;
	res->cycle = q->cycle;
	res->cycles = q->mismatch ? q->cycle : cyc;
	if (!q->mismatch)
		res->holes = b->finish(cs, &ro->r, false);
	rc = 0;
out:
	if (started) {
		atomic_store_explicit(&q->done, true, memory_order_release);
		pthread_join(th, NULL);
	}
	if (q && q->m)
		ro->r.rtl->destroy(q->m);
	if (cs)
		b->destroy(cs);
	if (q)
		free(q->slot);
	free(q);
	return rc;
}

/* Parse a non-negative integer option value; -1 on garbage. */
static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return (errno || end == s || *end || *s == '-') ? -1 : 0;
}

static void print_params(FILE *f, const lg_cosim_block *b, const unsigned *v)
{
	for (unsigned i = 0; i < b->nparam; i++)
		fprintf(f, "%s%s=%u", i ? " " : "", b->param[i], v[i]);
}

static void list_builds(const lg_cosim_block *b, const lg_cosim_rtl *const *builds)
{
	fprintf(stderr, "; available %s RTL builds:", b->name);
	for (size_t i = 0; builds[i]; i++) {
		if (strcmp(builds[i]->block, b->name))
			continue;
		fprintf(stderr, " %s (", builds[i]->name);
		print_params(stderr, b, builds[i]->param);
		fprintf(stderr, "%s%s)", *builds[i]->mutation ? ", mutation " : "", builds[i]->mutation);
	}
	fprintf(stderr, "\n");
}

static const lg_cosim_rtl *find_build(const lg_cosim_block *b, const lg_cosim_rtl *const *builds,
				      const char *name, const unsigned *want, unsigned given)
{
	for (size_t i = 0; builds[i]; i++) {
		const lg_cosim_rtl *o = builds[i];
		bool ok = true;

		if (strcmp(o->block, b->name))
			continue;
		if (name) {
			if (!strcmp(o->name, name))
				return o;
			continue;
		}
		if (*o->mutation)
			continue;
		for (unsigned k = 0; k < b->nparam; k++)
			if (((given >> k) & 1) ? o->param[k] != want[k] : false)
				ok = false;
		if (ok && !given) {
			/* no parameter given: the block's default set */
			for (unsigned k = 0; k < b->nparam; k++)
				if (o->param[k] != b->param_default[k])
					ok = false;
		}
		if (ok)
			return o;
	}
	return NULL;
}

static void report(const run_opts *ro, const run_result *r, const char *what)
{
	const lg_cosim_rtl *rt = ro->r.rtl;

	printf("%s: %s model %s (", what, ro->r.blk->name, rt->name);
	print_params(stdout, ro->r.blk, rt->param);
	printf("%s%s) seed %" PRIu64 ": %" PRIu64 " cycles in %.2f s = %.2f M cycles/s\n",
	       *rt->mutation ? ", mutation " : "", rt->mutation, ro->r.seed, r->cycles, r->seconds,
	       r->seconds > 0 ? r->cycles / r->seconds / 1e6 : 0.0);
}

static int usage(const lg_cosim_block *b)
{
	fprintf(stderr, "usage: cosim %s [--cycles N] [--seed S] [--trace FILE] [--record FILE] "
		"[--wave FILE] [--model NAME", b ? b->name : "tracker|arbiter");
	if (b)
		for (unsigned i = 0; i < b->nparam; i++)
			fprintf(stderr, " | --%s N", b->param[i]);
	fprintf(stderr, "] [--expect-mismatch] [--threads 1|2]%s%s\n", b && b->usage ? " " : "",
		b && b->usage ? b->usage : "");
	return LG_EXIT_BADINPUT;
}

static int bad(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "lgsim: cosim: ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, "\n");
	return LG_EXIT_BADINPUT;
}

/* Parse the options into ro; returns 0 or an exit status. */
static int parse(int argc, char **argv, const lg_cosim_rtl *const *builds, run_opts *ro,
		 const char **wave, bool *c_only, bool *expect_fail)
{
	const lg_cosim_block *b = ro->r.blk;
	const char *model = NULL;
	unsigned want[LG_COSIM_MAXPARAM] = { 0 }, given = 0;
	bool cycles_given = false;
	uint64_t v;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool has = i + 1 < argc, done = false;

		if (!strcmp(a, "--c-only")) {
			*c_only = true;
		} else if (!strcmp(a, "--expect-mismatch")) {
			*expect_fail = true;
		} else if (!strcmp(a, "--trace") && has) {
			ro->r.trace = argv[++i];
		} else if (!strcmp(a, "--record") && has) {
			ro->r.record = argv[++i];
		} else if (!strcmp(a, "--wave") && has) {
			*wave = argv[++i];
		} else if (!strcmp(a, "--model") && has) {
			model = argv[++i];
		} else if (!strcmp(a, "--policy") && has) {
			ro->r.policy = argv[++i];
		} else if ((!strcmp(a, "--cycles") || !strcmp(a, "--seed") || !strcmp(a, "--threads")) &&
			   has) {
			if (parse_u64(argv[++i], &v) || (a[2] == 't' && v != 1 && v != 2))
				return bad("%s: expected a non-negative integer, got '%s'", a, argv[i]);
			if (a[2] == 't')
				ro->threads = v == 2;
			else if (a[2] == 'c')
				ro->r.cycles = v, cycles_given = true;
			else
				ro->r.seed = v;
		} else {
			for (unsigned k = 0; k < b->nparam && !done; k++) {
				if (strncmp(a, "--", 2) || strcmp(a + 2, b->param[k]) || !has)
					continue;
				if (parse_u64(argv[++i], &v) || v > 0xFFFFFFFFu)
					return bad("%s: expected a non-negative integer, got '%s'", a, argv[i]);
				want[k] = (unsigned)v;
				given |= 1u << k;
				done = true;
			}
			if (!done) {
				fprintf(stderr, "lgsim: cosim %s: unknown or incomplete option '%s'\n",
					b->name, a);
				return usage(b);
			}
		}
	}
	/* a replay runs to the end of its file unless --cycles is given */
	if (ro->r.trace && !cycles_given)
		ro->r.cycles = UINT64_MAX;
	if (!(ro->r.rtl = find_build(b, builds, model, want, given))) {
		if (model) {
			fprintf(stderr, "lgsim: cosim %s: no RTL build named '%s'", b->name, model);
		} else {
			fprintf(stderr, "lgsim: cosim %s: no RTL build for", b->name);
			for (unsigned k = 0; k < b->nparam; k++)
				if ((given >> k) & 1)
					fprintf(stderr, " %s=%u", b->param[k], want[k]);
		}
		list_builds(b, builds);
		return LG_EXIT_BADINPUT;
	}
	return 0;
}

int lg_cosim_main(int argc, char **argv, const lg_cosim_rtl *const *builds)
{
	static const lg_cosim_block *const blocks[] = { &lg_cosim_tracker, &lg_cosim_arbiter };
	run_opts ro = { .r = { .cycles = 1000000, .seed = 1 } };
	const char *wave = NULL;
	bool c_only = false, expect_fail = false;
	run_result res, r2;
	char wbuf[96];
	lg_err e;
	int st;

	for (size_t i = 0; argc >= 2 && i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (!strcmp(argv[1], blocks[i]->name))
			ro.r.blk = blocks[i];
	if (!ro.r.blk)
		return usage(NULL);
	if ((st = parse(argc, argv, builds, &ro, &wave, &c_only, &expect_fail)))
		return st;
	if (!wave) {
		snprintf(wbuf, sizeof(wbuf), "%s-mismatch.fst", ro.r.blk->name);
		wave = wbuf;
	}
	if (c_only) {
		if (!ro.r.blk->c_only)
			return bad("%s: %s", ro.r.blk->name, "--c-only is not available for this block");
		if (ro.r.blk->c_only(&ro.r, &e))
			return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		return 0;
	}
	if (ro.threads && !ro.r.trace && !ro.r.record) {
		if (run_threads(&ro, &res, &e))
			return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		/* the C side ran ahead: the counters of a one-thread run
		 * that stops at the mismatch */
		if (res.mismatch) {
			run_opts q = ro;
			q.r.quiet = true;
			if (run(&q, &res, &e))
				return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
		}
	} else {
		ro.threads = false;
		if (run(&ro, &res, &e))
			return fprintf(stderr, "%s\n", e.msg), LG_EXIT_BADINPUT;
	}
	report(&ro, &res, ro.threads ? "lockstep (2 threads)" : "lockstep");
	if (res.mismatch) {
		run_opts rw = ro;
		rw.r.quiet = true;
		rw.r.silent = true;
		rw.r.record = NULL;
		rw.wave = wave;
		rw.wave_from = res.cycle > WAVE_BEFORE ? res.cycle - WAVE_BEFORE : 0;
		rw.wave_to = res.cycle + 1;
		if (run(&rw, &r2, &e))
			fprintf(stderr, "%s\n", e.msg);
		else
			printf("waveform: %s (cycles %" PRIu64 "..%" PRIu64 ", FST time = 2*cycle)\n",
			       wave, rw.wave_from, res.cycle);
		printf("RESULT: MISMATCH at cycle %" PRIu64 "\n", res.cycle);
		return expect_fail ? 0 : 1;
	}
	printf("RESULT: 0 mismatches in %" PRIu64 " cycles\n", res.cycles);
	if (expect_fail) {
		printf("RESULT: expected a mismatch (mutation %s) and saw none\n", ro.r.rtl->mutation);
		return 1;
	}
	return res.holes ? 1 : 0;
}
