/*
 * lg_kt_gen: deterministic synthetic kernel traces (docs/trace-format.md,
 * "Generators", gives the kernels and their closed-form counts).
 *
 *   gemm     tiled GEMM, software-pipelined over two shared-memory stages:
 *            LDG of tile k+2 and STS of tile k+1 between the MMAs of tile k,
 *            warp MMAs (fragments loaded with LDS) or warpgroup MMAs, STG
 *            of C; optional split of N across dies
 *   rs/ag    one die's kernels of a ring reduce-scatter / all-gather
 *   a2a      one die's MoE all-to-all kernel
 *   stream   copy/read/write microbenchmark
 *   random   random 4-byte loads over a range
 *   chase    one thread's dependent 4-byte loads (a pointer chase)
 */
#ifndef LG_KT_GEN_H
#define LG_KT_GEN_H

#include <stdint.h>

#include "core/lg_err.h"
#include "core/lg_req.h"
#include "ktrace/ktrace.h"

typedef struct lg_kt_gemm {
	uint32_t m, n, k;
	lg_dtype dtype;
	uint32_t bm, bn, bk;   /* CTA tile */
	uint32_t warps;        /* warps per CTA */
	uint64_t a, b, c;      /* row-major A[M][K], B[K][N], C[M][N] */
	uint32_t dies, die;    /* this die computes columns [die*N/dies, (die+1)*N/dies) */
	bool wgmma;            /* warpgroup MMAs (m64, operands from shared memory) instead of m16 warp MMAs */
	uint32_t repeat;       /* kernels written (back-to-back launches of the same GEMM); 0 is 1 */
} lg_kt_gemm;

typedef enum lg_kt_coll_kind { LG_KT_RS, LG_KT_AG, LG_KT_A2A } lg_kt_coll_kind;

typedef struct lg_kt_coll {
	lg_kt_coll_kind kind;
	uint32_t dies, die;
	uint64_t bytes;        /* buffer size per die (dies chunks of bytes/dies) */
	lg_dtype dtype;
	uint32_t ctas, warps;
	uint64_t die_stride;   /* die j's memory starts at j * die_stride */
	uint64_t data_off;     /* local input buffer, offset in the die's memory */
	uint64_t out_off;      /* receive / output buffer offset */
} lg_kt_coll;

typedef enum lg_kt_micro_kind { LG_KT_STREAM, LG_KT_RANDOM, LG_KT_CHASE } lg_kt_micro_kind;

typedef struct lg_kt_micro {
	lg_kt_micro_kind kind;
	char op[8];            /* stream: copy, read, write */
	uint64_t bytes;        /* stream: bytes per array; random: address range */
	uint64_t count;        /* random, chase: load instructions */
	uint64_t stride;       /* chase: bytes from one load to the next */
	uint64_t a, b;         /* array bases */
	uint32_t ctas, warps;
	uint64_t seed;
} lg_kt_micro;

/* Defaults for each kind (documented in docs/trace-format.md). */
void lg_kt_gemm_defaults(lg_kt_gemm *g);
void lg_kt_coll_defaults(lg_kt_coll *c);
void lg_kt_micro_defaults(lg_kt_micro *m);
void lg_kt_chase_defaults(lg_kt_micro *m);

/* Closed-form counts of a gemm (per die), for docs, tests and `trace info`. */
typedef struct lg_kt_gemm_counts {
	uint64_t a_bytes, b_bytes, c_bytes; /* global bytes loaded/stored */
	uint64_t mma;                       /* MMA warp-instructions */
	uint32_t mma_k;                     /* K of one MMA (m16 n8 k, or m64 n(bn) k) */
} lg_kt_gemm_counts;
int lg_kt_gemm_check(const lg_kt_gemm *g, lg_kt_gemm_counts *out, lg_err *e);

/* Write the trace. Bad parameters: -1 with e = "gen KIND: what was expected". */
int lg_kt_gen_gemm(lg_kt_writer *w, const lg_kt_gemm *g, lg_err *e);
int lg_kt_gen_coll(lg_kt_writer *w, const lg_kt_coll *c, lg_err *e);
int lg_kt_gen_micro(lg_kt_writer *w, const lg_kt_micro *m, lg_err *e);

#endif
