/*
 * lgt, lgsim's binary kernel-trace form (docs/trace-format.md), and the
 * writer for both lgt and lgt-text.
 *
 * The file is one gzip stream. Decompressed it holds
 *   magic "LGKT\n" (so line-oriented probes see a first line "LGKT"),
 *   u8 major (1), u8 minor (0),
 *   varint n, n x (string key, string value)   self-describing header
 *   records: u8 tag, varint payload length, payload
 * Integers are LEB128 varints, signed ones zigzag-coded; a string is a
 * varint length and bytes. Tags: 'T' trace metadata, 'M' memcpy, 'K'
 * kernel, 'O' opcode definition, 'W' warp header (then its 'I' records),
 * 'I' instruction, 'E' end (warp and instruction totals, so a file cut at
 * a gzip member boundary is still caught). Unknown tags are skipped, so a
 * minor version can add records. Error messages give the record number
 * (1-based) in place of a line number.
 */
#include "ktrace/kt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define LGT_MAGIC "LGKT"
#define LGT_MAJOR 1
#define LGT_MINOR 0
#define REC_MAX (KT_BUF - 64)
#define OUTBUF (256 * 1024)
#define RESERVE_MAX 65536u   /* instructions reserved from a warp header's count */

enum { F_FULL = 1, F_LINE = 2, F_IMM = 4, F_MEM = 8 };

/* ------------------------------------------------------------------ */
/* reader                                                             */

/* The last DELTA record's delta bytes (to its payload's end) and values:
 * the same bytes again decode to the same values. Zeroed, it holds the
 * true entry "no deltas in no bytes". */
typedef struct lgt_dmemo {
	int n;               /* deltas */
	size_t len, used;    /* bytes to the payload's end; bytes the deltas took */
	uint8_t bytes[10 * LG_KT_WARP_SIZE];
	uint64_t val[LG_KT_WARP_SIZE];
} lgt_dmemo;

/* Instruction records without addresses decoded by the fast path, by
 * their payload bytes: the same bytes again (the same instruction of
 * another warp or loop trip) decode to the same instruction while the
 * opcode map stays as it was (an opcode record empties the memo). */
#define IMEMO_BITS 8
#define IMEMO_MAX 16         /* payload bytes an entry holds */

typedef struct lgt_imemo {
	uint64_t w[2];       /* the payload's bytes, zero past its end */
	size_t len;          /* 0: empty */
	lg_kt_insn in;
} lgt_imemo;

typedef struct lgt_state {
	kt_src *src;
	long rec;            /* records read */
	uint32_t *opmap;     /* file opcode index -> reader optab index */
	size_t nop;
	uint64_t nwarps, ninsn;
	size_t last_naddr;   /* address slots of the last warp (a reservation hint) */
	bool ended;
	const uint8_t *wb, *wp, *we; /* visible window of the source buffer:
	                                base, next unread byte, end */
	lgt_dmemo dm;        /* the fast decoder's last deltas */
	lgt_imemo im[1u << IMEMO_BITS];
	bool im_used;        /* an entry was kept since im was last emptied */
} lgt_state;

typedef struct cur {
	const uint8_t *p, *end;
	bool bad;
} cur;

/* Next varint of the payload; 0 and c->bad set when it runs out. */
static inline uint64_t get(cur *c)
{
	uint64_t v = 0;

	if (c->p < c->end && *c->p < 0x80) /* one-byte fast path */
		return *c->p++;
	if (!c->bad && c->end - c->p > 1 && c->p[1] < 0x80) { /* two bytes */
		v = (uint64_t)(c->p[0] & 0x7f) | (uint64_t)c->p[1] << 7;
		c->p += 2;
		return v;
	}
	if (!c->bad && !kt_get_var(&c->p, c->end, &v))
		c->bad = true;
	return c->bad ? 0 : v;
}

/* Next varint, at most max (a narrower field): above it, 0 and c->bad. */
static inline uint64_t get_max(cur *c, uint64_t max)
{
	uint64_t v = get(c);

	if (v > max) {
		c->bad = true;
		return 0;
	}
	return v;
}

/* A 32-bit field: refused, not wrapped, when the varint is wider. */
static inline uint32_t get32(cur *c)
{
	return (uint32_t)get_max(c, UINT32_MAX);
}

/* A string into buf (truncated to cap-1). */
static void get_str(cur *c, char *buf, size_t cap)
{
	uint64_t n = get(c);

	if (c->bad || n > (uint64_t)(c->end - c->p)) {
		c->bad = true;
		buf[0] = '\0';
		return;
	}
	snprintf(buf, cap, "%.*s", (int)n, (const char *)c->p);
	c->p += n;
}

/* A metadata block: count, then key/value strings. */
static void get_meta(cur *c, lg_kt_meta *m)
{
	uint64_t n = get(c);
	char k[LG_KT_KEYLEN], v[LG_KT_VALLEN];

	for (uint64_t i = 0; i < n && !c->bad; i++) {
		get_str(c, k, sizeof(k));
		get_str(c, v, sizeof(v));
		if (!c->bad)
			lg_kt_meta_set(m, k, v);
	}
}

/* lgt starts with the binary magic (after gunzip). */
static bool lgt_probe(const char *head, size_t n)
{
	return n >= 5 && !memcmp(head, LGT_MAGIC "\n", 5);
}

