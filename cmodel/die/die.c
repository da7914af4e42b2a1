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
#include "die/dietl.h"
#include "die/dtrace_src.h"
#include "die/mc_comp.h"
#include "die/membridge.h"
#include "ktrace/ktrace.h"
#include "die/replay.h"
#include "die/trigsink.h"
#include "dma/dma.h"
#include "rec/carb_rec.h"

/* Components besides the CUs, slices and controllers (ksched, xbar,
 * replay, tracker, sink or DMA engine, timeline, spare). */
#define FIXED_COMPS 8

/* Descriptors dma.descriptors may hold (its 128 characters hold fewer). */
#define DMA_MAX_PRELOAD 16

/* Triggers the sink holds (assumption: a small descriptor queue). */
#define TRIGSINK_DEPTH 4

struct lg_die {
	unsigned index;
	const lg_cfg *cfg;
	lg_reqpool *pool;
	lg_mc *mc;                  /* = mcs[0] */
	lg_mc **mcs;                /* [nmc], one per stack */
	unsigned nmc;
	lg_cfg *stack_cfg;          /* [nmc] per-stack copies (multi-stack dies) */
	char (*mc_name)[16];        /* [nmc] */
	lg_replay *front;           /* DRAM-only die: trace replay into mc */
	lg_dtrace_src **files;      /* [nfiles], the front's sources */
	int nfiles;
	lg_trk *trk;                /* tracker.observe */
	lg_trigsink *sink;          /* ... without a DMA engine */
	lg_dma *dma;                /* dma.enable */
	lg_membridge *dbridge;      /* DRAM-only die with a DMA engine: the engine's memory side */
	lg_dmem *mem;               /* sim.data: the bytes of its memory */
	lg_wobs trk_obs;            /* the tracker's observer (data mode: behind the tee) */
	const char *const *traces;  /* for the data check's reference */
	int ntraces;
	const char *format;
	const char *kformat;        /* the kernel trace's format, probed once (NULL: let the reader probe) */
	lg_die_datachk data;          /* the data check, after the run */
	lg_carb_rec *arb_rec;       /* opts arb_rec: records mcs[0] unit 0's arbiter */
	/* the compute side (die.cus > 0) */
	lg_membridge *bridge;
	lg_ksched *ks;
	lg_zarena *tables;          /* the CUs' and slices' tables */
	lg_cu **cus;                /* [ncu] */
	unsigned ncu;
	lg_port *cu_req, *cu_resp;  /* [ncu] */
	lg_port **pcu_req, **pcu_resp;
	lg_l2_hash hash;
	lg_l2_range wt;             /* the tracker's region, written through (tracker.observe) */
	lg_xbar *xbar;
	lg_clock l2clk;             /* the crossbar's and slices' clock */
	lg_l2 **l2;                 /* [nsl] */
	unsigned nsl;
	lg_port *l2_req, *l2_resp;  /* [nsl] */
	lg_port **pl2_req, **pl2_resp;
	char (*l2_name)[16];        /* [nsl] */
	lg_dietl *tl;               /* --timeline */
	lg_comp *comps;             /* tick order */
	int ncomps, maxcomps;
};

/* Append a component to the tick order. */
static void add(lg_die *d, lg_comp c)
{
	if (d->ncomps < d->maxcomps)
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
		.dst_base = c->tracker.dst_base,
		.op = !strcmp(c->tracker.op, "nmc"),
		.expect = (uint64_t)c->tracker.expect_bytes,
		.units = (unsigned)lg_dram_units(sp),
		.obs_depth = (unsigned)c->tracker.obs_fifo,
		.tck = sp->tCK_ps,
	};

	if (p.op) /* the tracker's dtype numbering: lg_dtype - 1 */
		p.dtype = (unsigned)lg_dtype_parse(c->tracker.dtype) - 1;
	return p;
}

/*
 * Tracker on the controller's accepted writes, its triggers to the DMA
 * engine or, without one, to a trigger sink; -1 with e set.
 */
