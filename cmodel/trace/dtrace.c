/*
 * lg_dtrace: DRAM request trace streams (see dtrace.h for the formats and
 * docs/traces.md for the grammars).
 *
 * The readers sit in one explicit const array, in probe order, which
 * lg_dtrace_readers() gives (ktdreq/dtrace_formats.c: it lists the kernel-
 * trace adaptors too, so this folder includes no kernel-trace code). Opening a
 * trace reads lines up to the first one that holds a record, asks each
 * reader's probe() about it, hands that line back to the line stream and
 * lets the chosen reader parse from there. Records then flow through the
 * reader's next() with no copy beyond the lg_dtrace_rec the caller gives.
 */
#include "trace/dtrace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/dtr_int.h"

struct lg_dtrace {
	lg_lines *lines;
	const lg_dtrace_reader *rd;
	void *state;          /* the reader's, from its open() */
	int status;           /* lg_dtrace_next_batch: 1, or the end/error held back */
	lg_err err;           /* ... the error held back while records went first */
};

lg_lines *lg_dtrace_lines(lg_dtrace *t)
{
	return t->lines;
}

/* The reader called name, or NULL. */
static const lg_dtrace_reader *reader_by_name(const char *name)
{
	size_t n;
	const lg_dtrace_reader *const *readers = lg_dtrace_readers(&n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(readers[i]->name, name))
			return readers[i];
	return NULL;
}

/* "auto|lgsim|dramsim3|..." for messages. */
static void reader_names(char *buf, size_t size)
{
	size_t nr, n = (size_t)snprintf(buf, size, "auto");
	const lg_dtrace_reader *const *readers = lg_dtrace_readers(&nr);

	for (size_t i = 0; i < nr && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "|%s", readers[i]->name);
}

/*
 * Choose the reader by probing the first record line, which is handed back
 * to the stream. An empty trace gets the first reader.
 */
static const lg_dtrace_reader *probe(lg_dtrace *t, lg_err *e)
{
	const char *line;
	uint64_t no;
	size_t nr;
	const lg_dtrace_reader *const *readers = lg_dtrace_readers(&nr);
	int rc = dtr_next_record_line(t->lines, &line, &no, e);

	if (rc < 0)
		return NULL;
	if (rc == 0)
		return readers[0];
	for (size_t i = 0; i < nr; i++) {
		if (readers[i]->probe(line, strlen(line))) {
			lg_lines_unget(t->lines);
			return readers[i];
		}
	}
	dtr_err(t, e, "cannot tell the trace format from this line: expected "
		"'<time> R|W|N:<dtype> 0x<address> [bytes]' (lgsim), "
		"'0x<address> READ|WRITE <cycle>' (dramsim3) or "
		"'LD|ST <address>' (ramulator), or give --format");
	return NULL;
}

/*
 * Whether path starts with the xz magic (FD '7zXZ' 00). Only Accel-Sim
 * kernel traces come as .xz; the line stream (zlib) cannot read them, so
 * they are recognised before any text is probed.
 */
static bool file_is_xz(const char *path)
{
	static const unsigned char magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
	unsigned char head[6];
	FILE *f = fopen(path, "rb");
	bool xz;

	if (!f)
		return false;
	xz = fread(head, 1, sizeof(head), f) == sizeof(head) &&
	     !memcmp(head, magic, sizeof(magic));
	fclose(f);
	return xz;
}

lg_dtrace *lg_dtrace_open(const char *path, const char *format, lg_err *e)
{
	lg_dtrace *t;
	char names[128];

	t = calloc(1, sizeof(*t));
	if (t)
		t->status = 1;
	if (!t) {
		lg_errf(e, path, 0, "out of memory");
		return NULL;
	}
	if (format && strcmp(format, "auto")) {
		t->rd = reader_by_name(format);
		if (!t->rd) {
			reader_names(names, sizeof(names));
			lg_errf(e, path, 0, "unknown trace format '%s': expected one of %s",
				format, names);
			goto out_free;
		}
	}
	t->lines = lg_lines_open(path, e);
	if (!t->lines)
		goto out_free;
	if (!t->rd && file_is_xz(path))
		t->rd = reader_by_name("accelsim"); /* xz: only Accel-Sim traces */
	if (!t->rd)
		t->rd = probe(t, e);
	if (!t->rd)
		goto out_free;
	if (t->rd->open && t->rd->open(t, &t->state, e) < 0)
		goto out_free;
	return t;
out_free:
	lg_lines_close(t->lines);
	free(t);
	return NULL;
}

