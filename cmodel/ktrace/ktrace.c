/*
 * The kernel-trace reader front end: picks a back end (a const table,
 * chosen by name or by probing the first decompressed bytes), owns the
 * current kernel and warp, and the helpers on warps, metadata and lanes.
 */
#include "ktrace/kt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A warp's instructions are read one per issue; one per cache line. */
_Static_assert(sizeof(lg_kt_insn) == 64, "lg_kt_insn: one cache line");

static const kt_backend *const backends[] = {
	&kt_backend_lgt, &kt_backend_text, &kt_backend_accelsim,
};
#define NBACKENDS (sizeof(backends) / sizeof(backends[0]))

/* Set or replace a metadata key. */
int lg_kt_meta_set(lg_kt_meta *m, const char *key, const char *val)
{
	unsigned i;

	if (strlen(key) >= LG_KT_KEYLEN || strlen(val) >= LG_KT_VALLEN)
		return -1;
	for (i = 0; i < m->n; i++)
		if (!strcmp(m->key[i], key))
			break;
	if (i == m->n) {
		if (m->n >= LG_KT_NMETA)
			return -1;
		m->n++;
	}
	strcpy(m->key[i], key);
	strcpy(m->val[i], val);
	return 0;
}

/* Value of key, or NULL. */
const char *lg_kt_meta_get(const lg_kt_meta *m, const char *key)
{
	for (unsigned i = 0; i < m->n; i++)
		if (!strcmp(m->key[i], key))
			return m->val[i];
	return NULL;
}

/* An empty warp with no buffers. */
void lg_kt_warp_init(lg_kt_warp *w)
{
	memset(w, 0, sizeof(*w));
}

/* Free a warp's buffers. */
void lg_kt_warp_free(lg_kt_warp *w)
{
	free(w->insn);
	free(w->addrs);
	lg_kt_warp_init(w);
}

/* Empty a warp, keeping its buffers. */
void lg_kt_warp_clear(lg_kt_warp *w)
{
	w->n = 0;
	w->naddr = 0;
}

/* Deep copy, growing dst's buffers only when they are too small. */
int lg_kt_warp_copy(lg_kt_warp *dst, const lg_kt_warp *src)
{
	if (dst->cap < src->n) {
		lg_kt_insn *p = realloc(dst->insn, src->n * sizeof(*p));

		if (!p)
			return -1;
		dst->insn = p;
		dst->cap = src->n;
	}
	if (dst->acap < src->naddr) {
		uint64_t *a = realloc(dst->addrs, src->naddr * sizeof(*a));

		if (!a)
			return -1;
		dst->addrs = a;
		dst->acap = src->naddr;
	}
	memcpy(dst->cta, src->cta, sizeof(dst->cta));
	dst->warp = src->warp;
	dst->n = src->n;
	dst->naddr = src->naddr;
	if (src->n)
		memcpy(dst->insn, src->insn, src->n * sizeof(*src->insn));
	if (src->naddr)
		memcpy(dst->addrs, src->addrs, src->naddr * sizeof(*src->addrs));
	return 0;
}

/* Replace the empty buffer *buf (capacity *cap) by one of n elements of
 * size z when it is smaller (line: starting on a cache line); -1 on
 * allocation failure. */
static int regrow_empty(void **buf, size_t *cap, size_t n, size_t z, bool line)
{
	void *p;

	if (*cap >= n)
		return 0;
	p = line ? aligned_alloc(64, (n * z + 63) & ~(size_t)63) : malloc(n * z);
	if (!p)
		return -1;
	free(*buf);
	*buf = p;
	*cap = n;
	return 0;
}

/* Room for n instructions and na address slots in w, which is empty
 * (nothing to copy): a decoder that knows (or expects) the counts
 * allocates once instead of doubling. */
int lg_kt_warp_reserve(lg_kt_warp *w, size_t n, size_t na)
{
	void *in = w->insn, *ad = w->addrs;
	int rc;

	if (w->n || w->naddr)
		return 0;
	rc = regrow_empty(&in, &w->cap, n, sizeof(*w->insn), true); /* an instruction per line */
	w->insn = in;
	if (rc == 0)
		rc = regrow_empty(&ad, &w->acap, na, sizeof(*w->addrs), false);
	w->addrs = ad;
	return rc;
}

