/*
 * Synthetic kernel-trace generators (see kt_gen.h and docs/trace-format.md).
 *
 * Every generator builds one warp at a time in an lg_kt_warp and hands it
 * to the writer, so memory stays at one warp. Output depends only on the
 * parameters (the random generator uses its own seeded xorshift state).
 * Registers are nominal (a fixed small set per instruction kind): they give
 * the CU model plausible dependences, not a compiled kernel's allocation.
 * Memory instructions move 16 bytes per lane (.128) except `random` (4 B);
 * lane addresses are written base+stride when the stride is constant and
 * base+delta otherwise, random ones as a full list.
 */
#include "ktrace/kt_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLICE 512u /* bytes one warp moves with one .128 instruction */

typedef struct gen {
	lg_kt_optab *ops;
	lg_kt_warp w;
	lg_kt_writer *wr;
} gen;

#define R_DATA 4 /* data register of the non-GEMM loads and stores */

static const uint16_t R_ADDR[] = { 2 };
static const uint16_t R_ALU_D[] = { 4 }, R_ALU_S[] = { 4, 6 };

/* Append a non-memory instruction (full mask) with the given registers. */
static lg_kt_insn *emit(gen *g, const char *op, uint32_t pc, int nd, const uint16_t *d,
			int ns, const uint16_t *s)
{
	lg_kt_insn *in = lg_kt_warp_push(&g->w);
	int idx = lg_kt_optab_intern(g->ops, op, strlen(op));

	if (!in || idx < 0)
		return NULL;
	in->op = (uint16_t)idx;
	in->pc = pc;
	in->mask = 0xffffffffu;
	in->ndst = (uint8_t)nd;
	in->nsrc = (uint8_t)ns;
	for (int i = 0; i < nd; i++)
		in->dst[i] = d[i];
	for (int i = 0; i < ns; i++)
		in->src[i] = s[i];
	return in;
}

/* A memory instruction over lanes 0..n-1 with addresses a[0..n); reg is
 * the load's destination or the store's data register (R2 holds the address). */
static int emit_mem(gen *g, const char *op, uint32_t pc, bool load, uint16_t reg,
		    const uint64_t *a, int n, bool list)
{
	const uint16_t st[2] = { 2, reg };
	lg_kt_insn *in = load ? emit(g, op, pc, 1, &reg, 1, R_ADDR) : emit(g, op, pc, 0, NULL, 2, st);
	bool constant = true;
	long off;

	if (!in)
		return -1;
	in->mask = n >= 32 ? 0xffffffffu : ((1u << n) - 1);
	in->base = a[0];
	for (int i = 2; i < n; i++)
		if (a[i] - a[i - 1] != a[1] - a[0])
			constant = false;
	if (!list && constant) {
		in->amode = LG_KT_AM_STRIDE;
		in->stride = n > 1 ? (int64_t)(a[1] - a[0]) : 0;
		return 0;
	}
	in->amode = list ? LG_KT_AM_LIST : LG_KT_AM_DELTA;
	off = lg_kt_warp_addr_alloc(&g->w, (size_t)(list ? n : n - 1));
	if (off < 0)
		return -1;
	in->aoff = (uint32_t)off;
	for (int i = 0; i < (list ? n : n - 1); i++)
		g->w.addrs[off + i] = list ? a[i] : a[i + 1] - a[i];
	return 0;
}

/* Set up a generator: its own opcode table and warp buffer. */
static int gen_begin(gen *g, lg_kt_writer *wr, lg_err *e)
{
	memset(g, 0, sizeof(*g));
	g->wr = wr;
	g->ops = lg_kt_optab_create();
	if (!g->ops)
		return lg_errf(e, "gen", 0, "out of memory");
	return 0;
}

/* Free what gen_begin() set up. */
static void gen_end(gen *g)
{
	lg_kt_warp_free(&g->w);
	lg_kt_optab_destroy(g->ops);
}

/* Finish the warp being built (EXIT), write it, start an empty one. */
static int flush_warp(gen *g, uint32_t cta_x, uint32_t cta_y, uint32_t warp, lg_err *e)
{
	g->w.cta[0] = cta_x;
	g->w.cta[1] = cta_y;
	g->w.cta[2] = 0;
	g->w.warp = warp;
	if (!emit(g, "EXIT", 0xfff0, 0, NULL, 0, NULL))
		return lg_errf(e, "gen", 0, "out of memory");
	if (lg_kt_write_warp(g->wr, g->ops, &g->w, e) < 0)
		return -1;
	lg_kt_warp_clear(&g->w);
	return 0;
}

/* Element bytes of an input dtype (fp8 1, bf16/fp16 2, fp32 4). */
static unsigned dtype_bytes(lg_dtype d)
{
	return d == LG_DT_FP32 ? 4 : d == LG_DT_FP8_E4M3 ? 1 : 2;
}

/* ------------------------------------------------------------------ */
/* gemm                                                               */

