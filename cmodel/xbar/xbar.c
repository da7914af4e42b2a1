/*
 * The crossbar: two directions of round-robin arbitration over bounded
 * ports, each output link with a byte rate, each input offering the
 * first entries of its window (see xbar.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/lg_byteclk.h"
#include "xbar/xbar.h"

/*
 * What the rounds read of one input's first entries, nd of them known
 * (each read from the port's ring and routed once), so that a round looks
 * at one line per input: with up to 4 entries (xbar.input_window) a
 * record fits in 64 bytes. rt[win] is followed by dst[win] (in_dst); the
 * records are d->stride bytes apart, a multiple of 64 (in_at).
 */
typedef struct xin {
	uint32_t nd;             /* entries known (<= the port's count and the window) */
	lg_ps rt[];              /* [win] when entry k may be taken; rt[0] is the head's */
} xin;

/* One output of a direction: its link and its arbitration. */
typedef struct xout {
	lg_port *p;
	uint64_t sent;           /* the link's byte clock (core/lg_byteclk.h) */
	uint32_t rr;             /* last winner + 1 */
	uint32_t win;            /* the round-robin winner among this round's contenders so far */
	uint32_t cnt;            /* contenders of this round (with a bit in to) */
} xout;

/* One direction: n_in inputs, n_out outputs. */
typedef struct xdir {
	uint32_t n_in, n_out;
	uint32_t win;            /* entries of an input the arbiter considers (xbar.input_window) */
	lg_port **in, **out;
	uint32_t bpc;            /* output link bytes per cycle */
	lg_ps lat_ps;
	bool by_slice;           /* route by address hash (request), else by src_id */
	unsigned char *ib;       /* [n_in * stride] the inputs' records (xin) */
	size_t stride;
	xout *o;                 /* [n_out] */
	uint64_t *ne;            /* [words(n_in)] inputs that hold an entry */
	uint64_t *to;            /* [words(n_out)] outputs with contenders this round (gather) */
	uint64_t *open;          /* [words(n_in)] inputs that have not sent this cycle (win > 1) */
	uint64_t *shut;          /* [words(n_out)] outputs done for this cycle (win > 1) */
	uint32_t ndone;          /* how many (win > 1) */
	uint64_t *late;          /* [words(n_in)] inputs whose head was not ready at the last round 0 */
	lg_ps late_min;          /* the earliest of their heads' ready times */
	const struct lg_xbar *x; /* for route() */
	const lg_wake *fwd;      /* the crossbar's own wake-up (lg_xbar_set_waker) */
	lg_xbar_dir_stats st;
} xdir;

struct lg_xbar {
	lg_xbar_params p;
	xdir d[2];               /* 0 request, 1 response */
	lg_wake self;            /* the loop's wake-up of the crossbar (none: fn NULL) */
};

#define NONE UINT32_MAX
#define WORDS(n) (((n) + 63) / 64)
#define BIT(i) (1ull << ((i) & 63))

void lg_xbar_params_from_cfg(lg_xbar_params *p, const lg_cfg *cfg)
{
	p->req_bytes_per_cycle = (uint32_t)cfg->xbar.req_bytes_per_cycle;
	p->resp_bytes_per_cycle = (uint32_t)cfg->xbar.resp_bytes_per_cycle;
	p->req_latency = (uint32_t)cfg->xbar.req_latency;
	p->resp_latency = (uint32_t)cfg->xbar.resp_latency;
	p->ctrl_bytes = (uint32_t)cfg->xbar.ctrl_bytes;
	p->input_window = (uint32_t)cfg->xbar.input_window;
	p->clk.period_ps = lg_ps_from_ns(1000.0 / cfg->die.l2_clock_mhz);
}

uint32_t lg_xbar_port_depth(const lg_cfg *cfg, uint32_t latency)
{
	return latency + (uint32_t)cfg->xbar.queue_depth;
}

/* Output of request r in direction d. */
static uint32_t route(const lg_xbar *x, const xdir *d, const lg_req *r)
{
	if (d->by_slice)
		return lg_l2_hash_slice(x->p.hash, r->addr);
	return r->src_id;
}

/* Bytes a packet takes on its link: data or a control flit. */
static uint32_t pkt_bytes(const lg_xbar *x, const xdir *d, const lg_req *r, bool *data)
{
	bool req = d->by_slice;

	*data = (r->op == LG_OP_RD) != req; /* a write's data goes to the L2, a read's comes back */
	return *data ? r->size : x->p.ctrl_bytes;
}