/* Append an instruction slot, doubling the buffer when full. */
lg_kt_insn *lg_kt_warp_push(lg_kt_warp *w)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		lg_kt_insn *p = realloc(w->insn, cap * sizeof(*p));

		if (!p)
			return NULL;
		w->insn = p;
		w->cap = cap;
	}
	return kt_insn_init(&w->insn[w->n++]);
}

/* Reserve n address/delta slots in the warp's pool. */
long lg_kt_warp_addr_alloc(lg_kt_warp *w, size_t n)
{
	size_t off = w->naddr;

	if (w->naddr + n > w->acap) {
		size_t cap = w->acap ? w->acap * 2 : 1024;
		uint64_t *p;

		while (cap < w->naddr + n)
			cap *= 2;
		p = realloc(w->addrs, cap * sizeof(*p));
		if (!p)
			return -1;
		w->addrs = p;
		w->acap = cap;
	}
	w->naddr += n;
	return (long)off;
}

/* Expand an instruction's address encoding to per-lane addresses. */
int lg_kt_insn_lanes(const lg_kt_warp *w, const lg_kt_insn *in, uint64_t a[LG_KT_WARP_SIZE])
{
	uint32_t m = in->mask;
	uint64_t cur = in->base;
	int k = 0;

	memset(a, 0, sizeof(uint64_t) * LG_KT_WARP_SIZE);
	if (in->amode == LG_KT_AMODE_NONE)
		return 0;
	switch (in->amode) {
	case LG_KT_AM_LIST:
		for (; m; m &= m - 1)
			a[__builtin_ctz(m)] = w->addrs[in->aoff + k++];
		break;
	case LG_KT_AM_STRIDE:
		for (; m; m &= m - 1, k++, cur += (uint64_t)in->stride)
			a[__builtin_ctz(m)] = cur;
		break;
	default: /* DELTA */
		for (; m; m &= m - 1) {
			if (k > 0)
				cur += w->addrs[in->aoff + k - 1];
			a[__builtin_ctz(m)] = cur;
			k++;
		}
		break;
	}
	return k;
}

/* The first active lane's address without decoding the others (the lane
 * lg_kt_insn_lanes() puts first). */
uint64_t lg_kt_insn_first_lane(const lg_kt_warp *w, const lg_kt_insn *in)
{
	if (in->amode == LG_KT_AMODE_NONE || !in->mask)
		return 0;
	return in->amode == LG_KT_AM_LIST ? w->addrs[in->aoff] : in->base;
}

/* Copy a kernel name into the reader. */
int kt_set_name(lg_kt_reader *r, const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return -1;
	memcpy(p, s, len);
	p[len] = '\0';
	free(r->kern.name);
	r->kern.name = p;
	return 0;
}

/* Count an unclassified opcode; keep the first place. */
void kt_note_unknown(lg_kt_reader *r, const char *file, long line)
{
	if (r->unknown++ == 0)
		snprintf(r->unknown_where, sizeof(r->unknown_where), "%s:%ld", file, line);
}

/* The back end whose probe accepts the first bytes of path: 1 found, 0 none, -1 error. */
static int probe_path(const char *path, const kt_backend **out, lg_err *e)
{
	kt_src *s = kt_src_open(path, e);
	const char *head;
	size_t n;
	int err;

	*out = NULL;
	if (!s)
		return -1;
	n = kt_src_peek(s, &head, 4096, e, &err);
	for (size_t i = 0; i < NBACKENDS && !err && !*out; i++)
		if (backends[i]->probe(head, n))
			*out = backends[i];
	kt_src_close(s);
	return err ? -1 : *out != NULL;
}

int lg_kt_detect(const char *path, const char **fmt, lg_err *e)
{
	const kt_backend *be;
	int rc = probe_path(path, &be, e);

	if (rc == 1)
		*fmt = be->name;
	return rc;
}

/* Open a reader with the chosen (or probed) back end. */
lg_kt_reader *lg_kt_open(const char *path, const char *format, lg_err *e)
{
	lg_kt_reader *r;
	const kt_backend *be = NULL;

	if (!format || !strcmp(format, "auto")) {
		int rc = probe_path(path, &be, e);

		if (rc == 0)
			lg_errf(e, path, 1, "not a kernel trace (expected lgt, lgt-text, an Accel-Sim kernelslist.g or .traceg)");
		if (rc <= 0)
			return NULL;
	} else {
		for (size_t i = 0; i < NBACKENDS; i++)
			if (!strcmp(backends[i]->name, format))
				be = backends[i];
		if (!be) {
			lg_errf(e, path, 0, "unknown kernel-trace format '%s' (lgt, lgt-text, accelsim)", format);
			return NULL;
		}
	}
	r = calloc(1, sizeof(*r));
	if (!r || !(r->ops = lg_kt_optab_create())) {
		free(r);
		lg_errf(e, path, 0, "out of memory");
		return NULL;
	}
	r->be = be;
	snprintf(r->path, sizeof(r->path), "%s", path);
	if (be->open(r, e) < 0) {
		lg_kt_close(r); /* back ends' close() frees partial state */
		return NULL;
	}
	return r;
}

