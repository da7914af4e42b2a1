/*
 * lgsim run: DRAM-only mode. Replays DRAM request traces into the memory
 * controllers of one die and writes stats.
 *
 *   lgsim run -c CONFIG [-s sec.key=val]... -t TRACE [-t TRACE]...
 *             [-o STATS.json] [--cmdlog FILE] [--format NAME] [--tracker-trace FILE]
 *
 * Each -t is an in-order source (see sim/dsim.h for how sources enter the
 * controller). Bad input (config, trace, options) is one line
 * "FILE:LINE: what was expected" on stderr and exit status 2; a watchdog
 * stop is exit status 1. The stats file, the command log and the tracker
 * recording (written as FILE.tmp, renamed at the end) appear only after a
 * complete run. With `[tracker] observe = true` a tracker watches the
 * committed writes (sim/wtrack.h); --tracker-trace records its inputs in
 * the replay format of `lgsim cosim tracker --trace`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"
#include "mc/cmdlog.h"
#include "mc/mc.h"
#include "sim/dsim.h"
#include "sim/stats_json.h"
#include "sim/wtrack.h"
#include "trace/dtrace.h"

#define MAX_TRACES 64
#define MAX_SETS 256

typedef struct run_args {
	const char *config;
	const char *sets[MAX_SETS];
	int nsets;
	const char *traces[MAX_TRACES];
	int ntraces;
	const char *out;
	const char *cmdlog;
	const char *format;
	const char *trk_trace;
} run_args;

/* Trace records fetched per lg_dtrace_next_batch call. */
#define TRACE_BATCH 64

/* One trace as a dsim source. */
typedef struct trace_src {
	lg_dtrace *t;
	lg_ps tck;
	lg_dtrace_rec d[TRACE_BATCH]; /* fetched, not yet handed to dsim */
	int di, dn;                   /* next one in d, how many d holds */
} trace_src;

/* The usage line, as a bad-usage exit. */
static int usage_text(void)
{
	return lgsim_usage("usage: lgsim run -c CONFIG [-s section.key=value]... -t TRACE [-t TRACE]... "
			   "[-o STATS.json] [--cmdlog FILE] [--format NAME] [--tracker-trace FILE]");
}

/* Option value after argv[*i], or NULL (usage error reported by caller). */
static const char *value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

/* Options in any order; -s and -t repeat. */
static int parse_args(int argc, char **argv, run_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v;

		if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0)
			return usage_text();
		v = value(argc, argv, &i);
		if (!v)
			return lgsim_usage("run: option %s needs a value", o);
		if (strcmp(o, "-c") == 0)
			a->config = v;
		else if (strcmp(o, "-s") == 0 && a->nsets < MAX_SETS)
			a->sets[a->nsets++] = v;
		else if (strcmp(o, "-t") == 0 && a->ntraces < MAX_TRACES)
			a->traces[a->ntraces++] = v;
		else if (strcmp(o, "-o") == 0)
			a->out = v;
		else if (strcmp(o, "--cmdlog") == 0)
			a->cmdlog = v;
		else if (strcmp(o, "--format") == 0)
			a->format = v;
		else if (strcmp(o, "--tracker-trace") == 0)
			a->trk_trace = v;
		else
			return lgsim_usage("run: unknown option '%s' (lgsim run --help)", o);
	}
	if (!a->config)
		return lgsim_usage("run: -c CONFIG is required");
	if (a->ntraces == 0)
		return lgsim_usage("run: at least one -t TRACE is required");
	return 0;
}

/* dtrace record d -> dsim record r; an NMC update is COMM traffic (docs/dram.md). */
static int trace_conv(const trace_src *s, const lg_dtrace_rec *d, lg_dsim_rec *r, lg_err *e)
{
	(void)e;
	r->op = d->op;
	r->dtype = d->dtype;
	r->tclass = d->op == LG_OP_NMC ? LG_TC_COMM : LG_TC_COMPUTE;
	r->addr = d->addr;
	r->size = d->size;
	r->line = d->line;
	r->timed = d->time_unit != LG_DTT_NONE;
	r->time_ps = d->time_unit == LG_DTT_CYCLES ? d->time * s->tck : d->time;
	return 0;
}

