/*
 * lg_cmdlog: the --cmdlog writer. One DRAM command per line, in issue order:
 *
 *   <tCK-cycle> <channel> <pseudo-channel> <bankgroup> <bank> <CMD> <row> <col>
 *
 * CMD is ACT PRE PREA RD RDA WR WRA REFab REFpb; '-' marks a field that does
 * not apply (PREA and REFab: bankgroup, bank, row, col; PRE and REFpb: row,
 * col; ACT: col). bank is the bank within its bank group. Cycle 0 is the
 * first memory-clock cycle. Lines are formatted by hand into a large buffer
 * (no printf on the hot path).
 *
 * The log opens with a header of comment lines (starting with '#', which
 * readers of the format skip): the format line, the config options of the
 * run ("# made with: -c FILE -s K=V ..."), then every config key as
 * "# cfg section.key=value" (given in the file or by -s) or "# cfg-default
 * section.key=value" (left at its default), so that the log can be
 * checked without its config (`lgcheck LOG`, docs/checker.md).
 */
#ifndef LG_CMDLOG_H
#define LG_CMDLOG_H

#include <stdint.h>
#include <stdio.h>

#include "core/lg_config.h"
#include "dram/dram_timing.h"

typedef struct lg_cmdlog lg_cmdlog;

/* Write to f (not closed by lg_cmdlog_close). */
lg_cmdlog *lg_cmdlog_open(FILE *f);
/* Flush; returns 0, or -1 if a write failed. Frees l. */
int lg_cmdlog_close(lg_cmdlog *l);

/*
 * The header (above): config is the -c file, sets the -s overrides in
 * order, cfg what they gave. Call once, before the first lg_cmdlog_put.
 */
void lg_cmdlog_header(lg_cmdlog *l, const lg_cfg *cfg, const char *config,
		      const char *const *sets, int nsets);

/* One command; bg/ba/row/col are ignored where the format says '-'. */
void lg_cmdlog_put(lg_cmdlog *l, uint64_t cycle, unsigned ch, unsigned pc, unsigned bg,
		   unsigned ba, lg_cmd cmd, uint32_t row, uint32_t col);

#endif
