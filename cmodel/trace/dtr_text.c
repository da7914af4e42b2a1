/*
 * Reader "lgsim": the lgsim text trace, one request per line.
 *
 *   line    := [record] [comment]
 *   record  := time op address [bytes]            (fields split by blanks)
 *   time    := DIGITS                             memory-clock (tCK) cycles
 *            | DIGITS ["." 1-3 DIGITS] "ns"       nanoseconds, kept in ps
 *   op      := "R" | "W" | "N:" dtype             dtype: fp32 bf16 fp16 fp8-e4m3
 *   address := "0x" HEXDIGITS                     at most 64 bits
 *   bytes   := DIGITS                             1..4096; absent = one burst
 *   comment := "#" anything
 *
 * All times of one file are in the same unit (all cycles or all ns), and
 * they never decrease. Example:  "120 R 0x1f40", "35.5ns N:bf16 0x80 64".
 */
#include <stdlib.h>
#include <string.h>

#include "trace/dtr_int.h"

#define TEXT_MAX_BYTES 4096 /* largest request size a line may give */

typedef struct text_state {
	lg_lines *lines;      /* the trace's line stream */
	uint64_t prev_time;   /* time of the previous record */
	uint64_t prev_line;   /* its line; 0 before the first record */
	uint8_t unit;         /* lg_dtrace_time of the first record */
	uint64_t unit_line;   /* line of the first record */
} text_state;

/* The rest of a time after its integer part v: "[.F]ns" (see parse_time). */
static int parse_time_ns(const char **pp, uint64_t v, lg_dtrace_rec *r)
{
	const char *p = *pp;
	uint64_t frac = 0;
	int nfrac = 0;

	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && nfrac < 3) {
			frac = frac * 10 + (uint64_t)(*p++ - '0');
			nfrac++;
		}
		if (nfrac == 0)
			return -1;
		while (nfrac++ < 3)
			frac *= 10;
	}
	if (p[0] != 'n' || p[1] != 's' || !dtr_tok_end(p[2]) ||
	    v > (LG_DTRACE_MAX_PS - frac) / 1000)
		return -1;
	r->time = v * 1000 + frac;
	r->time_unit = LG_DTT_PS;
	*pp = p + 2;
	return 0;
}

/* Parse "N[.F]ns" or "N" at *pp into r->time and r->time_unit. */
static inline int parse_time(const char **pp, lg_dtrace_rec *r)
{
	const char *p = *pp;
	uint64_t v;

	if (dtr_scan_dec(&p, &v) != DTR_OK)
		return -1;
	if (dtr_tok_end(*p)) {
		if (v > LG_DTRACE_MAX_CYCLES)
			return -1;
		r->time = v;
		r->time_unit = LG_DTT_CYCLES;
		*pp = p;
		return 0;
	}
	if (parse_time_ns(&p, v, r) < 0)
		return -1;
	*pp = p;
	return 0;
}

/* Parse "N:<dtype>" at *pp into r->op and r->dtype. */
static int parse_nmc(const char **pp, lg_dtrace_rec *r, bool *bad_dtype)
{
	const char *p = *pp;
	char name[16];
	size_t n = 0;

	if (p[0] != 'N' || p[1] != ':')
		return -1;
	p += 2;
	while (!dtr_tok_end(p[n]) && n < sizeof(name) - 1) {
		name[n] = p[n];
		n++;
	}
	name[n] = '\0';
	r->dtype = dtr_tok_end(p[n]) ? (uint8_t)lg_dtype_parse(name) : LG_DT_NONE;
	if (r->dtype == LG_DT_NONE) {
		*bad_dtype = true;
		return -1;
	}
	r->op = LG_OP_NMC;
	*pp = p + n;
	return 0;
}

/* Parse "R", "W" or "N:<dtype>" at *pp into r->op and r->dtype. */
static inline int parse_op(const char **pp, lg_dtrace_rec *r, bool *bad_dtype)
{
	const char *p = *pp;

	r->dtype = LG_DT_NONE;
	if ((p[0] == 'R' || p[0] == 'W') && dtr_tok_end(p[1])) {
		r->op = p[0] == 'R' ? LG_OP_RD : LG_OP_WR;
		*pp = p + 1;
		return 0;
	}
	return parse_nmc(pp, r, bad_dtype);
}

