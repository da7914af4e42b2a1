/*
 * lg_xbar: the crossbar between the CUs and the L2 slices of one die,
 * clocked with the L2 (die.l2_clock_mhz). docs/l2.md has the model.
 *
 * Two independent directions, each a set of inputs and outputs joined by
 * bounded ports (core/lg_port.h) that the die builder creates:
 *  - request:  cu_req[i]  (CU i -> crossbar)  to l2_req[s]  (crossbar ->
 *    slice s), routed by the slice hash of r->addr;
 *  - response: l2_resp[s] (slice s -> crossbar) to cu_resp[i] (crossbar ->
 *    CU i), routed by r->src_id (the CU index). The request pointer that
 *    came in is the one that goes back.
 * Each cycle every output takes at most one packet, from the inputs whose
 * head is for it and ready, in round-robin order (the input after the
 * last winner of that output first); each input sends at most one packet
 * per cycle. With input_window 1 that is its head, and a blocked head
 * blocks its input (a FIFO input). With input_window N > 1 further rounds
 * in the same cycle offer entry k (k = 1 .. N - 1, oldest first) of the
 * inputs that have not sent to the outputs that have not taken one, an
 * entry only if no earlier entry of its input goes to the same output
 * (per input and output the order is kept), and no entry behind one that
 * is not yet ready (docs/l2.md, "Input window"). An output link
 * moves bytes_per_cycle bytes per cycle: it may start a packet in a cycle
 * when less than one cycle's worth of earlier packets is still to move
 * (backlog < bytes_per_cycle), so it sustains exactly bytes_per_cycle.
 * A packet is its data (RD responses, WR and NMC requests: r->size bytes)
 * or ctrl_bytes (RD requests, WR and NMC acknowledgements). A packet sent
 * in cycle c may be taken from the output port from cycle c + latency;
 * the port holds it meanwhile, so an output port needs at least latency
 * entries to sustain one packet per cycle (lg_xbar_port_depth).
 * A full output port pushes back: the packet stays at its input.
 */
#ifndef LG_XBAR_H
#define LG_XBAR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_port.h"
#include "core/lg_time.h"
#include "l2/l2_hash.h"

typedef struct lg_xbar lg_xbar;

typedef struct lg_xbar_params {
	uint32_t cus, slices;
	lg_port **cu_req;              /* [cus] in, request direction */
	lg_port **cu_resp;             /* [cus] out, response direction */
	lg_port **l2_req;              /* [slices] out, request direction */
	lg_port **l2_resp;             /* [slices] in, response direction */
	const lg_l2_hash *hash;        /* slice of an address (kept, not copied) */
	uint32_t req_bytes_per_cycle;  /* per output (slice) link */
	uint32_t resp_bytes_per_cycle; /* per output (CU) link */
	uint32_t req_latency;          /* cycles, CU to slice */
	uint32_t resp_latency;         /* cycles, slice to CU */
	uint32_t ctrl_bytes;           /* a packet without data */
	uint32_t input_window;         /* entries of each input the arbiter considers (>= 1) */
	lg_clock clk;                  /* the L2 clock */
} lg_xbar_params;

/* Counters of one direction. */
typedef struct lg_xbar_dir_stats {
	uint64_t packets;
	uint64_t bytes;        /* data and control bytes moved */
	uint64_t data_bytes;   /* of which data */
	uint64_t conflicts;    /* a ready head lost its output to another input (per cycle) */
	uint64_t link_stalls;  /* a ready head waited for its output link's bandwidth (per cycle) */
	uint64_t full_stalls;  /* a ready head waited for room in its output port (per tick) */
	uint64_t bypasses;     /* packets taken from behind their input's head (input_window > 1) */
} lg_xbar_dir_stats;

typedef struct lg_xbar_stats {
	lg_xbar_dir_stats req, resp;
} lg_xbar_stats;

/*
 * The timing fields of p from cfg ([xbar] keys, die.l2_clock_mhz); the
 * caller sets the counts, ports and hash.
 */
void lg_xbar_params_from_cfg(lg_xbar_params *p, const lg_cfg *cfg);

/* Output port depth for a direction of latency cycles (latency + xbar.queue_depth). */
uint32_t lg_xbar_port_depth(const lg_cfg *cfg, uint32_t latency);

/*
 * NULL with e set on bad parameters or no memory. The crossbar takes over
 * the receiver wake-ups (rx) of its input ports (cu_req, l2_resp) to know
 * which inputs hold entries; the caller must not set them afterwards
 * (lg_xbar_set_waker wires the crossbar itself to a loop).
 */
lg_xbar *lg_xbar_create(const lg_xbar_params *p, lg_err *e);

/* Wake w (the crossbar's component in a loop; fn NULL: none) whenever an input port gets an entry. */
void lg_xbar_set_waker(lg_xbar *x, const lg_wake *w);
void lg_xbar_destroy(lg_xbar *x);

bool lg_xbar_tick(lg_xbar *x, lg_ps now);
lg_ps lg_xbar_next(const lg_xbar *x, lg_ps now);
bool lg_xbar_busy(const lg_xbar *x);
void lg_xbar_dump(const lg_xbar *x, FILE *f, lg_ps now);
/* Copy the counters of both directions into *st. */
void lg_xbar_stats_get(const lg_xbar *x, lg_xbar_stats *st);

/* The component table (self is an lg_xbar *). */
extern const lg_comp_ops lg_xbar_comp_ops;

#endif
