/*
 * `lgsim area [-c CONFIG] [-s sec.key=val]... [--table FILE]`: the tracker
 * area report.
 *
 * The figures come from the committed table rtl/area/area_table.tsv, which
 * `make area` regenerates with yosys (rtl/area/area.sh: generic synthesis
 * mapped to the gate-equivalent library rtl/area/lg_ge.lib, NAND2 = 1.0).
 * lgsim does not run yosys itself: synthesis of the larger sets takes
 * minutes, and the report must work where yosys is absent. Each row is
 * converted to um^2 with area.nand2_um2; the row matching tracker.entries x
 * tracker.ports is marked. Table format: '#' comment lines, then
 * "entries ports cells flops nand2_eq" separated by tabs.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"

#define AREA_TABLE "rtl/area/area_table.tsv"

/* Find the committed table: $LG_ROOT, the current directory, or the
 * repository the lgsim binary was built in (build/lgsim -> ..). */
static FILE *open_table(char *path, size_t n)
{
	const char *root = getenv("LG_ROOT");
	char exe[PATH_MAX];
	ssize_t len;
	FILE *f;

	if (root) {
		snprintf(path, n, "%s/%s", root, AREA_TABLE);
		if ((f = fopen(path, "r")))
			return f;
	}
	snprintf(path, n, "%s", AREA_TABLE);
	if ((f = fopen(path, "r")))
		return f;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		char *slash;
		exe[len] = 0;
		for (int up = 0; up < 2 && (slash = strrchr(exe, '/')); up++)
			*slash = 0;
		snprintf(path, n, "%s/%s", exe, AREA_TABLE);
		if ((f = fopen(path, "r")))
			return f;
	}
	snprintf(path, n, "%s", AREA_TABLE);
	return NULL;
}

/* Print the table, converted with the configured NAND2 area. */
static int print_table(FILE *f, const char *path, const lg_cfg *c, lg_err *e)
{
	char line[256];
	long ln = 0;
	int rows = 0;
	double um2 = c->area.nand2_um2;

	printf("tracker area (yosys, lg_ge.lib; NAND2 = %.3f um^2, area.nand2_um2)\n", um2);
	printf("%7s %5s %7s %6s %10s %12s %10s\n", "entries", "ports", "cells",
	       "flops", "NAND2_eq", "um^2", "GE/entry");
	while (fgets(line, sizeof(line), f)) {
		unsigned ent, ports, cells, flops;
		double ge;

		ln++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0)
			continue;
		if (sscanf(line, "%u %u %u %u %lf", &ent, &ports, &cells, &flops, &ge) != 5 || !ent)
			return lg_errf(e, path, ln, "expected 'entries ports cells flops nand2_eq'");
		printf("%7u %5u %7u %6u %10.0f %12.0f %10.0f%s\n", ent, ports, cells,
		       flops, ge, ge * um2, ge / ent,
		       (ent == c->tracker.entries && ports == c->tracker.ports) ?
		       "   <- [tracker] entries x ports" : "");
		rows++;
	}
	if (!rows)
		return lg_errf(e, path, 0, "expected at least one row; run 'make area'");
	return 0;
}

int lgsim_cmd_area(int argc, char **argv)
{
	const char *table = NULL;
	char path[PATH_MAX + 64];
	lg_cfg *c = malloc(sizeof(*c));
	FILE *f = NULL;
	lg_err e;
	int rc = LG_EXIT_BADINPUT;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs("usage: lgsim area [-c CONFIG] [-s section.key=value]... [--table FILE]\n"
			      "The tracker's area for every synthesised entries x ports set, in\n"
			      "NAND2 gate equivalents and um^2 (area.nand2_um2); the set of the config\n"
			      "(tracker.entries x tracker.ports) is marked.\n"
			      "  -c CONFIG     INI config; -s overrides one key\n"
			      "  --table FILE  area table (default rtl/area/area_table.tsv; `make area`\n"
			      "                regenerates it with yosys)\n", stdout);
			free(c);
			return 0;
		}
	if (!c)
		return 1;
	lg_cfg_defaults(c);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			if (lg_cfg_load_file(c, argv[++i], &e))
				goto fail;
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			if (lg_cfg_set_override(c, argv[++i], &e))
				goto fail;
		} else if (!strcmp(argv[i], "--table") && i + 1 < argc) {
			table = argv[++i];
		} else {
			rc = lgsim_usage("area: unknown or incomplete option '%s'", argv[i]);
			goto out;
		}
	}
	if (table) {
		snprintf(path, sizeof(path), "%s", table);
		f = fopen(table, "r");
	} else {
		f = open_table(path, sizeof(path));
	}
	if (!f) {
		lg_errf(&e, path, 0, "cannot open the area table: %s (run 'make area')", strerror(errno));
		goto fail;
	}
	if (print_table(f, path, c, &e))
		goto fail;
	rc = 0;
	goto out;
fail:
	rc = lgsim_fail(&e);
out:
	if (f)
		fclose(f);
	free(c);
	return rc;
}
