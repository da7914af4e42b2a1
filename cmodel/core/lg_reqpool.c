/*
 * The request pool (see lg_reqpool.h): chunks of CHUNK requests and a free
 * list threaded through t_done.
 */
#include <stdlib.h>
#include <stdint.h>

#include "core/lg_reqpool.h"

#define CHUNK 1024

struct lg_reqpool {
	lg_req *free;        /* free list threaded through lg_req.t_done */
	void **chunks;
	size_t nchunks;
	uint64_t completed;
	uint64_t foreign;        /* completions of requests not from the pool */
	lg_ps last_done;         /* latest t_done of a request given back */
};

/* The next free request after r on the list. */
static lg_req *get_link(const lg_req *r)
{
	return (lg_req *)(uintptr_t)r->t_done;
}

/* Thread a free request onto the list. */
static void set_link(lg_req *r, lg_req *next)
{
	r->t_done = (lg_ps)(uintptr_t)next;
}

/* An empty pool; chunks are added on demand. */
lg_reqpool *lg_reqpool_create(void)
{
	return calloc(1, sizeof(lg_reqpool));
}

/* Free every chunk. */
void lg_reqpool_destroy(lg_reqpool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nchunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	free(p);
}

/* Add a chunk of CHUNK free requests; -1 when out of memory. */
static int grow(lg_reqpool *p)
{
	lg_req *c = calloc(CHUNK, sizeof(*c));
	void **n = realloc(p->chunks, (p->nchunks + 1) * sizeof(*n));

	if (n)
		p->chunks = n;
	if (!c || !n) {
		free(c);
		return -1;
	}
	p->chunks[p->nchunks++] = c;
	for (int i = 0; i < CHUNK; i++) {
		set_link(&c[i], p->free);
		p->free = &c[i];
	}
	return 0;
}

/* A free request, adding a chunk when none is left. */
lg_req *lg_reqpool_get(lg_reqpool *p)
{
	lg_req *r;

	if (!p->free && grow(p))
		return NULL;
	r = p->free;
	p->free = get_link(r);
	return r;
}

/* The sink: count the completion and recycle the request. */
void lg_reqpool_done(void *ctx, lg_req *r)
{
	lg_reqpool *p = ctx;

	p->completed++;
	if (r->t_done > p->last_done)
		p->last_done = r->t_done;
	set_link(r, p->free);
	p->free = r;
}

/* Completions so far. */
uint64_t lg_reqpool_completed(const lg_reqpool *p)
{
	return p->completed;
}

void lg_reqpool_foreign_done(lg_reqpool *p)
{
	p->foreign++;
}

uint64_t lg_reqpool_events(const lg_reqpool *p)
{
	return p->completed + p->foreign;
}

lg_ps lg_reqpool_last_done(const lg_reqpool *p)
{
	return p->last_done;
}