/* Defaults of `trace gen gemm` (docs/trace-format.md). */
void lg_kt_gemm_defaults(lg_kt_gemm *g)
{
	memset(g, 0, sizeof(*g));
	g->m = g->n = g->k = 256;
	g->dtype = LG_DT_BF16;
	g->bm = 128;
	g->bn = 128;
	g->bk = 32;
	g->warps = 4;
	g->a = 0x100000000ull;
	g->b = 0x200000000ull;
	g->c = 0x300000000ull;
	g->dies = 1;
}

#define R_ACC 8     /* first accumulator register */
#define R_TOP 255   /* registers R0..R254 (R255 is RZ) */

/* How one warp of a CTA works its tile (docs/trace-format.md, gemm). */
typedef struct gemm_plan {
	unsigned es, cs, kk;     /* element bytes, C element bytes, K of one MMA */
	uint32_t nl;             /* this die's columns */
	uint32_t wc;             /* warp (sync) or warpgroup (wgmma) grid columns */
	uint32_t wm, wn;         /* warp tile (sync) or warpgroup tile (wgmma) */
	uint32_t nacc, acc_regs; /* accumulators of a warp, registers each */
	uint32_t ra, rb, rs;     /* first A-fragment, B-fragment, staging register */
	uint32_t ga, gb;         /* 32-chunk groups of the A and B tiles */
	uint32_t nregs;          /* registers per thread (a multiple of 8) */
	uint64_t a_tile, stage;  /* bytes of the A tile, of one shared stage */
} gemm_plan;

/* Rows of the warp grid: the divisor d of the warps (W) whose d x W/d
 * grid splits the tile into m16 x n8 pieces, the squarest (largest d with
 * d * d <= W, else the smallest above); 0 if none does. */
static uint32_t grid_rows(const lg_kt_gemm *g)
{
	uint32_t w = g->warps, best = 0;

	for (uint32_t d = 1; d <= w; d++) {
		if (w % d || g->bm % (16 * d) || g->bn % (8 * (w / d)))
			continue;
		if (d * d <= w || !best)
			best = d;
	}
	return best;
}

/* Warpgroups stacked along M, one m64 x BN accumulator per 64 rows. */
static int plan_wgmma(const lg_kt_gemm *g, gemm_plan *pl, lg_err *e)
{
	uint32_t wr = g->warps / 4;

	if (g->warps % 4 || g->bm % (64 * wr) || g->bn > 256)
		return lg_errf(e, "gen gemm", 0, "expected with --mma wgmma: warps %% 4 = 0, "
			       "bm %% (64 x warpgroups) = 0 and bn <= 256");
	pl->wc = 1;
	pl->wm = g->bm / wr;
	pl->wn = g->bn;
	pl->nacc = pl->wm / 64;
	pl->acc_regs = g->bn / 2; /* fp32 64 x bn over 128 threads */
	pl->ra = pl->rb = pl->rs = R_ACC + pl->nacc * pl->acc_regs;
	return 0;
}

/* A grid of warps, each with m16 n8 accumulators and its fragments. */
static int plan_sync(const lg_kt_gemm *g, gemm_plan *pl, lg_err *e)
{
	uint32_t wr = grid_rows(g);

	if (!wr)
		return lg_errf(e, "gen gemm", 0, "expected a grid of the %u warps that splits the "
			       "%ux%u tile into m16 x n8 pieces", g->warps, g->bm, g->bn);
	pl->wc = g->warps / wr;
	pl->wm = g->bm / wr;
	pl->wn = g->bn / pl->wc;
	pl->nacc = (pl->wm / 16) * (pl->wn / 8);
	pl->acc_regs = 4; /* fp32 m16 n8 over 32 lanes */
	pl->ra = R_ACC + pl->nacc * 4;
	pl->rb = pl->ra + (pl->wm / 16) * 4;
	pl->rs = pl->rb + (pl->wn / 16 + 1) * 4;
	return 0;
}

/* The warp plan of a checked shape; -1 with e when a tile does not fit. */
static int gemm_plan_make(const lg_kt_gemm *g, gemm_plan *pl, lg_err *e)
{
	uint32_t jobs;

	memset(pl, 0, sizeof(*pl));
	pl->es = dtype_bytes(g->dtype);
	pl->cs = g->dtype == LG_DT_FP8_E4M3 ? 2 : pl->es;
	pl->kk = 32 / pl->es;
	pl->nl = g->n / g->dies;
	if ((g->wgmma ? plan_wgmma : plan_sync)(g, pl, e) < 0)
		return -1;
	pl->a_tile = (uint64_t)g->bm * g->bk * pl->es;
	pl->stage = pl->a_tile + (uint64_t)g->bk * g->bn * pl->es;
	pl->ga = (uint32_t)((pl->a_tile / 16 + 31) / 32);
	pl->gb = (uint32_t)(((uint64_t)g->bk * g->bn * pl->es / 16 + 31) / 32);
	jobs = (pl->ga + g->warps - 1) / g->warps + (pl->gb + g->warps - 1) / g->warps;
	if (pl->rs + 4 * jobs > R_TOP)
		return lg_errf(e, "gen gemm", 0, "expected a tile that fits 255 registers per thread "
			       "(needs %u); use a smaller tile or more warps", pl->rs + 4 * jobs);
	pl->nregs = (pl->rs + 4 * jobs + 7) / 8 * 8;
	return 0;
}

