/*
 * lg_cu: a trace-driven compute unit (SM-class), in the class of
 * Accel-Sim's SM model, as one die component (core/lg_comp.h) with its own
 * core clock. docs/cu.md describes the model and its validation.
 *
 * - Warps arrive CTA by CTA from the kernel scheduler (ksched/), which
 *   checks occupancy with lg_cu_cta_fits() and starts a CTA with
 *   lg_cu_cta_start(); the CU reports each finished CTA through the sink set
 *   with lg_cu_set_cta_sink().
 * - N warp schedulers (sub-cores); warp w of the CU goes to scheduler
 *   w mod N. Each issues at most one warp-instruction per cycle, in order
 *   per warp, from the first ready warp in its policy's order (cu/sched.h).
 *   Ready: the source and destination registers are not pending (a
 *   scoreboard of ready cycles), the class's pipeline on the sub-core is
 *   free (initiation interval), and for memory ops the LSU queue has room.
 * - Memory: memory instructions queue for the L1/shared pipeline (LSU),
 *   which handles l1_sectors_per_cycle sectors per cycle. Global, local and
 *   generic-non-shared accesses are coalesced (cu/coalesce.h); loads look up
 *   the sectored L1 (cu/l1.h), misses merge in MSHRs or become requests to
 *   L2 on to_mem; stores, atomics and reductions always go to L2. Shared
 *   memory answers after smem_latency. Every request comes back on from_mem
 *   (the same lg_req), when the CU frees it.
 *
 * Requests (the protocol with the crossbar/L2): addr sector-aligned, size
 * 32 (one sector) or 128 (a whole line whose four sectors one instruction
 * needs, when line_requests), op RD for loads, WR for stores, NMC with the
 * add's dtype for reductions (RED, ATOM.ADD with no result used) when nmc is
 * set, else RD then WR; tclass COMPUTE, src_kind CU, src_id the CU index,
 * id unique per CU, data_off/data_bytes the useful bytes.
 */
#ifndef LG_CU_H
#define LG_CU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "core/lg_port.h"
#include "core/lg_zmem.h"
#include "cu/opdec.h"
#include "ktrace/ktrace.h"

typedef struct lg_cu lg_cu;

typedef struct lg_cu_params {
	unsigned id;                 /* CU index: src_id of its requests */
	lg_clock clk;                /* core clock */
	unsigned nsched;             /* warp schedulers */
	char policy[16];             /* "lrr" | "gto" */
	uint32_t max_warps, max_ctas;
	uint32_t registers;          /* 32-bit registers */
	uint32_t smem_bytes, l1_bytes, l1_ways;
	uint32_t l1_latency, smem_latency, l1_sectors_per_cycle;
	uint32_t lsu_queue, mshrs, mshr_merge, mem_latency;
	bool line_requests, nmc;
	uint32_t mma_bf16_flops_per_cycle;  /* per CU */
	lg_cu_timing tim[LG_KT_NCLASS];     /* per class latency/interval */
	lg_zarena *arena;            /* where its tables go (the die's, shared by its CUs;
	                                kept, freed by its owner); NULL: an arena of its own */
} lg_cu_params;

/* Fill p from the [cu], [die] and [nmc] keys; -1 with e naming the key. */
int lg_cu_params_from_cfg(const lg_cfg *c, unsigned id, lg_cu_params *p, lg_err *e);

/* A CU sending on to_mem and receiving on from_mem (both owned by the
 * caller, which wires them to the crossbar). NULL with e set on error. */
lg_cu *lg_cu_create(const lg_cu_params *p, lg_port *to_mem, lg_port *from_mem, lg_err *e);
void lg_cu_destroy(lg_cu *cu);
const lg_cu_params *lg_cu_params_get(const lg_cu *cu);

/* The component view for the die loop (name like "cu3", kept by the CU). */
void lg_cu_comp(lg_cu *cu, lg_comp *out);
extern const lg_comp_ops lg_cu_ops;

/* ---- CTAs (the kernel scheduler's side) ---- */

/* A running kernel as the CUs see it; owned by the kernel scheduler and
 * valid until its last CTA is reported done. */
