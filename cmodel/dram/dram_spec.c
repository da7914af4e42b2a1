/*
 * Resolving lg_cfg into lg_dram_spec: the DRAMsim3 derivations (see
 * dram_spec.h) and the checks that reject contradictory configurations.
 */
#include <string.h>

#include "dram/dram_spec.h"

#define KEY(sec, name) LG_K_##sec##_##name

/* v is a positive power of two. */
static bool is_pow2(int64_t v)
{
	return v > 0 && (v & (v - 1)) == 0;
}

/* Reject a count that is not a power of two (address bits must cover it). */
static int need_pow2(const lg_cfg *c, int id, int64_t v, const char *what, lg_err *e)
{
	if (is_pow2(v))
		return 0;
	return lg_cfg_errf(c, id, e, "%s must be a power of two (got %lld)",
			   what, (long long)v);
}

/* Organisation: counts, widths, burst and request size. */
static int resolve_org(lg_dram_spec *s, const lg_cfg *c, lg_err *e)
{
	s->proto = strcmp(c->dram_structure.protocol, "HBM3") == 0 ?
		LG_PROTO_HBM3 : LG_PROTO_HBM2;
	s->channels = (int)c->system.channels;
	s->pcs = (int)c->dram_structure.pseudo_channels;
	s->bankgroups = (int)c->dram_structure.bankgroups;
	s->banks_per_group = (int)c->dram_structure.banks_per_group;
	if (!c->dram_structure.bankgroup_enable) {
		s->banks_per_group *= s->bankgroups;
		s->bankgroups = 1;
	}
	s->banks = s->bankgroups * s->banks_per_group;
	s->rows = (int)c->dram_structure.rows;
	s->columns = (int)c->dram_structure.columns * 2;
	s->device_width = (int)c->dram_structure.device_width;
	s->bus_width = (int)c->system.bus_width;
	s->BL = (int)c->dram_structure.BL;
	s->burst_cycles = s->BL / 2;
	s->dual_cmd = c->dram_structure.hbm_dual_cmd;
	s->channel_size_mb = c->system.channel_size;

	if (need_pow2(c, KEY(system, channels), s->channels, "the channel count", e) ||
	    need_pow2(c, KEY(dram_structure, pseudo_channels), s->pcs, "the pseudo-channel count", e) ||
	    need_pow2(c, KEY(dram_structure, bankgroups), c->dram_structure.bankgroups, "the bank-group count", e) ||
	    need_pow2(c, KEY(dram_structure, banks_per_group), c->dram_structure.banks_per_group, "banks per group", e) ||
	    need_pow2(c, KEY(dram_structure, rows), s->rows, "the row count", e) ||
	    need_pow2(c, KEY(dram_structure, columns), s->columns, "the column count", e) ||
	    need_pow2(c, KEY(dram_structure, BL), s->BL, "the burst length", e))
		return -1;
	if (s->bus_width != s->device_width)
		return lg_cfg_errf(c, KEY(system, bus_width), e,
				   "HBM has one device per channel: bus_width must equal dram_structure.device_width (%d), got %d",
				   s->device_width, s->bus_width);
	s->devices = s->bus_width / s->device_width;
	if (s->bus_width % 8 || !is_pow2(s->bus_width))
		return lg_cfg_errf(c, KEY(system, bus_width), e,
				   "must be a power of two number of bytes (got %d bits)", s->bus_width);
	s->request_bytes = s->bus_width / 8 * s->BL;
	if (s->columns < s->BL)
		return lg_cfg_errf(c, KEY(dram_structure, columns), e,
				   "a row must hold at least one burst (%d physical columns < BL %d)",
				   s->columns, s->BL);
	return 0;
}