/* Check the shape constraints and compute the closed-form counts. */
int lg_kt_gemm_check(const lg_kt_gemm *g, lg_kt_gemm_counts *o, lg_err *e)
{
	unsigned es = dtype_bytes(g->dtype), cs = g->dtype == LG_DT_FP8_E4M3 ? 2 : es;
	uint32_t kk = 32 / es, nl;
	gemm_plan pl;

	if (g->dtype == LG_DT_NONE)
		return lg_errf(e, "gen gemm", 0, "expected --dtype fp8-e4m3, bf16, fp16 or fp32");
	if (!g->m || !g->n || !g->k || !g->bm || !g->bn || !g->bk || !g->warps || g->warps > 32)
		return lg_errf(e, "gen gemm", 0, "expected positive M, N, K, tiles and 1..32 warps");
	if (!g->dies || g->die >= g->dies || g->n % g->dies)
		return lg_errf(e, "gen gemm", 0, "expected --die < --dies and N divisible by dies");
	nl = g->n / g->dies;
	if (g->m % g->bm || nl % g->bn || g->k % g->bk)
		return lg_errf(e, "gen gemm", 0, "expected M %% bm, (N/dies) %% bn and K %% bk to be 0");
	if (g->bm % 16 || g->bn % 8 || g->bk % kk || (g->bk * es) % 16 || (g->bn * es) % 16 ||
	    (g->bn * cs) % 16)
		return lg_errf(e, "gen gemm", 0,
			       "expected bm %% 16, bn %% 8, bk %% %u and 16-byte tile rows", kk);
	if (gemm_plan_make(g, &pl, e) < 0)
		return -1;
	o->mma_k = kk;
	o->a_bytes = (uint64_t)g->m * g->k * es * (nl / g->bn);
	o->b_bytes = (uint64_t)g->k * nl * es * (g->m / g->bm);
	o->c_bytes = (uint64_t)g->m * nl * cs;
	if (g->wgmma) /* one m64 n(bn) instruction per warpgroup, issued by its 4 warps */
		o->mma = (uint64_t)4 * (g->m / 64) * (nl / g->bn) * (g->k / kk);
	else
		o->mma = (uint64_t)(g->m / 16) * (nl / 8) * (g->k / kk);
	return 0;
}

typedef struct gemm_tile {
	uint64_t base;      /* address of the tile's first element */
	uint64_t pitch;     /* bytes between rows */
	uint32_t chunks;    /* 16-byte chunks per row */
	uint32_t rows;
} gemm_tile;

/* Address of chunk j of a tile (row-major, 16-byte chunks). */
static uint64_t tile_addr(const gemm_tile *t, uint32_t j)
{
	return t->base + (uint64_t)(j / t->chunks) * t->pitch + (uint64_t)(j % t->chunks) * 16;
}

/* The instructions of warp wi over a tile: every 32-chunk group t with t % warps == wi. */
static int tile_ops(gen *g, const gemm_tile *t, uint32_t wi, uint32_t warps, const char *op,
		    uint32_t pc, bool load, uint16_t reg)
{
	uint32_t n = t->rows * t->chunks;
	uint64_t a[32];

	for (uint32_t grp = wi; grp * 32 < n; grp += warps) {
		int lanes = n - grp * 32 < 32 ? (int)(n - grp * 32) : 32;

		for (int l = 0; l < lanes; l++)
			a[l] = tile_addr(t, grp * 32 + (uint32_t)l);
		if (emit_mem(g, op, pc, load, reg, a, lanes, false) < 0)
			return -1;
	}
	return 0;
}

/* The warp-level MMA mnemonic used for a dtype. */
static const char *mma_name(lg_dtype d)
{
	switch (d) {
	case LG_DT_FP32: return "HMMA.1684.F32.TF32";
	case LG_DT_FP16: return "HMMA.16816.F32";
	case LG_DT_FP8_E4M3: return "HMMA.16832.F32.E4M3.E4M3";
	default: return "HMMA.16816.F32.BF16";
	}
}

/* The warpgroup MMA mnemonic (m64 n(bn) k(kk), operands from shared memory). */
static void wgmma_name(char *buf, size_t sz, lg_dtype d, uint32_t bn, unsigned kk)
{
	const char *sfx = d == LG_DT_FP32 ? ".F32.TF32" : d == LG_DT_FP16 ? ".F32" :
			  d == LG_DT_FP8_E4M3 ? ".F32.E4M3.E4M3" : ".F32.BF16";

	snprintf(buf, sz, "%s.64x%ux%u%s", d == LG_DT_FP8_E4M3 ? "QGMMA" : "HGMMA", bn, kk, sfx);
}

