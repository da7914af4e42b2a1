/*
 * The replay front (see replay.h): per-source readers, per-unit staging
 * FIFOs and the pushes into the controller.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "die/loop.h"
#include "die/replay.h"

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
	staged *e;             /* ring of cap entries */
	uint32_t head, n;
	int blocked;           /* last offer of its head was refused */
	uint64_t blocked_done; /* completions seen when it was refused */
} fifo;

/* lg_replay.quiet_done after a feed that left a reader able to move (no event count). */
#define NOT_QUIET UINT64_MAX

/* Records fetched per next_batch call of a source. */
#define BATCH 64

/* One source: its current record split into bursts, and its FIFOs. */
typedef struct head {
	lg_replay_src src;
	lg_replay_rec *rec;       /* the current record: in buf, or one */
	lg_replay_rec buf[BATCH]; /* records fetched by next_batch */
	lg_replay_rec one;        /* the record of a source without next_batch */
	int bi, bn;             /* next one in buf, how many buf holds */
	uint64_t addr;       /* next burst address */
	uint64_t left;       /* bursts left of rec; 0 = fetch */
	int whole;           /* every burst of rec is carried whole (no data_span) */
	lg_ps traw, tround;  /* last arrival time rounded, and the result */
	lg_ps due;           /* rec may enter from: its time, 0 untimed, LG_PS_NEVER at eof */
	int eof;
	int stalled;         /* the reader waits for room in a full FIFO */
	int obs_wait;        /* a write waits for room at the observer (next cycle) */
	int decoded;         /* dec holds the decode of addr */
	lg_dram_addr dec;    /* ... else that of dec_addr (decoded from it) */
	uint64_t dec_addr;
	fifo *f;             /* [unit] */
	uint64_t nstaged;    /* entries in all of f */
	uint64_t fed_done;   /* completions seen at the end of its last feed */
	uint32_t idx;        /* its index in L->h: the src_id of its requests */
} head;

struct lg_replay {
	lg_mc *mc;
	lg_reqpool *pool;
	head *h;             /* [n] */
	int n;
	lg_ps tck;
	uint64_t rb;         /* request bytes */
	uint64_t pushed;
	int nunits;
	uint32_t cap;        /* entries per staging FIFO */
	const lg_addrmap *map;
	uint64_t maxout;     /* max_outstanding */
	int lean;            /* no observer and no max_outstanding (see push_fifo) */
	int started;         /* every source's first record is fetched */
	lg_ps t_next;        /* after the last feed: the earliest due record (0: a write
			      * waits for the observer) */
	uint64_t quiet_done; /* the completion events of the last feed if it left every
			      * reader at its end or stalled (quiet), else NOT_QUIET */
	lg_wobs obs;         /* obs.ctx NULL: no observer */
	lg_loop *loop;       /* to report a source error */
	lg_err err;
};

/* Point h->rec at the source's next record, in buf when it batches; as next(). */
static inline int next_rec(lg_replay *L, head *h)
{
	int rc;

	if (!h->src.next_batch) {
		h->rec = &h->one;
		return h->src.next(h->src.ctx, &h->one, &L->err);
	}
	if (h->bi == h->bn) {
		rc = h->src.next_batch(h->src.ctx, h->buf, BATCH, &L->err);
		if (rc <= 0)
			return rc;
		h->bi = 0;
		h->bn = rc;
	}
	h->rec = &h->buf[h->bi++];
	return 1;
}

/* Make record r (in buf or one) h's current one: its bursts and arrival cycle. */
static inline void take(const lg_replay *L, head *h, lg_replay_rec *r)
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
static int fill(lg_replay *L, head *h)
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

/*
 * FIFO f may be offered to the controller now (not refused since the last
 * completion; done: the completion events now, as lg_reqpool_events).
 */
static int offerable(const fifo *f, uint64_t done)
{
	return !f->blocked || f->blocked_done != done;
}

/*
 * The part of h's record inside the burst at h->addr: offset and length
 * into r (a 32 B sector record fills half a 64 B burst). Length 0 = the
 * whole burst.
 */
