/*
 * The one place the SystemC wrapper includes the C model's headers, under
 * extern "C". The memory controller's header is here only: when it moves
 * (dram/mc.h -> mc/mc.h, same lg_mc_* names), this is the line to change.
 */
#ifndef LGSIM_SC_CMODEL_H
#define LGSIM_SC_CMODEL_H

extern "C" {
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_req.h"
#include "core/lg_time.h"
#include "dram/addrmap.h"
#include "mc/cmdlog.h"
#include "mc/mc.h"
#include "sim/dsim.h"
#include "sim/stats_json.h"
#include "sim/wtrack.h"
}

#endif
