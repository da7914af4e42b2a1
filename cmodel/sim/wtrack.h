/*
 * lg_wtrack: the T3 tracker (cmodel/tracker) attached to the writes of one
 * die's memory controller in a DRAM-only run (`[tracker] observe = true`).
 *
 * What it models (docs/tracker.md, "In lgsim run"):
 *  - Observation point: a write is observed in the memory-clock cycle of
 *    its last data beat (lg_req.t_done), when its bytes are in the DRAM, so
 *    a trigger never lets a DMA read a tile before it is written. Unit u
 *    (channel * pseudo-channels + pc) drives observe port u; a unit commits
 *    at most one write burst per cycle, so each port sees at most one write
 *    per cycle, as DESIGN.md says.
 *  - The tracker compares the low tracker.addr_width address bits, as the
 *    RTL does; the tracked buffer must fit that window.
 *  - Programming: the buffer [region_base, region_base + region_bytes) is
 *    split into tiles of tile_bytes. Tile i is offered to the table from the
 *    cycle after tile i-1 was taken (from cycle 0 for tile 0) and waits while
 *    the table is full; each entry expects its tile's bytes and carries a
 *    copy descriptor to peer_die at the same address. A write to a tile not
 *    programmed yet is a miss, as in hardware: an undersized table shows up
 *    as tiles that never trigger.
 *  - The DMA engine is not modelled yet (roadmap): trig_ready is held high,
 *    so every trigger is taken in the cycle it is presented.
 * The tracker is stepped only on cycles with a write, a program it can take
 * or a trigger; between them it idles unchanged, so the run's event loop
 * still jumps over idle time.
 *
 * Recording: every program and observed write is written (if a FILE is
 * given) in the replay format of `lgsim cosim tracker --trace`, so the run's
 * exact observe-port activity can be replayed against the RTL in lockstep.
 */
#ifndef LG_WTRACK_H
#define LG_WTRACK_H

#include <stdint.h>
#include <stdio.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "mc/mc.h"
#include "tracker/tracker.h"

typedef struct lg_wtrack lg_wtrack;

/* What the run reports about the tracker (stats JSON "tracker"). */
typedef struct lg_wtrack_stats {
	uint64_t tiles;            /* tiles in the region */
	uint64_t triggers;         /* triggers taken (= tiles complete) */
	uint64_t first_trigger;    /* memory-clock cycle of the first, 0 if none */
	uint64_t last_trigger;     /* ... of the last */
	uint64_t port_collisions;  /* writes moved one cycle: port busy (expected 0) */
	uint64_t prog_wait_idle;   /* idle cycles skipped with a program refused */
} lg_wtrack_stats;

/*
 * A tracker from cfg's [tracker] keys (cfg must outlive it). Completions
 * are passed on to inner. rec (may be NULL) receives the replay recording.
 * NULL with e naming the config key on a contradiction.
 */
lg_wtrack *lg_wtrack_create(const lg_cfg *cfg, const lg_req_sink *inner, FILE *rec, lg_err *e);
void lg_wtrack_destroy(lg_wtrack *w);

/* The sink to build the controller with: observes writes, forwards all. */
lg_req_sink lg_wtrack_sink(lg_wtrack *w);

/*
 * Attach it to the controller built with its sink: the address map finds
 * each write's unit (port), the spec gives the clock. -1 with e naming the
 * key when the controller has more units than tracker.ports, or requests
 * over 255 bytes.
 */
int lg_wtrack_attach(lg_wtrack *w, const lg_mc *mc, lg_err *e);

/* After the run: step until no program it can take and no trigger is left. */
void lg_wtrack_finish(lg_wtrack *w);

const lg_wtrack_stats *lg_wtrack_stats_get(const lg_wtrack *w);
/* The tracker's own counters (observed, misses, fires, prog_full...). */
const lg_tracker_stats *lg_wtrack_tracker_stats(const lg_wtrack *w);
/* Its parameters (entries, ports, widths). */
const lg_tracker_params *lg_wtrack_params(const lg_wtrack *w);

#endif
