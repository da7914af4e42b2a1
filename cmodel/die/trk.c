/*
 * The tracker component (see trk.h).
 *
 * Time: `cyc` is the first memory cycle not yet clocked. A tick at cycle
 * c > cyc means the tracker was idle in between (it asks for every cycle
 * while it has work), so the gap is skipped, counted as program waiting
 * when a program was refused.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "die/trk.h"

/* One accepted write waiting at its observe port. */
typedef struct obs {
	uint64_t addr;          /* low addr_width bits */
	uint32_t bytes;
	lg_ps t;                /* accepted at */
} obs;

typedef struct oport {
	obs *e;                 /* ring of obs_depth */
	uint32_t head, n;
} oport;

struct lg_trk {
	lg_tracker *t;
	lg_trk_params p;
	lg_trig_port out;       /* out.ctx NULL: triggers are taken and dropped */
	uint64_t mask;          /* low addr_width bits */
	uint64_t cyc;           /* first cycle not clocked */
	oport *port;            /* [units] */
	uint32_t nobs;          /* writes in every port FIFO */
	int tbusy;              /* after the last edge: a trigger or a program it can take */
	uint64_t next_tile;
	int offered;            /* next_tile's program line is recorded */
	FILE *rec;
	lg_trk_stats st;
};

/* Build it; see trk.h. */
lg_trk *lg_trk_create(const lg_trk_params *p, FILE *rec, lg_err *e)
{
	lg_trk *w = calloc(1, sizeof(*w));

	if (!w)
		return lg_errf(e, "lgsim", 0, "out of memory"), NULL;
	w->p = *p;
	w->t = lg_tracker_create(&w->p.t, e);
	w->port = calloc(p->units ? p->units : 1, sizeof(*w->port));
	for (unsigned u = 0; w->port && u < p->units; u++)
		if (!(w->port[u].e = calloc(p->obs_depth, sizeof(obs))))
			goto out_oom;
	if (!w->t || !w->port)
		goto out_oom;
	w->mask = p->t.addr_width >= 64 ? UINT64_MAX : (1ull << p->t.addr_width) - 1;
	w->st.tiles = p->tile_bytes ? (p->region_bytes + p->tile_bytes - 1) / p->tile_bytes : 0;
	w->rec = rec;
	w->tbusy = w->st.tiles > 0; /* tile 0 is offered from cycle 0 */
	if (rec)
		fprintf(rec, "# lgcosim tracker entries=%u ports=%u addr_width=%u count_width=%u\n"
			"# replay: lgsim cosim tracker --entries %u --ports %u --trace FILE\n",
			p->t.entries, p->t.ports, p->t.addr_width, p->t.count_width, p->t.entries,
			p->t.ports);
	return w;
out_oom:
	if (w->t)
		lg_errf(e, "lgsim", 0, "out of memory");
	lg_trk_destroy(w);
	return NULL;
}

void lg_trk_destroy(lg_trk *w)
{
	if (!w)
		return;
	for (unsigned u = 0; w->port && u < w->p.units; u++)
		free(w->port[u].e);
	free(w->port);
	lg_tracker_destroy(w->t);
	free(w);
}

void lg_trk_set_trig_port(lg_trk *w, const lg_trig_port *p)
{
	w->out = *p;
}

/* The program of tile i: its range, expecting its bytes, the descriptor to the peer. */
static lg_tracker_prog tile_prog(const lg_trk *w, uint64_t i)
{
	uint64_t off = i * w->p.tile_bytes;
	uint64_t len = w->p.region_bytes - off < w->p.tile_bytes ? w->p.region_bytes - off : w->p.tile_bytes;
	uint64_t base = (w->p.region_base + off) & w->mask;
	uint64_t dst = w->p.dst_base < 0 ? base : ((uint64_t)w->p.dst_base + off) & w->mask;
	uint64_t expect = w->p.expect && w->p.expect < len ? w->p.expect : len;
	lg_tracker_prog p = { base, len, (uint32_t)expect, 0, 0, w->p.peer_die, dst, w->p.op,
			      w->p.dtype };

	return p;
}

/*
 * The next tile's program, offered from cycle cyc on: recorded once, in
 * the cycle it is first offered. 0 when every tile is programmed.
 */
static int offer(lg_trk *w, lg_tracker_prog *p)
{
	if (w->next_tile >= w->st.tiles)
		return 0;
	*p = tile_prog(w, w->next_tile);
	if (!w->offered && w->rec)
		fprintf(w->rec, "%" PRIu64 " P %" PRIx64 " %" PRIu64 " %" PRIu32 " 0 0 %u %" PRIx64 " %u %u\n",
			w->cyc, p->base, p->len, p->expect, p->die, p->dst, p->op, p->dtype);
	w->offered = 1;
	return 1;
}

