/*
 * One L2 slice: tags and sector masks, MSHRs, a pool of DRAM requests and
 * the queue that offers them to the memory side (see l2.h, docs/l2.md).
 *
 * A tick, in this order: take the DRAM completions that are due, hand the
 * requests they satisfied to the output port, act on at most one request
 * from the input port, take a step of the end-of-run flush, offer queued
 * DRAM requests (one queue per controller unit, one accepted per cycle). A miss's DRAM request is thus offered in the cycle of the miss,
 * and its data leaves hit_latency cycles after the completion is taken.
 */
#include <stdlib.h>
#include <string.h>

#include "core/lg_byteclk.h"
#include "l2/l2.h"

#define NONE UINT32_MAX
#define FLUSH_LINES 64       /* lines the end-of-run flush looks at per cycle */
#define TRY_MEMQ 8           /* offers per cycle, to as many units (round robin over them) */
#define OP_SHIFT LG_L2_RING_OP_SHIFT /* a ring entry: unit | the op of its head << OP_SHIFT */
#define UNIT_MASK LG_L2_RING_UNIT_MASK

enum { PK_FILL, PK_WB, PK_NMC };
enum { BLK_NONE, BLK_OUT, BLK_BW, BLK_RES }; /* why the input head waits */

typedef struct line {        /* its tag is apart (lg_l2.tag) */
	uint64_t lru;            /* last use */
	uint32_t dirty;          /* sectors */
	uint32_t pending;        /* sectors with a fill in flight */
	uint32_t mshr;           /* MSHR index + 1; 0 = none */
	uint32_t part;           /* sectors with a valid byte (vm not 0): the others miss
				  * without a look at vm */
} line;

typedef struct tgt {
	lg_req *r;
	uint32_t need;           /* sectors it waits for */
	uint32_t rd;             /* a read's size (bytes read out of the data array when it leaves), else 0 */
} tgt;

typedef struct mshr {
	uint64_t lnum;           /* line number */
	uint32_t li;             /* line index, NONE for an NMC to an absent line */
	uint32_t out;            /* DRAM requests in flight */
	uint32_t ntgt;
	bool nmc, active;
	tgt *t;
} mshr;

typedef struct memmeta {
	uint8_t kind;            /* PK_* */
	uint32_t mshr;           /* fills and NMC */
	uint32_t sectors;        /* fill: sectors the burst covers */
	uint32_t useful;         /* fill: bytes needed */
	uint32_t unit;           /* its queue */
} memmeta;

typedef struct dent {        /* a completion reported, not yet taken */
	lg_ps t;                 /* its t_done */
	uint32_t k;              /* pool index */
	uint32_t seq;            /* order of the reports */
} dent;

struct lg_l2 {
	/* what every tick and next read, in the first cache line (the slice is
	 * 64-byte aligned); in, out, clk and bpc are copies of p's */
	_Alignas(64) lg_port *in;
	lg_port *out;
	lg_clock clk;
	lg_ps dmin;                          /* the earliest t_done among done (NEVER: none) */
	uint64_t sent;                       /* data path: its byte clock (core/lg_byteclk.h) */
	uint32_t ndone, nwake, nmemq;        /* completions not taken; MSHRs woken; DRAM requests queued */
	uint32_t bpc;                        /* p.bytes_per_cycle */
	bool roused;                         /* asleep, and a unit it waits on has room (lg_l2_room) */
	bool asleep;                         /* waits for room (lg_memside.wait) */
	bool flush, fl_blocked;              /* end-of-run flush; its last step waited for free DRAM requests */
	bool all_full;                       /* the last offer_mem: every unit offered, room() false */
	uint8_t block;                       /* why the input head waits (BLK_*) */
	uint8_t lshift;                      /* log2 of line_bytes */
	bool fl_left;                        /* the flush has lines left to look at */
	/* what a request reads first: its lookup */
	_Alignas(64) uint64_t last_tag;      /* the tag of last_li when lookup found it (0: none) */
	uint32_t last_li;                    /* the line lookup found last (tried first) */
	uint32_t sets, ways;                 /* p.ways */
	uint32_t slices;                     /* p.hash->slices */
	uint64_t *tag;                       /* [sets * ways] each line's number + 1, a set's ways together
					      * and 64-byte aligned: a lookup reads no line */
	uint32_t *nfill;                     /* [sets] ways in use: 0 .. nfill - 1 (a way once filled
					      * stays filled, so a set's valid ways are a prefix) */
	line *lines;                         /* [sets * ways] the rest of each line's state */
	lg_zarena *own;                      /* the arena of the arrays when p.arena is NULL */
	uint32_t *vm;                        /* [sets * ways * spl] valid byte masks */
	uint32_t fl_next;                    /* next line the flush looks at */
	bool fl_again;                       /* a write came in during the flush */
	uint64_t stamp;
	lg_ps hit_ps;                        /* hit_latency in ps */
	uint64_t cycle;                      /* the cycle of the input or flush step in progress */
	uint32_t nmc_active;
	uint32_t spl, full;                  /* sectors/line, full byte mask of a sector */
	unsigned sshift;                     /* log2 of sector_bytes */
	uint32_t spb, bpl;                   /* sectors/burst, bursts/line */
	uint64_t *dmap;                      /* [lines / 64] lines with a dirty sector */
	uint32_t mshr_targets;               /* p.mshr_targets */
	unsigned nwt;                        /* p.nwt */
	/* what an offer to the memory side reads (with push_dec and room_first below) */
	_Alignas(64) uint32_t *ring;         /* [rmask + 1 >= nunits] units with queued requests, offer
					      * order, each with the op of its head (OP_SHIFT) */
	uint32_t rmask, rhead, nring;
	bool check, first;                   /* offers ask room() (units and room); with room_first */
	uint32_t *uhead;                     /* [nunits] each unit's queue (oldest first): its head */
	uint32_t *qnext;                     /* [npool] next queued DRAM request of its unit */
	lg_dram_addr *dec;                   /* [npool] each request's decode (lg_memside.unit_dec), or NULL */
	void *mctx;                          /* p.mem.ctx */
	bool (*push_dec)(void *ctx, lg_req *r, unsigned unit, const lg_dram_addr *a, lg_ps now);
	/* room_first (an offer's), then what a completion reads (with the first line) */
	uint32_t (*room_first)(void *ctx, const uint32_t *e, uint32_t h, uint32_t mask, uint32_t n);
	lg_req *pool;
	dent *done;                          /* [dmask + 1 >= npool] completions reported, not yet
					      * taken: a ring by t_done, then report order */
	uint32_t dhead, dmask, dseq;         /* dseq: reports so far */
	uint32_t npfree;
	memmeta *meta;
	uint32_t *pfree;
	mshr *m;
	/* what a miss reads to queue DRAM requests and take an MSHR (bmask next) */
	unsigned (*unit_dec)(void *ctx, uint64_t addr, lg_dram_addr *a); /* p.mem.unit_dec */
	uint32_t *utail;                     /* [nunits] each unit's queue: its tail */
	uint64_t next_id;
	uint32_t dram_bytes, id;             /* p.dram_bytes, p.id */
	uint32_t nunits;                     /* units (1: the memory side names none) */
	uint32_t sector_bytes;               /* p.sector_bytes */
	uint32_t *mfree, nmfree;             /* free MSHR stack */
	uint64_t *wmap;                      /* [mshrs / 64] MSHRs with targets to hand out */
	uint32_t bmask[32];                  /* [bpl] the sectors of each burst */
	/* what a sleeping slice reads */
	_Alignas(64) uint64_t sl_cycle;      /* asleep: the last cycle whose offers are counted */
	bool (*room_n)(void *ctx, unsigned unit, int op, uint64_t n);          /* p.mem.room_n */
	void (*wait)(void *ctx, unsigned id, unsigned unit, bool on);         /* p.mem.wait */
	uint32_t nwmap;                      /* words of wmap */
	lg_l2_params p;
	tgt *tgts;                           /* [mshrs * mshr_targets] the MSHRs' targets */
	uint32_t npool;
	_Alignas(64) lg_l2_stats st;
};