static int build_tracker(lg_die *d, const lg_die_opts *o, lg_err *e)
{
	lg_trk_params p;
	lg_trig_port port;

	if (check_tracker(d->cfg, d->mc, e))
		return -1;
	if (d->dma && d->cfg->tracker.peer_die != (int64_t)d->index)
		return lg_cfg_errf(d->cfg, LG_K_tracker_peer_die, e,
				   "expected %u, this die: its DMA engine reaches only its own memory in lgsim run",
				   d->index);
	p = tracker_params(d->cfg, d->mc);
	d->trk = lg_trk_create(&p, o->trk_rec, e);
	if (!d->trk)
		return -1;
	if (d->dma) {
		port = lg_dma_trig_port(d->dma);
	} else {
		d->sink = lg_trigsink_create(TRIGSINK_DEPTH, p.tck);
		if (!d->sink)
			return lg_errf(e, "lgsim", 0, "out of memory");
		port = lg_trigsink_port(d->sink);
	}
	lg_trk_set_trig_port(d->trk, &port);
	d->trk_obs = lg_trk_wobs(d->trk);
	if (d->front && !d->mem)
		lg_replay_set_observer(d->front, &d->trk_obs);
	if (d->bridge)
		lg_membridge_set_observer(d->bridge, &d->trk_obs);
	if (d->dbridge)
		lg_membridge_set_observer(d->dbridge, &d->trk_obs);
	return 0;
}

/* Data mode's observer of the replay's writes: room from the tracker, if any. */
static bool tee_room(void *ctx, unsigned port)
{
	lg_die *d = ctx;

	return !d->trk_obs.ctx || d->trk_obs.room(d->trk_obs.ctx, port);
}

/* ... a source write stores its bytes' values, then the tracker sees it. */
static void tee_put(void *ctx, unsigned port, uint64_t addr, unsigned bytes, lg_ps now)
{
	lg_die *d = ctx;

	if (lg_dmem_write_src(d->mem, addr, bytes))
		d->data.oom = true;
	if (d->trk_obs.ctx)
		d->trk_obs.put(d->trk_obs.ctx, port, addr, bytes, now);
}

/* Data mode on a die with CUs: a slice's write to memory stores its bytes'
 * values (lg_dmem_write_val, k = 0: the L2 merges stores). */
static void slice_put(void *ctx, unsigned port, uint64_t addr, unsigned bytes, lg_ps now)
{
	lg_die *d = ctx;

	(void)port;
	(void)now;
	if (lg_dmem_write_val(d->mem, addr, bytes, 0))
		d->data.oom = true;
}

/* The DMA engine's params from [dma] and the controller's spec. */
static lg_dma_params dma_params(const lg_die *d)
{
	const lg_cfg *c = d->cfg;
	const lg_dram_spec *sp = lg_mc_spec(d->mc);
	lg_dma_params p = {
		.die = d->index,
		.queue_depth = (unsigned)c->dma.queue_depth,
		.max_bursts = (unsigned)c->dma.max_bursts,
		.rx_outstanding = (unsigned)c->dma.rx_outstanding,
		.burst_bytes = (uint32_t)sp->request_bytes,
		.interleave = (uint32_t)c->dma.interleave_bytes,
		.period = sp->tCK_ps,
		.link_GBps = c->dma.link_GBps,
		.link_latency = (lg_ps)(c->dma.link_latency_ns * 1000.0 + 0.5),
		.link_depth = (unsigned)c->dma.link_depth,
	};

	return p;
}

/* dma.descriptors into the engine, aligned to its bursts; -1 with e naming the key. */
static int dma_preload(lg_die *d, uint32_t burst, lg_err *e)
{
	lg_dma_desc x[DMA_MAX_PRELOAD];
	const char *what = NULL;
	unsigned n;

	if (lg_dma_parse(d->cfg->dma.descriptors, d->index, x, DMA_MAX_PRELOAD, &n, &what))
		return lg_cfg_errf(d->cfg, LG_K_dma_descriptors, e, "%s", what);
	for (unsigned i = 0; i < n; i++)
		if (x[i].src % burst || x[i].dst % burst)
			return lg_cfg_errf(d->cfg, LG_K_dma_descriptors, e,
					   "expected SRC and DST aligned to the DRAM request size (%u bytes)",
					   burst);
	if (lg_dma_preload(d->dma, x, n))
		return lg_errf(e, "lgsim", 0, "out of memory");
	return 0;
}

