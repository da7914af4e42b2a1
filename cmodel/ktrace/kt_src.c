/*
 * kt_src: a streamed byte source for trace files.
 *
 * Plain and gzip files go through zlib's gzread (which passes plain files
 * through); files starting with the xz magic (FD 37 7A 58 5A 00) go through
 * liblzma's stream decoder. Either way one fixed buffer of KT_BUF bytes
 * holds decompressed data, so memory does not grow with the file. A gzip or
 * xz stream that ends early is an error ("truncated"), not a clean end.
 */
#include "ktrace/kt_int.h"

#include <errno.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define XZ_IN 65536
/* Bytes decompressed per fill at most, and by the first fill: the fills
 * double from FILL0 to FILL, so a probe of the first bytes decompresses
 * little more than it looks at. */
#define FILL (KT_BUF < 65536 ? KT_BUF : 65536u)
#define FILL0 4096u

struct kt_src {
	char path[KT_PATH];
	gzFile gz;          /* plain or gzip */
	FILE *xf;           /* xz input file */
	lzma_stream xz;
	bool xz_end;
	uint8_t *xin;
	char *buf;          /* KT_BUF + 1 bytes (room for a NUL) */
	size_t pos, len;
	size_t fill;        /* bytes the next fill decompresses at most */
	bool eof;
	long lineno;
};

/* zlib's message for the last error, without the "path: " it puts first. */
static const char *gz_msg(kt_src *s, int *zerr)
{
	const char *m = gzerror(s->gz, zerr);
	size_t l = strlen(s->path);

	if (!strncmp(m, s->path, l) && m[l] == ':' && m[l + 1] == ' ')
		m += l + 2;
	return m;
}

/* Append decompressed bytes from zlib; a short gzip stream is an error. */
static int src_fill_gz(kt_src *s, lg_err *e)
{
	size_t room = KT_BUF - s->len;
	int n = gzread(s->gz, s->buf + s->len, (unsigned)(room < s->fill ? room : s->fill));
	int zerr;
	const char *msg;

	if (n < 0) {
		msg = gz_msg(s, &zerr);
		return lg_errf(e, s->path, s->lineno + 1, "corrupt compressed data (%s)", msg);
	}
	if (n == 0) {
		msg = gz_msg(s, &zerr);
		if (zerr != Z_OK)
			return lg_errf(e, s->path, s->lineno + 1, "truncated compressed file (%s)", msg);
		s->eof = true;
	}
	s->len += (size_t)n;
	return 0;
}

/* Append decompressed bytes from liblzma; a short xz stream is an error. */
static int src_fill_xz(kt_src *s, lg_err *e)
{
	lzma_ret ret;

	if (s->xz_end) {
		s->eof = true;
		return 0;
	}
	s->xz.next_out = (uint8_t *)s->buf + s->len;
	s->xz.avail_out = KT_BUF - s->len < s->fill ? KT_BUF - s->len : s->fill;
	while (s->xz.avail_out > 0) {
		lzma_action act = LZMA_RUN;

		if (s->xz.avail_in == 0 && !feof(s->xf)) {
			s->xz.next_in = s->xin;
			s->xz.avail_in = fread(s->xin, 1, XZ_IN, s->xf);
			if (ferror(s->xf))
				return lg_errf(e, s->path, 0, "read error");
		}
		if (feof(s->xf))
			act = LZMA_FINISH;
		ret = lzma_code(&s->xz, act);
		if (ret == LZMA_STREAM_END) {
			s->xz_end = true;
			break;
		}
		if (ret != LZMA_OK) {
			if (ret == LZMA_BUF_ERROR)
				return lg_errf(e, s->path, s->lineno + 1, "truncated xz file");
			return lg_errf(e, s->path, s->lineno + 1, "corrupt xz data (lzma error %d)", (int)ret);
		}
	}
	s->len = (size_t)((char *)s->xz.next_out - s->buf);
	if (s->len == 0 && s->xz_end)
		s->eof = true;
	return 0;
}

/* Move unread bytes to the front and read more. */
static int src_fill(kt_src *s, lg_err *e)
{
	int rc;

	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->pos = 0;
	}
	if (s->eof || s->len >= KT_BUF)
		return 0;
	rc = s->xf ? src_fill_xz(s, e) : src_fill_gz(s, e);
	if (s->fill < FILL)
		s->fill *= 2;
	return rc;
}

/* Whether path starts with the xz magic. */
static bool is_xz(const char *path)
{
	static const uint8_t magic[6] = { 0xFD, '7', 'z', 'X', 'Z', 0 };
	uint8_t b[6] = { 0 };
	FILE *f = fopen(path, "rb");
	bool r;

	if (!f)
		return false;
	r = fread(b, 1, 6, f) == 6 && !memcmp(b, magic, 6);
	fclose(f);
	return r;
}

