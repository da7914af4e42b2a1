/*
 * Reader "ramulator": Ramulator 2's LoadStoreTrace front-end format.
 *
 *   record  := kind address                       (fields split by blanks)
 *   kind    := "LD" | "ST"                        load = read, store = write
 *   address := ("0x" | "0X") HEXDIGITS            at most 64 bits
 *            | DIGITS                             decimal, at most 64 bits
 *
 * The trace is untimed: each request is issued as soon as the controller
 * accepts it (LG_DTT_NONE). Ramulator 2 splits the line on single spaces,
 * wants exactly two fields, and converts the address with std::stoll (hex
 * after a 0x/0X prefix, else decimal). Here any run of blanks separates the
 * fields; blank lines and '#' comments are an lgsim extension; trailing text
 * that stoll would silently ignore ("0x40zz") is an error, and addresses may
 * use all 64 bits. Example: "LD 0x1f40", "ST 8000".
 */
#include <string.h>

#include "trace/dtr_int.h"

/* Parse a hex (0x/0X) or decimal address: 0 or a DTR_* code. */
static int parse_addr(const char **pp, uint64_t *addr)
{
	const char *p = *pp;
	int rc;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		rc = dtr_scan_hex(&p, addr);
	} else {
		rc = dtr_scan_dec(&p, addr);
	}
	if (rc == DTR_OK && !dtr_tok_end(*p))
		rc = DTR_NODIGITS;
	if (rc == DTR_OK)
		*pp = p;
	return rc;
}

/* One 'LD|ST <address>' record, untimed (contract in dtrace.h). */
static int ramulator_next(lg_dtrace *t, void *state, lg_dtrace_rec *r, lg_err *e)
{
	const char *p;
	int rc = dtr_next_record_line(lg_dtrace_lines(t), &p, &r->line, e);

	(void)state;
	if (rc <= 0)
		return rc;
	if (dtr_tok_is(p, "LD"))
		r->op = LG_OP_RD;
	else if (dtr_tok_is(p, "ST"))
		r->op = LG_OP_WR;
	else
		return dtr_err_tok(t, e, p, "expected LD or ST");
	p = dtr_skip_blank(p + 2);
	rc = parse_addr(&p, &r->addr);
	if (rc == DTR_OVERFLOW)
		return dtr_err_tok(t, e, p, "address does not fit in 64 bits");
	if (rc != DTR_OK)
		return dtr_err_tok(t, e, p, "expected <address> as hex with a 0x prefix or decimal");
	if (!dtr_at_end(p))
		return dtr_err_tok(t, e, dtr_skip_blank(p),
				   "expected end of line after 'LD|ST <address>'");
	r->time = 0;
	r->time_unit = LG_DTT_NONE;
	r->dtype = LG_DT_NONE;
	r->size = 0;
	return 1;
}

/*
 * Fast path of ramulator_next_batch: the common line "LD|ST 0x<hex>\n"
 * (one space, at most 16 digits, no comment, no '\r') straight from the
 * line buffer, which has DTR_FAST_WINDOW readable bytes (the scans read at
 * most 29). Fills op and addr and returns the bytes taken with the
 * newline, or 0 for any other line (ramulator_next parses those).
 */
static inline size_t fast_line(const char *p0, lg_dtrace_rec *r)
{
	const unsigned char *p = (const unsigned char *)p0;
	uint64_t a;
	unsigned n;

	if ((p[0] != 'L' || p[1] != 'D') && (p[0] != 'S' || p[1] != 'T'))
		return 0;
	if (p[2] != ' ' || p[3] != '0' || (p[4] != 'x' && p[4] != 'X'))
		return 0;
	n = dtr_hex16(p + 5, &a);
	if (n == 0 || p[5 + n] != '\n')
		return 0;
	r->op = p[0] == 'L' ? LG_OP_RD : LG_OP_WR;
	r->addr = a;
	return 6 + n;
}

/*
 * Up to max records (reader contract in dtrace.h): common lines through
 * fast_line, many per lg_lines_peek window; any other line, and the last
 * bytes of a window, through ramulator_next.
 */
static int ramulator_next_batch(lg_dtrace *t, void *state, lg_dtrace_rec *r, int max,
				int *status, lg_err *e)
{
	lg_lines *l = lg_dtrace_lines(t);
	int n = 0, rc;

	*status = 1;
	while (n < max) {
		const char *p;
		size_t avail = lg_lines_peek(l, &p), off = 0;
		uint64_t no = lg_lines_lineno(l);
		int n0 = n;

		while (n < max && avail - off >= DTR_FAST_WINDOW) {
			lg_dtrace_rec *x = &r[n];
			size_t len = fast_line(p + off, x);

			if (!len)
				break;
			x->time = 0;
			x->time_unit = LG_DTT_NONE;
			x->dtype = LG_DT_NONE;
			x->size = 0;
			x->line = ++no;
			off += len;
			n++;
		}
		if (n > n0)
			lg_lines_consume(l, off, (uint64_t)(n - n0));
		if (n == max)
			break;
		rc = ramulator_next(t, state, &r[n], e);
		if (rc <= 0) {
			*status = rc;
			break;
		}
		n++;
	}
	return n;
}

/* A line is ours if its first field is LD or ST. */
static bool ramulator_probe(const char *head, size_t n)
{
	return n >= 2 && (!strncmp(head, "LD", 2) || !strncmp(head, "ST", 2)) &&
	       (n == 2 || dtr_tok_end(head[2]));
}

const lg_dtrace_reader lg_dtr_ramulator = {
	.name = "ramulator",
	.doc = "LD|ST <address> (Ramulator 2 LoadStoreTrace; untimed)",
	.probe = ramulator_probe,
	.open = NULL,
	.next = ramulator_next,
	.close = NULL,
	.next_batch = ramulator_next_batch,
};
