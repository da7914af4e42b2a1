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
};
