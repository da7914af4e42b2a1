/*
 * lg_tracker: C model of the T3 DMA tracker, cycle-exact with rtl/tracker.sv.
 *
 * The behaviour contract (ports, programming model, corners, timing) is
 * docs/tracker.md. In short: a table of entries, each an address range with
 * an expected byte count and a DMA descriptor; up to `ports` observed writes
 * per cycle; an entry that has seen its bytes raises a trigger that is held
 * until the DMA engine takes it (valid/ready), then frees or re-arms.
 *
 * Use per cycle: read outputs (lg_tracker_outputs, a function of the state
 * only), set inputs (set_prog, set_obs, set_trig_ready), then lg_tracker_step
 * for the clock edge. Inputs hold their value until set again, except the
 * observe ports, which step clears (a write is observed in one cycle only).
 *
 * The trigger is a valid/ready handshake: trig_valid and its payload stay
 * up, unchanged, until a cycle with trig_ready high takes it; the entry is
 * freed or re-armed at that edge (never before).
 */
#ifndef LG_TRACKER_H
#define LG_TRACKER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_err.h"

#define LG_TRACKER_MAX_ENTRIES 128
#define LG_TRACKER_MAX_PORTS 32 /* the pseudo-channels of an HBM3 stack */

typedef struct lg_tracker lg_tracker;

/* Entry states, encoded as in the RTL and in the state hash. */
enum { LG_TRK_FREE = 0, LG_TRK_ARMED = 1, LG_TRK_FIRED = 2 };

typedef struct lg_tracker_params {
	unsigned entries;     /* 2..LG_TRACKER_MAX_ENTRIES */
	unsigned ports;       /* 1..LG_TRACKER_MAX_PORTS */
	unsigned addr_width;  /* 8..64 */
	unsigned count_width; /* 8..24 */
} lg_tracker_params;

/* One programming request (the prog_* inputs). */
typedef struct lg_tracker_prog {
	uint64_t base, len;  /* range [base, base+len) modulo 2^addr_width */
	uint32_t expect;     /* bytes expected (count_width bits) */
	uint64_t stride;     /* base and dst advance by this on re-arm */
	unsigned rearm;      /* re-arms left after the first trigger, 0..15 */
	unsigned die;        /* destination die, 0..63 */
	uint64_t dst;        /* destination address (addr_width bits) */
	unsigned op;         /* 0 copy, 1 NMC reduction */
	unsigned dtype;      /* 0 fp32, 1 bf16, 2 fp16, 3 fp8-e4m3 */
} lg_tracker_prog;

/* Every output of the block; trig_* payload is 0 while !trig_valid. */
typedef struct lg_tracker_out {
	bool prog_ready;
	unsigned prog_idx;
	bool trig_valid;
	unsigned trig_idx;
	uint64_t trig_base;  /* source range of the transfer ... */
	uint64_t trig_len;   /* ... and its length in bytes */
	unsigned trig_die;
	uint64_t trig_dst;
	unsigned trig_op, trig_dtype;
	bool trig_last;
	uint32_t miss_cnt;
	uint32_t nmc_cnt;    /* NMC updates observed (saturating) */
	uint32_t state_hash;
} lg_tracker_out;

/* Counters; also the functional coverage of the co-simulation. */
typedef struct lg_tracker_stats {
	uint64_t cycles;
	uint64_t programs;        /* programs accepted */
	uint64_t prog_full;       /* cycles a program waited: table full */
	uint64_t observed;        /* valid observed writes and NMC updates */
	uint64_t nmc;             /* ... of which NMC updates */
	uint64_t misses;          /* writes that matched no entry */
	uint64_t multi_port;      /* cycles with >= 2 ports hitting one entry */
	uint64_t straddles;       /* writes running past their entry's end */
	uint64_t overlaps;        /* writes to a range that overlapped another when armed */
	uint64_t saturations;     /* count updates clipped at 2^count_width-1 */
	uint64_t zero_expect;     /* entries that fired with expect == 0 */
	uint64_t fires;           /* entries that reached their count */
	uint64_t takes;           /* triggers taken */
	uint64_t rearms;          /* takes that re-armed the entry */
	uint64_t trig_stall;      /* cycles trig_valid && !trig_ready */
	uint64_t trig_queue;      /* ... with >= 2 triggers pending */
	uint64_t resets;          /* resets with at least one entry in use */
} lg_tracker_stats;

/* Create a tracker in the reset state; NULL with e filled on bad params. */
lg_tracker *lg_tracker_create(const lg_tracker_params *p, lg_err *e);
void lg_tracker_destroy(lg_tracker *t);

/* Asynchronous reset: empty the table, clear miss_cnt. Stats are kept. */
void lg_tracker_reset(lg_tracker *t);

/* Inputs for the coming clock edge. prog may be NULL when !valid. */
void lg_tracker_set_prog(lg_tracker *t, bool valid, const lg_tracker_prog *prog);
/* One observed write on `port` this cycle (call once per port and cycle;
 * a port number >= ports, or more calls than ports, are ignored). */
void lg_tracker_set_obs(lg_tracker *t, unsigned port, uint64_t addr, unsigned bytes);
/* The same for a near-memory (NMC) update: it counts like a write and
 * also in nmc_cnt. */
void lg_tracker_set_obs_nmc(lg_tracker *t, unsigned port, uint64_t addr, unsigned bytes);
/* Every observe port of this cycle at once (instead of set_obs): port p <
 * ports wrote bytes[p] at addr[p] when bit p of `valid` is set, an NMC
 * update when bit p of `nmc` is also set. Reads addr[p] and bytes[p] for
 * every p < ports, valid or not. */
void lg_tracker_set_obs_ports(lg_tracker *t, uint32_t valid, uint32_t nmc, const uint64_t *addr,
			      const uint32_t *bytes);
void lg_tracker_set_trig_ready(lg_tracker *t, bool ready);

/* One rising clock edge. */
void lg_tracker_step(lg_tracker *t);

/* The outputs of the current cycle. */
void lg_tracker_outputs(const lg_tracker *t, lg_tracker_out *o);

/* State of one entry (for tests and dumps). */
unsigned lg_tracker_entry_state(const lg_tracker *t, unsigned i, uint32_t *count);

const lg_tracker_stats *lg_tracker_stats_get(const lg_tracker *t);

/* Print the counters, one "name value" per line. */
void lg_tracker_stats_print(const lg_tracker_stats *s, FILE *f);

#endif
