/*
 * lg_fakemem: fixed-latency memory for CU tests and benches (fakemem.h).
 * A request taken at cycle c is pushed back at c + latency; a full return
 * port pushes back (the request waits in the input port).
 */
#include "cu/fakemem.h"

#include <stdlib.h>

struct lg_fakemem {
	unsigned n;
	lg_port **to, **from;
	lg_clock clk;
	uint32_t latency, per_cycle;
	lg_fakemem_stats st;
};

lg_fakemem *lg_fakemem_create(unsigned n, lg_port *const *to, lg_port *const *from, lg_clock clk,
			      uint32_t latency, uint32_t per_cycle)
{
	lg_fakemem *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->to = malloc(n * sizeof(*m->to));
	m->from = malloc(n * sizeof(*m->from));
	if (!m->to || !m->from) {
		lg_fakemem_destroy(m);
		return NULL;
	}
	for (unsigned i = 0; i < n; i++) {
		m->to[i] = to[i];
		m->from[i] = from[i];
	}
	m->n = n;
	m->clk = clk;
	m->latency = latency;
	m->per_cycle = per_cycle ? per_cycle : 1;
	return m;
}

void lg_fakemem_destroy(lg_fakemem *m)
{
	if (m) {
		free(m->to);
		free(m->from);
		free(m);
	}
}

static bool fm_tick(void *self, lg_ps now)
{
	lg_fakemem *m = self;
	lg_ps back = now + (lg_ps)m->latency * m->clk.period_ps;
	bool moved = false;

	for (unsigned i = 0; i < m->n; i++) {
		lg_req *r;

		for (uint32_t k = 0; k < m->per_cycle && (r = lg_port_peek(m->to[i], now)); k++) {
			if (!lg_port_push(m->from[i], r, back))
				break;
			lg_port_pop(m->to[i]);
			m->st.req[r->op < 3 ? r->op : 0]++;
			m->st.bytes += r->size;
			m->st.useful_bytes += r->data_bytes ? r->data_bytes : r->size;
			moved = true;
		}
	}
	return moved;
}

static lg_ps fm_next(const void *self, lg_ps now)
{
	const lg_fakemem *m = self;
	lg_ps t = LG_PS_NEVER, edge = (now / m->clk.period_ps + 1) * m->clk.period_ps;

	for (unsigned i = 0; i < m->n; i++) {
		lg_ps r = lg_port_next_ready(m->to[i]);

		if (r == LG_PS_NEVER || lg_port_full(m->from[i]))
			continue;
		r = lg_clock_time(m->clk, lg_clock_cycle_at(m->clk, r));
		if (r < edge)
			r = edge;
		if (r < t)
			t = r;
	}
	return t;
}

static bool fm_busy(const void *self)
{
	const lg_fakemem *m = self;

	for (unsigned i = 0; i < m->n; i++)
		if (!lg_port_empty(m->to[i]))
			return true;
	return false;
}

static void fm_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_fakemem *m = self;

	(void)now;
	for (unsigned i = 0; i < m->n; i++)
		fprintf(f, "fakemem port %u: %u in, %u returning\n", i, lg_port_count(m->to[i]),
			lg_port_count(m->from[i]));
}

static const lg_comp_ops fm_ops = {
	.kind = "fakemem", .tick = fm_tick, .next = fm_next, .busy = fm_busy, .dump = fm_dump,
};

void lg_fakemem_comp(lg_fakemem *m, lg_comp *out)
{
	out->ops = &fm_ops;
	out->self = m;
	out->name = "fakemem";
	out->clk = m->clk;
}

const lg_fakemem_stats *lg_fakemem_stats_get(const lg_fakemem *m)
{
	return &m->st;
}
