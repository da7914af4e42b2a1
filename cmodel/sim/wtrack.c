/*
 * The tracker attached to a controller's committed writes (see wtrack.h).
 *
 * Time: `cyc` is the memory-clock cycle whose inputs are being collected
 * and not yet clocked. A write observed at cycle c > cyc first clocks cyc
 * (edge), then clocks the cycles in between only while the tracker has
 * something to do (a program the table can take, or a trigger); otherwise
 * it jumps, since an idle edge changes nothing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dram/addrmap.h"
#include "sim/wtrack.h"

struct lg_wtrack {
	lg_tracker *t;
	lg_tracker_params p;
	const lg_cfg *cfg;      /* for attach's messages */
	lg_req_sink inner;
	const lg_addrmap *map;
	lg_ps tck;
	uint64_t mask;          /* low addr_width bits */
	uint64_t cyc;           /* cycle being collected */
	uint32_t ports_used;    /* bit per port with a write at cyc */
	uint64_t base, bytes, tile, next_tile;
	unsigned die;
	int offered;            /* next_tile's program line is recorded */
	FILE *rec;
	lg_wtrack_stats st;
};

/* The [tracker] region keys against the tracker's widths; -1 with e naming the key. */
static int check_cfg(const lg_cfg *c, lg_err *e)
{
	const uint64_t win = c->tracker.addr_width >= 64 ? UINT64_MAX : 1ull << c->tracker.addr_width;
	const uint64_t cmax = (1ull << c->tracker.count_width) - 1;

	if (c->tracker.region_bytes == 0)
		return lg_cfg_errf(c, LG_K_tracker_region_bytes, e,
				   "expected the size of the tracked buffer (observe is on)");
	if ((uint64_t)c->tracker.region_bytes > win)
		return lg_cfg_errf(c, LG_K_tracker_region_bytes, e,
				   "expected at most 2^addr_width = %" PRIu64 " bytes (the tracker's address window)",
				   win);
	if ((uint64_t)c->tracker.tile_bytes > cmax)
		return lg_cfg_errf(c, LG_K_tracker_tile_bytes, e,
				   "expected at most 2^count_width - 1 = %" PRIu64 " bytes per tile", cmax);
	return 0;
}

/* Build it; see wtrack.h. */
lg_wtrack *lg_wtrack_create(const lg_cfg *cfg, const lg_req_sink *inner, FILE *rec, lg_err *e)
{
	lg_wtrack *w;

	if (check_cfg(cfg, e))
		return NULL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return lg_errf(e, "lgsim", 0, "out of memory"), NULL;
	w->p = (lg_tracker_params){ (unsigned)cfg->tracker.entries, (unsigned)cfg->tracker.ports,
				    (unsigned)cfg->tracker.addr_width, (unsigned)cfg->tracker.count_width };
	w->t = lg_tracker_create(&w->p, e);
	if (!w->t) {
		free(w);
		return NULL;
	}
	w->cfg = cfg;
	w->inner = *inner;
	w->mask = w->p.addr_width >= 64 ? UINT64_MAX : (1ull << w->p.addr_width) - 1;
	w->base = (uint64_t)cfg->tracker.region_base;
	w->bytes = (uint64_t)cfg->tracker.region_bytes;
	w->tile = (uint64_t)cfg->tracker.tile_bytes;
	w->die = (unsigned)cfg->tracker.peer_die;
	w->st.tiles = (w->bytes + w->tile - 1) / w->tile;
	w->rec = rec;
	lg_tracker_set_trig_ready(w->t, true);
	if (rec)
		fprintf(rec, "# lgcosim tracker entries=%u ports=%u addr_width=%u count_width=%u\n"
			"# replay: lgsim cosim tracker --entries %u --ports %u --trace FILE\n",
			w->p.entries, w->p.ports, w->p.addr_width, w->p.count_width, w->p.entries, w->p.ports);
	return w;
}

/* Free it (the tracker too). */
void lg_wtrack_destroy(lg_wtrack *w)
{
	if (!w)
		return;
	lg_tracker_destroy(w->t);
	free(w);
}

/* The program of tile i: its range, expecting all its bytes, a copy to the peer. */
static lg_tracker_prog tile_prog(const lg_wtrack *w, uint64_t i)
{
	uint64_t off = i * w->tile, len = w->bytes - off < w->tile ? w->bytes - off : w->tile;
	uint64_t base = (w->base + off) & w->mask;
	lg_tracker_prog p = { base, len, (uint32_t)len, 0, 0, w->die, base, 0, 0 };

	return p;
}

/* The tracker would change at the next edge without a write. */
static int busy(const lg_wtrack *w)
{
	lg_tracker_out o;

	lg_tracker_outputs(w->t, &o);
	return o.trig_valid || (w->next_tile < w->st.tiles && o.prog_ready);
}

/*
 * The next tile's program, offered from cycle cyc on: recorded once, in
 * the cycle it is first offered. 0 when every tile is programmed.
 */
