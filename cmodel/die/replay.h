/*
 * lg_replay: the memory-side front of a DRAM-only die. It replays in-order
 * request sources (trace files, or generators in tests) into the die's
 * memory controller, as one component of the loop (die/loop.h).
 *
 * Sources: each is an in-order stream. Between a source's reader and the
 * controller sits one bounded staging FIFO per unit (channel, or
 * pseudo-channel): the reader decodes each burst that is due (untimed, or
 * its time <= now) and appends it to its unit's FIFO, and stops only when
 * that FIFO is full or the next record is not due. Each FIFO pushes its
 * head until the controller refuses it. Order is kept per unit; a full
 * queue on one unit does not hold back the others until the reader runs
 * into that unit's full FIFO. A timed record never enters before its time
 * (rounded up to a memory-clock edge). Several sources are served in their
 * order at each tick, which merges them by time. A record larger than one
 * burst (request_bytes) becomes one request per aligned burst it touches;
 * size 0 means one burst. Request ids are the push order over all sources.
 *
 * Write observer (optional, the tracker's observe ports): before a write
 * is offered to the controller the front asks the observer for room on the
 * write's unit; without room the write and everything behind it in that
 * unit's FIFO wait for the next memory cycle (push-back on the source).
 * Each write the controller accepts is reported to the observer in the
 * cycle it is accepted, with the bytes it carries.
 *
 * As a component (lg_replay_comp): tick = stage and push what is due;
 * next = the next memory edge when a reader could move without a
 * completion, or the next timed arrival; busy = a source not at its end or
 * a staged request; holds = a staged request. A source read error stops
 * the run through lg_loop_fail with the source's message.
 */
#ifndef LG_REPLAY_H
#define LG_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_comp.h"
#include "core/lg_err.h"
#include "core/lg_reqpool.h"
#include "core/lg_time.h"
#include "mc/mc.h"

typedef struct lg_replay_rec {
	uint64_t time_ps;   /* arrival time (ignored when !timed) */
	uint64_t addr;
	uint64_t line;      /* for messages */
	uint32_t size;      /* bytes; 0 = one burst */
	uint8_t op;         /* lg_op */
	uint8_t dtype;      /* lg_dtype, for LG_OP_NMC */
	uint8_t tclass;     /* lg_tclass */
	uint8_t timed;
} lg_replay_rec;

typedef struct lg_replay_src {
	void *ctx;
	/* 1 = *r filled, 0 = end of stream, -1 = error with e set */
	int (*next)(void *ctx, lg_replay_rec *r, lg_err *e);
	/*
	 * Optional (NULL: next is used): up to max next records into r[0..n);
	 * returns n > 0, 0 = end of stream, -1 = error with e set. An error met
	 * after some records is returned by the following call, after those
	 * records. Saves a call chain per record on the replay hot path.
	 */
	int (*next_batch)(void *ctx, lg_replay_rec *r, int max, lg_err *e);
} lg_replay_src;

/* The write observer (see above); port = the write's unit. */
typedef struct lg_wobs {
	void *ctx;
	bool (*room)(void *ctx, unsigned port);
	void (*put)(void *ctx, unsigned port, uint64_t addr, unsigned bytes, lg_ps now);
} lg_wobs;

/* Default staging FIFO depth (entries per source and unit), see replay.c. */
#define LG_REPLAY_STAGING 256u

/* What the die builder gives it (from [sim] and the controller's spec). */
typedef struct lg_replay_params {
	uint64_t max_outstanding;  /* 0 = unlimited */
	uint64_t staging_depth;    /* staging FIFO entries per source and unit; 0 = default */
} lg_replay_params;

typedef struct lg_replay lg_replay;

/*
 * A front pushing into mc, taking requests from pool (the controller's
 * completion sink must be the pool's). NULL when out of memory.
 */
lg_replay *lg_replay_create(lg_mc *mc, lg_reqpool *pool, const lg_replay_params *p);
void lg_replay_destroy(lg_replay *r);

/* Add a source (before the run; *src is copied). -1 when out of memory. */
int lg_replay_add_source(lg_replay *r, const lg_replay_src *src);

/* Report accepted writes to o (before the run). */
void lg_replay_set_observer(lg_replay *r, const lg_wobs *o);

/* The component (name is kept, not copied). */
lg_comp lg_replay_comp(lg_replay *r, const char *name);

/* Requests pushed into the controller so far. */
uint64_t lg_replay_pushed(const lg_replay *r);

#endif
