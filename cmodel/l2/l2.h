/*
 * lg_l2: one L2 slice (one component per slice, L2 clock). docs/l2.md has
 * the model, its rules and parameters.
 *
 * Sectored (sector_bytes valid/dirty granules in line_bytes lines),
 * set-associative with LRU, write-back, write-allocate with write-validate:
 * a write never fetches; it marks its bytes valid (a byte mask per sector)
 * and the sector dirty. A read hits when every byte it needs is valid;
 * otherwise the sectors it needs that are not fully valid are fetched
 * (the fill fills the bytes not written) and the read waits in an MSHR.
 *
 * Ports (created by the die builder): in (crossbar -> slice) carries CU
 * requests (lg_req, RD/WR/NMC, addr 32 B aligned, size 32 or 128, src_id
 * the CU); out (slice -> crossbar) takes the same pointer back when the
 * read data is ready or the write/NMC is acknowledged. Writes are
 * acknowledged hit_latency cycles after the slice takes them; NMC when the
 * memory controller reports the reduction done.
 *
 * Memory side: misses, write-backs and NMC go to the memory controllers as
 * lg_req of the slice's own (tclass LG_TC_COMPUTE, src_kind LG_SRC_L2,
 * src_id the slice id, size dram_bytes, aligned), offered through
 * mem.try_push(mem.ctx, r, now), which returns false when the controller
 * cannot take r now (the slice keeps it and offers it again next cycle,
 * at most one accepted per cycle). The controller reports completion by
 * calling lg_l2_mem_done(slice, r) (an lg_req_sink done callback, from
 * inside its tick) with r->t_done set; the slice only records it and acts
 * at its first tick at or after t_done, never calling back into the
 * controller from done().
 *
 * A DRAM request moves dram_bytes (the controller's spec->request_bytes):
 * a fill reads every burst that holds a needed sector and fills all the
 * sectors of the burst that are not fully valid; a write-back writes each
 * burst holding a dirty sector, data_off/data_bytes spanning the valid
 * bytes of its dirty sectors (the rest of the burst is masked). Stats
 * count useful bytes (bytes of sectors requests needed, dirty bytes
 * written) apart from bus bytes (dram_bytes per request).
 *
 * NMC (near-memory reduction) coherence rule: the slice first writes back
 * the dirty sectors the NMC touches and invalidates every sector it
 * touches (the reduction changes memory, so the cached copy would be
 * stale), then forwards the NMC as LG_OP_NMC with its dtype, one DRAM
 * request per burst it touches, after the write-backs. An NMC to a line
 * with fills in flight waits (at the head of the slice's input) until they
 * land.
 */
#ifndef LG_L2_H
#define LG_L2_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_port.h"
#include "core/lg_req.h"
#include "core/lg_time.h"
#include "core/lg_zmem.h"
#include "dram/addrmap.h"
#include "l2/l2_hash.h"

