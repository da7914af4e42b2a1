/*
 * The DRAM timing table and bank state (see dram_timing.h for the model).
 *
 * build_table() is the one place that turns lg_dram_spec into constraints,
 * and the one place with the mutation hooks used by the protocol-checker
 * tests: compiling with -DLG_MUTATE_<NAME> shortens the named constraint(s)
 * by exactly one tCK so that a checker must report a violation:
 *   LG_MUTATE_TRCD  ACT->RD and ACT->WR (tRCDRD, tRCDWR)
 *   LG_MUTATE_TFAW  the four-activate window
 *   LG_MUTATE_TWTR  WR->RD, both tWTR_S and tWTR_L
 *   LG_MUTATE_TRFC  REFab->ACT/REFab/REFpb (tRFC)
 *   LG_MUTATE_TRP   PRE->ACT/REFab/REFpb (tRP)
 *   LG_MUTATE_TCCD  RD->RD and WR->WR, both _S and _L
 *   LG_MUTATE_TRRD  ACT->ACT, both tRRD_S and tRRD_L
 *   LG_MUTATE_TRAS  ACT->PRE (tRAS)
 */
#include <stdlib.h>
#include <string.h>

#include "dram/dram_int.h"

static const char *const cmd_names[LG_CMD_N] = {
	"ACT", "PRE", "PREA", "RD", "RDA", "WR", "WRA", "REFab", "REFpb"
};

/* The command-log spelling of c. */
const char *lg_cmd_name(lg_cmd c)
{
	return c < LG_CMD_N ? cmd_names[c] : "?";
}

/* ACT, PRE, PREA, REFab and REFpb use the row bus. */
int lg_cmd_is_row(lg_cmd c)
{
	return !(c == LG_CMD_RD || c == LG_CMD_RDA || c == LG_CMD_WR || c == LG_CMD_WRA);
}

/* max of two ints. */
static int imax(int a, int b)
{
	return a > b ? a : b;
}

/* Append one constraint (negative delays become 0: never a constraint). */
static void add(lg_dram *d, int issued, int affected, int scope, int delay, const char *why)
{
	lg_tcons *t = &d->tab[d->ntab++];

	t->issued = (uint8_t)issued;
	t->affected = (uint8_t)affected;
	t->scope = (uint8_t)scope;
	t->delay = delay < 0 ? 0 : delay;
	t->why = why;
}

#ifdef LG_MUTATE_TRCD
#define MUT_TRCD 1
#else
#define MUT_TRCD 0
#endif
#ifdef LG_MUTATE_TFAW
#define MUT_TFAW 1
#else
#define MUT_TFAW 0
#endif
#ifdef LG_MUTATE_TWTR
#define MUT_TWTR 1
#else
#define MUT_TWTR 0
#endif
#ifdef LG_MUTATE_TRFC
#define MUT_TRFC 1
#else
#define MUT_TRFC 0
#endif
#ifdef LG_MUTATE_TRP
#define MUT_TRP 1
#else
#define MUT_TRP 0
#endif
#ifdef LG_MUTATE_TCCD
#define MUT_TCCD 1
#else
#define MUT_TCCD 0
#endif
#ifdef LG_MUTATE_TRRD
#define MUT_TRRD 1
#else
#define MUT_TRRD 0
#endif
#ifdef LG_MUTATE_TRAS
#define MUT_TRAS 1
#else
#define MUT_TRAS 0
#endif

/*
 * The constraint table. Each line is one JEDEC rule; docs/dram.md lists
 * the same formulas. MUT_* are 0 unless a mutation hook is compiled in.
 */
