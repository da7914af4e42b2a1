/*
 * lg_dtrace: a stream of DRAM requests read from a trace file.
 *
 * Formats are readers in a const table chosen by name (--format) or by
 * probing the first bytes of the file. Each reader turns its records into
 * lg_dtrace_rec. Files ending in .gz (or starting with the gzip magic) are
 * streamed through zlib, never loaded whole; a truncated or corrupt .gz is
 * an error, not a silent end of trace.
 *
 *   lgsim text   "<time> <op> <address> [bytes]"   time in tCK cycles, or ns
 *                with an "ns" suffix; op R, W or N:<dtype>; '#' comments
 *   dramsim3     "0xADDR READ|WRITE cycle"         cycle in tCK
 *   ramulator    "LD|ST 0xADDR"                    untimed: as fast as accepted
 *
 * See docs/traces.md for the exact grammar and the error messages.
 */
#ifndef LG_DTRACE_H
#define LG_DTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lg_err.h"
#include "core/lg_req.h"

typedef enum lg_dtrace_time {
	LG_DTT_NONE = 0,   /* untimed: issue as soon as the controller accepts */
	LG_DTT_CYCLES,     /* time is in memory-clock (tCK) cycles */
	LG_DTT_PS          /* time is in picoseconds */
} lg_dtrace_time;

/*
 * Largest time a trace may give. A cycle count is later multiplied by tCK
 * in ps (at most 100 ns = 10^5 ps, the timing.tCK maximum), so 10^13 cycles
 * keep the product below 10^18 ps, well inside 64 bits with room to round;
 * ns times are capped at the same 10^18 ps (11.6 simulated days).
 */
#define LG_DTRACE_MAX_CYCLES 10000000000000ull
#define LG_DTRACE_MAX_PS 1000000000000000000ull

typedef struct lg_dtrace_rec {
	uint64_t time;     /* in the unit given by time_unit */
	uint8_t time_unit; /* lg_dtrace_time */
	uint8_t op;        /* lg_op */
	uint8_t dtype;     /* lg_dtype, for LG_OP_NMC */
	uint32_t size;     /* bytes; 0 means "one burst" (the channel's access size) */
	uint64_t addr;
	uint64_t line;     /* line (or record) number in the file, for messages */
} lg_dtrace_rec;

typedef struct lg_dtrace lg_dtrace;

/*
 * A trace reader. The contract every reader keeps:
 *  - probe() gets the first line of the (decompressed) file that is neither
 *    blank nor a '#' comment, n characters long and NUL-terminated, and says
 *    whether it is this format; it must not accept other formats' lines;
 *  - open() may set *state (per-file state; NULL is fine); the lines come
 *    from lg_dtrace_lines(t) (trace/lines.h, trace/dtr_int.h);
 *  - next() returns 1 with *r filled, 0 at a clean end of trace, or -1 with
 *    e set to "FILE:LINE: what was expected"; timed readers reject a time
 *    earlier than the previous record's;
 *  - close() frees state (it may be NULL);
 *  - next_batch() is optional (NULL: next() is called per record): it
 *    fills r[0..n) with the next n <= max records as next() would, returns
 *    n and sets *status to what next() would return after them (1 = more
 *    may follow, 0 = clean end, -1 = error with e set). It exists so that a
 *    reader can parse many lines per call on the replay hot path.
 * The template and the step-by-step for a new reader are in docs/traces.md.
 */
typedef struct lg_dtrace_reader {
	const char *name;
	const char *doc;
	bool (*probe)(const char *head, size_t n);
	int (*open)(lg_dtrace *t, void **state, lg_err *e);
	int (*next)(lg_dtrace *t, void *state, lg_dtrace_rec *r, lg_err *e);
	void (*close)(void *state);
	int (*next_batch)(lg_dtrace *t, void *state, lg_dtrace_rec *r, int max, int *status,
			  lg_err *e);
} lg_dtrace_reader;

/*
 * Open path; format NULL or "auto" probes the first record line. A file
 * with no record at all is an empty trace of the first reader ("lgsim").
 * NULL with e set on error (missing file, unknown format name, a first
 * line no reader recognises).
 */
lg_dtrace *lg_dtrace_open(const char *path, const char *format, lg_err *e);

/* Next request: 1 = *r filled, 0 = end of trace, -1 = error (e set). */
int lg_dtrace_next(lg_dtrace *t, lg_dtrace_rec *r, lg_err *e);

/*
 * Up to max next requests into r[0..n): n > 0, 0 = end of trace, -1 =
 * error (e set). Records before a bad line are returned first; the error
 * comes with the next call, so the order of events is that of
 * lg_dtrace_next.
 */
int lg_dtrace_next_batch(lg_dtrace *t, lg_dtrace_rec *r, int max, lg_err *e);

/* Name of the reader in use ("lgsim", "dramsim3", ...). */
const char *lg_dtrace_format(const lg_dtrace *t);

/* The file name, for messages. */
const char *lg_dtrace_path(const lg_dtrace *t);

void lg_dtrace_close(lg_dtrace *t);

/* The reader table, for listing (--format help) and tests. Defined with the
 * kernel-trace adaptors in ktdreq/dtrace_formats.c (the layer above trace/
 * and ktrace/), so that trace/ includes no kernel-trace code. */
const lg_dtrace_reader *const *lg_dtrace_readers(size_t *n);

#endif
