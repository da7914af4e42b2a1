/*
 * lg_field: strict unsigned numbers in the line formats of recordings
 * (tracker and arbiter replays). strtoull and sscanf's %llu accept "-1"
 * and wrap it, and stop silently at a stray character; this does not.
 */
#ifndef LG_FIELD_H
#define LG_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The digits of base 10 or 16 at *pp (no prefix, no sign), at most 64
 * bits: true with *v set and *pp past them; false when there are none or
 * they overflow. What follows is the caller's to check. */
bool lg_field_scan_u64(const char **pp, unsigned base, uint64_t *v);

/* *p past blanks (and the line end, so a final field may end the line). */
const char *lg_field_skip(const char *p);

/*
 * The field at *pp (after blanks): digits of base 10 or 16 (0x optional),
 * ended by a blank or the end of the string, of at most width bits.
 * 0 with *v set and *pp past it; -1 with "expected NAME" or "expected
 * NAME below 2^W, got X" (X in the field's base) in what[n].
 */
int lg_field_u64(const char **pp, unsigned base, unsigned width, const char *name, uint64_t *v,
		 char *what, size_t n);

#endif