/* One warp's view of a CTA's tiles: which chunk groups it moves. */
typedef struct gemm_warp_ctx {
	const lg_kt_gemm *p;
	const gemm_plan *pl;
	uint64_t m0, n0;    /* the CTA's first row of C and first column */
	uint32_t wi;
	uint32_t na, nb;    /* this warp's A and B groups */
} gemm_warp_ctx;

/* Lanes of job j (this warp's A groups, then its B groups) of K step ks:
 * global addresses (shared == false) or the shared stage's (shared).
 * Returns the lane count. */
static int job_lanes(const gemm_warp_ctx *c, uint32_t j, uint32_t ks, bool shared, uint64_t *a)
{
	const lg_kt_gemm *p = c->p;
	const gemm_plan *pl = c->pl;
	uint64_t k0 = (uint64_t)ks * p->bk, sb = (uint64_t)(ks % 2) * pl->stage;
	bool isa = j < c->na;
	uint32_t grp = (isa ? j : j - c->na) * p->warps + c->wi;
	gemm_tile ta = { p->a + (c->m0 * p->k + k0) * pl->es, (uint64_t)p->k * pl->es,
			 p->bk * pl->es / 16, p->bm };
	gemm_tile tb = { p->b + (k0 * p->n + c->n0) * pl->es, (uint64_t)p->n * pl->es,
			 p->bn * pl->es / 16, p->bk };
	const gemm_tile *t = isa ? &ta : &tb;
	uint32_t n = t->rows * t->chunks, lanes = n - grp * 32 < 32 ? n - grp * 32 : 32;

	for (uint32_t l = 0; l < lanes; l++)
		a[l] = shared ? sb + (isa ? 0 : pl->a_tile) + (uint64_t)(grp * 32 + l) * 16
			      : tile_addr(t, grp * 32 + l);
	return (int)lanes;
}

/* LDG (global to staging register) or STS (staging register to the
 * stage of K step ks) of jobs [j0, j1). */
static int job_ops(gen *g, const gemm_warp_ctx *c, uint32_t j0, uint32_t j1, uint32_t ks, bool load)
{
	uint64_t a[32];

	for (uint32_t j = j0; j < j1; j++) {
		int n = job_lanes(c, j, ks, !load, a);

		if (emit_mem(g, load ? "LDG.E.128" : "STS.128", load ? 0x100 : 0x140, load,
			     (uint16_t)(c->pl->rs + 4 * j), a, n, false) < 0)
			return -1;
	}
	return 0;
}

/* Sub-step s (one MMA K) of K step ks for a warp: warpgroup MMAs on the
 * shared stage, or fragment loads from it and warp MMAs. */
static int gemm_substep(gen *g, const gemm_warp_ctx *c, uint32_t ks, uint32_t s)
{
	const lg_kt_gemm *p = c->p;
	const gemm_plan *pl = c->pl;
	uint32_t wy = c->wi / pl->wc, wx = c->wi % pl->wc;
	uint64_t sb = (uint64_t)(ks % 2) * pl->stage, a[32];
	uint16_t d, src[3];
	char nm[48];

	if (p->wgmma) {
		wgmma_name(nm, sizeof(nm), p->dtype, p->bn, pl->kk);
		for (uint32_t i = 0; i < pl->nacc; i++) {
			d = (uint16_t)(R_ACC + i * pl->acc_regs);
			if (!emit(g, nm, 0x210, 1, &d, 1, &d))
				return -1;
		}
		return 0;
	}
	for (uint32_t i = 0; i < pl->wm / 16; i++) { /* A: 16 rows x 32 B */
		for (int l = 0; l < 32; l++)
			a[l] = sb + (wy * pl->wm + 16 * i + (uint32_t)l / 2) * (uint64_t)p->bk * pl->es +
			       s * 32 + (uint32_t)(l % 2) * 16;
		if (emit_mem(g, "LDS.128", 0x1c0, true, (uint16_t)(pl->ra + 4 * i), a, 32, false) < 0)
			return -1;
	}
	for (uint32_t j = 0; j < (pl->wn / 8 + 1) / 2; j++) { /* B: kk rows x 16 columns */
		for (int l = 0; l < 32; l++)
			a[l] = sb + pl->a_tile + (s * pl->kk + (uint32_t)l / pl->es) * (uint64_t)p->bn * pl->es +
			       (wx * pl->wn + 16 * j) * pl->es + (uint32_t)l % pl->es * 16;
		if (emit_mem(g, "LDS.128", 0x1d0, true, (uint16_t)(pl->rb + 4 * j), a, 32, false) < 0)
			return -1;
	}
	for (uint32_t mi = 0; mi < pl->wm / 16; mi++)
		for (uint32_t ni = 0; ni < pl->wn / 8; ni++) {
			d = (uint16_t)(R_ACC + 4 * (mi * (pl->wn / 8) + ni));
			src[0] = (uint16_t)(pl->ra + 4 * mi);
			src[1] = (uint16_t)(pl->rb + 4 * (ni / 2));
			src[2] = d;
			if (!emit(g, mma_name(p->dtype), 0x210, 1, &d, 3, src))
				return -1;
		}
	return 0;
}

