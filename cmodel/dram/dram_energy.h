/*
 * lg_dram_energy: DRAM energy by the Micron / DRAMsim3 method.
 *
 * Per command (pJ, with devices = bus_width / device_width, tCK in ns):
 *   ACT   VDD * (IDD0 * tRC - (IDD3N * tRAS + IDD2N * tRP)) * tCK * devices
 *   RD    VDD * (IDD4R - IDD3N) * burst_cycles * tCK * devices
 *   WR    VDD * (IDD4W - IDD3N) * burst_cycles * tCK * devices
 *   REFab VDD * (IDD5AB - IDD3N) * tRFC * tCK * devices
 *   REFpb VDD * max(0, IDD5PB - IDD3N) * tRFCb * tCK * devices
 *         (DRAMsim3's default IDD5PB of 5 mA is below IDD3N, which would make
 *         a per-bank refresh save energy; lgsim clamps the increment at 0)
 * Background per cycle of a pseudo-channel:
 *   some bank open   VDD * IDD3N * tCK * devices   (active standby)
 *   all banks closed VDD * IDD2N * tCK * devices   (precharge standby)
 * V * mA * ns = pJ. DRAMsim3 omits the tCK factor; with tCK = 1 ns (HBM2
 * preset) the numbers are the same. RDA/WRA count as RD/WR; PRE/PREA cost
 * is inside the ACT term (IDD0 covers a full ACT-PRE cycle).
 */
#ifndef LG_DRAM_ENERGY_H
#define LG_DRAM_ENERGY_H

#include <stdint.h>

#include "core/lg_config.h"
#include "dram/dram_spec.h"
#include "dram/dram_timing.h"

typedef struct lg_dram_energy {
	double act, rd, wr, ref, refb;  /* per-command totals, pJ */
	double act_stb, pre_stb;        /* background totals, pJ */
	double total;
} lg_dram_energy;

/* Energy of a command mix and background cycles under cfg's [power] values. */
void lg_dram_energy_calc(const lg_dram_spec *s, const lg_cfg *cfg,
			 const uint64_t cmds[LG_CMD_N], uint64_t act_cycles,
			 uint64_t pre_cycles, lg_dram_energy *out);

#endif
