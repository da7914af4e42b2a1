/*
 * Reader "dramsim3": the trace format of DRAMsim3's TraceBasedCPU.
 *
 *   record  := address type cycle                 (fields split by blanks)
 *   address := ["0x" | "0X"] HEXDIGITS            at most 64 bits
 *   type    := "READ" | "WRITE"                   upper case, as DRAMsim3 compares
 *   cycle   := DIGITS                             memory-clock (tCK) cycle
 *
 * DRAMsim3 reads the three fields with `is >> hex >> addr >> type >> dec >>
 * time` and treats every type other than "WRITE" as a read; here any other
 * type is an error, and so are extra fields and decreasing cycles (DRAMsim3
 * would issue a late request at once). Blank lines and '#' comments are an
 * lgsim extension. Example: "0x7f3a40 WRITE 128".
 */
#include <stdlib.h>
#include <string.h>

#include "trace/dtr_int.h"

typedef struct dramsim3_state {
	lg_lines *lines;      /* the trace's line stream */
	uint64_t prev_time;
	uint64_t prev_line;
} dramsim3_state;

/* Parse a hex address with an optional 0x/0X prefix: 0 or a DTR_* code. */
static int parse_addr(const char **pp, uint64_t *addr)
{
	const char *p = *pp;
	int rc;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	rc = dtr_scan_hex(&p, addr);
	if (rc == DTR_OK && !dtr_tok_end(*p))
		rc = DTR_NODIGITS;
	if (rc == DTR_OK)
		*pp = p;
	return rc;
}

/* Parse READ or WRITE: 0 with *op, or -1. */
static int parse_type(const char **pp, uint8_t *op)
{
	if (dtr_tok_is(*pp, "READ")) {
		*op = LG_OP_RD;
		*pp += 4;
		return 0;
	}
	if (dtr_tok_is(*pp, "WRITE")) {
		*op = LG_OP_WR;
		*pp += 5;
		return 0;
	}
	return -1;
}

/* One '<address> READ|WRITE <cycle>' record (contract in dtrace.h). */
static int dramsim3_next(lg_dtrace *t, void *state, lg_dtrace_rec *r, lg_err *e)
{
	dramsim3_state *s = state;
	const char *p, *tok;
	int rc = dtr_next_record_line(s->lines, &p, &r->line, e);

	if (rc <= 0)
		return rc;
	rc = parse_addr(&p, &r->addr);
	if (rc == DTR_OVERFLOW)
		return dtr_err_tok(t, e, p, "address does not fit in 64 bits");
	if (rc != DTR_OK)
		return dtr_err_tok(t, e, p, "expected <address> in hex (0x prefix optional)");
	p = dtr_skip_blank(p);
	if (parse_type(&p, &r->op) < 0)
		return dtr_err_tok(t, e, p, "expected READ or WRITE");
	tok = p = dtr_skip_blank(p);
	if (dtr_scan_dec(&p, &r->time) != DTR_OK || !dtr_tok_end(*p) ||
	    r->time > LG_DTRACE_MAX_CYCLES)
		return dtr_err_tok(t, e, tok, "expected <cycle> as a decimal number of at most 10^13");
	if (!dtr_at_end(p))
		return dtr_err_tok(t, e, dtr_skip_blank(p),
				   "expected end of line after '<address> READ|WRITE <cycle>'");
	r->time_unit = LG_DTT_CYCLES;
	r->dtype = LG_DT_NONE;
	r->size = 0;
	if (dtr_check_order(t, r, &s->prev_time, &s->prev_line, e) < 0)
		return -1;
	return 1;
}

/*
 * Fast path of dramsim3_next_batch: the common line "[0x]<hex> READ|WRITE
 * <cycle>\n" (single spaces, at most 16 address and 19 cycle digits, no
 * comment, no '\r') straight from the line buffer; p has DTR_FAST_WINDOW
 * readable bytes (such a line needs at most 46, and the scans read at most
 * 24 past the address start). Fills time, op and addr of r and returns the
 * bytes taken with the newline, or 0 for any other line (dramsim3_next
 * parses those, errors included).
 */