static void build_table(lg_dram *d)
{
	const lg_dram_spec *s = &d->s;
	int bc = s->burst_cycles;
	int rtw = s->RL + bc - s->WL + s->tRTRS;
	/* tCCD spaces any two column commands, RD and WR mixed included */
	int ccd_s = imax(bc, s->tCCD_S), ccd_l = imax(bc, s->tCCD_L);

	/* ACT */
	add(d, LG_T_ACT, LG_T_ACT, LG_SC_BANK, s->tRC, "tRC");
	add(d, LG_T_ACT, LG_T_ACT, LG_SC_BG, s->tRRD_L - MUT_TRRD, "tRRD_L");
	add(d, LG_T_ACT, LG_T_ACT, LG_SC_PC, s->tRRD_S - MUT_TRRD, "tRRD_S");
	add(d, LG_T_ACT, LG_T_RD, LG_SC_BANK, s->tRCDRD - MUT_TRCD, "tRCDRD");
	add(d, LG_T_ACT, LG_T_WR, LG_SC_BANK, s->tRCDWR - MUT_TRCD, "tRCDWR");
	add(d, LG_T_ACT, LG_T_PRE, LG_SC_BANK, s->tRAS - MUT_TRAS, "tRAS");
	add(d, LG_T_ACT, LG_T_REFPB, LG_SC_BG, s->tRRD_L, "tRRD_L (ACT to REFpb)");
	add(d, LG_T_ACT, LG_T_REFPB, LG_SC_PC, s->tRRD_S, "tRRD_S (ACT to REFpb)");
	/* RD */
	add(d, LG_T_RD, LG_T_RD, LG_SC_BG, imax(bc, s->tCCD_L) - MUT_TCCD, "max(burst, tCCD_L)");
	add(d, LG_T_RD, LG_T_RD, LG_SC_PC, imax(bc, s->tCCD_S) - MUT_TCCD, "max(burst, tCCD_S)");
	add(d, LG_T_RD, LG_T_WR, LG_SC_PC, imax(rtw, ccd_s), "max(RL + burst - WL + tRTRS, tCCD_S)");
	if (ccd_l > imax(rtw, ccd_s)) /* only where it binds: no extra rule for real parts */
		add(d, LG_T_RD, LG_T_WR, LG_SC_BG, ccd_l, "max(burst, tCCD_L) (RD to WR)");
	add(d, LG_T_RD, LG_T_PRE, LG_SC_BANK, s->AL + s->tRTP, "AL + tRTP");
	/* WR */
	add(d, LG_T_WR, LG_T_WR, LG_SC_BG, imax(bc, s->tCCD_L) - MUT_TCCD, "max(burst, tCCD_L)");
	add(d, LG_T_WR, LG_T_WR, LG_SC_PC, imax(bc, s->tCCD_S) - MUT_TCCD, "max(burst, tCCD_S)");
	add(d, LG_T_WR, LG_T_RD, LG_SC_BG, imax(s->WL + bc + s->tWTR_L - MUT_TWTR, ccd_l),
	    "max(WL + burst + tWTR_L, tCCD_L)");
	add(d, LG_T_WR, LG_T_RD, LG_SC_PC, imax(s->WL + bc + s->tWTR_S - MUT_TWTR, ccd_s),
	    "max(WL + burst + tWTR_S, tCCD_S)");
	add(d, LG_T_WR, LG_T_PRE, LG_SC_BANK, s->WL + bc + s->tWR, "WL + burst + tWR");
	/* PRE (also PREA per bank, and the internal precharge of RDA/WRA) */
	add(d, LG_T_PRE, LG_T_ACT, LG_SC_BANK, s->tRP - MUT_TRP, "tRP");
	add(d, LG_T_PRE, LG_T_REFPB, LG_SC_BANK, s->tRP - MUT_TRP, "tRP");
	add(d, LG_T_PRE, LG_T_REF, LG_SC_PC, s->tRP - MUT_TRP, "tRP");
	/* REFab */
	add(d, LG_T_REF, LG_T_ACT, LG_SC_PC, s->tRFC - MUT_TRFC, "tRFC");
	add(d, LG_T_REF, LG_T_REF, LG_SC_PC, s->tRFC - MUT_TRFC, "tRFC");
	add(d, LG_T_REF, LG_T_REFPB, LG_SC_PC, s->tRFC - MUT_TRFC, "tRFC");
	/* REFpb: tRFCb on its bank; tRRD (standing in for tRREFD) elsewhere */
	add(d, LG_T_REFPB, LG_T_ACT, LG_SC_BANK, s->tRFCb, "tRFCb");
	add(d, LG_T_REFPB, LG_T_REFPB, LG_SC_BANK, s->tRFCb, "tRFCb");
	add(d, LG_T_REFPB, LG_T_ACT, LG_SC_BG, s->tRRD_L, "tRRD_L (REFpb to ACT)");
	add(d, LG_T_REFPB, LG_T_ACT, LG_SC_PC, s->tRRD_S, "tRRD_S (REFpb to ACT)");
	add(d, LG_T_REFPB, LG_T_REFPB, LG_SC_BG, s->tRRD_L, "tRRD_L (REFpb to REFpb)");
	add(d, LG_T_REFPB, LG_T_REFPB, LG_SC_PC, s->tRRD_S, "tRRD_S (REFpb to REFpb)");
	add(d, LG_T_REFPB, LG_T_REF, LG_SC_PC, s->tRFCb, "tRFCb (REFpb to REFab)");

	d->tFAW = s->tFAW - (s->tFAW > 0 ? MUT_TFAW : 0);
	d->ap_rd = s->AL + s->tRTP;
	d->ap_wr = s->WL + bc + s->tWR;
	d->col_hold = (uint64_t)s->cmd_cycles;
	for (int c = 0; c < LG_CMD_N; c++)
		d->row_hold[c] = (uint64_t)(c == LG_CMD_ACT ? s->act_cmd_cycles : s->cmd_cycles);
	for (size_t i = 0; i < d->ntab; i++) {
		const lg_tcons *t = &d->tab[i];
		rule *r = &d->rules[t->issued][t->scope][d->nrules[t->issued][t->scope]++];

		r->affected = t->affected;
		r->scope = t->scope;
		r->delay = t->delay;
		if (t->scope == LG_SC_PC)
			d->aff_pc[t->issued] |= (uint8_t)(1u << t->affected);
		else if (t->scope == LG_SC_BG)
			d->aff_bg[t->issued] |= (uint8_t)(1u << t->affected);
		if (t->scope != LG_SC_PC)
			d->aff_bank_bg |= 1u << t->affected;
	}
}

