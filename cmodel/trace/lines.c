/*
 * lg_lines: streaming line reader over zlib (see lines.h for the contract).
 *
 * Buffer layout: buf[pos, end) holds decompressed bytes not yet handed out.
 * A line is found with memchr; when no newline is left, the partial line is
 * moved to the front and the rest of the buffer is refilled with gzread().
 * buf has one spare byte past its capacity so that a last line without a
 * newline can still be NUL-terminated in place.
 *
 * End of file: gzread() returns 0 both at a clean end and when the
 * compressed input ran out in the middle of a gzip member. zlib tells them
 * apart only through gzerror(): Z_BUF_ERROR ("unexpected end of file") means
 * truncated. A failed CRC or corrupt deflate data make gzread() return -1.
 */
#include "trace/lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#ifndef LG_FUZZING
#define LINES_BUF (1u << 20)   /* decompressed bytes held at once */
#define LINES_GZBUF (1u << 17) /* zlib's own input buffer */
#else /* fuzz builds (tests/fuzz): many refills, no mmap per open under ASan */
#define LINES_BUF (1u << 14)
#define LINES_GZBUF (1u << 12)
#endif

struct lg_lines {
	gzFile gz;
	char *path;
	char *buf;        /* LINES_BUF + 1 bytes */
	size_t pos;       /* first byte not yet handed out */
	size_t end;       /* one past the last valid byte */
	bool eof;         /* gzread() has returned 0 */
	bool gzip;        /* input is gzip, not plain text */
	bool ungot;       /* next call returns last again */
	size_t nul;       /* offset of the first NUL in buf[pos, end), or SIZE_MAX */
	lg_line last;     /* line last returned */
	uint64_t lineno;  /* number of the line last returned */
};

/* Fail with "path: what" when the file itself cannot be used. */
static lg_lines *open_fail(lg_lines *l, const char *path, lg_err *e, const char *what)
{
	lg_errf(e, path, 0, "%s", what);
	lg_lines_close(l);
	return NULL;
}

/* Open path through zlib with a 1 MiB line buffer (see lines.h). */
lg_lines *lg_lines_open(const char *path, lg_err *e)
{
	lg_lines *l;
	struct stat st;

	if (stat(path, &st) != 0)
		return open_fail(NULL, path, e, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return open_fail(NULL, path, e, "is a directory, expected a trace file");
	l = calloc(1, sizeof(*l));
	if (!l)
		return open_fail(NULL, path, e, "out of memory");
	l->path = strdup(path);
	l->buf = malloc(LINES_BUF + 1);
	if (!l->path || !l->buf)
		return open_fail(l, path, e, "out of memory");
	l->gz = gzopen(path, "rb");
	if (!l->gz)
		return open_fail(l, path, e, errno ? strerror(errno) : "cannot open");
	gzbuffer(l->gz, LINES_GZBUF);
	l->nul = SIZE_MAX;
	l->gzip = gzdirect(l->gz) == 0;
	return l;
}

/* Error for the line being read (the one after the last returned). */
static int line_err(lg_lines *l, lg_err *e, const char *what)
{
	return lg_errf(e, l->path, (long)(l->lineno + 1), "%s", what);
}

/*
 * Move the unread tail to the front and read more. 0 on success (l->eof set
 * when nothing more comes), -1 on a read error or a truncated gzip stream.
 */
static int refill(lg_lines *l, lg_err *e)
{
	size_t tail = l->end - l->pos;
	int n, zerr;

	if (l->pos > 0 && tail > 0)
		memmove(l->buf, l->buf + l->pos, tail);
	if (l->nul != SIZE_MAX)
		l->nul -= l->pos;
	l->pos = 0;
	l->end = tail;
	n = gzread(l->gz, l->buf + tail, (unsigned)(LINES_BUF - tail));
	if (n > 0) {
		/* Look for NUL bytes once per refill, not once per line. */
		char *z = memchr(l->buf + tail, '\0', (size_t)n);

		if (z && l->nul == SIZE_MAX)
			l->nul = (size_t)(z - l->buf);
		l->end += (size_t)n;
		return 0;
	}
	if (n < 0) {
		gzerror(l->gz, &zerr);
		if (zerr == Z_ERRNO)
			return line_err(l, e, strerror(errno));
		return line_err(l, e, "truncated or corrupt gzip stream");
	}
	gzerror(l->gz, &zerr);
	if (zerr == Z_BUF_ERROR || zerr == Z_DATA_ERROR)
		return line_err(l, e, "truncated or corrupt gzip stream");
	if (zerr != Z_OK)
		return line_err(l, e, "read error");
	l->eof = true;
	return 0;
}

/* Hand out buf[pos, pos+len) as the next line, NUL-terminated in place. */
static inline int take(lg_lines *l, size_t len, lg_line *ln, lg_err *e)
{
	char *p = l->buf + l->pos;

	if (len > LG_LINES_MAX)
		return line_err(l, e, "line longer than 4096 characters");
	if (l->nul < l->pos + len)
		return line_err(l, e, "NUL byte in line: not a text trace");
	l->pos += len + 1;
	if (len > 0 && p[len - 1] == '\r')
		len--;
	p[len] = '\0';
	ln->s = p;
	ln->len = len;
	ln->no = ++l->lineno;
	l->last = *ln;
	return 1;
}

/* Next line from the buffer, refilling it when no newline is left. */
int lg_lines_next(lg_lines *l, lg_line *ln, lg_err *e)
{
	for (;;) {
		size_t avail = l->end - l->pos;
		char *nl;

		if (l->ungot) {
			l->ungot = false;
			l->lineno++;
			*ln = l->last;
			return 1;
		}
		nl = memchr(l->buf + l->pos, '\n', avail);
		if (nl)
			return take(l, (size_t)(nl - (l->buf + l->pos)), ln, e);
		if (avail > LG_LINES_MAX)
			return line_err(l, e, "line longer than 4096 characters");
		if (l->eof) {
			if (avail == 0)
				return 0;
			/* Last line without a newline: take() writes the NUL at
			 * buf[end], the spare byte, and consumes one byte more. */
			l->end++;
			return take(l, avail, ln, e);
		}
		if (refill(l, e) < 0)
			return -1;
	}
}

/* Hand the last line back (see lines.h). */
void lg_lines_unget(lg_lines *l)
{
	if (l->last.s && !l->ungot) {
		l->ungot = true;
		l->lineno--;
	}
}

/* The unread bytes before the first NUL, for bulk parsers (see lines.h). */
size_t lg_lines_peek(const lg_lines *l, const char **p)
{
	size_t stop = l->nul < l->end ? l->nul : l->end;

	*p = l->buf + l->pos;
	if (l->ungot || stop < l->pos)
		return 0;
	return stop - l->pos;
}

/* Lines a bulk parser took from the lg_lines_peek window (see lines.h). */
void lg_lines_consume(lg_lines *l, size_t bytes, uint64_t nlines)
{
	l->pos += bytes;
	l->lineno += nlines;
	if (nlines)
		l->last.s = NULL;
}

/* Accessors (see lines.h). */
uint64_t lg_lines_lineno(const lg_lines *l)
{
	return l->lineno;
}

const char *lg_lines_path(const lg_lines *l)
{
	return l->path;
}

bool lg_lines_is_gzip(const lg_lines *l)
{
	return l->gzip;
}

/* Close the zlib stream and free the buffer. */
void lg_lines_close(lg_lines *l)
{
	if (!l)
		return;
	if (l->gz)
		gzclose(l->gz);
	free(l->buf);
	free(l->path);
	free(l);
}
