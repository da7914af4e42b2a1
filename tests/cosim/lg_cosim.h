/*
 * lg_cosim: lockstep co-simulation of the tracker C model against the
 * verilated RTL (docs/tracker.md, "Co-simulation").
 */
#ifndef LG_COSIM_H
#define LG_COSIM_H

#include "rtl_model.h"

/* `lgsim cosim tracker ...`: returns the process exit status
 * (0 agree, 1 mismatch or missed coverage, 2 bad input). */
int lg_cosim_tracker_main(int argc, char **argv);

/* The RTL models linked into this program (models_*.c), NULL-terminated. */
extern const lg_rtl_ops *const lg_cosim_models[];

#endif
