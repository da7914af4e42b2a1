/*
 * The class arbiter as a client of the lockstep layer (cosim.h): the
 * inputs and outputs of one cycle, shared by the C side (cosim_arb.c) and
 * the RTL shim (shim/arbiter_shim.cpp). The C side is mc/class_arb.c, the
 * very code the memory controller runs.
 */
#ifndef LG_COSIM_ARB_H
#define LG_COSIM_ARB_H

#include <stdint.h>

#include "mc/class_arb.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lg_arb_in {
	lg_carb_params p;     /* quasi-static parameters (policy_i, ...) */
	lg_carb_in in;        /* occ, ready, arrived of the cycle */
	uint8_t init;         /* init_i: lg_carb_init at this edge */
	uint8_t issue_valid;  /* the scheduler issued a command this cycle ... */
	uint8_t issue_cls;    /* ... of this class (lg_carb_issued) */
} lg_arb_in;

/* allow and forced of the cycle, and the state before its edge. */
typedef struct lg_arb_out {
	uint8_t allow, forced, wrr_cls, wrr_left;
	uint16_t threshold, epoch_cycle, epoch_arrivals, starve;
	uint32_t pad_;        /* 16 bytes: two words to compare */
} lg_arb_out;

#ifdef __cplusplus
}
#endif

#endif
