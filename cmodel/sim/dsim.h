/*
 * lg_dsim: the DRAM-only simulation loop. Request sources (trace files, or
 * generators in tests) feed one memory controller; time is picoseconds and
 * the loop jumps from one event to the next instead of ticking idle cycles.
 *
 * Sources: each is an in-order stream. Between a source's reader and the
 * controller sits one bounded staging FIFO per unit (channel, or
 * pseudo-channel): the reader decodes each burst that is due (untimed, or
 * its time <= now) and appends it to its unit's FIFO, and stops only when
 * that FIFO is full or the next record is not due. Each FIFO pushes its
 * head until the controller refuses it. Order is kept per unit; a full
 * queue on one unit does not hold back the others until the reader runs
 * into that unit's full FIFO. A timed record never enters before its time.
 * Several sources are served in their order each step, which merges them
 * by time. A record larger than one burst (request_bytes) becomes one
 * request per aligned burst it touches; size 0 means one burst.
 *
 * Each loop iteration: feed sources at now, tick the controller at now,
 * then jump to the earliest of (controller's next event, next timed
 * arrival). When nothing is queued or staged, refreshes due in a gap run
 * inside lg_mc_idle_until (whole refresh periods in closed form), so a long
 * gap costs one iteration.
 * Watchdog: if requests are pending and nothing progressed (no push, no
 * command) for watchdog_cycles, the run stops: lg_mc_dump on stderr and
 * result.watchdog = 1.
 */
#ifndef LG_DSIM_H
#define LG_DSIM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_err.h"
#include "core/lg_time.h"
#include "mc/mc.h"

typedef struct lg_dsim_rec {
	uint64_t time_ps;   /* arrival time (ignored when !timed) */
	uint64_t addr;
	uint64_t line;      /* for messages */
	uint32_t size;      /* bytes; 0 = one burst */
	uint8_t op;         /* lg_op */
	uint8_t dtype;      /* lg_dtype, for LG_OP_NMC */
	uint8_t tclass;     /* lg_tclass */
	uint8_t timed;
} lg_dsim_rec;

typedef struct lg_dsim_source {
	void *ctx;
	/* 1 = *r filled, 0 = end of stream, -1 = error with e set */
	int (*next)(void *ctx, lg_dsim_rec *r, lg_err *e);
	/*
	 * Optional (NULL: next is used): up to max next records into r[0..n);
	 * returns n > 0, 0 = end of stream, -1 = error with e set. An error met
	 * after some records is returned by the following call, after those
	 * records. Saves a call chain per record on the replay hot path.
	 */
	int (*next_batch)(void *ctx, lg_dsim_rec *r, int max, lg_err *e);
} lg_dsim_source;

/* Default staging FIFO depth (entries per source and unit), see dsim.c. */
#define LG_DSIM_STAGING 256u

typedef struct lg_dsim_opts {
	uint64_t watchdog_cycles;
	uint64_t max_outstanding;  /* 0 = unlimited */
	bool progress;             /* may print a \r progress line on stderr */
	uint64_t staging_depth;    /* staging FIFO entries per source and unit; 0 = default */
} lg_dsim_opts;

typedef struct lg_dsim_result {
	uint64_t iterations;       /* loop steps taken */
	uint64_t requests;         /* requests pushed (bursts) */
	uint64_t completed;
	lg_ps end;                 /* last completion (or the stop time) */
	int watchdog;              /* 1: stopped by the watchdog */
	double wall_seconds;
} lg_dsim_result;

/*
 * Request storage for a run: requests are taken when a source record is
 * offered and given back when the controller reports them done. Build the
 * controller with lg_reqpool_sink(pool) so completions reach the pool.
 */
typedef struct lg_reqpool lg_reqpool;

lg_reqpool *lg_reqpool_create(void);
void lg_reqpool_destroy(lg_reqpool *p);
lg_req_sink lg_reqpool_sink(lg_reqpool *p);
/* Requests completed so far. */
uint64_t lg_reqpool_completed(const lg_reqpool *p);

/* Run sources to completion. 0 = done (check result.watchdog), -1 = source error. */
int lg_dsim_run(lg_mc *mc, lg_reqpool *pool, lg_dsim_source *src, int nsrc,
		const lg_dsim_opts *o, lg_dsim_result *res, lg_err *e);

#endif
