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
#include <string.h>

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

/* dtr_hex8 reads 8 bytes as one little-endian word. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "dtr_hex8 assumes a little-endian host");

/* x with every byte set to b. */
#define DTR_REP8(b) (0x0101010101010101ull * (uint8_t)(b))

/* Per byte of w (each < 0x80): 0x80 where lo <= byte <= hi, else 0. */
static inline uint64_t dtr_swar_in(uint64_t w, unsigned lo, unsigned hi)
{
	return (w + DTR_REP8(0x80 - lo)) & ~(w + DTR_REP8(0x7f - hi)) & DTR_REP8(0x80);
}

/*
 * The hex digits at the start of the 8 bytes at p, eight at a time: *v
 * gets their value, the return is how many there are (0..8). A byte of
 * 0x80 or more counts as a non-digit. Per byte, the digit value is
 * (byte & 15) + 9 for letters (bit 6 set); the values are then put in
 * reading order (bswap) and packed into nibbles.
 */
static inline unsigned dtr_hex8(const unsigned char *p, uint64_t *v)
{
	uint64_t w, bad, x;
	unsigned n;

	memcpy(&w, p, sizeof(w)); /* little-endian: p[0] is the low byte */
	bad = ~(dtr_swar_in(w, '0', '9') | dtr_swar_in(w | DTR_REP8(0x20), 'a', 'f')) & DTR_REP8(0x80);
	bad |= w & DTR_REP8(0x80);
	n = bad ? (unsigned)__builtin_ctzll(bad) / 8 : 8;
	if (n == 0)
		return 0;
	x = (w & DTR_REP8(0x0f)) + 9 * ((w >> 6) & DTR_REP8(0x01));
	x = __builtin_bswap64(x) >> (8 * (8 - n)); /* byte i = digit n - 1 - i */
	x = (x | (x >> 4)) & 0x00ff00ff00ff00ffull;
	x = (x | (x >> 8)) & 0x0000ffff0000ffffull;
	*v = (x | (x >> 16)) & 0xffffffffull;
	return n;
}

/*
 * The hex digits at p (no prefix), up to 16, read 8 at a time with
 * dtr_hex8: *a gets their value, the return is how many (0 if none, or if
 * a 17th follows: too many for 64 bits). p needs 24 readable bytes.
 */
static inline unsigned dtr_hex16(const unsigned char *p, uint64_t *a)
{
	uint64_t lo;
	unsigned n = dtr_hex8(p, a), m;

	if (n == 8 && dtr_hex_tab[p[8]] != DTR_NOTHEX) { /* up to 8 more; a 17th is too many */
		m = dtr_hex8(p + 8, &lo);
		if (m == 8 && dtr_hex_tab[p[16]] != DTR_NOTHEX)
			return 0;
		if (m)
			*a = (*a << (4 * m)) | lo;
		n += m;
	}
	return n;
}

/* Bytes a fast-path line parser may read past a line start (see dtr_text.c). */
#define DTR_FAST_WINDOW 64

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