static inline size_t fast_line(const char *p0, lg_dtrace_rec *r)
{
	const unsigned char *p = (const unsigned char *)p0, *s;
	uint64_t a, v = 0;
	unsigned n, d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	n = dtr_hex16(p, &a);
	p += n;
	if (n == 0 || *p++ != ' ')
		return 0;
	if (!memcmp(p, "READ ", 5)) {
		r->op = LG_OP_RD;
		p += 5;
	} else if (!memcmp(p, "WRITE ", 6)) {
		r->op = LG_OP_WR;
		p += 6;
	} else {
		return 0;
	}
	s = p;
	while ((d = (unsigned)*p - '0') <= 9 && p - s < 19) {
		v = v * 10 + d;
		p++;
	}
	if (p == s || *p != '\n' || v > LG_DTRACE_MAX_CYCLES)
		return 0;
	r->time = v;
	r->addr = a;
	return (size_t)(p + 1 - (const unsigned char *)p0);
}

/*
 * Up to max records (reader contract in dtrace.h): lines of the common
 * form through fast_line, many per lg_lines_peek window, while their
 * cycles do not decrease; any other line, and the last bytes of a window,
 * through dramsim3_next. The records are those dramsim3_next would give.
 */
static int dramsim3_next_batch(lg_dtrace *t, void *state, lg_dtrace_rec *r, int max,
			       int *status, lg_err *e)
{
	dramsim3_state *s = state;
	int n = 0, rc;

	*status = 1;
	while (n < max) {
		const char *p;
		size_t avail = lg_lines_peek(s->lines, &p), off = 0;
		uint64_t no = lg_lines_lineno(s->lines), prev = s->prev_time;
		uint64_t pl = s->prev_line;
		int n0 = n;

		while (n < max && avail - off >= DTR_FAST_WINDOW) {
			lg_dtrace_rec *x = &r[n];
			size_t len = fast_line(p + off, x);

			/* an order error (after a first record): dramsim3_next reports it */
			if (!len || (x->time < prev && pl))
				break;
			prev = x->time;
			pl = no + 1;
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
		rc = dramsim3_next(t, s, &r[n], e);
		if (rc <= 0) {
			*status = rc;
			break;
		}
		n++;
	}
	return n;
}

/* A line is ours if it starts with a hex address and READ or WRITE. */
static bool dramsim3_probe(const char *head, size_t n)
{
	char buf[128];
	const char *p = buf;
	uint64_t addr;
	uint8_t op;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, head, n);
	buf[n] = '\0';
	if (parse_addr(&p, &addr) == DTR_NODIGITS)
		return false;
	/* An address too big still tells the format; next() reports it. */
	while (!dtr_tok_end(*p))
		p++;
	p = dtr_skip_blank(p);
	return parse_type(&p, &op) == 0;
}

/* Per-file state: the line stream and the previous cycle. */
static int dramsim3_open(lg_dtrace *t, void **state, lg_err *e)
{
	dramsim3_state *s = calloc(1, sizeof(*s));

	if (!s)
		return lg_errf(e, lg_lines_path(lg_dtrace_lines(t)), 0, "out of memory");
	s->lines = lg_dtrace_lines(t);
	*state = s;
	return 0;
}

/* Free what dramsim3_open allocated. */
static void dramsim3_close(void *state)
{
	free(state);
}

const lg_dtrace_reader lg_dtr_dramsim3 = {
	.name = "dramsim3",
	.doc = "[0x]<address> READ|WRITE <cycle> (DRAMsim3 TraceBasedCPU)",
	.probe = dramsim3_probe,
	.open = dramsim3_open,
	.next = dramsim3_next,
	.close = dramsim3_close,
	.next_batch = dramsim3_next_batch,
};
