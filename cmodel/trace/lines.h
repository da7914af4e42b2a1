/*
 * lg_lines: a streaming line reader over zlib, for trace files.
 *
 * The file is opened with gzopen(), which reads gzip data (recognised by its
 * magic bytes 1f 8b, whatever the file is called) and plain text alike.
 * Decompressed bytes go into one large buffer owned by the reader; a line is
 * handed out as a pointer into that buffer, NUL-terminated in place, with
 * the newline (and a '\r' before it) removed. Nothing is allocated per line
 * and the file is never loaded whole, so memory stays bounded whatever the
 * trace length.
 *
 * Limits and errors (one line "FILE:LINE: ..." each):
 *  - a line longer than LG_LINES_MAX characters is rejected;
 *  - a gzip stream that ends early (truncated file) or fails its checks
 *    (corrupt data, bad CRC) is "truncated or corrupt gzip stream": it never
 *    looks like a clean end of file;
 *  - a NUL byte inside a line is rejected (binary file given as a trace).
 * A last line without a final newline is accepted.
 */
#ifndef LG_LINES_H
#define LG_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lg_err.h"

#define LG_LINES_MAX 4096 /* longest accepted line, in characters */

typedef struct lg_lines lg_lines;

/* Open path for reading (plain or gzip). NULL with e set on failure. */
lg_lines *lg_lines_open(const char *path, lg_err *e);

/* One line as handed out: valid until the next lg_lines_next(). */
typedef struct lg_line {
	char *s;          /* NUL-terminated, without the newline */
	size_t len;       /* strlen(s) */
	uint64_t no;      /* 1-based line number */
} lg_line;

/* Next line: 1 with *ln filled, 0 at a clean end of file, -1 with e set. */
int lg_lines_next(lg_lines *l, lg_line *ln, lg_err *e);

/*
 * Hand the line just returned back: the next lg_lines_next() returns it
 * again, with the same number. Used to look at the first line before the
 * reader that will parse it is chosen. Only one line can be handed back.
 */
void lg_lines_unget(lg_lines *l);

/*
 * Bulk access for fast parsers: *p gets the bytes not yet handed out that
 * are known to hold no NUL byte; returns how many (0 after lg_lines_unget
 * or when the buffer needs a refill: use lg_lines_next then). The bytes
 * are not NUL-terminated and may end inside a line. A parser that takes
 * whole lines from them reports what it took with lg_lines_consume.
 */
size_t lg_lines_peek(const lg_lines *l, const char **p);

/*
 * Mark bytes of the lg_lines_peek window, holding nlines whole lines
 * (each with its '\n'), as handed out. lg_lines_unget then has no line to
 * hand back until the next lg_lines_next.
 */
void lg_lines_consume(lg_lines *l, size_t bytes, uint64_t nlines);

/* Number (1-based) of the line last returned; 0 before the first. */
uint64_t lg_lines_lineno(const lg_lines *l);

/* The path given to lg_lines_open, for messages. */
const char *lg_lines_path(const lg_lines *l);

/* Whether the file is gzip-compressed (by its magic, not its name). */
bool lg_lines_is_gzip(const lg_lines *l);

void lg_lines_close(lg_lines *l);

#endif
