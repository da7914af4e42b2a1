/*
 * The DMA engine (see dma.h). A burst is one slot of max_bursts: it holds
 * the request that reads it, then carries it through the destination port
 * and becomes the write or NMC at the destination, and returns to its
 * engine's free list when that lands. Descriptors sit in a ring of
 * queue_depth entries from acceptance until their last burst lands; the
 * engine splits them in order, one burst read per cycle.
 *
 * Order within a tick: receive (the head of the receive port into the
 * controller), send (the oldest read that is done into its destination
 * port), then feed preloaded descriptors and issue one read.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dma/dma.h"

typedef struct burst {
	lg_req r;               /* the read, then the write or NMC at the destination */
	lg_dma *owner;
	unsigned q;             /* its descriptor's ring slot */
	uint64_t dst;
	unsigned die;
	uint8_t op, dtype;      /* lg_op at the destination, lg_dtype */
	uint32_t n;             /* data bytes (the last burst of a transfer may be short) */
	uint8_t *data;          /* [burst_bytes] in data mode */
	struct burst *next;     /* free list */
} burst;

typedef struct qent {
	lg_dma_desc x;
	uint64_t issued;        /* bytes given to a burst (staged or accepted) */
	uint64_t k;             /* next burst index in issue order (see burst_off) */
	uint64_t acc;           /* bytes whose read was accepted */
	uint64_t out;           /* bursts read and not yet landed */
	lg_ps t_acc, t_first;
	bool done;
} qent;

struct lg_dma {
	lg_dma_params p;
	lg_dma_mem mem;
	lg_dmem *dm;
	qent *q;                /* ring [queue_depth] */
	unsigned qhead, qn;     /* oldest entry, entries in use */
	unsigned qcur;          /* entries before the one being split (from qhead) */
	burst *slots;           /* [max_bursts] */
	uint8_t *bufs;          /* [max_bursts * burst_bytes], data mode */
	burst *free;
	unsigned nfree;
	burst *stage;           /* a read refused by the memory side, retried */
	burst **sendq;          /* ring [max_bursts]: reads done, in completion order */
	unsigned sq_head, sq_n;
	lg_dma *to[LG_DMA_MAX_DIES];
	lg_port rx;             /* its receive port ... */
	lg_ps link_free;        /* ... free for the next burst from this time */
	unsigned rx_in;         /* received bursts in the controller */
	lg_dma_desc *pre;       /* preloaded descriptors [npre] */
	unsigned npre, ipre;
	lg_dma_desc_cb cb;
	void *cb_ctx;
	uint64_t ids;
	lg_dma_stats st;
};

/* The engine, its rings and its receive port; every burst slot on the free list. */
lg_dma *lg_dma_create(const lg_dma_params *p, const lg_dma_mem *mem, lg_err *e)
{
	lg_dma *d = calloc(1, sizeof(*d));

	if (!d)
		goto out_oom;
	d->p = *p;
	d->mem = *mem;
	d->q = calloc(p->queue_depth, sizeof(*d->q));
	d->slots = calloc(p->max_bursts, sizeof(*d->slots));
	d->sendq = calloc(p->max_bursts, sizeof(*d->sendq));
	if (!d->q || !d->slots || !d->sendq || lg_port_init(&d->rx, p->link_depth))
		goto out_oom;
	for (unsigned i = p->max_bursts; i-- > 0;) {
		d->slots[i].owner = d;
		d->slots[i].next = d->free;
		d->free = &d->slots[i];
	}
	d->nfree = p->max_bursts;
	return d;
out_oom:
	lg_dma_destroy(d);
	lg_errf(e, "lgsim", 0, "out of memory");
	return NULL;
}

/* Free the engine (d may be NULL). */
void lg_dma_destroy(lg_dma *d)
{
	if (!d)
		return;
	lg_port_free(&d->rx);
	free(d->q);
	free(d->slots);
	free(d->sendq);
	free(d->bufs);
	free(d->pre);
	free(d);
}

/* Bursts for die go to the receive port of to. */
int lg_dma_connect(lg_dma *d, unsigned die, lg_dma *to)
{
	if (die >= LG_DMA_MAX_DIES)
		return -1;
	d->to[die] = to;
	return 0;
}

