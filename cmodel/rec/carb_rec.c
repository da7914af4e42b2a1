/*
 * lg_carb_rec: the arbiter recording writer (format in carb_rec.h). A step
 * line is held until the next call so that the issued class of its cycle
 * joins it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec/carb_rec.h"

struct lg_carb_rec {
	FILE *f;
	char *path;         /* NULL: f is the caller's (lg_carb_rec_on) */
	bool pending;       /* a step waits for its issued class */
	uint64_t cycle;
	lg_carb_in in;
	int issued;         /* -1 none */
};

/* The header every recording starts with. */
static void header(FILE *f)
{
	fprintf(f, "# lgcosim arbiter width=16\n"
		"# replay: lgsim cosim arbiter --trace FILE\n");
}

/* A writer on the caller's open stream (the controller's recording). */
lg_carb_rec *lg_carb_rec_on(FILE *f, lg_err *e)
{
	lg_carb_rec *r = calloc(1, sizeof(*r));

	if (!r)
		return lg_errf(e, "lg_carb_rec", 0, "out of memory"), NULL;
	r->f = f;
	header(f);
	return r;
}

/* Create path and a writer on it. */
lg_carb_rec *lg_carb_rec_open(const char *path, lg_err *e)
{
	lg_carb_rec *r = calloc(1, sizeof(*r));

	if (!r || !(r->path = strdup(path))) {
		free(r);
		return lg_errf(e, path, 0, "out of memory"), NULL;
	}
	if (!(r->f = fopen(path, "w"))) {
		lg_errf(e, path, 0, "cannot create the arbiter recording: %s", strerror(errno));
		free(r->path);
		free(r);
		return NULL;
	}
	header(r->f);
	return r;
}

/* Write the pending step line. */
static void flush_step(lg_carb_rec *r)
{
	const lg_carb_in *in = &r->in;

	if (!r->pending)
		return;
	fprintf(r->f, "%" PRIu64 " %u %u %u %u %u %u ", r->cycle, in->occ[0], in->occ[1],
		in->ready[0] & 1, in->ready[1] & 1, in->arrived[0], in->arrived[1]);
	if (r->issued < 0)
		fputs("-\n", r->f);
	else
		fprintf(r->f, "%d\n", r->issued);
	r->pending = false;
}

void lg_carb_rec_params(lg_carb_rec *r, const lg_carb_params *p)
{
	flush_step(r);
	fprintf(r->f, "P %s %u %u %u %u %u %u\n", lg_carb_policy_name(p->policy), p->wrr_weight[0],
		p->wrr_weight[1], p->mca_thr_min, p->mca_thr_max, p->mca_window, p->starve_limit);
}

void lg_carb_rec_step(lg_carb_rec *r, uint64_t cycle, const lg_carb_in *in)
{
	flush_step(r);
	r->pending = true;
	r->cycle = cycle;
	r->in = *in;
	r->issued = -1;
}

void lg_carb_rec_issued(lg_carb_rec *r, int cls)
{
	r->issued = cls & 1;
}

/* Write the held step line (a run's end: its issued class is known). */
void lg_carb_rec_flush(lg_carb_rec *r)
{
	if (r)
		flush_step(r);
}

int lg_carb_rec_close(lg_carb_rec *r, lg_err *e)
{
	int rc = 0;

	if (!r)
		return 0;
	flush_step(r);
	if (!r->path) { /* the caller's stream: it checks and closes it */
		free(r);
		return 0;
	}
	if (ferror(r->f) | fclose(r->f)) {
		rc = lg_errf(e, r->path, 0, "cannot write the arbiter recording");
		remove(r->path);
	}
	free(r->path);
	free(r);
	return rc;
}
