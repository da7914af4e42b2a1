/*
 * lg_carb: the traffic-class arbiter of one controller unit (channel or
 * pseudo-channel): each controller cycle it decides which traffic classes
 * (COMPUTE, COMM) may issue a command. The scheduler policy (FR-FCFS and
 * friends) then picks among the candidates of the allowed classes only.
 *
 * This is the very function the controller runs and the one the RTL
 * arbiter (rtl/arb*.sv) is compared with in lockstep, every cycle, so it
 * is kept free of controller internals: plain inputs, plain state, plain
 * outputs, integer arithmetic only. docs/arbitration.md derives the
 * policies and their parameters.
 *
 * Protocol, once per controller cycle of the unit:
 *   lg_carb_step(st, p, in, &out)   -> out.allow (bit c = class c may issue)
 *   ... the scheduler issues at most one command, of an allowed class ...
 *   lg_carb_issued(st, p, cls)       (only if a command of class cls issued
 *                                     that cycle for a queued request)
 * Policies:
 *   BLIND  both classes always allowed (today's class-blind scheduling)
 *   PRIO   COMPUTE allowed; COMM only when no COMPUTE command is ready
 *   WRR    weighted round robin between ready classes (wrr_weight[c]
 *          grants in a row), a class with nothing ready is skipped
 *   MCA    T3's memory-controller arbitration: COMPUTE always allowed;
 *          COMM allowed when the unit's queue occupancy is below a
 *          threshold that adapts every mca_window cycles to the COMPUTE
 *          traffic's intensity (requests arrived in the window), between
 *          mca_thr_min and mca_thr_max; a COMM request that was ready but
 *          held back starve_limit cycles (since COMM was last granted;
 *          cycles with COMM queued but not ready hold the count) is
 *          allowed alone.
 */
#ifndef LG_CLASS_ARB_H
#define LG_CLASS_ARB_H

#include <stdint.h>

typedef enum lg_carb_policy {
	LG_CARB_BLIND = 0,
	LG_CARB_PRIO,
	LG_CARB_WRR,
	LG_CARB_MCA,
	LG_CARB_NPOLICY
} lg_carb_policy;

/* Bits of lg_carb_out.allow, by traffic class (core/lg_req.h lg_tclass). */
#define LG_CARB_ALLOW_COMPUTE 1u
#define LG_CARB_ALLOW_COMM 2u

typedef struct lg_carb_params {
	uint8_t policy;            /* lg_carb_policy */
	uint8_t wrr_weight[2];     /* WRR: grants in a row per class, >= 1 */
	uint16_t mca_thr_min;      /* MCA: occupancy threshold bounds (entries) */
	uint16_t mca_thr_max;
	uint16_t mca_window;       /* MCA: cycles per intensity epoch, >= 1 */
	uint16_t starve_limit;     /* MCA: held-back COMM cycles before it is forced */
} lg_carb_params;

/* What the unit shows the arbiter this cycle. */
typedef struct lg_carb_in {
	uint16_t occ[2];           /* requests queued per class (read + write queues) */
	uint8_t ready[2];          /* 1: a command of that class could issue this cycle */
	uint8_t arrived[2];        /* requests of that class accepted this cycle */
} lg_carb_in;

/* Policy state; also the MCA counters the lockstep compares. */
typedef struct lg_carb_state {
	uint16_t threshold;        /* MCA: current occupancy threshold */
	uint16_t epoch_cycle;      /* MCA: cycles into the current window */
	uint16_t epoch_arrivals;   /* MCA: COMPUTE arrivals in the current window */
	uint16_t starve;           /* MCA: cycles a ready COMM has been held back */
	uint8_t wrr_cls;           /* WRR: class holding the turn */
	uint8_t wrr_left;          /* WRR: grants left in its turn */
} lg_carb_state;

typedef struct lg_carb_out {
	uint8_t allow;             /* LG_CARB_ALLOW_* bits */
	uint8_t forced;            /* 1: COMM allowed by the starvation limit */
} lg_carb_out;

/* Policy by name ("blind", "prio", "wrr", "mca"); -1 if unknown. */
int lg_carb_policy_parse(const char *name);
const char *lg_carb_policy_name(int policy);

void lg_carb_init(lg_carb_state *st, const lg_carb_params *p);
void lg_carb_step(lg_carb_state *st, const lg_carb_params *p, const lg_carb_in *in,
		  lg_carb_out *out);
void lg_carb_issued(lg_carb_state *st, const lg_carb_params *p, int cls);

#endif