/* The DMA engine on the die's memory side, connected to itself; -1 with e set. */
static int build_dma(lg_die *d, lg_err *e)
{
	lg_dma_params p = dma_params(d);
	lg_membridge *b = d->bridge ? d->bridge : d->dbridge;
	lg_dma_mem m = { b, lg_membridge_try_push };
	lg_req_sink s;

	if (p.interleave % p.burst_bytes)
		return lg_cfg_errf(d->cfg, LG_K_dma_interleave_bytes, e,
				   "expected a multiple of the DRAM request size (%u bytes)", p.burst_bytes);
	if (d->cfg->tracker.observe && d->cfg->tracker.dst_base >= 0 &&
	    (uint64_t)d->cfg->tracker.dst_base % p.burst_bytes)
		return lg_cfg_errf(d->cfg, LG_K_tracker_dst_base, e,
				   "expected a multiple of the DRAM request size (%u bytes)", p.burst_bytes);
	d->dma = lg_dma_create(&p, &m, e);
	if (!d->dma)
		return -1;
	s = (lg_req_sink){ d->dma, lg_dma_done };
	lg_membridge_set_dma(b, &s);
	lg_dma_connect(d->dma, d->index, d->dma);
	if (lg_dma_set_mem(d->dma, d->mem))
		return lg_errf(e, "lgsim", 0, "out of memory");
	return dma_preload(d, p.burst_bytes, e);
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
 * A die with CUs runs one kernel trace; a DRAM-only die takes DRAM traces
 * and kernel traces (those replayed memory-only, as DRAM requests of their
 * global accesses); -1 with e naming the trace and what was expected. On
 * a die with CUs *kfmt is the kernel trace's format (--format or the
 * probed one), so that its readers need not probe it again.
 */
static int check_trace_kind(const lg_cfg *c, const lg_die_opts *o, const char **kfmt, lg_err *e)
{
	const char *fmt;
	lg_err e2;
	int rc;

	*kfmt = o->format;
	if (c->die.cus > 0) {
		if (o->ntraces != 1)
			return lg_errf(e, "lgsim", 0,
				       "a die with CUs (die.cus = %d) runs one kernel trace; expected one -t, got %d",
				       (int)c->die.cus, o->ntraces);
		if (o->format && (!strcmp(o->format, "lgsim") || !strcmp(o->format, "dramsim3") ||
				  !strcmp(o->format, "ramulator")))
			return lg_errf(e, o->traces[0], 0,
				       "--format %s is a DRAM trace format; a die with CUs (die.cus = %d) expects a kernel trace (lgt, lgt-text, accelsim)",
				       o->format, (int)c->die.cus);
		if (o->format)
			return 0;
		rc = lg_kt_detect(o->traces[0], &fmt, &e2);
		if (rc == 0)
			return lg_errf(e, o->traces[0], 0,
				       "is not a kernel trace; a die with CUs (die.cus = %d) expects .lgt, lgt-text or an Accel-Sim kernelslist.g (a DRAM trace needs die.cus = 0)",
				       (int)c->die.cus);
		if (rc == 1)
			*kfmt = fmt;
		return 0;
	}
	if (c->die.mem_stacks != 1)
		return lg_cfg_errf(c, LG_K_die_mem_stacks, e,
				   "expected 1 on a DRAM-only die (die.cus = 0): the replay front feeds one controller");
	/* a kernel trace on a DRAM-only die is replayed memory-only (ktdreq/) */
	return 0;
}

