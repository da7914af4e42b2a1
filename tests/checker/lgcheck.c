/*
 * lgcheck: the lgsim protocol checker command.
 *
 *   lgcheck [-c CONFIG] [-s section.key=value]... [--timing] LOG
 *
 * The config is the log's own (its header of "# cfg section.key=value"
 * lines, written by lgsim run) unless -c names one; -s applies on top.
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
#include <stdbool.h>
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

/* The key id of "section.key=value", or -1. */
static int assign_key(const char *assign)
{
	char buf[128], *dot;
	size_t n = strcspn(assign, "="), nk;
	const lg_key *k;

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, assign, n);
	buf[n] = '\0';
	dot = strchr(buf, '.');
	if (!dot)
		return -1;
	*dot = '\0';
	k = lg_cfg_find(buf, dot + 1);
	return k ? (int)(k - lg_cfg_keys(&nk)) : -1;
}

/*
 * One header line: "# cfg K=V" sets a key as given, "# cfg-default K=V"
 * as defaulted (lgsim derives some values from which keys were given).
 * 1 for a key line, 0 for another comment, -1 with e filled.
 */
static int header_line(const char *path, long ln, const char *buf, lg_cfg *cfg,
		       bool *seen, lg_err *e)
{
	int dflt = strncmp(buf, "# cfg-default ", 14) == 0;
	const char *assign = buf + (dflt ? 14 : 6);
	int id;

	if (!dflt && strncmp(buf, "# cfg ", 6) != 0)
		return 0;
	if (lg_cfg_set_assign(cfg, assign, path, (int)ln, e))
		return -1;
	id = assign_key(assign);
	if (id < 0 || seen[id])
		return lg_errf(e, path, ln, "expected each config key once in the header, "
			       "got '%s' again", assign);
	seen[id] = true;
	if (dflt)
		cfg->key_set[id] = false;
	return 1;
}

/*
 * Apply the config header of the log at path to cfg: the "# cfg" and
 * "# cfg-default" lines among its leading comment lines (lgsim writes
 * every key there, mc/cmdlog.h). Returns the number of keys read, 0 for
 * a log without a header, -1 with e filled for an unreadable log or a
 * bad or repeated key ("LOG:LINE: ...").
 */
static int read_header(const char *path, lg_cfg *cfg, lg_err *e)
{
	gzFile gz = gzopen(path, "rb");
	bool seen[LG_CFG_NKEYS] = { false };
	char buf[1024];
	long ln = 0;
	int n = 0, r;

	if (!gz)
		return lg_errf(e, path, 0, "cannot open: %s", strerror(errno));
	while (gzgets(gz, buf, sizeof(buf))) {
		ln++;
		if (!strchr(buf, '\n') && !gzeof(gz)) {
			n = lg_errf(e, path, ln, "expected a header line shorter than %zu bytes",
				    sizeof(buf));
			break;
		}
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[strspn(buf, " \t")] == '\0')
			continue;
		if (buf[0] != '#')
			break;
		r = header_line(path, ln, buf, cfg, seen, e);
		if (r < 0) {
			n = -1;
			break;
		}
		n += r;
	}
	gzclose(gz);
	return n;
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

#define MAX_SETS 256

typedef struct check_args {
	const char *conf;              /* -c, NULL: the log's header */
	const char *sets[MAX_SETS];    /* -s, in order */
	int nsets;
	const char *log;
	int timing;
} check_args;

static const char usage_line[] =
	"usage: lgcheck [-c CONFIG] [-s section.key=value]... [--timing] LOG\n";

/* Parse argv into a; 0 ok, 1 usage error, -1 --help. */
static int parse_args(int argc, char **argv, check_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return -1;
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc && !a->conf)
			a->conf = argv[++i];
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc && a->nsets < MAX_SETS)
			a->sets[a->nsets++] = argv[++i];
		else if (strcmp(argv[i], "--timing") == 0)
			a->timing = 1;
		else if (argv[i][0] != '-' && !a->log)
			a->log = argv[i];
		else
			return 1;
	}
	return !a->log && !(a->timing && a->conf);
}

/*
 * The config to check against: defaults, then the -c file or, without
 * one, the log's header, then every -s. -1 with e filled.
 */