static int offer(lg_wtrack *w, lg_tracker_prog *p)
{
	if (w->next_tile >= w->st.tiles)
		return 0;
	*p = tile_prog(w, w->next_tile);
	if (!w->offered && w->rec)
		fprintf(w->rec, "%" PRIu64 " P %" PRIx64 " %" PRIu64 " %" PRIu32 " 0 0 %u %" PRIx64 " 0 0\n",
			w->cyc, p->base, p->len, p->expect, p->die, p->dst);
	w->offered = 1;
	return 1;
}

/* Clock cycle cyc with the inputs collected for it: program, take the trigger. */
static void edge(lg_wtrack *w)
{
	lg_tracker_out o;
	lg_tracker_prog p;
	int prog = offer(w, &p);

	lg_tracker_outputs(w->t, &o);
	lg_tracker_set_prog(w->t, prog, prog ? &p : NULL);
	if (o.trig_valid) { /* trig_ready is high: taken at this edge */
		if (w->st.triggers++ == 0)
			w->st.first_trigger = w->cyc;
		w->st.last_trigger = w->cyc;
	}
	lg_tracker_step(w->t);
	if (prog && o.prog_ready) {
		w->next_tile++;
		w->offered = 0;
	}
	w->cyc++;
	w->ports_used = 0;
}

/* Clock up to cycle c (exclusive), jumping once the tracker is idle. */
static void advance(lg_wtrack *w, uint64_t c)
{
	while (w->cyc < c) {
		if (!w->ports_used && !busy(w)) {
			lg_tracker_prog p;

			if (offer(w, &p)) /* refused by a full table meanwhile */
				w->st.prog_wait_idle += c - w->cyc;
			w->cyc = c;
			return;
		}
		edge(w);
	}
}

/*
 * A committed write: present it on its unit's port in its last-beat cycle,
 * with the bytes it carries (a sector write fills part of a burst).
 */
static void observe(lg_wtrack *w, const lg_req *r)
{
	lg_dram_addr a;
	uint64_t c = r->t_done / w->tck;
	uint64_t addr = (r->addr + r->data_off) & w->mask;
	unsigned bytes = r->data_bytes ? r->data_bytes : r->size;

	lg_addrmap_decode(w->map, r->addr, &a);
	if (c < w->cyc)
		c = w->cyc;
	advance(w, c);
	if (w->ports_used & (1u << a.unit)) { /* cannot happen with one WR per unit and cycle */
		w->st.port_collisions++;
		advance(w, w->cyc + 1);
	}
	w->ports_used |= 1u << a.unit;
	if (r->op == LG_OP_NMC)
		lg_tracker_set_obs_nmc(w->t, a.unit, addr, bytes);
	else
		lg_tracker_set_obs(w->t, a.unit, addr, bytes);
	if (w->rec)
		fprintf(w->rec, "%" PRIu64 " %u %" PRIx64 " %u%s\n", w->cyc, a.unit, addr, bytes,
			r->op == LG_OP_NMC ? " N" : "");
}

/* The sink: observe writes, then hand every completion on. */
static void done(void *ctx, lg_req *r)
{
	lg_wtrack *w = ctx;

	/* writes and NMC updates (which write the bank) */
	if (r->op == LG_OP_WR || r->op == LG_OP_NMC)
		observe(w, r);
	w->inner.done(w->inner.ctx, r);
}

/* The sink to build the controller with. */
lg_req_sink lg_wtrack_sink(lg_wtrack *w)
{
	lg_req_sink s = { w, done };

	return s;
}

/*
 * The controller's address map decides each write's port, its clock the
 * cycle. Its units must each have a port and its requests fit the 8-bit
 * byte count of a port; -1 with e naming the key otherwise.
 */
int lg_wtrack_attach(lg_wtrack *w, const lg_mc *mc, lg_err *e)
{
	const lg_dram_spec *sp = lg_mc_spec(mc);
	unsigned units = (unsigned)lg_dram_units(sp);

	if (w->p.ports < units)
		return lg_cfg_errf(w->cfg, LG_K_tracker_ports, e,
				   "expected at least %u observe ports (one per channel/pseudo-channel of this run)",
				   units);
	if (sp->request_bytes > 255)
		return lg_cfg_errf(w->cfg, LG_K_tracker_observe, e,
				   "expected requests of at most 255 bytes (the observe ports carry 8-bit byte counts); "
				   "this run has %d", (int)sp->request_bytes);
	w->map = lg_mc_addrmap(mc);
	w->tck = sp->tCK_ps;
	return 0;
}

/* Clock the collected cycle, then every cycle the tracker still has work. */
void lg_wtrack_finish(lg_wtrack *w)
{
	if (w->ports_used)
		edge(w);
	while (busy(w))
		edge(w);
}

const lg_wtrack_stats *lg_wtrack_stats_get(const lg_wtrack *w)
{
	return &w->st;
}

const lg_tracker_stats *lg_wtrack_tracker_stats(const lg_wtrack *w)
{
	return lg_tracker_stats_get(w->t);
}

const lg_tracker_params *lg_wtrack_params(const lg_wtrack *w)
{
	return &w->p;
}