void lg_l2_params_from_cfg(lg_l2_params *p, const lg_cfg *cfg, uint32_t dram_bytes)
{
	memset(p, 0, sizeof(*p));
	p->bytes = (uint64_t)cfg->l2.bytes / (uint64_t)cfg->l2.slices;
	p->ways = (uint32_t)cfg->l2.ways;
	p->line_bytes = (uint32_t)cfg->l2.line_bytes;
	p->sector_bytes = (uint32_t)cfg->l2.sector_bytes;
	p->hit_latency = (uint32_t)cfg->l2.hit_latency;
	p->mshrs = (uint32_t)cfg->l2.mshrs;
	p->mshr_targets = (uint32_t)cfg->l2.mshr_targets;
	p->bytes_per_cycle = (uint32_t)cfg->l2.bytes_per_cycle;
	p->mem_reqs = (uint32_t)cfg->l2.mem_reqs;
	p->dram_bytes = dram_bytes;
	p->clk.period_ps = lg_ps_from_ns(1000.0 / cfg->die.l2_clock_mhz);
}

uint32_t lg_l2_out_depth(const lg_cfg *cfg)
{
	return (uint32_t)(cfg->l2.hit_latency + cfg->xbar.queue_depth);
}

static bool pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* Geometry that the arrays and masks can hold. */
static int check(const lg_l2_params *p, lg_err *e)
{
	uint64_t per_set = (uint64_t)p->line_bytes * p->ways;

	if (!pow2(p->line_bytes) || !pow2(p->sector_bytes) || p->sector_bytes > 32 ||
	    p->line_bytes % p->sector_bytes || p->line_bytes / p->sector_bytes > 32)
		return lg_errf(e, "l2", 0, "expected power-of-two line (%u) and sector (%u) "
			       "sizes, sectors of at most 32 B, at most 32 per line",
			       p->line_bytes, p->sector_bytes);
	if (!pow2(p->dram_bytes) || p->dram_bytes < p->sector_bytes ||
	    p->dram_bytes > p->line_bytes)
		return lg_errf(e, "l2", 0, "expected a DRAM request size between the sector (%u) "
			       "and the line (%u), a power of two, got %u",
			       p->sector_bytes, p->line_bytes, p->dram_bytes);
	if (!p->ways || !per_set || p->bytes % per_set || p->bytes < per_set)
		return lg_errf(e, "l2.bytes", 0, "expected a slice size (%llu B) that is a "
			       "whole number of sets of %u ways x %u B",
			       (unsigned long long)p->bytes, p->ways, p->line_bytes);
	if (!p->mshrs || !p->mshr_targets || !p->bytes_per_cycle || !p->in || !p->out ||
	    !p->mem.try_push || !p->hash || !p->clk.period_ps)
		return lg_errf(e, "l2", 0, "expected MSHRs, targets, bandwidth, ports, "
			       "a memory side, a hash and a clock");
	if (p->mem.unit && p->mem.units > UNIT_MASK)
		return lg_errf(e, "l2", 0, "expected at most %u memory units, got %u",
			       UNIT_MASK, p->mem.units);
	if (p->hash->line_shift != (unsigned)__builtin_ctz(p->line_bytes))
		return lg_errf(e, "l2", 0, "expected the hash over %u B lines", p->line_bytes);
	return 0;
}

/*
 * The arrays of a slice, all from the arena (zeroed, pages mapped when
 * first used): p->arena, shared with the die's other slices, or one of
 * its own. Those written before they are read are not set up here: a
 * line's tag, state and byte masks (tag, lines, vm) when it is installed
 * (nfill says which are), an MSHR's targets as it
 * takes them, a DRAM request (pool, meta) when it is queued, a completion
 * (done) when it is reported.
 */
static int alloc_arrays(lg_l2 *l, const lg_l2_params *p)
{
	uint64_t n = (uint64_t)l->sets * p->ways;
	lg_zarena *a = p->arena;

	if (!a && !(a = l->own = lg_zarena_create()))
		return -1;
	l->lines = lg_zarena_calloc(a, n, sizeof(*l->lines));
	l->tag = lg_zarena_calloc(a, n, sizeof(*l->tag)); /* 64-byte aligned: a set's ways in whole lines */
	l->nfill = lg_zarena_calloc(a, l->sets, sizeof(*l->nfill));
	l->vm = lg_zarena_calloc(a, n * l->spl, sizeof(*l->vm));
	l->dmap = lg_zarena_calloc(a, (n + 63) / 64, sizeof(*l->dmap));
	l->m = lg_zarena_calloc(a, p->mshrs, sizeof(*l->m));
	l->tgts = lg_zarena_calloc(a, (size_t)p->mshrs * p->mshr_targets, sizeof(*l->tgts));
	l->wmap = lg_zarena_calloc(a, (p->mshrs + 63) / 64, sizeof(*l->wmap));
	l->mfree = lg_zarena_calloc(a, p->mshrs, sizeof(*l->mfree));
	l->pool = lg_zarena_calloc(a, l->npool, sizeof(*l->pool));
	l->meta = lg_zarena_calloc(a, l->npool, sizeof(*l->meta));
	l->pfree = lg_zarena_calloc(a, l->npool, sizeof(*l->pfree));
	l->qnext = lg_zarena_calloc(a, l->npool, sizeof(*l->qnext));
	if (p->mem.unit_dec && p->mem.push_dec &&
	    !(l->dec = lg_zarena_calloc(a, l->npool, sizeof(*l->dec))))
		return -1;
	l->uhead = lg_zarena_calloc(a, l->nunits, sizeof(*l->uhead));
	l->utail = lg_zarena_calloc(a, l->nunits, sizeof(*l->utail));
	l->ring = lg_zarena_calloc(a, l->rmask + 1, sizeof(*l->ring));
	l->done = lg_zarena_calloc(a, l->dmask + 1, sizeof(*l->done));
	if (!l->lines || !l->tag || !l->nfill || !l->vm || !l->dmap || !l->m || !l->tgts || !l->wmap || !l->mfree || !l->pool || !l->meta ||
	    !l->pfree || !l->qnext || !l->uhead || !l->utail || !l->ring || !l->done)
		return -1;
	for (uint32_t u = 0; u < l->nunits; u++)
		l->uhead[u] = NONE;
	for (uint32_t i = 0; i < p->mshrs; i++) {
		l->m[i].t = l->tgts + (size_t)i * p->mshr_targets;
		l->mfree[i] = p->mshrs - 1 - i;
	}
	l->nmfree = p->mshrs;
	for (uint32_t i = 0; i < l->npool; i++)
		l->pfree[i] = l->npool - 1 - i;
	l->npfree = l->npool;
	return 0;
}

