/*
 * lg_config: key table, INI loading through inih, overrides, key listings.
 *
 * inih (Debian's libinih, built without INI_HANDLER_LINENO) does not pass the
 * line to the handler, but ini_parse() returns the line of the first line
 * the handler rejected. The handler therefore keeps the message and the
 * caller adds the line.
 */
#include "core/lg_config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const lg_key key_table[] = {
#define LG_SECTION(s, doc)
#define LG_SECTION_END(s)
#define LG_KEY(s, n, t, def, mn, mx, ch, doc) \
	{ #s, #n, LG_KT_##t, def, (double)(mn), (double)(mx), ch, doc, offsetof(lg_cfg, s.n) },
#include "core/config_keys.def"
#undef LG_SECTION
#undef LG_SECTION_END
#undef LG_KEY
};

static const struct {
	const char *name, *doc;
} section_table[] = {
#define LG_SECTION(s, doc) { #s, doc },
#define LG_SECTION_END(s)
#define LG_KEY(s, n, t, def, mn, mx, ch, doc)
#include "core/config_keys.def"
#undef LG_SECTION
#undef LG_SECTION_END
#undef LG_KEY
};

#define NSECTIONS (sizeof(section_table) / sizeof(section_table[0]))

const lg_key *lg_cfg_keys(size_t *n)
{
	*n = LG_CFG_NKEYS;
	return key_table;
}

/* The table index of section.name, -1 if none. A first-letter compare
 * skips most keys without a call (a config file sets ~90 of ~190). */
static int key_index(const char *section, const char *name)
{
	for (int i = 0; i < LG_CFG_NKEYS; i++)
		if (key_table[i].name[0] == name[0] && strcmp(key_table[i].name, name) == 0 &&
		    strcmp(key_table[i].section, section) == 0)
			return i;
	return -1;
}

const lg_key *lg_cfg_find(const char *section, const char *name)
{
	int i = key_index(section, name);

	return i < 0 ? NULL : &key_table[i];
}

static bool section_known(const char *section)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (strcmp(section_table[i].name, section) == 0)
			return true;
	return false;
}

static const char *type_name(lg_key_type t)
{
	switch (t) {
	case LG_KT_INT: return "int";
	case LG_KT_FLOAT: return "float";
	case LG_KT_BOOL: return "bool";
	case LG_KT_STR: return "string";
	case LG_KT_ENUM: return "enum";
	}
	return "?";
}

