/*
 * lg_kt: recorded kernel traces (docs/trace-format.md).
 *
 * A kernel trace is a sequence of events: trace-level metadata, memcpy
 * commands, kernel launches (name, grid, block, stream, shared memory,
 * metadata) and, per kernel, the warps of its thread blocks, each with its
 * full instruction stream. Three inputs are read through the same reader:
 *
 *   lgt        lgsim's binary form: gzip (zlib) stream of length-prefixed
 *              records behind a self-describing header ("LGKT" magic)
 *   lgt-text   the same records as text ("LGKT-TEXT 1" first line); the
 *              instruction lines use the Accel-Sim (tracer >= 3) syntax
 *   accelsim   Accel-Sim's kernelslist.g + kernel-N.traceg[.xz] files
 *
 * The reader streams warp by warp: it holds one kernel header and one warp
 * (its instructions and address lists) at a time, so memory is bounded by
 * the largest warp, not by the trace. The writer writes lgt or lgt-text to a
 * temporary file and renames it on commit (no partial output on error).
 *
 * Opcodes are interned in an lg_kt_optab: each distinct SASS mnemonic gets a
 * small index and its classification (class, memory space, memory op, access
 * width per lane) computed once by lg_kt_classify().
 */
#ifndef LG_KTRACE_H
#define LG_KTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lg_err.h"

#define LG_KT_WARP_SIZE 32
#define LG_KT_MAXDST 4
#define LG_KT_MAXSRC 8
#define LG_KT_NMETA 16
#define LG_KT_KEYLEN 32
#define LG_KT_VALLEN 128
#define LG_KT_AMODE_NONE 0xff /* not a memory instruction */
/*
 * Most instructions one warp may hold: a warp is decoded whole into memory
 * (about 80 bytes an instruction), so 2^24 bounds it near 1.3 GB. A count
 * above it is refused when read, before anything is allocated for it.
 */
#define LG_KT_MAX_WARP_INSNS (1u << 24)

/* Instruction classes (what the CU model needs to time an instruction). */
typedef enum lg_kt_class {
	LG_KT_ALU_INT = 0, /* integer, logic, moves, predicates, uniform ops */
	LG_KT_ALU_FP16,    /* HADD2/HFMA2/HMUL2... */
	LG_KT_ALU_FP32,    /* FADD/FFMA/FMUL, conversions */
	LG_KT_ALU_FP64,    /* DADD/DFMA/DMUL... */
	LG_KT_SFU,         /* MUFU */
	LG_KT_MMA,         /* tensor core: HMMA/IMMA/DMMA/BMMA/xGMMA */
	LG_KT_LD_GLOBAL,
	LG_KT_ST_GLOBAL,
	LG_KT_LD_SHARED,
	LG_KT_ST_SHARED,
	LG_KT_LD_LOCAL,
	LG_KT_ST_LOCAL,
	LG_KT_LD_GENERIC, /* LD: generic address space */
	LG_KT_ST_GENERIC,
	LG_KT_LD_CONST,
	LG_KT_ATOMIC,     /* ATOM/ATOMG/ATOMS and RED */
	LG_KT_BARRIER,    /* BAR, MEMBAR, DEPBAR, WARPSYNC... */
	LG_KT_BRANCH,     /* BRA, CALL, RET, EXIT... */
	LG_KT_OTHER,      /* known but none of the above (NOP, CCTL...) */
	LG_KT_UNKNOWN,    /* fallback for mnemonics not in the table */
	LG_KT_NCLASS
} lg_kt_class;

typedef enum lg_kt_space {
	LG_KT_SP_NONE = 0, LG_KT_SP_GLOBAL, LG_KT_SP_SHARED, LG_KT_SP_LOCAL,
	LG_KT_SP_GENERIC, LG_KT_SP_CONST, LG_KT_NSPACE
} lg_kt_space;

typedef enum lg_kt_mop {
	LG_KT_MOP_NONE = 0, LG_KT_MOP_LD, LG_KT_MOP_ST, LG_KT_MOP_ATOM,
	LG_KT_MOP_RED, LG_KT_NMOP
} lg_kt_mop;

/* Address encodings (the Accel-Sim numbering). */
enum { LG_KT_AM_LIST = 0, LG_KT_AM_STRIDE = 1, LG_KT_AM_DELTA = 2 };

/* One opcode's classification. */
typedef struct lg_kt_opinfo {
	char name[64];   /* SASS mnemonic with modifiers, "LDG.E.128" */
	uint8_t cls;     /* lg_kt_class */
	uint8_t space;   /* lg_kt_space, for memory ops */
	uint8_t mop;     /* lg_kt_mop, for memory ops */
	uint8_t width;   /* bytes per lane from the suffix (.8 .. .128, U8..), default 4 */
} lg_kt_opinfo;

