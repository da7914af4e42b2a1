/*
 * lgsim trace: kernel-trace tools (docs/trace-format.md).
 *
 *   trace info FILE [--format F] [--no-footprint]   (DRAM request traces too)
 *   trace convert IN OUT [--format F] [--text]
 *   trace gen gemm M N K [--dtype D] [--tile BMxBNxBK] [--warps W] [--mma sync|wgmma] [--repeat R]
 *                        [--a ADDR] [--b ADDR] [--c ADDR] [--dies N --die I] -o OUT [--text]
 *   trace gen rs|ag|a2a --dies N --die I --bytes S [--dtype D] [--ctas C] [--warps W]
 *                        [--die-stride X] [--data OFF] [--out OFF] -o OUT [--text]
 *   trace gen stream [--op copy|read|write] [--bytes S] [--a A] [--b B] [--ctas C] [--warps W] -o OUT
 *   trace gen random [--count N] [--bytes RANGE] [--a A] [--seed S] [--ctas C] [--warps W] -o OUT
 *   trace gen chase [--count N] [--bytes RANGE] [--stride S] [--a A] -o OUT
 *
 * Numbers take 0x hex and k/M/G (binary) suffixes. Bad input or usage:
 * one line on stderr, exit 2, no output file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lgsim.h"
#include "ktrace/kt_gen.h"
#include "ktrace/kt_info.h"
#include "ktrace/ktrace.h"
#include "trace/dtrace.h"

/*
 * Parse a number: decimal or 0x hex, optional k/M/G (binary) suffix;
 * false if malformed or past 64 bits (strtoull would clamp, the shift wrap).
 */
static bool num(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long x;
	unsigned sh = 0;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	x = strtoull(s, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10);
	if (errno || end == s)
		return false;
	switch (*end) {
	case 'k': case 'K': sh = 10; end++; break;
	case 'M': sh = 20; end++; break;
	case 'G': sh = 30; end++; break;
	default: break;
	}
	if (*end || (sh && x > (UINT64_MAX >> sh)))
		return false;
	*v = x << sh;
	return true;
}

