/*
 * `lgsim area [-c CONFIG] [-s sec.key=val]... [--gates FILE]`: the area of
 * the RTL blocks (the tracker, the class arbiter).
 *
 * The figures come from rtl/area/gates.tsv, which `make area` regenerates
 * with yosys (rtl/area/area.sh: synthesis mapped to the gate-equivalent
 * library rtl/area/lg_ge.lib, NAND2 = 1.0) and test 616 keeps in step with
 * the RTL. lgsim does not run yosys itself: synthesis of the larger sets
 * takes minutes, and the report must work where yosys is absent. Each row
 * is converted to um^2 with area.nand2_um2; the tracker row matching
 * tracker.entries x tracker.ports is marked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"
#include "est/gates.h"

/* Does row r hold the tracker set of the config? */
static bool config_row(const lg_est_gate_row *r, const lg_cfg *c)
{
	char want[96];

	snprintf(want, sizeof(want), "ENTRIES=%u,PORTS=%u", (unsigned)c->tracker.entries,
		 (unsigned)c->tracker.ports);
	return !strcmp(r->block, "tracker") && !strcmp(r->params, want);
}

/* Print every row, converted with the configured NAND2 area. */
static void print_table(const lg_est_gates *g, const lg_cfg *c)
{
	double um2 = c->area.nand2_um2;

	printf("RTL block area (%s; yosys, lg_ge.lib; NAND2 = %.3f um^2, area.nand2_um2)\n", g->path,
	       um2);
	printf("%-8s %-5s %-22s %8s %7s %10s %12s\n", "block", "flow", "params", "cells", "flops",
	       "NAND2_eq", "um^2");
	for (int i = 0; i < g->n; i++) {
		const lg_est_gate_row *r = &g->row[i];

		printf("%-8s %-5s %-22s %8.0f %7.0f %10.0f %12.0f%s\n", r->block, r->flow, r->params,
		       r->cells, r->flops, r->ge, r->ge * um2,
		       config_row(r, c) ? "   <- [tracker] entries x ports" : "");
	}
}

int lgsim_cmd_area(int argc, char **argv)
{
	const char *table = NULL;
	lg_cfg *c = malloc(sizeof(*c));
	lg_est_gates *g = malloc(sizeof(*g));
	lg_err e;
	int rc = LG_EXIT_BADINPUT, found;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs("usage: lgsim area [-c CONFIG] [-s section.key=value]... [--gates FILE]\n"
			      "The area of the RTL blocks (tracker, class arbiter) for every synthesised\n"
			      "parameter set, in NAND2 gate equivalents and um^2 (area.nand2_um2); the\n"
			      "tracker set of the config (tracker.entries x tracker.ports) is marked.\n"
			      "  -c CONFIG     INI config; -s overrides one key\n"
			      "  --gates FILE  gate-count table (default rtl/area/gates.tsv; `make area`\n"
			      "                regenerates it with yosys)\n", stdout);
			free(c);
			free(g);
			return 0;
		}
	if (!c || !g) {
		free(c);
		free(g);
		return 1;
	}
	lg_cfg_defaults(c);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			if (lg_cfg_load_file(c, argv[++i], &e))
				goto fail;
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			if (lg_cfg_set_override(c, argv[++i], &e))
				goto fail;
		} else if (!strcmp(argv[i], "--gates") && i + 1 < argc) {
			table = argv[++i];
		} else {
			rc = lgsim_usage("area: unknown or incomplete option '%s'", argv[i]);
			goto out;
		}
	}
	found = lg_est_gates_load(g, table, &e);
	if (found < 0)
		goto fail;
	if (found > 0 || g->n == 0) {
		lg_errf(&e, table ? table : "rtl/area/gates.tsv", 0,
			"expected a gate-count table with at least one row (run 'make area')");
		goto fail;
	}
	print_table(g, c);
	rc = 0;
	goto out;
fail:
	rc = lgsim_fail(&e);
out:
	free(g);
	free(c);
	return rc;
}
