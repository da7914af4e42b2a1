/*
 * lg_dram: the DRAM devices of one die -- bank state and timing, kept as data.
 *
 * Timing constraints are a table of {issued command, affected command,
 * scope, delay in tCK} built once from lg_dram_spec (lg_dram_table()).
 * Scopes are nested: BANK (the bank the command addressed), BG (every bank
 * of its bank group, the bank itself included) and PC (every bank of the
 * pseudo-channel). A "different bank group" constraint X_S is therefore
 * stored as scope PC with delay X_S, and X_L as scope BG with delay X_L;
 * the spec guarantees X_L >= X_S so the maximum is the JEDEC rule.
 * Issuing a command raises per-bank, per-bank-group and per-pseudo-channel
 * "earliest cycle" arrays (as in DRAMsim3), so lg_dram_earliest() is a
 * handful of loads and max operations. tFAW is a rolling window of the last
 * four ACTs of a pseudo-channel.
 *
 * Command buses: HBM has a row bus (ACT PRE PREA REFab REFpb) and a column
 * bus (RD RDA WR WRA) per channel; with hbm_dual_cmd one command of each
 * kind may be on the buses at once, otherwise one command at a time. A
 * command holds its bus timing.cmd_cycles tCK, an ACT the row bus
 * timing.act_cmd_cycles (JEDEC HBM: a two-cycle row command). The
 * pseudo-channels of a channel share its command buses and have their own
 * banks and data bus (docs/dram.md).
 *
 * RDA/WRA: legal whenever RD/WR is. The internal precharge happens at
 * max(t + AL + tRTP, first legal PRE of the bank) for RDA and
 * max(t + WL + burst + tWR, first legal PRE) for WRA -- the second term is
 * the JEDEC tRAS lockout -- and the PRE constraints (tRP, ...) apply from
 * that internal cycle. The command log shows only the RDA/WRA.
 */
#ifndef LG_DRAM_TIMING_H
#define LG_DRAM_TIMING_H

#include <stddef.h>
#include <stdint.h>

#include "core/lg_err.h"
#include "dram/dram_spec.h"

#define LG_NEVER UINT64_MAX

typedef enum lg_cmd {
	LG_CMD_ACT = 0,
	LG_CMD_PRE,
	LG_CMD_PREA,
	LG_CMD_RD,
	LG_CMD_RDA,
	LG_CMD_WR,
	LG_CMD_WRA,
	LG_CMD_REFAB,
	LG_CMD_REFPB,
	LG_CMD_N
} lg_cmd;

/* Timing classes: commands that share constraint rows. */
typedef enum lg_tclass_t {
	LG_T_ACT = 0, LG_T_PRE, LG_T_RD, LG_T_WR, LG_T_REF, LG_T_REFPB, LG_T_N
} lg_tclass_t;

typedef enum lg_scope {
	LG_SC_BANK = 0, LG_SC_BG, LG_SC_PC
} lg_scope;

/* One constraint: after `issued` at t, `affected` is illegal before t + delay. */
typedef struct lg_tcons {
	uint8_t issued;    /* lg_tclass_t */
	uint8_t affected;  /* lg_tclass_t */
	uint8_t scope;     /* lg_scope */
	int delay;         /* tCK */
	const char *why;   /* the JEDEC parameter(s), for docs and messages */
} lg_tcons;

typedef struct lg_dram lg_dram;

const char *lg_cmd_name(lg_cmd c);
/* Row (1) or column (0) command bus. */
int lg_cmd_is_row(lg_cmd c);

lg_dram *lg_dram_create(const lg_dram_spec *s, lg_err *e);
void lg_dram_destroy(lg_dram *d);

/* The constraint table; *n receives its length. */
const lg_tcons *lg_dram_table(const lg_dram *d, size_t *n);
/* tFAW as used (after mutation hooks). */
int lg_dram_tfaw(const lg_dram *d);

/*
 * First tCK cycle at which cmd is legal on bank of unit (ch * pcs + pc),
 * considering timing, tFAW, the command bus and the bank state; LG_NEVER
 * when the state forbids it (ACT on an open bank, RD on a closed one,
 * REFab with a bank open, PREA with none open, ...). bank is ignored by
 * PREA and REFab.
 */
uint64_t lg_dram_earliest(const lg_dram *d, unsigned unit, lg_cmd cmd, unsigned bank);

/* Issue cmd at cycle t (the caller has checked t >= earliest). row for ACT. */
void lg_dram_issue(lg_dram *d, unsigned unit, lg_cmd cmd, unsigned bank, uint32_t row, uint64_t t);

/* Open row of a bank, or -1 when precharged. */
int64_t lg_dram_open_row(const lg_dram *d, unsigned unit, unsigned bank);
/* Number of open banks of a unit. */
int lg_dram_open_banks(const lg_dram *d, unsigned unit);

/* Cycles a unit spent with at least one bank open / all banks closed, up to t. */
void lg_dram_bg_cycles(lg_dram *d, unsigned unit, uint64_t t, uint64_t *act, uint64_t *pre);

/*
 * The timing state as a flat list of cycle values (earliest-cycle arrays,
 * tFAW windows, command buses), for the controller's idle fast-forward:
 * snapshots a (taken at cycle x) and b (at x + p) show the state repeats
 * with period p when every value either moved by exactly p, or did not
 * move and is at most x (in the past, so no command after x depends on
 * it). lg_dram_shift then moves every value that moved k periods on.
 */
size_t lg_dram_words(const lg_dram *d);
void lg_dram_snapshot(const lg_dram *d, uint64_t *out);
int lg_dram_periodic(const uint64_t *a, const uint64_t *b, size_t n, uint64_t x, uint64_t p);
void lg_dram_shift(lg_dram *d, const uint64_t *a, const uint64_t *b, uint64_t p, uint64_t k);

#endif