/* Data mode: one buffer of burst_bytes per burst slot. */
int lg_dma_set_mem(lg_dma *d, lg_dmem *m)
{
	d->dm = m;
	if (!m || d->bufs)
		return 0;
	d->bufs = calloc(d->p.max_bursts, d->p.burst_bytes);
	if (!d->bufs) {
		d->dm = NULL;
		return -1;
	}
	for (unsigned i = 0; i < d->p.max_bursts; i++)
		d->slots[i].data = d->bufs + (size_t)i * d->p.burst_bytes;
	return 0;
}

/* The timeline's descriptor callback. */
void lg_dma_set_desc_cb(lg_dma *d, lg_dma_desc_cb cb, void *ctx)
{
	d->cb = cb;
	d->cb_ctx = ctx;
}

/* Queue entry i places after the oldest. */
static qent *qat(lg_dma *d, unsigned i)
{
	return &d->q[(d->qhead + i) % d->p.queue_depth];
}

/* Queue a descriptor; refused (and counted) when full or when its die has no port. */
bool lg_dma_submit(lg_dma *d, const lg_dma_desc *x, lg_ps now)
{
	qent *e;

	if (d->qn == d->p.queue_depth || x->die >= LG_DMA_MAX_DIES || !d->to[x->die]) {
		d->st.queue_full++;
		return false;
	}
	e = qat(d, d->qn++);
	memset(e, 0, sizeof(*e));
	e->x = *x;
	e->t_acc = now;
	d->st.descriptors++;
	if (!x->bytes)
		e->done = true;
	return true;
}

/* Keep a copy of the config descriptors; feed() offers them in order. */
int lg_dma_preload(lg_dma *d, const lg_dma_desc *x, unsigned n)
{
	free(d->pre);
	d->pre = n ? malloc(n * sizeof(*x)) : NULL;
	if (n && !d->pre)
		return -1;
	if (n)
		memcpy(d->pre, x, n * sizeof(*x));
	d->npre = n;
	d->ipre = 0;
	return 0;
}

/* Trigger port: ready while the queue has room. */
static bool trig_ready(const void *ctx)
{
	const lg_dma *d = ctx;

	return d->qn < d->p.queue_depth;
}

/* A trigger becomes a descriptor (tracker dtype 0..3 = lg_dtype 1..4). */
static void trig_put(void *ctx, const lg_trig *t, lg_ps now)
{
	lg_dma *d = ctx;
	lg_dma_desc x = { t->base, t->dst, t->len, t->die, t->op,
			  t->op ? (lg_dtype)(t->dtype + 1) : LG_DT_NONE };

	if (lg_dma_submit(d, &x, now))
		d->st.triggers++;
}

/* The descriptor queue as a trigger port. */
lg_trig_port lg_dma_trig_port(lg_dma *d)
{
	lg_trig_port p = { d, trig_ready, trig_put };

	return p;
}

/* Retire completed descriptors from the head of the ring. */
static void retire(lg_dma *d)
{
	while (d->qn && qat(d, 0)->done) {
		d->qhead = (d->qhead + 1) % d->p.queue_depth;
		d->qn--;
		if (d->qcur)
			d->qcur--;
	}
}

/* Descriptor e's last burst landed at now. */
static void desc_done(lg_dma *d, qent *e, lg_ps now)
{
	lg_ps lat = now - e->t_acc;

	e->done = true;
	d->st.desc_done++;
	d->st.latency_ps += lat;
	if (lat > d->st.latency_max_ps)
		d->st.latency_max_ps = lat;
	if (!d->st.first_done)
		d->st.first_done = now;
	d->st.last_done = now;
	if (d->cb)
		d->cb(d->cb_ctx, &e->x, (unsigned)(e - d->q), e->t_acc, now);
}

/* A burst of the owner landed at its destination at t: its credit comes back. */
static void release(burst *b, lg_ps t)
{
	lg_dma *d = b->owner;
	qent *e = &d->q[b->q];

	b->next = d->free;
	d->free = b;
	d->nfree++;
	if (--e->out == 0 && e->acc >= e->x.bytes)
		desc_done(d, e, t);
}

