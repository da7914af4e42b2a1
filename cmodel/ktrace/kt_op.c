/*
 * Opcode classification and the opcode table (interned SASS mnemonics).
 *
 * The class of an instruction comes from the base mnemonic (the text before
 * the first '.'), looked up in a const table of the SASS mnemonics of
 * Volta..Hopper. Memory width follows Accel-Sim's rule: the first
 * modifier that is a number (".8", ".64", ".128") or "U<bits>" gives
 * bits/8 bytes per lane, otherwise 4 bytes. A mnemonic not in the table is
 * class LG_KT_UNKNOWN (the documented fallback: counted, warned about by the
 * CLI, and treated as a non-memory instruction).
 */
#include "ktrace/ktrace.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#ifndef LG_FUZZING
#define OPTAB_MAX 4096
#define OPTAB_HASH 8192 /* power of two, > 2 * OPTAB_MAX */
#else /* fuzz builds (tests/fuzz): a table under ASan's 128 KiB mmap threshold */
#define OPTAB_MAX 512
#define OPTAB_HASH 1024
#endif

struct lg_kt_optab {
	unsigned n;
	lg_kt_opinfo op[OPTAB_MAX];
	int16_t slot[OPTAB_HASH]; /* open addressing: index+1, 0 empty */
};

static const struct opclass {
	const char *base;
	uint8_t cls, space, mop;
} known_ops[] = {
	/* memory */
	{ "LDG", LG_KT_LD_GLOBAL, LG_KT_SP_GLOBAL, LG_KT_MOP_LD },
	{ "LDGSTS", LG_KT_LD_GLOBAL, LG_KT_SP_GLOBAL, LG_KT_MOP_LD },
	{ "STG", LG_KT_ST_GLOBAL, LG_KT_SP_GLOBAL, LG_KT_MOP_ST },
	{ "LDS", LG_KT_LD_SHARED, LG_KT_SP_SHARED, LG_KT_MOP_LD },
	{ "LDSM", LG_KT_LD_SHARED, LG_KT_SP_SHARED, LG_KT_MOP_LD },
	{ "STS", LG_KT_ST_SHARED, LG_KT_SP_SHARED, LG_KT_MOP_ST },
	{ "LDL", LG_KT_LD_LOCAL, LG_KT_SP_LOCAL, LG_KT_MOP_LD },
	{ "STL", LG_KT_ST_LOCAL, LG_KT_SP_LOCAL, LG_KT_MOP_ST },
	{ "LD", LG_KT_LD_GENERIC, LG_KT_SP_GENERIC, LG_KT_MOP_LD },
	{ "ST", LG_KT_ST_GENERIC, LG_KT_SP_GENERIC, LG_KT_MOP_ST },
	{ "LDC", LG_KT_LD_CONST, LG_KT_SP_CONST, LG_KT_MOP_LD },
	{ "ATOM", LG_KT_ATOMIC, LG_KT_SP_GENERIC, LG_KT_MOP_ATOM },
	{ "ATOMG", LG_KT_ATOMIC, LG_KT_SP_GLOBAL, LG_KT_MOP_ATOM },
	{ "ATOMS", LG_KT_ATOMIC, LG_KT_SP_SHARED, LG_KT_MOP_ATOM },
	{ "RED", LG_KT_ATOMIC, LG_KT_SP_GLOBAL, LG_KT_MOP_RED },
	/* tensor cores */
	{ "HMMA", LG_KT_MMA, 0, 0 }, { "IMMA", LG_KT_MMA, 0, 0 },
	{ "BMMA", LG_KT_MMA, 0, 0 }, { "DMMA", LG_KT_MMA, 0, 0 },
	{ "HGMMA", LG_KT_MMA, 0, 0 }, { "IGMMA", LG_KT_MMA, 0, 0 },
	{ "QGMMA", LG_KT_MMA, 0, 0 }, { "BGMMA", LG_KT_MMA, 0, 0 },
	/* fp */
	{ "HADD2", LG_KT_ALU_FP16, 0, 0 }, { "HFMA2", LG_KT_ALU_FP16, 0, 0 },
	{ "HMUL2", LG_KT_ALU_FP16, 0, 0 }, { "HSET2", LG_KT_ALU_FP16, 0, 0 },
	{ "HSETP2", LG_KT_ALU_FP16, 0, 0 }, { "HMNMX2", LG_KT_ALU_FP16, 0, 0 },
	{ "FADD", LG_KT_ALU_FP32, 0, 0 }, { "FFMA", LG_KT_ALU_FP32, 0, 0 },
	{ "FMUL", LG_KT_ALU_FP32, 0, 0 }, { "FMNMX", LG_KT_ALU_FP32, 0, 0 },
	{ "FSET", LG_KT_ALU_FP32, 0, 0 }, { "FSETP", LG_KT_ALU_FP32, 0, 0 },
	{ "FSEL", LG_KT_ALU_FP32, 0, 0 }, { "FCHK", LG_KT_ALU_FP32, 0, 0 },
	{ "FRND", LG_KT_ALU_FP32, 0, 0 }, { "FSWZADD", LG_KT_ALU_FP32, 0, 0 },
	{ "F2F", LG_KT_ALU_FP32, 0, 0 }, { "F2I", LG_KT_ALU_FP32, 0, 0 },
	{ "I2F", LG_KT_ALU_FP32, 0, 0 }, { "F2FP", LG_KT_ALU_FP32, 0, 0 },
	{ "DADD", LG_KT_ALU_FP64, 0, 0 }, { "DFMA", LG_KT_ALU_FP64, 0, 0 },
	{ "DMUL", LG_KT_ALU_FP64, 0, 0 }, { "DSETP", LG_KT_ALU_FP64, 0, 0 },
	{ "DMNMX", LG_KT_ALU_FP64, 0, 0 }, { "DSET", LG_KT_ALU_FP64, 0, 0 },
	{ "MUFU", LG_KT_SFU, 0, 0 },
	/* integer and data movement */
	{ "IADD3", LG_KT_ALU_INT, 0, 0 }, { "IADD", LG_KT_ALU_INT, 0, 0 },
	{ "IMAD", LG_KT_ALU_INT, 0, 0 }, { "IMUL", LG_KT_ALU_INT, 0, 0 },
	{ "ISETP", LG_KT_ALU_INT, 0, 0 }, { "ISCADD", LG_KT_ALU_INT, 0, 0 },
	{ "IMNMX", LG_KT_ALU_INT, 0, 0 }, { "IABS", LG_KT_ALU_INT, 0, 0 },
	{ "LOP3", LG_KT_ALU_INT, 0, 0 }, { "LOP", LG_KT_ALU_INT, 0, 0 },
	{ "PLOP3", LG_KT_ALU_INT, 0, 0 }, { "PSETP", LG_KT_ALU_INT, 0, 0 },
	{ "SHF", LG_KT_ALU_INT, 0, 0 }, { "SHL", LG_KT_ALU_INT, 0, 0 },
	{ "SHR", LG_KT_ALU_INT, 0, 0 }, { "LEA", LG_KT_ALU_INT, 0, 0 },
	{ "FLO", LG_KT_ALU_INT, 0, 0 }, { "POPC", LG_KT_ALU_INT, 0, 0 },
	{ "BREV", LG_KT_ALU_INT, 0, 0 }, { "BMSK", LG_KT_ALU_INT, 0, 0 },
	{ "BFE", LG_KT_ALU_INT, 0, 0 }, { "BFI", LG_KT_ALU_INT, 0, 0 },
	{ "SGXT", LG_KT_ALU_INT, 0, 0 }, { "PRMT", LG_KT_ALU_INT, 0, 0 },
	{ "SEL", LG_KT_ALU_INT, 0, 0 }, { "MOV", LG_KT_ALU_INT, 0, 0 },
	{ "XMAD", LG_KT_ALU_INT, 0, 0 }, { "ICMP", LG_KT_ALU_INT, 0, 0 },
	{ "I2I", LG_KT_ALU_INT, 0, 0 }, { "I2IP", LG_KT_ALU_INT, 0, 0 },
	{ "IDP", LG_KT_ALU_INT, 0, 0 }, { "IDP4A", LG_KT_ALU_INT, 0, 0 },
	{ "P2R", LG_KT_ALU_INT, 0, 0 }, { "R2P", LG_KT_ALU_INT, 0, 0 },
	{ "S2R", LG_KT_ALU_INT, 0, 0 }, { "S2UR", LG_KT_ALU_INT, 0, 0 },
	{ "CS2R", LG_KT_ALU_INT, 0, 0 }, { "R2UR", LG_KT_ALU_INT, 0, 0 },
	{ "SHFL", LG_KT_ALU_INT, 0, 0 }, { "VOTE", LG_KT_ALU_INT, 0, 0 },
	{ "VOTEU", LG_KT_ALU_INT, 0, 0 }, { "MATCH", LG_KT_ALU_INT, 0, 0 },
	{ "REDUX", LG_KT_ALU_INT, 0, 0 }, { "UIADD3", LG_KT_ALU_INT, 0, 0 },
	{ "UIMAD", LG_KT_ALU_INT, 0, 0 }, { "UMOV", LG_KT_ALU_INT, 0, 0 },
	{ "ULDC", LG_KT_ALU_INT, 0, 0 }, { "ULOP3", LG_KT_ALU_INT, 0, 0 },
	{ "USHF", LG_KT_ALU_INT, 0, 0 }, { "USEL", LG_KT_ALU_INT, 0, 0 },
	{ "UISETP", LG_KT_ALU_INT, 0, 0 }, { "ULEA", LG_KT_ALU_INT, 0, 0 },
	{ "UPRMT", LG_KT_ALU_INT, 0, 0 }, { "UFLO", LG_KT_ALU_INT, 0, 0 },
	{ "UPOPC", LG_KT_ALU_INT, 0, 0 }, { "USHL", LG_KT_ALU_INT, 0, 0 },
	{ "USHR", LG_KT_ALU_INT, 0, 0 }, { "UPLOP3", LG_KT_ALU_INT, 0, 0 },
	{ "UBMSK", UINT8_C(LG_KT_ALU_INT), 0, 0 }, { "UP2UR", LG_KT_ALU_INT, 0, 0 },
	/* control */
	{ "BRA", LG_KT_BRANCH, 0, 0 }, { "BRX", LG_KT_BRANCH, 0, 0 },
	{ "JMP", LG_KT_BRANCH, 0, 0 }, { "JMX", LG_KT_BRANCH, 0, 0 },
	{ "CALL", LG_KT_BRANCH, 0, 0 }, { "RET", LG_KT_BRANCH, 0, 0 },
	{ "EXIT", LG_KT_BRANCH, 0, 0 }, { "BSSY", LG_KT_BRANCH, 0, 0 },
	{ "BSYNC", LG_KT_BRANCH, 0, 0 }, { "BREAK", LG_KT_BRANCH, 0, 0 },
	{ "BMOV", LG_KT_BRANCH, 0, 0 }, { "KILL", LG_KT_BRANCH, 0, 0 },
	{ "BPT", LG_KT_BRANCH, 0, 0 }, { "YIELD", LG_KT_BRANCH, 0, 0 },
	{ "BAR", LG_KT_BARRIER, 0, 0 }, { "MEMBAR", LG_KT_BARRIER, 0, 0 },
	{ "DEPBAR", LG_KT_BARRIER, 0, 0 }, { "ERRBAR", LG_KT_BARRIER, 0, 0 },
	{ "WARPSYNC", LG_KT_BARRIER, 0, 0 }, { "LDGDEPBAR", LG_KT_BARRIER, 0, 0 },
	{ "ARRIVES", LG_KT_BARRIER, 0, 0 }, { "SYNCS", LG_KT_BARRIER, 0, 0 },
	{ "NOP", LG_KT_OTHER, 0, 0 }, { "CCTL", LG_KT_OTHER, 0, 0 },
	{ "CCTLL", LG_KT_OTHER, 0, 0 }, { "PMTRIG", LG_KT_OTHER, 0, 0 },
	{ "NANOSLEEP", LG_KT_OTHER, 0, 0 }, { "B2R", LG_KT_OTHER, 0, 0 },
	{ "R2B", LG_KT_OTHER, 0, 0 }, { "WARPGROUP", LG_KT_OTHER, 0, 0 },
};

