/*
 * The memory controller (dram/mc.h) as a component of a die: a thin
 * adapter that maps the lg_comp contract onto the lg_mc_* calls, so the
 * controller itself knows nothing of the loop.
 *
 *   tick -> lg_mc_tick        next -> lg_mc_next      busy/holds -> pending
 *   idle_until -> lg_mc_idle_until (refresh fast-forward)
 *   done_at -> the last data beat of any unit   finish -> lg_mc_finish
 *   dump -> lg_mc_dump
 * Its clock is the DRAM tCK.
 */
#ifndef LG_MC_COMP_H
#define LG_MC_COMP_H

#include "core/lg_comp.h"
#include "mc/mc.h"

/* The component for mc (mc must outlive it); name is kept, not copied. */
lg_comp lg_mc_comp(lg_mc *mc, const char *name);

#endif
