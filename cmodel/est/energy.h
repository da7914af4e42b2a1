/*
 * lg_est_energy: event counts x per-event energies at a process node, per
 * component (docs/estimates.md, "Energy").
 *
 * lg_est_events is a plain struct of counts the running die fills from its
 * counters; every field says what one event is. DRAM core energy is not
 * re-modelled here: the DRAM model's figure (dram/dram_energy.h, pJ) is
 * passed through so that the total is complete.
 *
 * Not modelled (absent from the output, named in docs/estimates.md):
 * leakage and clock-tree power, instruction fetch/decode/scheduling, the
 * tracker and DMA engines' own logic, SFU (transcendental) operations.
 */
#ifndef LG_EST_ENERGY_H
#define LG_EST_ENERGY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_json.h"
#include "est/node.h"

/* ALU lane-operation classes (one lane of one instruction). */
enum lg_est_alu {
	LG_EST_ALU_INT32,   /* integer add/logic/compare */
	LG_EST_ALU_FP32,    /* fp32 FMA (add and mul count as one FMA) */
	LG_EST_ALU_FP16,    /* fp16/bf16 FMA */
	LG_EST_ALU_N
};

/* Tensor (MMA) and near-memory-compute data types. */
enum lg_est_dtype {
	LG_EST_FP8,
	LG_EST_FP16,
	LG_EST_BF16,
	LG_EST_TF32,
	LG_EST_FP32,        /* NMC only: fp32 reductions */
	LG_EST_DTYPE_N
};

typedef struct lg_est_events {
	uint64_t alu_ops[LG_EST_ALU_N];      /* lane operations per class */
	uint64_t mma_flops[LG_EST_DTYPE_N];  /* dense MMA FLOPs (2 per MAC); FP32 unused */
	uint64_t rf_reads, rf_writes;        /* 32-bit register accesses (one lane) */
	uint64_t smem_accesses;              /* 128-byte shared-memory accesses */
	uint64_t l1_accesses;                /* 128-byte L1 data accesses (hit or miss) */
	uint64_t l2_accesses;                /* 32-byte L2 sector accesses */
	uint64_t xbar_bytes;                 /* bytes through the CU<->L2 crossbar */
	double xbar_mm;                      /* mean distance per byte, mm (lg_est_xbar_mm) */
	double dram_core_pJ;                 /* from the DRAM model, passed through */
	uint64_t dram_io_bytes;              /* bytes over the HBM interface, both ways */
	uint64_t nmc_bytes[LG_EST_DTYPE_N];  /* bytes reduced near memory per dtype */
	double nmc_pJ;                       /* NMC ALU energy from the controller model, passed through */
	uint64_t link_bytes_elec;            /* bytes sent over electrical links */
	uint64_t link_bytes_opt;             /* bytes sent over optical links */
} lg_est_events;

/* Energy per component, pJ. */
typedef struct lg_est_energy_out {
	double alu, mma, rf, smem, l1, l2, xbar;
	double dram_core, dram_io, nmc, link_elec, link_opt;
	double total;
} lg_est_energy_out;

/* Per-event energies at the node, pJ, as used by lg_est_energy. */
typedef struct lg_est_unit_energy {
	double alu[LG_EST_ALU_N];            /* per lane op */
	double mma_flop[LG_EST_DTYPE_N];     /* per FLOP; FP32 entry unused (0) */
	double rf_access;                    /* per 32-bit access */
	double smem_access, l1_access;       /* per 128-byte access */
	double l2_access;                    /* per 32-byte sector */
	double xbar_byte_mm;                 /* per byte per mm */
	double dram_io_byte;                 /* per byte */
	double nmc_byte[LG_EST_DTYPE_N];     /* per byte reduced */
	double link_elec_byte, link_opt_byte;/* per byte */
} lg_est_unit_energy;

/* Fill u with the node's per-event energies (formulas in energy.c). */
void lg_est_unit_energies(const lg_est_node *n, lg_est_unit_energy *u);

/* counts x per-event energies; out->total is the sum of the components. */
void lg_est_energy(const lg_est_node *n, const lg_est_events *counts,
		   lg_est_energy_out *out);

/* Write "energy_pJ": {...}: the total and every component, the links only
 * when the caller models them (links). */
void lg_est_energy_json(lg_json *j, const lg_est_energy_out *o, bool links);

/* Names of the dtypes and ALU classes, for tables ("fp8", "int32", ...). */
const char *lg_est_dtype_name(int d);
const char *lg_est_alu_name(int c);

#endif