static const char *const class_names[LG_KT_NCLASS] = {
	"alu_int", "alu_fp16", "alu_fp32", "alu_fp64", "sfu", "mma",
	"ld_global", "st_global", "ld_shared", "st_shared", "ld_local",
	"st_local", "ld_generic", "st_generic", "ld_const", "atomic",
	"barrier", "branch", "other", "unknown"
};
static const char *const space_names[LG_KT_NSPACE] = {
	"none", "global", "shared", "local", "generic", "const"
};
static const char *const mop_names[LG_KT_NMOP] = { "none", "ld", "st", "atom", "red" };

const char *lg_kt_class_name(unsigned c) { return c < LG_KT_NCLASS ? class_names[c] : "?"; }
const char *lg_kt_space_name(unsigned s) { return s < LG_KT_NSPACE ? space_names[s] : "?"; }
const char *lg_kt_mop_name(unsigned m) { return m < LG_KT_NMOP ? mop_names[m] : "?"; }

/* Bytes per lane from the modifiers, per Accel-Sim's rule (default 4). */
static unsigned width_from_name(const char *name)
{
	const char *p = strchr(name, '.');

	while (p) {
		const char *t = p + 1, *end = strchr(t, '.');
		size_t len = end ? (size_t)(end - t) : strlen(t);
		size_t i = (len > 1 && t[0] == 'U') ? 1 : 0;
		bool num = len > i;

		for (size_t j = i; j < len; j++)
			if (!isdigit((unsigned char)t[j]))
				num = false;
		if (num && len - i > 5) /* 100000 bits or more: as wide as it gets */
			return 255;
		if (num) {
			unsigned bits = (unsigned)strtoul(t + i, NULL, 10);
			unsigned b = bits / 8;
			return b > 255 ? 255 : b;
		}
		p = end;
	}
	return 4;
}