/* Groups of n dealt round-robin to `warps` that warp wi gets. */
static uint32_t share(uint32_t n, uint32_t wi, uint32_t warps)
{
	return n > wi ? (n - wi + warps - 1) / warps : 0;
}

/* All instructions of warp wi of CTA (cx, cy): software-pipelined K loop
 * over two shared stages, then the C stores (docs/trace-format.md). */
static int gemm_warp(gen *g, const lg_kt_gemm *p, const gemm_plan *pl, uint32_t cx, uint32_t cy,
		     uint32_t wi)
{
	gemm_warp_ctx c = { p, pl, (uint64_t)cy * p->bm, (uint64_t)p->die * pl->nl + (uint64_t)cx * p->bn,
			    wi, share(pl->ga, wi, p->warps), share(pl->gb, wi, p->warps) };
	uint32_t nk = p->k / p->bk, nsub = p->bk / pl->kk, nj = c.na + c.nb;
	uint16_t acc = R_ACC;

	/* prologue: tile 0 into stage 0, tile 1 into the staging registers */
	if (job_ops(g, &c, 0, nj, 0, true) < 0 || job_ops(g, &c, 0, nj, 0, false) < 0 ||
	    (nk > 1 && job_ops(g, &c, 0, nj, 1, true) < 0) ||
	    !emit(g, "BAR.SYNC.DEFER_BLOCKING", 0x180, 0, NULL, 0, NULL))
		return -1;
	for (uint32_t ks = 0; ks < nk; ks++) {
		for (uint32_t s = 0; s < nsub; s++) {
			uint32_t j0 = s * nj / nsub, j1 = (s + 1) * nj / nsub;

			/* MMAs of tile ks; between them, tile ks+1 to its stage
			 * and the loads of tile ks+2 into the freed registers */
			if (gemm_substep(g, &c, ks, s) < 0 ||
			    (ks + 1 < nk && job_ops(g, &c, j0, j1, ks + 1, false) < 0) ||
			    (ks + 2 < nk && job_ops(g, &c, j0, j1, ks + 2, true) < 0))
				return -1;
		}
		if (!emit(g, "BAR.SYNC.DEFER_BLOCKING", 0x220, 0, NULL, 0, NULL) ||
		    !emit(g, "IADD3", 0x230, 1, R_ALU_D, 2, R_ALU_S) ||
		    !emit(g, "ISETP.GE.AND", 0x240, 0, NULL, 2, R_ALU_S) ||
		    !emit(g, "BRA", 0x250, 0, NULL, 0, NULL))
			return -1;
	}
	gemm_tile tc = { p->c + (c.m0 * p->n + c.n0) * pl->cs, (uint64_t)p->n * pl->cs,
			 p->bn * pl->cs / 16, p->bm };

	return tile_ops(g, &tc, wi, p->warps, "STG.E.128", 0x300, false, acc);
}

/* Write one tiled GEMM kernel, CTAs in row-major grid order. */
int lg_kt_gen_gemm(lg_kt_writer *w, const lg_kt_gemm *p, lg_err *e)
{
	lg_kt_gemm_counts cnt;
	gemm_plan pl;
	lg_kt_kernel k;
	lg_kt_meta tm = { 0 };
	gen g;
	char name[128], v[LG_KT_VALLEN];
	int rc = -1;

	if (lg_kt_gemm_check(p, &cnt, e) < 0 || gemm_plan_make(p, &pl, e) < 0 ||
	    gen_begin(&g, w, e) < 0)
		return -1;
	memset(&k, 0, sizeof(k));
	snprintf(name, sizeof(name), "lgsim_gemm_%s_%ux%ux%u", lg_dtype_name(p->dtype), p->m, p->n, p->k);
	k.name = name;
	k.grid[0] = pl.nl / p->bn;
	k.grid[1] = p->m / p->bm;
	k.grid[2] = 1;
	k.block[0] = 32 * p->warps;
	k.block[1] = k.block[2] = 1;
	k.shmem = (uint32_t)(2 * pl.stage);
	k.nregs = pl.nregs;
	lg_kt_meta_set(&tm, "source", "lgsim trace gen gemm");
	snprintf(v, sizeof(v), "M=%u N=%u K=%u bm=%u bn=%u bk=%u warps=%u dies=%u die=%u mma=%s repeat=%u",
		 p->m, p->n, p->k, p->bm, p->bn, p->bk, p->warps, p->dies, p->die,
		 p->wgmma ? "wgmma" : "sync", p->repeat ? p->repeat : 1);
	lg_kt_meta_set(&tm, "gen", v);
	lg_kt_meta_set(&k.meta, "dtype", lg_dtype_name(p->dtype));
	snprintf(v, sizeof(v), "A=0x%llx B=0x%llx C=0x%llx", (unsigned long long)p->a,
		 (unsigned long long)p->b, (unsigned long long)p->c);
	lg_kt_meta_set(&k.meta, "buffers", v);
	if (lg_kt_write_meta(w, &tm, e) < 0)
		goto out;
	for (k.id = 1; k.id <= (p->repeat ? p->repeat : 1); k.id++) {
		if (lg_kt_write_kernel(w, &k, e) < 0)
			goto out;
		for (uint32_t cy = 0; cy < k.grid[1]; cy++)
			for (uint32_t cx = 0; cx < k.grid[0]; cx++)
				for (uint32_t wi = 0; wi < p->warps; wi++) {
					if (gemm_warp(&g, p, &pl, cx, cy, wi) < 0) {
						lg_errf(e, "gen gemm", 0, "out of memory");
						goto out;
					}
					if (flush_warp(&g, cx, cy, wi, e) < 0)
						goto out;
				}
	}
	rc = 0;
out:
	gen_end(&g);
	return rc;
}
/* ------------------------------------------------------------------ */
/* collectives                                                        */

