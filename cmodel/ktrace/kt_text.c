/*
 * Text records: the parser shared by lgt-text files and Accel-Sim .traceg
 * files, the instruction-line parser and formatter, and the lgt-text back
 * end. Grammar (docs/trace-format.md has the full description):
 *
 *   LGKT-TEXT 1                      first line of an lgt-text file
 *   meta KEY = VALUE                 trace-level metadata (lgt-text only)
 *   memcpy 0xADDR BYTES              host-to-device copy (lgt-text only)
 *   -kernel name = NAME              starts a kernel (lgt-text); header
 *   -KEY = VALUE                     lines as Accel-Sim writes them, plus
 *   -meta KEY = VALUE                kernel-level metadata
 *   #BEGIN_TB / #END_TB              a thread block
 *   thread block = X,Y,Z
 *   cluster id|cta|rank = ...        newer tracers; ignored
 *   warp = W
 *   insts = N                        then N instruction lines:
 *   [tbx tby tbz warp] [line] PC MASK NDST R.. OPCODE NSRC R.. WIDTH
 *       [AMODE ADDRESSES] [IMM]
 *
 * The bracketed per-line CTA/warp prefix is the old Accel-Sim format
 * (tracer version < 3, Accel-Sim files only); it is read and ignored, as
 * Accel-Sim does. Other '#' lines are comments.
 */
#include "ktrace/kt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kt_txt {
	kt_src *src;
	bool accelsim;
	bool in_tb;
	bool pending;      /* kernel header read, KERNEL event not yet given */
	bool held;         /* re-process the current line on the next call */
	bool started;      /* lgt-text: saw the LGKT-TEXT line */
	char *line;
	size_t len;
	uint32_t cta[3];
	uint32_t warp;
	uint32_t nkernels;
};

/* ---- token helpers: each returns false on a malformed token ---- */