static void data_span(const lg_replay *L, const head *h, lg_req *r)
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
 * FIFO (done: the completion events now). -1 on source error.
 */
static int stage(lg_replay *L, head *h, lg_ps now, uint64_t done, int *fresh)
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
		s->r = lg_reqpool_get(L->pool);
		if (!s->r)
			return lg_errf(&L->err, "lgsim", 0, "out of memory"), -1;
		*s->r = (lg_req){ .addr = h->addr, .size = (uint32_t)L->rb, .op = h->rec->op,
				  .dtype = h->rec->dtype, .tclass = h->rec->tclass,
				  .src_kind = LG_SRC_TRACE,
				  .src_id = h->idx,
				  .t_created = h->rec->timed ? h->rec->time_ps : now };
		if (!h->whole)
			data_span(L, h, s->r);
		s->a = h->dec;
		h->decoded = 0;
		f->n++;
		h->nstaged++;
		*fresh |= offerable(f, done);
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

/* Mark FIFO f refused until the next completion (done: the completion events now). */
static void block(fifo *f, uint64_t done)
{
	f->blocked = 1;
	f->blocked_done = done;
}

/*
 * A write at the head of a FIFO finds no room at the observer's port of
 * its unit: it waits for the next cycle (not for a completion).
 */
static int obs_full(lg_replay *L, head *h, const staged *s)
{
	if (s->r->op != LG_OP_WR || L->obs.room(L->obs.ctx, s->a.unit))
		return 0;
	h->obs_wait = 1;
	return 1;
}

/* Report an accepted write to the observer, with the bytes it carries. */
static void obs_put(lg_replay *L, const staged *s, lg_ps now)
{
	const lg_req *r = s->r;

	if (r->op == LG_OP_WR)
		L->obs.put(L->obs.ctx, s->a.unit, r->addr + r->data_off,
			   r->data_bytes ? r->data_bytes : r->size, now);
}

/*
 * Push the head of FIFO f until refused (done: the completion events now).
 * 1 if any push. lean (L->lean): no observer and no max_outstanding, so
 * their tests are left out at compile time (two offers a step on a stream).
 */