/* Allocate the per-unit state arrays. */
static int alloc_units(lg_dram *d)
{
	int n = lg_dram_units(&d->s);

	d->u = calloc((size_t)n, sizeof(*d->u));
	d->row_bus = calloc((size_t)d->s.channels, sizeof(*d->row_bus));
	d->col_bus = calloc((size_t)d->s.channels, sizeof(*d->col_bus));
	if (!d->u || !d->row_bus || !d->col_bus)
		return -1;
	for (int i = 0; i < n; i++) {
		unit_st *u = &d->u[i];

		/* one block: bank_next, bg_next, pc_next (lg_dram_apply) */
		u->bank_next = calloc((size_t)(d->s.banks + d->s.bankgroups + 1), sizeof(*u->bank_next));
		u->open_row = malloc((size_t)d->s.banks * sizeof(*u->open_row));
		if (!u->bank_next || !u->open_row)
			return -1;
		u->bg_next = u->bank_next + d->s.banks;
		u->pc_next = u->bg_next[d->s.bankgroups];
		for (int b = 0; b < d->s.banks; b++)
			u->open_row[b] = -1;
		u->ch = (unsigned)(i / d->s.pcs);
	}
	return 0;
}

/*
 * d->loc: every rule of each class resolved for each bank to its word in
 * a unit's block (bank_next, then bg_next, then pc_next), so that
 * lg_dram_apply needs no per-rule scope. Rules of a class by scope (bank,
 * group, pseudo-channel), in table order within one.
 */
static int resolve_rules(lg_dram *d)
{
	const unsigned nb = (unsigned)d->s.banks, pc = nb + (unsigned)d->s.bankgroups;

	for (int c = 0; c < LG_T_N; c++) {
		int n = d->nrules[c][LG_SC_BANK] + d->nrules[c][LG_SC_BG] + d->nrules[c][LG_SC_PC];

		d->nloc[c] = n;
		d->loc[c] = calloc((size_t)nb * (size_t)(n ? n : 1), sizeof(*d->loc[c]));
		if (!d->loc[c])
			return -1;
		for (unsigned b = 0; b < nb; b++) {
			brule *l = d->loc[c] + (size_t)b * (size_t)n;

			for (int i = 0; i < d->nrules[c][LG_SC_BANK]; i++) {
				const rule *r = &d->rules[c][LG_SC_BANK][i];

				*l++ = (brule){ b * LG_T_N + r->affected, r->delay };
			}
			for (int i = 0; i < d->nrules[c][LG_SC_BG]; i++) {
				const rule *r = &d->rules[c][LG_SC_BG][i];

				*l++ = (brule){ (nb + (b >> d->bpg_shift)) * LG_T_N + r->affected,
						r->delay };
			}
			for (int i = 0; i < d->nrules[c][LG_SC_PC]; i++) {
				const rule *r = &d->rules[c][LG_SC_PC][i];

				*l++ = (brule){ pc * LG_T_N + r->affected, r->delay };
			}
		}
	}
	return 0;
}