/* Whether output j's link (bpc bytes per cycle) is full at cycle c. */
static inline bool link_full(const xdir *d, uint32_t j, uint64_t c)
{
	return lg_byteclk_full(d->o[j].sent, c, d->bpc);
}

/* Input i's record (xin). */
static inline xin *in_at(const xdir *d, uint32_t i)
{
	return (xin *)(d->ib + (size_t)i * d->stride);
}

/* The outputs of input record in's known entries (after its rt). */
static inline uint32_t *in_dst(const xdir *d, xin *in)
{
	return (uint32_t *)(in->rt + d->win);
}

static int dir_init(xdir *d, uint32_t n_in, uint32_t n_out, lg_port **in, lg_port **out,
		    uint32_t win, uint32_t bpc, lg_ps lat_ps, bool by_slice)
{
	d->n_in = n_in;
	d->n_out = n_out;
	d->win = win;
	d->in = in;
	d->out = out;
	d->bpc = bpc;
	d->lat_ps = lat_ps;
	d->by_slice = by_slice;
	d->stride = (sizeof(xin) + win * (sizeof(lg_ps) + sizeof(uint32_t)) + 63) / 64 * 64;
	d->ib = aligned_alloc(64, n_in * d->stride);
	d->o = calloc(n_out, sizeof(*d->o));
	d->ne = calloc(WORDS(n_in), sizeof(*d->ne));
	d->to = calloc(WORDS(n_out), sizeof(*d->to));
	d->open = calloc(WORDS(n_in), sizeof(*d->open));
	d->shut = calloc(WORDS(n_out), sizeof(*d->shut));
	d->late = calloc(WORDS(n_in), sizeof(*d->late));
	if (!d->ib || !d->o || !d->ne || !d->to || !d->open || !d->shut || !d->late)
		return -1;
	memset(d->ib, 0, n_in * d->stride);
	for (uint32_t j = 0; j < n_out; j++)
		d->o[j].p = out[j];
	return 0;
}

/*
 * Learn entry in->nd of input i (below the port's count and the window):
 * when it may be taken and its output. Only the crossbar takes from its
 * inputs and entries keep their times, so what is known stays true as
 * entries leave (drop_dst).
 */
static inline void learn(xdir *d, uint32_t i, xin *in)
{
	const lg_port_ent *e = lg_port_at(d->in[i], in->nd);

	in->rt[in->nd] = e->ready;
	in_dst(d, in)[in->nd] = route(d->x, d, e->r);
	in->nd++;
}

/* Output of entry k of input i without remembering it (for next()). */
static uint32_t dst_peek(const xdir *d, uint32_t i, uint32_t k)
{
	xin *in = in_at(d, i);

	if (k < in->nd)
		return in_dst(d, in)[k];
	return route(d->x, d, lg_port_at(d->in[i], k)->r);
}

/*
 * The head of non-empty input i is new (its first entry or after a pop):
 * learn it when it is not known yet. A non-empty input's head is always
 * known (head_in, drop_dst).
 */
static inline void new_head(xdir *d, uint32_t i)
{
	xin *in = in_at(d, i);

	if (!in->nd)
		learn(d, i, in);
}

/* Input i holds an entry: mark it and learn its head. */
static void head_in(xdir *d, uint32_t i)
{
	d->ne[i / 64] |= BIT(i);
	new_head(d, i);
}

/* Entry k of input i left: the known entries after it move up one place. */
static inline void drop_dst(xdir *d, uint32_t i, uint32_t k)
{
	xin *in = in_at(d, i);
	uint32_t *dst = in_dst(d, in);

	for (uint32_t m = k + 1; m < in->nd; m++) {
		in->rt[m - 1] = in->rt[m];
		dst[m - 1] = dst[m];
	}
	in->nd--;
	if (lg_port_empty(d->in[i]))
		d->ne[i / 64] &= ~BIT(i);
	else if (!k)
		new_head(d, i);
}

/* Whether an entry of input i before entry k goes to output j (per-output order). */
static bool earlier_to(const xdir *d, uint32_t i, uint32_t k, uint32_t j)
{
	for (uint32_t m = 0; m < k; m++)
		if (dst_peek(d, i, m) == j)
			return true;
	return false;
}

