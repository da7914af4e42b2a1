/*
 * The DRAM-only loop and its request pool (see dsim.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "sim/dsim.h"

#define CHUNK 1024

struct lg_reqpool {
	lg_req *free;        /* free list threaded through lg_req.id */
	void **chunks;
	size_t nchunks;
	uint64_t next_id, completed;
};

/* The free list is threaded through t_done (a free request has no time). */
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

/* A free request, adding a chunk of CHUNK when none is left. */
static lg_req *pool_get(lg_reqpool *p)
{
	lg_req *r;

	if (!p->free) {
		lg_req *c = calloc(CHUNK, sizeof(*c));
		void **n = realloc(p->chunks, (p->nchunks + 1) * sizeof(*n));

		if (!c || !n) {
			free(c);
			if (n)
				p->chunks = n;
			return NULL;
		}
		p->chunks = n;
		p->chunks[p->nchunks++] = c;
		for (int i = 0; i < CHUNK; i++) {
			set_link(&c[i], p->free);
			p->free = &c[i];
		}
	}
	r = p->free;
	p->free = get_link(r);
	return r;
}

/* The sink: count the completion and recycle the request. */
static void pool_done(void *ctx, lg_req *r)
{
	lg_reqpool *p = ctx;

	p->completed++;
	set_link(r, p->free);
	p->free = r;
}

/* The sink to build the controller with. */
lg_req_sink lg_reqpool_sink(lg_reqpool *p)
{
	lg_req_sink s = { p, pool_done };

	return s;
}

/* Completions so far. */
uint64_t lg_reqpool_completed(const lg_reqpool *p)
{
	return p->completed;
}

/* One source with its current record split into bursts. */
typedef struct head {
	lg_dsim_source *src;
	lg_dsim_rec rec;
	uint64_t addr;       /* next burst address */
	uint64_t left;       /* bursts left of rec; 0 = fetch */
	int eof;
	int blocked;         /* last push was refused */
	uint64_t blocked_done; /* completions seen when it was refused */
} head;

typedef struct loop {
	lg_mc *mc;
	lg_reqpool *pool;
	head *h;
	int n;
	const lg_dsim_opts *o;
	lg_ps tck;
	uint64_t rb;         /* request bytes */
	uint64_t pushed;
	lg_err *e;
} loop;

/* Make h hold a record with bursts left, or eof. -1 on source error. */
static int fill(loop *L, head *h)
{
	int rc;

	while (!h->eof && h->left == 0) {
		rc = h->src->next(h->src->ctx, &h->rec, L->e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			h->eof = 1;
			break;
		}
		h->addr = h->rec.addr & ~(L->rb - 1);
		h->left = h->rec.size == 0 ? 1 :
			(h->rec.addr + h->rec.size - h->addr + L->rb - 1) / L->rb;
		if (h->rec.timed) /* round arrival up to a memory-clock edge */
			h->rec.time_ps = (h->rec.time_ps + L->tck - 1) / L->tck * L->tck;
	}
	return 0;
}

/* Push from every source what may enter at now. 1 if any push, -1 error. */
static int feed(loop *L, lg_ps now)
{
	int prog = 0;

	for (int i = 0; i < L->n; i++) {
		head *h = &L->h[i];

		/* a refused push can only succeed after a completion frees a slot */
		if (h->blocked && h->blocked_done == lg_reqpool_completed(L->pool))
			continue;
		h->blocked = 0;
		while (!h->eof && (!h->rec.timed || h->rec.time_ps <= now)) {
			lg_req *r;

			if (L->o->max_outstanding &&
			    L->pushed - lg_reqpool_completed(L->pool) >= L->o->max_outstanding) {
				h->blocked = 1;
				h->blocked_done = lg_reqpool_completed(L->pool);
				break;
			}
			if (!lg_mc_has_room(L->mc, h->addr, h->rec.op)) {
				h->blocked = 1;
				h->blocked_done = lg_reqpool_completed(L->pool);
				break;
			}
			r = pool_get(L->pool);
			if (!r)
				return lg_errf(L->e, "lgsim", 0, "out of memory"), -1;
			memset(r, 0, sizeof(*r));
			r->id = L->pushed;
			r->addr = h->addr;
			r->size = (uint32_t)L->rb;
			r->op = h->rec.op;
			r->tclass = LG_TC_COMPUTE;
			r->src_kind = LG_SRC_TRACE;
			r->src_id = (uint32_t)i;
			r->t_created = h->rec.timed ? h->rec.time_ps : now;
			if (!lg_mc_try_push(L->mc, r, now)) {
				pool_done(L->pool, r);
				L->pool->completed--;
				h->blocked = 1;
				h->blocked_done = lg_reqpool_completed(L->pool);
				break;
			}
			L->pushed++;
			prog = 1;
			h->addr += L->rb;
			if (--h->left == 0 && fill(L, h))
				return -1;
		}
	}
	return prog;
}