/* Fetch the next record: tag, payload cursor. 1 ok, 0 end, -1 error. */
/* Consume what was read from the window and make >= need bytes visible. */
static int refill(lgt_state *s, size_t need, lg_err *e)
{
	const char *p;
	int err;
	size_t n;

	kt_src_skip(s->src, (size_t)(s->wp - s->wb));
	kt_src_set_lineno(s->src, s->rec);
	n = kt_src_peek(s->src, &p, need, e, &err);
	if (err)
		return -1;
	s->wb = s->wp = (const uint8_t *)p;
	s->we = s->wb + n;
	return 0;
}

/* The next record: tag and a cursor over its payload. 1 ok, 0 end, -1 error. */
static inline __attribute__((always_inline)) int next_rec(lg_kt_reader *r, lgt_state *s, int *tag,
							  cur *c, lg_err *e)
{
	size_t hl;
	const uint8_t *q;
	uint64_t len;

	if (s->we - s->wp < 11 && refill(s, 11, e) < 0)
		return -1;
	if (s->we == s->wp)
		return 0;
	s->rec++;
	q = s->wp + 1;
	if (q < s->we && *q < 0x80) /* a one-byte length, the usual */
		len = *q++;
	else if (!kt_get_var(&q, s->we, &len) || len > REC_MAX)
		return lg_errf(e, r->path, s->rec, "truncated or corrupt record header");
	hl = (size_t)(q - s->wp);
	*tag = s->wp[0];
	if ((size_t)(s->we - s->wp) < hl + len && refill(s, hl + len, e) < 0)
		return -1;
	if ((size_t)(s->we - s->wp) < hl + len)
		return lg_errf(e, r->path, s->rec, "truncated file (record of %llu bytes ends early)",
			       (unsigned long long)len);
	c->p = s->wp + hl;
	c->end = c->p + len;
	c->bad = false;
	s->wp += hl + len;
	return 1;
}

/* Check magic and major version, skip the self-describing header. */
static int lgt_open(lg_kt_reader *r, lg_err *e)
{
	lgt_state *s = calloc(1, sizeof(*s));
	const char *p;
	size_t n;
	int err;
	cur c;
	char k[64], v[256];

	if (!s)
		return lg_errf(e, r->path, 0, "out of memory");
	r->st = s;
	s->src = kt_src_open(r->path, e);
	if (!s->src)
		return -1;
	/* a file that cannot be decompressed says so, not "bad magic" */
	n = kt_src_peek(s->src, &p, 7, e, &err);
	if (err)
		return -1;
	if (n < 7 || memcmp(p, LGT_MAGIC "\n", 5))
		return lg_errf(e, r->path, 0, "not an lgt file (bad magic)");
	if ((uint8_t)p[5] != LGT_MAJOR)
		return lg_errf(e, r->path, 0, "lgt major version %u not supported (want %u)",
			       (uint8_t)p[5], LGT_MAJOR);
	kt_src_skip(s->src, 7);
	/* header: varint count and strings; bounded to the first 64 kB */
	n = kt_src_peek(s->src, &p, 65536, e, &err);
	if (err)
		return -1;
	c.p = (const uint8_t *)p;
	c.end = c.p + n;
	c.bad = false;
	for (uint64_t i = 0, kv = get(&c); i < kv && !c.bad; i++) {
		get_str(&c, k, sizeof(k));
		get_str(&c, v, sizeof(v));
	}
	if (c.bad)
		return lg_errf(e, r->path, 0, "truncated or corrupt header");
	kt_src_skip(s->src, (size_t)(c.p - (const uint8_t *)p));
	return 0;
}

/* An opcode definition: map the file's index to this reader's table. */
static int rec_opdef(lg_kt_reader *r, lgt_state *s, cur *c, lg_err *e)
{
	uint64_t idx = get(c), len = get(c);
	int mine;

	if (c->bad || len > (uint64_t)(c->end - c->p) || idx > 65535)
		return lg_errf(e, r->path, s->rec, "corrupt opcode record");
	mine = lg_kt_optab_intern(r->ops, (const char *)c->p, (size_t)len);
	if (mine < 0)
		return lg_errf(e, r->path, s->rec, "too many distinct opcodes");
	if (idx >= s->nop) {
		size_t nn = (size_t)idx + 64;
		uint32_t *m = realloc(s->opmap, nn * sizeof(*m));

		if (!m)
			return lg_errf(e, r->path, s->rec, "out of memory");
		memset(m + s->nop, 0xff, (nn - s->nop) * sizeof(*m));
		s->opmap = m;
		s->nop = nn;
	}
	s->opmap[idx] = (uint32_t)mine;
	return 0;
}

/* A kernel record into r->kern. */
static int rec_kernel(lg_kt_reader *r, lgt_state *s, cur *c, lg_err *e)
{
	lg_kt_kernel *k = &r->kern;
	uint64_t len = get(c);

	if (c->bad || len > (uint64_t)(c->end - c->p))
		return lg_errf(e, r->path, s->rec, "corrupt kernel record");
	if (kt_set_name(r, (const char *)c->p, (size_t)len) < 0)
		return lg_errf(e, r->path, s->rec, "out of memory");
	c->p += len;
	k->id = get32(c);
	for (int i = 0; i < 3; i++)
		k->grid[i] = get32(c);
	for (int i = 0; i < 3; i++)
		k->block[i] = get32(c);
	k->shmem = get32(c);
	k->nregs = get32(c);
	k->binary_version = get32(c);
	k->tracer_version = get32(c);
	k->lineinfo = get32(c);
	k->stream = get(c);
	k->shmem_base = get(c);
	k->local_base = get(c);
	get_str(c, k->nvbit_version, sizeof(k->nvbit_version));
	memset(&k->meta, 0, sizeof(k->meta));
	get_meta(c, &k->meta);
	if (c->bad)
		return lg_errf(e, r->path, s->rec, "corrupt kernel record");
	return LG_KT_EV_KERNEL;
}

