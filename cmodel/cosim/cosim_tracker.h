/*
 * The tracker as a client of the lockstep layer (cosim.h): the inputs of
 * one cycle, shared by the C side (cosim_tracker.c) and the RTL shim
 * (shim/tracker_shim.cpp). The outputs are lg_tracker_out.
 */
#ifndef LG_COSIM_TRACKER_H
#define LG_COSIM_TRACKER_H

#include <stdint.h>

#include "tracker/tracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs of one cycle; obs_* are indexed by port. */
typedef struct lg_trk_in {
	lg_tracker_prog prog;
	uint64_t obs_addr[LG_TRACKER_MAX_PORTS];
	uint32_t obs_bytes[LG_TRACKER_MAX_PORTS];
	uint32_t obs_valid;                      /* bit per port */
	uint32_t obs_nmc;                        /* bit per port: an NMC update */
	uint8_t prog_valid;
	uint8_t trig_ready;
} lg_trk_in;

/* The RTL parameters of a tracker build, in lg_cosim_rtl.param order. */
enum { LG_TRK_P_ENTRIES, LG_TRK_P_PORTS, LG_TRK_P_AW, LG_TRK_P_CW, LG_TRK_NPARAM };

#ifdef __cplusplus
}
#endif

#endif