/* A completion from the memory side: a read to send, or a received burst landed. */
void lg_dma_done(void *ctx, lg_req *r)
{
	lg_dma *d = ctx;
	burst *b = (burst *)((char *)r - offsetof(burst, r));

	if (r->src_kind == LG_SRC_DMA) { /* a read: queue it for sending */
		d->sendq[(d->sq_head + d->sq_n++) % d->p.max_bursts] = b;
		return;
	}
	d->rx_in--;
	d->st.rx_bursts++;
	if (b->op == LG_OP_NMC)
		d->st.rx_bytes_nmc += b->n;
	else
		d->st.rx_bytes_copy += b->n;
	if (r->t_done > d->st.rx_last)
		d->st.rx_last = r->t_done;
	release(b, r->t_done);
}

/* Apply a received burst's bytes at its acceptance (data mode). */
static void rx_data(lg_dma *d, const burst *b)
{
	if (!d->dm)
		return;
	if (b->op == LG_OP_NMC)
		lg_dmem_reduce(d->dm, b->dst, b->data, b->n, (lg_dtype)b->dtype);
	else
		lg_dmem_write(d->dm, b->dst, b->data, b->n);
}

/* The head of the receive port into the controller, if allowed. */
static bool receive(lg_dma *d, lg_ps now)
{
	lg_req *r;
	burst *b;

	if (d->rx_in >= d->p.rx_outstanding || !(r = lg_port_peek(&d->rx, now)))
		return false;
	b = (burst *)((char *)r - offsetof(burst, r));
	r->t_accepted = r->t_first_cmd = r->t_done = 0;
	if (!d->mem.try_push(d->mem.ctx, r, now)) {
		d->st.rx_refused++;
		return false;
	}
	lg_port_pop(&d->rx);
	d->rx_in++;
	rx_data(d, b);
	return true;
}

/* Serialisation time of n bytes on the receive port of to, in ps (>= 1). */
static lg_ps ser_ps(const lg_dma *to, uint32_t n)
{
	lg_ps t = (lg_ps)((double)n * 1000.0 / to->p.link_GBps + 0.5);

	return t ? t : 1;
}

/* The oldest read that is done into its destination port, as the write or NMC there. */
static bool send(lg_dma *d, lg_ps now)
{
	burst *b;
	lg_dma *to;
	lg_ps ser;

	if (!d->sq_n)
		return false;
	b = d->sendq[d->sq_head];
	to = d->to[b->die];
	if (b->r.t_done > now || to->link_free > now)
		return false;
	ser = ser_ps(to, b->n);
	b->r.addr = b->dst;
	b->r.op = b->op;
	b->r.dtype = b->dtype;
	b->r.src_kind = LG_SRC_LINK;
	b->r.src_id = d->p.die;
	b->r.data_bytes = (uint16_t)(b->n < d->p.burst_bytes ? b->n : 0);
	b->r.t_created = now;
	if (!lg_port_push(&to->rx, &b->r, now + ser + to->p.link_latency)) {
		d->st.port_full++;
		return false;
	}
	to->link_free = now + ser;
	d->sq_head = (d->sq_head + 1) % d->p.max_bursts;
	d->sq_n--;
	d->st.bytes_sent += b->n;
	return true;
}

/* Offer preloaded descriptors while the queue takes them. */
static bool feed(lg_dma *d, lg_ps now)
{
	bool moved = false;

	while (d->ipre < d->npre && lg_dma_submit(d, &d->pre[d->ipre], now)) {
		d->ipre++;
		moved = true;
	}
	return moved;
}

/*
 * Issue order: the transfer is cut into chunks of interleave bytes and the
 * engine takes one burst of each chunk in turn, so that consecutive reads
 * go to different DRAM pages (pseudo-channels on the presets' maps) instead
 * of queueing behind one bank; interleave 0 keeps address order. Burst
 * index k maps to chunk k mod C, position k div C (C chunks); the offset
 * of an index past a short last chunk is skipped. UINT64_MAX when done.
 */
static uint64_t burst_off(const lg_dma *d, qent *e)
{
	uint64_t bb = d->p.burst_bytes, il = d->p.interleave;
	uint64_t per = il ? il / bb : 0, nch = il ? (e->x.bytes + il - 1) / il : 1;

	while (il ? e->k < nch * per : e->k * bb < e->x.bytes) {
		uint64_t k = e->k++;
		uint64_t off = il ? (k % nch) * il + (k / nch) * bb : k * bb;

		if (off < e->x.bytes)
			return off;
	}
	return UINT64_MAX;
}