/* system.channel_size must describe exactly one rank of this organisation. */
static int check_size(const lg_dram_spec *s, const lg_cfg *c, lg_err *e)
{
	uint64_t page = (uint64_t)s->columns * s->device_width / 8;
	uint64_t bytes = page * s->rows * s->banks * s->devices * s->pcs;
	uint64_t want = (uint64_t)s->channel_size_mb << 20;

	if (bytes == want)
		return 0;
	if (want > bytes && want % bytes == 0)
		return lg_cfg_errf(c, KEY(system, channel_size), e,
				   "%lld MB means %llu ranks of %llu MB; lgsim models one rank per channel, set %llu",
				   (long long)s->channel_size_mb,
				   (unsigned long long)(want / bytes),
				   (unsigned long long)(bytes >> 20),
				   (unsigned long long)(bytes >> 20));
	return lg_cfg_errf(c, KEY(system, channel_size), e,
			   "must equal the organisation's size: %llu MB (rows x banks x page x pseudo-channels), got %lld",
			   (unsigned long long)(bytes >> 20), (long long)s->channel_size_mb);
}

/* Timing: defaults and derivations as DRAMsim3 takes them. */
static void resolve_timing(lg_dram_spec *s, const lg_cfg *c)
{
	const bool *set = c->key_set;

	s->tCK_ns = c->timing.tCK;
	s->tCK_ps = lg_ps_from_ns(c->timing.tCK);
	s->AL = (int)c->timing.AL;
	s->CL = (int)c->timing.CL;
	s->CWL = (int)c->timing.CWL;
	s->RL = s->AL + s->CL;
	s->WL = s->AL + s->CWL;
	s->tRCDRD = (int)(set[KEY(timing, tRCDRD)] || !set[KEY(timing, tRCD)] ?
			  c->timing.tRCDRD : c->timing.tRCD);
	s->tRCDWR = (int)(set[KEY(timing, tRCDWR)] || !set[KEY(timing, tRCD)] ?
			  c->timing.tRCDWR : c->timing.tRCD);
	s->tRP = (int)c->timing.tRP;
	s->tRAS = (int)c->timing.tRAS;
	s->tRC = c->timing.tRC ? (int)c->timing.tRC : s->tRAS + s->tRP;
	s->tRRD_S = (int)c->timing.tRRD_S;
	s->tRRD_L = (int)c->timing.tRRD_L;
	s->tFAW = (int)c->timing.tFAW;
	s->tCCD_S = (int)c->timing.tCCD_S;
	s->tCCD_L = (int)c->timing.tCCD_L;
	s->tWTR_S = (int)c->timing.tWTR_S;
	s->tWTR_L = (int)c->timing.tWTR_L;
	/* RD to PRE of the same bank: tRTP_L (the bank is in its own group);
	 * a DDR-style file that gives only tRTP uses tRTP. */
	s->tRTP = (int)(set[KEY(timing, tRTP)] && !set[KEY(timing, tRTP_L)] ?
			c->timing.tRTP : c->timing.tRTP_L);
	s->tWR = (int)c->timing.tWR;
	s->tRTRS = (int)c->timing.tRTRS;
	s->tRFC = (int)c->timing.tRFC;
	s->tREFI = (int)c->timing.tREFI;
	s->tRFCb = (int)c->timing.tRFCb;
	s->tREFIb = (int)c->timing.tREFIb;
	s->cmd_cycles = (int)c->timing.cmd_cycles;
	s->act_cmd_cycles = c->timing.act_cmd_cycles ? (int)c->timing.act_cmd_cycles : s->cmd_cycles;
	if (s->bankgroups == 1) { /* DRAMsim3: no groups, the _S values apply */
		s->tCCD_L = s->tCCD_S;
		s->tRRD_L = s->tRRD_S;
		s->tWTR_L = s->tWTR_S;
	}
}

/* A pair (short, long) where the same-group value may not be smaller. */
static int check_sl(const lg_cfg *c, int id_l, int l, int s, const char *sname, lg_err *e)
{
	if (l >= s)
		return 0;
	return lg_cfg_errf(c, id_l, e, "must be >= %s (%d): the same bank group is never faster",
			   sname, s);
}