/* A varint and the position after it (p NULL: none). */
typedef struct fvar {
	const uint8_t *p;
	uint64_t v;
} fvar;

/* The fast path's varint of three bytes or more, read with a bound, out
 * of line so that the cursor of the caller stays in a register. */
static __attribute__((noinline)) fvar fget_long(const uint8_t *p, const uint8_t *lim)
{
	fvar f = { NULL, 0 };

	if (kt_get_var(&p, lim, &f.v))
		f.p = p;
	return f;
}

/* The most bytes the fast path reads: 55 varints of at most 10 bytes. */
#define FAST_SLACK 560

/* Read varint x of any value at p with no end check (the caller has
 * FAST_SLACK readable bytes past the payload), or give up the fast path.
 * One and two bytes inline, longer ones through fget_long(). */
#define FGETV(x)                                                       \
	do {                                                           \
		if (p[0] < 0x80) {                                     \
			(x) = *p++;                                    \
		} else if (p[1] < 0x80) {                              \
			(x) = (uint64_t)(p[0] & 0x7f) | (uint64_t)p[1] << 7; \
			p += 2;                                        \
		} else {                                               \
			fvar f_ = fget_long(p, lim);                   \
									       \
			if (!f_.p)                                     \
				goto slow;                             \
			p = f_.p;                                      \
			(x) = f_.v;                                    \
		}                                                      \
	} while (0)
/* Read varint x, at most max, or give up the fast path. */
#define FGET(x, max)                                 \
	do {                                         \
		FGETV(x);                            \
		if ((x) > (max))                     \
			goto slow;                   \
	} while (0)

/*
 * The n deltas of a DELTA record at *pp (its payload ends at end) into d for
 * rec_mem_fast(): a copy of the last decoded ones when the bytes are the
 * same (the same instruction of another warp or loop trip), else decoded
 * and kept. -1 to give up the fast path.
 */
static int deltas_fast(lgt_state *s, uint64_t *d, int n, const uint8_t **pp,
		       const uint8_t *end, const uint8_t *lim)
{
	const uint8_t *p = *pp, *p0 = p;
	size_t len = end > p ? (size_t)(end - p) : 0;
	lgt_dmemo *m = &s->dm;
	uint64_t v;

	if (m->n == n && m->len == len && !memcmp(p, m->bytes, len)) {
		memcpy(d, m->val, (size_t)n * sizeof(*d));
		*pp = p + m->used;
		return 0;
	}
	for (int i = 0; i < n; i++) {
		FGETV(v);
		d[i] = (uint64_t)kt_unzz(v);
	}
	*pp = p;
	if (p <= end && len <= sizeof(m->bytes) && n <= LG_KT_WARP_SIZE) {
		m->n = n;
		m->len = len;
		m->used = (size_t)(p - p0);
		memcpy(m->bytes, p0, len);
		memcpy(m->val, d, (size_t)n * sizeof(*d));
	}
	return 0;
slow:
	return -1;
}

/* Read varint x at the decoder's cursor c: checked, against the payload's
 * end (past it: 0 and c->bad); else FGETV()'s way, giving up on a bad one. */
#define VAR(x)                                  \
	do {                                    \
		if (checked) {                  \
			(x) = get(c);           \
		} else {                        \
			const uint8_t *p = c->p; \
									\
			FGETV(x);               \
			c->p = p;               \
		}                               \
	} while (0)
/* Read varint x, at most max: above it, checked: 0 and c->bad (as
 * get_max()); else give up. */
#define VARMAX(x, max)                          \
	do {                                    \
		VAR(x);                         \
		if ((x) > (max)) {              \
			if (!checked)           \
				goto slow;      \
			c->bad = true;          \
			(x) = 0;                \
		}                               \
	} while (0)
/* Bad field: checked, noted in c->bad (reported at the end); else give up. */
#define BAD()                                   \
	do {                                    \
		if (!checked)                   \
			goto slow;              \
		c->bad = true;                  \
	} while (0)

/* The address part of instruction in (flags fl) at c for rec_insn_dec():
 * mode, base, then the stride or the lanes' deltas (fast: through the
 * deltas memo). 0, or -1 when out of memory (checked) or to give up. */
static inline __attribute__((always_inline)) int rec_mem(lgt_state *s, lg_kt_warp *w,
							  lg_kt_insn *in, uint64_t fl, cur *c,
							  const uint8_t *lim, const bool checked)
{
	uint64_t v, base;
	int lanes = __builtin_popcount(in->mask), n;
	long off;

	in->amode = (uint8_t)(fl >> 4 & 3);
	VAR(base);
	in->base = base;
	if (in->amode == LG_KT_AM_STRIDE) {
		VAR(v);
		in->stride = kt_unzz(v);
		return 0;
	}
	if (in->amode != LG_KT_AM_LIST && in->amode != LG_KT_AM_DELTA) {
		BAD();
		return 0;
	}
	n = in->amode == LG_KT_AM_LIST ? lanes : (lanes > 0 ? lanes - 1 : 0);
	off = lg_kt_warp_addr_alloc(w, (size_t)n);
	if (off < 0)
		return -1;
	in->aoff = (uint32_t)off;
	if (in->amode == LG_KT_AM_DELTA && !checked)
		return deltas_fast(s, &w->addrs[off], n, &c->p, c->end, lim);
	for (int i = 0; i < n; i++) {
		if (in->amode == LG_KT_AM_DELTA) {
			VAR(v);
			w->addrs[off + i] = (uint64_t)kt_unzz(v);
		} else if (i == 0) {
			w->addrs[off] = base;
		} else {
			VAR(v);
			base += (uint64_t)kt_unzz(v);
			w->addrs[off + i] = base;
		}
	}
	return 0;
slow:
	return -1;
}