/* An input port's receiver wake-up: input idx of direction ctx got an entry. */
static void in_wake(void *ctx, unsigned idx)
{
	xdir *d = ctx;

	head_in(d, idx);
	lg_wake_up(d->fwd);
}

/*
 * Take over the receiver wake-ups of d's inputs, so that the crossbar
 * visits only inputs that hold entries (ne) instead of scanning them all;
 * the ones that already hold entries are marked now.
 */
static void dir_hook(xdir *d, const lg_xbar *x, const lg_wake *fwd)
{
	d->x = x;
	d->fwd = fwd;
	for (uint32_t i = 0; i < d->n_in; i++) {
		d->in[i]->rx = (lg_wake){ in_wake, d, i };
		if (!lg_port_empty(d->in[i]))
			head_in(d, i);
	}
}

static void dir_free(xdir *d)
{
	free(d->o);
	free(d->ne);
	free(d->ib);
	free(d->to);
	free(d->open);
	free(d->shut);
	free(d->late);
}

lg_xbar *lg_xbar_create(const lg_xbar_params *p, lg_err *e)
{
	lg_xbar *x;
	lg_ps per = p->clk.period_ps;

	if (!p->cus || !p->slices || !p->cu_req || !p->cu_resp || !p->l2_req ||
	    !p->l2_resp || !p->hash || !per || !p->req_bytes_per_cycle ||
	    !p->resp_bytes_per_cycle || p->hash->slices != p->slices || !p->input_window) {
		lg_errf(e, "xbar", 0, "expected CUs, slices, ports, a hash over the slices, "
			"a clock, non-zero link bandwidths and an input window of at least 1");
		return NULL;
	}
	x = calloc(1, sizeof(*x));
	if (!x)
		goto out_nomem;
	x->p = *p;
	if (dir_init(&x->d[0], p->cus, p->slices, p->cu_req, p->l2_req, p->input_window,
		     p->req_bytes_per_cycle, p->req_latency * per, true) ||
	    dir_init(&x->d[1], p->slices, p->cus, p->l2_resp, p->cu_resp, p->input_window,
		     p->resp_bytes_per_cycle, p->resp_latency * per, false))
		goto out_nomem;
	dir_hook(&x->d[0], x, &x->self);
	dir_hook(&x->d[1], x, &x->self);
	return x;
out_nomem:
	lg_xbar_destroy(x);
	lg_errf(e, "xbar", 0, "out of memory");
	return NULL;
}

void lg_xbar_destroy(lg_xbar *x)
{
	if (!x)
		return;
	dir_free(&x->d[0]);
	dir_free(&x->d[1]);
	free(x);
}

void lg_xbar_set_waker(lg_xbar *x, const lg_wake *w)
{
	x->self = *w;
}

/*
 * Add input i to output j's contenders of this round. A round adds them
 * in increasing i, so the round-robin winner (pick) is known as they
 * come: the first at or after rr, else the first.
 */
static inline void contend(xdir *d, uint32_t i, uint32_t j)
{
	uint64_t *to = &d->to[j / 64];
	xout *o = &d->o[j];

	if (!(*to & BIT(j))) {
		*to |= BIT(j);
		o->win = i;
		o->cnt = 1;
		return;
	}
	o->cnt++;
	if (o->win < o->rr && i >= o->rr) /* the first at or after rr */
		o->win = i;
}

/*
 * Round 0 of a cycle: the contenders of each output, the inputs whose
 * ready head is for it. Those inputs are the open ones of the later
 * rounds (an input whose head is not ready has an empty window);
 * *open_any tells whether there are any. The inputs whose head is not
 * ready are kept (late) and not looked at again before the earliest of
 * them is ready: only the crossbar pops its inputs, and only ready heads,
 * so their heads stay. Then only the late ones are checked first (a
 * short loop), and those now ready join the others.
 */
