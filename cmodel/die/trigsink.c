/* The trigger sink (see trigsink.h): a counter behind a bounded queue. */
#include <inttypes.h>
#include <stdlib.h>

#include "die/trigsink.h"

struct lg_trigsink {
	unsigned depth, n;        /* queue capacity, triggers held */
	lg_ps period;
	lg_ps last;               /* time of the last put (retired from the next edge) */
	lg_trigsink_stats st;
};

lg_trigsink *lg_trigsink_create(unsigned depth, lg_ps period)
{
	lg_trigsink *s = calloc(1, sizeof(*s));

	if (s) {
		s->depth = depth ? depth : 1;
		s->period = period;
	}
	return s;
}

void lg_trigsink_destroy(lg_trigsink *s)
{
	free(s);
}

static bool ts_ready(const void *ctx)
{
	const lg_trigsink *s = ctx;

	return s->n < s->depth;
}

/* Take one trigger (the tracker calls it only when ready). */
static void ts_put(void *ctx, const lg_trig *t, lg_ps now)
{
	lg_trigsink *s = ctx;

	(void)t;
	s->n++;
	s->st.taken++;
	s->last = now;
}

lg_trig_port lg_trigsink_port(lg_trigsink *s)
{
	lg_trig_port p = { s, ts_ready, ts_put };

	return p;
}

/* Retire one trigger per cycle, from the cycle after it was taken. */
static bool ts_tick(void *self, lg_ps now)
{
	lg_trigsink *s = self;

	if (!s->n || now <= s->last)
		return false;
	s->n--;
	s->st.retired++;
	return true;
}

static lg_ps ts_next(const void *self, lg_ps now)
{
	const lg_trigsink *s = self;

	return s->n ? (now / s->period + 1) * s->period : LG_PS_NEVER;
}

static bool ts_busy(const void *self)
{
	return ((const lg_trigsink *)self)->n != 0;
}

static void ts_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_trigsink *s = self;

	(void)now;
	fprintf(f, "trigger sink: %u of %u held, %" PRIu64 " taken, %" PRIu64 " retired\n", s->n,
		s->depth, s->st.taken, s->st.retired);
}

static const lg_comp_ops trigsink_ops = {
	.kind = "trigsink",
	.tick = ts_tick,
	.next = ts_next,
	.busy = ts_busy,
	.dump = ts_dump,
};

lg_comp lg_trigsink_comp(lg_trigsink *s, const char *name)
{
	lg_comp c = { &trigsink_ops, s, name, { s->period } };

	return c;
}

const lg_trigsink_stats *lg_trigsink_stats_get(const lg_trigsink *s)
{
	return &s->st;
}