lg_l2 *lg_l2_create(const lg_l2_params *p, lg_err *e)
{
	lg_l2 *l;

	if (check(p, e))
		return NULL;
	l = aligned_alloc(_Alignof(lg_l2), sizeof(*l));
	if (!l)
		goto out_nomem;
	memset(l, 0, sizeof(*l));
	l->p = *p;
	/* the copies of p's fields kept next to what the hot paths read with them */
	l->in = p->in;
	l->out = p->out;
	l->clk = p->clk;
	l->bpc = p->bytes_per_cycle;
	l->ways = p->ways;
	l->slices = p->hash->slices;
	l->hit_ps = p->hit_latency * p->clk.period_ps;
	l->mctx = p->mem.ctx;
	l->push_dec = p->mem.push_dec;
	l->room_first = p->mem.room_first;
	l->mshr_targets = p->mshr_targets;
	l->nwt = p->nwt;
	l->unit_dec = p->mem.unit_dec;
	l->dram_bytes = p->dram_bytes;
	l->id = p->id;
	l->sector_bytes = p->sector_bytes;
	l->room_n = p->mem.room_n;
	l->wait = p->mem.wait;
	l->nwmap = (p->mshrs + 63) / 64;
	l->dmin = LG_PS_NEVER;
	l->sets = (uint32_t)(p->bytes / ((uint64_t)p->line_bytes * p->ways));
	l->spl = p->line_bytes / p->sector_bytes;
	l->spb = p->dram_bytes / p->sector_bytes;
	l->bpl = p->line_bytes / p->dram_bytes;
	l->full = p->sector_bytes == 32 ? UINT32_MAX : (1u << p->sector_bytes) - 1;
	l->lshift = (unsigned)__builtin_ctz(p->line_bytes);
	l->sshift = (unsigned)__builtin_ctz(p->sector_bytes);
	for (uint32_t b = 0; b < l->bpl; b++)
		l->bmask[b] = (l->spb == 32 ? UINT32_MAX : (1u << l->spb) - 1) << (b * l->spb);
	l->npool = p->mem_reqs ? p->mem_reqs : 2 * p->mshrs * l->bpl;
	l->nunits = (p->mem.unit || (p->mem.unit_dec && p->mem.push_dec)) && p->mem.units > 1 ? p->mem.units : 1;
	for (l->rmask = 1; l->rmask < l->nunits; l->rmask <<= 1)
		;
	l->rmask--;
	l->check = l->nunits > 1 && p->mem.room;
	l->first = l->check && p->mem.room_first;
	for (l->dmask = 1; l->dmask < l->npool; l->dmask <<= 1)
		;
	l->dmask--;
	if (alloc_arrays(l, p))
		goto out_nomem;
	return l;
out_nomem:
	lg_l2_destroy(l);
	lg_errf(e, "l2", 0, "out of memory");
	return NULL;
}

void lg_l2_destroy(lg_l2 *l)
{
	if (!l)
		return;
	lg_zarena_destroy(l->own); /* the arrays: the arena's (a shared one is its owner's) */
	free(l);
}

/* ---- geometry helpers ---- */

/*
 * Line index of line number lnum, or NONE when absent. A line is in at
 * most one way, so the line found last (requests to a line come in runs)
 * is tried before the ways of the set.
 */
static uint32_t lookup(lg_l2 *l, uint64_t lnum, uint32_t *set)
{
	uint64_t q = lnum / l->slices;
	uint32_t base, n;

	*set = (uint32_t)(q % l->sets);
	if (l->last_tag == lnum + 1)
		return l->last_li;
	base = *set * l->ways;
	n = l->nfill[*set];
	for (uint32_t w = 0; w < n; w++)
		if (l->tag[base + w] == lnum + 1) {
			l->last_tag = lnum + 1;
			return l->last_li = base + w;
		}
	return NONE;
}

/*
 * Sectors of the line touched by bytes [lo, hi) of the line, and each
 * sector's byte mask in m[] (none for an empty range).
 */
static inline __attribute__((always_inline)) uint32_t range_sectors(const lg_l2 *l, uint32_t lo, uint32_t hi, uint32_t *m)
{
	uint32_t s0, s1;

	if (lo >= hi)
		return 0;
	s0 = lo >> l->sshift;
	s1 = (hi - 1) >> l->sshift;
	m[s0] = l->full & (l->full << (lo - (s0 << l->sshift)));
	for (uint32_t s = s0 + 1; s <= s1; s++)
		m[s] = l->full;
	m[s1] &= l->full >> (((s1 + 1) << l->sshift) - hi);
	return (s1 == 31 ? UINT32_MAX : (2u << s1) - 1) & ~((1u << s0) - 1);
}

/* Byte range of r within its line. */
static void req_range(const lg_l2 *l, const lg_req *r, uint32_t *lo, uint32_t *hi)
{
	uint32_t lb = 1u << l->lshift, off = (uint32_t)(r->addr & (lb - 1));
	uint32_t n = r->data_bytes ? r->data_bytes : r->size;

	*lo = off + r->data_off;
	*hi = *lo + n;
	if (*hi > lb)
		*hi = lb;
}

