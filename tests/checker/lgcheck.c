/*
 * lgcheck: the lgsim protocol checker command.
 *
 *   lgcheck -c CONFIG [-s section.key=value]... [--timing] LOG
 *
 * LOG is an lgsim command log (docs/checker.md, the `--cmdlog` format), plain or gzip
 * (read through zlib, streamed), one command per line:
 *
 *   <tCK-cycle> <channel> <pseudo-channel> <bankgroup> <bank> <CMD> <row> <col>
 *
 * with '-' for a field that does not apply: PREA and REFab have bankgroup,
 * bank, row and col '-'; PRE and REFpb have row and col '-'; ACT has col
 * '-'. Blank lines and lines starting with '#' are skipped (hand-written
 * test logs carry their expectations in comments).
 *
 * Output: one line per violated constraint (lgc_check.c gives the form),
 * then "lgcheck: N commands, V violations". Exit 0 without violations, 1
 * with, 2 on bad input ("LOG:LINE: expected ...", one line, nothing else).
 * --timing prints the derived bounds instead of checking.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lgc_check.h"

#define NFIELD 8
/*
 * Largest cycle a log may give: 10^18 tCK (over 31 years at 1 GHz). The
 * checker adds timing bounds to cycles; a cycle near INT64_MAX would wrap.
 */
#define MAX_CYCLE 1000000000000000000LL

/* Which fields each command carries (1) or leaves '-' (0): bg ba row col. */
static const char field_use[LGC_NCMD][4] = {
	[LGC_ACT] = { 1, 1, 1, 0 },   [LGC_PRE] = { 1, 1, 0, 0 },
	[LGC_PREA] = { 0, 0, 0, 0 },  [LGC_RD] = { 1, 1, 1, 1 },
	[LGC_RDA] = { 1, 1, 1, 1 },   [LGC_WR] = { 1, 1, 1, 1 },
	[LGC_WRA] = { 1, 1, 1, 1 },   [LGC_REFAB] = { 0, 0, 0, 0 },
	[LGC_REFPB] = { 1, 1, 0, 0 },
};

static const char *const field_name[NFIELD] = {
	"cycle", "channel", "pseudo-channel", "bankgroup", "bank", "CMD", "row", "col"
};

/* Parse a non-negative decimal number; -1 if s is not one. */
static int64_t parse_num(const char *s)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno)
		return -1;
	return v;
}

/* Parse field i (3, 4, 6, 7) of command cmd into *v: a number or '-'. */
static int parse_opt(const char *logname, long ln, char **f, int i, lgc_cmd cmd,
		     int64_t *v, lg_err *e)
{
	static const int use_idx[NFIELD] = { -1, -1, -1, 0, 1, -1, 2, 3 };

	if (!field_use[cmd][use_idx[i]]) {
		*v = -1;
		if (strcmp(f[i], "-") == 0)
			return 0;
		return lg_errf(e, logname, ln, "expected '-' for %s of %s, got '%s'",
			       field_name[i], lgc_cmd_name(cmd), f[i]);
	}
	*v = parse_num(f[i]);
	if (*v < 0)
		return lg_errf(e, logname, ln, "expected a %s number for %s, got '%s'",
			       field_name[i], lgc_cmd_name(cmd), f[i]);
	return 0;
}

/*
 * Parse one log line into l. Returns 1 for a command, 0 for a blank or
 * comment line, -1 (e filled) for a malformed one.
 */
static int parse_line(const char *logname, long ln, char *buf, lgc_line *l, lg_err *e)
{
	char *f[NFIELD], *tok, *save = NULL;
	int n = 0, cmd;
	int64_t v[NFIELD];

	buf[strcspn(buf, "\r\n")] = '\0';
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (n == 0 && tok[0] == '#')
			return 0;
		if (n == NFIELD)
			return lg_errf(e, logname, ln, "expected 8 fields "
				       "'<cycle> <ch> <pc> <bg> <bank> <CMD> <row> <col>', got more");
		f[n++] = tok;
	}
	if (n == 0)
		return 0;
	if (n < NFIELD)
		return lg_errf(e, logname, ln, "expected 8 fields "
			       "'<cycle> <ch> <pc> <bg> <bank> <CMD> <row> <col>', got %d", n);
	cmd = lgc_cmd_parse(f[5]);
	if (cmd < 0)
		return lg_errf(e, logname, ln, "expected CMD one of ACT PRE PREA RD RDA "
			       "WR WRA REFab REFpb, got '%s'", f[5]);
	for (int i = 0; i < 3; i++) {
		v[i] = parse_num(f[i]);
		if (v[i] < 0 || (i > 0 && v[i] > 65535) || (i == 0 && v[i] > MAX_CYCLE))
			return lg_errf(e, logname, ln, "expected a %s number%s, got '%s'",
				       field_name[i], i ? " below 65536" : " of at most 10^18", f[i]);
	}
	for (int i = 3; i < NFIELD; i++)
		if (i != 5 && parse_opt(logname, ln, f, i, cmd, &v[i], e))
			return -1;
	if ((v[3] > 65535) || (v[4] > 65535))
		return lg_errf(e, logname, ln, "expected a bankgroup and bank below 65536");
	*l = (lgc_line){ .cycle = v[0], .ch = (int)v[1], .pc = (int)v[2],
			 .bg = (int)v[3], .ba = (int)v[4], .row = v[6], .col = v[7],
			 .cmd = cmd, .line = ln };
	return 1;
}