/* dsim next(): one record (used by dsim when next_batch is not set). */
static int trace_next(void *ctx, lg_dsim_rec *r, lg_err *e)
{
	trace_src *s = ctx;
	lg_dtrace_rec d;
	int rc = lg_dtrace_next(s->t, &d, e);

	if (rc <= 0)
		return rc;
	return trace_conv(s, &d, r, e) < 0 ? -1 : 1;
}

/*
 * dsim next_batch(): up to max records converted from the trace's batches.
 */
static int trace_next_batch(void *ctx, lg_dsim_rec *r, int max, lg_err *e)
{
	trace_src *s = ctx;
	const lg_dtrace_rec *d;
	int n, cnt, rc;

	if (s->di == s->dn) {
		rc = lg_dtrace_next_batch(s->t, s->d, TRACE_BATCH, e);
		if (rc <= 0)
			return rc;
		s->di = 0;
		s->dn = rc;
	}
	/* locals, so that the stores to r need not reload s */
	d = &s->d[s->di];
	cnt = s->dn - s->di < max ? s->dn - s->di : max;
	for (n = 0; n < cnt; n++) {
		if (trace_conv(s, &d[n], &r[n], e) < 0)
			return -1;
	}
	s->di += n;
	return n;
}

/* Defaults, the -c file, then every -s in order. */
static int load_config(const run_args *a, lg_cfg *cfg, lg_err *e)
{
	lg_cfg_defaults(cfg);
	if (lg_cfg_load_file(cfg, a->config, e))
		return -1;
	for (int i = 0; i < a->nsets; i++)
		if (lg_cfg_set_override(cfg, a->sets[i], e))
			return -1;
	return 0;
}

/* An output file written as "FILE.tmp" and renamed to FILE after a complete run. */
typedef struct out_file {
	const char *path;
	char *tmp;
	FILE *f;
} out_file;

typedef struct run_ctx {
	lg_cfg cfg;
	lg_reqpool *pool;
	lg_mc *mc;
	lg_wtrack *trk;      /* NULL unless tracker.observe */
	trace_src src[MAX_TRACES];
	lg_dsim_source dsrc[MAX_TRACES];
	out_file log_out, trk_out;
	lg_cmdlog *log;
} run_ctx;

/* Open path's temporary file, fully buffered; -1 with e set. */
static int out_open(out_file *o, const char *path, const char *what, lg_err *e)
{
	size_t n = strlen(path) + 5;

	o->path = path;
	o->tmp = malloc(n);
	if (!o->tmp)
		return lg_errf(e, "lgsim", 0, "out of memory");
	snprintf(o->tmp, n, "%s.tmp", path);
	o->f = fopen(o->tmp, "w");
	if (!o->f)
		return lg_errf(e, path, 0, "cannot create the %s", what);
	setvbuf(o->f, NULL, _IOFBF, 1 << 20);
	return 0;
}

/*
 * Close an output: renamed into place only when the run is complete (ok)
 * and every write succeeded; otherwise the .tmp is removed, so no partial
 * file is presented as complete. -1 with e set on a write or rename error.
 */
static int out_close(out_file *o, int ok, const char *what, lg_err *e)
{
	int rc = 0;

	if (o->f) {
		if (ferror(o->f) | fclose(o->f))
			rc = lg_errf(e, o->path, 0, "write error on the %s", what);
		o->f = NULL;
		if (ok && rc == 0 && rename(o->tmp, o->path))
			rc = lg_errf(e, o->path, 0, "cannot rename the %s into place", what);
		if (!ok || rc)
			remove(o->tmp);
	}
	free(o->tmp);
	o->tmp = NULL;
	return rc;
}

/* The tracker on the controller's writes, if tracker.observe; -1 with e set. */
static int setup_tracker(run_ctx *c, const run_args *a, lg_req_sink *sink, lg_err *e)
{
	if (!c->cfg.tracker.observe) {
		if (a->trk_trace)
			return lg_errf(e, a->config, 0, "--tracker-trace needs tracker.observe = true");
		return 0;
	}
	if (a->trk_trace && out_open(&c->trk_out, a->trk_trace, "tracker recording", e))
		return -1;
	c->trk = lg_wtrack_create(&c->cfg, sink, c->trk_out.f, e);
	if (!c->trk)
		return -1;
	*sink = lg_wtrack_sink(c->trk);
	return 0;
}

