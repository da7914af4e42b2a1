/*
 * lg_tl: the --timeline writer, Chrome trace-event JSON that Perfetto and
 * chrome://tracing open (the "JSON Array/Object Format" of the Trace Event
 * Format: {"traceEvents": [...]}, "ph" X for complete slices, C for counters,
 * i for instant events, M for process/thread names; "ts"/"dur" in microseconds, written here with
 * picosecond resolution).
 *
 * Tracks: a process (pid) per die, a thread (tid) per track in it: one per
 * stream (its kernels), one per CU (its CTAs), one for the DMA engine,
 * and so on; the caller names them. Counter tracks (DRAM bandwidth, L2 hit
 * rate) are sampled by the caller at any rate.
 *
 * Bounded size on long runs:
 *  - slices (and instant events, which count as slices) are written as they come until max_slices have been written;
 *    later ones are counted, not written, and the count is recorded in the
 *    file ("lgsim_dropped_slices" in the top-level object) and returned by
 *    lg_tl_dropped(), so a truncated timeline says so;
 *  - counter samples are kept in memory, at most max_samples per counter
 *    track: when a track is full, neighbouring samples are merged pairwise
 *    (the time-weighted mean of the two intervals), halving it, so a long
 *    run keeps an evenly thinned series; counters are written at close.
 * A file of max_slices slices and C counters is therefore at most about
 * 130 B x (max_slices + C x max_samples). The file is written as
 * FILE.tmp and renamed into place only by a successful lg_tl_close(ok=1)
 * (core/lg_outfile.h).
 */
#ifndef LG_TIMELINE_H
#define LG_TIMELINE_H

#include <stdint.h>

#include "core/lg_err.h"
#include "core/lg_time.h"

typedef struct lg_tl lg_tl;

/* Open path (through path.tmp); NULL with e set. */
lg_tl *lg_tl_open(const char *path, uint64_t max_slices, uint32_t max_samples, lg_err *e);
/*
 * Finish: write counters and the closing brackets, rename into place when
 * ok; otherwise (or on a write error, -1 with e set) remove the temporary
 * file. Frees t (t may be NULL).
 */
int lg_tl_close(lg_tl *t, int ok, lg_err *e);

/*
 * Write the counters and the end of the file and flush it (optional
 * before lg_tl_close(ok=1); lets a caller check every output before
 * committing any). -1 with e set on a write error.
 */
int lg_tl_finish(lg_tl *t, lg_err *e);

/* Name process pid ("die0") and track tid of it ("stream 0", "cu3"). */
void lg_tl_process(lg_tl *t, uint32_t pid, const char *name);
void lg_tl_track(lg_tl *t, uint32_t pid, uint32_t tid, const char *name);

/* A slice [begin, end) on a track, with an optional category (may be NULL). */
void lg_tl_slice(lg_tl *t, uint32_t pid, uint32_t tid, const char *name, const char *cat,
		 lg_ps begin, lg_ps end);

/* An instant event at time at on a track ("ph":"i", thread scope); counts as a slice. */
void lg_tl_instant(lg_tl *t, uint32_t pid, uint32_t tid, const char *name, const char *cat,
		   lg_ps at);

/*
 * A counter track of pid; returns its handle (>= 0), or -1 when out of
 * memory (samples to -1 are ignored).
 */
int lg_tl_counter(lg_tl *t, uint32_t pid, const char *name);
/* The counter's value from time at (until the next sample). */
void lg_tl_sample(lg_tl *t, int counter, lg_ps at, double value);

/* Slices counted but not written (over max_slices). */
uint64_t lg_tl_dropped(const lg_tl *t);

#endif