static bool gather_heads(xdir *d, lg_ps now, bool *open_any)
{
	bool any = false, recheck = now >= d->late_min;
	uint64_t all = 0;
	lg_ps lmin = recheck ? LG_PS_NEVER : d->late_min;
	const uint32_t nw = WORDS(d->n_in);

	for (uint32_t w = 0; w < nw; w++) {
		uint64_t rdy = 0, late = d->late[w];

		for (uint64_t m = recheck ? late : 0; m; m &= m - 1) { /* the late ones now ready leave late */
			lg_ps h = in_at(d, w * 64 + (uint32_t)__builtin_ctzll(m))->rt[0];

			if (h <= now)
				late &= ~(m & -m);
			else
				lmin = h < lmin ? h : lmin;
		}
		for (uint64_t m = d->ne[w] & ~late; m; m &= m - 1) {
			uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(m), j;
			xin *in = in_at(d, i);

			if (in->rt[0] > now) {
				late |= BIT(i);
				lmin = in->rt[0] < lmin ? in->rt[0] : lmin;
				continue;
			}
			rdy |= BIT(i);
			j = in_dst(d, in)[0];
			if (j >= d->n_out) /* a src_id past the CUs: never routed (dump shows it) */
				continue;
			contend(d, i, j);
			any = true;
		}
		d->open[w] = rdy;
		d->late[w] = late;
		all |= rdy;
	}
	d->late_min = lmin;
	*open_any = all != 0;
	return any;
}

/*
 * Round k >= 1 of a cycle (xbar.input_window > k): the same contenders from
 * entry k of the inputs that have not sent this cycle (open), for outputs
 * not done for it, when no earlier entry of the input goes to the same
 * output. An input's window ends at its first entry not yet ready (later
 * entries are behind it on the wire): such an input leaves open, as does
 * one without entry k. No earlier entry of an open input goes to an
 * output that is not done: such an entry contended for its output (done
 * after that round), or found it done, or found an earlier entry for it
 * (and so on). So earlier_to need not be asked.
 */
static bool gather_deep(xdir *d, lg_ps now, uint32_t k)
{
	bool any = false;
	const uint32_t nw = WORDS(d->n_in);

	for (uint32_t w = 0; w < nw; w++)
		for (uint64_t m = d->open[w]; m; m &= m - 1) {
			uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(m), j;
			xin *in = in_at(d, i);

			if (in->nd == k && lg_port_count(d->in[i]) > k)
				learn(d, i, in);
			if (in->nd == k || in->rt[k] > now) {
				d->open[w] &= ~BIT(i);
				continue;
			}
			j = in_dst(d, in)[k];
			if (j >= d->n_out || (d->shut[j / 64] & BIT(j)))
				continue;
			contend(d, i, j);
			any = true;
		}
	return any;
}

/* The round-robin winner among output j's contenders; *n gets their count. */
static inline uint32_t pick(const xdir *d, uint32_t j, uint32_t *n)
{
	*n = d->o[j].cnt;
	return d->o[j].win;
}

/*
 * Move at most one packet, entry k of one of its contenders, into output
 * j of d (it has contenders) at cycle c; true if one moved. Within a round
 * outputs are independent: each input contends for one output, so their
 * order does not matter. The stall and conflict counters are about heads
 * (round 0); a later round counts what it moves as bypasses.
 */
static bool out_tick(lg_xbar *x, xdir *d, uint32_t j, lg_ps now, uint64_t c, uint32_t k)
{
	uint32_t n, w, b;
	lg_req *r;
	bool data;
	xout *o = &d->o[j];

	w = pick(d, j, &n);
	if (link_full(d, j, c)) {
		d->st.link_stalls += k ? 0 : n;
		return false;
	}
	if (lg_port_full(o->p)) {
		d->st.full_stalls += k ? 0 : n;
		return false;
	}
	r = lg_port_take(d->in[w], k);
	drop_dst(d, w, k);
	d->open[w / 64] &= ~BIT(w); /* read by the later rounds only (win > 1) */
	b = pkt_bytes(x, d, r, &data);
	lg_port_push_room(o->p, r, now + d->lat_ps); /* not full (above) */
	o->sent = lg_byteclk_take(o->sent, c, d->bpc, b);
	o->rr = w + 1;
	d->st.packets++;
	d->st.bytes += b;
	if (data)
		d->st.data_bytes += b;
	if (k)
		d->st.bypasses++;
	else
		d->st.conflicts += n - 1;
	return true;
}

/*
 * Serve the outputs with contenders in round k of cycle c; true if any
 * moved. Each is done for the cycle, whether it moved a packet or waits
 * for its link or room (neither changes within the cycle): after round 0
 * the done outputs are the served ones.
 */