/* Earliest timed arrival not yet due; LG_PS_NEVER if none. */
static lg_ps next_arrival(const loop *L, lg_ps now, int *untimed_ready)
{
	lg_ps t = LG_PS_NEVER;

	*untimed_ready = 0;
	for (int i = 0; i < L->n; i++) {
		const head *h = &L->h[i];

		if (h->eof || h->blocked)
			continue;
		if (!h->rec.timed || h->rec.time_ps <= now)
			*untimed_ready = 1;
		else if (h->rec.time_ps < t)
			t = h->rec.time_ps;
	}
	return t;
}

/* Every source is exhausted. */
static int all_eof(const loop *L)
{
	for (int i = 0; i < L->n; i++)
		if (!L->h[i].eof)
			return 0;
	return 1;
}

/* Monotonic wall clock, seconds. */
static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The \r progress line, only after 2 s of wall time. */
static void progress(const loop *L, lg_ps now, double t0, double *last)
{
	double w = wall_now();

	if (w - t0 < 2.0 || w - *last < 0.5)
		return;
	*last = w;
	fprintf(stderr, "\rlgsim: %llu requests, %.3f us simulated, %.1f s",
		(unsigned long long)L->pushed, (double)now / 1e6, w - t0);
}

/* The watchdog fired: say so and dump every channel. */
static void watchdog(const loop *L, lg_ps now)
{
	fprintf(stderr, "lgsim: watchdog: no progress for %llu cycles with requests pending\n",
		(unsigned long long)L->o->watchdog_cycles);
	lg_mc_dump(L->mc, stderr, now);
}

/* The event loop described at the top of dsim.h. */
int lg_dsim_run(lg_mc *mc, lg_reqpool *pool, lg_dsim_source *src, int nsrc,
		const lg_dsim_opts *o, lg_dsim_result *res, lg_err *e)
{
	loop L = { mc, pool, NULL, nsrc, o, lg_mc_spec(mc)->tCK_ps,
		   (uint64_t)lg_mc_spec(mc)->request_bytes, 0, e };
	lg_ps now = 0, last_prog = 0;
	double t0 = wall_now(), last_print = t0;
	int rc = -1, printed = 0;

	memset(res, 0, sizeof(*res));
	L.h = calloc((size_t)nsrc, sizeof(*L.h));
	if (!L.h)
		return lg_errf(e, "lgsim", 0, "out of memory");
	for (int i = 0; i < nsrc; i++) {
		L.h[i].src = &src[i];
		if (fill(&L, &L.h[i]))
			goto out;
	}
	for (;;) {
		int prog, untimed;

		lg_ps next, arr;

		res->iterations++;
		prog = lg_mc_tick(mc, now);
		rc = feed(&L, now);
		if (rc < 0)
			goto out;
		prog |= rc;
		if (prog)
			last_prog = now;
		if (all_eof(&L) && lg_mc_pending(mc) == 0)
			break;
		arr = next_arrival(&L, now, &untimed);
		next = lg_mc_next(mc);
		if (untimed)
			next = now + L.tck;
		if (lg_mc_pending(mc) == 0 && arr != LG_PS_NEVER && arr > next) {
			lg_mc_idle_until(mc, arr); /* refreshes in the gap */
			next = arr;
			last_prog = arr;
		}
		if (arr < next)
			next = arr;
		if (next <= now)
			next = now + L.tck;
		if (next == LG_PS_NEVER || (lg_mc_pending(mc) &&
		    (next - last_prog) / L.tck > o->watchdog_cycles)) {
			watchdog(&L, now);
			res->watchdog = 1;
			break;
		}
		now = next;
		if (o->progress && (res->iterations & 0xffff) == 0) {
			progress(&L, now, t0, &last_print);
			printed = last_print > t0;
		}
	}
	rc = 0;
out:
	if (printed)
		fputc('\n', stderr);
	res->requests = L.pushed;
	res->completed = lg_reqpool_completed(pool);
	res->end = now;
	for (int u = 0; u < lg_dram_units(lg_mc_spec(mc)); u++) {
		lg_ps d = lg_mc_unit_stats(mc, (unsigned)u)->last_done * L.tck;

		if (d > res->end)
			res->end = d;
	}
	lg_mc_finish(mc, res->end);
	res->wall_seconds = wall_now() - t0;
	free(L.h);
	return rc;
}