/*
 * Decode one instruction record into the current warp. checked: each
 * varint against the payload's end, and errors say what is wrong. Else
 * (the fast path, for a payload with FAST_SLACK readable bytes after it,
 * almost every record) no end check per varint, reads past the payload
 * caught once at the end: 0 when decoded, -1 when anything is out of the
 * ordinary (bad value, overrun, no memory), with the warp as it was, so
 * that the checked decoder decodes the record again and reports it.
 */
static inline __attribute__((always_inline)) int rec_insn_dec(lg_kt_reader *r, lgt_state *s,
							       const cur *payload, lg_err *e,
							       const bool checked)
{
	cur cc = *payload, *c = &cc; /* a local cursor can live in registers */
	const uint8_t *lim = s->we;
	lg_kt_warp *w = &r->warp;
	size_t naddr = w->naddr;
	lg_kt_insn *in = kt_warp_push(w);
	uint64_t fl, op, v, nd, ns;

	if (!in)
		return checked ? lg_errf(e, r->path, s->rec, "out of memory") : -1;
	VAR(fl);
	VAR(op);
	if (op >= s->nop || s->opmap[op] == UINT32_MAX) {
		if (!checked)
			goto slow;
		return lg_errf(e, r->path, s->rec, "instruction uses undefined opcode %llu",
			       (unsigned long long)op);
	}
	in->op = (uint16_t)s->opmap[op];
	VARMAX(v, UINT32_MAX);
	in->pc = (uint32_t)v;
	v = 0xffffffffu;
	if (!(fl & F_FULL))
		VARMAX(v, UINT32_MAX);
	in->mask = (uint32_t)v;
	VARMAX(nd, LG_KT_MAXDST);
	in->ndst = (uint8_t)nd;
	for (unsigned i = 0; i < nd && !(checked && c->bad); i++) {
		VARMAX(v, UINT16_MAX);
		in->dst[i] = (uint16_t)v;
	}
	VARMAX(ns, LG_KT_MAXSRC);
	in->nsrc = (uint8_t)ns;
	for (unsigned i = 0; i < ns && !(checked && c->bad); i++) {
		VARMAX(v, UINT16_MAX);
		in->src[i] = (uint16_t)v;
	}
	if (fl & F_LINE) {
		VARMAX(v, UINT32_MAX);
		in->line = (uint32_t)v;
	}
	if (fl & F_IMM) {
		int64_t imm;

		VAR(v);
		imm = kt_unzz(v);
		if (imm < INT32_MIN || imm > INT32_MAX)
			BAD();
		in->imm = (int32_t)imm;
	}
	if ((fl & F_MEM) && rec_mem(s, w, in, fl, c, lim, checked) < 0) {
		if (!checked)
			goto slow;
		return lg_errf(e, r->path, s->rec, "out of memory");
	}
	if (checked)
		return c->bad ? lg_errf(e, r->path, s->rec, "corrupt instruction record") : 0;
	if (c->p <= payload->end)
		return 0;
slow:
	w->n--;
	w->naddr = naddr;
	return -1;
}

#undef BAD
#undef VARMAX
#undef VAR
#undef FGET
#undef FGETV

/* The fast path of rec_insn_dec(); -1 to decode again checked. Out of
 * line: the memo answers most records, and its loop keeps its registers. */
static __attribute__((noinline)) int rec_insn_fast(lg_kt_reader *r, lgt_state *s,
						   const cur *payload)
{
	return rec_insn_dec(r, s, payload, NULL, false);
}

/* The checked decoder of rec_insn_dec(), out of line (rare). */
static __attribute__((noinline)) int rec_insn(lg_kt_reader *r, lgt_state *s, const cur *payload,
					      lg_err *e)
{
	return rec_insn_dec(r, s, payload, e, true);
}

/* Decode one instruction record into the current warp: the fast path when
 * the window has room past the payload, else (or on anything unusual) the
 * checked decoder. */
static inline __attribute__((always_inline)) int rec_insn_any(lg_kt_reader *r, lgt_state *s,
							       const cur *payload, lg_err *e)
{
	if (s->we - payload->end >= FAST_SLACK && rec_insn_fast(r, s, payload) == 0)
		return 0;
	return rec_insn(r, s, payload, e);
}

/* Byte masks: the first n of IMEMO_MAX bytes kept. */
static const uint8_t imask[IMEMO_MAX + 1][IMEMO_MAX] = {
#define M(n) { [0 ... (n) - 1] = 0xff }
	{ 0 }, M(1), M(2), M(3), M(4), M(5), M(6), M(7), M(8),
	M(9), M(10), M(11), M(12), M(13), M(14), M(15), M(16),
#undef M
};

/* The memo entry for payload c (IMEMO_MAX readable bytes at c->p), and
 * its bytes as key k; NULL if it may not be kept (addresses, a longer
 * payload). */
static inline lgt_imemo *imemo_slot(lgt_state *s, const cur *c, uint64_t k[2])
{
	size_t len = (size_t)(c->end - c->p);
	uint64_t m[2];

	if (len > IMEMO_MAX || (c->p[0] & (F_MEM | 0x80)))
		return NULL;
	memcpy(k, c->p, 2 * sizeof(*k));
	memcpy(m, imask[len], sizeof(m));
	k[0] &= m[0];
	k[1] &= m[1];
	return &s->im[((k[0] ^ k[1] << 1 ^ len) * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - IMEMO_BITS)];
}

