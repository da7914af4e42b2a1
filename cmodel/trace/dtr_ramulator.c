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
};