/* The chosen reader's next(): one indirect call per request. */
int lg_dtrace_next(lg_dtrace *t, lg_dtrace_rec *r, lg_err *e)
{
	return t->rd->next(t, t->state, r, e);
}

/*
 * Batch of records (see dtrace.h): the reader's next_batch, or next() in a
 * loop. An end or error met after some records is held in t and returned
 * by the next call.
 */
int lg_dtrace_next_batch(lg_dtrace *t, lg_dtrace_rec *r, int max, lg_err *e)
{
	int n = 0, st = t->status;

	if (st <= 0) {
		if (st < 0)
			*e = t->err;
		return st;
	}
	if (t->rd->next_batch) {
		n = t->rd->next_batch(t, t->state, r, max, &st, e);
	} else {
		while (n < max && (st = t->rd->next(t, t->state, &r[n], e)) > 0)
			n++;
	}
	t->status = st;
	if (st < 0)
		t->err = *e;
	return n > 0 ? n : st;
}

/* Accessors (see dtrace.h). */
const char *lg_dtrace_format(const lg_dtrace *t)
{
	return t->rd->name;
}

const char *lg_dtrace_path(const lg_dtrace *t)
{
	return lg_lines_path(t->lines);
}

/* Close the reader, then the stream. */
void lg_dtrace_close(lg_dtrace *t)
{
	if (!t)
		return;
	if (t->rd && t->rd->close)
		t->rd->close(t->state);
	lg_lines_close(t->lines);
	free(t);
}

/* Shared helpers for the readers (declared in dtr_int.h). */

int dtr_err(lg_dtrace *t, lg_err *e, const char *msg)
{
	return lg_errf(e, lg_lines_path(t->lines), (long)lg_lines_lineno(t->lines),
		       "%s", msg);
}

int dtr_err_tok(lg_dtrace *t, lg_err *e, const char *p, const char *msg)
{
	int n;

	p = dtr_skip_blank(p);
	n = dtr_tok_len(p);
	if (n == 0)
		return lg_errf(e, lg_lines_path(t->lines),
			       (long)lg_lines_lineno(t->lines),
			       "%s, got %s", msg, *p == '#' ? "a comment" : "end of line");
	return lg_errf(e, lg_lines_path(t->lines), (long)lg_lines_lineno(t->lines),
		       "%s, got '%.*s%s'", msg, n, p, dtr_tok_end(p[n]) ? "" : "...");
}

int dtr_err_order(lg_dtrace *t, const lg_dtrace_rec *r, uint64_t prev,
		  uint64_t prev_line, lg_err *e)
{
	const char *unit = r->time_unit == LG_DTT_PS ? " ps" : " cycles";

	return lg_errf(e, lg_lines_path(t->lines), (long)r->line,
		       "time %llu%s is earlier than %llu%s on line %llu: "
		       "times must not decrease",
		       (unsigned long long)r->time, unit, (unsigned long long)prev, unit,
		       (unsigned long long)prev_line);
}

/* Hex digit values for dtr_scan_hex; DTR_NOTHEX for every other byte. */
#define X DTR_NOTHEX
#define ROW16 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X
const uint8_t dtr_hex_tab[256] = {
	ROW16, ROW16, ROW16,
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X,        /* 0x30 '0'-'9' */
	X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X,  /* 0x40 'A'-'F' */
	ROW16,
	X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X,  /* 0x60 'a'-'f' */
	ROW16, ROW16, ROW16, ROW16, ROW16, ROW16, ROW16, ROW16, ROW16,
};
#undef ROW16
#undef X
