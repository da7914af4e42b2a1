/*
 * lg_reqpool: request storage shared by the components of a die. A source
 * takes a request with lg_reqpool_get when it creates one and the request
 * comes back when its consumer reports it done: build the consumer's
 * completion sink as { pool, lg_reqpool_done } (dram/mc.h's lg_req_sink).
 * Requests live in chunks that are never moved, so pointers stay valid
 * until the request is done. A free request has no times: the free list
 * is threaded through t_done.
 */
#ifndef LG_REQPOOL_H
#define LG_REQPOOL_H

#include <stdint.h>

#include "core/lg_req.h"

typedef struct lg_reqpool lg_reqpool;

/* An empty pool; NULL when out of memory. */
lg_reqpool *lg_reqpool_create(void);
void lg_reqpool_destroy(lg_reqpool *p);

/* A free request (contents undefined); NULL when out of memory. */
lg_req *lg_reqpool_get(lg_reqpool *p);

/* The completion sink's done(): counts r and recycles it (ctx is the pool). */
void lg_reqpool_done(void *ctx, lg_req *r);

/* Requests completed (given back through lg_reqpool_done) so far. */
uint64_t lg_reqpool_completed(const lg_reqpool *p);
/* The latest t_done of those (0 if none): when the pool's sources' last request ended. */
lg_ps lg_reqpool_last_done(const lg_reqpool *p);

/*
 * A completion at the controller of a request that is not the pool's (the
 * DMA engine's): the controller may have freed a queue slot. Fronts that
 * wait for a slot watch lg_reqpool_events, which counts both kinds.
 */
void lg_reqpool_foreign_done(lg_reqpool *p);
uint64_t lg_reqpool_events(const lg_reqpool *p);

#endif