/* The controllers: one per stack, each over its share of the channels; -1 with e set. */
static int build_mcs(lg_die *d, const lg_req_sink *sink, lg_err *e)
{
	const lg_cfg *c = d->cfg;
	unsigned n = (unsigned)c->die.mem_stacks;

	d->mcs = calloc(n, sizeof(*d->mcs));
	d->mc_name = calloc(n, sizeof(*d->mc_name));
	if (!d->mcs || !d->mc_name)
		return lg_errf(e, "lgsim", 0, "out of memory");
	if (n > 1) {
		if (c->system.channels % n)
			return lg_cfg_errf(c, LG_K_die_mem_stacks, e,
					   "expected a divisor of system.channels = %d (each stack has the same channels)",
					   (int)c->system.channels);
		d->stack_cfg = calloc(n, sizeof(*d->stack_cfg));
		if (!d->stack_cfg)
			return lg_errf(e, "lgsim", 0, "out of memory");
	}
	for (unsigned k = 0; k < n; k++) {
		const lg_cfg *sc = c;

		if (n > 1) {
			d->stack_cfg[k] = *c;
			d->stack_cfg[k].system.channels = c->system.channels / n;
			sc = &d->stack_cfg[k];
		}
		d->mcs[k] = lg_mc_create(sc, sink, e);
		if (!d->mcs[k])
			return -1;
		d->nmc = k + 1;
		if (n > 1)
			snprintf(d->mc_name[k], sizeof(d->mc_name[k]), "mc%u", k);
		else
			snprintf(d->mc_name[k], sizeof(d->mc_name[k]), "mc");
	}
	d->mc = d->mcs[0];
	if (n > 1 && c->die.stack_interleave_bytes % lg_mc_spec(d->mc)->request_bytes)
		return lg_cfg_errf(c, LG_K_die_stack_interleave_bytes, e,
				   "expected a multiple of the DRAM request size (%d bytes)",
				   (int)lg_mc_spec(d->mc)->request_bytes);
	return 0;
}

/* A port array of n ports of cap entries and its pointer array; -1 with e set. */
static int ports(lg_port **pa, lg_port ***pp, unsigned n, uint32_t cap, lg_err *e)
{
	*pa = calloc(n, sizeof(**pa));
	*pp = calloc(n, sizeof(**pp));
	if (!*pa || !*pp)
		return lg_errf(e, "lgsim", 0, "out of memory");
	for (unsigned i = 0; i < n; i++) {
		if (lg_port_init(&(*pa)[i], cap))
			return lg_errf(e, "lgsim", 0, "out of memory");
		(*pp)[i] = &(*pa)[i];
	}
	return 0;
}

static void ports_free(lg_port *pa, lg_port **pp, unsigned n)
{
	for (unsigned i = 0; pa && i < n; i++)
		lg_port_free(&pa[i]);
	free(pa);
	free(pp);
}

/* The CUs and their crossbar ports; -1 with e set. */
static int build_cus(lg_die *d, lg_err *e)
{
	const lg_cfg *c = d->cfg;
	unsigned n = (unsigned)c->die.cus;

	d->cus = calloc(n, sizeof(*d->cus));
	d->tables = lg_zarena_create();
	if (!d->cus || !d->tables)
		return lg_errf(e, "lgsim", 0, "out of memory");
	if (ports(&d->cu_req, &d->pcu_req, n, (uint32_t)c->xbar.queue_depth, e) ||
	    ports(&d->cu_resp, &d->pcu_resp, n, lg_xbar_port_depth(c, (uint32_t)c->xbar.resp_latency), e))
		return -1;
	for (unsigned i = 0; i < n; i++) {
		lg_cu_params p;

		if (lg_cu_params_from_cfg(c, i, &p, e))
			return -1;
		p.arena = d->tables;
		d->cus[i] = lg_cu_create(&p, &d->cu_req[i], &d->cu_resp[i], e);
		if (!d->cus[i])
			return -1;
		d->ncu = i + 1;
	}
	return 0;
}

/*
 * The slice hash, the L2 slices on the bridge, and the crossbar; -1 with
 * e set. With tracker.observe the slices write the tracker's region
 * through (docs/l2.md, "Written-through ranges").
 */
