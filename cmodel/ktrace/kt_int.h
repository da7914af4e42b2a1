/*
 * Internals shared by the kernel-trace files: the byte source (plain, gzip
 * through zlib, xz through liblzma; streamed with one fixed buffer), the
 * reader object with its back-end table, and varint helpers.
 */
#ifndef LG_KT_INT_H
#define LG_KT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ktrace/ktrace.h"

#ifndef LG_FUZZING
#define KT_BUF (1u << 20)     /* source buffer; also the longest text line */
#else
#define KT_BUF (1u << 16)     /* fuzz builds (tests/fuzz): no mmap per open under ASan */
#endif
#define KT_PATH 1024

/* ---- byte source ---- */
typedef struct kt_src kt_src;

/* Open path; gzip and xz are recognised by their magic bytes. */
kt_src *kt_src_open(const char *path, lg_err *e);
void kt_src_close(kt_src *s);
/* Make at least n bytes visible if the file has them, without consuming;
 * returns the count available at *p (may exceed n; less only at the end). */
size_t kt_src_peek(kt_src *s, const char **p, size_t n, lg_err *e, int *err);
/* Consume n bytes (at most what peek returned). */
void kt_src_skip(kt_src *s, size_t n);
/* Read exactly n bytes: 1 ok, 0 clean end before the first byte, -1 error
 * (e set; a partial read is "truncated"). */
int kt_src_read(kt_src *s, void *buf, size_t n, lg_err *e);
/* Next line without its newline, NUL-terminated, in the source's buffer
 * (valid until the next call). 1 ok, 0 end, -1 error. */
int kt_src_line(kt_src *s, char **line, size_t *len, lg_err *e);
/* Binary readers: set the number reported by errors (as "last line", so a
 * failure while reading record n+1 names n+1). */
void kt_src_set_lineno(kt_src *s, long n);
/* Line number of the last line returned. */
long kt_src_lineno(const kt_src *s);
const char *kt_src_path(const kt_src *s);

/* ---- reader ---- */
typedef struct kt_backend {
	const char *name;
	bool (*probe)(const char *head, size_t n);
	int (*open)(lg_kt_reader *r, lg_err *e);
	int (*next)(lg_kt_reader *r, lg_err *e);
	void (*close)(lg_kt_reader *r);
} kt_backend;

struct lg_kt_reader {
	const kt_backend *be;
	void *st;                 /* back-end state */
	char path[KT_PATH];
	lg_kt_optab *ops;
	lg_kt_kernel kern;        /* kern.name is malloc'd, owned here */
	lg_kt_warp warp;
	lg_kt_meta tmeta;
	uint64_t mc_addr, mc_bytes;
	size_t peak;
	uint64_t unknown;
	char unknown_where[KT_PATH + 32];
};

extern const kt_backend kt_backend_lgt, kt_backend_text, kt_backend_accelsim;

/* Replace r->kern.name with a copy of s (len bytes). -1 on allocation failure. */
int kt_set_name(lg_kt_reader *r, const char *s, size_t len);
/* Note an unclassified opcode at file:line (for the fallback warning). */
void kt_note_unknown(lg_kt_reader *r, const char *file, long line);

/* ---- text records (kt_text.c), shared by lgt-text and accelsim ---- */
typedef struct kt_txt kt_txt;
/* Parser over one open source; accelsim = per-file Accel-Sim rules (one
 * kernel, old line format when tracer version < 3), else lgt-text. */
kt_txt *kt_txt_create(kt_src *src, bool accelsim);
void kt_txt_destroy(kt_txt *t);
/* Next event from this source (lg_kt_ev), 0 at end, -1 error. */
int kt_txt_next(kt_txt *t, lg_kt_reader *r, lg_err *e);
/* Parse one instruction line into w. */
int kt_parse_insn(lg_kt_reader *r, lg_kt_warp *w, char *line, bool oldfmt,
		  bool lineinfo, const char *file, long lineno, lg_err *e);
/* Format one instruction as a text line (no newline) into buf; length. */
size_t kt_format_insn(const lg_kt_optab *ops, const lg_kt_warp *w,
		      const lg_kt_insn *in, bool lineinfo, char *buf, size_t cap);

/* Clear the fields of a fresh instruction slot that decoders may not set. */
static inline lg_kt_insn *kt_insn_init(lg_kt_insn *in)
{
	in->base = 0;
	in->stride = 0; /* and aoff */
	in->line = 0;
	in->imm = 0;
	in->ndst = in->nsrc = 0;
	in->amode = LG_KT_AMODE_NONE;
	return in;
}

/* lg_kt_warp_push with the common case (room left) inlined, for decoders. */
static inline lg_kt_insn *kt_warp_push(lg_kt_warp *w)
{
	if (w->n == w->cap)
		return lg_kt_warp_push(w);
	return kt_insn_init(&w->insn[w->n++]);
}

/* ---- varints ---- */
static inline uint64_t kt_zz(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static inline int64_t kt_unzz(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static inline uint8_t *kt_put_var(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

/* Decode a varint from [*p, end); false if it runs past end or is too long. */
static inline bool kt_get_var(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t x = 0;
	unsigned sh = 0;
	const uint8_t *q = *p;

	while (q < end && sh < 64) {
		uint8_t b = *q++;

		x |= (uint64_t)(b & 0x7f) << sh;
		if (!(b & 0x80)) {
			*v = x;
			*p = q;
			return true;
		}
		sh += 7;
	}
	return false;
}

#endif