/* True if s is one of the '|'-separated choices. */
static bool choice_ok(const char *choices, const char *s)
{
	size_t len = strlen(s);

	for (const char *p = choices; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == len && strncmp(p, s, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/*
 * An INT value, strictly: optional '-', then decimal digits or 0x and hex
 * digits, then only blanks. No octal (DRAMsim3 files write "08"), no '+',
 * no value outside int64_t (strtoll would clamp or wrap it).
 */
static int parse_int(const char *v, int64_t *out)
{
	const char *p = v;
	bool neg = false, hex = false;
	uint64_t x = 0, lim;
	int nd = 0;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		hex = true;
		p += 2;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (;; p++, nd++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			d = (unsigned)((*p | 0x20) - 'a' + 10);
		else
			break;
		if (x > (lim - d) / (hex ? 16 : 10))
			return -1;
		x = x * (hex ? 16 : 10) + d;
	}
	if (nd == 0)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return -1;
	*out = neg ? (int64_t)(0 - x) : (int64_t)x;
	return 0;
}

/*
 * The bounds of an INT key as integers. The table holds them as doubles;
 * INT64_MAX becomes 2^63 there, which no int64_t reaches, so anything at
 * or past 2^63 means INT64_MAX. Printing and checking both use these.
 */
static void int_bounds(const lg_key *k, int64_t *lo, int64_t *hi)
{
	*lo = k->min <= -0x1p63 ? INT64_MIN : (int64_t)k->min;
	*hi = k->max >= 0x1p63 ? INT64_MAX : (int64_t)k->max;
}

static int parse_float(const char *v, double *out)
{
	char *end;

	errno = 0;
	double x = strtod(v, &end);
	if (errno || end == v || !isfinite(x))
		return -1;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return -1;
	*out = x;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
	    !strcasecmp(v, "on") || !strcmp(v, "1"))
		*out = true;
	else if (!strcasecmp(v, "false") || !strcasecmp(v, "no") ||
		 !strcasecmp(v, "off") || !strcmp(v, "0"))
		*out = false;
	else
		return -1;
	return 0;
}

/* Parse v into the field of key k; fills e with a message (no location). */
static int store_value(lg_cfg *c, const lg_key *k, const char *v, char *msg,
		       size_t msglen)
{
	void *field = (char *)c + k->offset;
	int64_t i, lo, hi;
	double d;
	bool b;

	switch (k->type) {
	case LG_KT_INT:
		if (parse_int(v, &i)) {
			snprintf(msg, msglen, "expected a decimal or 0x-hex integer that fits 64 bits, got '%s'", v);
			return -1;
		}
		int_bounds(k, &lo, &hi);
		if (i < lo || i > hi) {
			snprintf(msg, msglen, "%lld out of range [%lld, %lld]",
				 (long long)i, (long long)lo, (long long)hi);
			return -1;
		}
		*(int64_t *)field = i;
		return 0;
	case LG_KT_FLOAT:
		if (parse_float(v, &d)) {
			snprintf(msg, msglen, "expected a number, got '%s'", v);
			return -1;
		}
		if (d < k->min || d > k->max) {
			snprintf(msg, msglen, "%g out of range [%g, %g]", d, k->min, k->max);
			return -1;
		}
		*(double *)field = d;
		return 0;
	case LG_KT_BOOL:
		if (parse_bool(v, &b)) {
			snprintf(msg, msglen, "expected true or false, got '%s'", v);
			return -1;
		}
		*(bool *)field = b;
		return 0;
	case LG_KT_ENUM:
		if (!choice_ok(k->choices, v)) {
			snprintf(msg, msglen, "expected one of %s, got '%s'", k->choices, v);
			return -1;
		}
		/* fall through */
	case LG_KT_STR:
		for (const char *q = v; *q; q++)
			if ((unsigned char)*q < 0x20 && *q != '\t') {
				snprintf(msg, msglen, "expected printable text, got a control character");
				return -1;
			}
		if (strlen(v) >= sizeof(lg_cfgstr)) {
			snprintf(msg, msglen, "value longer than %zu characters",
				 sizeof(lg_cfgstr) - 1);
			return -1;
		}
		strcpy((char *)field, v);
		return 0;
	}
	return -1;
}

void lg_cfg_defaults(lg_cfg *c)
{
	char msg[256];

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < LG_CFG_NKEYS; i++) {
		/* The table's defaults are valid by construction (tested). */
		store_value(c, &key_table[i], key_table[i].def, msg, sizeof(msg));
		c->key_file[i] = "(default)";
	}
}

static const char *intern_file(lg_cfg *c, const char *file)
{
	for (int i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], file) == 0)
			return c->files[i];
	if (c->nfiles == (int)(sizeof(c->files) / sizeof(c->files[0])))
		return "(config)";
	snprintf(c->files[c->nfiles], sizeof(c->files[0]), "%s", file);
	return c->files[c->nfiles++];
}

int lg_cfg_set(lg_cfg *c, const char *section, const char *name,
	       const char *value, const char *file, int line, lg_err *e)
{
	char msg[256];
	int i = key_index(section, name);

	if (i < 0) {
		if (!section_known(section))
			return lg_errf(e, file, line, "unknown section [%s] (key '%s'); see `lgsim config keys`",
				       section, name);
		return lg_errf(e, file, line, "unknown key '%s' in [%s]; see `lgsim config keys`",
			       name, section);
	}
	if (store_value(c, &key_table[i], value, msg, sizeof(msg)))
		return lg_errf(e, file, line, "%s.%s: %s", section, name, msg);
	c->key_file[i] = intern_file(c, file);
	c->key_line[i] = line;
	c->key_set[i] = true;
	return 0;
}

struct load_ctx {
	lg_cfg *c;
	const char *path;
	lg_err err;
	int nkeys;                 /* key lines seen */
	bool seen[LG_CFG_NKEYS];   /* keys this file set already */
};

