/*
 * lg_config: the lgsim configuration, built from one key table.
 *
 * cmodel/core/config_keys.def lists every key once. From it come the lg_cfg
 * struct (cfg.timing.tRCDRD, cfg.mc.scheduler, ...), the INI parser (inih),
 * `-s section.key=value` overrides, `lgsim config keys` and docs/config.md.
 * Unknown keys and out-of-range values are errors that name file, line, key.
 */
#ifndef LG_CONFIG_H
#define LG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/lg_err.h"

typedef char lg_cfgstr[128];

#define LG_CT_INT int64_t
#define LG_CT_FLOAT double
#define LG_CT_BOOL bool
#define LG_CT_STR lg_cfgstr
#define LG_CT_ENUM lg_cfgstr

/* Index of every key: LG_K_<section>_<name>. */
enum lg_key_id {
#define LG_SECTION(s, doc)
#define LG_SECTION_END(s)
#define LG_KEY(s, n, t, def, mn, mx, ch, doc) LG_K_##s##_##n,
#include "core/config_keys.def"
#undef LG_SECTION
#undef LG_SECTION_END
#undef LG_KEY
	LG_CFG_NKEYS
};

typedef struct lg_cfg {
#define LG_SECTION(s, doc) struct {
#define LG_SECTION_END(s) } s;
#define LG_KEY(s, n, t, def, mn, mx, ch, doc) LG_CT_##t n;
#include "core/config_keys.def"
#undef LG_SECTION
#undef LG_SECTION_END
#undef LG_KEY
	/* Where each key was last set: file name and line (0 = default). */
	const char *key_file[LG_CFG_NKEYS];
	int key_line[LG_CFG_NKEYS];
	bool key_set[LG_CFG_NKEYS];    /* given in a file or -s, not defaulted */
	char files[4][512];            /* storage for key_file strings */
	int nfiles;
} lg_cfg;

typedef enum lg_key_type {
	LG_KT_INT, LG_KT_FLOAT, LG_KT_BOOL, LG_KT_STR, LG_KT_ENUM
} lg_key_type;

typedef struct lg_key {
	const char *section;
	const char *name;
	lg_key_type type;
	const char *def;        /* default, as INI text */
	double min, max;        /* inclusive bounds for INT and FLOAT */
	const char *choices;    /* ENUM: "A|B|C" */
	const char *doc;        /* one line */
	size_t offset;          /* of the value inside lg_cfg */
} lg_key;

/* The key table, in definition order; *n receives its length. */
const lg_key *lg_cfg_keys(size_t *n);

/* Find a key by section and name; NULL if unknown. */
const lg_key *lg_cfg_find(const char *section, const char *name);

/* Set every key to its default. */
void lg_cfg_defaults(lg_cfg *c);

/* Load an INI file over the current values. */
int lg_cfg_load_file(lg_cfg *c, const char *path, lg_err *e);

/* Apply one "section.key=value" override (the -s option). */
int lg_cfg_set_override(lg_cfg *c, const char *assign, lg_err *e);

/*
 * Apply one "section.key=value" read at file:line (a -s override, a command
 * log's config header); errors name file and line.
 */
int lg_cfg_set_assign(lg_cfg *c, const char *assign, const char *file, int line, lg_err *e);

/*
 * Key id's value as text that lg_cfg_set reads back to the same value
 * (floats with 17 significant digits); at most n - 1 characters.
 */
void lg_cfg_format(const lg_cfg *c, int id, char *buf, size_t n);

/*
 * Every key as "<prefix>section.key=value", one a line, in table order;
 * the prefix tells a key that was set (file, -s) from a defaulted one, as
 * some derivations depend on which keys were given (tRCD vs tRCDRD).
 */
void lg_cfg_print_values(FILE *f, const lg_cfg *c, const char *set_prefix,
			 const char *default_prefix);

/* Set one key from text; file/line are recorded for later messages. */
int lg_cfg_set(lg_cfg *c, const char *section, const char *name,
	       const char *value, const char *file, int line, lg_err *e);

/*
 * Report an error about key id with its origin, e.g.
 * "configs/hbm2.ini:12: timing.tRAS: must be >= tRCDRD (14)".
 */
int lg_cfg_errf(const lg_cfg *c, int id, lg_err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* `lgsim config keys`: every key with type, default, range and doc. */
void lg_cfg_print_keys(FILE *f);

/* docs/config.md, generated from the table. */
void lg_cfg_write_markdown(FILE *f);

#endif