/* The memory side of a slice: where its DRAM requests go. */
typedef struct lg_memside {
	void *ctx;
	/* Offer r at now; false = not now (the slice retries next cycle). */
	bool (*try_push)(void *ctx, lg_req *r, lg_ps now);
	/* Optional: the controller queue (unit, < units) an address goes to.
	 * The slice keeps one queue of DRAM requests per unit, so a refusal
	 * holds back only that unit's; NULL (or units <= 1): one queue. */
	unsigned (*unit)(void *ctx, uint64_t addr);
	unsigned units;
	/* Optional, with unit: whether unit has room for an op now (a cheap
	 * check before try_push; false counts as a refusal). */
	bool (*room)(void *ctx, unsigned unit, int op);
	/* Optional, with room: slice id waits for room in unit (on) or no
	 * longer (off). A slice whose offers to every unit with queued
	 * requests failed room() sleeps instead of offering every cycle; the
	 * memory side then calls lg_l2_catch_up before anything can make room
	 * in a controller, and wakes the slice (lg_membridge_set_waker) when
	 * a request of a unit it waits on leaves the controller. NULL: the
	 * slice offers every cycle. */
	void (*wait)(void *ctx, unsigned id, unsigned unit, bool on);
	/* Optional, with room: room asked n times in a row with nothing
	 * changed between (a sleeping slice's skipped offers), so n refusals
	 * when there is none; NULL: room is called n times. */
	bool (*room_n)(void *ctx, unsigned unit, int op, uint64_t n);
	/* Optional, used instead of unit and try_push when both are set: the
	 * unit of addr (as unit) with its decode into *a, which the slice
	 * keeps with the request and offers it with (push_dec, with the unit
	 * unit_dec said; 0 when units <= 1), so an address is decoded once.
	 * NULL: unit and try_push. */
	unsigned (*unit_dec)(void *ctx, uint64_t addr, lg_dram_addr *a);
	bool (*push_dec)(void *ctx, lg_req *r, unsigned unit, const lg_dram_addr *a, lg_ps now);
	/* Optional, with room: room() asked in order of the units of ring
	 * entries e[(h + i) & mask], i < n (an entry is unit | op <<
	 * LG_L2_RING_OP_SHIFT), up to the first with room; its i, or n when
	 * none has room. Each refusal is counted as room() counts it, so it
	 * is room() in one call per run of refusals. NULL: room. */
	uint32_t (*room_first)(void *ctx, const uint32_t *e, uint32_t h, uint32_t mask, uint32_t n);
} lg_memside;

/* A DRAM ring entry of a slice (lg_memside.room_first): unit | op << shift. */
#define LG_L2_RING_OP_SHIFT 24
#define LG_L2_RING_UNIT_MASK ((1u << LG_L2_RING_OP_SHIFT) - 1)

typedef struct lg_l2 lg_l2;

/*
 * An address range written through (docs/l2.md, "Written-through ranges"):
 * a write into [base, base + bytes) is sent to memory as it is taken
 * (one DRAM write per burst it touches, its bytes only) and never leaves
 * a dirty sector; a present line is updated, an absent one not allocated
 * (write-through, no write-allocate). The die builder sets the tracker's
 * region as one (T3: the producer's output stores reach the memory
 * controller, where the tracker sees them).
 */
typedef struct lg_l2_range {
	uint64_t base, bytes;
} lg_l2_range;

typedef struct lg_l2_params {
	uint32_t id;              /* slice index: src_id of its DRAM requests */
	uint64_t bytes;           /* capacity of this slice */
	uint32_t ways;
	uint32_t line_bytes;      /* power of two */
	uint32_t sector_bytes;    /* power of two, <= 32, divides line_bytes */
	uint32_t hit_latency;     /* L2 cycles */
	uint32_t mshrs;
	uint32_t mshr_targets;
	uint32_t bytes_per_cycle; /* data bytes the slice moves per cycle */
	uint32_t dram_bytes;      /* DRAM request size: sector_bytes..line_bytes, power of two */
	uint32_t mem_reqs;        /* DRAM requests outstanding; 0: 2 x mshrs x bursts per line */
	const lg_l2_hash *hash;   /* the die's slice hash (kept, not copied) */
	const lg_l2_range *wt;    /* [nwt] written-through ranges (kept, not copied) */
	unsigned nwt;
	lg_port *in, *out;
	lg_memside mem;
	lg_clock clk;             /* the L2 clock */
	lg_zarena *arena;         /* where its arrays go (the die's, shared by its slices;
	                             kept, freed by its owner); NULL: an arena of its own */
} lg_l2_params;

