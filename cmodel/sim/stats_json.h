/*
 * lg_report: printers for the results of a DRAM-only run -- the stats JSON
 * (-o) and the short human summary on stdout. They only read the counter
 * structs (lg_mc_stats per unit, lg_dsim_result); docs/stats.md documents
 * every key written here.
 */
#ifndef LG_STATS_JSON_H
#define LG_STATS_JSON_H

#include <stdio.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "mc/mc.h"
#include "sim/dsim.h"
#include "sim/wtrack.h"

typedef struct lg_report {
	const lg_cfg *cfg;
	lg_mc *mc;
	const lg_wtrack *trk;        /* NULL: no tracker in the run */
	const lg_dsim_result *res;
	const char *config_path;
	const char *const *traces;
	int ntraces;
} lg_report;

/* Write the stats JSON to path (temporary file + rename). */
int lg_report_json(const lg_report *r, const char *path, lg_err *e);

/* The human summary: requests, time, bandwidth, latency, row hits, energy. */
void lg_report_summary(const lg_report *r, FILE *f);

#endif
