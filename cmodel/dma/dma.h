/*
 * lg_dma: the DMA engine of a die (docs/dma.md). It takes descriptors --
 * the tracker's triggers through a valid/ready trigger port (die/trk.h),
 * and transfers given in the config -- into a bounded queue, splits each
 * into bursts of one DRAM request, reads every burst from its own die's
 * memory side as class COMM, and sends it through the destination port of
 * the descriptor's die. The engine at the other end of that port (the
 * same engine for a transfer within its die) writes the burst (copy) or
 * reduces it (NMC with the descriptor's dtype) into its memory side.
 *
 * Ports and push-back, hop by hop:
 *  - trigger port: ready while the descriptor queue has room;
 *  - memory side: a refused read is retried at the next cycle (the engine
 *    issues at most one read per cycle, descriptor after descriptor; within
 *    one, bursts interleaved over chunks of `interleave` bytes);
 *  - bursts in flight are bounded by max_bursts credits, from the read's
 *    issue until the burst lands at the destination;
 *  - destination port: a pipe of link_depth bursts with a bandwidth
 *    (one burst's bytes serialise at link_GBps) and a latency; full, the
 *    sender keeps the burst;
 *  - receive side: at most rx_outstanding bursts in the destination's
 *    controller; a refused write or NMC stays at the head of the port.
 * A port is an lg_port owned by the receiving engine; lg_dma_connect wires
 * a sender to it by destination die, so two dies in one process are two
 * engines connected both ways and a die reaches its own memory through
 * its own port.
 *
 * Completions come back through lg_dma_done (the memory side's sink for
 * src_kind LG_SRC_DMA, the engine's reads, and LG_SRC_LINK, the bursts it
 * received). The engine runs on the memory clock, after the controllers in
 * the die's order.
 *
 * Data-carrying mode (lg_dma_set_mem): a read captures the burst's bytes
 * from the store when the controller accepts it, and the write or NMC
 * applies them when the destination controller accepts it -- the
 * controller's queues are the point where memory changes (a later read
 * sees an accepted write, as with write-queue forwarding).
 */
#ifndef LG_DMA_H
#define LG_DMA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_err.h"
#include "core/lg_port.h"
#include "core/lg_req.h"
#include "core/lg_time.h"
#include "die/trk.h"
#include "dma/dmem.h"

#define LG_DMA_MAX_DIES 64

/* The memory side the engine pushes into (the die's membridge). */
typedef struct lg_dma_mem {
	void *ctx;
	bool (*try_push)(void *ctx, lg_req *r, lg_ps now); /* false: not now */
} lg_dma_mem;

/* One transfer. */
typedef struct lg_dma_desc {
	uint64_t src, dst, bytes;
	unsigned die;           /* destination die */
	unsigned op;            /* 0 copy, 1 NMC reduction */
	lg_dtype dtype;         /* of an NMC reduction */
} lg_dma_desc;

typedef struct lg_dma_params {
	unsigned die;           /* its die's index */
	unsigned queue_depth;   /* descriptors queued or in progress */
	unsigned max_bursts;    /* credits: bursts from read issue to landing */
	unsigned rx_outstanding;/* received bursts in the controller at once */
	uint32_t burst_bytes;   /* one DRAM request */
	uint32_t interleave;    /* issue order: one burst per chunk of this many bytes in turn (0: address order) */
	lg_ps period;           /* its clock (the memory clock) */
	double link_GBps;       /* its receive port's bandwidth ... */
	lg_ps link_latency;     /* ... and latency */
	unsigned link_depth;    /* ... and entries */
} lg_dma_params;

/* What the run reports (stats JSON dies[i].dma, docs/stats.md). */
typedef struct lg_dma_stats {
	uint64_t descriptors;      /* accepted into the queue */
	uint64_t desc_done;        /* every burst landed */
	uint64_t triggers;         /* ... of the accepted, from the trigger port */
	uint64_t bursts;           /* reads accepted by the memory side */
	uint64_t bytes_read;       /* bytes of those reads */
	uint64_t bytes_sent;       /* bytes pushed into a destination port */
	uint64_t read_refused;     /* cycles a read was refused (memory-side push-back) */
	uint64_t credit_waits;     /* cycles work waited for a credit (max_bursts) */
	uint64_t port_full;        /* cycles a burst waited: destination port full */
	uint64_t queue_full;       /* trigger/config offers refused: queue full */
	uint64_t queue_delay_ps;   /* sum over descriptors: accepted -> first read accepted */
	uint64_t queue_delay_max_ps;
	uint64_t latency_ps;       /* sum over descriptors: accepted -> last burst landed */
	uint64_t latency_max_ps;
	lg_ps first_done, last_done; /* descriptors completed (0: none) */
	/* receive side */
	uint64_t rx_bursts;        /* bursts landed: write or NMC done */
	uint64_t rx_bytes_copy, rx_bytes_nmc;
	uint64_t rx_refused;       /* cycles a burst was refused by the controller */
	lg_ps rx_last;             /* last burst landed */
} lg_dma_stats;

typedef struct lg_dma lg_dma;

/* An engine on mem; NULL with e set. */
lg_dma *lg_dma_create(const lg_dma_params *p, const lg_dma_mem *mem, lg_err *e);
void lg_dma_destroy(lg_dma *d);

/* Send bursts for die to the receive port of engine to (may be d itself). -1: die out of range. */
int lg_dma_connect(lg_dma *d, unsigned die, lg_dma *to);
/* Data-carrying mode: the store of its die (NULL: timing only). -1: out of memory. */
int lg_dma_set_mem(lg_dma *d, lg_dmem *m);

/* Its descriptor queue as the tracker's trigger port. */
lg_trig_port lg_dma_trig_port(lg_dma *d);
/* Offer a descriptor at now; false when the queue is full (push-back). */
bool lg_dma_submit(lg_dma *d, const lg_dma_desc *x, lg_ps now);
/* Descriptors offered from time 0 on, in order, as the queue has room (copied). -1: out of memory. */
int lg_dma_preload(lg_dma *d, const lg_dma_desc *x, unsigned n);

/* The memory side's completion sink for LG_SRC_DMA and LG_SRC_LINK requests (ctx = engine). */
void lg_dma_done(void *ctx, lg_req *r);

/* Descriptor events for the timeline: called when a descriptor completes (slot: its queue slot). */
typedef void (*lg_dma_desc_cb)(void *ctx, const lg_dma_desc *x, unsigned slot, lg_ps accepted,
			       lg_ps done);
void lg_dma_set_desc_cb(lg_dma *d, lg_dma_desc_cb cb, void *ctx);

lg_comp lg_dma_comp(lg_dma *d, const char *name);
const lg_dma_stats *lg_dma_stats_get(const lg_dma *d);
/* Parse dma.descriptors ("SRC:DST:BYTES:OP,..."); n receives the count. -1 with what set. */
int lg_dma_parse(const char *s, unsigned die, lg_dma_desc *out, unsigned max, unsigned *n,
		 const char **what);

#endif