/* Table first, then per-unit state with every bank precharged. */
lg_dram *lg_dram_create(const lg_dram_spec *s, lg_err *e)
{
	lg_dram *d = calloc(1, sizeof(*d));

	if (!d)
		goto out_nomem;
	d->s = *s;
	while ((1 << d->bpg_shift) < s->banks_per_group)
		d->bpg_shift++;
	build_table(d);
	if (resolve_rules(d) || alloc_units(d))
		goto out_nomem;
	return d;
out_nomem:
	lg_dram_destroy(d);
	lg_errf(e, "lg_dram", 0, "out of memory");
	return NULL;
}

/* Free d and its arrays (NULL is fine). */
void lg_dram_destroy(lg_dram *d)
{
	if (!d)
		return;
	if (d->u) {
		for (int i = 0; i < lg_dram_units(&d->s); i++) {
			free(d->u[i].bank_next); /* and bg_next, pc_next */
			free(d->u[i].open_row);
		}
	}
	for (int c = 0; c < LG_T_N; c++)
		free(d->loc[c]);
	free(d->u);
	free(d->row_bus);
	free(d->col_bus);
	free(d);
}

/* The constraint rows, for docs and tests. */
const lg_tcons *lg_dram_table(const lg_dram *d, size_t *n)
{
	*n = d->ntab;
	return d->tab;
}

/* tFAW after the mutation hooks. */
int lg_dram_tfaw(const lg_dram *d)
{
	return d->tFAW;
}

/* Earliest cycle for a class that needs every bank (REFab). */
static uint64_t all_banks_next(const lg_dram *d, const unit_st *u, int c)
{
	uint64_t t = u->pc_next[c];

	if (!(d->aff_bank_bg & (1u << c)))
		return t; /* no bank- or group-scope rule delays class c */
	for (int g = 0; g < d->s.bankgroups; g++)
		t = umax(t, u->bg_next[g][c]);
	for (int b = 0; b < d->s.banks; b++)
		t = umax(t, u->bank_next[b][c]);
	return t;
}

/*
 * Cycle of the internal precharge of an RDA/WRA issued at t: ap cycles
 * later, delayed until a PRE of the bank is legal (tRAS lockout).
 */
static inline uint64_t ap_time(const lg_dram *d, const unit_st *u, unsigned bank, uint64_t t, int ap)
{
	return umax(t + (uint64_t)ap, class_next(d, u, LG_T_PRE, bank));
}

/* Timing, tFAW, bus and bank state; see dram_timing.h. */
uint64_t lg_dram_earliest(const lg_dram *d, unsigned unit, lg_cmd cmd, unsigned bank)
{
	const unit_st *u = &d->u[unit];
	unsigned ch = unit / (unsigned)d->s.pcs;
	uint64_t t;

	switch (cmd) {
	case LG_CMD_ACT:
		if (u->open_row[bank] >= 0)
			return LG_NEVER;
		t = umax(class_next(d, u, LG_T_ACT, bank), faw_next(d, u));
		return umax(t, d->row_bus[ch]);
	case LG_CMD_PRE:
		if (u->open_row[bank] < 0)
			return LG_NEVER;
		return umax(class_next(d, u, LG_T_PRE, bank), d->row_bus[ch]);
	case LG_CMD_PREA:
		if (u->nopen == 0)
			return LG_NEVER;
		t = d->row_bus[ch];
		for (int b = 0; b < d->s.banks; b++)
			if (u->open_row[b] >= 0)
				t = umax(t, class_next(d, u, LG_T_PRE, (unsigned)b));
		return t;
	case LG_CMD_RD:
	case LG_CMD_RDA:
		if (u->open_row[bank] < 0)
			return LG_NEVER;
		return umax(class_next(d, u, LG_T_RD, bank), d->col_bus[ch]);
	case LG_CMD_WR:
	case LG_CMD_WRA:
		if (u->open_row[bank] < 0)
			return LG_NEVER;
		return umax(class_next(d, u, LG_T_WR, bank), d->col_bus[ch]);
	case LG_CMD_REFAB:
		if (u->nopen)
			return LG_NEVER;
		return umax(all_banks_next(d, u, LG_T_REF), d->row_bus[ch]);
	case LG_CMD_REFPB:
		if (u->open_row[bank] >= 0)
			return LG_NEVER;
		return umax(class_next(d, u, LG_T_REFPB, bank), d->row_bus[ch]);
	default:
		return LG_NEVER;
	}
}

