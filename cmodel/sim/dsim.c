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
	lg_req *free;        /* free list threaded through lg_req.t_done */
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

/*
 * A request staged for the controller: built (pool entry, every field but
 * id, which is the push order) and decoded once, in source order.
 */
typedef struct staged {
	lg_req *r;
	lg_dram_addr a;
} staged;

/* The staging FIFO of one source for one unit (channel, pseudo-channel). */
typedef struct fifo {
	staged *e;             /* ring of loop.cap entries */
	uint32_t head, n;
	int blocked;           /* last offer of its head was refused */
	uint64_t blocked_done; /* completions seen when it was refused */
} fifo;

/* Records fetched per next_batch call of a source. */
#define BATCH 64

/* One source: its current record split into bursts, and its FIFOs. */
typedef struct head {
	lg_dsim_source *src;
	lg_dsim_rec *rec;       /* the current record: in buf, or one */
	lg_dsim_rec buf[BATCH]; /* records fetched by next_batch */
	lg_dsim_rec one;        /* the record of a source without next_batch */
	int bi, bn;             /* next one in buf, how many buf holds */
	uint64_t addr;       /* next burst address */
	uint64_t left;       /* bursts left of rec; 0 = fetch */
	int whole;           /* every burst of rec is carried whole (no data_span) */
	lg_ps traw, tround;  /* last arrival time rounded, and the result */
	lg_ps due;           /* rec may enter from: its time, 0 untimed, LG_PS_NEVER at eof */
	int eof;
	int stalled;         /* the reader waits for room in a full FIFO */
	int decoded;         /* dec holds the decode of addr */
	lg_dram_addr dec;    /* ... else that of dec_addr (decoded from it) */
	uint64_t dec_addr;
	fifo *f;             /* [unit] */
	uint64_t nstaged;    /* entries in all of f */
	uint64_t fed_done;   /* completions seen at the end of its last feed */
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
	int nunits;
	uint32_t cap;        /* entries per staging FIFO */
	const lg_addrmap *map;
	uint64_t maxout;     /* o->max_outstanding */
} loop;

/* Point h->rec at the source's next record, in buf when it batches; as next(). */
static inline int next_rec(loop *L, head *h)
{
	int rc;

	if (!h->src->next_batch) {
		h->rec = &h->one;
		return h->src->next(h->src->ctx, &h->one, L->e);
	}
	if (h->bi == h->bn) {
		rc = h->src->next_batch(h->src->ctx, h->buf, BATCH, L->e);
		if (rc <= 0)
			return rc;
		h->bi = 0;
		h->bn = rc;
	}
	h->rec = &h->buf[h->bi++];
	return 1;
}

/* Make record r (in buf or one) h's current one: its bursts and arrival cycle. */
static inline void take(const loop *L, head *h, lg_dsim_rec *r)
{
	h->rec = r;
	h->addr = r->addr & ~(L->rb - 1);
	h->left = r->size == 0 ? 1 : (r->addr + r->size - h->addr + L->rb - 1) / L->rb;
	h->whole = r->size == 0 || ((r->addr | r->size) & (L->rb - 1)) == 0;
	if (r->timed) { /* round arrival up to a memory-clock edge */
		if (r->time_ps != h->traw) { /* (0 rounds to 0) */
			h->traw = r->time_ps;
			h->tround = (r->time_ps + L->tck - 1) / L->tck * L->tck;
		}
		r->time_ps = h->tround;
	}
	h->due = r->timed ? r->time_ps : 0;
}

/* Make h hold a record with bursts left, or eof. -1 on source error. */
static int fill(loop *L, head *h)
{
	int rc;

	while (!h->eof && h->left == 0) {
		rc = next_rec(L, h);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			h->eof = 1;
			h->due = LG_PS_NEVER;
			break;
		}
		take(L, h, h->rec);
	}
	return 0;
}

/* FIFO f may be offered to the controller now (not refused since the last completion). */
static int offerable(const loop *L, const fifo *f)
{
	return !f->blocked || f->blocked_done != lg_reqpool_completed(L->pool);
}

/*
 * The part of h's record inside the burst at h->addr: offset and length
 * into r (a 32 B sector record fills half a 64 B burst). Length 0 = the
 * whole burst.
 */
static void data_span(const loop *L, const head *h, lg_req *r)
{
	uint64_t lo = h->rec->addr > h->addr ? h->rec->addr : h->addr;
	uint64_t end = h->rec->addr + h->rec->size, hi = h->addr + L->rb;

	if (h->rec->size == 0 || (lo == h->addr && end >= hi))
		return; /* r was built with 0, 0: the whole burst */
	r->data_off = (uint16_t)(lo - h->addr);
	r->data_bytes = (uint16_t)((end < hi ? end : hi) - lo);
}

/*
 * The reader: move every burst that may enter at now into the FIFO of its
 * unit, in source order; stop at a burst whose FIFO is full (h->stalled)
 * or that is not due yet. *fresh is set if a burst went to an offerable
 * FIFO. -1 on source error.
 */