/* Skip blanks. */
static inline char *skip_ws(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Whether c ends a token. */
static inline bool tok_end(char c)
{
	return c == ' ' || c == '\t' || c == '\0';
}

/* A hex token (optional 0x) of at most 64 bits. */
static bool tok_hex(char **pp, uint64_t *v)
{
	char *p = skip_ws(*pp);
	uint64_t x = 0;
	int n = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (;; p++, n++) {
		unsigned c = (unsigned char)*p, d;

		if (c - '0' < 10)
			d = c - '0';
		else if ((c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (n >= 16)
			return false;
		x = x << 4 | d;
	}
	if (n == 0 || !tok_end(*p))
		return false;
	*v = x;
	*pp = p;
	return true;
}

/* A signed decimal token. */
static bool tok_dec(char **pp, int64_t *v)
{
	char *p = skip_ws(*pp);
	bool neg = false;
	uint64_t x = 0;
	int n = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; (unsigned)(*p - '0') < 10; p++, n++) {
		if (n >= 19)
			return false;
		x = x * 10 + (uint64_t)(*p - '0');
	}
	/* 19 digits may pass INT64_MAX: refuse rather than wrap the sign */
	if (n == 0 || !tok_end(*p) || x > (uint64_t)INT64_MAX + neg)
		return false;
	*v = neg ? (int64_t)(0 - x) : (int64_t)x;
	*pp = p;
	return true;
}

/* An unsigned decimal token no larger than max. */
static bool tok_udec(char **pp, uint64_t max, uint64_t *v)
{
	int64_t x;

	if (!tok_dec(pp, &x) || x < 0 || (uint64_t)x > max)
		return false;
	*v = (uint64_t)x;
	return true;
}

/* A register token R<n>. */
static bool tok_reg(char **pp, uint16_t *r)
{
	char *p = skip_ws(*pp);
	uint64_t x;

	if (*p != 'R')
		return false;
	p++;
	if (!tok_udec(&p, 65535, &x))
		return false;
	*r = (uint16_t)x;
	*pp = p;
	return true;
}

/* Whether the opcode is a TMA/bulk-copy one (other address layout). */
static bool is_tma(const char *op, size_t len)
{
	static const char *const tma[] = { "UTMALDG", "UTMASTG", "UTMAPF", "UTMAREDG",
					   "UBLKCP", "UBLKPF", "UBLKRED" };

	for (size_t i = 0; i < sizeof(tma) / sizeof(tma[0]); i++) {
		size_t l = strlen(tma[i]);

		if (len >= l && !strncmp(op, tma[i], l))
			return true;
	}
	return false;
}

/*
 * Read past the address part of a TMA/bulk-copy instruction: mode 3, a
 * count and that many addresses; mode 4, a base, a count and count-1
 * deltas. Its transfers are not per-lane accesses and are not kept (the
 * opcode is class unknown, counted).
 */
static int skip_tma(char **pp, const char *file, long ln, lg_err *e)
{
	uint64_t mode, n, v;
	int64_t d;

	if (!tok_udec(pp, 4, &mode) || mode < 3)
		return lg_errf(e, file, ln, "expected TMA address mode 3 or 4");
	if (mode == 4 && !tok_hex(pp, &v))
		return lg_errf(e, file, ln, "expected TMA base address");
	if (!tok_udec(pp, 1u << 20, &n))
		return lg_errf(e, file, ln, "expected TMA transfer count");
	for (uint64_t i = mode == 4 ? 1 : 0; i < n; i++)
		if (mode == 3 ? !tok_hex(pp, &v) : !tok_dec(pp, &d))
			return lg_errf(e, file, ln, "expected %llu TMA %s", (unsigned long long)n,
				       mode == 3 ? "addresses" : "deltas");
	return 0;
}

/* Parse the address part of a memory instruction (after WIDTH). */
static int parse_addrs(lg_kt_warp *w, lg_kt_insn *in, char **pp, const char *file,
		       long ln, lg_err *e)
{
	uint64_t mode, v;
	int pc = __builtin_popcount(in->mask);
	long off;

	if (!tok_udec(pp, 2, &mode))
		return lg_errf(e, file, ln, "expected address mode 0, 1 or 2");
	in->amode = (uint8_t)mode;
	if (mode == LG_KT_AM_STRIDE) {
		int64_t s;

		if (!tok_hex(pp, &in->base) || !tok_dec(pp, &s))
			return lg_errf(e, file, ln, "expected base address and stride");
		in->stride = s;
		return 0;
	}
	if (mode == LG_KT_AM_DELTA && !tok_hex(pp, &in->base))
		return lg_errf(e, file, ln, "expected base address");
	if (mode == LG_KT_AM_DELTA)
		pc = pc > 0 ? pc - 1 : 0;
	off = lg_kt_warp_addr_alloc(w, (size_t)pc);
	if (off < 0)
		return lg_errf(e, file, ln, "out of memory");
	in->aoff = (uint32_t)off;
	for (int i = 0; i < pc; i++) {
		int64_t d;

		if (mode == LG_KT_AM_LIST ? !tok_hex(pp, &v) : !tok_dec(pp, &d))
			return lg_errf(e, file, ln, "expected %d %s for mask %08x", pc,
				       mode == LG_KT_AM_LIST ? "addresses" : "deltas", in->mask);
		w->addrs[off + i] = mode == LG_KT_AM_LIST ? v : (uint64_t)d;
	}
	if (mode == LG_KT_AM_LIST && pc > 0)
		in->base = w->addrs[off];
	return 0;
}

/* Parse one instruction line (Accel-Sim syntax) into a new slot of w. */
int kt_parse_insn(lg_kt_reader *r, lg_kt_warp *w, char *line, bool oldfmt,
		  bool lineinfo, const char *file, long ln, lg_err *e)
{
	lg_kt_insn *in = kt_warp_push(w);
	char *p = line, *op;
	uint64_t v, width;
	int64_t s;
	int idx;

	if (!in)
		return lg_errf(e, file, ln, "out of memory");
	for (int i = 0; oldfmt && i < 4; i++)
		if (!tok_udec(&p, UINT32_MAX, &v))
			return lg_errf(e, file, ln, "expected 'tb_x tb_y tb_z warp' prefix (tracer version < 3)");
	if (lineinfo) {
		if (!tok_udec(&p, UINT32_MAX, &v))
			return lg_errf(e, file, ln, "expected a source line number (lineinfo)");
		in->line = (uint32_t)v;
	}
	if (!tok_hex(&p, &v) || v > UINT32_MAX)
		return lg_errf(e, file, ln, "expected PC in hex");
	in->pc = (uint32_t)v;
	if (!tok_hex(&p, &v) || v > UINT32_MAX)
		return lg_errf(e, file, ln, "expected active mask in hex");
	in->mask = (uint32_t)v;
	if (!tok_udec(&p, LG_KT_MAXDST, &v))
		return lg_errf(e, file, ln, "expected destination register count 0..%d", LG_KT_MAXDST);
	in->ndst = (uint8_t)v;
	for (int i = 0; i < in->ndst; i++)
		if (!tok_reg(&p, &in->dst[i]))
			return lg_errf(e, file, ln, "expected destination register R<n>");
	op = p = skip_ws(p);
	while (!tok_end(*p))
		p++;
	if (p == op)
		return lg_errf(e, file, ln, "expected opcode");
	idx = lg_kt_optab_intern(r->ops, op, (size_t)(p - op));
	if (idx < 0)
		return lg_errf(e, file, ln, "opcode too long or too many distinct opcodes");
	in->op = (uint16_t)idx;
	if (lg_kt_optab_get(r->ops, (unsigned)idx)->cls == LG_KT_UNKNOWN)
		kt_note_unknown(r, file, ln);
	if (!tok_udec(&p, LG_KT_MAXSRC, &v))
		return lg_errf(e, file, ln, "expected source register count 0..%d", LG_KT_MAXSRC);
	in->nsrc = (uint8_t)v;
	for (int i = 0; i < in->nsrc; i++)
		if (!tok_reg(&p, &in->src[i]))
			return lg_errf(e, file, ln, "expected source register R<n>");
	if (!tok_udec(&p, 1024, &width))
		return lg_errf(e, file, ln, "expected memory width");
	if (width > 0 && is_tma(op, strcspn(op, " \t")) && skip_tma(&p, file, ln, e) < 0)
		return -1;
	else if (width > 0 && !is_tma(op, strcspn(op, " \t")) && parse_addrs(w, in, &p, file, ln, e) < 0)
		return -1;
	if (*skip_ws(p)) {
		if (!tok_dec(&p, &s) || s < INT32_MIN || s > INT32_MAX)
			return lg_errf(e, file, ln, "expected immediate or end of line");
		in->imm = (int32_t)s;
		if (*skip_ws(p))
			return lg_errf(e, file, ln, "unexpected text after the instruction");
	}
	return 0;
}

/* Append formatted text to buf at *n. */
#define PUT(...) (n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, __VA_ARGS__))

/* Format an instruction in the canonical lgt-text (Accel-Sim) syntax. */
size_t kt_format_insn(const lg_kt_optab *ops, const lg_kt_warp *w,
		      const lg_kt_insn *in, bool lineinfo, char *buf, size_t cap)
{
	const lg_kt_opinfo *oi = lg_kt_optab_get(ops, in->op);
	size_t n = 0;
	int pc = __builtin_popcount(in->mask);

	if (lineinfo)
		PUT("%u ", in->line);
	PUT("%04x %08x %u", in->pc, in->mask, in->ndst);
	for (int i = 0; i < in->ndst; i++)
		PUT(" R%u", in->dst[i]);
	PUT(" %s %u", oi ? oi->name : "?", in->nsrc);
	for (int i = 0; i < in->nsrc; i++)
		PUT(" R%u", in->src[i]);
	if (in->amode == LG_KT_AMODE_NONE) {
		PUT(" 0");
	} else if (in->amode == LG_KT_AM_STRIDE) {
		PUT(" %u 1 0x%llx %lld", oi && oi->width ? oi->width : 4,
		    (unsigned long long)in->base, (long long)in->stride);
	} else if (in->amode == LG_KT_AM_LIST) {
		PUT(" %u 0", oi && oi->width ? oi->width : 4);
		for (int i = 0; i < pc; i++)
			PUT(" 0x%016llx", (unsigned long long)w->addrs[in->aoff + i]);
	} else {
		PUT(" %u 2 0x%llx", oi && oi->width ? oi->width : 4, (unsigned long long)in->base);
		for (int i = 0; i + 1 < pc; i++)
			PUT(" %lld", (long long)w->addrs[in->aoff + i]);
	}
	PUT(" %d", in->imm);
	return n;
}

/* A text parser over src. */
kt_txt *kt_txt_create(kt_src *src, bool accelsim)
{
	kt_txt *t = calloc(1, sizeof(*t));

	if (t) {
		t->src = src;
		t->accelsim = accelsim;
	}
	return t;
}

/* Free the parser (not its source). */
void kt_txt_destroy(kt_txt *t)
{
	free(t);
}

/* Reset the kernel header to defaults before reading a new one. */
static void kernel_reset(lg_kt_reader *r, uint32_t ordinal)
{
	char *name = r->kern.name;

	memset(&r->kern, 0, sizeof(r->kern));
	r->kern.name = name;
	r->kern.id = ordinal;
	r->kern.grid[0] = r->kern.grid[1] = r->kern.grid[2] = 1;
	r->kern.block[0] = r->kern.block[1] = r->kern.block[2] = 1;
}

/* Strip blanks at both ends, in place. */
static char *trim(char *s)
{
	size_t l;

	s = skip_ws(s);
	l = strlen(s);
	while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
		s[--l] = '\0';
	return s;
}

/*
 * Unsigned decimal digits at *pp, at most max: no sign, no wrap (sscanf's
 * %u takes "-1" and wraps 4294967296 to 0). *pp moves past the digits.
 */
static bool strict_udec(const char **pp, uint64_t max, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	*pp = p;
	return true;
}

/* Blanks, then the character c; *pp moves past both. */
static bool expect_char(const char **pp, char c)
{
	const char *p = *pp;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != c)
		return false;
	*pp = p + 1;
	return true;
}

/*
 * Three 32-bit numbers "[open]X,Y,Z[close]" filling the rest of v (blanks
 * allowed around each). open/close '\0' means none.
 */
static bool parse_u32x3(const char *v, char open, char close, uint32_t d[3])
{
	const char *p = v;
	uint64_t x[3];

	if (open && !expect_char(&p, open))
		return false;
	for (int i = 0; i < 3; i++) {
		if (i && !expect_char(&p, ','))
			return false;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strict_udec(&p, UINT32_MAX, &x[i]))
			return false;
	}
	if (close && !expect_char(&p, close))
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return false;
	for (int i = 0; i < 3; i++)
		d[i] = (uint32_t)x[i];
	return true;
}