/* Feed every line of the log to the checker. 0, or -1 with e filled. */
static int check_log(lgc *c, const char *path, lg_err *e)
{
	gzFile gz = gzopen(path, "rb");
	char buf[1024];
	long ln = 0;
	int rc = 0, errnum;
	lgc_line l;

	if (!gz)
		return lg_errf(e, path, 0, "cannot open: %s", strerror(errno));
	while (gzgets(gz, buf, sizeof(buf))) {
		int r;

		ln++;
		if (!strchr(buf, '\n')) {
			gzerror(gz, &errnum);
			if (errnum != Z_OK && errnum != Z_STREAM_END)
				break;  /* a truncated gzip ends mid-line */
			if (!gzeof(gz)) {
				rc = lg_errf(e, path, ln, "expected a line shorter than %zu bytes",
					     sizeof(buf));
				goto out_close;
			}
		}
		r = parse_line(path, ln, buf, &l, e);
		if (r < 0 || (r > 0 && lgc_validate(c, &l, e))) {
			rc = -1;
			goto out_close;
		}
		if (r > 0)
			lgc_feed(c, &l);
	}
	gzerror(gz, &errnum);
	if (errnum != Z_OK && errnum != Z_STREAM_END)
		rc = lg_errf(e, path, ln, "expected more gzip data (truncated or corrupt file)");
out_close:
	gzclose(gz);
	return rc;
}

#ifndef LGCHECK_NO_MAIN /* tests/fuzz/fz_lgcheck_log.c includes this file */
/* Copy the buffered violation lines to f. */
static void copy_out(FILE *tmp, FILE *f)
{
	char buf[4096];
	size_t n;

	rewind(tmp);
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		fwrite(buf, 1, n, f);
}

static int usage(void)
{
	fprintf(stderr, "usage: lgcheck -c CONFIG [-s section.key=value]... [--timing] LOG\n");
	return LG_EXIT_BADINPUT;
}

/* Parse the arguments into cfg; returns the log path or NULL. */
static const char *parse_args(int argc, char **argv, lg_cfg *cfg, int *timing,
			      lg_err *e, int *bad)
{
	const char *log = NULL, *conf = NULL;

	*bad = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			*bad = -1;
			return NULL;
		}
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			conf = argv[++i];
			if (lg_cfg_load_file(cfg, conf, e))
				return NULL;
		} else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			if (lg_cfg_set_override(cfg, argv[++i], e))
				return NULL;
		} else if (strcmp(argv[i], "--timing") == 0) {
			*timing = 1;
		} else if (argv[i][0] != '-' && !log) {
			log = argv[i];
		} else {
			*bad = 1;
			return NULL;
		}
	}
	if (!conf || (!log && !*timing))
		*bad = 1;
	return log ? log : "-";
}

int main(int argc, char **argv)
{
	lg_cfg *cfg = malloc(sizeof(*cfg));
	const char *log;
	int timing = 0, bad, rc = LG_EXIT_BADINPUT;
	lgc *c = NULL;
	FILE *out = NULL;
	lg_err e;

	lg_err_clear(&e);
	if (!cfg)
		return LG_EXIT_BADINPUT;
	lg_cfg_defaults(cfg);
	log = parse_args(argc, argv, cfg, &timing, &e, &bad);
	if (bad < 0) {
		printf("usage: lgcheck -c CONFIG [-s section.key=value]... [--timing] LOG\n"
		       "Check an lgsim command log (plain or gzip) against every JEDEC constraint\n"
		       "derived from the config; one line per violation, then a count.\n"
		       "  -c CONFIG  the config the log was made with (INI)\n"
		       "  -s K=V     override one key, as given to lgsim run\n"
		       "  --timing   print the derived bounds instead of checking\n"
		       "Exit 0 clean, 1 with violations, 2 on bad input. docs/checker.md.\n");
		rc = 0;
		goto out;
	}
	if (bad) {
		rc = usage();
		goto out;
	}
	if (!log)
		goto out_err;
	/* Violations wait in a temporary file: bad input prints one line only. */
	out = tmpfile();
	if (!out) {
		lg_errf(&e, "lgcheck", 0, "cannot create a temporary file");
		goto out_err;
	}
	c = lgc_create(cfg, log, out, &e);
	if (!c)
		goto out_err;
	if (timing) {
		lgc_print_timing(c, stdout);
		rc = 0;
		goto out;
	}
	if (check_log(c, log, &e))
		goto out_err;
	lgc_finish(c);
	copy_out(out, stdout);
	printf("lgcheck: %lld commands, %lld violations\n",
	       (long long)lgc_commands(c), (long long)lgc_violations(c));
	rc = lgc_violations(c) ? 1 : 0;
	goto out;
out_err:
	fprintf(stderr, "%s\n", e.msg);
out:
	lgc_destroy(c);
	if (out)
		fclose(out);
	free(cfg);
	return rc;
}
#endif