/* Timing values that contradict each other. */
static int check_timing(const lg_dram_spec *s, const lg_cfg *c, lg_err *e)
{
	if (s->tRAS < s->tRCDRD)
		return lg_cfg_errf(c, KEY(timing, tRAS), e,
				   "must be >= tRCDRD (%d): a row is read before it may close", s->tRCDRD);
	if (s->tRC < s->tRAS + s->tRP)
		return lg_cfg_errf(c, KEY(timing, tRC), e,
				   "must be 0 or >= tRAS + tRP (%d)", s->tRAS + s->tRP);
	if (check_sl(c, KEY(timing, tRRD_L), s->tRRD_L, s->tRRD_S, "tRRD_S", e) ||
	    check_sl(c, KEY(timing, tCCD_L), s->tCCD_L, s->tCCD_S, "tCCD_S", e) ||
	    check_sl(c, KEY(timing, tWTR_L), s->tWTR_L, s->tWTR_S, "tWTR_S", e))
		return -1;
	if (s->tREFI <= s->tRFC)
		return lg_cfg_errf(c, KEY(timing, tREFI), e,
				   "must be > tRFC (%d): refresh would never end", s->tRFC);
	/* REFab waits for every bank to close: up to tRAS + tRP (tRC) after
	 * an ACT just before it; with a shorter interval refresh falls behind */
	if (s->tREFI <= s->tRC + s->tRFC)
		return lg_cfg_errf(c, KEY(timing, tREFI), e,
				   "must be > tRC + tRFC (%d): a refresh may first wait for a bank to close",
				   s->tRC + s->tRFC);
	if (s->tREFIb <= s->tRFCb)
		return lg_cfg_errf(c, KEY(timing, tREFIb), e,
				   "must be > tRFCb (%d): refresh would never end", s->tRFCb);
	/* REFpb to REFpb of another bank waits tRRD (standing in for tRREFD,
	 * dram_timing.c): a shorter interval could never be kept up */
	if (strcmp(c->system.refresh_policy, "BANK_LEVEL_STAGGERED") == 0 && s->tREFIb <= s->tRRD_L)
		return lg_cfg_errf(c, KEY(timing, tREFIb), e,
				   "must be > tRRD_L (%d) with per-bank refresh: one REFpb per tREFIb, "
				   "each tRRD after the last", s->tRRD_L);
	if (s->tFAW > 0 && s->tFAW < s->tRRD_S)
		return lg_cfg_errf(c, KEY(timing, tFAW), e, "must be 0 or >= tRRD_S (%d)", s->tRRD_S);
	return 0;
}

/* Controller and system options lgsim does not model. */
static int check_system(const lg_cfg *c, lg_err *e)
{
	if (c->system.unified_queue)
		return lg_cfg_errf(c, KEY(system, unified_queue), e,
				   "must be false: lgsim keeps separate read and write queues");
	if (c->system.enable_self_refresh)
		return lg_cfg_errf(c, KEY(system, enable_self_refresh), e,
				   "must be false: self-refresh is not modelled");
	if (c->system.aggressive_precharging_enabled)
		return lg_cfg_errf(c, KEY(system, aggressive_precharging_enabled), e,
				   "must be false: use row_buf_policy = ADAPTIVE");
	if (c->mc.write_low_pct >= c->mc.write_high_pct && !c->key_line[KEY(mc, write_low_pct)] &&
	    c->key_line[KEY(mc, write_high_pct)]) /* name the key the input set */
		return lg_cfg_errf(c, KEY(mc, write_high_pct), e,
				   "must be > mc.write_low_pct (%lld)", (long long)c->mc.write_low_pct);
	if (c->mc.write_low_pct >= c->mc.write_high_pct)
		return lg_cfg_errf(c, KEY(mc, write_low_pct), e,
				   "must be < mc.write_high_pct (%lld)", (long long)c->mc.write_high_pct);
	return 0;
}

/* Organisation and size first (timing checks use them), then timing. */
int lg_dram_spec_from_cfg(lg_dram_spec *s, const lg_cfg *cfg, lg_err *e)
{
	memset(s, 0, sizeof(*s));
	if (resolve_org(s, cfg, e) || check_size(s, cfg, e))
		return -1;
	resolve_timing(s, cfg);
	if (check_timing(s, cfg, e) || check_system(cfg, e))
		return -1;
	return 0;
}

/* One burst of request_bytes every burst_cycles tCK. */
double lg_dram_peak_GBps(const lg_dram_spec *s)
{
	return (double)s->request_bytes / (s->burst_cycles * s->tCK_ns);
}
