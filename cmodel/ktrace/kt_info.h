/*
 * lg_kt_info: summary statistics of a kernel trace (`lgsim trace info`).
 *
 * Counts kernels, CTAs, warps and instructions; the instruction mix by
 * class; memory bytes by space and op (active lanes x width per lane); and
 * the unique footprint of device memory (every space but shared) at 32 B
 * sector and 128 B line granularity, through a hash set of sector and
 * line numbers. The set's memory is bounded by the footprint (16 bytes
 * per unique sector plus per unique line at worst), not by trace length.
 */
#ifndef LG_KT_INFO_H
#define LG_KT_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ktrace/ktrace.h"

typedef struct lg_kt_stats {
	uint64_t kernels, ctas, warps, insns;
	uint64_t memcpys, memcpy_bytes;
	uint64_t cls[LG_KT_NCLASS];                 /* warp instructions by class */
	uint64_t mem_insns[LG_KT_NSPACE][LG_KT_NMOP]; /* warp memory instructions */
	uint64_t bytes[LG_KT_NSPACE][LG_KT_NMOP];   /* lane bytes */
	uint64_t sectors32, lines128;               /* unique footprint */
	uint64_t unknown;                           /* unclassified opcodes */
	uint64_t peak_insns;                        /* largest warp held */
} lg_kt_stats;

/* A growable open-addressing set of uint64 keys (any key but UINT64_MAX). */
typedef struct lg_kt_hset lg_kt_hset;
lg_kt_hset *lg_kt_hset_create(void);
/* 1 if new, 0 if present, -1 on allocation failure. */
int lg_kt_hset_add(lg_kt_hset *s, uint64_t key);
uint64_t lg_kt_hset_count(const lg_kt_hset *s);
void lg_kt_hset_destroy(lg_kt_hset *s);

/* Read the whole trace at path (format as in lg_kt_open) into st; without
 * footprint the hash sets are skipped (sectors32/lines128 stay 0). With
 * per_kernel, one line per kernel is printed there as each kernel ends:
 * "kernel ID ctas N warps N instructions N grid X,Y,Z block X,Y,Z name NAME". */
int lg_kt_info(const char *path, const char *format, bool footprint, FILE *per_kernel,
	       lg_kt_stats *st, lg_err *e);
/* Print st as "key value" lines (stable, greppable). */
void lg_kt_stats_print(FILE *f, const lg_kt_stats *st);

#endif