/* Per-op counters (index lg_op). */
typedef struct lg_l2_stats {
	/* what a hit counts, in one cache line of the slice (tag_lookups and the
	 * data bytes are events for energy) */
	uint64_t tag_lookups;
	uint64_t data_read_bytes;       /* read out of the data array (hits, write-backs) */
	uint64_t accesses[LG_OP_COUNT];
	uint64_t hits[LG_OP_COUNT];     /* RD: all bytes valid; WR: line present */
	uint64_t misses[LG_OP_COUNT];   /* RD: a fill needed; WR: a line allocated; NMC: forwarded */
	uint64_t data_write_bytes;      /* written into it (writes, fills) */
	uint64_t mshr_merges;           /* reads added to an MSHR already in flight */
	uint64_t mshr_allocs;
	uint64_t sector_fills;          /* sectors made valid by fills */
	uint64_t fill_reqs;             /* DRAM reads */
	uint64_t evictions;             /* valid lines replaced */
	uint64_t writebacks;            /* DRAM writes (bursts written back) */
	uint64_t flush_writebacks;      /* of those, by the end-of-run flush */
	uint64_t wt_writes;             /* DRAM writes of written-through stores (not in writebacks) */
	uint64_t dirty_sectors_written;
	uint64_t nmc_reqs;              /* DRAM NMC requests */
	uint64_t dram_rd_useful, dram_rd_bus;   /* bytes read: needed sectors / bursts moved */
	uint64_t dram_wr_useful, dram_wr_bus;   /* bytes written: dirty valid bytes / bursts */
	uint64_t dram_nmc_useful, dram_nmc_bus; /* NMC bytes: request data / bursts */
	/* push-back, counted per cycle a request waits at the slice's input */
	uint64_t stall_mshr;            /* no free MSHR */
	uint64_t stall_targets;         /* its MSHR has no free target */
	uint64_t stall_set;             /* every way of the set has an MSHR */
	uint64_t stall_mem;             /* no free DRAM request */
	uint64_t stall_nmc;             /* NMC waiting for fills of its line */
	uint64_t stall_out;             /* the output port is full */
	uint64_t stall_bw;              /* the slice's data bandwidth */
	uint64_t mem_refusals;          /* DRAM requests the memory side refused */
} lg_l2_stats;

/*
 * The fields of p common to every slice of cfg: the cfg's bytes split over
 * its slices, geometry, latency, MSHRs, bandwidth, the L2 clock;
 * dram_bytes as given (the controller's spec->request_bytes). The caller
 * sets id, hash, ports and mem.
 */
void lg_l2_params_from_cfg(lg_l2_params *p, const lg_cfg *cfg, uint32_t dram_bytes);

/* Depth the out port needs: hit_latency + xbar.queue_depth. */
uint32_t lg_l2_out_depth(const lg_cfg *cfg);

/* NULL with e set on an impossible geometry or no memory. */
lg_l2 *lg_l2_create(const lg_l2_params *p, lg_err *e);
void lg_l2_destroy(lg_l2 *l2);

/* Completion of one of the slice's DRAM requests (self is the lg_l2 *). */
void lg_l2_mem_done(void *self, lg_req *r);
/* The unit (lg_memside.unit) of r, a DRAM request of slice l2 not yet
 * reported done: the one its queue was chosen by. */
unsigned lg_l2_mem_unit(const lg_l2 *l2, const lg_req *r);

bool lg_l2_tick(lg_l2 *l2, lg_ps now);

/*
 * A sleeping slice (lg_memside.wait) makes, as failed room checks, the
 * offers it skipped in its cycles up to now (an edge at now included: a
 * slice ticks before the controllers), so refusals are counted as if it
 * had offered every cycle. Nothing when it is awake.
 */
void lg_l2_catch_up(lg_l2 *l2, lg_ps now);

/* A unit the sleeping slice waits on has room: it offers again at its next
 * cycle (the memory side wakes it too). */
void lg_l2_room(lg_l2 *l2);
lg_ps lg_l2_next(const lg_l2 *l2, lg_ps now);
bool lg_l2_busy(const lg_l2 *l2);
void lg_l2_dump(const lg_l2 *l2, FILE *f, lg_ps now);
const lg_l2_stats *lg_l2_stats_get(const lg_l2 *l2);

/*
 * Start the end-of-run flush: every dirty line is written back (and the
 * slice stays busy until it is), a few lines per cycle as DRAM requests
 * free up; a line written after the flush started is written back too.
 */
void lg_l2_flush(lg_l2 *l2);

/* Lines with at least one dirty sector (tests, end-of-run reports). */
uint64_t lg_l2_dirty_lines(const lg_l2 *l2);

/* The component table (self is an lg_l2 *). */
extern const lg_comp_ops lg_l2_comp_ops;

#endif
