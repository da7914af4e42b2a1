/*
 * lg_cosim: the generic lockstep co-simulation layer (docs/cosim.md).
 *
 * A block (the tracker, the class arbiter, ...) is described by a table of
 * its input and output fields and by its C side: a context that makes the
 * inputs of each cycle (random stimulus or a replayed recording), applies
 * them to the C model and returns the C model's outputs of that cycle. Each
 * verilated build of the block's RTL is one lg_cosim_rtl (a const table of
 * functions exported by its C++ shim, cmodel/cosim/shim/). The core runs
 * both sides with the same inputs, compares every output field every cycle,
 * names the first differing signal, re-runs with an FST trace on a mismatch,
 * and can run the RTL on a second thread.
 *
 * Per cycle c (both sides):  C side   cycle(ctx, c, in, out_c, &reset)
 *                            RTL      [reset] step(m, in, out_r)
 *                            compare  out_c == out_r, field by field
 * `step` applies the inputs, reads the outputs of the cycle (after the
 * inputs, so combinational outputs are included) and clocks one edge.
 */
#ifndef LG_COSIM_H
#define LG_COSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_err.h"

#define LG_COSIM_MAXPARAM 4

/* One field of an input or output struct: n elements (ports) of `size`
 * bytes each at byte offset `off`, each holding `width` significant bits. */
typedef struct lg_cosim_field {
	const char *name;
	uint16_t off;
	uint8_t size;      /* 1, 2, 4 or 8 */
	uint8_t width;     /* bits, <= 8 * size */
	uint8_t n;         /* elements (1 for a scalar) */
} lg_cosim_field;

#define LG_COSIM_F(type, member, w) \
	{ #member, offsetof(type, member), sizeof(((type *)0)->member), (w), 1 }
#define LG_COSIM_A(type, member, w, count)                                               \
	{ #member, offsetof(type, member), sizeof(((type *)0)->member[0]), (w), (count) }

/* One verilated build (parameter set, or a planted-bug mutant). */
typedef struct lg_cosim_rtl {
	const char *block;       /* "tracker", "arbiter" */
	const char *name;        /* e.g. "e64p4", "mut_dropbp" */
	const char *mutation;    /* planted bug (patch name), "" for the true RTL */
	unsigned param[LG_COSIM_MAXPARAM]; /* in the order of the block's param names */
	void *(*create)(void);   /* reset applied; NULL on failure */
	void (*destroy)(void *m);
	void (*reset)(void *m);
	void (*step)(void *m, const void *in, void *out);
	int (*trace_open)(void *m, const char *path); /* 0 or -1 */
	void (*trace_close)(void *m);
} lg_cosim_rtl;

struct lg_cosim_block;

/* Options of one run, filled by the core from the command line. */
typedef struct lg_cosim_run {
	const struct lg_cosim_block *blk;
	const lg_cosim_rtl *rtl;
	uint64_t cycles;         /* UINT64_MAX: to the end of a replay */
	uint64_t seed;
	const char *trace;       /* replay file, or NULL for random stimulus */
	const char *record;      /* write the inputs of the run to this file */
	const char *policy;      /* block-specific stimulus choice, or NULL */
	bool quiet;              /* no MISMATCH line (a re-run) */
	bool silent;             /* no coverage print either (the waveform re-run) */
} lg_cosim_run;

/* What a C side's cycle() returns. */
enum { LG_COSIM_GO = 0, LG_COSIM_END = 1, LG_COSIM_ERR = -1 };

typedef struct lg_cosim_block {
	const char *name;
	const char *const *param;      /* parameter names (--<name> N options) */
	unsigned nparam;
	const unsigned *param_default;
	const lg_cosim_field *in, *out;
	unsigned nin, nout;
	size_t in_size, out_size;      /* out_size a multiple of 8 */
	const char *usage;             /* block-specific options, for the usage line */
	/* C side */
	void *(*create)(const lg_cosim_run *r, lg_err *e);
	void (*destroy)(void *cs);
	/* Inputs and C outputs of cycle cyc; *reset: reset both sides before it. */
	int (*cycle)(void *cs, uint64_t cyc, void *in, void *out, bool *reset, lg_err *e);
	/* After the run: print the coverage counters; return the holes (random
	 * stimulus) that fail the run. */
	int (*finish)(void *cs, const lg_cosim_run *r, bool mismatch);
	/* Optional: C model alone, for the bench (--c-only). */
	int (*c_only)(const lg_cosim_run *r, lg_err *e);
} lg_cosim_block;

/* The blocks this layer knows (cosim_tracker.c, cosim_arb.c). */
extern const lg_cosim_block lg_cosim_tracker, lg_cosim_arbiter;

/*
 * `lgsim cosim <block> ...` over the RTL builds linked into the program
 * (NULL-terminated list): returns the exit status (0 agree, 1 mismatch or
 * coverage hole, 2 bad input).
 */
int lg_cosim_main(int argc, char **argv, const lg_cosim_rtl *const *builds);

/* The builds linked into lgsim (builds_std.c). */
extern const lg_cosim_rtl *const lg_cosim_std_builds[];

/* The first field of `in` whose value does not fit its width; NULL if all
 * fit. *elem is the element index. */
const lg_cosim_field *lg_cosim_overwide(const lg_cosim_block *b, const void *in, unsigned *elem);

/*
 * Replay files start with a header line naming the block and the RTL
 * parameters the recording was made with:
 *   # lgcosim <block> <param>=<value> ...
 * Every parameter of the block must be present and equal to the build's;
 * returns 0, or -1 with e naming the file and line.
 */
int lg_cosim_check_header(const lg_cosim_run *r, const char *line, long lineno, lg_err *e);

/*
 * Open r->trace for replay: a readable regular file whose first line is a
 * header that lg_cosim_check_header accepts. *f is set as soon as the file
 * is open (the caller closes it, also after an error); returns 0 with line
 * 1 read, or -1 with e naming the file and line.
 */
int lg_cosim_open_recording(const lg_cosim_run *r, FILE **f, lg_err *e);

/* Read one element of a field (the value, zero-extended). */
uint64_t lg_cosim_get(const void *s, const lg_cosim_field *f, unsigned elem);

#endif