static int build_l2_xbar(lg_die *d, lg_err *e)
{
	const lg_cfg *c = d->cfg;
	unsigned n = (unsigned)c->l2.slices;
	lg_xbar_params xp;

	if (lg_l2_hash_init(&d->hash, c->l2.hash, n, (uint32_t)c->l2.line_bytes, e))
		return -1;
	/* T3: the producer's stores into the tracked region go to memory */
	d->wt = (lg_l2_range){ (uint64_t)c->tracker.region_base, (uint64_t)c->tracker.region_bytes };
	d->l2 = calloc(n, sizeof(*d->l2));
	d->l2_name = calloc(n, sizeof(*d->l2_name));
	if (!d->l2 || !d->l2_name)
		return lg_errf(e, "lgsim", 0, "out of memory");
	if (ports(&d->l2_req, &d->pl2_req, n, lg_xbar_port_depth(c, (uint32_t)c->xbar.req_latency), e) ||
	    ports(&d->l2_resp, &d->pl2_resp, n, lg_l2_out_depth(c), e))
		return -1;
	for (unsigned j = 0; j < n; j++) {
		lg_l2_params p;

		lg_l2_params_from_cfg(&p, c, (uint32_t)lg_mc_spec(d->mc)->request_bytes);
		p.id = j;
		p.hash = &d->hash;
		p.arena = d->tables;
		p.in = &d->l2_req[j];
		p.out = &d->l2_resp[j];
		p.mem = (lg_memside){ d->bridge, lg_membridge_try_push, lg_membridge_unit,
				      lg_membridge_units(d->bridge), lg_membridge_room, lg_membridge_wait,
				      lg_membridge_room_n, lg_membridge_unit_dec, lg_membridge_push_dec,
				      lg_membridge_room_first };
		if (c->tracker.observe) {
			p.wt = &d->wt;
			p.nwt = 1;
		}
		d->l2[j] = lg_l2_create(&p, e);
		if (!d->l2[j])
			return -1;
		d->nsl = j + 1;
		snprintf(d->l2_name[j], sizeof(d->l2_name[j]), "l2.%u", j);
	}
	if (lg_membridge_set_slices(d->bridge, (void *const *)d->l2, n))
		return lg_errf(e, "lgsim", 0, "out of memory");
	lg_xbar_params_from_cfg(&xp, c);
	xp.cus = d->ncu;
	xp.slices = n;
	xp.cu_req = d->pcu_req;
	xp.cu_resp = d->pcu_resp;
	xp.l2_req = d->pl2_req;
	xp.l2_resp = d->pl2_resp;
	xp.hash = &d->hash;
	d->l2clk = xp.clk;
	d->xbar = lg_xbar_create(&xp, e);
	return d->xbar ? 0 : -1;
}

/* The end of the last kernel: every L2 slice writes back its dirty lines,
 * so the run's DRAM bytes include the results still in the L2. */
static void flush_l2(void *ctx, lg_ps now)
{
	lg_die *d = ctx;

	(void)now;
	for (unsigned j = 0; j < d->nsl; j++) {
		lg_l2_flush(d->l2[j]);
		lg_wake_up(&d->l2_req[j].rx); /* the slice's own wake-up */
	}
}

/*
 * The compute side (die.cus > 0): the CUs (params from [cu]), the
 * crossbar and the L2 slices (from [l2], [xbar], die.l2_clock_mhz) on the
 * memory-side bridge (die/membridge.h) in front of the controllers, and
 * the kernel scheduler reading the kernel trace. -1 with e set.
 */
static int build_compute(lg_die *d, const lg_die_opts *o, lg_err *e)
{
	lg_ksched_params kp;

	if (build_cus(d, e) || build_l2_xbar(d, e))
		return -1;
	if (lg_ksched_params_from_cfg(d->cfg, &kp, e))
		return -1;
	d->ks = lg_ksched_create(&kp, o->traces[0], d->kformat, d->cus, d->ncu, e);
	if (!d->ks)
		return -1;
	lg_ksched_set_end_obs(d->ks, flush_l2, d);
	return 0;
}

/*
 * The tick order (see die.h): kernel scheduler, CUs, crossbar, L2 slices,
 * controllers, DMA engine, then the replay front (DRAM-only), tracker,
 * trigger sink.
 */
static void add_comps(lg_die *d)
{
	lg_comp c;

	if (d->ks) {
		lg_ksched_comp(d->ks, &c);
		add(d, c);
	}
	for (unsigned i = 0; i < d->ncu; i++) {
		lg_cu_comp(d->cus[i], &c);
		add(d, c);
	}
	if (d->xbar)
		add(d, (lg_comp){ &lg_xbar_comp_ops, d->xbar, "xbar", d->l2clk });
	for (unsigned j = 0; j < d->nsl; j++)
		add(d, (lg_comp){ &lg_l2_comp_ops, d->l2[j], d->l2_name[j], d->l2clk });
	for (unsigned k = 0; k < d->nmc; k++) /* with slices: their catch-up before each tick */
		add(d, d->nsl ? lg_membridge_mc_comp(d->bridge, k, d->mc_name[k])
			      : lg_mc_comp(d->mcs[k], d->mc_name[k]));
	if (d->dma) /* before the replay front: see die.h */
		add(d, lg_dma_comp(d->dma, "dma"));
	if (d->front)
		add(d, lg_replay_comp(d->front, "replay"));
	if (d->trk)
		add(d, lg_trk_comp(d->trk, "tracker"));
	if (d->sink)
		add(d, lg_trigsink_comp(d->sink, "trigsink"));
	if (d->tl)
		add(d, lg_dietl_comp(d->tl));
}