/* Raise the earliest-cycle arrays for every rule of class c issued at t (dram_int.h). */
static inline void apply(lg_dram *d, unit_st *u, int c, unsigned bank, uint64_t t)
{
	lg_dram_apply(d, u, c, bank, t);
}

/* Rules of class c issued at t to every bank at once (REFab). */
static void apply_all(lg_dram *d, unit_st *u, int c, uint64_t t)
{
	const rule *r;

	r = d->rules[c][LG_SC_BANK];
	for (int b = 0; d->nrules[c][LG_SC_BANK] && b < d->s.banks; b++)
		for (int i = 0; i < d->nrules[c][LG_SC_BANK]; i++)
			u->bank_next[b][r[i].affected] = umax(u->bank_next[b][r[i].affected],
							      t + (uint64_t)r[i].delay);
	r = d->rules[c][LG_SC_BG];
	for (int g = 0; d->nrules[c][LG_SC_BG] && g < d->s.bankgroups; g++)
		for (int i = 0; i < d->nrules[c][LG_SC_BG]; i++)
			u->bg_next[g][r[i].affected] = umax(u->bg_next[g][r[i].affected],
							    t + (uint64_t)r[i].delay);
	r = d->rules[c][LG_SC_PC];
	for (int i = 0; i < d->nrules[c][LG_SC_PC]; i++)
		u->pc_next[r[i].affected] = umax(u->pc_next[r[i].affected], t + (uint64_t)r[i].delay);
}

/*
 * A column command (timing class cls) at t; with auto-precharge, also the
 * internal PRE ap cycles later (or at the tRAS lockout), closing the bank.
 */
static inline void issue_column(lg_dram *d, unit_st *u, int cls, unsigned bank, uint64_t t,
			 bool autopre, int ap)
{
	apply(d, u, cls, bank, t);
	if (!autopre)
		return;
	apply(d, u, LG_T_PRE, bank, ap_time(d, u, bank, t, ap));
	lg_dram_close_bank(u, bank, t);
}

/*
 * Apply cmd's rules, update bank state and the command buses: a command
 * holds its bus timing.cmd_cycles tCK, an ACT the row bus act_cmd_cycles.
 * Without hbm_dual_cmd one command issues per cmd_cycles on the channel
 * (both buses taken) and an ACT still keeps row commands off for its
 * act_cmd_cycles, as Ramulator 2's HBM models do with one command a cycle.
 */
void lg_dram_issue(lg_dram *d, unsigned unit, lg_cmd cmd, unsigned bank, uint32_t row, uint64_t t)
{
	unit_st *u = &d->u[unit];
	unsigned ch = unit / (unsigned)d->s.pcs;

	switch (cmd) {
	case LG_CMD_ACT:
	case LG_CMD_PRE:
		lg_dram_issue_actpre(d, unit, cmd, bank, row, t); /* the buses too */
		return;
	case LG_CMD_PREA:
		for (int b = 0; b < d->s.banks; b++) {
			if (u->open_row[b] >= 0) {
				apply(d, u, LG_T_PRE, (unsigned)b, t);
				lg_dram_close_bank(u, (unsigned)b, t);
			}
		}
		break;
	case LG_CMD_RD:
	case LG_CMD_RDA:
		issue_column(d, u, LG_T_RD, bank, t, cmd == LG_CMD_RDA, d->ap_rd);
		break;
	case LG_CMD_WR:
	case LG_CMD_WRA:
		issue_column(d, u, LG_T_WR, bank, t, cmd == LG_CMD_WRA, d->ap_wr);
		break;
	case LG_CMD_REFAB:
		apply_all(d, u, LG_T_REF, t);
		break;
	case LG_CMD_REFPB:
		apply(d, u, LG_T_REFPB, bank, t);
		break;
	default:
		return;
	}
	if (lg_cmd_is_row(cmd)) {
		d->row_bus[ch] = t + d->row_hold[cmd];
		if (!d->s.dual_cmd)
			d->col_bus[ch] = t + d->col_hold;
	} else {
		d->col_bus[ch] = t + d->col_hold;
		if (!d->s.dual_cmd)
			d->row_bus[ch] = umax(d->row_bus[ch], t + d->col_hold);
	}
}

