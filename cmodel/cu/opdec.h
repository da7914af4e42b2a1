/*
 * lg_cu_opdec: what the CU needs to time each opcode of a kernel trace,
 * computed once per distinct opcode (an optab index) from its lg_kt
 * classification and the CU parameters: the kind of work, the functional
 * unit, <latency, initiation interval>, and for tensor MMAs the FLOPs of one
 * warp-instruction and the data type, read from the mnemonic's shape and
 * type modifiers (HMMA.16816.F32.BF16: m16 n8 k16, bf16).
 *
 * One table per kernel-trace reader (op indices are per reader); the kernel
 * scheduler keeps it in step with the reader's optab (lg_cu_opdec_sync) and
 * hands it to the CUs with each kernel.
 */
#ifndef LG_CU_OPDEC_H
#define LG_CU_OPDEC_H

#include <stdint.h>

#include "core/lg_err.h"
#include "core/lg_req.h"
#include "ktrace/ktrace.h"

/* Tensor data types (rates relative to bf16 in lg_cu_dt_rate16). */
typedef enum lg_cu_dt {
	LG_CU_DT_FP64 = 0, LG_CU_DT_TF32, LG_CU_DT_FP16, LG_CU_DT_BF16, LG_CU_DT_FP8,
	LG_CU_DT_INT8, LG_CU_NDT
} lg_cu_dt;

/* How the CU executes an opcode. */
typedef enum lg_cu_kind {
	LG_CU_K_ALU = 0,  /* fixed latency on its class's pipeline */
	LG_CU_K_MMA,      /* tensor pipeline, interval from FLOPs and dtype */
	LG_CU_K_MEM,      /* through the L1/shared pipeline (LSU) */
	LG_CU_K_BAR,      /* CTA barrier (BAR.SYNC, BAR.RED, BAR without .ARV) */
	LG_CU_K_EXIT      /* the warp ends */
} lg_cu_kind;

typedef struct lg_cu_op {
	uint8_t cls;       /* lg_kt_class */
	uint8_t kind;      /* lg_cu_kind */
	uint8_t space;     /* lg_kt_space (memory ops) */
	uint8_t mop;       /* lg_kt_mop (memory ops) */
	uint8_t width;     /* bytes per lane (memory ops) */
	uint8_t dt;        /* MMA: lg_cu_dt */
	uint8_t red_dt;    /* reductions: lg_dtype of the add, LG_DT_NONE if not NMC-able */
	uint8_t unknown;   /* 1: mnemonic not in the classifier's table */
	uint16_t lat, ii;  /* core cycles */
	uint32_t flops;    /* MMA: FLOPs of one warp-instruction */
} lg_cu_op;

/* Per-class <latency, interval> (core cycles). */
typedef struct lg_cu_timing {
	uint16_t lat, ii;
} lg_cu_timing;

/* The built-in table (docs/cu.md gives each value's source). */
void lg_cu_timing_defaults(lg_cu_timing t[LG_KT_NCLASS]);
/* Apply "class=lat/ii ..." overrides (cu.class_timing); -1 with e naming
 * key and the bad item. */
int lg_cu_timing_parse(lg_cu_timing t[LG_KT_NCLASS], const char *spec, const char *key,
		       lg_err *e);

/* Tensor rate of dt relative to bf16, in sixteenths (bf16 = 16, fp8 = 32). */
unsigned lg_cu_dt_rate16(unsigned dt);
const char *lg_cu_dt_name(unsigned dt);

typedef struct lg_cu_opdec {
	unsigned n;                      /* entries decoded (= optab count) */
	lg_cu_timing tim[LG_KT_NCLASS];
	uint32_t mma_per_sched;          /* bf16 FLOPs per cycle per scheduler */
	lg_cu_op op[4096];               /* by optab index (lg_kt optab bound) */
} lg_cu_opdec;

/* Set up an empty table for CUs with these timings and this bf16 tensor
 * rate per scheduler (FLOPs/cycle, >= 1). */
void lg_cu_opdec_init(lg_cu_opdec *d, const lg_cu_timing tim[LG_KT_NCLASS],
		      uint32_t mma_per_sched);
/* Decode the opcodes of t not yet in d (call after each reader step). */
void lg_cu_opdec_sync(lg_cu_opdec *d, const lg_kt_optab *t);
/* Decode one classified opcode (exposed for tests). */
void lg_cu_op_decode(const lg_cu_opdec *d, const lg_kt_opinfo *oi, lg_cu_op *out);

#endif