/* Open path through zlib or liblzma with one KT_BUF buffer. */
kt_src *kt_src_open(const char *path, lg_err *e)
{
	kt_src *s = calloc(1, sizeof(*s));
	FILE *probe;

	if (!s)
		goto out_nomem;
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->fill = FILL0 < FILL ? FILL0 : FILL;
	s->buf = malloc(KT_BUF + 1);
	if (!s->buf)
		goto out_nomem;
	probe = fopen(path, "rb");
	if (!probe) {
		lg_errf(e, path, 0, "cannot open (%s)", strerror(errno));
		goto out_free;
	}
	fclose(probe);
	if (is_xz(path)) {
		lzma_stream init = LZMA_STREAM_INIT;

		s->xz = init;
		s->xin = malloc(XZ_IN);
		s->xf = fopen(path, "rb");
		if (!s->xin || !s->xf ||
		    lzma_stream_decoder(&s->xz, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
			lg_errf(e, path, 0, "cannot start the xz decoder");
			goto out_free;
		}
	} else {
		s->gz = gzopen(path, "rb");
		if (!s->gz) {
			lg_errf(e, path, 0, "cannot open");
			goto out_free;
		}
		gzbuffer(s->gz, FILL / 4); /* a fill decompresses straight into buf */
	}
	return s;
out_nomem:
	lg_errf(e, path, 0, "out of memory");
out_free:
	kt_src_close(s);
	return NULL;
}

/* Close and free the source. */
void kt_src_close(kt_src *s)
{
	if (!s)
		return;
	if (s->gz)
		gzclose(s->gz);
	if (s->xf) {
		fclose(s->xf);
		lzma_end(&s->xz);
	}
	free(s->xin);
	free(s->buf);
	free(s);
}

/* Make n bytes visible (fewer only at the end) without consuming them. */
size_t kt_src_peek(kt_src *s, const char **p, size_t n, lg_err *e, int *err)
{
	*err = 0;
	if (s->len - s->pos >= n) { /* fast path */
		*p = s->buf + s->pos;
		return s->len - s->pos;
	}
	while (s->len - s->pos < n && !s->eof) {
		size_t before = s->len - s->pos;

		if (src_fill(s, e) < 0) {
			*err = -1;
			return 0;
		}
		if (s->len - s->pos == before && !s->eof)
			break;
	}
	*p = s->buf + s->pos;
	return s->len - s->pos;
}

/* Copy exactly n bytes out; a partial read is truncation. */
int kt_src_read(kt_src *s, void *buf, size_t n, lg_err *e)
{
	uint8_t *out = buf;
	size_t got = 0;

	while (got < n) {
		size_t avail = s->len - s->pos, k;

		if (avail == 0) {
			if (s->eof)
				break;
			if (src_fill(s, e) < 0)
				return -1;
			continue;
		}
		k = avail < n - got ? avail : n - got;
		memcpy(out + got, s->buf + s->pos, k);
		s->pos += k;
		got += k;
	}
	if (got == n)
		return 1;
	if (got == 0)
		return 0;
	return lg_errf(e, s->path, 0, "truncated file (a record ends early)");
}

/* Next line, in place, NUL-terminated, without its newline. */
int kt_src_line(kt_src *s, char **line, size_t *len, lg_err *e)
{
	for (;;) {
		char *start = s->buf + s->pos;
		char *nl = memchr(start, '\n', s->len - s->pos);

		if (nl || (s->eof && s->len > s->pos)) {
			size_t l = nl ? (size_t)(nl - start) : s->len - s->pos;

			s->pos += nl ? l + 1 : l;
			if (l > 0 && start[l - 1] == '\r')
				l--;
			start[l] = '\0';
			*line = start;
			*len = l;
			s->lineno++;
			return 1;
		}
		if (s->eof)
			return 0;
		if (s->pos == 0 && s->len >= KT_BUF)
			return lg_errf(e, s->path, s->lineno + 1, "line longer than %u bytes", KT_BUF);
		if (src_fill(s, e) < 0)
			return -1;
	}
}

/* Number of the last line returned. */
long kt_src_lineno(const kt_src *s)
{
	return s->lineno;
}

/* The path, for messages. */
const char *kt_src_path(const kt_src *s)
{
	return s->path;
}

/* Consume n bytes made visible by kt_src_peek(). */
void kt_src_skip(kt_src *s, size_t n)
{
	s->pos += n;
}

/* Position errors for binary readers (the record being read, not a line). */
void kt_src_set_lineno(kt_src *s, long n)
{
	s->lineno = n;
}
