/*
 * lg_die: one Lite-GPU die, built from a config by lg_die_create -- the
 * one place that decides which blocks a die has, gives each its own
 * params (filled from the lg_cfg here, so no block reads the whole config
 * on its hot path) and wires them together. It owns its blocks; a loop
 * (die/loop.h) runs them: lg_die_attach adds the die's components to a
 * loop in the die's tick order, so several dies (and, later, the links
 * between them) can share one loop. There are no globals: any number of
 * dies may live in one process.
 *
 * What a die has (docs/architecture.md, "The die and its loop"):
 *  - a request pool (core/lg_reqpool.h);
 *  - its memory controllers (mc/mc.h, as components by die/mc_comp.h): one
 *    on a DRAM-only die, die.mem_stacks on a die with CUs;
 *  - die.cus = 0, a DRAM-only die: a replay front (die/replay.h) feeding
 *    the controller from the DRAM trace files in lg_die_opts; the pool is
 *    the controller's completion sink;
 *  - die.cus > 0: the kernel scheduler (ksched/) reading the one kernel
 *    trace in lg_die_opts, the CUs (cu/), the crossbar (xbar/), the L2
 *    slices (l2/) and the memory-side bridge (die/membridge.h) that the
 *    slices push their DRAM requests into and that routes completions;
 *  - with tracker.observe: the tracker (die/trk.h) on the writes the
 *    controller accepts; its triggers go to the DMA engine when there is
 *    one, else to a trigger sink (die/trigsink.h); on a die with CUs the
 *    L2 slices write the tracked region through (l2.h, lg_l2_range);
 *  - with dma.enable: the DMA engine (dma/dma.h) on the memory-side bridge
 *    (a DRAM-only die gets a bridge for the engine alone), connected to
 *    itself (the destination of its transfers is its own memory);
 *  - with sim.data: the bytes of its memory (dma/dmem.h), written by the
 *    replay's writes (a die with CUs: the slices' writes, through the
 *    bridge's source observer) and the engine, and checked after the run
 *    against a reference (die/dcheck.h).
 * Tick order: kernel scheduler, CUs, crossbar, L2 slices, memory
 * controllers, DMA engine, replay front, tracker, trigger sink. The DMA
 * engine comes before the replay front so that a queue slot a controller
 * frees in a cycle is offered to the engine's one read first, as it is on
 * a die with CUs (the L2 slices push before the controllers tick); a
 * front that refills every freed slot first would starve the engine. A CTA dispatched in a
 * step issues in that step; a request a CU pushes at now may cross the
 * crossbar in the same step when its port latency allows it; a request
 * pushed into a controller in cycle c is scheduled from cycle c + 1; a
 * write accepted in cycle c can be observed in cycle c. A kernel trace on
 * a DRAM-only die, or a DRAM trace on a die with CUs, is refused.
 */
#ifndef LG_DIE_H
#define LG_DIE_H

#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_timeline.h"
#include "die/loop.h"
#include "die/trk.h"
#include "die/dcheck.h"
#include "dma/dma.h"
#include "cu/cu.h"
#include "ksched/ksched.h"
#include "l2/l2.h"
#include "mc/cmdlog.h"
#include "mc/mc.h"
#include "xbar/xbar.h"

typedef struct lg_die lg_die;

/* The data check of a die in data-carrying mode. */
typedef struct lg_die_datachk {
	bool oom;                        /* the store ran out of memory mid-run */
	bool checked;                    /* res holds the comparison */
	lg_dcheck_res res;
} lg_die_datachk;

/* What the caller (the CLI, a cluster builder, a test) gives a die. */
typedef struct lg_die_opts {
	unsigned index;                  /* its number in the process (stats dies[index]) */
	const char *const *traces;       /* DRAM-only die: trace files, one replay source each */
	int ntraces;
	const char *format;              /* trace format name; NULL = detect */
	lg_cmdlog *cmdlog;               /* every DRAM command (NULL: none); not owned */
	FILE *trk_rec;                   /* tracker recording (NULL: none); not owned */
	FILE *arb_rec;                   /* class-arbiter recording of the first controller's
					    unit 0 (NULL: none); not owned */
	/* The controller's completion sink when a front outside the die pushes
	 * into lg_die_mc (the SystemC target); NULL: the die's request pool. */
	const lg_req_sink *mc_sink;
	lg_tl *tl;                       /* --timeline (die/dietl.h; dies with CUs); not owned */
} lg_die_opts;

/*
 * Build a die from cfg (cfg must outlive it). NULL with e set: a one-line
 * message naming the key, file or trace that is wrong.
 */
lg_die *lg_die_create(const lg_cfg *cfg, const lg_die_opts *o, lg_err *e);
void lg_die_destroy(lg_die *d);

/*
 * Add the die's components to l, in the die's tick order; the CUs,
 * crossbar and L2 slices join as woken components (core/lg_comp.h) with
 * their ports' and callers' wake-ups wired to l. -1 when out of memory.
 * A die is attached to one loop at a time: lg_die_detach before l is
 * destroyed if the die is ticked again afterwards.
 */
int lg_die_attach(lg_die *d, lg_loop *l);
/* Unwire the wake-ups lg_die_attach wired (lg_die_run does it). */
void lg_die_detach(lg_die *d);

/* Its components in tick order (*n receives the count). */
const lg_comp *lg_die_comps(const lg_die *d, int *n);

/*
 * Run this die alone in a loop of its own until it is done (o: watchdog,
 * progress line, stop flag; its count is filled by the die). 0 or -1
 * with e set, as lg_loop_run.
 */
int lg_die_run(lg_die *d, const lg_loop_opts *o, lg_loop_result *res, lg_err *e);

/* For the reports. */
unsigned lg_die_index(const lg_die *d);
const lg_cfg *lg_die_cfg(const lg_die *d);
lg_mc *lg_die_mc(const lg_die *d);
const lg_trk *lg_die_trk(const lg_die *d);     /* NULL without tracker.observe */
const lg_dma *lg_die_dma(const lg_die *d);     /* NULL without dma.enable */
/* The data check after lg_die_run (sim.data); NULL when not run. */
const lg_dcheck_res *lg_die_data(const lg_die *d);
/* DRAM-only die: when the last request of its trace sources completed (0: none). */
lg_ps lg_die_trace_done(const lg_die *d);
/* Requests its sources pushed into the memory side. */
uint64_t lg_die_requests(const lg_die *d);
/* Its memory controllers, one per stack (lg_die_mc is the first). */
unsigned lg_die_nmc(const lg_die *d);
lg_mc *lg_die_mc_at(const lg_die *d, unsigned k);
/* The compute side; NULL / 0 on a DRAM-only die. */
const lg_ksched *lg_die_ksched(const lg_die *d);
unsigned lg_die_ncu(const lg_die *d);
const lg_cu *lg_die_cu(const lg_die *d, unsigned i);
unsigned lg_die_nslices(const lg_die *d);
const lg_l2 *lg_die_l2(const lg_die *d, unsigned j);
const lg_xbar *lg_die_xbar(const lg_die *d);

#endif
