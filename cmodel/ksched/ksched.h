/*
 * lg_ksched: the kernel scheduler of a die, as one component
 * (core/lg_comp.h) on the core clock. It reads a kernel trace (ktrace/)
 * and dispatches its CTAs to the die's CUs (cu/cu.h).
 *
 * - Kernels run in trace order within a stream; streams run concurrently.
 *   A kernel's CTAs are dispatched from launch_latency after the end of the
 *   stream's previous kernel (after time 0 for the first).
 * - Streaming: at creation one pass over the trace lists the kernels (and
 *   checks the whole file, so a bad trace fails before any simulation);
 *   then each stream gets its own reader, which skips other streams'
 *   kernels. A stream holds only the CTA it is about to dispatch (its warps)
 *   plus the first warp of the next one; the CUs hold the resident ones. So
 *   memory is bounded by the resident warps, not by the trace length.
 * - CTA dispatcher: up to ctas_per_cycle CTAs per cycle, at most one per CU
 *   per cycle; a stream's CTA goes to the next allowed CU (round-robin from
 *   the one it used last) where it fits (lg_cu_cta_fits: warps, registers,
 *   shared memory, CTAs). Streams take turns first: the stream tried
 *   first moves on by one stream per core cycle (stream 0 in cycle 0;
 *   from one tick to the next by the cycles between them, modulo the
 *   streams known), whether or not the scheduler is ticked in a cycle.
 * - CU masks (hipExtStreamCreateWithCUMask semantics): bit i allows CU i,
 *   bits past the CU count are ignored, a mask allowing no CU is an error
 *   naming the stream. From the config per stream ("STREAM=0xHEX,..."), or
 *   per kernel from its trace metadata "cu_mask" (hex), which wins.
 */
#ifndef LG_KSCHED_H
#define LG_KSCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "cu/cu.h"

#define LG_KS_MAXCU 1024
#define LG_KS_MASKW (LG_KS_MAXCU / 64)
#define LG_KS_MAXMASK 16

typedef struct lg_ks_mask {
	uint64_t stream;
	uint64_t bits[LG_KS_MASKW];
} lg_ks_mask;

typedef struct lg_ksched_params {
	lg_clock clk;                 /* core clock */
	lg_ps launch_latency;         /* ps */
	uint32_t ctas_per_cycle;
	unsigned nmasks;
	lg_ks_mask mask[LG_KS_MAXMASK];   /* per-stream masks from the config */
} lg_ksched_params;

/* Fill p from [die], [kernel] and [stream]; -1 with e naming the key. */
int lg_ksched_params_from_cfg(const lg_cfg *c, lg_ksched_params *p, lg_err *e);
/* Parse one "0xHEX" mask into bits (for the config and kernel metadata);
 * -1 if it is not hex or wider than LG_KS_MAXCU bits. */
int lg_ks_mask_parse(const char *s, uint64_t bits[LG_KS_MASKW]);

typedef struct lg_ksched lg_ksched;

/*
 * A scheduler for the trace at path (format as lg_kt_open: NULL/"auto",
 * "lgt", "lgt-text", "accelsim") feeding cus[0..ncu). It becomes each CU's
 * CTA sink. NULL with e set: unreadable or bad trace, an empty CU mask, a
 * kernel whose CTA fits no allowed CU.
 */
lg_ksched *lg_ksched_create(const lg_ksched_params *p, const char *path, const char *format,
			    lg_cu *const *cus, unsigned ncu, lg_err *e);
void lg_ksched_destroy(lg_ksched *k);
void lg_ksched_comp(lg_ksched *k, lg_comp *out);
extern const lg_comp_ops lg_ksched_ops;
/* CTA observer (the timeline): called with start = true when a CTA of
 * kernel index kern is dispatched to CU cu, and false when a CTA of it
 * on cu is done (kern indexes lg_ksched_kernel). */
typedef void (*lg_ks_cta_fn)(void *ctx, unsigned cu, uint32_t kern, bool start, lg_ps now);
void lg_ksched_set_cta_obs(lg_ksched *k, lg_ks_cta_fn fn, void *ctx);
/* End observer: called once, when the last kernel of every stream has
 * finished (the die starts the L2's end-of-run flush there). */
typedef void (*lg_ks_end_fn)(void *ctx, lg_ps now);
void lg_ksched_set_end_obs(lg_ksched *k, lg_ks_end_fn fn, void *ctx);
/* The scheduler's wake-up in the loop (die/loop.h): a CTA's end calls it,
 * so that the scheduler may be added woken (lg_loop_add_woken). */
void lg_ksched_set_waker(lg_ksched *k, const lg_wake *w);
/* A reader error met while running (the run must stop); 0 if none. */
int lg_ksched_error(const lg_ksched *k, lg_err *e);

/* ---- stats ---- */

typedef struct lg_ks_kstats {
	char name[64];
	uint32_t id;                  /* kernel id from the trace */
	uint64_t stream;
	uint64_t ctas;                /* CTAs in the trace */
	lg_ps t_start, t_end;         /* first CTA dispatched, last CTA done */
	uint64_t cycles;              /* core cycles start..end */
	uint64_t insns;               /* warp-instructions */
	uint64_t mma_flops[LG_CU_NDT];
	uint32_t *cta_per_cu;         /* [ncu] CTAs run per CU */
} lg_ks_kstats;

unsigned lg_ksched_nkernels(const lg_ksched *k);
const lg_ks_kstats *lg_ksched_kernel(const lg_ksched *k, unsigned i);
unsigned lg_ksched_ncu(const lg_ksched *k);
double lg_ks_ipc(const lg_ks_kstats *s);
/* Achieved tensor TFLOP/s of dtype dt over the kernel's start..end. */
double lg_ks_tflops(const lg_ks_kstats *s, unsigned dt);
void lg_ksched_stats_print(FILE *f, const lg_ksched *k);
/* An array "kernels" of objects, one per kernel, in the current object. */
void lg_ksched_stats_json(lg_json *j, const lg_ksched *k);

#endif
