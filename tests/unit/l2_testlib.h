/*
 * Test glue for the L2 and crossbar tests (7xx): a fake memory side with a
 * fixed latency and an optional limit on requests in flight, and a small
 * event loop over lg_comp components (every component is ticked at every
 * event time; all test clocks are 1 ns, so times are cycles x 1000 ps).
 */
#ifndef L2_TESTLIB_H
#define L2_TESTLIB_H

#include <stdlib.h>
#include <string.h>

#include "core/lg_comp.h"
#include "core/lg_port.h"
#include "l2/l2.h"
#include "xbar/xbar.h"

#define NS 1000ull /* one test cycle in ps */

typedef struct fmem_log {
	uint64_t addr;
	uint8_t op;
	uint16_t off, bytes;
	lg_ps at;
} fmem_log;

/* The fake memory side: done is reported at push with t_done = now + lat. */
typedef struct fmem {
	lg_ps lat;
	uint32_t cap;             /* most in flight; 0 = no limit */
	lg_ps *busy;              /* t_done of requests in flight */
	uint32_t nbusy;
	void (*done)(void *, lg_req *);
	void *slice[64];          /* by src_id */
	fmem_log log[4096];
	uint32_t nlog;
	uint64_t refused;
} fmem;

static inline bool fmem_push(void *ctx, lg_req *r, lg_ps now)
{
	fmem *m = ctx;
	uint32_t k = 0;

	for (uint32_t i = 0; i < m->nbusy; i++)
		if (m->busy[i] > now)
			m->busy[k++] = m->busy[i];
	m->nbusy = k;
	if (m->cap && m->nbusy >= m->cap) {
		m->refused++;
		return false;
	}
	if (!m->busy)
		m->busy = calloc(65536, sizeof(*m->busy));
	r->t_accepted = now;
	r->t_done = now + m->lat;
	m->busy[m->nbusy++] = r->t_done;
	if (m->nlog < 4096)
		m->log[m->nlog++] = (fmem_log){ r->addr, r->op, r->data_off, r->data_bytes, now };
	m->done(m->slice[r->src_id], r);
	return true;
}

static inline void fmem_free(fmem *m)
{
	free(m->busy);
}

/* Run the components until none is busy or limit ps; returns the end time. */
static inline lg_ps run_comps(lg_comp *c, int n, lg_ps start, lg_ps limit)
{
	lg_ps now = start;

	for (;;) {
		lg_ps t = LG_PS_NEVER;
		bool busy = false;

		for (int i = 0; i < n; i++)
			c[i].ops->tick(c[i].self, now);
		for (int i = 0; i < n; i++) {
			lg_ps ti = c[i].ops->next(c[i].self, now);

			busy |= c[i].ops->busy(c[i].self);
			t = ti < t ? ti : t;
		}
		if (t == LG_PS_NEVER || t > limit)
			return now;
		(void)busy;
		now = t;
	}
}

/* A request of op at addr, size bytes, for CU cu. */
static inline void mkreq(lg_req *r, uint64_t id, lg_op op, uint64_t addr, uint32_t size, uint32_t cu)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->op = (uint8_t)op;
	r->addr = addr;
	r->size = size;
	r->src_kind = LG_SRC_CU;
	r->src_id = cu;
}

#endif