/* Class, space, op and width of a mnemonic, from the table and its suffix. */
void lg_kt_classify(const char *name, lg_kt_opinfo *o)
{
	size_t blen = strcspn(name, ".");

	memset(o, 0, sizeof(*o));
	strncpy(o->name, name, sizeof(o->name) - 1);
	o->cls = LG_KT_UNKNOWN;
	for (size_t i = 0; i < sizeof(known_ops) / sizeof(known_ops[0]); i++) {
		const struct opclass *k = &known_ops[i];

		if (strlen(k->base) == blen && !strncmp(k->base, name, blen)) {
			o->cls = k->cls;
			o->space = k->space;
			o->mop = k->mop;
			break;
		}
	}
	if (o->mop != LG_KT_MOP_NONE)
		o->width = (uint8_t)width_from_name(name);
}

/* FNV-1a of the name, for the opcode table. */
static uint32_t hash_name(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* An empty opcode table. */
lg_kt_optab *lg_kt_optab_create(void)
{
	return calloc(1, sizeof(lg_kt_optab));
}

/* Free the table. */
void lg_kt_optab_destroy(lg_kt_optab *t)
{
	free(t);
}

/* Index of name (len bytes), classifying and adding it when new. */
int lg_kt_optab_intern(lg_kt_optab *t, const char *name, size_t len)
{
	uint32_t h = hash_name(name, len) & (OPTAB_HASH - 1);
	char buf[sizeof(t->op[0].name)];

	for (;;) {
		int s = t->slot[h];

		if (!s)
			break;
		if (!strncmp(t->op[s - 1].name, name, len) && t->op[s - 1].name[len] == '\0')
			return s - 1;
		h = (h + 1) & (OPTAB_HASH - 1);
	}
	if (t->n >= OPTAB_MAX || len >= sizeof(buf))
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	lg_kt_classify(buf, &t->op[t->n]);
	t->slot[h] = (int16_t)(t->n + 1);
	return (int)t->n++;
}

/* Entry idx, or NULL when out of range. */
const lg_kt_opinfo *lg_kt_optab_get(const lg_kt_optab *t, unsigned idx)
{
	return idx < t->n ? &t->op[idx] : NULL;
}

unsigned lg_kt_optab_count(const lg_kt_optab *t)
{
	return t->n;
}