/* Bits set in v (no popcnt instruction assumed). */
static uint32_t pop32(uint32_t v)
{
	v = v - ((v >> 1) & 0x55555555u);
	v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
	return (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
}

/* Bits set in a sector mask (few as a rule: one step per bit). */
static uint32_t nsec(uint32_t sec)
{
	uint32_t n = 0;

	for (; sec; sec &= sec - 1)
		n++;
	return n;
}

/* Bursts holding at least one sector of sec. */
static uint32_t bursts_of(const lg_l2 *l, uint32_t sec)
{
	uint32_t n = 0;

	if (l->spb == 1)
		return nsec(sec);
	for (uint32_t b = 0; b < l->bpl; b++)
		n += (sec & l->bmask[b]) != 0;
	return n;
}

/* Mark line li dirty or clean in the flush's map (it has dirty sectors or not). */
static void set_dirty_bit(lg_l2 *l, uint32_t li)
{
	uint64_t bit = 1ull << (li & 63);

	if (l->lines[li].dirty)
		l->dmap[li >> 6] |= bit;
	else
		l->dmap[li >> 6] &= ~bit;
}

/* ---- DRAM requests ---- */

/* Append unit u, whose head is pool request k, to the units offered to. */
static void ring_push(lg_l2 *l, uint32_t u, uint32_t k)
{
	l->ring[(l->rhead + l->nring) & l->rmask] = u | (uint32_t)l->pool[k].op << OP_SHIFT;
	l->nring++;
}

/* The i-th entry of the ring in offer order (unit and op). */
static uint32_t ring_at(const lg_l2 *l, uint32_t i)
{
	return l->ring[(l->rhead + i) & l->rmask];
}

static void wake_offers(lg_l2 *l, uint64_t c);

/* Queue pool request k behind the others of unit u. A unit new to the
 * ring of a sleeping slice changes its offers: it wakes first. */
static void enqueue(lg_l2 *l, uint32_t k, uint32_t u)
{
	l->qnext[k] = NONE;
	if (l->uhead[u] == NONE) {
		if (l->asleep)
			wake_offers(l, l->cycle);
		l->uhead[u] = k;
		ring_push(l, u, k);
	} else {
		l->qnext[l->utail[u]] = k;
	}
	l->utail[u] = k;
	l->nmemq++;
}

/* A pool request for burst b of line lnum, appended to its unit's queue. */
static inline __attribute__((always_inline)) lg_req *queue_mem(lg_l2 *l, int kind, uint32_t mi,
							       uint64_t lnum, uint32_t b, lg_op op,
							       lg_ps now)
{
	uint32_t k = l->pfree[--l->npfree], u;
	lg_req *r = &l->pool[k];
	uint64_t addr = (lnum << l->lshift) + (uint64_t)b * l->dram_bytes;

	*r = (lg_req){ .id = l->next_id++, .addr = addr, .size = l->dram_bytes,
		       .op = (uint8_t)op, .tclass = LG_TC_COMPUTE, .src_kind = LG_SRC_L2,
		       .src_id = l->id, .t_created = now };
	if (l->dec) /* decoded once: push_dec takes it */
		u = l->unit_dec(l->mctx, addr, &l->dec[k]);
	else
		u = l->nunits > 1 ? l->p.mem.unit(l->p.mem.ctx, addr) : 0;
	u = l->nunits > 1 ? u % l->nunits : 0;
	l->meta[k] = (memmeta){ .kind = (uint8_t)kind, .mshr = mi, .unit = u };
	enqueue(l, k, u);
	return r;
}

/* Write back the dirty sectors of line li that lie in bursts touching sec. */
static void write_back(lg_l2 *l, uint32_t li, uint32_t sec, lg_ps now)
{
	line *ln = &l->lines[li];
	const uint32_t *vm = &l->vm[(uint64_t)li * l->spl];
	uint32_t sb = l->sector_bytes;

	for (uint32_t b = 0; b < l->bpl; b++) {
		uint32_t bm = l->bmask[b], d = ln->dirty & bm;
		uint32_t first = UINT32_MAX, last = 0, useful = 0;
		lg_req *r;

		if (!(sec & bm) || !d)
			continue;
		for (uint32_t x = d; x; x &= x - 1) {
			uint32_t s = (uint32_t)__builtin_ctz(x), v = vm[s];

			if (!v)
				continue;
			useful += v == l->full ? sb : pop32(v); /* a whole sector as a rule */
			if (s * sb + (uint32_t)__builtin_ctz(v) < first)
				first = s * sb + (uint32_t)__builtin_ctz(v);
			last = s * sb + 31 - (uint32_t)__builtin_clz(v);
			l->st.dirty_sectors_written++;
		}
		ln->dirty &= ~bm;
		r = queue_mem(l, PK_WB, NONE, l->tag[li] - 1, b, LG_OP_WR, now);
		r->data_off = (uint16_t)(first - b * l->dram_bytes);
		r->data_bytes = (uint16_t)(last + 1 - first);
		l->st.writebacks++;
		l->st.dram_wr_useful += useful;
		l->st.dram_wr_bus += l->dram_bytes;
		l->st.data_read_bytes += useful;
	}
	set_dirty_bit(l, li);
}

/*
 * One DRAM request of r's op (and dtype) per burst of line lnum holding a
 * sector of sec, each carrying r's bytes [lo, hi) of the line that fall in
 * it (data_off, data_bytes); the count queued, *useful their data bytes.
 */
static uint32_t queue_spans(lg_l2 *l, int kind, uint32_t mi, uint64_t lnum, const lg_req *r,
			    uint32_t sec, uint32_t lo, uint32_t hi, lg_ps now, uint32_t *useful)
{
	uint32_t n = 0;

	*useful = 0;
	for (uint32_t b = 0; b < l->bpl; b++) {
		uint32_t b0 = b * l->dram_bytes, b1 = b0 + l->dram_bytes;
		uint32_t a = lo > b0 ? lo : b0, z = hi < b1 ? hi : b1;
		lg_req *d;

		if (!(sec & l->bmask[b]))
			continue;
		d = queue_mem(l, kind, mi, lnum, b, (lg_op)r->op, now);
		d->dtype = r->dtype;
		d->data_off = (uint16_t)(a - b0);
		d->data_bytes = (uint16_t)(z - a);
		*useful += z - a;
		n++;
	}
	return n;
}

/* Fetch the bursts holding sectors fetch of line li for MSHR mi. */
static void fetch(lg_l2 *l, uint32_t li, uint32_t mi, uint32_t fetch, lg_ps now)
{
	line *ln = &l->lines[li];
	const uint32_t *vm = &l->vm[(uint64_t)li * l->spl];

	for (uint32_t b = 0; b < l->bpl; b++) {
		uint32_t bm = l->bmask[b], fill;
		uint32_t k;

		if (!(fetch & bm))
			continue;
		fill = bm & ~ln->pending & ~ln->part; /* no valid byte: not full */
		for (uint32_t x = bm & ~ln->pending & ln->part; x; x &= x - 1) {
			uint32_t s = (uint32_t)__builtin_ctz(x);

			if (vm[s] != l->full)
				fill |= 1u << s;
		}
		k = (uint32_t)(queue_mem(l, PK_FILL, mi, l->tag[li] - 1, b, LG_OP_RD, now) - l->pool);
		l->meta[k].sectors = fill;
		l->meta[k].useful = nsec(fetch & bm) * l->sector_bytes;
		ln->pending |= fill;
		l->m[mi].out++;
		l->st.fill_reqs++;
		l->st.dram_rd_useful += l->meta[k].useful;
		l->st.dram_rd_bus += l->dram_bytes;
	}
}

/* ---- MSHRs ---- */

/* MSHR mi has nothing more to hand out for now. */
static void unwake(lg_l2 *l, uint32_t mi)
{
	uint64_t *w = &l->wmap[mi >> 6], bit = 1ull << (mi & 63);

	l->nwake -= !!(*w & bit);
	*w &= ~bit;
}

static uint32_t mshr_alloc(lg_l2 *l, uint64_t lnum, uint32_t li, bool nmc)
{
	uint32_t mi = l->mfree[--l->nmfree];
	mshr *m = &l->m[mi];

	m->lnum = lnum;
	m->li = li;
	m->out = 0;
	m->ntgt = 0;
	m->nmc = nmc;
	m->active = true;
	if (li != NONE)
		l->lines[li].mshr = mi + 1;
	if (nmc)
		l->nmc_active++;
	l->st.mshr_allocs++;
	return mi;
}

static void mshr_free(lg_l2 *l, uint32_t mi)
{
	mshr *m = &l->m[mi];

	if (m->li != NONE)
		l->lines[m->li].mshr = 0;
	if (m->nmc)
		l->nmc_active--;
	unwake(l, mi);
	m->active = false;
	l->mfree[l->nmfree++] = mi;
}

/* An NMC in flight to line lnum? */
static bool nmc_busy(const lg_l2 *l, uint64_t lnum)
{
	if (!l->nmc_active)
		return false;
	for (uint32_t i = 0; i < l->p.mshrs; i++)
		if (l->m[i].active && l->m[i].nmc && l->m[i].lnum == lnum)
			return true;
	return false;
}

/* Hand the satisfied targets of MSHR mi to the output; free it when done. */
static bool deliver(lg_l2 *l, uint32_t mi, lg_ps now)
{
	mshr *m = &l->m[mi];
	lg_ps ready = now + l->hit_ps;
	uint32_t pend = m->li != NONE && !m->nmc ? l->lines[m->li].pending : 0;
	uint32_t k = 0;
	bool moved = false, blocked = false;

	for (uint32_t i = 0; i < m->ntgt; i++) {
		tgt t = m->t[i];
		bool ok = m->nmc ? m->out == 0 : !(t.need & pend);

		if (ok && !blocked && lg_port_push(l->out, t.r, ready)) {
			moved = true;
			l->st.data_read_bytes += t.rd;
			continue;
		}
		if (ok) {
			blocked = true;
			l->st.stall_out++;
		}
		m->t[k++] = t;
	}
	m->ntgt = k;
	if (!blocked)
		unwake(l, mi);
	if (!m->ntgt && !m->out)
		mshr_free(l, mi);
	return moved;
}

/* MSHR mi may have targets to hand out (a fill or an NMC landed). */
static void wake(lg_l2 *l, uint32_t mi)
{
	uint64_t *w = &l->wmap[mi >> 6], bit = 1ull << (mi & 63);

	l->nwake += !(*w & bit);
	*w |= bit;
}

static bool path_full(const lg_l2 *l, uint64_t c);
static void take_bytes(lg_l2 *l, uint64_t c, uint64_t b);

/* ---- completions ---- */

/*
 * Kept in the ring by t_done (a report goes behind those due no later,
 * usually at the back), so the due ones are a prefix of the ring.
 */
void lg_l2_mem_done(void *self, lg_req *r)
{
	lg_l2 *l = self;
	dent *d = l->done;
	const uint32_t m = l->dmask, h = l->dhead;
	uint32_t i = l->ndone++;

	for (; i && d[(h + i - 1) & m].t > r->t_done; i--)
		d[(h + i) & m] = d[(h + i - 1) & m];
	d[(h + i) & m] = (dent){ r->t_done, (uint32_t)(r - l->pool), l->dseq++ };
	if (!i)
		l->dmin = r->t_done;
}

/* r's unit, kept since it was queued (the memory side's completion needs it). */
unsigned lg_l2_mem_unit(const lg_l2 *l, const lg_req *r)
{
	return l->meta[r - l->pool].unit;
}

/* Act on DRAM completion k at now. */
static void complete(lg_l2 *l, uint32_t k, uint64_t c)
{
	memmeta *mm = &l->meta[k];

	if (mm->kind == PK_FILL) {
		mshr *m = &l->m[mm->mshr];
		line *ln = &l->lines[m->li];

		for (uint32_t x = mm->sectors; x; x &= x - 1)
			l->vm[(uint64_t)m->li * l->spl + (uint32_t)__builtin_ctz(x)] = l->full;
		ln->part |= mm->sectors;
		l->st.sector_fills += nsec(mm->sectors);
		ln->pending &= ~mm->sectors;
		l->st.data_write_bytes += l->dram_bytes;
		take_bytes(l, c, l->dram_bytes);
		m->out--;
		wake(l, mm->mshr);
	} else if (mm->kind == PK_NMC) {
		l->m[mm->mshr].out--;
		wake(l, mm->mshr);
	}
	l->pfree[l->npfree++] = k;
	l->fl_blocked = false;
}

/* Put the first n completions of the ring in the order they were reported. */
static void sort_reports(lg_l2 *l, uint32_t n)
{
	const uint32_t m = l->dmask, h = l->dhead;

	for (uint32_t i = 1; i < n; i++) {
		dent e = l->done[(h + i) & m];
		uint32_t j = i;

		for (; j && (int32_t)(l->done[(h + j - 1) & m].seq - e.seq) > 0; j--)
			l->done[(h + j) & m] = l->done[(h + j - 1) & m];
		l->done[(h + j) & m] = e;
	}
}

/* Take every completion due at now, in the order they were reported. */
static bool take_done(lg_l2 *l, lg_ps now, uint64_t c)
{
	const uint32_t m = l->dmask;
	uint32_t n = 1;

	if (l->dmin > now) /* none due */
		return false;
	while (n < l->ndone && l->done[(l->dhead + n) & m].t <= now)
		n++;
	if (n > 1)
		sort_reports(l, n);
	for (uint32_t i = 0; i < n; i++)
		complete(l, l->done[(l->dhead + i) & m].k, c);
	l->dhead = (l->dhead + n) & m;
	l->ndone -= n;
	l->dmin = l->ndone ? l->done[l->dhead].t : LG_PS_NEVER;
	return true;
}

/* ---- the input ---- */

/* Whether the slice's data path is full at cycle c (core/lg_byteclk.h). */
static bool path_full(const lg_l2 *l, uint64_t c)
{
	return lg_byteclk_full(l->sent, c, l->bpc);
}

/* The data path takes b more bytes at cycle c. */
static void take_bytes(lg_l2 *l, uint64_t c, uint64_t b)
{
	l->sent = lg_byteclk_take(l->sent, c, l->bpc, b);
}

/* LRU victim way of set (an invalid way first); NONE if all have MSHRs. */
static uint32_t victim(const lg_l2 *l, uint32_t set)
{
	uint32_t base = set * l->ways, v = NONE;

	if (l->nfill[set] < l->ways)
		return base + l->nfill[set];
	for (uint32_t w = 0; w < l->ways; w++) {
		const line *ln = &l->lines[base + w];

		if (!ln->mshr && (v == NONE || ln->lru < l->lines[v].lru))
			v = base + w;
	}
	return v;
}

/* Whether line li of set is in use (holds a tag). */
static bool filled(const lg_l2 *l, uint32_t set, uint32_t li)
{
	return li - set * l->ways < l->nfill[set];
}

/* Evict (writing back) line li of set, or take it into use, and install lnum in it. */
static void install(lg_l2 *l, uint32_t set, uint32_t li, uint64_t lnum, lg_ps now)
{
	line *ln = &l->lines[li];

	if (filled(l, set, li)) {
		l->st.evictions++;
		write_back(l, li, UINT32_MAX, now);
	} else {
		l->nfill[set]++;
		ln->mshr = 0; /* a victim has none */
	}
	l->tag[li] = lnum + 1;
	l->last_tag = lnum + 1;
	l->last_li = li;
	ln->dirty = 0;
	ln->pending = 0;
	set_dirty_bit(l, li);
	memset(&l->vm[(uint64_t)li * l->spl], 0, l->spl * sizeof(*l->vm));
	ln->part = 0;
}

/* A free way for lnum in set: *li set; false (counted) when it must wait. */
static bool make_room(lg_l2 *l, uint32_t set, uint32_t extra_reqs, uint32_t *li)
{
	uint32_t v = victim(l, set);

	if (v == NONE) {
		l->st.stall_set++;
		return false;
	}
	if (l->npfree < extra_reqs + (filled(l, set, v) ? bursts_of(l, l->lines[v].dirty) : 0)) {
		l->st.stall_mem++;
		return false;
	}
	*li = v;
	return true;
}

/* A read: hit, merge into the line's MSHR, or a new MSHR. */
static bool do_read(lg_l2 *l, lg_req *r, lg_ps now)
{
	uint32_t lo, hi, m[32], need, miss = 0, set, li, mi, fetch_s;
	uint64_t lnum = r->addr >> l->lshift;
	req_range(l, r, &lo, &hi);
	need = range_sectors(l, lo, hi, m);
	li = lookup(l, lnum, &set);
	if (li != NONE) {
		uint32_t part = l->lines[li].part;

		miss = need & ~part;
		for (uint32_t x = need & part; x; x &= x - 1) {
			uint32_t s = (uint32_t)__builtin_ctz(x);

			if ((l->vm[(uint64_t)li * l->spl + s] & m[s]) != m[s])
				miss |= 1u << s;
		}
	}
	if (li != NONE && !miss) {
		if (!lg_port_push(l->out, r, now + l->hit_ps)) {
			l->st.stall_out++;
			l->block = BLK_OUT;
			return false;
		}
		l->lines[li].lru = ++l->stamp;
		l->st.hits[LG_OP_RD]++;
		l->st.data_read_bytes += r->size;
		return true;
	}
	if (li == NONE)
		miss = need;
	fetch_s = li != NONE ? miss & ~l->lines[li].pending : miss;
	if (li != NONE && l->lines[li].mshr) {
		mi = l->lines[li].mshr - 1;
		if (l->m[mi].ntgt == l->mshr_targets) {
			l->st.stall_targets++;
			l->block = BLK_RES;
			return false;
		}
	} else if (!l->nmfree) {
		l->st.stall_mshr++;
		l->block = BLK_RES;
		return false;
	}
	if (l->npfree < bursts_of(l, fetch_s)) {
		l->st.stall_mem++;
		l->block = BLK_RES;
		return false;
	}
	if (li == NONE) {
		if (!make_room(l, set, bursts_of(l, fetch_s), &li)) {
			l->block = BLK_RES;
			return false;
		}
		install(l, set, li, lnum, now);
	}
	if (l->lines[li].mshr) {
		mi = l->lines[li].mshr - 1;
		l->st.mshr_merges++;
	} else {
		mi = mshr_alloc(l, lnum, li, false);
	}
	l->m[mi].t[l->m[mi].ntgt++] = (tgt){ r, miss, r->size };
	if (fetch_s) /* a merge usually waits for fills in flight */
		fetch(l, li, mi, fetch_s, now);
	l->lines[li].lru = ++l->stamp;
	l->st.misses[LG_OP_RD]++;
	return true;
}

/* Mark bytes m[s] of each sector s of sec valid in line li. */
static void or_bytes(lg_l2 *l, uint32_t li, uint32_t sec, const uint32_t *m)
{
	uint32_t *vm = &l->vm[(uint64_t)li * l->spl];

	for (uint32_t x = sec; x; x &= x - 1)
		vm[__builtin_ctz(x)] |= m[__builtin_ctz(x)];
	l->lines[li].part |= sec; /* m is not 0 in a sector of sec */
}

/* Whether addr lies in a written-through range. */
static bool written_through(const lg_l2 *l, uint64_t addr)
{
	for (unsigned i = 0; i < l->nwt; i++)
		if (addr - l->p.wt[i].base < l->p.wt[i].bytes)
			return true;
	return false;
}

/*
 * A written-through store (l2.h, lg_l2_range): one DRAM write per burst
 * of line lnum it touches, carrying its bytes [lo, hi) of the line; a
 * present line li (NONE: absent, not allocated) gets the bytes valid,
 * its dirty sectors unchanged. Acknowledged after hit_latency.
 */
static bool write_through(lg_l2 *l, lg_req *r, uint32_t li, uint64_t lnum, lg_ps now)
{
	uint32_t lo, hi, m[32], sec, n, useful;

	req_range(l, r, &lo, &hi);
	sec = range_sectors(l, lo, hi, m);
	if (l->npfree < bursts_of(l, sec)) {
		l->st.stall_mem++;
		l->block = BLK_RES;
		return false;
	}
	n = queue_spans(l, PK_WB, NONE, lnum, r, sec, lo, hi, now, &useful);
	l->st.wt_writes += n;
	l->st.dram_wr_useful += useful;
	l->st.dram_wr_bus += (uint64_t)n * l->dram_bytes;
	if (li != NONE) {
		or_bytes(l, li, sec, m);
		l->lines[li].lru = ++l->stamp;
		l->st.data_write_bytes += hi - lo;
		l->st.hits[LG_OP_WR]++;
	} else {
		l->st.misses[LG_OP_WR]++;
	}
	lg_port_push(l->out, r, now + l->hit_ps);
	return true;
}

/* A write: write-allocate, write-validate (written-through ranges: see
 * write_through); acknowledged after hit_latency. */
static bool do_write(lg_l2 *l, lg_req *r, lg_ps now)
{
	uint32_t lo, hi, m[32], sec, set, li;
	uint64_t lnum = r->addr >> l->lshift;
	bool hit;

	if (lg_port_full(l->out)) {
		l->st.stall_out++;
		l->block = BLK_OUT;
		return false;
	}
	li = lookup(l, lnum, &set);
	if (l->nwt && written_through(l, r->addr))
		return write_through(l, r, li, lnum, now);
	req_range(l, r, &lo, &hi);
	sec = range_sectors(l, lo, hi, m);
	hit = li != NONE;
	if (!hit) {
		if (!make_room(l, set, 0, &li)) {
			l->block = BLK_RES;
			return false;
		}
		install(l, set, li, lnum, now);
	}
	or_bytes(l, li, sec, m);
	l->lines[li].dirty |= sec;
	set_dirty_bit(l, li);
	l->lines[li].lru = ++l->stamp;
	l->st.data_write_bytes += hi - lo;
	if (hit)
		l->st.hits[LG_OP_WR]++;
	else
		l->st.misses[LG_OP_WR]++;
	lg_port_push(l->out, r, now + l->hit_ps);
	return true;
}

/* An NMC: write back and invalidate what it touches, then forward it. */
static bool do_nmc(lg_l2 *l, lg_req *r, lg_ps now)
{
	uint32_t lo, hi, m[32], sec, set, li, mi, nb, n, useful;
	uint64_t lnum = r->addr >> l->lshift;

	req_range(l, r, &lo, &hi);
	sec = range_sectors(l, lo, hi, m);
	li = lookup(l, lnum, &set);
	if (li != NONE && l->lines[li].mshr) {
		l->st.stall_nmc++;
		l->block = BLK_RES;
		return false;
	}
	if (!l->nmfree) {
		l->st.stall_mshr++;
		l->block = BLK_RES;
		return false;
	}
	nb = bursts_of(l, sec);
	if (l->npfree < nb + (li != NONE ? bursts_of(l, l->lines[li].dirty) : 0)) {
		l->st.stall_mem++;
		l->block = BLK_RES;
		return false;
	}
	if (li != NONE) {
		write_back(l, li, sec, now);
		for (uint32_t s = 0; s < l->spl; s++)
			if (sec >> s & 1)
				l->vm[(uint64_t)li * l->spl + s] = 0;
		l->lines[li].part &= ~sec;
	}
	mi = mshr_alloc(l, lnum, li, true);
	l->m[mi].t[l->m[mi].ntgt++] = (tgt){ r, 0, 0 };
	n = queue_spans(l, PK_NMC, mi, lnum, r, sec, lo, hi, now, &useful);
	l->m[mi].out += n;
	l->st.nmc_reqs += n;
	l->st.dram_nmc_useful += useful;
	l->st.dram_nmc_bus += (uint64_t)n * l->dram_bytes;
	l->st.misses[LG_OP_NMC]++;
	return true;
}

/* Act on the input's head at cycle c; true if it was taken. */
static bool take_input(lg_l2 *l, lg_ps now, uint64_t c)
{
	lg_req *r = lg_port_peek(l->in, now);
	uint64_t lnum;
	bool ok;

	l->block = BLK_NONE;
	if (!r)
		return false;
	if (path_full(l, c)) {
		l->st.stall_bw++;
		l->block = BLK_BW;
		return false;
	}
	lnum = r->addr >> l->lshift;
	l->cycle = c;
	if (nmc_busy(l, lnum)) {
		l->st.stall_nmc++;
		l->block = BLK_RES;
		return false;
	}
	switch (r->op) {
	case LG_OP_RD:
		ok = do_read(l, r, now);
		break;
	case LG_OP_WR:
		ok = do_write(l, r, now);
		break;
	default:
		ok = do_nmc(l, r, now);
		break;
	}
	if (!ok)
		return false;
	lg_port_pop(l->in);
	l->fl_blocked = false; /* its lines or DRAM requests may have changed */
	if (l->flush && r->op != LG_OP_RD)
		l->fl_again = l->fl_left = true;
	l->st.tag_lookups++;
	l->st.accesses[r->op]++;
	if (r->op != LG_OP_NMC)
		take_bytes(l, c, r->size);
	return true;
}

/*
 * Offer queued DRAM requests: the head of each unit's queue in turn
 * (round robin over the units that have requests), at most one accepted
 * and TRY_MEMQ offered per cycle. Each unit's queue keeps its order (a
 * write-back reaches the controller before a refetch or an NMC of the same
 * burst), and a refused head holds back only its own unit: one full
 * controller queue does not block the others.
 */
static bool offer_mem(lg_l2 *l, lg_ps now)
{
	uint32_t n = l->nring < TRY_MEMQ ? l->nring : TRY_MEMQ, head = l->rhead, i;
	const uint32_t mask = l->rmask, nr = l->nring;
	const lg_memside *ms = &l->p.mem;
	const bool check = l->check, first = l->first;
	bool all_full = n == nr && check;

	for (i = 0; i < n; i++, head = (head + 1) & mask) { /* a refused head goes to the back */
		uint32_t e, u, k;
		bool room;

		if (first) { /* the ones before the first unit with room were refused */
			uint32_t j = l->room_first(l->mctx, l->ring, head, mask, n - i);

			i += j;
			if (nr > mask) /* a full ring turns in place */
				head = (head + j) & mask;
			else
				for (; j; j--, head = (head + 1) & mask)
					l->ring[(head + nr) & mask] = l->ring[head];
			if (i == n)
				break;
		}
		e = l->ring[head];
		u = e & UNIT_MASK;
		room = first || !check || ms->room(ms->ctx, u, (int)(e >> OP_SHIFT));

		if (room && (k = l->uhead[u], l->dec ? l->push_dec(l->mctx, &l->pool[k], u, &l->dec[k], now)
						     : ms->try_push(ms->ctx, &l->pool[k], now))) {
			l->rhead = (head + 1) & mask; /* u off the ring */
			l->nring--;
			l->st.mem_refusals += i;
			l->uhead[u] = l->qnext[k];
			l->nmemq--;
			if (l->uhead[u] != NONE)
				ring_push(l, u, l->uhead[u]);
			l->all_full = false;
			return true;
		}
		all_full = all_full && !room;
		l->ring[(head + nr) & mask] = e;
	}
	l->rhead = head;
	l->st.mem_refusals += n;
	l->all_full = all_full;
	return false;
}

/* tell the memory side that the slice waits (on) or no longer waits for each unit of its ring */
static void wait_ring(lg_l2 *l, bool on)
{
	for (uint32_t i = 0; i < l->nring; i++)
		l->wait(l->mctx, l->id, ring_at(l, i) & UNIT_MASK, on);
}

/*
 * The offers of cycles (sl_cycle, c] that a sleeping slice skipped: as
 * offer_mem would have made them, every unit of the ring (at most
 * TRY_MEMQ) offered once a cycle and refused by room(), which nothing
 * changed meanwhile (the memory side catches up before a controller
 * acts). A refusal leaves the ring's order as it was, and room() only
 * counts, so the checks are made unit by unit.
 */
static inline __attribute__((always_inline)) void skipped_offers(lg_l2 *l, uint64_t c)
{
	uint64_t cycles = c > l->sl_cycle ? c - l->sl_cycle : 0;

	for (uint32_t i = 0; i < l->nring && cycles; i++) {
		uint32_t u = ring_at(l, i) & UNIT_MASK;
		int op = (int)(ring_at(l, i) >> OP_SHIFT);

		if (l->room_n) {
			l->room_n(l->mctx, u, op, cycles);
			continue;
		}
		for (uint64_t j = 0; j < cycles; j++)
			l->p.mem.room(l->p.mem.ctx, u, op);
	}
	l->st.mem_refusals += cycles * l->nring;
	l->sl_cycle += cycles;
}

/* The sleeping slice offers again from cycle c on: the offers of the
 * cycles before c that it skipped counted, the memory side told. */
static void wake_offers(lg_l2 *l, uint64_t c)
{
	skipped_offers(l, c - 1);
	l->asleep = l->roused = false;
	wait_ring(l, false);
}

/*
 * Whether some unit of the ring has room (room_n asked for none, so
 * nothing is counted); true without room_n. A roused slice whose units
 * are all full again (an earlier slice took the room) would offer once,
 * be refused by every unit and sleep again: it sleeps on instead, and
 * those refusals are counted with its other skipped offers (room cannot
 * come back before the memory side catches up).
 */
static bool ring_room(const lg_l2 *l)
{
	if (!l->room_n)
		return true;
	for (uint32_t i = 0; i < l->nring; i++) {
		uint32_t e = ring_at(l, i);

		if (l->room_n(l->mctx, e & UNIT_MASK, (int)(e >> OP_SHIFT), 0))
			return true;
	}
	return false;
}

void lg_l2_catch_up(lg_l2 *l, lg_ps now)
{
	if (l->asleep)
		skipped_offers(l, now / l->clk.period_ps);
}

void lg_l2_room(lg_l2 *l)
{
	l->roused = l->asleep;
}

void lg_l2_flush(lg_l2 *l)
{
	l->flush = l->fl_left = true;
	l->fl_next = 0;
	l->fl_blocked = false;
}

/* The first dirty line in [a, end), or end (a scan of the dirty map). */
static uint32_t next_dirty(const lg_l2 *l, uint32_t a, uint32_t end)
{
	uint32_t w = a >> 6;
	uint64_t x;

	if (a >= end)
		return end;
	x = l->dmap[w] & (~0ull << (a & 63));
	while (!x) {
		if (++w << 6 >= end)
			return end;
		x = l->dmap[w];
	}
	a = (w << 6) + (uint32_t)__builtin_ctzll(x);
	return a < end ? a : end;
}

/* One cycle of the end-of-run flush: write back the dirty lines among the
 * next FLUSH_LINES while DRAM requests are free; true if it moved. */
static bool flush_step(lg_l2 *l, lg_ps now)
{
	uint32_t n = l->sets * l->ways, before = l->fl_next, end, li;

	if (l->fl_next == n) { /* lines were written during the pass: another one */
		l->fl_again = false;
		l->fl_next = 0;
	}
	end = n - l->fl_next > FLUSH_LINES ? l->fl_next + FLUSH_LINES : n;
	li = next_dirty(l, l->fl_next, end);
	while (li < end && l->npfree >= bursts_of(l, l->lines[li].dirty)) {
		uint64_t wb = l->st.writebacks; /* the stats are not read for a clean stretch */

		write_back(l, li, UINT32_MAX, now);
		l->st.flush_writebacks += l->st.writebacks - wb;
		li = next_dirty(l, li + 1, end);
	}
	l->fl_blocked = li < end; /* waits for free DRAM requests */
	l->fl_next = li;
	l->fl_left = li < n || l->fl_again;
	return l->fl_next != before;
}

/* Hand out the targets of the woken MSHRs, lowest index first. */
static bool deliver_woken(lg_l2 *l, lg_ps now)
{
	bool prog = false;

	for (uint32_t w = 0; w < l->nwmap && l->nwake; w++)
		for (uint64_t x = l->wmap[w]; x; x &= x - 1)
			prog |= deliver(l, w * 64 + (uint32_t)__builtin_ctzll(x), now);
	return prog;
}

bool lg_l2_tick(lg_l2 *l, lg_ps now)
{
	uint64_t c = lg_clock_cycle_at(l->clk, now);
	bool prog = false;

	if (l->roused && ring_room(l)) /* a unit it waits on has room: it offers this cycle */
		wake_offers(l, c);
	l->roused = false;
	if (l->ndone)
		prog |= take_done(l, now, c);
	if (l->nwake && !lg_port_full(l->out))
		prog |= deliver_woken(l, now);
	prog |= take_input(l, now, c);
	if (l->fl_left && !l->fl_blocked) {
		l->cycle = c;
		prog |= flush_step(l, now);
	}
	if (l->asleep) /* no room anywhere still: this cycle's offers are skipped too */
		return prog;
	if (l->nmemq && offer_mem(l, now))
		prog = true;
	else if (l->nmemq && l->all_full && l->wait) { /* sleep until a unit has room */
		l->asleep = true;
		l->sl_cycle = c;
		wait_ring(l, true);
	}
	return prog;
}

lg_ps lg_l2_next(const lg_l2 *l, lg_ps now)
{
	lg_ps edge = lg_clock_time(l->clk, lg_clock_cycle_at(l->clk, now + 1));
	lg_ps t = LG_PS_NEVER;
	const lg_port *in = l->in;

	if ((l->nmemq && (!l->asleep || l->roused)) || (l->nwake && !lg_port_full(l->out)) ||
	    (!l->fl_blocked && l->fl_left))
		return edge; /* nothing below is earlier than the next edge */
	if (l->ndone) { /* the first cycle at or after the earliest completion */
		lg_ps d = lg_clock_time(l->clk, lg_clock_cycle_at(l->clk, l->dmin));

		t = d > edge ? d : edge;
	}
	if (!lg_port_empty(in) && l->block != BLK_RES &&
	    !(l->block == BLK_OUT && lg_port_full(l->out))) {
		lg_ps h = in->e[in->head].ready > edge ? in->e[in->head].ready : edge;
		uint64_t c = lg_clock_cycle_at(l->clk, h);

		if (path_full(l, c))
			c = lg_byteclk_free_at(l->sent, l->bpc);
		h = lg_clock_time(l->clk, c);
		t = h < t ? h : t;
	}
	return t;
}

bool lg_l2_busy(const lg_l2 *l)
{
	return !lg_port_empty(l->in) || l->nmfree != l->p.mshrs || l->nmemq ||
	       l->npfree != l->npool || l->fl_left;
}

void lg_l2_dump(const lg_l2 *l, FILE *f, lg_ps now)
{
	static const char *const why[] = { "-", "output full", "bandwidth", "resources" };

	fprintf(f, "l2.%u @%llu ps: %u queued at input (head waits: %s), %u of %u MSHRs busy, "
		"%u DRAM requests queued, %u outstanding, %u completions not taken\n",
		l->id, (unsigned long long)now, lg_port_count(l->in), why[l->block],
		l->p.mshrs - l->nmfree, l->p.mshrs, l->nmemq, l->npool - l->npfree, l->ndone);
}

const lg_l2_stats *lg_l2_stats_get(const lg_l2 *l)
{
	return &l->st;
}

uint64_t lg_l2_dirty_lines(const lg_l2 *l)
{
	uint64_t n = 0;

	for (uint32_t set = 0; set < l->sets; set++)
		for (uint32_t w = 0; w < l->nfill[set]; w++)
			n += l->lines[(uint64_t)set * l->ways + w].dirty != 0;
	return n;
}

static bool c_tick(void *s, lg_ps now) { return lg_l2_tick(s, now); }
static lg_ps c_next(const void *s, lg_ps now) { return lg_l2_next(s, now); }
static bool c_busy(const void *s) { return lg_l2_busy(s); }
static void c_dump(const void *s, FILE *f, lg_ps now) { lg_l2_dump(s, f, now); }

const lg_comp_ops lg_l2_comp_ops = {
	.kind = "l2",
	.tick = c_tick,
	.next = c_next,
	.busy = c_busy,
	.dump = c_dump,
};
