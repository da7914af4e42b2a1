/* The --timeline writer (see lg_timeline.h for the format and the bounds). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lg_outfile.h"
#include "core/lg_timeline.h"

typedef struct tl_sample {
	lg_ps at;
	double v;
} tl_sample;

typedef struct tl_counter {
	uint32_t pid;
	char name[64];
	tl_sample *s;          /* max_samples entries */
	uint32_t n;
} tl_counter;

struct lg_tl {
	FILE *f;
	lg_outfile *out;
	int first;             /* no event written yet */
	int finished;          /* lg_tl_finish wrote the end */
	uint64_t max_slices, slices, dropped;
	uint32_t max_samples;
	tl_counter *c;
	int nc;
};

/* A string as a JSON string body (quotes, backslashes and controls escaped). */
static void put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* Microseconds with picosecond resolution, exact (no floating point). */
static void put_us(FILE *f, lg_ps ps)
{
	fprintf(f, "%llu.%06llu", (unsigned long long)(ps / 1000000u),
		(unsigned long long)(ps % 1000000u));
}

/* The separator before an event. */
static void sep(lg_tl *t)
{
	fputs(t->first ? "\n" : ",\n", t->f);
	t->first = 0;
}

lg_tl *lg_tl_open(const char *path, uint64_t max_slices, uint32_t max_samples, lg_err *e)
{
	lg_tl *t = calloc(1, sizeof(*t));

	if (!t) {
		lg_errf(e, path, 0, "out of memory");
		return NULL;
	}
	t->out = lg_outfile_open(path, "timeline", e);
	if (!t->out) {
		lg_tl_close(t, 0, NULL);
		return NULL;
	}
	t->f = lg_outfile_file(t->out);
	t->first = 1;
	t->max_slices = max_slices;
	t->max_samples = max_samples < 2 ? 2 : max_samples;
	fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", t->f);
	return t;
}

void lg_tl_process(lg_tl *t, uint32_t pid, const char *name)
{
	sep(t);
	fprintf(t->f, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%u,\"args\":{\"name\":", pid);
	put_str(t->f, name);
	fputs("}}", t->f);
}

void lg_tl_track(lg_tl *t, uint32_t pid, uint32_t tid, const char *name)
{
	sep(t);
	fprintf(t->f, "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%u,\"tid\":%u,\"args\":{\"name\":",
		pid, tid);
	put_str(t->f, name);
	fputs("}}", t->f);
	sep(t); /* keep tracks in the order they were named */
	fprintf(t->f, "{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":%u,\"tid\":%u,"
		"\"args\":{\"sort_index\":%u}}", pid, tid, tid);
}

/* The common head of a slice or instant event; false when over max_slices (counted). */
static bool event_head(lg_tl *t, char ph, uint32_t pid, uint32_t tid, const char *name,
		       const char *cat, lg_ps at)
{
	if (t->slices >= t->max_slices) {
		t->dropped++;
		return false;
	}
	t->slices++;
	sep(t);
	fprintf(t->f, "{\"ph\":\"%c\",\"name\":", ph);
	put_str(t->f, name);
	if (cat) {
		fputs(",\"cat\":", t->f);
		put_str(t->f, cat);
	}
	fprintf(t->f, ",\"pid\":%u,\"tid\":%u,\"ts\":", pid, tid);
	put_us(t->f, at);
	return true;
}

void lg_tl_slice(lg_tl *t, uint32_t pid, uint32_t tid, const char *name, const char *cat,
		 lg_ps begin, lg_ps end)
{
	if (!event_head(t, 'X', pid, tid, name, cat, begin))
		return;
	fputs(",\"dur\":", t->f);
	put_us(t->f, end > begin ? end - begin : 0);
	fputc('}', t->f);
}

void lg_tl_instant(lg_tl *t, uint32_t pid, uint32_t tid, const char *name, const char *cat,
		   lg_ps at)
{
	if (!event_head(t, 'i', pid, tid, name, cat, at))
		return;
	fputs(",\"s\":\"t\"}", t->f);
}

int lg_tl_counter(lg_tl *t, uint32_t pid, const char *name)
{
	tl_counter *c = realloc(t->c, (size_t)(t->nc + 1) * sizeof(*c));

	if (!c)
		return -1;
	t->c = c;
	c = &t->c[t->nc];
	memset(c, 0, sizeof(*c));
	c->pid = pid;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->s = calloc(t->max_samples, sizeof(*c->s));
	if (!c->s)
		return -1;
	return t->nc++;
}

/*
 * Halve a full series: each pair (a, b) becomes one sample at a's time
 * whose value is the time-weighted mean over a's and b's intervals (b's
 * interval ends at the next pair's start; the last pair weighs equally).
 */
static void thin(tl_counter *c)
{
	uint32_t k = 0;

	for (uint32_t i = 0; i + 1 < c->n; i += 2) {
		tl_sample a = c->s[i], b = c->s[i + 1];
		lg_ps end = i + 2 < c->n ? c->s[i + 2].at : b.at + (b.at - a.at);
		double wa = (double)(b.at - a.at), wb = (double)(end - b.at);

		c->s[k].at = a.at;
		c->s[k].v = wa + wb > 0 ? (a.v * wa + b.v * wb) / (wa + wb) : (a.v + b.v) / 2;
		k++;
	}
	if (c->n & 1)
		c->s[k++] = c->s[c->n - 1];
	c->n = k;
}

void lg_tl_sample(lg_tl *t, int counter, lg_ps at, double value)
{
	tl_counter *c;

	if (counter < 0 || counter >= t->nc)
		return;
	c = &t->c[counter];
	if (c->n == t->max_samples)
		thin(c);
	c->s[c->n].at = at;
	c->s[c->n].v = value;
	c->n++;
}

uint64_t lg_tl_dropped(const lg_tl *t)
{
	return t->dropped;
}

/* Every counter series as C events. */
static void write_counters(lg_tl *t)
{
	for (int i = 0; i < t->nc; i++) {
		const tl_counter *c = &t->c[i];

		for (uint32_t k = 0; k < c->n; k++) {
			sep(t);
			fputs("{\"ph\":\"C\",\"name\":", t->f);
			put_str(t->f, c->name);
			fprintf(t->f, ",\"pid\":%u,\"ts\":", c->pid);
			put_us(t->f, c->s[k].at);
			fputs(",\"args\":{", t->f);
			put_str(t->f, c->name);
			fprintf(t->f, ":%.6g}}", c->s[k].v);
		}
	}
}

int lg_tl_finish(lg_tl *t, lg_err *e)
{
	write_counters(t);
	fprintf(t->f, "\n],\"lgsim_dropped_slices\":%llu}\n", (unsigned long long)t->dropped);
	t->finished = 1;
	return lg_outfile_flush(t->out, e);
}

int lg_tl_close(lg_tl *t, int ok, lg_err *e)
{
	int rc = 0;

	if (!t)
		return 0;
	if (ok && !t->finished && lg_tl_finish(t, e))
		ok = 0, rc = -1;
	if (lg_outfile_close(t->out, ok, e))
		rc = -1;
	for (int i = 0; i < t->nc; i++)
		free(t->c[i].s);
	free(t->c);
	free(t);
	return rc;
}
