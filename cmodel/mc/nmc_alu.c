/*
 * The NMC ALU's adds (contract in nmc_alu.h). Each operand is decoded
 * exactly into a double and the two are added in double precision, then
 * the sum is rounded once more to the target format with ties to even.
 * Rounding twice is harmless here: a double keeps 53 significand bits,
 * at least 2p + 2 for every target (p = 24, 8, 11, 4), which makes the
 * double rounding of a sum innocuous (Figueroa, "When is double rounding
 * innocuous?", SIGNUM Newsletter 30(3), 1995), and the double's exponent
 * range covers every target's, so the first rounding never over- or
 * underflows.
 */
#include <math.h>

#include "mc/nmc_alu.h"

/* A binary floating-point format. */
typedef struct fmt {
	int mbits;       /* stored significand bits */
	int ebits;       /* exponent bits */
	int bias;
	int fn;          /* 1: E4M3-style, no inf, all-ones exponent+mantissa is NaN, saturate */
	uint32_t qnan;   /* canonical NaN */
} fmt;

static const fmt F32 = { 23, 8, 127, 0, 0x7fc00000u };
static const fmt BF16 = { 7, 8, 127, 0, 0x7fc0u };
static const fmt F16 = { 10, 5, 15, 0, 0x7e00u };
static const fmt E4M3 = { 3, 4, 7, 1, 0x7fu };

/* Decode bits v of format f: 1 and *x set, or 0 for a NaN. */
static int decode(const fmt *f, uint32_t v, double *x)
{
	uint32_t emax = (1u << f->ebits) - 1, mmask = (1u << f->mbits) - 1;
	uint32_t s = (v >> (f->mbits + f->ebits)) & 1, e = (v >> f->mbits) & emax, m = v & mmask;
	double r;

	if (f->fn && e == emax && m == mmask)
		return 0;
	if (!f->fn && e == emax) {
		if (m)
			return 0;
		r = INFINITY;
	} else if (e == 0) {
		r = ldexp((double)m, 1 - f->bias - f->mbits);
	} else {
		r = ldexp((double)(m | (1u << f->mbits)), (int)e - f->bias - f->mbits);
	}
	*x = s ? -r : r;
	return 1;
}

/* Round q (>= 0, integral part fits) to the nearest integer, ties to even. */
static double rne(double q)
{
	double fl = floor(q), d = q - fl;

	if (d > 0.5 || (d == 0.5 && fmod(fl, 2.0) != 0.0))
		fl += 1.0;
	return fl;
}

/* Encode x (not NaN) in format f, rounding once to nearest even. */
static uint32_t encode(const fmt *f, double x)
{
	uint32_t sign = signbit(x) ? 1u << (f->mbits + f->ebits) : 0;
	uint32_t emax = (1u << f->ebits) - 1, r;
	int emin = 1 - f->bias, e;
	double a = fabs(x), q;

	if (a == 0.0)
		return sign;
	if (isinf(a))
		goto out_big;
	(void)frexp(a, &e);
	e -= 1;                          /* a in [2^e, 2^(e+1)) */
	if (e < emin)
		e = emin;                /* subnormal: the quantum of the smallest binade */
	q = rne(ldexp(a, f->mbits - e)); /* significand in quanta of 2^(e - mbits) */
	if (q >= ldexp(1.0, f->mbits + 1)) { /* rounded up into the next binade */
		q = ldexp(1.0, f->mbits);
		e++;
	}
	if (q < ldexp(1.0, f->mbits))    /* subnormal (or rounded to zero): field 0 */
		return sign | (uint32_t)q;
	if (e + f->bias >= (int)emax + f->fn)
		goto out_big;
	r = ((uint32_t)(e + f->bias) << f->mbits) | ((uint32_t)q - (1u << f->mbits));
	if (f->fn && r == ((emax << f->mbits) | ((1u << f->mbits) - 1)))
		goto out_big;            /* would be the NaN pattern: above the max */
	return sign | r;
out_big:
	if (f->fn)                       /* saturate to the largest finite value */
		return sign | (emax << f->mbits) | ((1u << f->mbits) - 2);
	return sign | (emax << f->mbits);
}

/* a + b in format f. */
static uint32_t add(const fmt *f, uint32_t a, uint32_t b)
{
	double x, y, s;

	if (!decode(f, a, &x) || !decode(f, b, &y))
		return f->qnan;
	if (isinf(x) && isinf(y) && (x > 0) != (y > 0))
		return f->qnan;
	s = x + y;                       /* x + (-x) = +0 in round-to-nearest */
	return encode(f, s);
}

uint32_t lg_nmc_add_fp32(uint32_t a, uint32_t b)
{
	return add(&F32, a, b);
}

uint16_t lg_nmc_add_bf16(uint16_t a, uint16_t b)
{
	return (uint16_t)add(&BF16, a, b);
}

uint16_t lg_nmc_add_fp16(uint16_t a, uint16_t b)
{
	return (uint16_t)add(&F16, a, b);
}

uint8_t lg_nmc_add_fp8_e4m3(uint8_t a, uint8_t b)
{
	return (uint8_t)add(&E4M3, a, b);
}

/* Dispatch by dtype. */
uint32_t lg_nmc_add(lg_dtype dt, uint32_t a, uint32_t b)
{
	switch (dt) {
	case LG_DT_FP32:
		return lg_nmc_add_fp32(a, b);
	case LG_DT_BF16:
		return lg_nmc_add_bf16((uint16_t)a, (uint16_t)b);
	case LG_DT_FP16:
		return lg_nmc_add_fp16((uint16_t)a, (uint16_t)b);
	case LG_DT_FP8_E4M3:
		return lg_nmc_add_fp8_e4m3((uint8_t)a, (uint8_t)b);
	default:
		return 0;
	}
}

/* Element size. */
unsigned lg_nmc_dtype_bytes(lg_dtype dt)
{
	static const unsigned sz[LG_DT_COUNT] = { 0, 4, 2, 2, 1 };

	return dt < LG_DT_COUNT ? sz[dt] : 0;
}