typedef struct lg_kt_optab lg_kt_optab;

lg_kt_optab *lg_kt_optab_create(void);
void lg_kt_optab_destroy(lg_kt_optab *t);
/* Index of name, interning (and classifying) it if new; -1 if the table is full. */
int lg_kt_optab_intern(lg_kt_optab *t, const char *name, size_t len);
const lg_kt_opinfo *lg_kt_optab_get(const lg_kt_optab *t, unsigned idx);
unsigned lg_kt_optab_count(const lg_kt_optab *t);
/* Classify a mnemonic (pure function of the name). */
void lg_kt_classify(const char *name, lg_kt_opinfo *out);
const char *lg_kt_class_name(unsigned cls);
const char *lg_kt_space_name(unsigned sp);
const char *lg_kt_mop_name(unsigned mop);

/* Key/value metadata (trace- or kernel-level). */
typedef struct lg_kt_meta {
	unsigned n;
	char key[LG_KT_NMETA][LG_KT_KEYLEN];
	char val[LG_KT_NMETA][LG_KT_VALLEN];
} lg_kt_meta;

/* Set (or replace) key; -1 if full or too long. */
int lg_kt_meta_set(lg_kt_meta *m, const char *key, const char *val);
const char *lg_kt_meta_get(const lg_kt_meta *m, const char *key);

typedef struct lg_kt_kernel {
	char *name;          /* owned by whoever filled it (reader or caller) */
	uint32_t id;
	uint32_t grid[3], block[3];
	uint32_t shmem;      /* bytes of shared memory per CTA */
	uint32_t nregs;      /* registers per thread */
	uint32_t binary_version;
	uint32_t tracer_version; /* Accel-Sim tracer version it came from, 0 if none */
	uint32_t lineinfo;   /* 1: instructions carry a source line number */
	uint64_t stream;
	uint64_t shmem_base, local_base;
	char nvbit_version[32];
	lg_kt_meta meta;     /* kernel-level: dtype, source, ... */
} lg_kt_kernel;

/* 64 bytes: a decoded warp is an array of these (read only by amode:
 * stride and aoff share their bytes). */
typedef struct lg_kt_insn {
	uint64_t base;      /* first active lane's address (amode STRIDE/DELTA) */
	union {
		int64_t stride; /* amode STRIDE: bytes between consecutive active lanes */
		uint32_t aoff;  /* amode LIST: popcount addresses, DELTA: popcount-1
		                   deltas, starting at warp->addrs[aoff] */
	};
	uint32_t pc;
	uint32_t mask;      /* active (and predicated-on) lanes */
	uint32_t line;      /* source line if the kernel has lineinfo */
	int32_t imm;        /* immediate column (0 if absent) */
	uint16_t op;        /* index in the optab */
	uint8_t ndst, nsrc;
	uint8_t amode;      /* LG_KT_AM_* or LG_KT_AMODE_NONE */
	uint16_t dst[LG_KT_MAXDST], src[LG_KT_MAXSRC];
} lg_kt_insn;

/* sizeof(lg_kt_insn) == 64 is checked in ktrace.c (this header is also
   read by C++, which has no _Static_assert). */

typedef struct lg_kt_warp {
	uint32_t cta[3];
	uint32_t warp;      /* warp index within the CTA */
	size_t n, cap;      /* instructions */
	lg_kt_insn *insn;
	size_t naddr, acap; /* address/delta pool */
	uint64_t *addrs;    /* LIST: absolute addresses; DELTA: int64 deltas */
} lg_kt_warp;

void lg_kt_warp_init(lg_kt_warp *w);
void lg_kt_warp_free(lg_kt_warp *w);
void lg_kt_warp_clear(lg_kt_warp *w);
/* Deep-copy src into dst (reusing dst's buffers), for a consumer that keeps
 * several warps (a CU holding a CTA) past the reader's next call. -1 on
 * allocation failure. */
int lg_kt_warp_copy(lg_kt_warp *dst, const lg_kt_warp *src);
/* Room for n instructions and na address slots in an empty warp, without
 * copying; -1 on allocation failure. */
