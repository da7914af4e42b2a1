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
 */
#ifndef LG_CMDLOG_H
#define LG_CMDLOG_H

#include <stdint.h>
#include <stdio.h>

#include "dram/dram_timing.h"

typedef struct lg_cmdlog lg_cmdlog;

/* Write to f (not closed by lg_cmdlog_close). */
lg_cmdlog *lg_cmdlog_open(FILE *f);
/* Flush; returns 0, or -1 if a write failed. Frees l. */
int lg_cmdlog_close(lg_cmdlog *l);

/* One command; bg/ba/row/col are ignored where the format says '-'. */
void lg_cmdlog_put(lg_cmdlog *l, uint64_t cycle, unsigned ch, unsigned pc, unsigned bg,
		   unsigned ba, lg_cmd cmd, uint32_t row, uint32_t col);

#endif