/*
 * Decode instruction record c (FAST_SLACK readable bytes after it) into the
 * current warp: from the memo when the same bytes were decoded before,
 * else by the fast path (kept in the memo), else by the checked decoder.
 */
static inline __attribute__((always_inline)) int rec_insn_memo(lg_kt_reader *r, lgt_state *s,
								const cur *c, lg_err *e)
{
	uint64_t k[2] = { 0, 0 }; /* set when m is */
	lgt_imemo *m = imemo_slot(s, c, k);
	lg_kt_warp *w = &r->warp;

	if (m && m->len == (size_t)(c->end - c->p) && m->w[0] == k[0] && m->w[1] == k[1] &&
	    w->n < w->cap) {
		w->insn[w->n++] = m->in; /* every field: no kt_insn_init() first */
		return 0;
	}
	if (rec_insn_fast(r, s, c) < 0)
		return rec_insn(r, s, c, e);
	if (m) {
		m->len = (size_t)(c->end - c->p);
		m->w[0] = k[0];
		m->w[1] = k[1];
		m->in = w->insn[w->n - 1];
		s->im_used = true;
	}
	return 0;
}

/* A warp header and its n instruction records. */
static int rec_warp(lg_kt_reader *r, lgt_state *s, cur *c, lg_err *e)
{
	uint64_t n;
	int tag = 0, rc; /* set by next_rec when it returns 1 */
	cur ic;

	lg_kt_warp_clear(&r->warp);
	for (int i = 0; i < 3; i++)
		r->warp.cta[i] = get32(c);
	r->warp.warp = get32(c);
	n = get(c);
	if (c->bad)
		return lg_errf(e, r->path, s->rec, "corrupt warp record");
	if (n > LG_KT_MAX_WARP_INSNS)
		return lg_errf(e, r->path, s->rec, "warp of %llu instructions: at most %u",
			       (unsigned long long)n, LG_KT_MAX_WARP_INSNS);
	/* the count is the header's: trust it only up to a bound, the
	 * buffer doubles beyond; addresses as many as the last warp had */
	if (lg_kt_warp_reserve(&r->warp, n < RESERVE_MAX ? (size_t)n : RESERVE_MAX,
			       s->last_naddr) < 0)
		return lg_errf(e, r->path, s->rec, "out of memory");
	for (uint64_t i = 0; i < n; i++) {
		if (s->we - s->wp >= 2 + 127 + FAST_SLACK && s->wp[0] == 'I' && s->wp[1] < 0x80) {
			/* the usual record, whole in the window with room after
			 * it: next_rec()'s work without its checks */
			s->rec++;
			ic.p = s->wp + 2;
			ic.end = ic.p + s->wp[1];
			ic.bad = false;
			s->wp = ic.end;
			if (rec_insn_memo(r, s, &ic, e) < 0)
				return -1;
			continue;
		}
		rc = next_rec(r, s, &tag, &ic, e);
		if (rc < 0)
			return -1;
		if (rc == 0 || tag != 'I')
			return lg_errf(e, r->path, s->rec, "expected instruction %llu of %llu of the warp%s",
				       (unsigned long long)i + 1, (unsigned long long)n,
				       rc == 0 ? " (truncated file)" : "");
		if (rec_insn_any(r, s, &ic, e) < 0)
			return -1;
	}
	s->nwarps++;
	s->ninsn += n;
	s->last_naddr = r->warp.naddr;
	return LG_KT_EV_WARP;
}

/* Records until the next event (metadata and opcodes are absorbed). */
static int lgt_next(lg_kt_reader *r, lg_err *e)
{
	lgt_state *s = r->st;
	int tag = 0, rc; /* set by next_rec when it returns 1 */
	cur c;

	for (;;) {
		rc = next_rec(r, s, &tag, &c, e);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (!s->ended)
				return lg_errf(e, r->path, s->rec + 1, "truncated file (no end record)");
			return LG_KT_EV_END;
		}
		if (s->ended)
			return lg_errf(e, r->path, s->rec, "data after the end record");
		switch (tag) {
		case 'T':
			get_meta(&c, &r->tmeta);
			if (c.bad)
				return lg_errf(e, r->path, s->rec, "corrupt metadata record");
			break;
		case 'M':
			r->mc_addr = get(&c);
			r->mc_bytes = get(&c);
			if (c.bad)
				return lg_errf(e, r->path, s->rec, "corrupt memcpy record");
			return LG_KT_EV_MEMCPY;
		case 'K':
			return rec_kernel(r, s, &c, e);
		case 'O':
			if (rec_opdef(r, s, &c, e) < 0)
				return -1;
			if (s->im_used) /* opcodes come before their first use: mostly not */
				memset(s->im, 0, sizeof(s->im));
			s->im_used = false;
			break;
		case 'W':
			return rec_warp(r, s, &c, e);
		case 'I':
			return lg_errf(e, r->path, s->rec, "instruction record outside a warp");
		case 'E':
			if (get(&c) != s->nwarps || get(&c) != s->ninsn || c.bad)
				return lg_errf(e, r->path, s->rec, "end record totals do not match (file damaged)");
			s->ended = true;
			break;
		default:
			break; /* unknown record of a newer minor version */
		}
	}
}

/* Free the lgt back end's state. */
static void lgt_close(lg_kt_reader *r)
{
	lgt_state *s = r->st;

	if (!s)
		return;
	kt_src_close(s->src);
	free(s->opmap);
	free(s);
}

