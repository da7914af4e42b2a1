/*
 * lg_cu_opdec: per-opcode timing for the CU (see opdec.h).
 */
#include "cu/opdec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Built-in <latency, interval> per class, core cycles, per scheduler
 * (sub-core). Intervals: a warp of 32 lanes over the sub-core's units
 * (H100 whitepaper, per SM / 4 sub-cores: 32 FP32, 16 INT32, 16 FP64,
 * 4 SFU lanes). Latencies: Jia et al., "Dissecting the NVIDIA Volta GPU
 * Architecture via Microbenchmarking" (2018): 4 cycles for FP32/INT/FP16
 * fused ops, 8 for FP64; sfu 18 and mma 32 are assumptions. Memory classes
 * take their latency from the L1/shared parameters; their entry here is the
 * issue interval only.
 */
static const lg_cu_timing timing_default[LG_KT_NCLASS] = {
	[LG_KT_ALU_INT] = { 4, 2 },  [LG_KT_ALU_FP16] = { 4, 1 }, [LG_KT_ALU_FP32] = { 4, 1 },
	[LG_KT_ALU_FP64] = { 8, 2 }, [LG_KT_SFU] = { 18, 8 },     [LG_KT_MMA] = { 32, 1 },
	[LG_KT_LD_GLOBAL] = { 1, 1 }, [LG_KT_ST_GLOBAL] = { 1, 1 }, [LG_KT_LD_SHARED] = { 1, 1 },
	[LG_KT_ST_SHARED] = { 1, 1 }, [LG_KT_LD_LOCAL] = { 1, 1 },  [LG_KT_ST_LOCAL] = { 1, 1 },
	[LG_KT_LD_GENERIC] = { 1, 1 }, [LG_KT_ST_GENERIC] = { 1, 1 },
	[LG_KT_LD_CONST] = { 8, 1 }, [LG_KT_ATOMIC] = { 1, 1 },    [LG_KT_BARRIER] = { 1, 1 },
	[LG_KT_BRANCH] = { 4, 1 },   [LG_KT_OTHER] = { 4, 1 },     [LG_KT_UNKNOWN] = { 4, 1 },
};

void lg_cu_timing_defaults(lg_cu_timing t[LG_KT_NCLASS])
{
	memcpy(t, timing_default, sizeof(timing_default));
}

/* Class index of name, or -1. */
static int class_by_name(const char *s, size_t len)
{
	for (unsigned c = 0; c < LG_KT_NCLASS; c++) {
		const char *n = lg_kt_class_name(c);

		if (strlen(n) == len && !strncmp(n, s, len))
			return (int)c;
	}
	return -1;
}

int lg_cu_timing_parse(lg_cu_timing t[LG_KT_NCLASS], const char *spec, const char *key,
		       lg_err *e)
{
	const char *p = spec;

	while (*p) {
		const char *nm, *eq;
		char *end;
		long lat, ii;
		int c;

		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (!*p)
			break;
		nm = p;
		eq = strchr(p, '=');
		c = eq ? class_by_name(nm, (size_t)(eq - nm)) : -1;
		if (c < 0)
			goto bad;
		lat = strtol(eq + 1, &end, 10);
		if (end == eq + 1 || *end != '/' || lat < 1 || lat > 65535)
			goto bad;
		p = end + 1;
		ii = strtol(p, &end, 10);
		if (end == p || ii < 1 || ii > 65535 || (*end && *end != ' ' && *end != ',' && *end != '\t'))
			goto bad;
		t[c].lat = (uint16_t)lat;
		t[c].ii = (uint16_t)ii;
		p = end;
		continue;
bad:
		return lg_errf(e, key, 0, "expected 'class=latency/interval' with a class name "
			       "such as alu_fp32 and numbers 1..65535, got '%.24s'", nm);
	}
	return 0;
}

/* Sixteenths of the bf16 rate (H100 SXM whitepaper dense tensor TFLOP/s:
 * fp64 67 ~ 1/16 (rounded, assumption), tf32 495 = 1/2, fp16 989 = bf16,
 * fp8 1,979 = 2x, int8 1,979 TOPS = 2x). */
