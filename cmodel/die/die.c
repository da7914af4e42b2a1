/*
 * The die builder (see die.h). lg_die_create builds the blocks in order
 * and appends each one's component to the die's list (add()), which is
 * then the tick order. To add a block: build it from its own params struct
 * (filled here from the config), wire its ports, add() its component at
 * its place in the order, and free it in lg_die_destroy.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/lg_reqpool.h"
#include "die/die.h"
#include "die/dtrace_src.h"
#include "die/mc_comp.h"
#include "die/replay.h"
#include "die/trigsink.h"

/* The most components a die holds today (mc, replay, tracker, sink). */
#define MAX_COMPS 8

/* Triggers the sink holds (assumption: a small descriptor queue). */
#define TRIGSINK_DEPTH 4

struct lg_die {
	unsigned index;
	const lg_cfg *cfg;
	lg_reqpool *pool;
	lg_mc *mc;
	lg_replay *front;           /* DRAM-only die: trace replay into mc */
	lg_dtrace_src **files;      /* [nfiles], the front's sources */
	int nfiles;
	lg_trk *trk;                /* tracker.observe */
	lg_trigsink *sink;
	lg_comp comps[MAX_COMPS];   /* tick order */
	int ncomps;
};

/* Append a component to the tick order. */
static void add(lg_die *d, lg_comp c)
{
	if (d->ncomps < MAX_COMPS)
		d->comps[d->ncomps++] = c;
}

/* The [tracker] region keys against the tracker's widths; -1 with e naming the key. */
static int check_tracker(const lg_cfg *c, const lg_mc *mc, lg_err *e)
{
	const uint64_t win = c->tracker.addr_width >= 64 ? UINT64_MAX : 1ull << c->tracker.addr_width;
	const uint64_t cmax = (1ull << c->tracker.count_width) - 1;
	const lg_dram_spec *sp = lg_mc_spec(mc);
	int units = lg_dram_units(sp);

	if (c->tracker.region_bytes == 0)
		return lg_cfg_errf(c, LG_K_tracker_region_bytes, e,
				   "expected the size of the tracked buffer (observe is on)");
	if ((uint64_t)c->tracker.region_bytes > win)
		return lg_cfg_errf(c, LG_K_tracker_region_bytes, e,
				   "expected at most 2^addr_width = %" PRIu64 " bytes (the tracker's address window)",
				   win);
	if ((uint64_t)c->tracker.tile_bytes > cmax)
		return lg_cfg_errf(c, LG_K_tracker_tile_bytes, e,
				   "expected at most 2^count_width - 1 = %" PRIu64 " bytes per tile", cmax);
	if (c->tracker.ports < units)
		return lg_cfg_errf(c, LG_K_tracker_ports, e,
				   "expected at least %d observe ports (one per channel/pseudo-channel of this run)",
				   units);
	if (sp->request_bytes > 255)
		return lg_cfg_errf(c, LG_K_tracker_observe, e,
				   "expected requests of at most 255 bytes (the observe ports carry 8-bit byte counts); "
				   "this run has %d", (int)sp->request_bytes);
	return 0;
}

/* The tracker's params from [tracker] and the controller it watches. */
static lg_trk_params tracker_params(const lg_cfg *c, const lg_mc *mc)
{
	const lg_dram_spec *sp = lg_mc_spec(mc);
	lg_trk_params p = {
		.t = { (unsigned)c->tracker.entries, (unsigned)c->tracker.ports,
		       (unsigned)c->tracker.addr_width, (unsigned)c->tracker.count_width },
		.region_base = (uint64_t)c->tracker.region_base,
		.region_bytes = (uint64_t)c->tracker.region_bytes,
		.tile_bytes = (uint64_t)c->tracker.tile_bytes,
		.peer_die = (unsigned)c->tracker.peer_die,
		.units = (unsigned)lg_dram_units(sp),
		.obs_depth = (unsigned)c->tracker.obs_fifo,
		.tck = sp->tCK_ps,
	};

	return p;
}

/* Tracker and trigger sink on the controller's accepted writes; -1 with e set. */
static int build_tracker(lg_die *d, const lg_die_opts *o, lg_err *e)
{
	lg_trk_params p;
	lg_trig_port port;
	lg_wobs obs;

	if (check_tracker(d->cfg, d->mc, e))
		return -1;
	p = tracker_params(d->cfg, d->mc);
	d->trk = lg_trk_create(&p, o->trk_rec, e);
	if (!d->trk)
		return -1;
	d->sink = lg_trigsink_create(TRIGSINK_DEPTH, p.tck);
	if (!d->sink)
		return lg_errf(e, "lgsim", 0, "out of memory");
	port = lg_trigsink_port(d->sink);
	lg_trk_set_trig_port(d->trk, &port);
	obs = lg_trk_wobs(d->trk);
	lg_replay_set_observer(d->front, &obs);
	return 0;
}