static bool serve(lg_xbar *x, xdir *d, lg_ps now, uint64_t c, uint32_t k)
{
	bool moved = false;
	uint32_t done = k ? d->ndone : 0;
	const uint32_t nw = WORDS(d->n_out);

	for (uint32_t w = 0; w < nw; w++) {
		for (uint64_t m = d->to[w]; m; m &= m - 1, done++)
			moved |= out_tick(x, d, w * 64 + (uint32_t)__builtin_ctzll(m), now, c, k);
		d->shut[w] = k ? d->shut[w] | d->to[w] : d->to[w];
		d->to[w] = 0;
	}
	d->ndone = done;
	return moved;
}

/* Whether a later round could move anything: an input still open and an output not done. */
static bool another_round(const xdir *d)
{
	bool in = false;

	if (d->ndone == d->n_out)
		return false;
	for (uint32_t w = 0; w < WORDS(d->n_in) && !in; w++)
		in = d->open[w] != 0;
	return in;
}

/*
 * Move at most one packet into each output and out of each input of d at
 * cycle c: the heads first, then round by round the entries behind them
 * up to the input window (oldest first); true if any moved.
 */
static bool dir_tick(lg_xbar *x, xdir *d, lg_ps now, uint64_t c)
{
	bool moved = false, open;

	if (gather_heads(d, now, &open))
		moved = serve(x, d, now, c, 0);
	else if (!open || d->win == 1)
		return false;
	else { /* ready heads only for outputs that do not exist: none done */
		for (uint32_t w = 0; w < WORDS(d->n_out); w++)
			d->shut[w] = 0;
		d->ndone = 0;
	}
	for (uint32_t k = 1; k < d->win && another_round(d); k++)
		if (gather_deep(d, now, k))
			moved |= serve(x, d, now, c, k);
	return moved;
}

/*
 * Whether d has no head that may be ready at now: every input is empty or
 * known not ready (late) before the earliest of those is (gather_heads).
 * Its dir_tick would then do nothing.
 */
static inline bool dir_waits(const xdir *d, lg_ps now)
{
	const uint32_t nw = WORDS(d->n_in);

	if (now >= d->late_min)
		return false;
	for (uint32_t w = 0; w < nw; w++)
		if (d->ne[w] & ~d->late[w])
			return false;
	return true;
}

bool lg_xbar_tick(lg_xbar *x, lg_ps now)
{
	uint64_t c = lg_clock_cycle_at(x->p.clk, now);
	bool a = !dir_waits(&x->d[0], now) && dir_tick(x, &x->d[0], now, c);
	bool b = !dir_waits(&x->d[1], now) && dir_tick(x, &x->d[1], now, c);

	return a || b;
}

/*
 * Earliest time d could move an entry for output j that is ready at
 * ready; NEVER when it waits on others.
 */
static lg_ps slot_time(const lg_xbar *x, const xdir *d, uint32_t j, lg_ps ready, lg_ps edge)
{
	lg_ps ti;
	uint64_t c;

	if (j >= d->n_out || lg_port_full(d->o[j].p))
		return LG_PS_NEVER;
	ti = ready > edge ? ready : edge;
	c = lg_clock_cycle_at(x->p.clk, ti);
	if (link_full(d, j, c))
		c = lg_byteclk_free_at(d->o[j].sent, d->bpc);
	return lg_clock_time(x->p.clk, c);
}

/*
 * Earliest time d could move an entry behind input i's head (win > 1), at
 * most t; ready is the head's. An entry is ready no earlier than those
 * before it (gather_deep) and waits for an earlier one for the same output
 * (earlier_to, asked only when the bit of its output is among the seen ones).
 */
static lg_ps window_next(const lg_xbar *x, const xdir *d, uint32_t i, lg_ps ready, lg_ps edge,
			 lg_ps t)
{
	const lg_port *p = d->in[i];
	xin *in = in_at(d, i);
	const uint32_t *dst = in_dst(d, in);
	uint32_t n = p->n < d->win ? p->n : d->win;
	uint64_t seen = BIT(dst[0]);

	for (uint32_t k = 1; k < n && t > edge; k++) {
		uint32_t j = k < in->nd ? dst[k] : route(d->x, d, lg_port_at(p, k)->r);
		lg_ps ti, rk = k < in->nd ? in->rt[k] : lg_port_at(p, k)->ready;
		bool again = seen & BIT(j);

		seen |= BIT(j);
		if (rk > ready)
			ready = rk;
		if (ready >= t) /* nor any entry after it */
			break;
		if (again && earlier_to(d, i, k, j))
			continue;
		ti = slot_time(x, d, j, ready, edge);
		if (ti < t)
			t = ti;
	}
	return t;
}