/* Defaults of `trace gen rs|ag|a2a`. */
void lg_kt_coll_defaults(lg_kt_coll *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = LG_KT_RS;
	c->dies = 4;
	c->bytes = 1 << 20;
	c->dtype = LG_DT_BF16;
	c->ctas = 4;
	c->warps = 4;
	c->die_stride = 1ull << 40;
	c->data_off = 0x100000000ull;
	c->out_off = 0x200000000ull;
}

/* The add used by a reduction step for a dtype (4 per 16-byte lane). */
static const char *add_name(lg_dtype d)
{
	return d == LG_DT_FP32 ? "FADD" : d == LG_DT_BF16 ? "HADD2.BF16_V2" : "HADD2";
}

/* One chunk move spread over the kernel's warps: slices of 512 B; slice i
 * goes to warp (i + *next) % W. red: also load dst-side and add. */
typedef struct xfer {
	uint64_t src, dst, acc; /* acc: address of the partial to add, if red */
	uint64_t bytes;
	bool red;
} xfer;

/* Instructions of global warp gw: its 512 B slices of every transfer. */
static int coll_warp(gen *g, const lg_kt_coll *c, const xfer *x, int nx, uint32_t gw, uint32_t W)
{
	uint64_t a[32];
	uint64_t slice = 0;

	for (int i = 0; i < nx; i++)
		for (uint64_t off = 0; off < x[i].bytes; off += SLICE, slice++) {
			if (slice % W != gw)
				continue;
			for (int l = 0; l < 32; l++)
				a[l] = x[i].src + off + (uint64_t)l * 16;
			if (emit_mem(g, "LDG.E.128", 0x100, true, R_DATA, a, 32, false) < 0)
				return -1;
			if (x[i].red) {
				for (int l = 0; l < 32; l++)
					a[l] = x[i].acc + off + (uint64_t)l * 16;
				if (emit_mem(g, "LDG.E.128", 0x110, true, R_DATA, a, 32, false) < 0)
					return -1;
				for (int j = 0; j < 4; j++)
					if (!emit(g, add_name(c->dtype), 0x120 + 0x10 * (uint32_t)j, 1,
						  R_ALU_D, 2, R_ALU_S))
						return -1;
			}
			for (int l = 0; l < 32; l++)
				a[l] = x[i].dst + off + (uint64_t)l * 16;
			if (emit_mem(g, "STG.E.128", 0x200, false, R_DATA, a, 32, false) < 0)
				return -1;
		}
	return 0;
}

/* Write one collective kernel (one ring step, or the whole a2a). */
static int coll_kernel(gen *g, const lg_kt_coll *c, uint32_t id, const char *name, int step,
		       const xfer *x, int nx, lg_err *e)
{
	lg_kt_kernel k;
	char v[LG_KT_VALLEN];
	uint32_t W = c->ctas * c->warps;

	memset(&k, 0, sizeof(k));
	k.name = (char *)name;
	k.id = id;
	k.grid[0] = c->ctas;
	k.grid[1] = k.grid[2] = 1;
	k.block[0] = 32 * c->warps;
	k.block[1] = k.block[2] = 1;
	k.nregs = 32;
	lg_kt_meta_set(&k.meta, "dtype", lg_dtype_name(c->dtype));
	snprintf(v, sizeof(v), "%u", step);
	lg_kt_meta_set(&k.meta, "step", v);
	snprintf(v, sizeof(v), "%u/%u", c->die, c->dies);
	lg_kt_meta_set(&k.meta, "die", v);
	if (lg_kt_write_kernel(g->wr, &k, e) < 0)
		return -1;
	for (uint32_t gw = 0; gw < W; gw++) {
		if (coll_warp(g, c, x, nx, gw, W) < 0)
			return lg_errf(e, "gen", 0, "out of memory");
		if (flush_warp(g, gw / c->warps, 0, gw % c->warps, e) < 0)
			return -1;
	}
	return 0;
}

