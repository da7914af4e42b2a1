/*
 * The one place the SystemC wrapper includes the C model's headers, under
 * extern "C": the die (built from the config, DRAM-only, no trace source),
 * its memory controller and tracker, and the report printers of `lgsim run`.
 */
#ifndef LGSIM_SC_CMODEL_H
#define LGSIM_SC_CMODEL_H

extern "C" {
#include "core/lg_comp.h"
#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "core/lg_outfile.h"
#include "core/lg_req.h"
#include "core/lg_time.h"
#include "die/die.h"
#include "die/loop.h"
#include "die/replay.h"
#include "die/trk.h"
#include "dram/addrmap.h"
#include "mc/cmdlog.h"
#include "mc/mc.h"
#include "sim/stats_json.h"
}

#endif
