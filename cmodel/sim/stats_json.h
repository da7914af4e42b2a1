/*
 * lg_report: printers for the results of a run -- the stats JSON (-o) and
 * the short human summary on stdout -- over every die of the run. They only
 * read the counter structs (lg_mc_stats per unit, the tracker's, the loop
 * result); docs/stats.md documents every key written here.
 */
#ifndef LG_STATS_JSON_H
#define LG_STATS_JSON_H

#include <stdio.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "core/lg_json.h"
#include "die/die.h"
#include "die/loop.h"

typedef struct lg_report {
	lg_die *const *dies;         /* dies[i] is reported as dies[i] */
	int ndies;
	const lg_loop_result *res;
	const char *config_path;
	const char *const *traces;
	int ntraces;
} lg_report;

/* Write the stats JSON into j (opened before the run; the caller commits it). */
void lg_report_json(const lg_report *r, lg_json *j);

/* The human summary: requests, time, bandwidth, latency, row hits, energy. */
void lg_report_summary(const lg_report *r, FILE *f);

#endif
