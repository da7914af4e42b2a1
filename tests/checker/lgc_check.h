/*
 * lgc_check: an independent HBM protocol checker for lgsim command logs.
 *
 * It replays the commands of a --cmdlog, one at a time and in issue order,
 * against its own model of bank state and JEDEC timing, and reports every
 * violated constraint. The timing values come from the same lg_cfg the
 * simulator reads (same .ini, same -s overrides), but every derived bound
 * (burst, RL, WL, tRC, turnarounds, refresh windows) is computed here, from
 * the JEDEC meaning of the keys, without any code from cmodel/dram or
 * cmodel/sim. docs/checker.md lists every rule and its formula.
 *
 * Scope of the state:
 *   - a "unit" is one (channel, pseudo-channel): banks, data bus, tRRD/tFAW
 *     and refresh are per unit (JESD235/JESD238: pseudo-channels decode and
 *     execute commands independently);
 *   - the command bus (row and column) is per channel, shared by its
 *     pseudo-channels.
 */
#ifndef LGC_CHECK_H
#define LGC_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "core/lg_config.h"

typedef struct lgc lgc;

/* The commands of the log, in the order of lgc_cmd_names(). */
typedef enum lgc_cmd {
	LGC_ACT, LGC_PRE, LGC_PREA, LGC_RD, LGC_RDA, LGC_WR, LGC_WRA,
	LGC_REFAB, LGC_REFPB, LGC_NCMD
} lgc_cmd;

/* One command line of the log. Fields that do not apply are -1. */
typedef struct lgc_line {
	int64_t cycle;
	int ch, pc, bg, ba;
	int64_t row, col;
	lgc_cmd cmd;
	long line;      /* line number in the log, for messages */
} lgc_line;

/* The log spelling of cmd ("ACT", "REFab", ...). */
const char *lgc_cmd_name(lgc_cmd cmd);

/* Look a command up by its log spelling; -1 if unknown. */
int lgc_cmd_parse(const char *s);

/*
 * Create a checker for the organisation and timing of cfg. Violations are
 * printed to out as "LOGNAME:LINE: ..." lines. Returns NULL (e filled) when
 * the config cannot describe a device the checker understands.
 */
lgc *lgc_create(const lg_cfg *cfg, const char *logname, FILE *out, lg_err *e);
void lgc_destroy(lgc *c);

/*
 * Check the organisation fields of l against the config: 0 if they are in
 * range, else -1 with "LOGNAME:LINE: expected ..." in e (malformed input).
 */
int lgc_validate(const lgc *c, const lgc_line *l, lg_err *e);

/* Check one (validated) command and apply it to the state. */
void lgc_feed(lgc *c, const lgc_line *l);

/* End of log: check refresh starvation up to the last command. */
void lgc_finish(lgc *c);

/* Commands fed and violations reported so far. */
int64_t lgc_commands(const lgc *c);
int64_t lgc_violations(const lgc *c);

/* Print the derived timing bounds, one "name value" per line (--timing). */
void lgc_print_timing(const lgc *c, FILE *f);

#endif