const kt_backend kt_backend_lgt = {
	"lgt", lgt_probe, lgt_open, lgt_next, lgt_close,
};

/* ------------------------------------------------------------------ */
/* writer                                                             */

struct lg_kt_writer {
	bool text;
	char path[KT_PATH], tmp[KT_PATH + 32];
	gzFile gz;
	FILE *f;
	uint8_t *out;        /* binary: pending bytes for gzwrite */
	size_t nout;
	uint8_t *rec;        /* binary: one record's payload */
	uint8_t *emitted;    /* binary: opcode index already defined */
	size_t nemitted;
	bool tb_open;        /* text: inside #BEGIN_TB */
	bool have_kernel;
	bool lineinfo;
	uint32_t cta[3];
	uint64_t nwarps, ninsn;
	char *line;
};

/* Hand the pending output bytes to zlib. */
static int flush_out(lg_kt_writer *w, lg_err *e)
{
	if (w->nout && gzwrite(w->gz, w->out, (unsigned)w->nout) != (int)w->nout)
		return lg_errf(e, w->path, 0, "cannot write output file: %s", errno ? strerror(errno) : "write failed");
	w->nout = 0;
	return 0;
}

/* Append record tag with payload rec[0..len). */
static int put_rec(lg_kt_writer *w, int tag, size_t len, lg_err *e)
{
	uint8_t *p;

	if (len > REC_MAX)
		return lg_errf(e, w->path, 0, "record too large");
	if (w->nout + len + 16 > OUTBUF && flush_out(w, e) < 0)
		return -1;
	if (len + 16 > OUTBUF) { /* big record: straight through */
		uint8_t hd[16];

		p = hd;
		*p++ = (uint8_t)tag;
		p = kt_put_var(p, len);
		if (gzwrite(w->gz, hd, (unsigned)(p - hd)) != (int)(p - hd) ||
		    gzwrite(w->gz, w->rec, (unsigned)len) != (int)len)
			return lg_errf(e, w->path, 0, "cannot write output file: %s", errno ? strerror(errno) : "write failed");
		return 0;
	}
	p = w->out + w->nout;
	*p++ = (uint8_t)tag;
	p = kt_put_var(p, len);
	memcpy(p, w->rec, len);
	w->nout = (size_t)(p + len - w->out);
	return 0;
}

/* A string: varint length and bytes. */
static uint8_t *put_str(uint8_t *p, const char *s)
{
	size_t n = strlen(s);

	p = kt_put_var(p, n);
	memcpy(p, s, n);
	return p + n;
}

/* A metadata block: count, then key/value strings. */
static uint8_t *put_meta(uint8_t *p, const lg_kt_meta *m)
{
	p = kt_put_var(p, m->n);
	for (unsigned i = 0; i < m->n; i++) {
		p = put_str(p, m->key[i]);
		p = put_str(p, m->val[i]);
	}
	return p;
}

/* Magic, version and the self-describing key/value header. */
static int write_header(lg_kt_writer *w, lg_err *e)
{
	static const char *const kv[][2] = {
		{ "format", "lgsim kernel trace (lgt)" },
		{ "docs", "docs/trace-format.md" },
		{ "encoding", "records: u8 tag, varint length, payload; LEB128 varints, zigzag for signed" },
		{ "records", "T=trace meta, M=memcpy, K=kernel, O=opcode, W=warp, I=instruction, E=end" },
	};
	uint8_t *p = w->rec;

	memcpy(p, LGT_MAGIC "\n", 5);
	p[5] = LGT_MAJOR;
	p[6] = LGT_MINOR;
	p = kt_put_var(p + 7, sizeof(kv) / sizeof(kv[0]));
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		p = put_str(p, kv[i][0]);
		p = put_str(p, kv[i][1]);
	}
	memcpy(w->out, w->rec, (size_t)(p - w->rec));
	w->nout = (size_t)(p - w->rec);
	(void)e;
	return 0;
}

/*
 * Open a writer on a temporary file next to path, renamed over path on
 * commit. An existing path that is not a regular file (/dev/null,
 * /dev/full, a FIFO) is written in place: a temporary file renamed over a
 * device would replace the device.
 */
lg_kt_writer *lg_kt_writer_open(const char *path, bool text, lg_err *e)
{
	lg_kt_writer *w = calloc(1, sizeof(*w));
	struct stat st;
	const char *dst;

	if (!w)
		goto out_nomem;
	w->text = text;
	snprintf(w->path, sizeof(w->path), "%s", path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		lg_errf(e, path, 0, "is a directory, expected an output file");
		lg_kt_writer_abort(w);
		return NULL;
	}
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		snprintf(w->tmp, sizeof(w->tmp), "%s.tmp%ld", path, (long)getpid());
	dst = w->tmp[0] ? w->tmp : w->path;
	errno = 0;
	if (text) {
		w->line = malloc(KT_BUF);
		w->f = fopen(dst, "w");
		if (!w->line || !w->f)
			goto out_open;
		setvbuf(w->f, NULL, _IOFBF, 1 << 20);
		fputs("LGKT-TEXT 1\n", w->f);
		return w;
	}
	w->out = malloc(OUTBUF);
	w->rec = malloc(REC_MAX + 64);
	if (!w->out || !w->rec)
		goto out_nomem;
	w->gz = gzopen(dst, "wb6");
	if (!w->gz)
		goto out_open;
	gzbuffer(w->gz, 256 * 1024);
	write_header(w, e);
	return w;
out_nomem:
	lg_errf(e, path, 0, "out of memory");
	lg_kt_writer_abort(w);
	return NULL;
out_open:
	lg_errf(e, path, 0, "cannot create output file: %s",
		errno ? strerror(errno) : "open failed");
	lg_kt_writer_abort(w);
	return NULL;
}