/*
 * sim.data and a DMA engine do not serve a die fed from outside (the
 * SystemC target). -1 with e naming the key.
 */
static int check_dma_data(const lg_cfg *cfg, const lg_die_opts *o, lg_err *e)
{
	if ((cfg->sim.data || cfg->dma.enable) && o->mc_sink)
		return lg_cfg_errf(cfg, cfg->sim.data ? LG_K_sim_data : LG_K_dma_enable, e,
				   "expected false on a die fed from outside (a SystemC target)");
	return 0;
}

/* The timeline's view of the DMA engine and the tracker's triggers. */
static void timeline_taps(lg_die *d)
{
	lg_trig_port inner, tap;

	if (d->dma)
		lg_dietl_set_dma(d->tl, d->dma);
	if (!d->trk)
		return;
	inner = d->dma ? lg_dma_trig_port(d->dma) : lg_trigsink_port(d->sink);
	tap = lg_dietl_trig_tap(d->tl, &inner);
	lg_trk_set_trig_port(d->trk, &tap);
}

/* Build every block from cfg; see die.h. */
lg_die *lg_die_create(const lg_cfg *cfg, const lg_die_opts *o, lg_err *e)
{
	lg_die *d = calloc(1, sizeof(*d));
	bool cus = cfg->die.cus > 0;
	lg_req_sink sink;

	if (!d)
		return lg_errf(e, "lgsim", 0, "out of memory"), NULL;
	d->index = o->index;
	d->cfg = cfg;
	if (check_trace_kind(cfg, o, &d->kformat, e))
		goto out_fail;
	if (o->trk_rec && !cfg->tracker.observe) {
		lg_cfg_errf(cfg, LG_K_tracker_observe, e, "--tracker-trace needs tracker.observe = true");
		goto out_fail;
	}
	if (cus && cfg->tracker.observe && cfg->die.mem_stacks > 1) {
		lg_cfg_errf(cfg, LG_K_tracker_observe, e,
			    "expected false on a die with die.mem_stacks > 1 (the tracker watches one controller)");
		goto out_fail;
	}
	d->maxcomps = FIXED_COMPS + (int)cfg->die.cus + (int)cfg->l2.slices + (int)cfg->die.mem_stacks;
	d->comps = calloc((size_t)d->maxcomps, sizeof(*d->comps));
	d->pool = lg_reqpool_create();
	if (!d->pool || !d->comps) {
		lg_errf(e, "lgsim", 0, "out of memory");
		goto out_fail;
	}
	if (check_dma_data(cfg, o, e))
		goto out_fail;
	d->traces = o->traces;
	d->ntraces = o->ntraces;
	d->format = o->format;
	if (cfg->sim.data && !(d->mem = lg_dmem_create())) {
		lg_errf(e, "lgsim", 0, "out of memory");
		goto out_fail;
	}
	if (cus || cfg->dma.enable) {
		lg_membridge *b = lg_membridge_create(cus ? (unsigned)cfg->die.mem_stacks : 1,
						      (uint64_t)cfg->die.stack_interleave_bytes, d->pool);

		if (!b) {
			lg_errf(e, "lgsim", 0, "out of memory");
			goto out_fail;
		}
		*(cus ? &d->bridge : &d->dbridge) = b;
		if (cus)
			lg_membridge_set_unit_hash(b, cfg->die.mem_unit_hash);
		sink = (lg_req_sink){ b, lg_membridge_done };
	} else {
		sink = o->mc_sink ? *o->mc_sink : (lg_req_sink){ d->pool, lg_reqpool_done };
	}
	if (build_mcs(d, &sink, e))
		goto out_fail;
	if (d->dbridge)
		lg_membridge_set_mc(d->dbridge, 0, d->mc);
	for (unsigned k = 0; k < d->nmc; k++) {
		if (d->bridge)
			lg_membridge_set_mc(d->bridge, k, d->mcs[k]);
		if (o->cmdlog && k == 0)
			lg_mc_set_cmdlog(d->mcs[k], o->cmdlog);
	}
	if (o->arb_rec && (!(d->arb_rec = lg_carb_rec_on(o->arb_rec, e)) ||
			   lg_mc_set_carb_rec(d->mcs[0], 0, d->arb_rec, e)))
		goto out_fail;
	if (cus ? build_compute(d, o, e) : build_front(d, o, e))
		goto out_fail;
	if (cfg->dma.enable && build_dma(d, e))
		goto out_fail;
	if (cfg->tracker.observe && build_tracker(d, o, e))
		goto out_fail;
	if (d->mem && d->front) {
		lg_wobs tee = { d, tee_room, tee_put };

		lg_replay_set_observer(d->front, &tee);
	}
	if (d->mem && d->bridge) {
		lg_wobs so = { d, NULL, slice_put };

		lg_membridge_set_src_observer(d->bridge, &so);
	}
	if (o->tl && !d->ks) {
		lg_cfg_errf(cfg, LG_K_die_cus, e,
			    "--timeline needs a die with CUs (die.cus > 0); a DRAM-only die has no timeline");
		goto out_fail;
	}
	if (o->tl) {
		d->tl = lg_dietl_create(d, d->ks, o->tl,
					(lg_ps)(cfg->sim.timeline_interval_ns * 1000.0 + 0.5));
		if (!d->tl) {
			lg_errf(e, "lgsim", 0, "out of memory");
			goto out_fail;
		}
		timeline_taps(d);
	}
	add_comps(d);
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
	lg_dma_destroy(d->dma);
	lg_membridge_destroy(d->dbridge);
	lg_dmem_destroy(d->mem);
	lg_trk_destroy(d->trk);
	lg_carb_rec_close(d->arb_rec, NULL);
	lg_replay_destroy(d->front);
	for (int i = 0; i < d->nfiles; i++)
		lg_dtrace_src_close(d->files[i]);
	free(d->files);
	lg_dietl_destroy(d->tl);
	lg_ksched_destroy(d->ks);
	lg_xbar_destroy(d->xbar);
	for (unsigned j = 0; j < d->nsl; j++)
		lg_l2_destroy(d->l2[j]);
	free(d->l2);
	free(d->l2_name);
	ports_free(d->l2_req, d->pl2_req, (unsigned)d->cfg->l2.slices);
	for (unsigned i = 0; i < d->ncu; i++)
		lg_cu_destroy(d->cus[i]);
	lg_zarena_destroy(d->tables);
	free(d->cus);
	ports_free(d->cu_req, d->pcu_req, (unsigned)d->cfg->die.cus);
	ports_free(d->cu_resp, d->pcu_resp, (unsigned)d->cfg->die.cus);
	ports_free(d->l2_resp, d->pl2_resp, (unsigned)d->cfg->l2.slices);
	for (unsigned k = 0; k < d->nmc; k++)
		lg_mc_destroy(d->mcs[k]);
	free(d->mcs);
	free(d->mc_name);
	free(d->stack_cfg);
	lg_membridge_destroy(d->bridge);
	lg_reqpool_destroy(d->pool);
	free(d->comps);
	free(d);
}

