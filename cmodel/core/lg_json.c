#include "core/lg_json.h"
#include "core/lg_outfile.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define LG_JSON_MAXDEPTH 32

struct lg_json {
	FILE *f;
	lg_outfile *out;               /* the file f writes to; NULL for a stream */
	int depth;
	bool first[LG_JSON_MAXDEPTH];  /* no element yet at this depth */
	bool finished;                 /* the closing newline is written */
};

static lg_json *json_new(FILE *f, lg_outfile *out)
{
	lg_json *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->f = f;
	j->out = out;
	j->first[0] = true;
	return j;
}

lg_json *lg_json_file_open(const char *path, lg_err *e)
{
	lg_outfile *out = lg_outfile_open(path, "stats file", e);
	lg_json *j;

	if (!out)
		return NULL;
	j = json_new(lg_outfile_file(out), out);
	if (!j) {
		lg_outfile_close(out, 0, NULL);
		lg_errf(e, path, 0, "out of memory");
	}
	return j;
}

lg_json *lg_json_stream(FILE *f)
{
	return json_new(f, NULL);
}

int lg_json_finish(lg_json *j, lg_err *e)
{
	if (!j->finished)
		fputc('\n', j->f);
	j->finished = true;
	return j->out ? lg_outfile_flush(j->out, e) : 0;
}

int lg_json_commit(lg_json *j, lg_err *e)
{
	int rc = 0;

	if (!j->finished)
		fputc('\n', j->f);
	if (j->out)
		rc = lg_outfile_close(j->out, 1, e);
	else
		fflush(j->f);
	free(j);
	return rc;
}

void lg_json_abort(lg_json *j)
{
	if (!j)
		return;
	lg_outfile_close(j->out, 0, NULL);
	free(j);
}

static void indent(lg_json *j)
{
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* Separator, indentation and "key": before any value. */
static void begin_value(lg_json *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = false;
	if (key) {
		put_string(j->f, key);
		fputs(": ", j->f);
	}
}

static void open_scope(lg_json *j, const char *key, char c)
{
	begin_value(j, key);
	fputc(c, j->f);
	if (j->depth + 1 < LG_JSON_MAXDEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_scope(lg_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
}

void lg_json_obj_begin(lg_json *j, const char *key) { open_scope(j, key, '{'); }
void lg_json_obj_end(lg_json *j) { close_scope(j, '}'); }
void lg_json_arr_begin(lg_json *j, const char *key) { open_scope(j, key, '['); }
void lg_json_arr_end(lg_json *j) { close_scope(j, ']'); }

void lg_json_u64(lg_json *j, const char *key, uint64_t v)
{
	begin_value(j, key);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void lg_json_i64(lg_json *j, const char *key, int64_t v)
{
	begin_value(j, key);
	fprintf(j->f, "%lld", (long long)v);
}

void lg_json_f64(lg_json *j, const char *key, double v)
{
	begin_value(j, key);
	if (isfinite(v))
		fprintf(j->f, "%.12g", v);
	else
		fputs("null", j->f);
}

void lg_json_str(lg_json *j, const char *key, const char *v)
{
	begin_value(j, key);
	put_string(j->f, v);
}

void lg_json_bool(lg_json *j, const char *key, int v)
{
	begin_value(j, key);
	fputs(v ? "true" : "false", j->f);
}