/* Next event, tracking the largest warp held. */
int lg_kt_next(lg_kt_reader *r, lg_err *e)
{
	int ev = r->be->next(r, e);

	if (ev == LG_KT_EV_WARP && r->warp.n > r->peak)
		r->peak = r->warp.n;
	return ev;
}

const lg_kt_kernel *lg_kt_cur_kernel(const lg_kt_reader *r) { return &r->kern; }
const lg_kt_warp *lg_kt_cur_warp(const lg_kt_reader *r) { return &r->warp; }
/* Swap the current warp's buffers with w's: a consumer keeping warps (the
 * kernel scheduler staging a CTA) takes them without a copy. */
void lg_kt_take_warp(lg_kt_reader *r, lg_kt_warp *w)
{
	lg_kt_warp t = *w;

	*w = r->warp;
	r->warp = t;
}

const lg_kt_meta *lg_kt_trace_meta(const lg_kt_reader *r) { return &r->tmeta; }
const lg_kt_optab *lg_kt_reader_optab(const lg_kt_reader *r) { return r->ops; }
const char *lg_kt_reader_format(const lg_kt_reader *r) { return r->be->name; }
size_t lg_kt_reader_peak_insns(const lg_kt_reader *r) { return r->peak; }

/* The memcpy of the last LG_KT_EV_MEMCPY event. */
void lg_kt_cur_memcpy(const lg_kt_reader *r, uint64_t *addr, uint64_t *bytes)
{
	*addr = r->mc_addr;
	*bytes = r->mc_bytes;
}

/* Unclassified-opcode count and first FILE:LINE. */
uint64_t lg_kt_reader_unknown(const lg_kt_reader *r, const char **where)
{
	if (where)
		*where = r->unknown_where;
	return r->unknown;
}

/* Close the back end and free the reader. */
void lg_kt_close(lg_kt_reader *r)
{
	if (!r)
		return;
	if (r->be)
		r->be->close(r);
	lg_kt_optab_destroy(r->ops);
	lg_kt_warp_free(&r->warp);
	free(r->kern.name);
	free(r);
}

/* Copy a trace event by event into a new lgt or lgt-text file. */
int lg_kt_convert(const char *in, const char *format, const char *out, bool text,
		  uint64_t *unknown, char *where, size_t wcap, lg_err *e)
{
	lg_kt_reader *r = lg_kt_open(in, format, e);
	lg_kt_writer *w = NULL;
	bool meta_done = false;
	int ev;

	if (!r)
		return -1;
	w = lg_kt_writer_open(out, text, e);
	if (!w)
		goto out_err;
	while ((ev = lg_kt_next(r, e)) > 0) {
		int rc = 0;
		uint64_t a, b;

		/* trace metadata is known once the first event has been read */
		if (!meta_done && r->tmeta.n) {
			rc = lg_kt_write_meta(w, &r->tmeta, e);
			meta_done = true;
		}
		if (rc == 0 && ev == LG_KT_EV_KERNEL)
			rc = lg_kt_write_kernel(w, &r->kern, e);
		else if (rc == 0 && ev == LG_KT_EV_WARP)
			rc = lg_kt_write_warp(w, r->ops, &r->warp, e);
		else if (rc == 0 && ev == LG_KT_EV_MEMCPY) {
			lg_kt_cur_memcpy(r, &a, &b);
			rc = lg_kt_write_memcpy(w, a, b, e);
		}
		if (rc < 0)
			goto out_err;
	}
	if (ev < 0)
		goto out_err;
	if (!meta_done && r->tmeta.n && lg_kt_write_meta(w, &r->tmeta, e) < 0)
		goto out_err;
	if (unknown)
		*unknown = r->unknown;
	if (where && wcap)
		snprintf(where, wcap, "%s", r->unknown_where);
	lg_kt_close(r);
	return lg_kt_writer_commit(w, e);
out_err:
	lg_kt_writer_abort(w);
	lg_kt_close(r);
	return -1;
}