/* Open row of a bank or -1. */
int64_t lg_dram_open_row(const lg_dram *d, unsigned unit, unsigned bank)
{
	return d->u[unit].open_row[bank];
}

/* Open banks of a unit. */
int lg_dram_open_banks(const lg_dram *d, unsigned unit)
{
	return d->u[unit].nopen;
}

/* Close the background accounting at t and report it. */
void lg_dram_bg_cycles(lg_dram *d, unsigned unit, uint64_t t, uint64_t *act, uint64_t *pre)
{
	unit_st *u = &d->u[unit];

	lg_dram_bg_account(u, t);
	*act = u->act_cycles;
	*pre = u->pre_cycles;
}

/*
 * Visit every cycle value of the timing state in a fixed order: fn gets
 * a pointer to the value and its index.
 */
static size_t each_word(lg_dram *d, void (*fn)(uint64_t *w, size_t i, void *ctx), void *ctx)
{
	size_t i = 0;
	int units = lg_dram_units(&d->s), chans = units / d->s.pcs;

	for (int u = 0; u < units; u++) {
		unit_st *us = &d->u[u];

		for (int b = 0; b < d->s.banks; b++)
			for (int c = 0; c < LG_T_N; c++)
				fn(&us->bank_next[b][c], i++, ctx);
		for (int g = 0; g < d->s.bankgroups; g++)
			for (int c = 0; c < LG_T_N; c++)
				fn(&us->bg_next[g][c], i++, ctx);
		for (int c = 0; c < LG_T_N; c++)
			fn(&us->pc_next[c], i++, ctx);
		for (int f = 0; f < 4; f++)
			fn(&us->faw[f], i++, ctx);
	}
	for (int ch = 0; ch < chans; ch++) {
		fn(&d->row_bus[ch], i++, ctx);
		fn(&d->col_bus[ch], i++, ctx);
	}
	return i;
}

/* each_word callback that only counts. */
static void w_none(uint64_t *w, size_t i, void *ctx)
{
	(void)w;
	(void)i;
	(void)ctx;
}

/* each_word callback: value i into the array ctx. */
static void w_copy(uint64_t *w, size_t i, void *ctx)
{
	((uint64_t *)ctx)[i] = *w;
}

/* lg_dram_shift's arguments for w_shift. */
typedef struct shift_ctx {
	const uint64_t *a, *b;
	uint64_t p, by;
} shift_ctx;

/* each_word callback: move a value that moved by p between a and b on. */
static void w_shift(uint64_t *w, size_t i, void *ctx)
{
	const shift_ctx *s = ctx;

	if (s->b[i] == s->a[i] + s->p)
		*w += s->by;
}

/* Number of values in a snapshot. */
size_t lg_dram_words(const lg_dram *d)
{
	return each_word((lg_dram *)d, w_none, NULL);
}

/* Copy the timing state to out (lg_dram_words values). */
void lg_dram_snapshot(const lg_dram *d, uint64_t *out)
{
	each_word((lg_dram *)d, w_copy, out);
}

/* Does b (at x + p) repeat a (at x) with period p? See dram_timing.h. */
int lg_dram_periodic(const uint64_t *a, const uint64_t *b, size_t n, uint64_t x, uint64_t p)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != a[i] + p && !(b[i] == a[i] && b[i] <= x))
			return 0;
	return 1;
}

/* Move every value that moved by p between a and b on by k periods. */
void lg_dram_shift(lg_dram *d, const uint64_t *a, const uint64_t *b, uint64_t p, uint64_t k)
{
	shift_ctx s = { a, b, p, k * p };

	each_word(d, w_shift, &s);
}