static int load_config(const check_args *a, lg_cfg *cfg, lg_err *e)
{
	lg_cfg_defaults(cfg);
	if (a->conf) {
		if (lg_cfg_load_file(cfg, a->conf, e))
			return -1;
	} else {
		int n = read_header(a->log, cfg, e);

		if (n < 0)
			return -1;
		if (n == 0)
			return lg_errf(e, a->log, 0, "expected a config header ('# cfg "
				       "section.key=value' lines, written by lgsim run --cmdlog); "
				       "give the run's config with -c CONFIG");
	}
	for (int i = 0; i < a->nsets; i++)
		if (lg_cfg_set_override(cfg, a->sets[i], e))
			return -1;
	return 0;
}

/*
 * With -c, a log that carries its own config is checked against the
 * given one: say on stderr where they differ (the likely cause of false
 * violations). Silent when they agree or the log has no header.
 */
static void warn_if_differs(const check_args *a, const lg_cfg *cfg)
{
	lg_cfg *hdr = malloc(sizeof(*hdr));
	char v1[sizeof(lg_cfgstr)], v2[sizeof(lg_cfgstr)];
	int ndiff = 0, first = -1;
	size_t nk;
	const lg_key *k = lg_cfg_keys(&nk);
	lg_err e;

	if (!hdr)
		return;
	lg_cfg_defaults(hdr);
	if (read_header(a->log, hdr, &e) > 0) {
		for (int i = 0; i < LG_CFG_NKEYS; i++) {
			lg_cfg_format(hdr, i, v1, sizeof(v1));
			lg_cfg_format(cfg, i, v2, sizeof(v2));
			if (strcmp(v1, v2) && ndiff++ == 0)
				first = i;
		}
	}
	if (ndiff) {
		lg_cfg_format(hdr, first, v1, sizeof(v1));
		lg_cfg_format(cfg, first, v2, sizeof(v2));
		fprintf(stderr, "lgcheck: warning: %s was made with %s.%s=%s, checked with %s "
			"(%d keys differ; without -c the log's own config is used)\n",
			a->log, k[first].section, k[first].name, v1, v2, ndiff);
	}
	free(hdr);
}

static const char help_text[] =
	"Check an lgsim command log (plain or gzip) against every JEDEC constraint\n"
	"derived from the config; one line per violation, then a count.\n"
	"  -c CONFIG  check against this config (INI) instead of the one the log\n"
	"             records in its header (lgsim run --cmdlog writes it)\n"
	"  -s K=V     override one key after the config (repeatable)\n"
	"  --timing   print the derived bounds instead of checking\n"
	"Exit 0 clean, 1 with violations, 2 on bad input. docs/checker.md.\n";

/* Check the log (or print the bounds); the exit status. */
static int run(const check_args *a, lg_cfg *cfg, lg_err *e)
{
	FILE *out = NULL;
	lgc *c = NULL;
	int rc = LG_EXIT_BADINPUT;

	if (load_config(a, cfg, e))
		return LG_EXIT_BADINPUT;
	if (a->conf && a->log)
		warn_if_differs(a, cfg);
	/* Violations wait in a temporary file: bad input prints one line only. */
	out = tmpfile();
	if (!out) {
		lg_errf(e, "lgcheck", 0, "cannot create a temporary file");
		goto out;
	}
	c = lgc_create(cfg, a->log ? a->log : a->conf, out, e);
	if (!c)
		goto out;
	if (a->timing) {
		lgc_print_timing(c, stdout);
		rc = 0;
		goto out;
	}
	if (check_log(c, a->log, e))
		goto out;
	lgc_finish(c);
	copy_out(out, stdout);
	printf("lgcheck: %lld commands, %lld violations\n",
	       (long long)lgc_commands(c), (long long)lgc_violations(c));
	rc = lgc_violations(c) ? 1 : 0;
out:
	lgc_destroy(c);
	if (out)
		fclose(out);
	return rc;
}

/* Parse, check; exit 0 clean, 1 violations, 2 bad input or usage. */
int main(int argc, char **argv)
{
	lg_cfg *cfg;
	check_args a;
	lg_err e;
	int rc;

	rc = parse_args(argc, argv, &a);
	if (rc < 0) {
		printf("%s%s", usage_line, help_text);
		return 0;
	}
	if (rc > 0) {
		fputs(usage_line, stderr);
		return LG_EXIT_BADINPUT;
	}
	cfg = malloc(sizeof(*cfg));
	if (!cfg)
		return LG_EXIT_BADINPUT;
	lg_err_clear(&e);
	rc = run(&a, cfg, &e);
	if (rc == LG_EXIT_BADINPUT)
		fprintf(stderr, "%s\n", e.msg);
	free(cfg);
	return rc;
}
#endif