/* Present the head write of every port FIFO on its observe port at now. */
static void observe(lg_trk *w, lg_ps now)
{
	for (unsigned u = 0; u < w->p.units; u++) {
		oport *q = &w->port[u];
		const obs *o;

		if (!q->n)
			continue;
		o = &q->e[q->head];
		if (o->t < now)
			w->st.port_waits++;
		lg_tracker_set_obs(w->t, u, o->addr, o->bytes);
		if (w->rec)
			fprintf(w->rec, "%" PRIu64 " %u %" PRIx64 " %u\n", w->cyc, u, o->addr, o->bytes);
		if (++q->head == w->p.obs_depth)
			q->head = 0;
		q->n--;
		w->nobs--;
	}
}

/* The trigger handshake at this edge: ready from the port, taken when both. */
static void trigger(lg_trk *w, const lg_tracker_out *o, lg_ps now)
{
	bool ready = !w->out.ctx || w->out.ready(w->out.ctx);

	lg_tracker_set_trig_ready(w->t, ready);
	if (!o->trig_valid || !ready)
		return;
	if (w->st.triggers++ == 0)
		w->st.first_trigger = w->cyc;
	w->st.last_trigger = w->cyc;
	if (w->out.ctx) {
		lg_trig t = { o->trig_idx, o->trig_base, o->trig_len, o->trig_die, o->trig_dst,
			      o->trig_op, o->trig_dtype, o->trig_last };

		w->out.put(w->out.ctx, &t, now);
	}
}

/* Clock cycle cyc: observe, program, trigger, step. */
static void edge(lg_trk *w, lg_ps now)
{
	lg_tracker_out o;
	lg_tracker_prog p;
	int prog;

	observe(w, now);
	prog = offer(w, &p);
	lg_tracker_outputs(w->t, &o);
	lg_tracker_set_prog(w->t, prog, prog ? &p : NULL);
	trigger(w, &o, now);
	lg_tracker_step(w->t);
	if (prog && o.prog_ready) {
		w->next_tile++;
		w->offered = 0;
	}
	w->cyc++;
	lg_tracker_outputs(w->t, &o);
	w->tbusy = o.trig_valid || (w->next_tile < w->st.tiles && o.prog_ready);
}

/* tick: clock this cycle when there is a write to observe or tracker work. */
static bool trk_tick(void *self, lg_ps now)
{
	lg_trk *w = self;
	uint64_t c = now / w->p.tck;

	if ((!w->nobs && !w->tbusy) || c < w->cyc)
		return false;
	if (c > w->cyc) { /* idle since cyc: skip the gap */
		lg_tracker_prog p;

		if (offer(w, &p)) /* refused by a full table meanwhile */
			w->st.prog_wait_idle += c - w->cyc;
		w->cyc = c;
	}
	edge(w, now);
	return true;
}

/* The next cycle while it has work, else NEVER. */
static lg_ps trk_next(const void *self, lg_ps now)
{
	const lg_trk *w = self;

	if (!w->nobs && !w->tbusy)
		return LG_PS_NEVER;
	return (now / w->p.tck + 1) * w->p.tck;
}

static bool trk_busy(const void *self)
{
	const lg_trk *w = self;

	return w->nobs || w->tbusy;
}

/* Its state for the watchdog. */
static void trk_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_trk *w = self;

	(void)now;
	fprintf(f, "tracker: cycle %" PRIu64 ", %u writes waiting at observe ports, tile %" PRIu64
		" of %" PRIu64 " next to program, %" PRIu64 " triggers taken%s\n",
		w->cyc, w->nobs, w->next_tile, w->st.tiles, w->st.triggers,
		w->tbusy ? ", busy" : "");
}

static const lg_comp_ops trk_ops = {
	.kind = "tracker",
	.tick = trk_tick,
	.next = trk_next,
	.busy = trk_busy,
	.dump = trk_dump,
};

lg_comp lg_trk_comp(lg_trk *w, const char *name)
{
	lg_comp c = { &trk_ops, w, name, { w->p.tck } };

	return c;
}

/* Observer: room at port u (a refusal is a cycle of push-back). */
static bool obs_room(void *ctx, unsigned u)
{
	lg_trk *w = ctx;

	if (w->port[u].n < w->p.obs_depth)
		return true;
	w->st.obs_full++;
	return false;
}

/* Observer: an accepted write, queued at port u. */
static void obs_put(void *ctx, unsigned u, uint64_t addr, unsigned bytes, lg_ps now)
{
	lg_trk *w = ctx;
	oport *q = &w->port[u];
	uint32_t i = q->head + q->n;

	if (i >= w->p.obs_depth)
		i -= w->p.obs_depth;
	q->e[i] = (obs){ addr & w->mask, bytes, now };
	q->n++;
	w->nobs++;
}

lg_wobs lg_trk_wobs(lg_trk *w)
{
	lg_wobs o = { w, obs_room, obs_put };

	return o;
}

const lg_trk_stats *lg_trk_stats_get(const lg_trk *w)
{
	return &w->st;
}

const lg_tracker_stats *lg_trk_tracker_stats(const lg_trk *w)
{
	return lg_tracker_stats_get(w->t);
}

const lg_tracker_params *lg_trk_tparams(const lg_trk *w)
{
	return &w->p.t;
}