/* Parse "0x<hex>" at *pp into r->addr: 0, or a DTR_* code. */
static inline int parse_addr(const char **pp, lg_dtrace_rec *r)
{
	const char *p = *pp;
	int rc;

	if (p[0] != '0' || p[1] != 'x')
		return DTR_NODIGITS;
	p += 2;
	rc = dtr_scan_hex(&p, &r->addr);
	if (rc == DTR_OK && !dtr_tok_end(*p))
		rc = DTR_NODIGITS;
	if (rc == DTR_OK)
		*pp = p;
	return rc;
}

/* Parse the optional size field at *pp (already past blanks). */
static inline int parse_bytes(const char **pp, lg_dtrace_rec *r)
{
	const char *p = *pp;
	uint64_t v;

	r->size = 0;
	if (*p == '\0' || *p == '#')
		return 0;
	if (dtr_scan_dec(&p, &v) != DTR_OK || !dtr_tok_end(*p) ||
	    v < 1 || v > TEXT_MAX_BYTES)
		return -1;
	r->size = (uint32_t)v;
	*pp = p;
	return 0;
}

/* Check the time unit against the first record's and the time order. */
static int check_time(lg_dtrace *t, text_state *s, const lg_dtrace_rec *r, lg_err *e)
{
	if (!s->unit_line) {
		s->unit = r->time_unit;
		s->unit_line = r->line;
	} else if (r->time_unit != s->unit) {
		lg_errf(e, lg_lines_path(lg_dtrace_lines(t)), (long)r->line,
			"time in %s, but line %llu gives it in %s: all times of a "
			"trace are in cycles or all in ns",
			r->time_unit == LG_DTT_PS ? "ns" : "cycles",
			(unsigned long long)s->unit_line,
			s->unit == LG_DTT_PS ? "ns" : "cycles");
		return -1;
	}
	return dtr_check_order(t, r, &s->prev_time, &s->prev_line, e);
}

/* One '<time> <op> <address> [bytes]' record (contract in dtrace.h). */
static int text_next(lg_dtrace *t, void *state, lg_dtrace_rec *r, lg_err *e)
{
	text_state *s = state;
	const char *p;
	bool bad_dtype = false;
	int rc = dtr_next_record_line(s->lines, &p, &r->line, e);

	if (rc <= 0)
		return rc;
	if (parse_time(&p, r) < 0)
		return dtr_err_tok(t, e, p, "expected <time> in cycles (digits, at most 10^13) or "
				   "in ns (digits, up to 3 decimals, 'ns' suffix; at most 10^15 ns)");
	p = dtr_skip_blank(p);
	if (parse_op(&p, r, &bad_dtype) < 0)
		return dtr_err_tok(t, e, p, bad_dtype ?
				   "expected an NMC dtype fp32, bf16, fp16 or fp8-e4m3 after 'N:'" :
				   "expected <op> R, W or N:<dtype>");
	p = dtr_skip_blank(p);
	rc = parse_addr(&p, r);
	if (rc == DTR_OVERFLOW)
		return dtr_err_tok(t, e, p, "address does not fit in 64 bits");
	if (rc != DTR_OK)
		return dtr_err_tok(t, e, p, "expected <address> as hex with a 0x prefix");
	p = dtr_skip_blank(p);
	if (parse_bytes(&p, r) < 0)
		return dtr_err_tok(t, e, p, "expected [bytes] as a decimal size 1..4096");
	if (!dtr_at_end(p))
		return dtr_err_tok(t, e, dtr_skip_blank(p),
				   "expected end of line or '#' comment after the request");
	if (check_time(t, s, r, e) < 0)
		return -1;
	return 1;
}

/*
 * Fast path of text_next_batch: the common line "<cycles> R|W 0x<hex>\n"
 * (single spaces, at most 19 time digits and 16 address digits, no size,
 * no comment, no '\r') parsed straight from the line buffer. p must have
 * FAST_WINDOW readable bytes: such a line fits in 42 and the scans below
 * read at most 44, so no other bound check is needed. Fills time, op and
 * addr of r and returns the bytes taken with the newline, or 0 for any
 * other line (text_next parses those, errors included).
 */