/* A "(x,y,z)" dimension. */
static bool parse_dim3(const char *v, uint32_t d[3])
{
	return parse_u32x3(v, '(', ')', d);
}

/* A whole-field number, decimal or hex (0x optional), at most 64 bits. */
static bool parse_u64(const char *v, bool hex, uint64_t *out)
{
	char *p = skip_ws((char *)v);
	int64_t x;

	if (hex)
		return tok_hex(&p, out) && !*skip_ws(p);
	if (!tok_dec(&p, &x) || x < 0 || *skip_ws(p))
		return false;
	*out = (uint64_t)x;
	return true;
}

/* One "-key = value" kernel header line. */
static int header_line(kt_txt *t, lg_kt_reader *r, char *line, lg_err *e)
{
	const char *f = kt_src_path(t->src);
	long ln = kt_src_lineno(t->src);
	char *eq = strchr(line, '='), *key, *val;
	uint64_t v = 0;
	bool ok = true;
	lg_kt_kernel *k = &r->kern;

	if (!eq)
		return lg_errf(e, f, ln, "expected '-key = value' header line");
	*eq = '\0';
	key = trim(line + 1);
	val = trim(eq + 1);
	if (!strcmp(key, "kernel name")) {
		if (kt_set_name(r, val, strlen(val)) < 0)
			return lg_errf(e, f, ln, "out of memory");
	} else if (!strcmp(key, "kernel id")) {
		ok = parse_u64(val, false, &v) && v <= UINT32_MAX;
		k->id = (uint32_t)v;
	} else if (!strcmp(key, "grid dim")) {
		ok = parse_dim3(val, k->grid);
	} else if (!strcmp(key, "block dim")) {
		ok = parse_dim3(val, k->block);
	} else if (!strcmp(key, "shmem")) {
		ok = parse_u64(val, false, &v) && v <= UINT32_MAX;
		k->shmem = (uint32_t)v;
	} else if (!strcmp(key, "nregs")) {
		ok = parse_u64(val, false, &v) && v <= UINT32_MAX;
		k->nregs = (uint32_t)v;
	} else if (!strcmp(key, "binary version")) {
		ok = parse_u64(val, false, &v) && v <= UINT32_MAX;
		k->binary_version = (uint32_t)v;
	} else if (!strcmp(key, "cuda stream id")) {
		ok = parse_u64(val, false, &k->stream);
	} else if (!strcmp(key, "shmem base_addr")) {
		ok = parse_u64(val, true, &k->shmem_base);
	} else if (!strcmp(key, "local mem base_addr")) {
		ok = parse_u64(val, true, &k->local_base);
	} else if (!strcmp(key, "nvbit version")) {
		snprintf(k->nvbit_version, sizeof(k->nvbit_version), "%s", val);
	} else if (!strcmp(key, "accelsim tracer version")) {
		/* older tracers write "1.2": like Accel-Sim, keep the leading integer */
		const char *q = val;

		ok = strict_udec(&q, UINT32_MAX, &v);
		k->tracer_version = (uint32_t)v;
	} else if (!strcmp(key, "enable lineinfo")) {
		ok = parse_u64(val, false, &v) && v <= 1;
		k->lineinfo = (uint32_t)v;
	} else if (!strncmp(key, "meta ", 5)) {
		ok = lg_kt_meta_set(&k->meta, trim(key + 5), val) == 0;
	} /* other header keys (future tracer fields) are ignored */
	if (!ok)
		return lg_errf(e, f, ln, "bad value for '-%s'", key);
	return 0;
}

