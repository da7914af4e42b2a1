/*
 * The process-node table. Every figure names its source; the full titles
 * and addresses are in docs/estimates.md, "Sources" ([S1] ... below refer to
 * that list). "assumption" marks a value no public figure was found for.
 *
 * Derivations used more than once:
 *  - NAND2 area from a published logic density D (transistors/mm^2): a
 *    NAND2 has 4 transistors, so nand2 = 4 / D. The density metric weights
 *    NAND2 cells at 60 % and scan flops at 40 %, so this is the average
 *    area per 4 transistors of a dense library, not a hand-drawn cell.
 *    N7: WikiChip's 91.2 [S3]. N5: 137.6, from cell dimensions measured on
 *    a shipping N5 chip (51 nm poly pitch, 210 nm cell height) [S18], in
 *    place of WikiChip's 171.3, which was computed from assumed pitches
 *    (48 nm, 30 nm metal) [S3]; the same measurement method gives N7
 *    90.64, within 1 % of the 91.2 used for N7.
 *  - SRAM array overhead: TSMC's N5 HD bitcell is 0.021 um^2 [S4] and the
 *    published N5/N3E macro density is 31.8 Mib/mm^2 [S5], i.e. 0.0300 um^2
 *    per bit including periphery and assists: overhead 0.0300/0.021 = 1.43.
 *    The other nodes take the same ratio (assumption).
 *  - On-die wire energy: C = 0.2 pF/mm (the usual 0.2 fF/um for
 *    minimum-pitch copper), E = C V^2 a with activity a = 0.5 (assumption):
 *    0.9 V gives 0.081 pJ/bit/mm, 0.75 V gives 0.056.
 *  - 7 nm per-operation energies are Table 1 of Jouppi et al. [S8], which
 *    lists the 45 nm figures of Horowitz [S7] next to 7 nm ones. The MMA
 *    accumulate is an fp32 add; an fp32 FMA is fp32 mul + fp32 add.
 *  - fp8 multiply: the int8 multiply energy (assumption: an fp8 mantissa
 *    multiplier, 4x4 bits, is smaller than an 8x8 integer one; an upper
 *    bound).
 *  - 45 nm bf16 multiply: Horowitz has none; the 7 nm bf16/fp16 ratio
 *    (0.21/0.34) applied to the 45 nm fp16 multiply, 1.1 x 0.618 = 0.68.
 *  - N5: the 7 nm energies x 0.70, TSMC's "30 % power reduction at the same
 *    speed" of N5 over N7 [S4]. N4: the N5 energies (assumption: same device
 *    family; TSMC quotes no N4 power figure we could find).
 *  - HBM I/O: 1.79 pJ/bit, the conventional-I/O baseline implied by the
 *    0.95 pJ/bit, 47 %-lower charge-recycling HBM I/O of [S10]
 *    (0.95 / (1 - 0.47)); node-independent (signalling, not logic).
 *  - Links: electrical 5.5 pJ/bit, a 112G-class SerDes as compared in
 *    NVIDIA's NVLink-C2C paper [S11]; optical 5.0 pJ/bit, the "below
 *    5 pJ/bit" of in-package optical I/O chiplets [S12] taken at its bound.
 */
#include <string.h>

#include "est/node.h"

#define WAFER_300 300.0

