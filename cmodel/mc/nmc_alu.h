/*
 * lg_nmc_alu: the near-memory reduction ALU's arithmetic, as pure
 * functions on bit patterns (no state, no floating-point environment):
 * dst = a + b for the NMC dtypes (core/lg_req.h lg_dtype).
 *
 * Rounding: round to nearest, ties to even, once, from the exact sum.
 * Formats and special values:
 *   fp32      IEEE 754 binary32; overflow gives +-inf
 *   bf16      1-8-7, binary32's exponent; overflow gives +-inf
 *   fp16      IEEE 754 binary16 (1-5-10); overflow gives +-inf
 *   fp8-e4m3  OCP FP8 E4M3 (1-4-3, bias 7): no infinities, the largest
 *             finite value is +-448 (S.1111.110); a sum whose rounded
 *             magnitude exceeds 448 saturates to +-448
 * Subnormals are kept (no flush to zero). Zeros: x + (-x) = +0, and
 * (-0) + (-0) = -0. NaN: any NaN operand, or inf + (-inf), gives the
 * canonical quiet NaN with sign 0 (fp32 0x7fc00000, bf16 0x7fc0, fp16
 * 0x7e00, fp8-e4m3 0x7f); NaN payloads are not propagated.
 */
#ifndef LG_NMC_ALU_H
#define LG_NMC_ALU_H

#include <stdint.h>

#include "core/lg_req.h"

uint32_t lg_nmc_add_fp32(uint32_t a, uint32_t b);
uint16_t lg_nmc_add_bf16(uint16_t a, uint16_t b);
uint16_t lg_nmc_add_fp16(uint16_t a, uint16_t b);
uint8_t lg_nmc_add_fp8_e4m3(uint8_t a, uint8_t b);

/* a + b in dtype dt (bits in the low end); 0 for LG_DT_NONE. */
uint32_t lg_nmc_add(lg_dtype dt, uint32_t a, uint32_t b);

/* Bytes of one element of dt (0 for LG_DT_NONE). */
unsigned lg_nmc_dtype_bytes(lg_dtype dt);

#endif