/* Read the N instruction lines of one warp. */
static int read_warp(kt_txt *t, lg_kt_reader *r, uint64_t n, lg_err *e)
{
	const char *f = kt_src_path(t->src);
	bool old = t->accelsim && r->kern.tracer_version < 3;
	char *line;
	size_t len;

	lg_kt_warp_clear(&r->warp);
	r->warp.cta[0] = t->cta[0];
	r->warp.cta[1] = t->cta[1];
	r->warp.cta[2] = t->cta[2];
	r->warp.warp = t->warp;
	for (uint64_t i = 0; i < n; i++) {
		int rc = kt_src_line(t->src, &line, &len, e);

		if (rc < 0)
			return -1;
		if (rc == 0)
			return lg_errf(e, f, kt_src_lineno(t->src) + 1,
				       "end of file after %llu of %llu instructions of warp %u",
				       (unsigned long long)i, (unsigned long long)n, t->warp);
		if (kt_parse_insn(r, &r->warp, line, old, r->kern.lineinfo, f,
				  kt_src_lineno(t->src), e) < 0)
			return -1;
	}
	return LG_KT_EV_WARP;
}

/* lgt-text only lines: LGKT-TEXT, meta, memcpy. 1 handled (ev in *ev), 0 not. */
static int text_only_line(kt_txt *t, lg_kt_reader *r, char *line, int *ev, lg_err *e)
{
	const char *f = kt_src_path(t->src);
	long ln = kt_src_lineno(t->src);
	char *p;

	*ev = -1;
	if (!strncmp(line, "LGKT-TEXT", 9)) {
		if (strcmp(trim(line + 9), "1") != 0)
			return lg_errf(e, f, ln, "expected 'LGKT-TEXT 1' (unsupported version)");
		t->started = true;
		return 1;
	}
	if (!t->started)
		return lg_errf(e, f, ln, "expected 'LGKT-TEXT 1' as the first line");
	if (!strncmp(line, "meta ", 5)) {
		char *eq = strchr(line, '=');

		if (!eq)
			return lg_errf(e, f, ln, "expected 'meta KEY = VALUE'");
		*eq = '\0';
		if (lg_kt_meta_set(&r->tmeta, trim(line + 5), trim(eq + 1)) < 0)
			return lg_errf(e, f, ln, "metadata full or too long");
		return 1;
	}
	if (!strncmp(line, "memcpy ", 7)) {
		int64_t b;

		p = line + 7;
		if (t->pending || t->in_tb)
			return lg_errf(e, f, ln, "memcpy inside a kernel");
		if (!tok_hex(&p, &r->mc_addr) || !tok_dec(&p, &b) || b < 0 || *skip_ws(p))
			return lg_errf(e, f, ln, "expected 'memcpy 0xADDR BYTES'");
		r->mc_bytes = (uint64_t)b;
		*ev = LG_KT_EV_MEMCPY;
		return 1;
	}
	return 0;
}