/* Component i's wake-up in l; none when l is NULL. */
static lg_wake waker(lg_loop *l, int i)
{
	lg_wake none = { 0 };

	return l ? lg_loop_waker(l, i) : none;
}

/*
 * Wire the wake-ups of the compute side to loop l, whose component base is
 * the die's first (l NULL: unwire). The kernel scheduler, CUs, crossbar
 * and slices are woken components: their ports wake both ends, a CTA's
 * end wakes the scheduler, a dispatched CTA its CU and a DRAM completion
 * its slice. Tick order: ksched, CUs, xbar, slices.
 */
static void wire(lg_die *d, lg_loop *l, int base)
{
	int cu0 = base + 1, xb = cu0 + (int)d->ncu, sl0 = xb + 1;
	lg_wake kw = waker(l, base), xw;

	lg_ksched_set_waker(d->ks, &kw);
	for (unsigned i = 0; i < d->ncu; i++) {
		lg_wake w = waker(l, cu0 + (int)i);

		d->cu_req[i].tx = w;
		d->cu_resp[i].tx = waker(l, xb);
		d->cu_resp[i].rx = w;
		lg_cu_set_waker(d->cus[i], &w);
	}
	for (unsigned j = 0; j < d->nsl; j++) {
		lg_wake w = waker(l, sl0 + (int)j);

		d->l2_req[j].tx = waker(l, xb);
		d->l2_req[j].rx = w;
		d->l2_resp[j].tx = w;
		lg_membridge_set_waker(d->bridge, j, &w);
	}
	xw = waker(l, xb);
	lg_xbar_set_waker(d->xbar, &xw); /* the xbar holds the rx of cu_req and l2_resp */
}