int lg_kt_warp_reserve(lg_kt_warp *w, size_t n, size_t na);
/* Append an instruction slot (zeroed, amode NONE); NULL on allocation failure. */
lg_kt_insn *lg_kt_warp_push(lg_kt_warp *w);
/* Reserve n pool entries, returning the offset; -1 on allocation failure. */
long lg_kt_warp_addr_alloc(lg_kt_warp *w, size_t n);
/* Decode the per-lane addresses of a memory instruction into a[32] (0 for
 * inactive lanes). Returns the number of active lanes. */
int lg_kt_insn_lanes(const lg_kt_warp *w, const lg_kt_insn *in, uint64_t a[LG_KT_WARP_SIZE]);
/* The first active lane's address (0 when none): lg_kt_insn_lanes()'s
 * a[ctz(mask)], without decoding the other lanes. */
uint64_t lg_kt_insn_first_lane(const lg_kt_warp *w, const lg_kt_insn *in);

/* ---- reader ---- */

typedef enum lg_kt_ev {
	LG_KT_EV_END = 0,
	LG_KT_EV_KERNEL,   /* a new kernel: lg_kt_cur_kernel() */
	LG_KT_EV_WARP,     /* a warp of the current kernel: lg_kt_cur_warp() */
	LG_KT_EV_MEMCPY    /* host-to-device copy: lg_kt_cur_memcpy() */
} lg_kt_ev;

typedef struct lg_kt_reader lg_kt_reader;

/* Open path, format NULL/"auto" (probe), "lgt", "lgt-text" or "accelsim"
 * (a kernelslist.g or a single .traceg[.xz]). NULL with e set on error. */
lg_kt_reader *lg_kt_open(const char *path, const char *format, lg_err *e);
/* Which kernel-trace format path is: 1 with *fmt set, 0 if it is none of
 * them (for example a DRAM request trace), -1 if unreadable (e set). */
int lg_kt_detect(const char *path, const char **fmt, lg_err *e);
/* Next event (lg_kt_ev, 0 at a clean end) or -1 with e = "FILE:LINE: ...". */
int lg_kt_next(lg_kt_reader *r, lg_err *e);
const lg_kt_kernel *lg_kt_cur_kernel(const lg_kt_reader *r);
const lg_kt_warp *lg_kt_cur_warp(const lg_kt_reader *r);
/* Take the warp of the last LG_KT_EV_WARP event into w without copying:
 * their buffers are swapped, and the reader reuses w's old ones for the
 * next warp (lg_kt_cur_warp() is then no longer that warp). */
void lg_kt_take_warp(lg_kt_reader *r, lg_kt_warp *w);
void lg_kt_cur_memcpy(const lg_kt_reader *r, uint64_t *addr, uint64_t *bytes);
const lg_kt_meta *lg_kt_trace_meta(const lg_kt_reader *r);
const lg_kt_optab *lg_kt_reader_optab(const lg_kt_reader *r);
const char *lg_kt_reader_format(const lg_kt_reader *r);
/* Largest number of instructions the reader ever held at once (one warp). */
size_t lg_kt_reader_peak_insns(const lg_kt_reader *r);
/* Instructions with an unclassified opcode so far, and the first one's place. */
uint64_t lg_kt_reader_unknown(const lg_kt_reader *r, const char **where);
void lg_kt_close(lg_kt_reader *r);

/* ---- writer ---- */

typedef struct lg_kt_writer lg_kt_writer;

/* Write to path (text form if text); the file appears only on commit. */
lg_kt_writer *lg_kt_writer_open(const char *path, bool text, lg_err *e);
int lg_kt_write_meta(lg_kt_writer *w, const lg_kt_meta *m, lg_err *e);
int lg_kt_write_memcpy(lg_kt_writer *w, uint64_t addr, uint64_t bytes, lg_err *e);
int lg_kt_write_kernel(lg_kt_writer *w, const lg_kt_kernel *k, lg_err *e);
/* Write one warp; its op indices refer to optab (which must stay the same
 * table, append-only, for the whole trace). */
int lg_kt_write_warp(lg_kt_writer *w, const lg_kt_optab *ops, const lg_kt_warp *wp, lg_err *e);
/* Finish the file and rename it into place. Frees w. */
int lg_kt_writer_commit(lg_kt_writer *w, lg_err *e);
/* Drop the temporary file. Frees w. */
void lg_kt_writer_abort(lg_kt_writer *w);

/* Copy every event of in (format as in lg_kt_open) to out (lgt, or lgt-text
 * if text). *unknown (if not NULL) gets the unclassified-opcode count and
 * where (if not NULL, KT_PATH+32 bytes) the first one's FILE:LINE. */
int lg_kt_convert(const char *in, const char *format, const char *out, bool text,
		  uint64_t *unknown, char *where, size_t wcap, lg_err *e);

#endif