/* The next burst of the descriptor being split, in a free slot; NULL if none. */
static burst *next_burst(lg_dma *d, lg_ps now)
{
	qent *e;
	burst *b;
	uint64_t left, off;

	while (d->qcur < d->qn && qat(d, d->qcur)->issued >= qat(d, d->qcur)->x.bytes)
		d->qcur++;
	if (d->qcur >= d->qn)
		return NULL;
	if (!d->free) {
		d->st.credit_waits++;
		return NULL;
	}
	e = qat(d, d->qcur);
	off = burst_off(d, e);
	if (off == UINT64_MAX)
		return NULL; /* not reached: issued < bytes leaves a burst */
	b = d->free;
	d->free = b->next;
	d->nfree--;
	left = e->x.bytes - off;
	b->q = (unsigned)(e - d->q);
	b->n = (uint32_t)(left < d->p.burst_bytes ? left : d->p.burst_bytes);
	b->dst = e->x.dst + off;
	b->die = e->x.die;
	b->op = e->x.op ? LG_OP_NMC : LG_OP_WR;
	b->dtype = (uint8_t)e->x.dtype;
	memset(&b->r, 0, sizeof(b->r));
	b->r.id = d->ids++;
	b->r.addr = e->x.src + off;
	b->r.size = d->p.burst_bytes;
	b->r.op = LG_OP_RD;
	b->r.tclass = LG_TC_COMM;
	b->r.src_kind = LG_SRC_DMA;
	b->r.src_id = d->p.die;
	b->r.t_created = now;
	e->issued += b->n; /* reserved: the burst is this descriptor's next */
	return b;
}

/* Issue one read: the staged one, else the next burst. */
static bool issue(lg_dma *d, lg_ps now)
{
	burst *b = d->stage ? d->stage : next_burst(d, now);
	qent *e;

	if (!b)
		return false;
	if (!d->mem.try_push(d->mem.ctx, &b->r, now)) {
		d->st.read_refused++;
		d->stage = b;
		return false;
	}
	d->stage = NULL;
	e = &d->q[b->q];
	if (e->acc == 0) {
		e->t_first = now;
		d->st.queue_delay_ps += now - e->t_acc;
		if (now - e->t_acc > d->st.queue_delay_max_ps)
			d->st.queue_delay_max_ps = now - e->t_acc;
	}
	e->out++;
	e->acc += b->n;
	d->st.bursts++;
	d->st.bytes_read += b->n;
	if (d->dm)
		lg_dmem_read(d->dm, b->r.addr, b->data, b->n);
	return true;
}

/* tick: receive, send, feed, issue, then retire what completed. */
static bool dma_tick(void *self, lg_ps now)
{
	lg_dma *d = self;
	bool moved = false;

	moved |= receive(d, now);
	moved |= send(d, now);
	moved |= feed(d, now);
	moved |= issue(d, now);
	retire(d);
	return moved;
}

/* The first edge of the engine's clock after now. */
static lg_ps edge_after(const lg_dma *d, lg_ps now)
{
	return (now / d->p.period + 1) * d->p.period;
}

/* The first edge at or after t and after now. */
static lg_ps edge_from(const lg_dma *d, lg_ps now, lg_ps t)
{
	lg_ps e = (t + d->p.period - 1) / d->p.period * d->p.period;

	return e > now ? e : edge_after(d, now);
}

/* Whether issue() could act at the next edge. */
static bool can_issue(const lg_dma *d)
{
	if (d->stage)
		return true;
	if (!d->free)
		return false;
	for (unsigned i = d->qcur; i < d->qn; i++)
		if (d->q[(d->qhead + i) % d->p.queue_depth].issued <
		    d->q[(d->qhead + i) % d->p.queue_depth].x.bytes)
			return true;
	return false;
}

