/*
 * A DRAM request trace file (trace/dtrace.h) as a replay source
 * (die/replay.h): lgsim text, DRAMsim3 or Ramulator 2 records, converted
 * to replay records with times in ps (cycle times use the memory clock).
 * NMC records (N:<dtype>) become NMC requests of class COMM.
 */
#ifndef LG_DTRACE_SRC_H
#define LG_DTRACE_SRC_H

#include "core/lg_err.h"
#include "core/lg_time.h"
#include "die/replay.h"

typedef struct lg_dtrace_src lg_dtrace_src;

/* Open path (format NULL = detect); tck converts cycle times. NULL with e set. */
lg_dtrace_src *lg_dtrace_src_open(const char *path, const char *format, lg_ps tck, lg_err *e);
void lg_dtrace_src_close(lg_dtrace_src *s);

/* The replay source reading s. */
lg_replay_src lg_dtrace_src_source(lg_dtrace_src *s);

#endif
