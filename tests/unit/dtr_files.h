/*
 * Helpers for the DRAM trace reader tests (5xx): write a trace to a fresh
 * temporary file, plain or gzip-compressed, and read a whole trace back.
 */
#ifndef LG_DTR_FILES_H
#define LG_DTR_FILES_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "lg_check.h"
#include "trace/dtrace.h"

/* A per-process temporary path "/tmp/lg-dtr-<pid>-<tag>". */
static inline const char *dtr_tmp(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "/tmp/lg-dtr-%d-%s", (int)getpid(), tag);
	return buf;
}

/* Write n bytes of text to path, plain. */
static inline void dtr_write_plain(const char *path, const char *text, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	fclose(f);
}

/* Write n bytes of text to path, gzip-compressed. */
static inline void dtr_write_gz(const char *path, const char *text, size_t n)
{
	gzFile g = gzopen(path, "wb6");

	ck_assert_ptr_nonnull(g);
	if (n)
		ck_assert_int_eq(gzwrite(g, text, (unsigned)n), (int)n);
	ck_assert_int_eq(gzclose(g), Z_OK);
}

/*
 * Read the whole trace at path with format fmt into recs (at most max).
 * Returns the last lg_dtrace_next() status (0 clean end, -1 error) or -2
 * if open failed; *n gets the number of records read, e the message.
 */
static inline int dtr_read_all(const char *path, const char *fmt, lg_dtrace_rec *recs,
			       size_t max, size_t *n, lg_err *e, char *format_out)
{
	lg_dtrace *t = lg_dtrace_open(path, fmt, e);
	lg_dtrace_rec r;
	int rc;

	*n = 0;
	if (!t)
		return -2;
	if (format_out)
		strcpy(format_out, lg_dtrace_format(t));
	while ((rc = lg_dtrace_next(t, &r, e)) == 1) {
		if (*n < max)
			recs[*n] = r;
		(*n)++;
	}
	lg_dtrace_close(t);
	return rc;
}

#endif