/*
 * Earliest time d could move an entry of non-empty input i's window, at
 * most t. Nothing of it moves before its head is ready (slot_time and
 * window_next start there).
 */
static inline lg_ps in_next(const lg_xbar *x, const xdir *d, uint32_t i, lg_ps edge, lg_ps t)
{
	xin *in = in_at(d, i);
	lg_ps ready = in->rt[0], t0;

	if (ready >= t)
		return t;
	t0 = slot_time(x, d, in_dst(d, in)[0], ready, edge);
	t = t0 < t ? t0 : t;
	if (d->win > 1 && lg_port_count(d->in[i]) > 1 && t > edge)
		t = window_next(x, d, i, ready, edge, t);
	return t;
}

/*
 * Earliest time d could move an entry, at most t; NEVER when every entry
 * waits on others. Nothing moves before edge, so an entry that can move at
 * edge ends the search. Each input gives min(t, its own time), so the
 * order does not matter: the inputs known late (gather_heads) come last,
 * and only when t is after the earliest of their heads (late_min), since
 * none of them moves before its head is ready.
 */
static inline __attribute__((always_inline)) lg_ps dir_next(const lg_xbar *x, const xdir *d,
							    lg_ps edge, lg_ps t)
{
	const uint32_t nw = WORDS(d->n_in);

	for (uint32_t w = 0; w < nw; w++)
		for (uint64_t m = d->ne[w] & ~d->late[w]; m && t > edge; m &= m - 1)
			t = in_next(x, d, w * 64 + (uint32_t)__builtin_ctzll(m), edge, t);
	if (t <= d->late_min)
		return t;
	for (uint32_t w = 0; w < nw; w++)
		for (uint64_t m = d->ne[w] & d->late[w]; m && t > edge; m &= m - 1)
			t = in_next(x, d, w * 64 + (uint32_t)__builtin_ctzll(m), edge, t);
	return t;
}

lg_ps lg_xbar_next(const lg_xbar *x, lg_ps now)
{
	lg_ps edge = lg_clock_time(x->p.clk, lg_clock_cycle_at(x->p.clk, now + 1));

	return dir_next(x, &x->d[1], edge, dir_next(x, &x->d[0], edge, LG_PS_NEVER));
}

bool lg_xbar_busy(const lg_xbar *x)
{
	for (int k = 0; k < 2; k++)
		for (uint32_t w = 0; w < WORDS(x->d[k].n_in); w++)
			if (x->d[k].ne[w])
				return true;
	return false;
}

/* One line per direction: waiting heads, outputs full, counters. */
void lg_xbar_dump(const lg_xbar *x, FILE *f, lg_ps now)
{
	static const char *const name[2] = { "req", "resp" };

	for (int k = 0; k < 2; k++) {
		const xdir *d = &x->d[k];
		uint32_t waiting = 0, full = 0;

		for (uint32_t i = 0; i < d->n_in; i++)
			waiting += lg_port_count(d->in[i]);
		for (uint32_t j = 0; j < d->n_out; j++)
			full += lg_port_full(d->out[j]);
		fprintf(f, "xbar %s @%llu ps: %u queued at inputs, %u of %u outputs full, "
			"%llu packets, %llu conflicts, %llu link stalls, %llu full stalls, "
			"%llu bypasses\n",
			name[k], (unsigned long long)now, waiting, full, d->n_out,
			(unsigned long long)d->st.packets, (unsigned long long)d->st.conflicts,
			(unsigned long long)d->st.link_stalls,
			(unsigned long long)d->st.full_stalls, (unsigned long long)d->st.bypasses);
	}
}

void lg_xbar_stats_get(const lg_xbar *x, lg_xbar_stats *st)
{
	st->req = x->d[0].st;
	st->resp = x->d[1].st;
}

static bool c_tick(void *s, lg_ps now) { return lg_xbar_tick(s, now); }
static lg_ps c_next(const void *s, lg_ps now) { return lg_xbar_next(s, now); }
static bool c_busy(const void *s) { return lg_xbar_busy(s); }
static void c_dump(const void *s, FILE *f, lg_ps now) { lg_xbar_dump(s, f, now); }

const lg_comp_ops lg_xbar_comp_ops = {
	.kind = "xbar",
	.tick = c_tick,
	.next = c_next,
	.busy = c_busy,
	.dump = c_dump,
};
