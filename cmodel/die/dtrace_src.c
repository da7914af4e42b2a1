/* A trace file as a replay source (see dtrace_src.h). */
#include <stdlib.h>

#include "die/dtrace_src.h"
#include "trace/dtrace.h"

/* Trace records fetched per lg_dtrace_next_batch call. */
#define TRACE_BATCH 64

struct lg_dtrace_src {
	lg_dtrace *t;
	lg_ps tck;
	lg_dtrace_rec d[TRACE_BATCH]; /* fetched, not yet handed to the replay */
	int di, dn;                   /* next one in d, how many d holds */
};

/* dtrace record d -> replay record r; an NMC update is COMM traffic (docs/dram.md). */
static int trace_conv(const lg_dtrace_src *s, const lg_dtrace_rec *d, lg_replay_rec *r, lg_err *e)
{
	(void)e;
	r->op = d->op;
	r->dtype = d->dtype;
	r->tclass = d->op == LG_OP_NMC ? LG_TC_COMM : LG_TC_COMPUTE;
	r->addr = d->addr;
	r->size = d->size;
	r->line = d->line;
	r->timed = d->time_unit != LG_DTT_NONE;
	r->time_ps = d->time_unit == LG_DTT_CYCLES ? d->time * s->tck : d->time;
	return 0;
}

/* next(): one record. */
static int trace_next(void *ctx, lg_replay_rec *r, lg_err *e)
{
	lg_dtrace_src *s = ctx;
	lg_dtrace_rec d;
	int rc = lg_dtrace_next(s->t, &d, e);

	if (rc <= 0)
		return rc;
	return trace_conv(s, &d, r, e) < 0 ? -1 : 1;
}

/* next_batch(): up to max records converted from the trace's batches. */
static int trace_next_batch(void *ctx, lg_replay_rec *r, int max, lg_err *e)
{
	lg_dtrace_src *s = ctx;
	const lg_dtrace_rec *d;
	int n, cnt, rc;

	if (s->di == s->dn) {
		rc = lg_dtrace_next_batch(s->t, s->d, TRACE_BATCH, e);
		if (rc <= 0)
			return rc;
		s->di = 0;
		s->dn = rc;
	}
	/* locals, so that the stores to r need not reload s */
	d = &s->d[s->di];
	cnt = s->dn - s->di < max ? s->dn - s->di : max;
	for (n = 0; n < cnt; n++) {
		if (trace_conv(s, &d[n], &r[n], e) < 0)
			return -1;
	}
	s->di += n;
	return n;
}

lg_dtrace_src *lg_dtrace_src_open(const char *path, const char *format, lg_ps tck, lg_err *e)
{
	lg_dtrace_src *s = calloc(1, sizeof(*s));

	if (!s)
		return lg_errf(e, "lgsim", 0, "out of memory"), NULL;
	s->t = lg_dtrace_open(path, format, e);
	if (!s->t) {
		free(s);
		return NULL;
	}
	s->tck = tck;
	return s;
}

void lg_dtrace_src_close(lg_dtrace_src *s)
{
	if (!s)
		return;
	lg_dtrace_close(s->t);
	free(s);
}

lg_replay_src lg_dtrace_src_source(lg_dtrace_src *s)
{
	lg_replay_src r = { s, trace_next, trace_next_batch };

	return r;
}