/* Lines inside a thread block: thread block, warp, insts. */
static int tb_line(kt_txt *t, lg_kt_reader *r, char *line, lg_err *e)
{
	const char *f = kt_src_path(t->src);
	long ln = kt_src_lineno(t->src);
	char *p;
	uint64_t n;

	if (!strncmp(line, "thread block", 12)) {
		p = skip_ws(line + 12);
		if (*p != '=' || !parse_u32x3(p + 1, '\0', '\0', t->cta))
			return lg_errf(e, f, ln, "expected 'thread block = X,Y,Z' (each 0..4294967295)");
		return 0;
	}
	if (!strncmp(line, "cluster ", 8) && strchr(line, '='))
		return 0; /* cluster id/cta/rank (Hopper tracers): not kept */
	if (!strncmp(line, "warp", 4) && (p = strchr(line, '='))) {
		p++;
		if (!tok_udec(&p, UINT32_MAX, &n) || *skip_ws(p))
			return lg_errf(e, f, ln, "expected 'warp = N'");
		t->warp = (uint32_t)n;
		return 0;
	}
	if (!strncmp(line, "insts", 5) && (p = strchr(line, '='))) {
		p++;
		if (!tok_udec(&p, LG_KT_MAX_WARP_INSNS, &n) || *skip_ws(p))
			return lg_errf(e, f, ln, "expected 'insts = N' with N at most %u",
				       LG_KT_MAX_WARP_INSNS);
		return read_warp(t, r, n, e);
	}
	return lg_errf(e, f, ln, "expected 'thread block = ', 'warp = ', 'insts = ' or #END_TB");
}