static int stage(loop *L, head *h, lg_ps now, int *fresh)
{
	h->stalled = 0;
	while (h->due <= now) { /* not eof, and untimed or due */
		fifo *f;
		staged *s;
		uint32_t i;

		if (!h->decoded) { /* once per burst, however long it stalls */
			lg_addrmap_decode_from(L->map, h->addr, h->dec_addr, &h->dec);
			h->dec_addr = h->addr;
			h->decoded = 1;
		}
		f = &h->f[h->dec.unit];
		if (f->n == L->cap) {
			h->stalled = 1;
			break;
		}
		i = f->head + f->n;
		s = &f->e[i >= L->cap ? i - L->cap : i];
		s->r = pool_get(L->pool);
		if (!s->r)
			return lg_errf(L->e, "lgsim", 0, "out of memory"), -1;
		*s->r = (lg_req){ .addr = h->addr, .size = (uint32_t)L->rb, .op = h->rec->op,
				  .dtype = h->rec->dtype, .tclass = h->rec->tclass,
				  .src_kind = LG_SRC_TRACE,
				  .src_id = (uint32_t)(h - L->h),
				  .t_created = h->rec->timed ? h->rec->time_ps : now };
		if (!h->whole)
			data_span(L, h, s->r);
		s->a = h->dec;
		h->decoded = 0;
		f->n++;
		h->nstaged++;
		*fresh |= offerable(L, f);
		h->addr += L->rb;
		if (--h->left)
			continue;
		if (h->bi < h->bn) /* the common case of fill(), inline */
			take(L, h, &h->buf[h->bi++]);
		else if (fill(L, h))
			return -1;
	}
	return 0;
}

/* Mark FIFO f refused until the next completion. */
static void block(loop *L, fifo *f)
{
	f->blocked = 1;
	f->blocked_done = lg_reqpool_completed(L->pool);
}

/* Push the head of FIFO f until refused. 1 if any push. */
static int push_fifo(loop *L, head *h, fifo *f, lg_ps now)
{
	int prog = 0;

	/* a refused push can only succeed after a completion frees a slot */
	if (f->blocked && f->blocked_done == lg_reqpool_completed(L->pool))
		return 0;
	f->blocked = 0;
	while (f->n) {
		staged *s = &f->e[f->head];

		if (L->maxout && L->pushed - lg_reqpool_completed(L->pool) >= L->maxout) {
			block(L, f);
			break;
		}
		s->r->id = L->pushed;
		if (!lg_mc_push_at(L->mc, s->r, &s->a, now)) { /* a refusal is counted */
			block(L, f);
			break;
		}
		L->pushed++;
		prog = 1;
		if (++f->head == L->cap)
			f->head = 0;
		f->n--;
		h->nstaged--;
	}
	return prog;
}

/*
 * Push from every source what may enter at now. Each source stages its due
 * bursts into per-unit FIFOs and pushes each FIFO until refused, so a full
 * queue holds back only its own unit; rounds repeat while pushes free FIFO
 * room for a stalled reader. 1 if any push, -1 error.
 */
static int feed(loop *L, lg_ps now)
{
	int prog = 0;

	for (int i = 0; i < L->n; i++) {
		head *h = &L->h[i];
		int first = 1, need;

		/* after a feed every non-empty FIFO is refused; without a
		 * completion since, only a reader that was waiting for time can move */
		if ((h->eof || h->stalled) && h->fed_done == lg_reqpool_completed(L->pool))
			continue;
		/* a reader stalled on a FIFO that is still full cannot move */
		need = !(h->stalled && h->f[h->dec.unit].n == L->cap);
		for (;;) { /* one stage() call site, so that it inlines */
			int round = 0, fresh = 0;

			if (need) {
				if (stage(L, h, now, &fresh))
					return -1;
				/* after pushes made room for the stalled reader, push
				 * again only if a burst reached a FIFO that may be offered */
				if (!first && !fresh)
					break;
			}
			for (int u = 0; u < L->nunits; u++)
				if (h->f[u].n)
					round |= push_fifo(L, h, &h->f[u], now);
			prog |= round;
			if (!round || !h->stalled)
				break;
			first = 0;
			need = 1;
		}
		h->fed_done = lg_reqpool_completed(L->pool);
	}
	return prog;
}

/*
 * Earliest timed arrival not yet due; LG_PS_NEVER if none. *untimed_ready
 * is set when a source could push at the next cycle without a completion
 * (after a feed every non-empty FIFO was refused, so only readers count).
 */
static lg_ps next_arrival(const loop *L, lg_ps now, int *untimed_ready)
{
	lg_ps t = LG_PS_NEVER;

	*untimed_ready = 0;
	for (int i = 0; i < L->n; i++) {
		const head *h = &L->h[i];

		if (h->eof || h->stalled)
			continue;
		if (h->due <= now)
			*untimed_ready = 1;
		else if (h->due < t)
			t = h->due;
	}
	return t;
}

/* Requests staged in every FIFO of every source. */
static uint64_t staged_total(const loop *L)
{
	uint64_t n = 0;

	for (int i = 0; i < L->n; i++)
		n += L->h[i].nstaged;
	return n;
}

