/*
 * Reader and lookup of rtl/area/gates.tsv (format in gates.h).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "est/gates.h"

#define GATES_REL "rtl/area/gates.tsv"

/* The default table: $LG_ROOT, the current directory, the build's repo. */
static FILE *open_default(char *path, size_t n)
{
	const char *root = getenv("LG_ROOT");
	char exe[PATH_MAX];
	ssize_t len;
	FILE *f;

	if (root) {
		snprintf(path, n, "%s/%s", root, GATES_REL);
		if ((f = fopen(path, "r")))
			return f;
	}
	snprintf(path, n, "%s", GATES_REL);
	if ((f = fopen(path, "r")))
		return f;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = 0;
		/* build/lgsim or build/tests/unit-x: try one and two levels up */
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');

			if (!slash)
				break;
			*slash = 0;
			snprintf(path, n, "%s/%s", exe, GATES_REL);
			if ((f = fopen(path, "r")))
				return f;
		}
	}
	snprintf(path, n, "%s", GATES_REL);
	return NULL;
}

/* Parse one data line into r; 0 or -1. */
static int parse_row(char *line, lg_est_gate_row *r)
{
	char *f[7];
	int n = 0;
	char *save = NULL;

	for (char *t = strtok_r(line, "\t\r\n", &save); t && n < 7;
	     t = strtok_r(NULL, "\t\r\n", &save))
		f[n++] = t;
	if (n < 6 || strlen(f[0]) >= sizeof(r->block) ||
	    strlen(f[1]) >= sizeof(r->flow) || strlen(f[2]) >= sizeof(r->params))
		return -1;
	strcpy(r->block, f[0]);
	strcpy(r->flow, f[1]);
	strcpy(r->params, f[2]);
	r->cells = strtod(f[3], NULL);
	r->flops = strtod(f[4], NULL);
	r->ge = strtod(f[5], NULL);
	return r->ge > 0 ? 0 : -1;
}

int lg_est_gates_load(lg_est_gates *g, const char *path, lg_err *e)
{
	char line[512];
	long ln = 0;
	FILE *f;

	g->n = 0;
	if (path) {
		snprintf(g->path, sizeof(g->path), "%s", path);
		f = fopen(path, "r");
	} else {
		f = open_default(g->path, sizeof(g->path));
	}
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		ln++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0)
			continue;
		if (g->n == LG_EST_GATES_MAX) {
			fclose(f);
			return lg_errf(e, g->path, ln, "more than %d rows", LG_EST_GATES_MAX);
		}
		if (parse_row(line, &g->row[g->n])) {
			fclose(f);
			return lg_errf(e, g->path, ln,
				       "expected 'block flow params cells flops nand2_eq key' (tabs, nand2_eq > 0)");
		}
		g->n++;
	}
	fclose(f);
	return 0;
}

/* Split "A=1,B=2" after the first value: *first gets 1, rest "B=2". */
static int split_first(const char *params, double *first, const char **rest)
{
	const char *eq = strchr(params, '=');

	if (!eq)
		return -1;
	*first = strtod(eq + 1, NULL);
	*rest = strchr(eq, ',');
	if (!*rest)
		*rest = "";
	return 0;
}

/* Prefer the full flow's row over the fast one's. */
static int better(const lg_est_gate_row *cand, const lg_est_gate_row *cur)
{
	return !cur || (!strcmp(cand->flow, "full") && strcmp(cur->flow, "full"));
}

const lg_est_gate_row *lg_est_gates_lookup(const lg_est_gates *g, const char *block,
					   const char *params, double *ge)
{
	const lg_est_gate_row *best = NULL;
	double want, have, bestd = INFINITY;
	const char *wrest, *hrest;

	for (int i = 0; i < g->n; i++)
		if (!strcmp(g->row[i].block, block) && !strcmp(g->row[i].params, params) &&
		    better(&g->row[i], best))
			best = &g->row[i];
	if (best) {
		*ge = best->ge;
		return best;
	}
	if (split_first(params, &want, &wrest))
		return NULL;
	for (int i = 0; i < g->n; i++) {
		const lg_est_gate_row *r = &g->row[i];
		double d;

		if (strcmp(r->block, block) || split_first(r->params, &have, &hrest) ||
		    strcmp(wrest, hrest) || have <= 0)
			continue;
		d = fabs(log(want / have));
		if (d < bestd || (d == bestd && better(r, best))) {
			bestd = d;
			best = r;
		}
	}
	if (!best)
		return NULL;
	split_first(best->params, &have, &hrest);
	*ge = best->ge * want / have;
	return best;
}