/* Check collective parameters. */
static int coll_check(const lg_kt_coll *c, lg_err *e)
{
	if (c->dies < 2 || c->die >= c->dies)
		return lg_errf(e, "gen collective", 0, "expected --dies >= 2 and --die < dies");
	if (!c->bytes || c->bytes % ((uint64_t)c->dies * SLICE))
		return lg_errf(e, "gen collective", 0, "expected --bytes a multiple of dies x %u", SLICE);
	if (!c->ctas || !c->warps || c->warps > 32 || c->dtype == LG_DT_NONE)
		return lg_errf(e, "gen collective", 0, "expected positive --ctas, 1..32 --warps, a dtype");
	return 0;
}

/* Write one die's kernels of a ring rs/ag step sequence or of an a2a. */
int lg_kt_gen_coll(lg_kt_writer *w, const lg_kt_coll *c, lg_err *e)
{
	static const char *const kn[] = { "rs", "ag", "a2a" };
	uint64_t chunk = c->bytes / (c->dies ? c->dies : 1);
	uint32_t D = c->dies, d = c->die, nxt = (c->die + 1) % (c->dies ? c->dies : 1);
	uint64_t mine = (uint64_t)d * c->die_stride, peer = (uint64_t)nxt * c->die_stride;
	lg_kt_meta tm = { 0 };
	xfer *x = NULL;
	char name[64], v[LG_KT_VALLEN];
	gen g;
	int rc = -1;

	if (coll_check(c, e) < 0 || gen_begin(&g, w, e) < 0)
		return -1;
	x = calloc(D, sizeof(*x));
	if (!x) {
		lg_errf(e, "gen", 0, "out of memory");
		goto out;
	}
	snprintf(v, sizeof(v), "lgsim trace gen %s", kn[c->kind]);
	lg_kt_meta_set(&tm, "source", v);
	snprintf(v, sizeof(v), "dies=%u die=%u bytes=%llu ctas=%u warps=%u die_stride=0x%llx data=0x%llx out=0x%llx",
		 D, d, (unsigned long long)c->bytes, c->ctas, c->warps,
		 (unsigned long long)c->die_stride, (unsigned long long)c->data_off,
		 (unsigned long long)c->out_off);
	lg_kt_meta_set(&tm, "gen", v);
	if (lg_kt_write_meta(w, &tm, e) < 0)
		goto out;
	if (c->kind == LG_KT_A2A) {
		for (uint32_t j = 0; j < D; j++) {
			x[j].src = mine + c->data_off + j * chunk;
			x[j].dst = (uint64_t)j * c->die_stride + c->out_off + d * chunk;
			x[j].bytes = chunk;
		}
		snprintf(name, sizeof(name), "lgsim_a2a_die%u", d);
		rc = coll_kernel(&g, c, 1, name, 0, x, (int)D, e);
		goto out;
	}
	for (uint32_t s = 0; s < (c->kind == LG_KT_RS ? D : D - 1); s++) {
		bool last = c->kind == LG_KT_RS && s == D - 1;
		uint64_t ch = c->kind == LG_KT_RS ? (d + D - s) % D : (d + 1 + D - s) % D;

		x[0].bytes = chunk;
		x[0].red = c->kind == LG_KT_RS && s > 0;
		x[0].src = mine + (c->kind == LG_KT_RS ? c->data_off : c->out_off) + ch * chunk;
		x[0].acc = mine + c->out_off + ch * chunk;
		x[0].dst = (last ? mine : peer) + c->out_off + ch * chunk;
		snprintf(name, sizeof(name), "lgsim_%s_die%u_step%u", kn[c->kind], d, s);
		if (coll_kernel(&g, c, s + 1, name, (int)s, x, 1, e) < 0)
			goto out;
	}
	rc = 0;
out:
	free(x);
	gen_end(&g);
	return rc;
}

/* ------------------------------------------------------------------ */
/* microbenchmarks                                                    */

/* Defaults of `trace gen stream|random`. */
void lg_kt_micro_defaults(lg_kt_micro *m)
{
	memset(m, 0, sizeof(*m));
	m->kind = LG_KT_STREAM;
	strcpy(m->op, "copy");
	m->bytes = 1 << 20;
	m->count = 4096;
	m->a = 0x100000000ull;
	m->b = 0x200000000ull;
	m->ctas = 8;
	m->warps = 4;
	m->seed = 1;
	m->stride = 128;
}

/* Defaults of `trace gen chase`: one thread of one warp, 128 B apart. */
void lg_kt_chase_defaults(lg_kt_micro *m)
{
	lg_kt_micro_defaults(m);
	m->kind = LG_KT_CHASE;
	m->ctas = m->warps = 1;
}

/* The chase: load i reads A + (i * stride) mod range into R4 and takes its
 * address from R4, so each load waits for the one before. */
static int chase_warp(gen *g, const lg_kt_micro *m)
{
	uint64_t a;

	for (uint64_t i = 0; i < m->count; i++) {
		a = m->a + (i * m->stride) % m->bytes;
		if (emit_mem(g, "LDG.E", 0x100, true, R_DATA, &a, 1, false) < 0)
			return -1;
		g->w.insn[g->w.n - 1].src[0] = R_DATA;
	}
	return 0;
}

