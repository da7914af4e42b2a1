/*
 * lg_dram_spec: the DRAM organisation and timing, resolved from lg_cfg.
 *
 * Values are derived exactly as DRAMsim3 derives them (src/configuration.cc):
 *  - physical columns = dram_structure.columns * 2 for HBM (2n prefetch);
 *  - burst_cycles = BL / 2 (double data rate);
 *  - request_bytes = bus_width / 8 * BL (64 B for HBM2 128-bit BL4);
 *  - RL = AL + CL, WL = AL + CWL;
 *  - tRC = tRAS + tRP when timing.tRC is 0;
 *  - tRCDRD/tRCDWR take timing.tRCD when they are not given;
 *  - ranks = channel_size / (MB per rank); lgsim models one rank, so any
 *    other result is an error naming system.channel_size.
 * Contradictory values are errors that name file:line:key (lg_cfg_errf).
 * All times are in memory-clock cycles (tCK) unless named _ps.
 */
#ifndef LG_DRAM_SPEC_H
#define LG_DRAM_SPEC_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_time.h"

typedef enum lg_dram_proto {
	LG_PROTO_HBM2 = 0, /* "HBM" and "HBM2" */
	LG_PROTO_HBM3
} lg_dram_proto;

typedef struct lg_dram_spec {
	lg_dram_proto proto;
	/* organisation */
	int channels;
	int pcs;             /* pseudo-channels per channel */
	int bankgroups;      /* per pseudo-channel (1 when bankgroup_enable=false) */
	int banks_per_group;
	int banks;           /* per pseudo-channel: bankgroups * banks_per_group */
	int rows;
	int columns;         /* physical columns (device_width bits each) */
	int device_width;
	int bus_width;       /* per pseudo-channel */
	int devices;         /* bus_width / device_width (1 for HBM) */
	int BL;
	int burst_cycles;    /* BL / 2 */
	int request_bytes;   /* bus_width / 8 * BL */
	int64_t channel_size_mb;
	bool dual_cmd;       /* separate row and column command buses */
	/* clock */
	double tCK_ns;
	lg_ps tCK_ps;
	/* timing, tCK */
	int AL, CL, CWL, RL, WL;
	int tRCDRD, tRCDWR, tRP, tRAS, tRC;
	int tRRD_S, tRRD_L, tFAW;
	int tCCD_S, tCCD_L;
	int tWTR_S, tWTR_L, tRTP, tWR, tRTRS;
	int tRFC, tREFI, tRFCb, tREFIb;
	int cmd_cycles;      /* tCK a command holds its command bus */
	int act_cmd_cycles;  /* tCK an ACT holds the row command bus */
} lg_dram_spec;

/* Resolve and validate the organisation and timing of cfg. */
int lg_dram_spec_from_cfg(lg_dram_spec *s, const lg_cfg *cfg, lg_err *e);

/* Number of independent scheduling units: channels * pseudo-channels. */
static inline int lg_dram_units(const lg_dram_spec *s)
{
	return s->channels * s->pcs;
}

/* Peak data bandwidth of one pseudo-channel in GB/s. */
double lg_dram_peak_GBps(const lg_dram_spec *s);

#endif