/* Trace-level metadata. */
int lg_kt_write_meta(lg_kt_writer *w, const lg_kt_meta *m, lg_err *e)
{
	if (w->text) {
		for (unsigned i = 0; i < m->n; i++)
			fprintf(w->f, "meta %s = %s\n", m->key[i], m->val[i]);
		return 0;
	}
	return put_rec(w, 'T', (size_t)(put_meta(w->rec, m) - w->rec), e);
}

/* Text: close the open thread block, if any. */
static void text_close_tb(lg_kt_writer *w)
{
	if (w->tb_open)
		fputs("#END_TB\n\n", w->f);
	w->tb_open = false;
}

/* A host-to-device copy. */
int lg_kt_write_memcpy(lg_kt_writer *w, uint64_t addr, uint64_t bytes, lg_err *e)
{
	uint8_t *p = w->rec;

	if (w->text) {
		text_close_tb(w);
		fprintf(w->f, "memcpy 0x%llx %llu\n", (unsigned long long)addr, (unsigned long long)bytes);
		return 0;
	}
	p = kt_put_var(p, addr);
	p = kt_put_var(p, bytes);
	return put_rec(w, 'M', (size_t)(p - w->rec), e);
}

/* Text: a kernel header in Accel-Sim's "-key = value" form. */
static void text_kernel(lg_kt_writer *w, const lg_kt_kernel *k)
{
	FILE *f = w->f;

	text_close_tb(w);
	fprintf(f, "\n-kernel name = %s\n-kernel id = %u\n", k->name ? k->name : "", k->id);
	fprintf(f, "-grid dim = (%u,%u,%u)\n", k->grid[0], k->grid[1], k->grid[2]);
	fprintf(f, "-block dim = (%u,%u,%u)\n", k->block[0], k->block[1], k->block[2]);
	fprintf(f, "-shmem = %u\n-nregs = %u\n-binary version = %u\n", k->shmem, k->nregs,
		k->binary_version);
	fprintf(f, "-cuda stream id = %llu\n", (unsigned long long)k->stream);
	fprintf(f, "-shmem base_addr = 0x%016llx\n", (unsigned long long)k->shmem_base);
	fprintf(f, "-local mem base_addr = 0x%016llx\n", (unsigned long long)k->local_base);
	fprintf(f, "-nvbit version = %s\n", k->nvbit_version);
	fprintf(f, "-accelsim tracer version = %u\n", k->tracer_version);
	fprintf(f, "-enable lineinfo = %u\n", k->lineinfo);
	for (unsigned i = 0; i < k->meta.n; i++)
		fprintf(f, "-meta %s = %s\n", k->meta.key[i], k->meta.val[i]);
	fputc('\n', f);
}

/* A kernel header; the warps that follow belong to it. */
int lg_kt_write_kernel(lg_kt_writer *w, const lg_kt_kernel *k, lg_err *e)
{
	uint8_t *p = w->rec;

	w->have_kernel = true;
	w->lineinfo = k->lineinfo != 0;
	if (w->text) {
		text_kernel(w, k);
		return 0;
	}
	if (k->name && strlen(k->name) > REC_MAX / 2)
		return lg_errf(e, w->path, 0, "kernel name too long");
	p = put_str(p, k->name ? k->name : "");
	p = kt_put_var(p, k->id);
	for (int i = 0; i < 3; i++)
		p = kt_put_var(p, k->grid[i]);
	for (int i = 0; i < 3; i++)
		p = kt_put_var(p, k->block[i]);
	p = kt_put_var(p, k->shmem);
	p = kt_put_var(p, k->nregs);
	p = kt_put_var(p, k->binary_version);
	p = kt_put_var(p, k->tracer_version);
	p = kt_put_var(p, k->lineinfo);
	p = kt_put_var(p, k->stream);
	p = kt_put_var(p, k->shmem_base);
	p = kt_put_var(p, k->local_base);
	p = put_str(p, k->nvbit_version);
	p = put_meta(p, &k->meta);
	return put_rec(w, 'K', (size_t)(p - w->rec), e);
}

/* Binary: define every opcode of the warp not yet defined in this file. */
static int define_ops(lg_kt_writer *w, const lg_kt_optab *ops, const lg_kt_warp *wp, lg_err *e)
{
	for (size_t i = 0; i < wp->n; i++) {
		unsigned op = wp->insn[i].op;
		const lg_kt_opinfo *oi;
		uint8_t *p = w->rec;

		if (op < w->nemitted && w->emitted[op])
			continue;
		if (op >= w->nemitted) {
			size_t nn = op + 256;
			uint8_t *m = realloc(w->emitted, nn);

			if (!m)
				return lg_errf(e, w->path, 0, "out of memory");
			memset(m + w->nemitted, 0, nn - w->nemitted);
			w->emitted = m;
			w->nemitted = nn;
		}
		oi = lg_kt_optab_get(ops, op);
		if (!oi)
			return lg_errf(e, w->path, 0, "warp uses opcode %u not in the table", op);
		w->emitted[op] = 1;
		p = kt_put_var(p, op);
		p = put_str(p, oi->name);
		*p++ = oi->cls;
		*p++ = oi->space;
		*p++ = oi->mop;
		*p++ = oi->width;
		if (put_rec(w, 'O', (size_t)(p - w->rec), e) < 0)
			return -1;
	}
	return 0;
}

