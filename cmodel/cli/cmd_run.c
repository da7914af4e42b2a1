/*
 * lgsim run: parse the options, open the outputs, build the die, run it,
 * report. Everything about the model is in die/ (lg_die_create builds a
 * die from the config, die/loop.h runs it); this file only deals with the
 * command line and the files.
 *
 * Outputs (the stats JSON, the command log, the tracker and
 * arbiter recordings) are
 * opened before anything else, as FILE.tmp, and renamed into place only
 * after a complete run (core/lg_outfile.h; a device such as /dev/null is
 * written in place): a path that cannot be written fails at once (one
 * line, exit 2), and a failed, stopped or interrupted run leaves none of
 * them, nor their .tmp. A write that fails at the end (a full disk) is an
 * error after the summary has been printed. Bad input (config, trace, options) is one line
 * "FILE:LINE: what was expected" on stderr and exit status 2; a watchdog
 * stop is exit status 1; SIGINT or SIGTERM during the run ends it at the
 * loop's next check with exit status 128 + the signal number. A run whose
 * data check (sim.data) finds a difference writes its outputs (the stats
 * say data.match false) and exits with status 3.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"
#include "core/lg_json.h"
#include "core/lg_outfile.h"
#include "die/die.h"
#include "mc/cmdlog.h"
#include "sim/stats_json.h"

#define MAX_TRACES 64
#define MAX_SETS 256

/* The signal that interrupted the run (0: none); the only mutable global. */
static volatile sig_atomic_t run_signal;

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
	const char *arb_trace;
	const char *timeline;
} run_args;

static const char run_help[] =
	"usage: lgsim run -c CONFIG [-s section.key=value]... -t TRACE [-t TRACE]... [options]\n"
	"\n"
	"Replays DRAM request traces into the memory controller of one die and\n"
	"prints a summary; -o writes every statistic (docs/stats.md).\n"
	"\n"
	"  -c CONFIG             config file (INI; DRAMsim3 .ini files load unchanged)\n"
	"  -s section.key=value  override one config key (repeatable; `lgsim config keys`)\n"
	"  -t TRACE              DRAM trace, plain or .gz (repeatable: one in-order source each);\n"
	"                        with die.cus > 0 one kernel trace (.lgt, lgt-text, Accel-Sim kernelslist.g)\n"
	"  --format NAME         trace format: lgsim, dramsim3 or ramulator (default: detect)\n"
	"  -o STATS.json         write the stats JSON\n"
	"  --cmdlog FILE         write every DRAM command in issue order\n"
	"  --tracker-trace FILE  record the tracker's inputs for `lgsim cosim tracker --trace`\n"
	"                        (needs tracker.observe = true)\n"
	"  --arbiter-trace FILE  record the class arbiter of channel 0, pseudo-channel 0 for\n"
	"                        `lgsim cosim arbiter --trace` (needs mc.class_policy prio, wrr or mca)\n"
	"  --timeline FILE       write a Chrome trace-event JSON timeline (Perfetto): kernels,\n"
	"                        CTAs, DMA descriptors, tracker triggers, DRAM bandwidth and\n"
	"                        L2 hit rate (dies with CUs)\n"
	"  -h, --help            this text\n"
	"\n"
	"Exit status: 0 done, 1 watchdog stop, 2 bad input or usage, 3 data check failed (sim.data),\n"
	"128+N killed by signal N.\n"
	"Outputs appear only after a complete run.\n";

/* Option value after argv[*i], or NULL (usage error reported by caller). */
static const char *value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

/* Options in any order; -s and -t repeat. 1 = --help printed. */
static int parse_args(int argc, char **argv, run_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v;

		if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			fputs(run_help, stdout);
			return 1;
		}
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
		else if (strcmp(o, "--arbiter-trace") == 0)
			a->arb_trace = v;
		else if (strcmp(o, "--timeline") == 0)
			a->timeline = v;
		else
			return lgsim_usage("run: unknown option '%s' (lgsim run --help)", o);
	}
	if (!a->config)
		return lgsim_usage("run: -c CONFIG is required");
	if (a->ntraces == 0)
		return lgsim_usage("run: at least one -t TRACE is required");
	return 0;
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

typedef struct run_ctx {
	lg_cfg cfg;
	lg_json *stats;      /* -o, NULL without */
	lg_outfile *log_out, *trk_out, *arb_out;
	lg_cmdlog *log;
	lg_tl *tl;           /* --timeline, NULL without */
	lg_die *die;
} run_ctx;

/* Every output, opened (as .tmp) before the run; -1 with e set. */
static int open_outputs(run_ctx *c, const run_args *a, lg_err *e)
{
	if (a->out && !(c->stats = lg_json_file_open(a->out, e)))
		return -1;
	if (a->cmdlog) {
		if (!(c->log_out = lg_outfile_open(a->cmdlog, "command log", e)))
			return -1;
		c->log = lg_cmdlog_open(lg_outfile_file(c->log_out));
		if (!c->log)
			return lg_errf(e, a->cmdlog, 0, "out of memory");
	}
	if (a->trk_trace && !(c->trk_out = lg_outfile_open(a->trk_trace, "tracker recording", e)))
		return -1;
	if (a->arb_trace && !(c->arb_out = lg_outfile_open(a->arb_trace, "arbiter recording", e)))
		return -1;
	return 0;
}

/*
 * Write the end of every output and flush it, before any is committed:
 * an output that cannot be written (a full disk) then commits none.
 * -1 with e set naming the first that failed.
 */