/* inih handler: a 0 return makes ini_parse report this line. */
static int cfg_ini_handler(void *user, const char *section, const char *name,
		       const char *value)
{
	struct load_ctx *ctx = user;

	if (!name) /* section header alone (INI_CALL_HANDLER_ON_NEW_SECTION) */
		return 1;
	ctx->nkeys++;
	if (ctx->err.msg[0]) /* keep the first error: its line is ini_parse's answer */
		return 0;
	/* Line 0 now; lg_cfg_load_file rewrites it with ini_parse's answer. */
	if (lg_cfg_set(ctx->c, section, name, value, ctx->path, 0, &ctx->err))
		return 0;
	/* A key given twice in one file: one of the two is a mistake. */
	int i = key_index(section, name);
	if (ctx->seen[i]) {
		lg_errf(&ctx->err, ctx->path, 0, "duplicate key '%s' in [%s]: "
			"each key may appear once per file", name, section);
		return 0;
	}
	ctx->seen[i] = true;
	return 1;
}

/* Record the real line of every key the file set, by a second light scan. */
static void record_lines(lg_cfg *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024], section[128] = "";
	int lineno = 0;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *eq;
		int i;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[') {
			char *end = strchr(p, ']');
			if (end) {
				*end = '\0';
				snprintf(section, sizeof(section), "%s", p + 1);
			}
			continue;
		}
		eq = strpbrk(p, "=:");
		if (!eq || *p == ';' || *p == '#')
			continue;
		*eq = '\0';
		for (char *q = eq - 1; q >= p && (*q == ' ' || *q == '\t'); q--)
			*q = '\0';
		i = key_index(section, p);
		if (i >= 0 && c->key_file[i] && strcmp(c->key_file[i], path) == 0)
			c->key_line[i] = lineno;
	}
	fclose(f);
}

static int load_file(struct load_ctx *ctx, lg_err *e);