static inline __attribute__((always_inline)) int push_fifo(lg_replay *L, head *h, fifo *f,
							   lg_ps now, uint64_t done,
							   const int lean)
{
	int prog = 0;

	/* a refused push can only succeed after a completion frees a slot */
	if (f->blocked && f->blocked_done == done)
		return 0;
	f->blocked = 0;
	while (f->n) {
		staged *s = &f->e[f->head];

		if (!lean && L->maxout && L->pushed - lg_reqpool_completed(L->pool) >= L->maxout) {
			block(f, done);
			break;
		}
		if (!lean && L->obs.ctx && obs_full(L, h, s))
			break;
		s->r->id = L->pushed;
		if (!lg_mc_push_at(L->mc, s->r, &s->a, now)) { /* a refusal is counted */
			block(f, done);
			break;
		}
		if (!lean && L->obs.ctx)
			obs_put(L, s, now);
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
static int feed(lg_replay *L, lg_ps now)
{
	uint64_t done = lg_reqpool_events(L->pool); /* no completion during a feed */
	lg_ps t = LG_PS_NEVER;
	int prog = 0, soon = 0, quiet = 1;

	for (int i = 0; i < L->n; i++) {
		head *h = &L->h[i];
		int first = 1, need;

		/* after a feed every non-empty FIFO is refused; without a
		 * completion since, only a reader that was waiting for time can move */
		if ((h->eof || h->stalled) && h->fed_done == done && !h->obs_wait)
			continue;
		h->obs_wait = 0;
		/* a reader stalled on a FIFO that is still full cannot move */
		need = !(h->stalled && h->f[h->dec.unit].n == L->cap);
		for (;;) { /* one stage() call site, so that it inlines */
			int round = 0, fresh = 0;

			if (need) {
				if (stage(L, h, now, done, &fresh))
					return -1;
				/* after pushes made room for the stalled reader, push
				 * again only if a burst reached a FIFO that may be offered */
				if (!first && !fresh)
					break;
			}
			for (int u = 0; u < L->nunits; u++)
				if (h->f[u].n)
					round |= L->lean ? push_fifo(L, h, &h->f[u], now, done, 1) :
							   push_fifo(L, h, &h->f[u], now, done, 0);
			prog |= round;
			if (!round || !h->stalled)
				break;
			first = 0;
			need = 1;
		}
		h->fed_done = done;
		/* what next() needs: see note_next() */
		soon |= h->obs_wait;
		if (!h->eof && !h->stalled && h->due < t)
			t = h->due;
		quiet &= (h->eof || h->stalled) && !h->obs_wait;
	}
	L->t_next = soon ? 0 : t;
	L->quiet_done = quiet ? done : NOT_QUIET;
	return prog;
}

/* Fetch every source's first record (at the first tick). -1 on error. */
static int start(lg_replay *L)
{
	L->started = 1;
	for (int i = 0; i < L->n; i++) {
		lg_addrmap_decode(L->map, 0, &L->h[i].dec); /* dec_addr 0 */
		if (fill(L, &L->h[i]))
			return -1;
	}
	return 0;
}

/*
 * After a feed (computed by feed() itself): t_next is the earliest timed
 * arrival of a reader that is neither at its end nor stalled (a stalled
 * one waits for a completion: after a feed every non-empty FIFO was
 * refused, so only readers count), or 0 when a write waits for the
 * observer (then the next cycle); quiet: no reader can move before a
 * completion.
 * A source skipped by feed() is at its end or stalled and has no write
 * waiting, so it changes none of them.
 */

/* start, then feed; a source error stops the run. */
static __attribute__((noinline)) bool tick_feed(lg_replay *L, lg_ps now)
{
	int rc;

	if (!L->started && start(L))
		rc = -1;
	else
		rc = feed(L, now);
	if (rc < 0) {
		if (L->loop)
			lg_loop_fail(L->loop, &L->err);
		return true;
	}
	return rc != 0;
}

/*
 * tick: when the last feed left every reader at its end or stalled and no
 * request completed since, feed() would skip every source (most steps of
 * a replay that floods the controller): say so here, without feed()'s
 * frame.
 */
static bool rp_tick(void *self, lg_ps now)
{
	lg_replay *L = self;

	if (L->quiet_done == lg_reqpool_events(L->pool))
		return false;
	return tick_feed(L, now);
}

/* next: as noted after the last feed; a due record (or t_next 0) waits for the next edge. */
static lg_ps rp_next(const void *self, lg_ps now)
{
	const lg_replay *L = self;

	if (L->t_next > now)
		return L->t_next;
	return (now / L->tck + 1) * L->tck;
}

/* Requests staged in every FIFO of every source. */
static bool rp_holds(const void *self)
{
	const lg_replay *L = self;

	for (int i = 0; i < L->n; i++)
		if (L->h[i].nstaged)
			return true;
	return false;
}

/* A source not exhausted, or something staged. */
static bool rp_busy(const void *self)
{
	const lg_replay *L = self;

	if (!L->started)
		return L->n > 0;
	for (int i = 0; i < L->n; i++)
		if (!L->h[i].eof || L->h[i].nstaged)
			return true;
	return false;
}

/* One line per source: where its reader is, what is staged. */
static void rp_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_replay *L = self;

	(void)now;
	fprintf(f, "replay: %llu requests pushed, %llu completed, %llu completion events%s\n",
		(unsigned long long)L->pushed,
		(unsigned long long)lg_reqpool_completed(L->pool),
		(unsigned long long)lg_reqpool_events(L->pool),
		L->quiet_done != NOT_QUIET ? ", quiet" : "");
	for (int i = 0; i < L->n; i++) {
		const head *h = &L->h[i];

		fprintf(f, "replay source %d: %s, %llu staged%s%s\n", i,
			h->eof ? "at its end" : "reading", (unsigned long long)h->nstaged,
			h->stalled ? ", reader stalled on a full FIFO" : "",
			h->obs_wait ? ", a write waits for the tracker" : "");
		for (int u = 0; u < L->nunits; u++)
			if (h->f[u].blocked)
				fprintf(f, "replay source %d unit %d: %d staged, refused at %llu events\n",
					i, u, h->f[u].n, (unsigned long long)h->f[u].blocked_done);
	}
}

static void rp_attach(void *self, lg_loop *loop)
{
	((lg_replay *)self)->loop = loop;
}

static const lg_comp_ops replay_ops = {
	.kind = "replay",
	.tick = rp_tick,
	.next = rp_next,
	.busy = rp_busy,
	.dump = rp_dump,
	.holds = rp_holds,
	.attach = rp_attach,
};

lg_comp lg_replay_comp(lg_replay *r, const char *name)
{
	lg_comp c = { &replay_ops, r, name, { r->tck } };

	return c;
}

/*
 * Staging depth: the option, or LG_REPLAY_STAGING (256), or 2 x the larger
 * queue depth when that is more. 256 lets a stream interleaved over 8
 * channels in 2 KB pieces (32 bursts per channel, as the HBM2 preset's
 * mapping does) keep every channel busy: the reader must run about
 * (channels - 1) x 32 bursts ahead of the channel it waits for.
 */
static uint32_t staging_cap(const lg_mc *mc, const lg_replay_params *p)
{
	uint32_t q2 = 2 * (uint32_t)lg_mc_queue_depth(mc);

	if (p->staging_depth)
		return (uint32_t)p->staging_depth;
	return q2 > LG_REPLAY_STAGING ? q2 : LG_REPLAY_STAGING;
}

/* A front with no source yet. */
lg_replay *lg_replay_create(lg_mc *mc, lg_reqpool *pool, const lg_replay_params *p)
{
	lg_replay *L = calloc(1, sizeof(*L));
	const lg_dram_spec *sp = lg_mc_spec(mc);

	if (!L)
		return NULL;
	L->mc = mc;
	L->pool = pool;
	L->tck = sp->tCK_ps;
	L->rb = (uint64_t)sp->request_bytes;
	L->nunits = lg_dram_units(sp);
	L->cap = staging_cap(mc, p);
	L->map = lg_mc_addrmap(mc);
	L->maxout = p->max_outstanding;
	L->lean = L->maxout == 0;
	L->quiet_done = NOT_QUIET; /* the first tick starts the sources */
	return L;
}

/* Free one source's FIFOs (partial allocations too). */
static void free_fifos(const lg_replay *L, head *h)
{
	for (int u = 0; h->f && u < L->nunits; u++)
		free(h->f[u].e);
	free(h->f);
}

void lg_replay_destroy(lg_replay *L)
{
	if (!L)
		return;
	for (int i = 0; i < L->n; i++)
		free_fifos(L, &L->h[i]);
	free(L->h);
	free(L);
}

/* A source with one FIFO per unit, cap entries each. -1 when out of memory. */
int lg_replay_add_source(lg_replay *L, const lg_replay_src *src)
{
	head *hs = realloc(L->h, (size_t)(L->n + 1) * sizeof(*hs));
	head *h;

	if (!hs)
		return -1;
	L->h = hs;
	h = &L->h[L->n];
	memset(h, 0, sizeof(*h));
	h->src = *src;
	h->idx = (uint32_t)L->n;
	h->f = calloc((size_t)L->nunits, sizeof(*h->f));
	for (int u = 0; h->f && u < L->nunits; u++) {
		h->f[u].e = calloc(L->cap, sizeof(*h->f[u].e));
		if (!h->f[u].e) {
			free_fifos(L, h);
			return -1;
		}
	}
	if (!h->f)
		return -1;
	L->n++;
	return 0;
}

void lg_replay_set_observer(lg_replay *L, const lg_wobs *o)
{
	L->obs = *o;
	L->lean = L->maxout == 0 && !o->ctx;
}

uint64_t lg_replay_pushed(const lg_replay *L)
{
	return L->pushed;
}