static int finish_outputs(run_ctx *c, lg_err *e)
{
	if (c->log) {
		int bad = lg_cmdlog_close(c->log);

		c->log = NULL;
		if (bad)
			return lg_errf(e, lg_outfile_path(c->log_out), 0, "write error on the command log");
	}
	if (c->log_out && lg_outfile_flush(c->log_out, e))
		return -1;
	if (c->trk_out && lg_outfile_flush(c->trk_out, e))
		return -1;
	if (c->tl && lg_tl_finish(c->tl, e))
		return -1;
	if (c->stats && lg_json_finish(c->stats, e))
		return -1;
	return 0;
}

/*
 * Close every output: committed when ok (after finish_outputs), else
 * removed (core/lg_outfile.h). -1 with e set on a write or rename error
 * (then nothing is committed after it).
 */
static int close_outputs(run_ctx *c, int ok, lg_err *e)
{
	int rc = 0;

	if (ok && finish_outputs(c, e))
		rc = -1, ok = 0;
	if (c->log)
		lg_cmdlog_close(c->log);
	c->log = NULL;
	if (lg_outfile_close(c->log_out, ok, e))
		rc = -1, ok = 0;
	c->log_out = NULL;
	if (lg_outfile_close(c->trk_out, ok, e))
		rc = -1, ok = 0;
	c->trk_out = NULL;
	if (lg_outfile_close(c->arb_out, ok, e))
		rc = -1, ok = 0;
	c->arb_out = NULL;
	if (c->tl && lg_tl_close(c->tl, ok, e))
		rc = -1, ok = 0;
	c->tl = NULL;
	if (c->stats) {
		if (ok && lg_json_commit(c->stats, e))
			rc = -1;
		else if (!ok)
			lg_json_abort(c->stats);
		c->stats = NULL;
	}
	return rc;
}

/* Remember the signal; the loop ends the run at its next check. */
static void on_signal(int sig)
{
	run_signal = sig;
}

/* SIGINT and SIGTERM end the run cleanly instead of killing the process. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* Build the die and run it; 0 ok, 1 watchdog, 2 bad input, 3 data mismatch, 128+N signal. */
static int run(run_ctx *c, const run_args *a, lg_err *e)
{
	lg_die_opts dopt = { .traces = a->traces, .ntraces = a->ntraces, .format = a->format,
			     .cmdlog = c->log,
			     .trk_rec = c->trk_out ? lg_outfile_file(c->trk_out) : NULL,
			     .arb_rec = c->arb_out ? lg_outfile_file(c->arb_out) : NULL };
	lg_loop_opts lopt = { 0 };
	lg_loop_result res;
	lg_report rep;
	lg_die *dies[1];

	if (load_config(a, &c->cfg, e))
		return LG_EXIT_BADINPUT;
	if (c->log)
		lg_cmdlog_header(c->log, &c->cfg, a->config, a->sets, a->nsets);
	if (a->timeline) {
		c->tl = lg_tl_open(a->timeline, (uint64_t)c->cfg.sim.timeline_max_slices,
				   (uint32_t)c->cfg.sim.timeline_max_samples, e);
		if (!c->tl)
			return LG_EXIT_BADINPUT;
		dopt.tl = c->tl;
	}
	c->die = lg_die_create(&c->cfg, &dopt, e);
	if (!c->die)
		return LG_EXIT_BADINPUT;
	lopt.watchdog_cycles = (uint64_t)c->cfg.sim.watchdog_cycles;
	lopt.progress = isatty(2);
	lopt.stop = &run_signal;
	if (lg_die_run(c->die, &lopt, &res, e))
		return LG_EXIT_BADINPUT;
	if (res.interrupted || run_signal)
		return 128 + (run_signal ? run_signal : SIGINT);
	if (res.watchdog)
		return 1;
	dies[0] = c->die;
	rep = (lg_report){ dies, 1, &res, a->config, a->traces, a->ntraces };
	if (c->stats)
		lg_report_json(&rep, c->stats);
	/* the summary first: a file that fails at its last write (a full
	 * disk) must not take the results of a long run with it */
	lg_report_summary(&rep, stdout);
	fflush(stdout);
	if (close_outputs(c, 1, e))
		return LG_EXIT_BADINPUT;
	if (lg_die_data(c->die) && !lg_die_data(c->die)->match) {
		fprintf(stderr, "lgsim: data check failed: %llu bytes differ from the reference, first at 0x%llx\n",
			(unsigned long long)lg_die_data(c->die)->mismatch_bytes,
			(unsigned long long)lg_die_data(c->die)->first_mismatch);
		return LG_EXIT_DATA;
	}
	return 0;
}

/* Parse, open the outputs, run; exit 0, 1 (watchdog), 2 (bad input), 3 (data mismatch) or 128+N. */
int lgsim_cmd_run(int argc, char **argv)
{
	run_ctx *c;
	run_args a;
	lg_err e;
	int status;

	status = parse_args(argc, argv, &a);
	if (status)
		return status == 1 ? 0 : status;
	c = calloc(1, sizeof(*c));
	if (!c)
		return fputs("lgsim: out of memory\n", stderr), LG_EXIT_BADINPUT;
	catch_signals();
	lg_err_clear(&e);
	if (open_outputs(c, &a, &e))
		status = LG_EXIT_BADINPUT;
	else
		status = run(c, &a, &e);
	if (status == LG_EXIT_BADINPUT)
		lgsim_fail(&e);
	else if (status > 128)
		fprintf(stderr, "lgsim: interrupted by signal %d; no output written\n", status - 128);
	close_outputs(c, 0, &e); /* whatever is still open is incomplete */
	lg_die_destroy(c->die);
	free(c);
	return status;
}