/* Every source is exhausted and nothing is staged. */
static int all_eof(const loop *L)
{
	for (int i = 0; i < L->n; i++)
		if (!L->h[i].eof || L->h[i].nstaged)
			return 0;
	return 1;
}

/* Per-source FIFOs: one per unit, cap entries each. -1 when out of memory. */
static int alloc_fifos(loop *L)
{
	for (int i = 0; i < L->n; i++) {
		head *h = &L->h[i];

		h->f = calloc((size_t)L->nunits, sizeof(*h->f));
		if (!h->f)
			return -1;
		for (int u = 0; u < L->nunits; u++) {
			h->f[u].e = calloc(L->cap, sizeof(*h->f[u].e));
			if (!h->f[u].e)
				return -1;
		}
	}
	return 0;
}

/* Free what alloc_fifos allocated (partial allocations too). */
static void free_fifos(loop *L)
{
	for (int i = 0; L->h && i < L->n; i++) {
		for (int u = 0; L->h[i].f && u < L->nunits; u++)
			free(L->h[i].f[u].e);
		free(L->h[i].f);
	}
}

/*
 * Staging depth: the option, or LG_DSIM_STAGING (256), or 2 x the larger
 * queue depth when that is more. 256 lets a stream interleaved over 8
 * channels in 2 KB pieces (32 bursts per channel, as the HBM2 preset's
 * mapping does) keep every channel busy: the reader must run about
 * (channels - 1) x 32 bursts ahead of the channel it waits for.
 */
static uint32_t staging_cap(const loop *L)
{
	uint32_t q2 = 2 * (uint32_t)lg_mc_queue_depth(L->mc);

	if (L->o->staging_depth)
		return (uint32_t)L->o->staging_depth;
	return q2 > LG_DSIM_STAGING ? q2 : LG_DSIM_STAGING;
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

/*
 * The watchdog as a time span: (next - last_prog) / tck > watchdog_cycles
 * exactly when next - last_prog > the result ((cycles + 1) x tck - 1, or
 * never when that does not fit).
 */
static lg_ps watchdog_ps(const loop *L)
{
	uint64_t c = L->o->watchdog_cycles, ps;

	if (c == UINT64_MAX || __builtin_mul_overflow(c + 1, L->tck, &ps))
		return LG_PS_NEVER;
	return ps - 1;
}

/* The event loop described at the top of dsim.h. */
int lg_dsim_run(lg_mc *mc, lg_reqpool *pool, lg_dsim_source *src, int nsrc,
		const lg_dsim_opts *o, lg_dsim_result *res, lg_err *e)
{
	loop L = { mc, pool, NULL, nsrc, o, lg_mc_spec(mc)->tCK_ps,
		   (uint64_t)lg_mc_spec(mc)->request_bytes, 0, e,
		   lg_dram_units(lg_mc_spec(mc)), 0, lg_mc_addrmap(mc),
		   (uint64_t)o->max_outstanding };
	lg_ps now = 0, last_prog = 0, wd = watchdog_ps(&L);
	double t0 = wall_now(), last_print = t0;
	int rc = -1, printed = 0;
	uint64_t iters = 0;

	memset(res, 0, sizeof(*res));
	L.cap = staging_cap(&L);
	L.h = calloc((size_t)nsrc, sizeof(*L.h));
	if (!L.h || alloc_fifos(&L)) {
		rc = lg_errf(e, "lgsim", 0, "out of memory");
		goto out;
	}
	for (int i = 0; i < nsrc; i++) {
		L.h[i].src = &src[i];
		lg_addrmap_decode(L.map, 0, &L.h[i].dec); /* dec_addr 0 */
		if (fill(&L, &L.h[i]))
			goto out;
	}
	for (;;) {
		int prog, untimed;

		lg_ps next, arr;

		iters++;
		prog = lg_mc_tick(mc, now);
		rc = feed(&L, now);
		if (rc < 0)
			goto out;
		prog |= rc;
		if (prog)
			last_prog = now;
		if (lg_mc_pending(mc) == 0 && all_eof(&L))
			break;
		arr = next_arrival(&L, now, &untimed);
		next = lg_mc_next(mc);
		if (untimed)
			next = now + L.tck;
		if (lg_mc_pending(mc) == 0 && staged_total(&L) == 0 && arr != LG_PS_NEVER &&
		    arr > next) {
			lg_mc_idle_until(mc, arr); /* refreshes in the gap */
			next = arr;
			last_prog = arr;
		}
		if (arr < next)
			next = arr;
		if (next <= now)
			next = now + L.tck;
		if (next == LG_PS_NEVER || (lg_mc_pending(mc) && next - last_prog > wd)) {
			watchdog(&L, now);
			res->watchdog = 1;
			break;
		}
		now = next;
		if (o->progress && (iters & 0xffff) == 0) {
			progress(&L, now, t0, &last_print);
			printed = last_print > t0;
		}
	}
	rc = 0;
out:
	res->iterations = iters;
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
	free_fifos(&L);
	free(L.h);
	return rc;
}