static const lg_est_node nodes[] = {
	{
		.name = "n45",
		.desc = "45 nm planar (Nangate/FreePDK45 cells, Intel 45 nm bitcell)",
		.nand2_um2 = 0.798,          /* Nangate 45 nm NAND2_X1 [S1] */
		.sram_bitcell_um2 = 0.346,   /* Intel 45 nm 6T cell [S2] */
		.sram_array_overhead = 1.43, /* assumption: the N5 ratio */
		.d0_per_cm2 = 0.10,          /* assumption: mature node */
		.wafer_cost_usd = 2274,      /* TSMC 45/40 nm, 2020 price table [S6] */
		.wafer_mm = WAFER_300,
		.e = {
			.int32_add = 0.1,     /* [S7] */
			.fp32_fma = 4.6,      /* [S7] 3.7 mul + 0.9 add */
			.fp16_fma = 1.5,      /* [S7] 1.1 mul + 0.4 add */
			.mul_fp8 = 0.2,       /* int8 mul [S7], see above */
			.mul_fp16 = 1.1,      /* [S7] */
			.mul_bf16 = 0.68,     /* derived, see above */
			.mul_int8 = 0.2,      /* [S7] */
			.add_fp32 = 0.9,      /* [S7] */
			.sram_8k_64b = 10,    /* [S7] */
			.sram_32k_64b = 20,   /* [S7] */
			.sram_1m_64b = 100,   /* [S7] */
			.wire_bit_mm = 0.081, /* derived, 0.9 V */
			.dram_io_bit = 1.79,  /* [S10] derived */
			.link_elec_bit = 5.5, /* [S11] */
			.link_opt_bit = 5.0,  /* [S12] */
		},
	},
	{
		.name = "n7",
		.desc = "TSMC N7",
		.nand2_um2 = 0.0439,         /* 4 / 91.2 MTr/mm^2 [S3] */
		.sram_bitcell_um2 = 0.027,   /* TSMC N7 HD cell [S13] */
		.sram_array_overhead = 1.43, /* assumption: the N5 ratio */
		.d0_per_cm2 = 0.09,          /* TSMC N7, VLSI 2019 via [S9] */
		.wafer_cost_usd = 9346,      /* [S6] */
		.wafer_mm = WAFER_300,
		.e = {
			.int32_add = 0.03,    /* [S8] */
			.fp32_fma = 1.69,     /* [S8] 1.31 mul + 0.38 add */
			.fp16_fma = 0.50,     /* [S8] 0.34 mul + 0.16 add */
			.mul_fp8 = 0.07,      /* int8 mul [S8], see above */
			.mul_fp16 = 0.34,     /* [S8] */
			.mul_bf16 = 0.21,     /* [S8] */
			.mul_int8 = 0.07,     /* [S8] */
			.add_fp32 = 0.38,     /* [S8] */
			.sram_8k_64b = 7.5,   /* [S8] */
			.sram_32k_64b = 8.5,  /* [S8] */
			.sram_1m_64b = 14,    /* [S8] */
			.wire_bit_mm = 0.056, /* derived, 0.75 V */
			.dram_io_bit = 1.79,  /* [S10] derived */
			.link_elec_bit = 5.5, /* [S11] */
			.link_opt_bit = 5.0,  /* [S12] */
		},
	},
	{
		.name = "n5",
		.desc = "TSMC N5",
		.nand2_um2 = 0.0291,         /* 4 / 137.6 MTr/mm^2, measured cells [S18] */
		.sram_bitcell_um2 = 0.021,   /* TSMC N5 HD cell [S4] */
		.sram_array_overhead = 1.43, /* [S4] [S5] derived, see above */
		.d0_per_cm2 = 0.10,          /* TSMC N5, 2020 symposium [S9] */
		.wafer_cost_usd = 16988,     /* [S6] */
		.wafer_mm = WAFER_300,
		.e = {
			.int32_add = 0.021,   /* n7 x 0.70 [S4] */
			.fp32_fma = 1.183,
			.fp16_fma = 0.35,
			.mul_fp8 = 0.049,
			.mul_fp16 = 0.238,
			.mul_bf16 = 0.147,
			.mul_int8 = 0.049,
			.add_fp32 = 0.266,
			.sram_8k_64b = 5.25,
			.sram_32k_64b = 5.95,
			.sram_1m_64b = 9.8,
			.wire_bit_mm = 0.056, /* derived, 0.75 V (wires do not scale) */
			.dram_io_bit = 1.79,  /* [S10] derived */
			.link_elec_bit = 5.5, /* [S11] */
			.link_opt_bit = 5.0,  /* [S12] */
		},
	},
	{
		.name = "n4",
		.desc = "TSMC N4 class (NVIDIA 4N of the H100)",
		.nand2_um2 = 0.0273,         /* assumption: N5 x 0.94, a few-percent optical shrink */
		.sram_bitcell_um2 = 0.021,   /* assumption: N5's cell (N3E keeps it too [S5]) */
		.sram_array_overhead = 1.43, /* [S4] [S5] derived (N5) */
		.d0_per_cm2 = 0.10,          /* assumption: the N5 family figure [S9] */
		.wafer_cost_usd = 16988,     /* assumption: the N5 price [S6] */
		.wafer_mm = WAFER_300,
		.e = {
			.int32_add = 0.021,   /* assumption: = n5 */
			.fp32_fma = 1.183,
			.fp16_fma = 0.35,
			.mul_fp8 = 0.049,
			.mul_fp16 = 0.238,
			.mul_bf16 = 0.147,
			.mul_int8 = 0.049,
			.add_fp32 = 0.266,
			.sram_8k_64b = 5.25,
			.sram_32k_64b = 5.95,
			.sram_1m_64b = 9.8,
			.wire_bit_mm = 0.056,
			.dram_io_bit = 1.79,
			.link_elec_bit = 5.5,
			.link_opt_bit = 5.0,
		},
	},
};

#define NNODES (sizeof(nodes) / sizeof(nodes[0]))

const lg_est_node *lg_est_nodes(size_t *n)
{
	*n = NNODES;
	return nodes;
}

const lg_est_node *lg_est_node_find(const char *name)
{
	for (size_t i = 0; i < NNODES; i++)
		if (!strcmp(nodes[i].name, name))
			return &nodes[i];
	return NULL;
}

const char *lg_est_node_names(void)
{
	return "n45|n7|n5|n4";
}