/* Encode one instruction record payload. */
static uint8_t *put_insn(uint8_t *p, const lg_kt_warp *wp, const lg_kt_insn *in)
{
	uint64_t fl = 0;
	int pc = __builtin_popcount(in->mask);

	fl |= in->mask == 0xffffffffu ? F_FULL : 0;
	fl |= in->line ? F_LINE : 0;
	fl |= in->imm ? F_IMM : 0;
	if (in->amode != LG_KT_AMODE_NONE)
		fl |= F_MEM | (uint64_t)(in->amode & 3) << 4;
	p = kt_put_var(p, fl);
	p = kt_put_var(p, in->op);
	p = kt_put_var(p, in->pc);
	if (!(fl & F_FULL))
		p = kt_put_var(p, in->mask);
	p = kt_put_var(p, in->ndst);
	for (int i = 0; i < in->ndst; i++)
		p = kt_put_var(p, in->dst[i]);
	p = kt_put_var(p, in->nsrc);
	for (int i = 0; i < in->nsrc; i++)
		p = kt_put_var(p, in->src[i]);
	if (fl & F_LINE)
		p = kt_put_var(p, in->line);
	if (fl & F_IMM)
		p = kt_put_var(p, kt_zz(in->imm));
	if (!(fl & F_MEM))
		return p;
	if (in->amode == LG_KT_AM_LIST) {
		const uint64_t *a = wp->addrs + in->aoff;

		p = kt_put_var(p, pc ? a[0] : in->base);
		for (int i = 1; i < pc; i++)
			p = kt_put_var(p, kt_zz((int64_t)(a[i] - a[i - 1])));
		return p;
	}
	p = kt_put_var(p, in->base);
	if (in->amode == LG_KT_AM_STRIDE)
		return kt_put_var(p, kt_zz(in->stride));
	for (int i = 0; i + 1 < pc; i++)
		p = kt_put_var(p, kt_zz((int64_t)wp->addrs[in->aoff + i]));
	return p;
}

/* Text: a warp, opening a new thread block when the CTA changes. */
static int text_warp(lg_kt_writer *w, const lg_kt_optab *ops, const lg_kt_warp *wp)
{
	FILE *f = w->f;

	if (!w->tb_open || memcmp(w->cta, wp->cta, sizeof(w->cta))) {
		text_close_tb(w);
		fprintf(f, "#BEGIN_TB\n\nthread block = %u,%u,%u\n\n", wp->cta[0], wp->cta[1], wp->cta[2]);
		memcpy(w->cta, wp->cta, sizeof(w->cta));
		w->tb_open = true;
	}
	fprintf(f, "warp = %u\ninsts = %zu\n", wp->warp, wp->n);
	for (size_t i = 0; i < wp->n; i++) {
		size_t n = kt_format_insn(ops, wp, &wp->insn[i], w->lineinfo, w->line, KT_BUF - 1);

		w->line[n] = '\n';
		fwrite(w->line, 1, n + 1, f);
	}
	fputc('\n', f);
	return 0;
}

/* One warp and all its instructions. */
int lg_kt_write_warp(lg_kt_writer *w, const lg_kt_optab *ops, const lg_kt_warp *wp, lg_err *e)
{
	uint8_t *p = w->rec;

	if (!w->have_kernel)
		return lg_errf(e, w->path, 0, "warp written before any kernel");
	w->nwarps++;
	w->ninsn += wp->n;
	if (w->text)
		return text_warp(w, ops, wp);
	if (define_ops(w, ops, wp, e) < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		p = kt_put_var(p, wp->cta[i]);
	p = kt_put_var(p, wp->warp);
	p = kt_put_var(p, wp->n);
	if (put_rec(w, 'W', (size_t)(p - w->rec), e) < 0)
		return -1;
	for (size_t i = 0; i < wp->n; i++) {
		p = put_insn(w->rec, wp, &wp->insn[i]);
		if (put_rec(w, 'I', (size_t)(p - w->rec), e) < 0)
			return -1;
	}
	return 0;
}

/* Write the end record, close and rename into place. */
int lg_kt_writer_commit(lg_kt_writer *w, lg_err *e)
{
	uint8_t *p;
	int bad = 0;

	errno = 0;
	if (w->text) {
		text_close_tb(w);
		bad = ferror(w->f) | fclose(w->f);
		w->f = NULL;
	} else {
		p = kt_put_var(w->rec, w->nwarps);
		p = kt_put_var(p, w->ninsn);
		if (put_rec(w, 'E', (size_t)(p - w->rec), e) < 0 || flush_out(w, e) < 0)
			bad = 1;
		if (gzclose(w->gz) != Z_OK)
			bad = 1;
		w->gz = NULL;
	}
	if (bad || (w->tmp[0] && rename(w->tmp, w->path) != 0)) {
		lg_errf(e, w->path, 0, "cannot write output file: %s",
			errno ? strerror(errno) : "write failed");
		lg_kt_writer_abort(w);
		return -1;
	}
	w->tmp[0] = '\0';
	lg_kt_writer_abort(w);
	return 0;
}

/* Close and remove the temporary file; free w. */
void lg_kt_writer_abort(lg_kt_writer *w)
{
	if (!w)
		return;
	if (w->f)
		fclose(w->f);
	if (w->gz)
		gzclose(w->gz);
	if (w->tmp[0])
		unlink(w->tmp);
	free(w->out);
	free(w->rec);
	free(w->emitted);
	free(w->line);
	free(w);
}
