/*
 * Internal state of lg_dram, shared by dram_timing.c and the controller's
 * hot path (mc.c) so that the earliest-cycle query inlines. Everything else
 * uses dram_timing.h.
 */
#ifndef LG_DRAM_INT_H
#define LG_DRAM_INT_H

#include "dram/dram_timing.h"

#define MAX_TCONS 48
#define MAX_PER_CLASS 16

typedef struct rule {
	uint8_t affected, scope;
	int delay;
} rule;

/* A rule resolved for one bank: the word it raises in the unit's block. */
typedef struct brule {
	uint32_t off;   /* word offset from bank_next[0] */
	int delay;
} brule;

typedef struct unit_st {
	uint64_t (*bank_next)[LG_T_N]; /* [bank][class]; one block with bg_next and pc_next */
	uint64_t (*bg_next)[LG_T_N];   /* [bankgroup][class], right after bank_next */
	uint64_t *pc_next;             /* [class], right after bg_next */
	uint64_t faw[4];               /* last four ACT cycles, ring */
	unsigned faw_n, faw_i;
	int32_t *open_row;             /* [bank], -1 = precharged */
	int nopen;
	uint64_t bg_last, act_cycles, pre_cycles; /* background accounting */
	unsigned ch;                   /* channel (index of row_bus, col_bus) */
} unit_st;

struct lg_dram {
	/* what issuing a command and the candidate passes read, first */
	unit_st *u;
	uint64_t *row_bus;     /* per channel: first cycle the row bus is free */
	uint64_t *col_bus;
	brule *loc[LG_T_N];    /* every rule of a class issued to a bank, [bank * nloc[class] + i] */
	int nloc[LG_T_N];
	int tFAW;
	unsigned bpg_shift;    /* log2(banks_per_group): bank group = bank >> shift */
	uint64_t col_hold;     /* tCK any other command holds its bus */
	uint8_t aff_pc[LG_T_N]; /* per issued class: classes it delays pc-wide (bit mask) */
	uint8_t aff_bg[LG_T_N]; /* ... and within its bank group */
	unsigned aff_bank_bg;   /* classes any bank- or group-scope rule delays */
	uint64_t row_hold[LG_CMD_N]; /* tCK a row command holds the row bus */
	int ap_rd, ap_wr;      /* RDA/WRA: cycles to the internal precharge */
	lg_dram_spec s;
	lg_tcons tab[MAX_TCONS];
	size_t ntab;
	rule rules[LG_T_N][3][MAX_PER_CLASS]; /* tab by issued class and scope */
	int nrules[LG_T_N][3];
};