/* next: the next edge while it can issue or feed; else when a send or a receive may go. */
static lg_ps dma_next(const void *self, lg_ps now)
{
	const lg_dma *d = self;
	lg_ps t = LG_PS_NEVER;

	if (can_issue(d) || (d->ipre < d->npre && d->qn < d->p.queue_depth) ||
	    (d->qn && d->q[d->qhead].done)) /* a descriptor completed by another die's tick: retire it */
		return edge_after(d, now);
	if (d->sq_n) {
		const burst *b = d->sendq[d->sq_head];
		const lg_dma *to = d->to[b->die];
		lg_ps at = b->r.t_done > to->link_free ? b->r.t_done : to->link_free;

		if (!lg_port_full(&to->rx))
			t = edge_from(d, now, at);
	}
	if (d->rx_in < d->p.rx_outstanding && !lg_port_empty(&d->rx)) {
		lg_ps r = edge_from(d, now, lg_port_next_ready(&d->rx));

		t = r < t ? r : t;
	}
	return t;
}

/* busy: descriptors queued or preloaded, bursts anywhere on their way. */
static bool dma_busy(const void *self)
{
	const lg_dma *d = self;

	return d->qn || d->ipre < d->npre || d->sq_n || d->stage || d->rx_in ||
	       !lg_port_empty(&d->rx);
}

/* dump: queue, credits and bursts at each stage, for the watchdog. */
static void dma_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_dma *d = self;

	(void)now;
	fprintf(f, "dma: %u of %u descriptors queued, %u of %u credits free, %u reads done to send, "
		"%u received waiting, %u in the controller, %u of %u preloaded offered%s\n",
		d->qn, d->p.queue_depth, d->nfree, d->p.max_bursts, d->sq_n, lg_port_count(&d->rx),
		d->rx_in, d->ipre, d->npre, d->stage ? ", a read refused" : "");
}

static const lg_comp_ops dma_ops = {
	.kind = "dma",
	.tick = dma_tick,
	.next = dma_next,
	.busy = dma_busy,
	.dump = dma_dump,
};

/* The engine as a component on the memory clock. */
lg_comp lg_dma_comp(lg_dma *d, const char *name)
{
	lg_comp c = { &dma_ops, d, name, { d->p.period } };

	return c;
}

/* Its counters. */
const lg_dma_stats *lg_dma_stats_get(const lg_dma *d)
{
	return &d->st;
}

/* One "SRC:DST:BYTES:OP" item; -1 with what set. */
static int parse_one(char *it, unsigned die, lg_dma_desc *x, const char **what)
{
	char *f[4], *end, *save = NULL, *s;
	int n = 0;

	for (s = strtok_r(it, ":", &save); s && n < 4; s = strtok_r(NULL, ":", &save))
		f[n++] = s;
	if (n != 4 || s)
		return *what = "expected SRC:DST:BYTES:OP", -1;
	x->src = strtoull(f[0], &end, 16);
	if (*end || end == f[0])
		return *what = "expected a hex SRC address", -1;
	x->dst = strtoull(f[1], &end, 16);
	if (*end || end == f[1])
		return *what = "expected a hex DST address", -1;
	x->bytes = strtoull(f[2], &end, 0);
	if (*end || end == f[2] || !x->bytes)
		return *what = "expected BYTES > 0", -1;
	x->die = die;
	x->op = 0;
	x->dtype = LG_DT_NONE;
	if (!strcmp(f[3], "copy"))
		return 0;
	if (strncmp(f[3], "nmc-", 4) || (x->dtype = lg_dtype_parse(f[3] + 4)) == LG_DT_NONE)
		return *what = "expected OP copy or nmc-fp32|nmc-bf16|nmc-fp16|nmc-fp8-e4m3", -1;
	x->op = 1;
	return 0;
}

/* Parse dma.descriptors (see dma.h). */
int lg_dma_parse(const char *s, unsigned die, lg_dma_desc *out, unsigned max, unsigned *n,
		 const char **what)
{
	char buf[256], *save = NULL;

	*n = 0;
	if (strlen(s) >= sizeof(buf))
		return *what = "too long", -1;
	strcpy(buf, s);
	for (char *it = strtok_r(buf, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
		if (*n == max)
			return *what = "too many descriptors", -1;
		if (parse_one(it, die, &out[*n], what))
			return -1;
		(*n)++;
	}
	return 0;
}