static const uint8_t rate16[LG_CU_NDT] = { 1, 8, 16, 16, 32, 32 };
static const char *const dt_names[LG_CU_NDT] = { "fp64", "tf32", "fp16", "bf16", "fp8", "int8" };

unsigned lg_cu_dt_rate16(unsigned dt) { return dt < LG_CU_NDT ? rate16[dt] : 16; }
const char *lg_cu_dt_name(unsigned dt) { return dt < LG_CU_NDT ? dt_names[dt] : "?"; }

/* Whether token t (len bytes) is one of the '|'-separated words of set. */
static bool tok_in(const char *t, size_t len, const char *set)
{
	while (*set) {
		const char *e = strchr(set, '|');
		size_t l = e ? (size_t)(e - set) : strlen(set);

		if (l == len && !strncmp(t, set, l))
			return true;
		if (!e)
			break;
		set = e + 1;
	}
	return false;
}

/* An MMA shape token: "16816" (m16 n8 k16), "884", "1688", or a wgmma
 * "64x128x16". Returns m*n*k, 0 if t is not a shape. */
static uint64_t shape_mnk(const char *t, size_t len)
{
	uint64_t d[3] = { 0, 0, 0 };
	unsigned k = 0;

	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)t[i]) && t[i] != 'x')
			return 0;
	if (memchr(t, 'x', len)) {
		for (size_t i = 0; i < len; i++) {
			if (t[i] == 'x') {
				if (++k > 2)
					return 0;
				continue;
			}
			d[k] = d[k] * 10 + (uint64_t)(t[i] - '0');
		}
		return k == 2 ? d[0] * d[1] * d[2] : 0;
	}
	if (len < 3)
		return 0;
	/* m is 16 or 8, n one digit, k the rest. */
	if (len >= 4 && t[0] == '1' && t[1] == '6') {
		d[0] = 16;
		t += 2;
		len -= 2;
	} else if (t[0] == '8') {
		d[0] = 8;
		t++;
		len--;
	} else {
		return 0;
	}
	d[1] = (uint64_t)(t[0] - '0');
	for (size_t i = 1; i < len; i++)
		d[2] = d[2] * 10 + (uint64_t)(t[i] - '0');
	return d[0] * d[1] * d[2];
}

/* FLOPs and dtype of an MMA mnemonic. Defaults when the shape is absent:
 * m16 n8 k16 (assumption); dtype from the operand-type modifiers, else by
 * the opcode (HMMA fp16, IMMA int8, DMMA fp64, QGMMA fp8). A warpgroup MMA
 * (xGMMA) names the warpgroup's shape; each of its 4 warps gets a quarter. */
static void mma_decode(const char *name, lg_cu_op *o)
{
	const char *p = strchr(name, '.');
	uint64_t mnk = 0;
	int dt = -1;
	bool wg = strstr(name, "GMMA") != NULL;

	if (!strncmp(name, "DMMA", 4))
		dt = LG_CU_DT_FP64;
	else if (!strncmp(name, "IMMA", 4) || !strncmp(name, "IGMMA", 5) || !strncmp(name, "BMMA", 4))
		dt = LG_CU_DT_INT8;
	else if (!strncmp(name, "QGMMA", 5))
		dt = LG_CU_DT_FP8;
	while (p) {
		const char *t = p + 1, *e = strchr(t, '.');
		size_t len = e ? (size_t)(e - t) : strlen(t);
		uint64_t s = shape_mnk(t, len);

		if (s && !mnk)
			mnk = s;
		else if (tok_in(t, len, "BF16|BF16_V2"))
			dt = LG_CU_DT_BF16;
		else if (tok_in(t, len, "TF32"))
			dt = LG_CU_DT_TF32;
		else if (tok_in(t, len, "E4M3|E5M2"))
			dt = LG_CU_DT_FP8;
		else if (tok_in(t, len, "S8|U8|S4|U4") && dt < 0)
			dt = LG_CU_DT_INT8;
		p = e;
	}
	if (!mnk)
		mnk = 16 * 8 * 16;
	if (dt < 0)
		dt = LG_CU_DT_FP16;
	o->flops = (uint32_t)(2 * mnk / (wg ? 4 : 1));
	o->dt = (uint8_t)dt;
}

