/*
 * dtr_int.h: what the DRAM trace readers (trace/dtr_*.c) share with
 * trace/dtrace.c and with each other. Not for use outside cmodel/trace/.
 *
 * Tokens: fields are separated by runs of blanks (space, tab). A '#' ends a
 * token and starts a comment that runs to the end of the line. The helpers
 * below scan a NUL-terminated line in place; they are static inline because
 * they sit on the hot path of trace replay (a few ns per field).
 */
#ifndef LG_DTR_INT_H
#define LG_DTR_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "trace/dtrace.h"
#include "trace/lines.h"

/* The readers, one file each; listed in the explicit array in dtrace.c. */
extern const lg_dtrace_reader lg_dtr_text;      /* dtr_text.c */
extern const lg_dtrace_reader lg_dtr_dramsim3;  /* dtr_dramsim3.c */
extern const lg_dtrace_reader lg_dtr_ramulator; /* dtr_ramulator.c */

/* The line stream of an open trace, for a reader's open() and next(). */
lg_lines *lg_dtrace_lines(lg_dtrace *t);

/* Longest token echoed back in an error message. */
#define DTR_ECHO 40

/* Whether c separates fields (space or tab). */
static inline bool dtr_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether c ends a token: blank, comment or end of line. */
static inline bool dtr_tok_end(char c)
{
	return c == ' ' || c == '\t' || c == '#' || c == '\0';
}

/* p moved past any blanks. */
static inline const char *dtr_skip_blank(const char *p)
{
	while (dtr_blank(*p))
		p++;
	return p;
}

/* Whether nothing but blanks and a comment is left at p. */
static inline bool dtr_at_end(const char *p)
{
	p = dtr_skip_blank(p);
	return *p == '\0' || *p == '#';
}

/* Length of the token at p (for echoing it in messages). */
static inline int dtr_tok_len(const char *p)
{
	int n = 0;

	while (!dtr_tok_end(p[n]) && n < DTR_ECHO)
		n++;
	return n;
}

/* Value of each byte as a hex digit, or DTR_NOTHEX (table in dtrace.c). */
#define DTR_NOTHEX 0xff
extern const uint8_t dtr_hex_tab[256];

/* Result of the number scanners below. */
enum { DTR_OK = 0, DTR_NODIGITS = -1, DTR_OVERFLOW = -2 };

/*
 * Hex digits at *pp (no prefix) into *v; *pp moves past them. DTR_NODIGITS
 * if there is none, DTR_OVERFLOW if the value needs more than 64 bits
 * (more than 16 digits after leading zeros).
 */
static inline int dtr_scan_hex(const char **pp, uint64_t *v)
{
	const unsigned char *p = (const unsigned char *)*pp, *sig;
	uint64_t x = 0;
	unsigned d;

	if (dtr_hex_tab[*p] == DTR_NOTHEX)
		return DTR_NODIGITS;
	while (*p == '0')
		p++;
	sig = p;
	while ((d = dtr_hex_tab[*p]) != DTR_NOTHEX) {
		x = (x << 4) | d;
		p++;
	}
	if (p - sig > 16)
		return DTR_OVERFLOW;
	*pp = (const char *)p;
	*v = x;
	return DTR_OK;
}

/* Decimal digits at *pp into *v; as dtr_scan_hex. */
static inline int dtr_scan_dec(const char **pp, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;

	if (*p < '0' || *p > '9')
		return DTR_NODIGITS;
	while (*p >= '0' && *p <= '9') {
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*p - '0'), &x))
			return DTR_OVERFLOW;
		p++;
	}
	*pp = p;
	*v = x;
	return DTR_OK;
}

/* Whether the token at p is exactly word (case-sensitive). */
static inline bool dtr_tok_is(const char *p, const char *word)
{
	while (*word)
		if (*p++ != *word++)
			return false;
	return dtr_tok_end(*p);
}

/*
 * "FILE:LINE: msg, got 'TOKEN'" for the line last read, with the offending
 * token at p echoed (or "got end of line" when there is none).
 */
int dtr_err_tok(lg_dtrace *t, lg_err *e, const char *p, const char *msg);

/* "FILE:LINE: msg" for the line last read. */
int dtr_err(lg_dtrace *t, lg_err *e, const char *msg);

/*
 * Skip blank lines and '#' comment lines. 1 with *line at the first
 * non-blank character of a line that holds a record and *no its number,
 * 0 at the end, -1 on error (from lg_lines).
 */
static inline int dtr_next_record_line(lg_lines *l, const char **line, uint64_t *no,
				       lg_err *e)
{
	lg_line ln;
	int rc;

	for (;;) {
		rc = lg_lines_next(l, &ln, e);
		if (rc <= 0)
			return rc;
		*line = dtr_skip_blank(ln.s);
		if (**line != '\0' && **line != '#') {
			*no = ln.no;
			return 1;
		}
	}
}

/* The error of dtr_check_order (out of line: not on the hot path). */
int dtr_err_order(lg_dtrace *t, const lg_dtrace_rec *r, uint64_t prev,
		  uint64_t prev_line, lg_err *e);

/*
 * Times must not decrease. Keeps the previous record's time and line in
 * *prev and *prev_line (0 before the first record); -1 with the message if
 * r->time is earlier.
 */
static inline int dtr_check_order(lg_dtrace *t, const lg_dtrace_rec *r, uint64_t *prev,
				  uint64_t *prev_line, lg_err *e)
{
	if (r->time < *prev && *prev_line)
		return dtr_err_order(t, r, *prev, *prev_line, e);
	*prev = r->time;
	*prev_line = r->line;
	return 0;
}

#endif