/* A number that fits 32 bits. */
static bool num32(const char *s, uint32_t *v)
{
	uint64_t x;

	if (!num(s, &x) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* Whether -h or --help is among the arguments. */
static bool want_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

static const char help_trace[] =
	"usage: lgsim trace info|convert|gen ...\n"
	"  info FILE       summarise a kernel trace or a DRAM request trace\n"
	"  convert IN OUT  copy a kernel trace (lgt, lgt-text, Accel-Sim) to lgt or lgt-text\n"
	"  gen KIND ...    write a synthetic kernel trace: gemm, rs, ag, a2a, stream, random, chase\n"
	"`lgsim trace SUB --help` gives each one's options; docs/trace-format.md the formats.\n";

static const char help_info[] =
	"usage: lgsim trace info FILE [--format F] [--no-footprint]\n"
	"Summarise a kernel trace (kernels, warps, instructions by class, bytes,\n"
	"footprint) or a DRAM request trace (requests by op).\n"
	"  --format F      lgt|lgt-text|accelsim (kernel traces) or lgsim|dramsim3|ramulator\n"
	"                  (DRAM request traces); default: detected from the file\n"
	"  --no-footprint  skip the distinct-address footprint (less memory on big traces)\n";

static const char help_convert[] =
	"usage: lgsim trace convert IN OUT [--format F] [--text]\n"
	"Copy every event of a kernel trace to lgt (binary, gzip) or lgt-text.\n"
	"IN may be an lgt or lgt-text file, an Accel-Sim kernelslist.g or a .traceg[.xz].\n"
	"  --format F  lgt|lgt-text|accelsim; default: detected from the file\n"
	"  --text      write lgt-text instead of lgt\n"
	"OUT appears only when complete; on an error nothing is left behind.\n";

static const char help_gen[] =
	"usage: lgsim trace gen KIND [options] -o OUT [--text]\n"
	"Write a deterministic synthetic kernel trace (lgt, or lgt-text with --text).\n"
	"KIND is gemm, rs, ag, a2a, stream, random or chase; `lgsim trace gen KIND --help`\n"
	"lists its options. Numbers take 0x hex and k/M/G (binary) suffixes.\n";

static const char help_gemm[] =
	"usage: lgsim trace gen gemm M N K [options] -o OUT [--text]\n"
	"Tiled GEMM C[M][N] = A[M][K] B[K][N] (row-major), one kernel.\n"
	"  --dtype D        fp8-e4m3|bf16|fp16|fp32 (default bf16)\n"
	"  --tile BMxBNxBK  CTA tile (default 128x128x32)\n"
	"  --warps W        warps per CTA (default 4)\n"
	"  --mma sync|wgmma warp MMAs m16n8k (default) or warpgroup MMAs m64 n(BN) k\n"
	"  --repeat R       R back-to-back kernels of the same GEMM, 1..1000 (default 1)\n"
	"  --a A, --b B, --c C  base addresses (default 0x100000000, 0x200000000, 0x300000000)\n"
	"  --dies D --die I this die computes columns [I*N/D, (I+1)*N/D) (default 1 die)\n"
	"  -o OUT           output file (required); --text writes lgt-text\n";

static const char help_coll[] =
	"usage: lgsim trace gen rs|ag|a2a [options] -o OUT [--text]\n"
	"One die's kernels of a ring reduce-scatter (rs), all-gather (ag) or MoE all-to-all (a2a).\n"
	"  --dies D         dies in the ring (default 4)\n"
	"  --die I          this die (default 0)\n"
	"  --bytes S        buffer bytes per die, a multiple of D*512 (default 1M)\n"
	"  --dtype D        fp8-e4m3|bf16|fp16|fp32 (default bf16)\n"
	"  --ctas C         CTAs (default 4)\n"
	"  --warps W        warps per CTA (default 4)\n"
	"  --die-stride X   die j's memory starts at j*X (default 2^40)\n"
	"  --data OFF       input buffer offset in the die's memory (default 0x100000000)\n"
	"  --out OFF        receive/output buffer offset (default 0x200000000)\n"
	"  -o OUT           output file (required); --text writes lgt-text\n";

static const char help_micro[] =
	"usage: lgsim trace gen stream|random|chase [options] -o OUT [--text]\n"
	"stream: one kernel over S bytes in 512 B slices; random: N warp loads (4 B per\n"
	"lane) at random 4 B-aligned addresses in [A, A+RANGE); chase: one thread's N\n"
	"dependent 4 B loads at A + (i x STRIDE) mod RANGE (a pointer chase).\n"
	"  --op copy|read|write  stream: LDG+STG, LDG or STG per slice (default copy)\n"
	"  --bytes S        stream: bytes per array, a multiple of 512 (default 1M);\n"
	"                   random: the address range (default 1M)\n"
	"  --count N        random, chase: load instructions (default 4096)\n"
	"  --stride S       chase: bytes between consecutive loads (default 128)\n"
	"  --a A, --b B     array bases (default 0x100000000, 0x200000000)\n"
	"  --seed S         random: xorshift64 seed (default 1)\n"
	"  --ctas C         CTAs (default 8; chase: 1)\n"
	"  --warps W        warps per CTA (default 4; chase: 1)\n"
	"  -o OUT           output file (required); --text writes lgt-text\n";

/* `trace info` on a DRAM request trace: request counts by op. */
static int dram_info(const char *path, const char *fmt)
{
	lg_err e;
	lg_dtrace *t = lg_dtrace_open(path, fmt, &e);
	lg_dtrace_rec r;
	uint64_t n[LG_OP_COUNT] = { 0 }, bytes = 0;
	int rc;

	if (!t)
		return lgsim_fail(&e);
	while ((rc = lg_dtrace_next(t, &r, &e)) > 0) {
		n[r.op < LG_OP_COUNT ? r.op : 0]++;
		bytes += r.size;
	}
	printf("file %s\nformat %s (DRAM request trace)\n", path, lg_dtrace_format(t));
	lg_dtrace_close(t);
	if (rc < 0)
		return lgsim_fail(&e);
	printf("requests %llu\nreads %llu\nwrites %llu\nnmc %llu\nbytes %llu (0-byte records are one burst)\n",
	       (unsigned long long)(n[LG_OP_RD] + n[LG_OP_WR] + n[LG_OP_NMC]),
	       (unsigned long long)n[LG_OP_RD], (unsigned long long)n[LG_OP_WR],
	       (unsigned long long)n[LG_OP_NMC], (unsigned long long)bytes);
	return 0;
}

/* `trace info`: summary of any kernel trace (or a DRAM request trace). */
static int cmd_info(int argc, char **argv)
{
	const char *path = NULL, *fmt = NULL;
	bool footprint = true;
	lg_kt_stats st;
	lg_err e;

	if (want_help(argc, argv)) {
		fputs(help_info, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmt = argv[++i];
		else if (!strcmp(argv[i], "--no-footprint"))
			footprint = false;
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else
			return lgsim_usage("trace info: unexpected '%s'", argv[i]);
	}
	if (!path)
		return lgsim_usage("usage: lgsim trace info FILE [--format lgt|lgt-text|accelsim|lgsim|dramsim3|ramulator] [--no-footprint]");
	if (fmt && strcmp(fmt, "lgt") && strcmp(fmt, "lgt-text") && strcmp(fmt, "accelsim"))
		return dram_info(path, fmt);
	if (!fmt) {
		const char *kf;
		int rc = lg_kt_detect(path, &kf, &e);

		if (rc < 0)
			return lgsim_fail(&e);
		if (rc == 0)
			return dram_info(path, NULL);
	}
	printf("file %s\n", path);
	if (lg_kt_info(path, fmt, footprint, stdout, &st, &e) < 0)
		return lgsim_fail(&e);
	lg_kt_stats_print(stdout, &st);
	if (st.unknown)
		fprintf(stderr, "%s: warning: %llu instructions with unclassified opcodes (class 'unknown')\n",
			path, (unsigned long long)st.unknown);
	return 0;
}

/* `trace convert`: any kernel trace to lgt or lgt-text. */
static int cmd_convert(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *fmt = NULL;
	bool text = false;
	uint64_t unknown = 0;
	char where[1200];
	lg_err e;

	if (want_help(argc, argv)) {
		fputs(help_convert, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmt = argv[++i];
		else if (!strcmp(argv[i], "--text"))
			text = true;
		else if (!in && argv[i][0] != '-')
			in = argv[i];
		else if (!out && argv[i][0] != '-')
			out = argv[i];
		else
			return lgsim_usage("trace convert: unexpected '%s'", argv[i]);
	}
	if (!in || !out)
		return lgsim_usage("usage: lgsim trace convert IN OUT [--format F] [--text]");
	if (lg_kt_convert(in, fmt, out, text, &unknown, where, sizeof(where), &e) < 0)
		return lgsim_fail(&e);
	if (unknown)
		fprintf(stderr, "%s: warning: %llu instructions with unclassified opcodes (class 'unknown'), first here\n",
			where, (unsigned long long)unknown);
	return 0;
}

/* Options common to the generators. */
typedef struct gen_opts {
	const char *out;
	bool text;
} gen_opts;

/* "BMxBNxBK", each a 32-bit number (sscanf's %u would wrap). */
static bool tile(const char *v, lg_kt_gemm *g)
{
	char buf[64], *x1, *x2;

	if (snprintf(buf, sizeof(buf), "%s", v) >= (int)sizeof(buf))
		return false;
	x1 = strchr(buf, 'x');
	x2 = x1 ? strchr(x1 + 1, 'x') : NULL;
	if (!x2)
		return false;
	*x1 = *x2 = '\0';
	return num32(buf, &g->bm) && num32(x1 + 1, &g->bn) && num32(x2 + 1, &g->bk);
}

/* One gemm option: 1 ok, 0 bad value, -1 unknown option. */
static int gemm_opt(lg_kt_gemm *g, const char *k, const char *v)
{
	if (!strcmp(k, "--dtype"))
		return (g->dtype = lg_dtype_parse(v)) != LG_DT_NONE;
	if (!strcmp(k, "--tile"))
		return tile(v, g);
	if (!strcmp(k, "--warps"))
		return num32(v, &g->warps);
	if (!strcmp(k, "--repeat"))
		return num32(v, &g->repeat) && g->repeat > 0 && g->repeat <= 1000;
	if (!strcmp(k, "--mma")) {
		g->wgmma = !strcmp(v, "wgmma");
		return g->wgmma || !strcmp(v, "sync");
	}
	if (!strcmp(k, "--a"))
		return num(v, &g->a);
	if (!strcmp(k, "--b"))
		return num(v, &g->b);
	if (!strcmp(k, "--c"))
		return num(v, &g->c);
	if (!strcmp(k, "--dies"))
		return num32(v, &g->dies);
	if (!strcmp(k, "--die"))
		return num32(v, &g->die);
	return -1;
}

/* One rs/ag/a2a option: 1 ok, 0 bad value, -1 unknown option. */
static int coll_opt(lg_kt_coll *c, const char *k, const char *v)
{
	if (!strcmp(k, "--dtype"))
		return (c->dtype = lg_dtype_parse(v)) != LG_DT_NONE;
	if (!strcmp(k, "--dies"))
		return num32(v, &c->dies);
	if (!strcmp(k, "--die"))
		return num32(v, &c->die);
	if (!strcmp(k, "--bytes"))
		return num(v, &c->bytes);
	if (!strcmp(k, "--ctas"))
		return num32(v, &c->ctas);
	if (!strcmp(k, "--warps"))
		return num32(v, &c->warps);
	if (!strcmp(k, "--die-stride"))
		return num(v, &c->die_stride);
	if (!strcmp(k, "--data"))
		return num(v, &c->data_off);
	if (!strcmp(k, "--out"))
		return num(v, &c->out_off);
	return -1;
}

/* One stream/random option: 1 ok, 0 bad value, -1 unknown option. */
static int micro_opt(lg_kt_micro *m, const char *k, const char *v)
{
	if (!strcmp(k, "--op")) {
		snprintf(m->op, sizeof(m->op), "%s", v);
		return 1;
	}
	if (!strcmp(k, "--bytes"))
		return num(v, &m->bytes);
	if (!strcmp(k, "--count"))
		return num(v, &m->count);
	if (!strcmp(k, "--a"))
		return num(v, &m->a);
	if (!strcmp(k, "--b"))
		return num(v, &m->b);
	if (!strcmp(k, "--ctas"))
		return num32(v, &m->ctas);
	if (!strcmp(k, "--warps"))
		return num32(v, &m->warps);
	if (!strcmp(k, "--seed"))
		return num(v, &m->seed);
	if (!strcmp(k, "--stride"))
		return num(v, &m->stride);
	return -1;
}

/* `trace gen KIND`: parse options, write the trace. */
static int cmd_gen(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";
	lg_kt_gemm g;
	lg_kt_coll c;
	lg_kt_micro m;
	gen_opts o = { 0 };
	int npos = 0, rc;
	uint32_t pos[3];
	lg_kt_writer *w;
	lg_err e;

	if (want_help(argc, argv)) {
		fputs(!strcmp(kind, "gemm") ? help_gemm :
		      (!strcmp(kind, "rs") || !strcmp(kind, "ag") || !strcmp(kind, "a2a")) ? help_coll :
		      (!strcmp(kind, "stream") || !strcmp(kind, "random") || !strcmp(kind, "chase")) ? help_micro : help_gen,
		      stdout);
		return 0;
	}
	lg_kt_gemm_defaults(&g);
	lg_kt_coll_defaults(&c);
	lg_kt_micro_defaults(&m);
	if (!strcmp(kind, "ag"))
		c.kind = LG_KT_AG;
	else if (!strcmp(kind, "a2a"))
		c.kind = LG_KT_A2A;
	else if (!strcmp(kind, "random"))
		m.kind = LG_KT_RANDOM;
	else if (!strcmp(kind, "chase"))
		lg_kt_chase_defaults(&m);
	else if (strcmp(kind, "gemm") && strcmp(kind, "rs") && strcmp(kind, "stream"))
		return lgsim_usage("usage: lgsim trace gen gemm|rs|ag|a2a|stream|random|chase ... -o OUT (see docs/trace-format.md)");
	for (int i = 2; i < argc; i++) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(k, "--text")) {
			o.text = true;
			continue;
		}
		if (!strcmp(k, "-o") && v) {
			o.out = v;
			i++;
			continue;
		}
		if (k[0] != '-') {
			if (strcmp(kind, "gemm") || npos >= 3 || !num32(k, &pos[npos]))
				return lgsim_usage("trace gen %s: unexpected '%s'", kind, k);
			npos++;
			continue;
		}
		if (!v)
			return lgsim_usage("trace gen %s: %s needs a value", kind, k);
		rc = !strcmp(kind, "gemm") ? gemm_opt(&g, k, v) :
		     (!strcmp(kind, "stream") || !strcmp(kind, "random") || !strcmp(kind, "chase")) ? micro_opt(&m, k, v) :
		     coll_opt(&c, k, v);
		if (rc < 0)
			return lgsim_usage("trace gen %s: unknown option '%s'", kind, k);
		if (rc == 0)
			return lgsim_usage("trace gen %s: bad value '%s' for %s", kind, v, k);
		i++;
	}
	if (!o.out)
		return lgsim_usage("trace gen %s: expected -o OUT", kind);
	if (!strcmp(kind, "gemm")) {
		if (npos != 3)
			return lgsim_usage("usage: lgsim trace gen gemm M N K [options] -o OUT");
		g.m = pos[0];
		g.n = pos[1];
		g.k = pos[2];
	}
	w = lg_kt_writer_open(o.out, o.text, &e);
	if (!w)
		return lgsim_fail(&e);
	if (!strcmp(kind, "gemm"))
		rc = lg_kt_gen_gemm(w, &g, &e);
	else if (!strcmp(kind, "stream") || !strcmp(kind, "random") || !strcmp(kind, "chase"))
		rc = lg_kt_gen_micro(w, &m, &e);
	else
		rc = lg_kt_gen_coll(w, &c, &e);
	if (rc < 0) {
		lg_kt_writer_abort(w);
		return lgsim_fail(&e);
	}
	if (lg_kt_writer_commit(w, &e) < 0)
		return lgsim_fail(&e);
	return 0;
}

/* Dispatch `lgsim trace` subcommands. */
int lgsim_cmd_trace(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
		fputs(help_trace, stdout);
		return 0;
	}
	if (!strcmp(sub, "info"))
		return cmd_info(argc - 1, argv + 1);
	if (!strcmp(sub, "convert"))
		return cmd_convert(argc - 1, argv + 1);
	if (!strcmp(sub, "gen"))
		return cmd_gen(argc - 1, argv + 1);
	return lgsim_usage("usage: lgsim trace info|convert|gen ... (see docs/trace-format.md)");
}