/*
 * Next event of a text source: a kernel (given when its first thread block
 * or the next kernel starts), a warp, or a memcpy.
 */
int kt_txt_next(kt_txt *t, lg_kt_reader *r, lg_err *e)
{
	const char *f = kt_src_path(t->src);
	int rc, ev;

	if (t->accelsim && t->nkernels == 0) {
		kernel_reset(r, r->kern.id + 1);
		t->nkernels = 1;
		t->pending = true;
	}
	for (;;) {
		char *line;

		if (t->held) {
			t->held = false;
			line = t->line;
		} else {
			rc = kt_src_line(t->src, &t->line, &t->len, e);
			if (rc < 0)
				return -1;
			if (rc == 0)
				break;
			line = t->line;
		}
		line = skip_ws(line);
		if (!*line)
			continue;
		if (!t->accelsim && !t->in_tb && line[0] != '-' && line[0] != '#') {
			rc = text_only_line(t, r, line, &ev, e);
			if (rc < 0)
				return -1;
			if (rc == 1) {
				if (ev >= 0)
					return ev;
				continue;
			}
		}
		if (line[0] == '-' && !t->in_tb) {
			if (!t->accelsim && !strncmp(line, "-kernel name", 12)) {
				if (t->pending) {
					t->held = true;
					t->pending = false;
					return LG_KT_EV_KERNEL;
				}
				kernel_reset(r, ++t->nkernels);
				t->pending = true;
			} else if (!t->pending) {
				return lg_errf(e, f, kt_src_lineno(t->src), "header line outside a kernel header");
			}
			if (header_line(t, r, line, e) < 0)
				return -1;
			continue;
		}
		if (!strncmp(line, "#BEGIN_TB", 9)) {
			if (t->pending) {
				t->held = true;
				t->pending = false;
				return LG_KT_EV_KERNEL;
			}
			if (t->in_tb)
				return lg_errf(e, f, kt_src_lineno(t->src), "#BEGIN_TB before the previous #END_TB");
			if (!t->nkernels)
				return lg_errf(e, f, kt_src_lineno(t->src), "thread block before any kernel header");
			t->in_tb = true;
			continue;
		}
		if (!strncmp(line, "#END_TB", 7)) {
			if (!t->in_tb)
				return lg_errf(e, f, kt_src_lineno(t->src), "#END_TB without #BEGIN_TB");
			t->in_tb = false;
			continue;
		}
		if (line[0] == '#')
			continue;
		if (!t->in_tb)
			return lg_errf(e, f, kt_src_lineno(t->src), "expected a header line or #BEGIN_TB");
		rc = tb_line(t, r, line, e);
		if (rc != 0)
			return rc;
	}
	if (t->in_tb)
		return lg_errf(e, f, kt_src_lineno(t->src) + 1, "end of file inside a thread block (expected #END_TB)");
	if (t->pending) {
		t->pending = false;
		return LG_KT_EV_KERNEL;
	}
	return LG_KT_EV_END;
}

/* ---- the lgt-text back end ---- */

/* lgt-text starts with its version line. */
static bool text_probe(const char *head, size_t n)
{
	return n >= 9 && !memcmp(head, "LGKT-TEXT", 9);
}

/* Open an lgt-text file. */
static int text_open(lg_kt_reader *r, lg_err *e)
{
	kt_src *s = kt_src_open(r->path, e);

	if (!s)
		return -1;
	r->st = kt_txt_create(s, false);
	if (!r->st) {
		kt_src_close(s);
		return lg_errf(e, r->path, 0, "out of memory");
	}
	return 0;
}

/* Next event of an lgt-text file. */
static int text_next(lg_kt_reader *r, lg_err *e)
{
	return kt_txt_next(r->st, r, e);
}

/* Free the lgt-text back end. */
static void text_close(lg_kt_reader *r)
{
	kt_txt *t = r->st;

	if (t) {
		kt_src_close(t->src);
		kt_txt_destroy(t);
	}
}

const kt_backend kt_backend_text = {
	"lgt-text", text_probe, text_open, text_next, text_close,
};
