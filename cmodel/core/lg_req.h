/*
 * lg_req: a memory request as it travels between components.
 *
 * The same struct serves DRAM-only trace replay today and, later, CU, DMA
 * and link sources: the memory controller reports completion back to the
 * source through the done callback of lg_req_sink (see mc/mc.h).
 */
#ifndef LG_REQ_H
#define LG_REQ_H

#include <stdint.h>

#include "core/lg_time.h"

typedef enum lg_op {
	LG_OP_RD = 0,
	LG_OP_WR = 1,
	LG_OP_NMC = 2, /* read-modify-write reduction inside the bank */
	LG_OP_COUNT
} lg_op;

/* Data type of an NMC reduction. */
typedef enum lg_dtype {
	LG_DT_NONE = 0,
	LG_DT_FP32,
	LG_DT_BF16,
	LG_DT_FP16,
	LG_DT_FP8_E4M3,
	LG_DT_COUNT
} lg_dtype;

typedef enum lg_tclass {
	LG_TC_COMPUTE = 0,
	LG_TC_COMM = 1,
	LG_TC_COUNT
} lg_tclass;

typedef enum lg_src_kind {
	LG_SRC_TRACE = 0, /* DRAM-only trace replay */
	LG_SRC_CU,
	LG_SRC_DMA,
	LG_SRC_LINK,
	LG_SRC_L2       /* an L2 slice (src_id = slice): fills, write-backs, NMC */
} lg_src_kind;

typedef struct lg_req {
	uint64_t id;
	uint64_t addr;         /* physical byte address */
	uint32_t size;         /* bytes */
	uint8_t op;            /* lg_op */
	uint8_t dtype;         /* lg_dtype, for LG_OP_NMC */
	uint8_t tclass;        /* lg_tclass */
	uint8_t src_kind;      /* lg_src_kind */
	uint32_t src_id;       /* CU index, DMA engine, link... */
	/* The bytes the request carries, for a partial (masked) write or read
	 * of a burst: [addr + data_off, addr + data_off + data_bytes).
	 * data_bytes 0 means all size bytes. The DRAM moves size bytes either
	 * way; the tracker counts these. */
	uint16_t data_off, data_bytes;
	lg_ps t_created;       /* entered the system (trace time) */
	lg_ps t_accepted;      /* accepted into a controller queue */
	lg_ps t_first_cmd;     /* first DRAM command issued for it */
	lg_ps t_done;          /* data returned / write retired */
} lg_req;

const char *lg_op_name(lg_op op);
const char *lg_dtype_name(lg_dtype dt);
/* Parse a dtype name ("fp32", "bf16", "fp16", "fp8-e4m3"); LG_DT_NONE if unknown. */
lg_dtype lg_dtype_parse(const char *s);

#endif