int lg_die_attach(lg_die *d, lg_loop *l)
{
	int base = lg_loop_ncomps(l);
	bool woken = d->ks && d->xbar;

	for (int i = 0; i < d->ncomps; i++) {
		const lg_comp *c = &d->comps[i];
		const char *k = c->ops->kind;

		if (woken && (!strcmp(k, "ksched") || !strcmp(k, "cu") || !strcmp(k, "xbar") ||
			      !strcmp(k, "l2"))
		    ? lg_loop_add_woken(l, c) : lg_loop_add(l, c))
			return -1;
	}
	if (woken)
		wire(d, l, base);
	return 0;
}

void lg_die_detach(lg_die *d)
{
	if (d->ks && d->xbar)
		wire(d, NULL, 0);
}

const lg_comp *lg_die_comps(const lg_die *d, int *n)
{
	*n = d->ncomps;
	return d->comps;
}

static int data_check(lg_die *d, lg_err *e);

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
	lg_die_detach(d);
	lg_loop_destroy(l);
	if (rc == 0 && d->ks && lg_ksched_error(d->ks, e))
		rc = -1;
	if (rc == 0 && d->mem && !res->watchdog && !res->interrupted)
		rc = data_check(d, e);
	return rc;
}

/* The data check (die.h): the reference from the same inputs, compared bit for bit. */
static int data_check(lg_die *d, lg_err *e)
{
	lg_dcheck_in in = { d->cfg, d->traces, d->ntraces, d->format, d->index,
			    (uint32_t)lg_mc_spec(d->mc)->request_bytes, d->ks != NULL };

	if (d->data.oom)
		return lg_errf(e, "lgsim", 0, "out of memory (data-carrying mode)");
	if (lg_dcheck_run(&in, d->mem, &d->data.res, e))
		return -1;
	d->data.checked = true;
	return 0;
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

const lg_dma *lg_die_dma(const lg_die *d)
{
	return d->dma;
}

const lg_dcheck_res *lg_die_data(const lg_die *d)
{
	return d->data.checked ? &d->data.res : NULL;
}

lg_ps lg_die_trace_done(const lg_die *d)
{
	return d->front ? lg_reqpool_last_done(d->pool) : 0;
}

uint64_t lg_die_requests(const lg_die *d)
{
	if (d->bridge)
		return lg_membridge_pushed(d->bridge);
	return d->front ? lg_replay_pushed(d->front) : 0;
}

unsigned lg_die_nmc(const lg_die *d)
{
	return d->nmc;
}

lg_mc *lg_die_mc_at(const lg_die *d, unsigned k)
{
	return d->mcs[k];
}

const lg_ksched *lg_die_ksched(const lg_die *d)
{
	return d->ks;
}

unsigned lg_die_ncu(const lg_die *d)
{
	return d->ncu;
}

const lg_cu *lg_die_cu(const lg_die *d, unsigned i)
{
	return d->cus[i];
}

unsigned lg_die_nslices(const lg_die *d)
{
	return d->nsl;
}

const lg_l2 *lg_die_l2(const lg_die *d, unsigned j)
{
	return d->l2[j];
}

const lg_xbar *lg_die_xbar(const lg_die *d)
{
	return d->xbar;
}
