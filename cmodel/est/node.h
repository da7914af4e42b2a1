/*
 * lg_est_node: process nodes as data, for the area, energy, yield and cost
 * estimates (docs/estimates.md, "Process nodes").
 *
 * One const table (node.c) holds every node; each number there carries its
 * source in a comment (paper, foundry or analyst figure) or says
 * "assumption". The estimators read nodes only through this struct, so a
 * new node is one table row.
 */
#ifndef LG_EST_NODE_H
#define LG_EST_NODE_H

#include <stddef.h>

/* Per-event energies at a node, pJ. Sources: node.c. */
typedef struct lg_est_node_energy {
	/* ALU lane operations */
	double int32_add;      /* 32-bit integer add */
	double fp32_fma;       /* fp32 multiply + fp32 add */
	double fp16_fma;       /* fp16 multiply + fp16 add */
	/* tensor (MMA) multipliers and the fp32 accumulate adder */
	double mul_fp8;        /* fp8 multiply */
	double mul_fp16;       /* fp16 multiply (also tf32: same 10-bit mantissa) */
	double mul_bf16;       /* bf16 multiply */
	double mul_int8;       /* int8 multiply */
	double add_fp32;       /* fp32 add (MMA accumulate) */
	/* SRAM: one 64-bit read of an array of the given size */
	double sram_8k_64b;    /* 8 KB array (register-file bank scale) */
	double sram_32k_64b;   /* 32 KB array (L1 / shared-memory bank scale) */
	double sram_1m_64b;    /* 1 MB array (L2 slice scale) */
	/* wires and off-die I/O, pJ per bit */
	double wire_bit_mm;    /* on-die wire, per bit per mm */
	double dram_io_bit;    /* HBM I/O: PHY + interposer, both ends */
	double link_elec_bit;  /* electrical off-package SerDes link */
	double link_opt_bit;   /* co-packaged optical link */
} lg_est_node_energy;

typedef struct lg_est_node {
	const char *name;          /* "n45", "n7", "n5", "n4" */
	const char *desc;          /* one line */
	double nand2_um2;          /* NAND2 gate-equivalent cell area, um^2 */
	double sram_bitcell_um2;   /* high-density 6T SRAM bitcell, um^2 */
	double sram_array_overhead;/* macro area / (bits x bitcell): periphery, assists */
	double d0_per_cm2;         /* random defect density D0, defects/cm^2 */
	double wafer_cost_usd;     /* 300 mm wafer price, USD */
	double wafer_mm;           /* wafer diameter, mm */
	lg_est_node_energy e;
} lg_est_node;

/* The table, in order; *n receives its length. */
const lg_est_node *lg_est_nodes(size_t *n);

/* Find a node by name (case-sensitive); NULL if unknown. */
const lg_est_node *lg_est_node_find(const char *name);

/* "n45|n7|n5|n4": the names, '|'-separated, for messages. */
const char *lg_est_node_names(void);

#endif