static inline uint64_t umax(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* Timing-only earliest cycle of class c on one bank. */
static inline uint64_t class_next(const lg_dram *d, const unit_st *u, int c, unsigned bank)
{
	unsigned bg = bank >> d->bpg_shift;

	return umax(umax(u->bank_next[bank][c], u->bg_next[bg][c]), u->pc_next[c]);
}

/* Earliest ACT under tFAW. */
static inline uint64_t faw_next(const lg_dram *d, const unit_st *u)
{
	if (u->faw_n < 4 || d->tFAW == 0)
		return 0;
	return u->faw[u->faw_i] + (uint64_t)d->tFAW; /* faw_i = oldest */
}

/*
 * Per-scan floors: the pseudo-channel-wide part of the earliest cycle of
 * ACT, PRE, RD and WR (pc scope, tFAW, command buses), so that a request
 * needs only its bank and bank-group entries.
 */
typedef struct lg_dram_floor {
	uint64_t f[LG_T_N];
} lg_dram_floor;

static inline void lg_dram_floor_get(const lg_dram *d, unsigned unit, lg_dram_floor *fl)
{
	const unit_st *u = &d->u[unit];
	uint64_t rb = d->row_bus[u->ch], cb = d->col_bus[u->ch];

	fl->f[LG_T_ACT] = umax(umax(u->pc_next[LG_T_ACT], faw_next(d, u)), rb);
	fl->f[LG_T_PRE] = umax(u->pc_next[LG_T_PRE], rb);
	fl->f[LG_T_RD] = umax(u->pc_next[LG_T_RD], cb);
	fl->f[LG_T_WR] = umax(u->pc_next[LG_T_WR], cb);
}

/*
 * Raise the earliest-cycle arrays for every rule of class c issued at t,
 * as resolved for this bank (d->loc: a word of the unit's block each, of
 * bank_next, bg_next or pc_next by the rule's scope). Every rule raises
 * one word to a maximum, so the order is free.
 */
static inline void lg_dram_apply(lg_dram *d, unit_st *u, int c, unsigned bank, uint64_t t)
{
	uint64_t *nx = u->bank_next[0];
	const int n = d->nloc[c];
	const brule *l = d->loc[c] + (size_t)bank * (size_t)n;

	for (int i = 0; i < n; i++)
		nx[l[i].off] = umax(nx[l[i].off], t + (uint64_t)l[i].delay);
}

/* Background accounting at a change between "some bank open" and "all closed". */
static inline void lg_dram_bg_account(unit_st *u, uint64_t t)
{
	if (t < u->bg_last)
		t = u->bg_last;
	if (u->nopen)
		u->act_cycles += t - u->bg_last;
	else
		u->pre_cycles += t - u->bg_last;
	u->bg_last = t;
}

/* Open a row, accounting background time at the first open bank. */
static inline void lg_dram_open_bank(unit_st *u, unsigned bank, uint32_t row, uint64_t t)
{
	if (u->nopen == 0)
		lg_dram_bg_account(u, t);
	u->open_row[bank] = (int32_t)row;
	u->nopen++;
}

/* Close a bank, accounting background time when the last one closes. */
static inline void lg_dram_close_bank(unit_st *u, unsigned bank, uint64_t t)
{
	if (u->open_row[bank] < 0)
		return;
	if (u->nopen == 1)
		lg_dram_bg_account(u, t);
	u->open_row[bank] = -1;
	u->nopen--;
}

/*
 * lg_dram_issue of an ACT or a PRE, inline for the controller's hot path:
 * the rules, the four-activate window (ACT), the bank's row, then the
 * buses as lg_dram_issue sets them for a row command.
 */
static inline void lg_dram_issue_actpre(lg_dram *d, unsigned unit, lg_cmd cmd, unsigned bank,
					uint32_t row, uint64_t t)
{
	unit_st *u = &d->u[unit];

	if (cmd == LG_CMD_ACT) {
		lg_dram_apply(d, u, LG_T_ACT, bank, t);
		u->faw[u->faw_i] = t;
		u->faw_i = (u->faw_i + 1) & 3;
		if (u->faw_n < 4)
			u->faw_n++;
		lg_dram_open_bank(u, bank, row, t);
	} else {
		lg_dram_apply(d, u, LG_T_PRE, bank, t);
		lg_dram_close_bank(u, bank, t);
	}
	d->row_bus[u->ch] = t + d->row_hold[cmd];
	if (!d->s.dual_cmd)
		d->col_bus[u->ch] = t + d->col_hold;
}

/*
 * lg_dram_issue of a RD or WR without auto-precharge (cls LG_T_RD or
 * LG_T_WR), inline for the controller's hot path: the rules, then the
 * command buses as lg_dram_issue sets them for a column command (held
 * cmd_cycles tCK).
 */
static inline void lg_dram_issue_rdwr(lg_dram *d, unsigned unit, int cls, unsigned bank,
				      uint64_t t)
{
	unit_st *u = &d->u[unit];

	lg_dram_apply(d, u, cls, bank, t);
	if (!d->s.dual_cmd)
		d->row_bus[u->ch] = umax(d->row_bus[u->ch], t + d->col_hold);
	d->col_bus[u->ch] = t + d->col_hold;
}

/* One class of lg_dram_floor_get: for scans that need only a few classes. */
static inline uint64_t lg_dram_floor_cls(const lg_dram *d, unsigned unit, int cls)
{
	const unit_st *u = &d->u[unit];

	switch (cls) {
	case LG_T_ACT:
		return umax(umax(u->pc_next[LG_T_ACT], faw_next(d, u)), d->row_bus[u->ch]);
	case LG_T_PRE:
		return umax(u->pc_next[LG_T_PRE], d->row_bus[u->ch]);
	default:
		return umax(u->pc_next[cls], d->col_bus[u->ch]);
	}
}

/*
 * lg_dram_earliest_fast with the floor of cls alone (lg_dram_floor_cls),
 * for a single candidate.
 */
static inline uint64_t lg_dram_earliest_cls(const lg_dram *d, unsigned unit, int cls,
					    unsigned bank)
{
	const unit_st *u = &d->u[unit];

	return umax(umax(u->bank_next[bank][cls], u->bg_next[bank >> d->bpg_shift][cls]),
		    lg_dram_floor_cls(d, unit, cls));
}

/* lg_dram_earliest for ACT/PRE/RD/WR when the state is known to allow it. */
static inline uint64_t lg_dram_earliest_fast(const lg_dram *d, unsigned unit, int cls,
					     unsigned bank, const lg_dram_floor *fl)
{
	const unit_st *u = &d->u[unit];
	unsigned bg = bank >> d->bpg_shift;

	return umax(umax(u->bank_next[bank][cls], u->bg_next[bg][cls]), fl->f[cls]);
}

static inline int64_t lg_dram_open_row_fast(const lg_dram *d, unsigned unit, unsigned bank)
{
	return d->u[unit].open_row[bank];
}

#endif