int lg_cfg_load_file(lg_cfg *c, const char *path, lg_err *e)
{
	struct load_ctx *ctx;
	struct stat st;
	int rc;

	if (stat(path, &st) != 0)
		return lg_errf(e, path, 0, "cannot open config file: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return lg_errf(e, path, 0, "is a directory, expected a config file (INI)");
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return lg_errf(e, path, 0, "out of memory");
	ctx->c = c;
	ctx->path = path;
	rc = load_file(ctx, e);
	free(ctx);
	return rc;
}

/* ini_parse with ctx, errors made "FILE:LINE: what was expected". */
static int load_file(struct load_ctx *ctx, lg_err *e)
{
	const char *path = ctx->path;
	lg_cfg *c = ctx->c;
	int rc;

	lg_err_clear(&ctx->err);
	rc = ini_parse(path, cfg_ini_handler, ctx);
	if (rc == -1)
		return lg_errf(e, path, 0, "cannot open config file");
	if (rc == -2)
		return lg_errf(e, path, 0, "out of memory while reading");
	if (rc > 0) {
		if (ctx->err.msg[0]) {
			/* ctx->err is "path: msg"; put the line in. */
			const char *msg = ctx->err.msg + strlen(path) + 2;
			return lg_errf(e, path, rc, "%s", msg);
		}
		return lg_errf(e, path, rc, "expected 'key = value', '[section]' or a comment");
	}
	if (ctx->nkeys == 0)
		return lg_errf(e, path, 0, "empty config file: expected '[section]' and 'key = value' lines");
	record_lines(c, path);
	return 0;
}

int lg_cfg_set_assign(lg_cfg *c, const char *assign, const char *file, int line, lg_err *e)
{
	char buf[512], *dot, *eq;

	if (snprintf(buf, sizeof(buf), "%s", assign) >= (int)sizeof(buf))
		return lg_errf(e, file, line, "'%.40s...': assignment too long", assign);
	eq = strchr(buf, '=');
	dot = strchr(buf, '.');
	if (!eq || !dot || dot > eq)
		return lg_errf(e, file, line, "'%s': expected section.key=value", assign);
	*dot = '\0';
	*eq = '\0';
	return lg_cfg_set(c, buf, dot + 1, eq + 1, file, line, e);
}

int lg_cfg_set_override(lg_cfg *c, const char *assign, lg_err *e)
{
	return lg_cfg_set_assign(c, assign, "-s", 0, e);
}

void lg_cfg_format(const lg_cfg *c, int id, char *buf, size_t n)
{
	const lg_key *k = &key_table[id];
	const void *field = (const char *)c + k->offset;

	switch (k->type) {
	case LG_KT_INT:
		snprintf(buf, n, "%lld", (long long)*(const int64_t *)field);
		break;
	case LG_KT_FLOAT:
		snprintf(buf, n, "%.17g", *(const double *)field);
		break;
	case LG_KT_BOOL:
		snprintf(buf, n, "%s", *(const bool *)field ? "true" : "false");
		break;
	case LG_KT_STR:
	case LG_KT_ENUM:
		snprintf(buf, n, "%s", (const char *)field);
		break;
	}
}

void lg_cfg_print_values(FILE *f, const lg_cfg *c, const char *set_prefix,
			 const char *default_prefix)
{
	char v[sizeof(lg_cfgstr)];

	for (int i = 0; i < LG_CFG_NKEYS; i++) {
		lg_cfg_format(c, i, v, sizeof(v));
		fprintf(f, "%s%s.%s=%s\n", c->key_set[i] ? set_prefix : default_prefix,
			key_table[i].section, key_table[i].name, v);
	}
}

int lg_cfg_errf(const lg_cfg *c, int id, lg_err *e, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return lg_errf(e, c->key_file[id] ? c->key_file[id] : "(config)",
		       c->key_line[id], "%s.%s: %s", key_table[id].section,
		       key_table[id].name, msg);
}

static void format_range(const lg_key *k, char *buf, size_t n)
{
	int64_t lo, hi;

	int_bounds(k, &lo, &hi);
	if (k->type == LG_KT_INT)
		snprintf(buf, n, "%lld..%lld", (long long)lo, (long long)hi);
	else if (k->type == LG_KT_FLOAT)
		snprintf(buf, n, "%g..%g", k->min, k->max);
	else if (k->type == LG_KT_ENUM)
		snprintf(buf, n, "%s", k->choices);
	else if (k->type == LG_KT_BOOL)
		snprintf(buf, n, "true|false");
	else
		snprintf(buf, n, "-");
}

void lg_cfg_print_keys(FILE *f)
{
	char range[160];

	for (int i = 0; i < LG_CFG_NKEYS; i++) {
		const lg_key *k = &key_table[i];
		char full[96];

		snprintf(full, sizeof(full), "%s.%s", k->section, k->name);
		format_range(k, range, sizeof(range));
		fprintf(f, "%-40s %-6s default=%-22s range=%-24s %s\n", full,
			type_name(k->type), k->def, range, k->doc);
	}
}

/* Escape '|' so a value stays in its Markdown table cell. */
static void md_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

void lg_cfg_write_markdown(FILE *f)
{
	char range[160];

	fprintf(f, "# lgsim configuration keys\n\n"
		   "Generated by `lgsim config doc` from `cmodel/core/config_keys.def`; "
		   "do not edit by hand (a test fails when this page is stale).\n\n"
		   "Set keys in an INI file (`-c FILE`) or on the command line "
		   "(`-s section.key=value`). Unknown keys and out-of-range values are "
		   "errors naming the file, line and key.\n");
	for (size_t s = 0; s < NSECTIONS; s++) {
		fprintf(f, "\n## [%s]\n\n%s.\n\n", section_table[s].name,
			section_table[s].doc);
		fprintf(f, "| key | type | default | range | meaning |\n"
			   "| --- | --- | --- | --- | --- |\n");
		for (int i = 0; i < LG_CFG_NKEYS; i++) {
			const lg_key *k = &key_table[i];

			if (strcmp(k->section, section_table[s].name))
				continue;
			format_range(k, range, sizeof(range));
			fprintf(f, "| `%s` | %s | `%s` | ", k->name,
				type_name(k->type), k->def);
			md_cell(f, range);
			fputs(" | ", f);
			md_cell(f, k->doc);
			fputs(" |\n", f);
		}
	}
}