/* The replay front and one source per trace file; -1 with e set. */
static int build_front(lg_die *d, const lg_die_opts *o, lg_err *e)
{
	lg_replay_params p = { (uint64_t)d->cfg->sim.max_outstanding,
			       (uint64_t)d->cfg->sim.staging_depth };
	lg_ps tck = lg_mc_spec(d->mc)->tCK_ps;

	d->front = lg_replay_create(d->mc, d->pool, &p);
	d->files = calloc(o->ntraces > 0 ? (size_t)o->ntraces : 1, sizeof(*d->files));
	if (!d->front || !d->files)
		return lg_errf(e, "lgsim", 0, "out of memory");
	for (int i = 0; i < o->ntraces; i++) {
		lg_replay_src s;

		d->files[i] = lg_dtrace_src_open(o->traces[i], o->format, tck, e);
		if (!d->files[i])
			return -1;
		d->nfiles = i + 1;
		s = lg_dtrace_src_source(d->files[i]);
		if (lg_replay_add_source(d->front, &s))
			return lg_errf(e, "lgsim", 0, "out of memory");
	}
	return 0;
}

/*
 * The compute side. die.cus > 0 will build, in this order: the CUs
 * (cmodel/cu, params from [cu] and die.core_clock_mhz), the kernel
 * scheduler (cmodel/ksched), the crossbar (cmodel/xbar) and the L2 slices
 * (cmodel/l2, params from [l2] and die.l2_clock_mhz), with the L2 pushing
 * misses into the memory controller in place of the replay front; their
 * components go before the controller in the tick order. Not built in yet.
 */
static int build_compute(lg_die *d, lg_err *e)
{
	if (d->cfg->die.cus > 0)
		return lg_cfg_errf(d->cfg, LG_K_die_cus, e,
				   "the CU model is not built in yet; expected 0 (a DRAM-only die)");
	return 0;
}

/* Build every block from cfg; see die.h. */
lg_die *lg_die_create(const lg_cfg *cfg, const lg_die_opts *o, lg_err *e)
{
	lg_die *d = calloc(1, sizeof(*d));
	lg_req_sink sink;

	if (!d)
		return lg_errf(e, "lgsim", 0, "out of memory"), NULL;
	d->index = o->index;
	d->cfg = cfg;
	if (build_compute(d, e))
		goto out_fail;
	if (o->trk_rec && !cfg->tracker.observe) {
		lg_cfg_errf(cfg, LG_K_tracker_observe, e, "--tracker-trace needs tracker.observe = true");
		goto out_fail;
	}
	d->pool = lg_reqpool_create();
	if (!d->pool) {
		lg_errf(e, "lgsim", 0, "out of memory");
		goto out_fail;
	}
	sink = o->mc_sink ? *o->mc_sink : (lg_req_sink){ d->pool, lg_reqpool_done };
	d->mc = lg_mc_create(cfg, &sink, e);
	if (!d->mc)
		goto out_fail;
	if (o->cmdlog)
		lg_mc_set_cmdlog(d->mc, o->cmdlog);
	if (build_front(d, o, e))
		goto out_fail;
	if (cfg->tracker.observe && build_tracker(d, o, e))
		goto out_fail;
	add(d, lg_mc_comp(d->mc, "mc"));
	add(d, lg_replay_comp(d->front, "replay"));
	if (d->trk) {
		add(d, lg_trk_comp(d->trk, "tracker"));
		add(d, lg_trigsink_comp(d->sink, "trigsink"));
	}
	return d;
out_fail:
	lg_die_destroy(d);
	return NULL;
}

void lg_die_destroy(lg_die *d)
{
	if (!d)
		return;
	lg_trigsink_destroy(d->sink);
	lg_trk_destroy(d->trk);
	lg_replay_destroy(d->front);
	for (int i = 0; i < d->nfiles; i++)
		lg_dtrace_src_close(d->files[i]);
	free(d->files);
	lg_mc_destroy(d->mc);
	lg_reqpool_destroy(d->pool);
	free(d);
}

int lg_die_attach(lg_die *d, lg_loop *l)
{
	for (int i = 0; i < d->ncomps; i++)
		if (lg_loop_add(l, &d->comps[i]))
			return -1;
	return 0;
}

const lg_comp *lg_die_comps(const lg_die *d, int *n)
{
	*n = d->ncomps;
	return d->comps;
}

/* The progress line's count: requests pushed. */
static uint64_t count_requests(void *ctx)
{
	return lg_die_requests(ctx);
}

int lg_die_run(lg_die *d, const lg_loop_opts *o, lg_loop_result *res, lg_err *e)
{
	lg_loop_opts lo = *o;
	lg_loop *l;
	int rc;

	lo.count = count_requests;
	lo.count_ctx = d;
	lo.count_what = "requests";
	l = lg_loop_create(&lo);
	if (!l || lg_die_attach(d, l)) {
		lg_loop_destroy(l);
		return lg_errf(e, "lgsim", 0, "out of memory");
	}
	rc = lg_loop_run(l, res, e);
	lg_loop_destroy(l);
	return rc;
}

unsigned lg_die_index(const lg_die *d)
{
	return d->index;
}

const lg_cfg *lg_die_cfg(const lg_die *d)
{
	return d->cfg;
}

lg_mc *lg_die_mc(const lg_die *d)
{
	return d->mc;
}

const lg_trk *lg_die_trk(const lg_die *d)
{
	return d->trk;
}

uint64_t lg_die_requests(const lg_die *d)
{
	return d->front ? lg_replay_pushed(d->front) : 0;
}
