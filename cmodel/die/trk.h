/*
 * lg_trk: the T3 tracker (cmodel/tracker) as a ticked component of a die,
 * watching the writes its memory controller accepts (`[tracker] observe =
 * true`, docs/tracker.md "In lgsim run"). This file is the only user of
 * tracker/tracker.h in the die: a thin wrapper, so that changes to the
 * tracker's API stay here.
 *
 * Observe ports: unit u (channel x pseudo-channels + pc) of the controller
 * drives observe port u. The die's memory-side front reports every write
 * the controller accepts (lg_trk_wobs, the replay's write observer) into a
 * bounded FIFO per port (obs_depth entries). Rule: at each memory-clock
 * edge the tracker takes at most one write from the head of each port's
 * FIFO and presents it with the bytes it carries; a write accepted in
 * cycle c is observed in cycle c when its port FIFO was empty (the tracker
 * ticks after the front in the die's order), else when the writes before
 * it have gone. When a port's FIFO is full the front holds the next write
 * to that unit back (push-back; it retries at the next cycle), so a write
 * is never lost and the controller never accepts a write the tracker
 * cannot see.
 *
 * Programming: the buffer [region_base, region_base + region_bytes) is
 * split into tiles of tile_bytes. Tile i is offered to the table from the
 * cycle after tile i-1 was taken (from cycle 0 for tile 0) and waits while
 * the table is full; each entry expects its tile's bytes (or expect, to
 * plant an early trigger) and carries a descriptor to peer_die: a copy or
 * an NMC reduction (op, dtype) to the tile's own address or, with
 * dst_base >= 0, to dst_base + i x tile_bytes.
 *
 * Triggers: a real valid/ready handshake with a trigger port (lg_trig_port:
 * the DMA engine, or the trigger sink on a die without one): trig_ready is the port's
 * ready() at the edge, and a trigger taken at that edge is put() into it.
 *
 * Clocking: the tracker steps only at edges with a write to observe, a
 * program the table can take or a trigger presented; between them it is
 * unchanged and the loop jumps over it.
 *
 * Recording: every program and observed write is written (if a FILE is
 * given) in the replay format of `lgsim cosim tracker --trace`.
 */
#ifndef LG_TRK_H
#define LG_TRK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_err.h"
#include "core/lg_time.h"
#include "die/replay.h"
#include "tracker/tracker.h"

/* One trigger as it leaves the tracker: a DMA descriptor. */
typedef struct lg_trig {
	unsigned idx;         /* table entry */
	uint64_t base;        /* tracked range (low addr_width bits) ... */
	uint64_t len;         /* ... and its bytes: the transfer */
	unsigned die;         /* destination die */
	uint64_t dst;         /* destination address */
	unsigned op, dtype;   /* 0 copy / 1 NMC reduction, its dtype */
	bool last;            /* no re-arm left */
} lg_trig;

/* A consumer of triggers (valid/ready). */
typedef struct lg_trig_port {
	void *ctx;
	bool (*ready)(const void *ctx);
	void (*put)(void *ctx, const lg_trig *t, lg_ps now);
} lg_trig_port;

/* What the die builder gives it (checked by the builder against the config). */
typedef struct lg_trk_params {
	lg_tracker_params t;      /* entries, ports, address and count widths */
	uint64_t region_base, region_bytes, tile_bytes;
	unsigned peer_die;
	int64_t dst_base;         /* tile i's destination: dst_base + i x tile_bytes; < 0: its own address */
	unsigned op, dtype;       /* the descriptor's op (0 copy, 1 NMC) and dtype (0 fp32 .. 3 fp8-e4m3) */
	uint64_t expect;          /* bytes an entry waits for; 0 = its tile's */
	unsigned units;           /* observe ports in use (<= t.ports) */
	unsigned obs_depth;       /* entries per observe-port FIFO (>= 1) */
	lg_ps tck;                /* its clock: the memory controller's */
} lg_trk_params;

/* What the run reports (stats JSON "tracker"); cycles are memory cycles. */
typedef struct lg_trk_stats {
	uint64_t tiles;            /* tiles in the region */
	uint64_t triggers;         /* triggers taken */
	uint64_t first_trigger;    /* cycle of the first, 0 if none */
	uint64_t last_trigger;     /* ... of the last */
	uint64_t port_waits;       /* writes observed one or more cycles after acceptance */
	uint64_t obs_full;         /* cycles a write was held back: its port FIFO full */
	uint64_t prog_wait_idle;   /* idle cycles skipped with a program refused */
} lg_trk_stats;

typedef struct lg_trk lg_trk;

/* A tracker; rec (may be NULL) receives the replay recording. NULL with e set. */
lg_trk *lg_trk_create(const lg_trk_params *p, FILE *rec, lg_err *e);
void lg_trk_destroy(lg_trk *w);

/* Where its triggers go (before the run). */
void lg_trk_set_trig_port(lg_trk *w, const lg_trig_port *p);

/* Its observe ports as the front's write observer. */
lg_wobs lg_trk_wobs(lg_trk *w);

/* The component (name is kept, not copied). */
lg_comp lg_trk_comp(lg_trk *w, const char *name);

const lg_trk_stats *lg_trk_stats_get(const lg_trk *w);
/* The tracker's own counters (observed, misses, fires, prog_full...). */
const lg_tracker_stats *lg_trk_tracker_stats(const lg_trk *w);
/* Its parameters (entries, ports, widths). */
const lg_tracker_params *lg_trk_tparams(const lg_trk *w);

#endif
