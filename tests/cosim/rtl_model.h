/*
 * rtl_model: the C view of one verilated tracker build.
 *
 * Each parameter set (and each mutation build) is its own verilated model
 * with its own --prefix, archived with the Verilator runtime and the shim
 * (rtl_shim.cpp, the only C++) into libvtracker_<set>.a. The shim exports
 * one const table `lg_rtl_<set>` of the functions below, so the C harness
 * can hold several models in one process without any file-scope state.
 *
 * Cycle protocol: rtl_out() reads the outputs of the current cycle; cycle()
 * applies the inputs, raises the clock (state updates), lowers it, and
 * dumps both edges into the FST trace when one is open.
 */
#ifndef LG_RTL_MODEL_H
#define LG_RTL_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "tracker/tracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs of one cycle; obs_* are indexed by port. */
typedef struct lg_rtl_in {
	bool prog_valid;
	lg_tracker_prog prog;
	uint32_t obs_valid;                      /* bit per port */
	uint32_t obs_addr[LG_TRACKER_MAX_PORTS];
	uint32_t obs_bytes[LG_TRACKER_MAX_PORTS];
	bool trig_ready;
} lg_rtl_in;

typedef struct lg_rtl_ops {
	const char *name;        /* parameter set, e.g. "e64p4" */
	unsigned entries, ports; /* the RTL parameters of this build */
	const char *mutation;    /* planted bug, "" for the true RTL */
	void *(*create)(void);   /* reset applied; NULL on failure */
	void (*destroy)(void *m);
	void (*reset)(void *m);  /* pulse rst_ni low (asynchronous) */
	void (*cycle)(void *m, const lg_rtl_in *in);
	void (*out)(void *m, lg_tracker_out *o);
	int (*trace_open)(void *m, const char *path);  /* 0 or -1 */
	void (*trace_close)(void *m);
} lg_rtl_ops;

/* One per archive; the harness lists the ones it was linked with. */
extern const lg_rtl_ops lg_rtl_e16p1, lg_rtl_e64p4;
extern const lg_rtl_ops lg_rtl_mut_threshold, lg_rtl_mut_dropbp,
	lg_rtl_mut_portprio, lg_rtl_mut_trigprio;

#ifdef __cplusplus
}
#endif

#endif