/* Config, controller, traces and command log; -1 with e set. */
static int setup(run_ctx *c, const run_args *a, lg_err *e)
{
	lg_req_sink sink;

	if (load_config(a, &c->cfg, e))
		return -1;
	c->pool = lg_reqpool_create();
	if (!c->pool)
		return lg_errf(e, "lgsim", 0, "out of memory");
	sink = lg_reqpool_sink(c->pool);
	if (setup_tracker(c, a, &sink, e))
		return -1;
	c->mc = lg_mc_create(&c->cfg, &sink, e);
	if (!c->mc)
		return -1;
	if (c->trk && lg_wtrack_attach(c->trk, c->mc, e))
		return -1;
	for (int i = 0; i < a->ntraces; i++) {
		c->src[i].t = lg_dtrace_open(a->traces[i], a->format, e);
		if (!c->src[i].t)
			return -1;
		c->src[i].tck = lg_mc_spec(c->mc)->tCK_ps;
		c->dsrc[i].ctx = &c->src[i];
		c->dsrc[i].next = trace_next;
		c->dsrc[i].next_batch = trace_next_batch;
	}
	if (a->cmdlog) {
		if (out_open(&c->log_out, a->cmdlog, "command log", e))
			return -1;
		c->log = lg_cmdlog_open(c->log_out.f);
		if (!c->log)
			return lg_errf(e, a->cmdlog, 0, "out of memory");
		lg_mc_set_cmdlog(c->mc, c->log);
	}
	return 0;
}

/*
 * Close the command log and the tracker recording (see out_close).
 * -1 with e set on a write or rename error.
 */
static int finish_outputs(run_ctx *c, int ok, lg_err *e)
{
	int rc = 0;

	if (c->log && lg_cmdlog_close(c->log))
		rc = lg_errf(e, c->log_out.path, 0, "write error on the command log");
	c->log = NULL;
	if (rc)
		ok = 0;
	if (out_close(&c->log_out, ok, "command log", e))
		rc = -1, ok = 0;
	if (out_close(&c->trk_out, ok, "tracker recording", e))
		rc = -1;
	return rc;
}

/* Free everything; outputs still open are incomplete and removed. */
static void teardown(run_ctx *c, const run_args *a)
{
	lg_err ignored;

	finish_outputs(c, 0, &ignored);
	for (int i = 0; i < a->ntraces; i++)
		if (c->src[i].t)
			lg_dtrace_close(c->src[i].t);
	lg_mc_destroy(c->mc);
	lg_wtrack_destroy(c->trk);
	lg_reqpool_destroy(c->pool);
}

/* Set up, run, write stats; exit 0, 1 (watchdog) or 2 (bad input). */
int lgsim_cmd_run(int argc, char **argv)
{
	static run_ctx c; /* large; one run per process */
	run_args a;
	lg_err e;
	lg_dsim_result res;
	lg_dsim_opts opt;
	lg_report rep;
	int status = LG_EXIT_BADINPUT, rc;

	rc = parse_args(argc, argv, &a);
	if (rc)
		return rc;
	memset(&c, 0, sizeof(c));
	if (setup(&c, &a, &e))
		goto out_fail;
	opt.watchdog_cycles = (uint64_t)c.cfg.sim.watchdog_cycles;
	opt.max_outstanding = (uint64_t)c.cfg.sim.max_outstanding;
	opt.staging_depth = (uint64_t)c.cfg.sim.staging_depth;
	opt.progress = isatty(2);
	if (lg_dsim_run(c.mc, c.pool, c.dsrc, a.ntraces, &opt, &res, &e))
		goto out_fail;
	if (res.watchdog) {
		status = 1;
		goto out;
	}
	if (c.trk)
		lg_wtrack_finish(c.trk);
	if (finish_outputs(&c, 1, &e))
		goto out_fail;
	rep = (lg_report){ &c.cfg, c.mc, c.trk, &res, a.config, a.traces, a.ntraces };
	if (a.out && lg_report_json(&rep, a.out, &e))
		goto out_fail;
	lg_report_summary(&rep, stdout);
	status = 0;
	goto out;
out_fail:
	lgsim_fail(&e);
out:
	teardown(&c, &a);
	return status;
}
