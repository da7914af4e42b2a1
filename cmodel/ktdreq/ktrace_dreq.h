/*
 * Kernel traces as DRAM request traces (memory-only replay).
 *
 * Two lg_dtrace readers (trace/dtrace.h) that read a kernel trace through
 * lg_kt and turn its device-memory instructions into DRAM requests:
 *
 *   "lgt"       lgt or lgt-text files (first line "LGKT" / "LGKT-TEXT 1")
 *   "accelsim"  Accel-Sim kernelslist.g or .traceg[.xz]
 *
 * Each warp memory instruction in the global or generic space is coalesced
 * by the CU's coalescer (cu/coalesce.h) to its unique 32 B sectors (in
 * order of the lowest lane touching them);
 * each sector becomes one untimed request of 32 bytes: RD for loads, WR for
 * stores, RD then WR for atomics and reductions (ATOM/RED), which a GPU
 * performs at L2 as a read-modify-write; NMC is left to the T3 path. No CU,
 * L1 or L2 is modelled on this path: every access goes to DRAM, in trace order (kernels, CTAs, warps, instructions), as
 * fast as the memory system accepts it. Shared, local and constant spaces
 * are skipped. rec->line is the 1-based warp-instruction number.
 *
 * Layering: this folder sits above trace/ (the lg_dtrace reader contract),
 * ktrace/ (the kernel-trace reader) and cu/ (the coalescer); none of those
 * includes it. dtrace_formats.c here holds the table of every lg_dtrace
 * format, the one place that knows both kinds of trace.
 */
#ifndef LG_KTRACE_DREQ_H
#define LG_KTRACE_DREQ_H

#include "trace/dtrace.h"

extern const lg_dtrace_reader lg_dtrace_reader_lgt;
extern const lg_dtrace_reader lg_dtrace_reader_accelsim;

#endif
