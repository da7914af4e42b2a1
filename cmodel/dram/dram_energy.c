/*
 * DRAM energy from command counts and background cycles (see dram_energy.h).
 */
#include "dram/dram_energy.h"

/* The formulas in dram_energy.h, per command count and cycle count. */
void lg_dram_energy_calc(const lg_dram_spec *s, const lg_cfg *cfg,
			 const uint64_t cmds[LG_CMD_N], uint64_t act_cycles,
			 uint64_t pre_cycles, lg_dram_energy *o)
{
	double k = cfg->power.VDD * s->tCK_ns * s->devices;
	double i3n = cfg->power.IDD3N;
	double i5pb = cfg->power.IDD5PB > i3n ? cfg->power.IDD5PB - i3n : 0.0;

	o->act = k * (cfg->power.IDD0 * s->tRC - (i3n * s->tRAS + cfg->power.IDD2N * s->tRP)) *
		 (double)cmds[LG_CMD_ACT];
	o->rd = k * (cfg->power.IDD4R - i3n) * s->burst_cycles *
		(double)(cmds[LG_CMD_RD] + cmds[LG_CMD_RDA]);
	o->wr = k * (cfg->power.IDD4W - i3n) * s->burst_cycles *
		(double)(cmds[LG_CMD_WR] + cmds[LG_CMD_WRA]);
	o->ref = k * (cfg->power.IDD5AB - i3n) * s->tRFC * (double)cmds[LG_CMD_REFAB];
	o->refb = k * i5pb * s->tRFCb * (double)cmds[LG_CMD_REFPB];
	o->act_stb = k * i3n * (double)act_cycles;
	o->pre_stb = k * cfg->power.IDD2N * (double)pre_cycles;
	o->total = o->act + o->rd + o->wr + o->ref + o->refb + o->act_stb + o->pre_stb;
}