/* The lg_dtype of a reduction's add, from its type modifier (F32, BF16,
 * F16, E4M3); LG_DT_NONE for integer and other operations. */
static uint8_t red_dtype(const char *name)
{
	const char *p = strchr(name, '.');
	bool add = false;
	uint8_t dt = LG_DT_NONE;

	while (p) {
		const char *t = p + 1, *e = strchr(t, '.');
		size_t len = e ? (size_t)(e - t) : strlen(t);

		if (tok_in(t, len, "ADD"))
			add = true;
		else if (tok_in(t, len, "F32"))
			dt = LG_DT_FP32;
		else if (tok_in(t, len, "BF16|BF16_V2|BF16x2"))
			dt = LG_DT_BF16;
		else if (tok_in(t, len, "F16|F16x2|F16_V2"))
			dt = LG_DT_FP16;
		else if (tok_in(t, len, "E4M3"))
			dt = LG_DT_FP8_E4M3;
		p = e;
	}
	return add ? dt : LG_DT_NONE;
}

void lg_cu_opdec_init(lg_cu_opdec *d, const lg_cu_timing tim[LG_KT_NCLASS],
		      uint32_t mma_per_sched)
{
	d->n = 0;
	memcpy(d->tim, tim, sizeof(d->tim));
	d->mma_per_sched = mma_per_sched ? mma_per_sched : 1;
}

void lg_cu_op_decode(const lg_cu_opdec *d, const lg_kt_opinfo *oi, lg_cu_op *o)
{
	memset(o, 0, sizeof(*o));
	o->cls = oi->cls;
	o->space = oi->space;
	o->mop = oi->mop;
	o->width = oi->width;
	o->red_dt = LG_DT_NONE;
	o->lat = d->tim[oi->cls].lat;
	o->ii = d->tim[oi->cls].ii;
	o->unknown = oi->cls == LG_KT_UNKNOWN;
	o->kind = LG_CU_K_ALU;
	switch (oi->cls) {
	case LG_KT_MMA: {
		uint64_t per, ii;

		mma_decode(oi->name, o);
		per = (uint64_t)d->mma_per_sched * lg_cu_dt_rate16(o->dt);
		ii = ((uint64_t)o->flops * 16 + per - 1) / per;
		if (ii > o->ii)
			o->ii = ii > 65535 ? 65535 : (uint16_t)ii;
		if (o->lat < o->ii)
			o->lat = o->ii;
		o->kind = LG_CU_K_MMA;
		break;
	}
	case LG_KT_LD_GLOBAL: case LG_KT_ST_GLOBAL: case LG_KT_LD_SHARED:
	case LG_KT_ST_SHARED: case LG_KT_LD_LOCAL: case LG_KT_ST_LOCAL:
	case LG_KT_LD_GENERIC: case LG_KT_ST_GENERIC: case LG_KT_ATOMIC:
		o->kind = oi->mop == LG_KT_MOP_NONE ? LG_CU_K_ALU : LG_CU_K_MEM;
		if (oi->mop == LG_KT_MOP_RED || oi->mop == LG_KT_MOP_ATOM)
			o->red_dt = red_dtype(oi->name);
		break;
	case LG_KT_BARRIER:
		if (!strncmp(oi->name, "BAR", 3) && (oi->name[3] == 0 || oi->name[3] == '.') &&
		    !strstr(oi->name, ".ARV"))
			o->kind = LG_CU_K_BAR;
		break;
	case LG_KT_BRANCH:
		if (!strncmp(oi->name, "EXIT", 4) && (oi->name[4] == 0 || oi->name[4] == '.'))
			o->kind = LG_CU_K_EXIT;
		break;
	default:
		break;
	}
}

void lg_cu_opdec_sync(lg_cu_opdec *d, const lg_kt_optab *t)
{
	unsigned n = lg_kt_optab_count(t);

	for (; d->n < n && d->n < sizeof(d->op) / sizeof(d->op[0]); d->n++)
		lg_cu_op_decode(d, lg_kt_optab_get(t, d->n), &d->op[d->n]);
}