/* xorshift64: the deterministic generator behind `random`. */
static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* Instructions of global warp gw of a stream or random kernel. */
static int micro_warp(gen *g, const lg_kt_micro *m, uint32_t gw, uint32_t W, uint64_t *rng)
{
	uint64_t a[32];

	if (m->kind == LG_KT_CHASE)
		return gw == 0 ? chase_warp(g, m) : 0;
	if (m->kind == LG_KT_RANDOM) {
		for (uint64_t i = gw; i < m->count; i += W) {
			for (int l = 0; l < 32; l++)
				a[l] = m->a + (xorshift(rng) % (m->bytes / 4)) * 4;
			if (emit_mem(g, "LDG.E", 0x100, true, R_DATA, a, 32, true) < 0)
				return -1;
		}
		return 0;
	}
	for (uint64_t off = (uint64_t)gw * SLICE; off < m->bytes; off += (uint64_t)W * SLICE) {
		if (strcmp(m->op, "write") != 0) {
			for (int l = 0; l < 32; l++)
				a[l] = m->a + off + (uint64_t)l * 16;
			if (emit_mem(g, "LDG.E.128", 0x100, true, R_DATA, a, 32, false) < 0)
				return -1;
		}
		if (strcmp(m->op, "read") != 0) {
			for (int l = 0; l < 32; l++)
				a[l] = (strcmp(m->op, "write") ? m->b : m->a) + off + (uint64_t)l * 16;
			if (emit_mem(g, "STG.E.128", 0x200, false, R_DATA, a, 32, false) < 0)
				return -1;
		}
	}
	return 0;
}

/* Write one stream, random or chase microbenchmark kernel. */
int lg_kt_gen_micro(lg_kt_writer *w, const lg_kt_micro *m, lg_err *e)
{
	static const char *const kn[] = { "stream", "random", "chase" };
	uint32_t W = m->ctas * m->warps;
	uint64_t rng = m->seed ? m->seed : 1;
	lg_kt_kernel k;
	lg_kt_meta tm = { 0 };
	char name[64], v[LG_KT_VALLEN];
	gen g;
	int rc = -1;

	if (!m->ctas || !m->warps || m->warps > 32)
		return lg_errf(e, "gen", 0, "expected positive --ctas and 1..32 --warps");
	if (m->kind == LG_KT_STREAM && (m->bytes % SLICE || !m->bytes ||
					(strcmp(m->op, "copy") && strcmp(m->op, "read") && strcmp(m->op, "write"))))
		return lg_errf(e, "gen stream", 0, "expected --op copy|read|write and --bytes a multiple of %u", SLICE);
	if (m->kind == LG_KT_RANDOM && m->bytes < 4)
		return lg_errf(e, "gen random", 0, "expected --bytes >= 4 (the address range)");
	if (m->kind == LG_KT_CHASE && (m->ctas != 1 || m->warps != 1 || m->bytes < 4 || m->stride % 4))
		return lg_errf(e, "gen chase", 0, "expected 1 CTA of 1 warp, --bytes >= 4 and a --stride multiple of 4");
	if (gen_begin(&g, w, e) < 0)
		return -1;
	memset(&k, 0, sizeof(k));
	snprintf(name, sizeof(name), m->kind == LG_KT_STREAM ? "lgsim_stream_%s" : "lgsim_%s",
		 m->kind == LG_KT_STREAM ? m->op : kn[m->kind]);
	k.name = name;
	k.id = 1;
	k.grid[0] = m->ctas;
	k.grid[1] = k.grid[2] = 1;
	k.block[0] = 32 * m->warps;
	k.block[1] = k.block[2] = 1;
	k.nregs = 32;
	snprintf(v, sizeof(v), "lgsim trace gen %s", kn[m->kind]);
	lg_kt_meta_set(&tm, "source", v);
	snprintf(v, sizeof(v), "op=%s bytes=%llu count=%llu stride=%llu a=0x%llx b=0x%llx ctas=%u warps=%u seed=%llu",
		 m->op, (unsigned long long)m->bytes, (unsigned long long)m->count,
		 (unsigned long long)m->stride,
		 (unsigned long long)m->a, (unsigned long long)m->b, m->ctas, m->warps,
		 (unsigned long long)m->seed);
	lg_kt_meta_set(&tm, "gen", v);
	if (lg_kt_write_meta(w, &tm, e) < 0 || lg_kt_write_kernel(w, &k, e) < 0)
		goto out;
	for (uint32_t gw = 0; gw < W; gw++) {
		if (micro_warp(&g, m, gw, W, &rng) < 0) {
			lg_errf(e, "gen", 0, "out of memory");
			goto out;
		}
		if (flush_warp(&g, gw / m->warps, 0, gw % m->warps, e) < 0)
			goto out;
	}
	rc = 0;
out:
	gen_end(&g);
	return rc;
}