#define FAST_WINDOW DTR_FAST_WINDOW
/* The five bytes after the time, " R 0x" and " W 0x", read as one little-endian word. */
#define FAST_R 0x7830205220ull
#define FAST_W 0x7830205720ull
static inline size_t fast_line(const char *p0, lg_dtrace_rec *r)
{
	const unsigned char *p = (const unsigned char *)p0, *s = p;
	uint64_t v, a, w;
	unsigned d, n;

	if ((v = (unsigned)*p - '0') > 9) /* a time starts with a digit */
		return 0;
	while ((d = (unsigned)*++p - '0') <= 9 && p - s < 20)
		v = v * 10 + d;
	if (p - s > 19 || v > LG_DTRACE_MAX_CYCLES)
		return 0;
	memcpy(&w, p, sizeof(w)); /* " R 0x" or " W 0x" as one little-endian word */
	w &= 0xffffffffffull;
	if (w != FAST_R && w != FAST_W)
		return 0;
	r->op = w == FAST_R ? LG_OP_RD : LG_OP_WR;
	p += 5;
	n = dtr_hex16(p, &a);
	p += n;
	if (n == 0 || *p != '\n')
		return 0;
	r->time = v;
	r->addr = a;
	return (size_t)(p + 1 - (const unsigned char *)p0);
}

/*
 * Up to max records (reader contract in dtrace.h). Lines of the common form
 * go through fast_line, many per lg_lines_peek window, as long as their
 * time unit (cycles) and order are right; any other line, and the last
 * bytes of a window, go through text_next one line at a time.
 */
static int text_next_batch(lg_dtrace *t, void *state, lg_dtrace_rec *r, int max, int *status,
			   lg_err *e)
{
	text_state *s = state;
	int n = 0, rc;

	*status = 1;
	while (n < max) {
		const char *p;
		size_t avail = lg_lines_peek(s->lines, &p), off = 0;
		uint64_t no = lg_lines_lineno(s->lines), prev = s->prev_time;
		int n0 = n;

		/* fast lines only after a first record in cycles (text_next sets the unit) */
		if (!s->unit_line || s->unit != LG_DTT_CYCLES)
			avail = 0;
		while (n < max && avail - off >= FAST_WINDOW) {
			lg_dtrace_rec *x = &r[n];
			size_t len = fast_line(p + off, x);

			if (!len || x->time < prev) /* an order error: text_next reports it */
				break;
			prev = x->time;
			x->time_unit = LG_DTT_CYCLES;
			x->dtype = LG_DT_NONE;
			x->size = 0;
			x->line = ++no;
			off += len;
			n++;
		}
		if (n > n0) {
			s->prev_time = prev;
			s->prev_line = no;
			lg_lines_consume(s->lines, off, (uint64_t)(n - n0));
		}
		if (n == max)
			break;
		rc = text_next(t, s, &r[n], e);
		if (rc <= 0) {
			*status = rc;
			break;
		}
		n++;
	}
	return n;
}

/* A line is ours if it starts with a time and an op. */
static bool text_probe(const char *head, size_t n)
{
	char buf[128];
	lg_dtrace_rec r;
	const char *p = buf;
	bool bad_dtype = false;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, head, n);
	buf[n] = '\0';
	if (parse_time(&p, &r) < 0)
		return false;
	p = dtr_skip_blank(p);
	return parse_op(&p, &r, &bad_dtype) == 0 || bad_dtype;
}

/* Per-file state: the line stream, the previous time and the time unit. */
static int text_open(lg_dtrace *t, void **state, lg_err *e)
{
	text_state *s = calloc(1, sizeof(*s));

	if (!s)
		return lg_errf(e, lg_lines_path(lg_dtrace_lines(t)), 0, "out of memory");
	s->lines = lg_dtrace_lines(t);
	*state = s;
	return 0;
}

/* Free what text_open allocated. */
static void text_close(void *state)
{
	free(state);
}

const lg_dtrace_reader lg_dtr_text = {
	.name = "lgsim",
	.doc = "<time> R|W|N:<dtype> 0x<address> [bytes]; time in tCK, or ns with 'ns'",
	.probe = text_probe,
	.open = text_open,
	.next = text_next,
	.close = text_close,
	.next_batch = text_next_batch,
};
