/*
 * Per-event energies from the node table, and the event-count product.
 *
 * Event energies (node figures in node.c):
 *  - ALU: int32 = int32 add; fp32 = fp32 FMA; fp16 = fp16 FMA.
 *  - MMA per FLOP = (multiply(dtype) + fp32 accumulate add) / 2, a MAC
 *    being 2 FLOPs. tf32 uses the fp16 multiplier (both have a 10-bit
 *    mantissa); fp32 "MMA" FLOPs are fp32 FMAs / 2.
 *  - Register file: half a 64-bit read of an 8 KB array per 32-bit access
 *    (a register-file bank is of that size); reads and writes alike.
 *  - Shared memory and L1: 16 x a 64-bit read of a 32 KB array per
 *    128-byte access (tag energy not counted).
 *  - L2: 4 x a 64-bit read of a 1 MB array per 32-byte sector.
 *  - Crossbar: 8 x the wire energy per bit per mm, times the distance.
 *  - DRAM I/O: 8 x the HBM I/O energy per bit.
 *  - NMC: one add in the dtype per element reduced (fp16 add = fp16 FMA -
 *    fp16 multiply; bf16 and fp8 take the fp16 adder; tf32 and fp32 the
 *    fp32 adder), per byte = add / element bytes. The DRAM reads and
 *    writes of a reduction are counted by the DRAM model.
 *  - Links: 8 x pJ/bit of the link kind.
 */
#include <string.h>

#include "est/energy.h"

static const char *const dtype_names[LG_EST_DTYPE_N] = {
	"fp8", "fp16", "bf16", "tf32", "fp32"
};
static const char *const alu_names[LG_EST_ALU_N] = { "int32", "fp32", "fp16" };
static const double dtype_bytes[LG_EST_DTYPE_N] = { 1, 2, 2, 4, 4 };

const char *lg_est_dtype_name(int d)
{
	return d >= 0 && d < LG_EST_DTYPE_N ? dtype_names[d] : "?";
}

const char *lg_est_alu_name(int c)
{
	return c >= 0 && c < LG_EST_ALU_N ? alu_names[c] : "?";
}

void lg_est_unit_energies(const lg_est_node *n, lg_est_unit_energy *u)
{
	const lg_est_node_energy *e = &n->e;
	double add16 = e->fp16_fma - e->mul_fp16;

	memset(u, 0, sizeof(*u));
	u->alu[LG_EST_ALU_INT32] = e->int32_add;
	u->alu[LG_EST_ALU_FP32] = e->fp32_fma;
	u->alu[LG_EST_ALU_FP16] = e->fp16_fma;
	u->mma_flop[LG_EST_FP8] = (e->mul_fp8 + e->add_fp32) / 2;
	u->mma_flop[LG_EST_FP16] = (e->mul_fp16 + e->add_fp32) / 2;
	u->mma_flop[LG_EST_BF16] = (e->mul_bf16 + e->add_fp32) / 2;
	u->mma_flop[LG_EST_TF32] = (e->mul_fp16 + e->add_fp32) / 2;
	u->mma_flop[LG_EST_FP32] = e->fp32_fma / 2;
	u->rf_access = e->sram_8k_64b / 2;
	u->smem_access = e->sram_32k_64b * 16;
	u->l1_access = e->sram_32k_64b * 16;
	u->l2_access = e->sram_1m_64b * 4;
	u->xbar_byte_mm = e->wire_bit_mm * 8;
	u->dram_io_byte = e->dram_io_bit * 8;
	u->nmc_byte[LG_EST_FP8] = add16 / dtype_bytes[LG_EST_FP8];
	u->nmc_byte[LG_EST_FP16] = add16 / dtype_bytes[LG_EST_FP16];
	u->nmc_byte[LG_EST_BF16] = add16 / dtype_bytes[LG_EST_BF16];
	u->nmc_byte[LG_EST_TF32] = e->add_fp32 / dtype_bytes[LG_EST_TF32];
	u->nmc_byte[LG_EST_FP32] = e->add_fp32 / dtype_bytes[LG_EST_FP32];
	u->link_elec_byte = e->link_elec_bit * 8;
	u->link_opt_byte = e->link_opt_bit * 8;
}

void lg_est_energy(const lg_est_node *n, const lg_est_events *c,
		   lg_est_energy_out *o)
{
	lg_est_unit_energy u;

	lg_est_unit_energies(n, &u);
	memset(o, 0, sizeof(*o));
	for (int i = 0; i < LG_EST_ALU_N; i++)
		o->alu += (double)c->alu_ops[i] * u.alu[i];
	o->nmc = c->nmc_pJ;
	for (int d = 0; d < LG_EST_DTYPE_N; d++) {
		o->mma += (double)c->mma_flops[d] * u.mma_flop[d];
		o->nmc += (double)c->nmc_bytes[d] * u.nmc_byte[d];
	}
	o->rf = (double)(c->rf_reads + c->rf_writes) * u.rf_access;
	o->smem = (double)c->smem_accesses * u.smem_access;
	o->l1 = (double)c->l1_accesses * u.l1_access;
	o->l2 = (double)c->l2_accesses * u.l2_access;
	o->xbar = (double)c->xbar_bytes * c->xbar_mm * u.xbar_byte_mm;
	o->dram_core = c->dram_core_pJ;
	o->dram_io = (double)c->dram_io_bytes * u.dram_io_byte;
	o->link_elec = (double)c->link_bytes_elec * u.link_elec_byte;
	o->link_opt = (double)c->link_bytes_opt * u.link_opt_byte;
	o->total = o->alu + o->mma + o->rf + o->smem + o->l1 + o->l2 + o->xbar +
		   o->dram_core + o->dram_io + o->nmc + o->link_elec + o->link_opt;
}

void lg_est_energy_json(lg_json *j, const lg_est_energy_out *o, bool links)
{
	lg_json_obj_begin(j, "energy_pJ");
	lg_json_f64(j, "total", o->total);
	lg_json_f64(j, "alu", o->alu);
	lg_json_f64(j, "mma", o->mma);
	lg_json_f64(j, "rf", o->rf);
	lg_json_f64(j, "smem", o->smem);
	lg_json_f64(j, "l1", o->l1);
	lg_json_f64(j, "l2", o->l2);
	lg_json_f64(j, "xbar", o->xbar);
	lg_json_f64(j, "dram_core", o->dram_core);
	lg_json_f64(j, "dram_io", o->dram_io);
	lg_json_f64(j, "nmc", o->nmc);
	if (links) {
		lg_json_f64(j, "link_elec", o->link_elec);
		lg_json_f64(j, "link_opt", o->link_opt);
	}
	lg_json_obj_end(j);
}