typedef struct lg_cu_kernel {
	uint32_t uid;               /* echoed in CTA reports */
	uint32_t warps_per_cta;     /* from the block size */
	uint32_t regs_per_cta;      /* allocated: 256-register units per warp */
	uint32_t smem_per_cta;
	uint64_t shmem_base, local_base;
	const lg_cu_opdec *dec;     /* the trace's opcodes */
} lg_cu_kernel;

/* Fill k from a kernel record (CUDA's allocation rule: registers per
 * thread rounded up to 8, times 32 per warp). */
void lg_cu_kernel_init(lg_cu_kernel *k, const lg_kt_kernel *kr, const lg_cu_opdec *dec,
		       uint32_t uid);
/* Whether a CTA of k could ever run on an empty CU with p (else the reason
 * in why[]). */
bool lg_cu_kernel_fits_empty(const lg_cu_params *p, const lg_cu_kernel *k, char *why,
			     size_t wcap);
/* CTAs resident now. */
unsigned lg_cu_ctas_resident(const lg_cu *cu);
/* Whether a CTA of k fits next to the CTAs resident now. */
bool lg_cu_cta_fits(const lg_cu *cu, const lg_cu_kernel *k);
/* Start a CTA of k with warps[0..n) (n <= k->warps_per_cta... any n >= 1
 * that fits max_warps) at time now: the CU takes the warps' contents by
 * swapping them with empty buffers of its own (warps[] come back empty and
 * reusable). Call only after lg_cu_cta_fits(). */
void lg_cu_cta_start(lg_cu *cu, const lg_cu_kernel *k, lg_kt_warp *warps, unsigned n, lg_ps now);

typedef struct lg_cu_cta_report {
	uint32_t kernel_uid;
	uint64_t insns;                  /* warp-instructions issued */
	uint64_t mma_flops[LG_CU_NDT];
} lg_cu_cta_report;

typedef void (*lg_cu_cta_done_fn)(void *ctx, unsigned cu, const lg_cu_cta_report *r,
				  lg_ps now);
void lg_cu_set_cta_sink(lg_cu *cu, lg_cu_cta_done_fn fn, void *ctx);
/* The CU's own wake-up (core/lg_comp.h), called when a CTA is started in it. */
void lg_cu_set_waker(lg_cu *cu, const lg_wake *w);

/* ---- stats ---- */

enum lg_cu_stall {
	LG_CU_STALL_SCOREBOARD = 0,  /* a register waits on an ALU/MMA result */
	LG_CU_STALL_MEMORY,          /* on a load, or the LSU queue is full */
	LG_CU_STALL_BARRIER,         /* every warp waits at a barrier */
	LG_CU_STALL_PIPE,            /* the class's pipeline is busy */
	LG_CU_STALL_NOWORK,          /* no warp (or all exited) */
	LG_CU_NSTALL
};

typedef struct lg_cu_stats {
	uint64_t cycles;                  /* core cycles from 0 to the run's end */
	uint64_t issued;                  /* warp-instructions */
	uint64_t cls[LG_KT_NCLASS];       /* of which per class */
	uint64_t unknown;                 /* unknown opcodes (run as generic ALU) */
	uint64_t mma_flops[LG_CU_NDT];
	uint64_t stall[LG_CU_NSTALL];     /* scheduler-cycles without issue */
	uint64_t l1_hits, l1_misses;      /* load sectors */
	uint64_t mshr_merges;             /* load sectors merged in flight */
	uint64_t smem_accesses;           /* shared-memory wavefronts */
	uint64_t rf_reads, rf_writes;     /* warp register operands */
	uint64_t ctas, warps;             /* started */
	uint64_t ctas_peak;               /* most CTAs resident at once */
	uint64_t req[LG_OP_COUNT];        /* requests to L2 by op */
	uint64_t req_bytes, useful_bytes; /* their sizes and useful bytes */
	uint64_t push_refused;            /* cycles a to_mem push was refused (retried each cycle) */
} lg_cu_stats;

const lg_cu_stats *lg_cu_stats_get(const lg_cu *cu);
/* Add a into sum (die totals). */
void lg_cu_stats_add(lg_cu_stats *sum, const lg_cu_stats *a);
/* "name.key value" lines. */
void lg_cu_stats_print(FILE *f, const char *name, const lg_cu_stats *s);
/* The same as members of the current JSON object. */
void lg_cu_stats_json(lg_json *j, const lg_cu_stats *s);
const char *lg_cu_stall_name(unsigned i);

#endif
