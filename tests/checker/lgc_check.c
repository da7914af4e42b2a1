/*
 * lgc_check: rule engine of the lgsim protocol checker (see lgc_check.h
 * and docs/checker.md).
 *
 * The state keeps, per bank, the last command of each kind that constrains
 * a later one (ACT, precharge, RD, WR, REFpb, any refresh); per unit the
 * last four ACTs (tFAW), the last RD and the last column commands per bank
 * group (tCCD, tWTR, read-to-write); per channel the last row and column
 * command (command bus). A check compares the new command's cycle with
 * "previous event + bound"; a command exactly at that cycle is legal.
 *
 * A violation line reads
 *   LOG:LINE: <rule> violated: <CMD> at cycle C, earliest legal D
 *             (previous <CMD2> at line L2, cycle C2)
 * and a bank-state violation
 *   LOG:LINE: <rule> violated: <CMD> at cycle C, <what is wrong>
 *             (previous <CMD2> at line L2, cycle C2)
 * (each on one line; the parenthesis is left out when there is no previous
 * command).
 */
#include "lgc_check.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Last command of some kind; line 0 means "none yet". */
typedef struct lgc_ev {
	int64_t cyc;
	long line;
	lgc_cmd cmd;
} lgc_ev;

struct lgc_bank {
	bool open;
	int64_t row;            /* open row */
	lgc_ev act;             /* last ACT */
	lgc_ev pre;             /* command that last closed the bank */
	int64_t pre_done;       /* cycle its (possibly implied) precharge starts */
	lgc_ev rd, wr;          /* last RD/RDA, WR/WRA since the ACT */
	lgc_ev refpb;           /* last REFpb of this bank */
	lgc_ev refresh;         /* last REFab or REFpb covering this bank */
};

struct lgc_unit {
	struct lgc_bank *bank;  /* nbg * nba, index bg * nba + ba */
	lgc_ev act4[4];         /* last four ACTs, ring */
	int act4_pos;
	lgc_ev *col_bg;         /* last column command per bank group */
	lgc_ev *wr_bg;          /* last WR/WRA per bank group */
	lgc_ev rd;              /* last RD/RDA in the unit */
	lgc_ev refab;           /* last REFab */
};

struct lgc_chan {
	lgc_ev row_cmd, col_cmd;  /* command-bus occupancy */
};

/* Bounds derived from the config, all in tCK. */
struct lgc_timing {
	int64_t AL, RL, WL, burst;
	int64_t rcdrd, rcdwr, rp, ras, rc;
	int64_t rrd_s, rrd_l, faw;
	int64_t ccd_s, ccd_l;             /* max(tCCD, burst) */
	int64_t wr2rd_s, wr2rd_l;         /* WL + burst + tWTR */
	int64_t rd2wr;                    /* RL + burst + tRTRS - WL */
	int64_t rd2pre;                   /* AL + tRTP */
	int64_t wr2pre;                   /* WL + burst + tWR */
	int64_t rfc, rfcb;
	int64_t ref_window;               /* longest legal gap between refreshes of a bank */
	int64_t cmd_cycles, act_cycles;   /* command-bus hold: any command, ACT */
	bool dual_cmd;
};

struct lgc {
	struct lgc_timing t;
	int nch, npc, nbg, nba;
	int64_t nrow;
	struct lgc_unit *unit;    /* nch * npc */
	struct lgc_chan *chan;
	lgc_ev last;              /* last command fed (issue order) */
	int64_t ncmd, nviol;
	const char *logname;
	FILE *out;
};

static const char *const cmd_names[LGC_NCMD] = {
	"ACT", "PRE", "PREA", "RD", "RDA", "WR", "WRA", "REFab", "REFpb"
};

const char *lgc_cmd_name(lgc_cmd cmd)
{
	return cmd_names[cmd];
}

int lgc_cmd_parse(const char *s)
{
	for (int i = 0; i < LGC_NCMD; i++)
		if (strcmp(s, cmd_names[i]) == 0)
			return i;
	return -1;
}

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/*
 * The value of a key with a short and a long form: the long one when the
 * config sets it, else the generic one (tRCDRD/tRCD, ...).
 */
static int64_t pick(const lg_cfg *cfg, int id, int64_t specific, int64_t generic)
{
	return cfg->key_set[id] ? specific : generic;
}

/*
 * Derive every bound from the config keys (docs/checker.md, "Timing").
 * nbg is the number of bank groups after folding (bankgroup_enable).
 */
static void derive_timing(struct lgc_timing *t, const lg_cfg *cfg, int nbg, int nbanks)
{
	int64_t rtp, refi;

	t->AL = cfg->timing.AL;
	t->RL = cfg->timing.AL + cfg->timing.CL;
	t->WL = cfg->timing.AL + cfg->timing.CWL;
	t->burst = cfg->dram_structure.BL / 2;
	/* RD may issue tRCD - AL after ACT (posted CAS); never before ACT + 1. */
	t->rcdrd = max64(1, pick(cfg, LG_K_timing_tRCDRD, cfg->timing.tRCDRD, cfg->timing.tRCD) - cfg->timing.AL);
	t->rcdwr = max64(1, pick(cfg, LG_K_timing_tRCDWR, cfg->timing.tRCDWR, cfg->timing.tRCD) - cfg->timing.AL);
	t->rp = cfg->timing.tRP;
	t->ras = cfg->timing.tRAS;
	t->rc = cfg->timing.tRC ? cfg->timing.tRC : cfg->timing.tRAS + cfg->timing.tRP;
	t->rrd_s = cfg->timing.tRRD_S;
	t->rrd_l = cfg->timing.tRRD_L;
	t->faw = cfg->timing.tFAW;
	t->ccd_s = max64(cfg->timing.tCCD_S, t->burst);
	t->ccd_l = max64(cfg->timing.tCCD_L, t->burst);
	t->wr2rd_s = t->WL + t->burst + cfg->timing.tWTR_S;
	t->wr2rd_l = t->WL + t->burst + cfg->timing.tWTR_L;
	t->rd2wr = t->RL + t->burst + cfg->timing.tRTRS - t->WL;
	/*
	 * A device without bank groups (one group, or bankgroup_enable =
	 * false) has one value of each: the _S one, as in DRAMsim3 (its
	 * timing.cc overwrites the _L spacings with the _S ones) and GDDR5
	 * with bank groups off.
	 */
	if (nbg == 1) {
		t->rrd_l = t->rrd_s;
		t->ccd_l = t->ccd_s;
		t->wr2rd_l = t->wr2rd_s;
	}
	/*
	 * RD to PRE of the same bank: JEDEC HBM's tRTPL (same bank group) when
	 * the config gives it; DRAMsim3 reads only tRTP, so when both are
	 * given the smaller one is taken (the checker must not flag a legal
	 * sequence under either reading).
	 */
	rtp = cfg->timing.tRTP;
	if (cfg->key_set[LG_K_timing_tRTP_L])
		rtp = cfg->key_set[LG_K_timing_tRTP] ? min64(cfg->timing.tRTP, cfg->timing.tRTP_L) : cfg->timing.tRTP_L;
	t->rd2pre = cfg->timing.AL + rtp;
	t->wr2pre = t->WL + t->burst + cfg->timing.tWR;
	t->rfc = cfg->timing.tRFC;
	t->rfcb = cfg->timing.tRFCb;
	/* JEDEC lets a controller postpone up to 8 refreshes: 9 intervals. */
	refi = cfg->timing.tREFI;
	if (strcmp(cfg->system.refresh_policy, "BANK_LEVEL_STAGGERED") == 0)
		refi = max64(refi, cfg->timing.tREFIb * nbanks);
	t->ref_window = 9 * refi;
	t->dual_cmd = cfg->dram_structure.hbm_dual_cmd;
	t->cmd_cycles = cfg->timing.cmd_cycles;
	t->act_cycles = cfg->timing.act_cmd_cycles ? cfg->timing.act_cmd_cycles : t->cmd_cycles;
}

void lgc_print_timing(const lgc *c, FILE *f)
{
	const struct lgc_timing *t = &c->t;

	fprintf(f, "burst %lld\nRL %lld\nWL %lld\n", (long long)t->burst,
		(long long)t->RL, (long long)t->WL);
	fprintf(f, "ACT->RD %lld\nACT->WR %lld\nPRE->ACT %lld\nACT->PRE %lld\n",
		(long long)t->rcdrd, (long long)t->rcdwr, (long long)t->rp,
		(long long)t->ras);
	fprintf(f, "ACT->ACT.bank %lld\nACT->ACT.S %lld\nACT->ACT.L %lld\ntFAW %lld\n",
		(long long)t->rc, (long long)t->rrd_s, (long long)t->rrd_l,
		(long long)t->faw);
	fprintf(f, "COL->COL.S %lld\nCOL->COL.L %lld\nWR->RD.S %lld\nWR->RD.L %lld\n",
		(long long)t->ccd_s, (long long)t->ccd_l, (long long)t->wr2rd_s,
		(long long)t->wr2rd_l);
	fprintf(f, "RD->WR %lld\nRD->PRE %lld\nWR->PRE %lld\n", (long long)t->rd2wr,
		(long long)t->rd2pre, (long long)t->wr2pre);
	fprintf(f, "tRFC %lld\ntRFCb %lld\nrefresh-window %lld\ndual-cmd %d\n",
		(long long)t->rfc, (long long)t->rfcb, (long long)t->ref_window,
		t->dual_cmd);
	fprintf(f, "cmd-bus %lld\nACT-bus %lld\n", (long long)t->cmd_cycles,
		(long long)t->act_cycles);
}

lgc *lgc_create(const lg_cfg *cfg, const char *logname, FILE *out, lg_err *e)
{
	lgc *c = calloc(1, sizeof(*c));
	int nunit;

	if (!c) {
		lg_errf(e, logname, 0, "out of memory");
		return NULL;
	}
	c->logname = logname;
	c->out = out;
	c->nch = (int)cfg->system.channels;
	c->npc = (int)cfg->dram_structure.pseudo_channels;
	c->nbg = (int)cfg->dram_structure.bankgroups;
	c->nba = (int)cfg->dram_structure.banks_per_group;
	if (!cfg->dram_structure.bankgroup_enable) {
		/* One group holding every bank, as DRAMsim3 folds them. */
		c->nba *= c->nbg;
		c->nbg = 1;
	}
	c->nrow = cfg->dram_structure.rows;
	derive_timing(&c->t, cfg, c->nbg, c->nbg * c->nba);
	nunit = c->nch * c->npc;
	c->unit = calloc(nunit, sizeof(*c->unit));
	c->chan = calloc(c->nch, sizeof(*c->chan));
	if (!c->unit || !c->chan)
		goto out_oom;
	for (int u = 0; u < nunit; u++) {
		struct lgc_unit *un = &c->unit[u];

		un->bank = calloc((size_t)c->nbg * c->nba, sizeof(*un->bank));
		un->col_bg = calloc(c->nbg, sizeof(*un->col_bg));
		un->wr_bg = calloc(c->nbg, sizeof(*un->wr_bg));
		if (!un->bank || !un->col_bg || !un->wr_bg)
			goto out_oom;
	}
	return c;
out_oom:
	lgc_destroy(c);
	lg_errf(e, logname, 0, "out of memory");
	return NULL;
}

void lgc_destroy(lgc *c)
{
	if (!c)
		return;
	for (int u = 0; c->unit && u < c->nch * c->npc; u++) {
		free(c->unit[u].bank);
		free(c->unit[u].col_bg);
		free(c->unit[u].wr_bg);
	}
	free(c->unit);
	free(c->chan);
	free(c);
}

int64_t lgc_commands(const lgc *c)
{
	return c->ncmd;
}

int64_t lgc_violations(const lgc *c)
{
	return c->nviol;
}

/* Range-check one organisation field. */
static int in_range(const lgc *c, const lgc_line *l, const char *what,
		    int64_t v, int64_t n, lg_err *e)
{
	if (v >= 0 && v < n)
		return 0;
	return lg_errf(e, c->logname, l->line, "expected %s in 0..%lld, got %lld",
		       what, (long long)n - 1, (long long)v);
}

int lgc_validate(const lgc *c, const lgc_line *l, lg_err *e)
{
	if (in_range(c, l, "channel", l->ch, c->nch, e) ||
	    in_range(c, l, "pseudo-channel", l->pc, c->npc, e))
		return -1;
	if (l->bg >= 0 && in_range(c, l, "bankgroup", l->bg, c->nbg, e))
		return -1;
	if (l->ba >= 0 && in_range(c, l, "bank", l->ba, c->nba, e))
		return -1;
	if (l->row >= 0 && in_range(c, l, "row", l->row, c->nrow, e))
		return -1;
	return 0;
}

/* Print the "(previous CMD at line L, cycle C)" tail, or nothing. */
static void print_prev(const lgc *c, const lgc_ev *prev)
{
	if (prev && prev->line)
		fprintf(c->out, " (previous %s at line %ld, cycle %lld)",
			cmd_names[prev->cmd], prev->line, (long long)prev->cyc);
	fputc('\n', c->out);
}

/* Timing rule: report when l issues before earliest (prev set the bound). */
static void need(lgc *c, const lgc_line *l, const char *rule, int64_t earliest,
		 const lgc_ev *prev)
{
	if (!prev->line || l->cycle >= earliest)
		return;
	c->nviol++;
	fprintf(c->out, "%s:%ld: %s violated: %s at cycle %lld, earliest legal %lld",
		c->logname, l->line, rule, cmd_names[l->cmd], (long long)l->cycle,
		(long long)earliest);
	print_prev(c, prev);
}

/* Bank-state rule: always a violation; what says what is wrong. */
static void state_viol(lgc *c, const lgc_line *l, const char *rule,
		       const char *what, const lgc_ev *prev)
{
	c->nviol++;
	fprintf(c->out, "%s:%ld: %s violated: %s at cycle %lld, %s",
		c->logname, l->line, rule, cmd_names[l->cmd], (long long)l->cycle, what);
	print_prev(c, prev);
}

static lgc_ev ev_of(const lgc_line *l)
{
	lgc_ev ev = { l->cycle, l->line, l->cmd };

	return ev;
}

static bool is_row_cmd(lgc_cmd cmd)
{
	return cmd == LGC_ACT || cmd == LGC_PRE || cmd == LGC_PREA ||
	       cmd == LGC_REFAB || cmd == LGC_REFPB;
}

static bool is_rd(lgc_cmd cmd)
{
	return cmd == LGC_RD || cmd == LGC_RDA;
}

static struct lgc_unit *unit_of(lgc *c, const lgc_line *l)
{
	return &c->unit[l->ch * c->npc + l->pc];
}

static struct lgc_bank *bank_of(lgc *c, const lgc_line *l)
{
	return &unit_of(c, l)->bank[l->bg * c->nba + l->ba];
}

/* First cycle after the command of e has left its command bus. */
static int64_t bus_free(const lgc *c, const lgc_ev *e)
{
	return e->cyc + (e->cmd == LGC_ACT ? c->t.act_cycles : c->t.cmd_cycles);
}

/*
 * The command buses of a channel: a command only once the previous one on
 * its bus has left it (a command holds its bus timing.cmd_cycles tCK, an
 * ACT the row bus timing.act_cmd_cycles). Without hbm_dual_cmd the channel
 * has one bus: one command per cmd_cycles, and a row command also waits
 * for the last ACT's act_cmd_cycles.
 */
static void check_bus(lgc *c, const lgc_line *l, struct lgc_chan *ch, bool row)
{
	const lgc_ev *r = &ch->row_cmd, *k = &ch->col_cmd, *by = row ? r : k;
	int64_t at = by->line ? bus_free(c, by) : 0;

	if (!c->t.dual_cmd) { /* one bus: the last command of either kind */
		const lgc_ev *last = !r->line ? k : !k->line ? r : r->cyc >= k->cyc ? r : k;

		if (last->line && (!by->line || last->cyc + c->t.cmd_cycles > at)) {
			by = last;
			at = last->cyc + c->t.cmd_cycles;
		}
	}
	need(c, l, "command-bus", at, by);
}

/*
 * Rules every command obeys: issue order, the command buses, and the
 * refresh blackouts (nothing to the unit for tRFC after REFab, nothing to
 * a bank for tRFCb after its REFpb).
 */
static void check_common(lgc *c, const lgc_line *l)
{
	struct lgc_unit *u = unit_of(c, l);

	need(c, l, "issue-order", c->last.cyc, &c->last);
	check_bus(c, l, &c->chan[l->ch], is_row_cmd(l->cmd));
	need(c, l, "tRFC", u->refab.cyc + c->t.rfc, &u->refab);
	if (l->cmd == LGC_PREA || l->cmd == LGC_REFAB) {
		const lgc_ev *worst = NULL;

		for (int b = 0; b < c->nbg * c->nba; b++)
			if (u->bank[b].refpb.line &&
			    (!worst || u->bank[b].refpb.cyc > worst->cyc))
				worst = &u->bank[b].refpb;
		if (worst)
			need(c, l, "tRFCb", worst->cyc + c->t.rfcb, worst);
	} else {
		const lgc_ev *r = &bank_of(c, l)->refpb;

		need(c, l, "tRFCb", r->cyc + c->t.rfcb, r);
	}
}

/*
 * ACT to bank b of unit u: tRRD_S/tRRD_L against the other banks (the
 * binding one of each kind), then tFAW against the fourth-last ACT.
 */
static void check_act_others(lgc *c, const lgc_line *l, struct lgc_unit *u)
{
	const lgc_ev *ps = NULL, *pl = NULL;
	int self = l->bg * c->nba + l->ba;

	for (int b = 0; b < c->nbg * c->nba; b++) {
		const lgc_ev *a = &u->bank[b].act;

		if (b == self || !a->line)
			continue;
		if (b / c->nba == l->bg) {
			if (!pl || a->cyc > pl->cyc)
				pl = a;
		} else if (!ps || a->cyc > ps->cyc) {
			ps = a;
		}
	}
	if (pl)
		need(c, l, "tRRD_L", pl->cyc + c->t.rrd_l, pl);
	if (ps)
		need(c, l, "tRRD_S", ps->cyc + c->t.rrd_s, ps);
	if (c->t.faw > 0) {
		const lgc_ev *fourth = &u->act4[u->act4_pos];

		need(c, l, "tFAW", fourth->cyc + c->t.faw, fourth);
	}
}

/* ACT: bank closed, tRP after its precharge, tRC, tRRD, tFAW. */
static void do_act(lgc *c, const lgc_line *l)
{
	struct lgc_unit *u = unit_of(c, l);
	struct lgc_bank *b = bank_of(c, l);
	char what[96];

	if (b->open) {
		snprintf(what, sizeof(what), "bank is open at row %lld", (long long)b->row);
		state_viol(c, l, "bank-open", what, &b->act);
	}
	need(c, l, "tRP", b->pre_done + c->t.rp, &b->pre);
	need(c, l, "tRC", b->act.cyc + c->t.rc, &b->act);
	check_act_others(c, l, u);
	b->open = true;
	b->row = l->row;
	b->act = ev_of(l);
	memset(&b->rd, 0, sizeof(b->rd));
	memset(&b->wr, 0, sizeof(b->wr));
	u->act4[u->act4_pos] = ev_of(l);
	u->act4_pos = (u->act4_pos + 1) % 4;
}

/* PRE/PREA of an open bank: tRAS, tRTP after RD, tWR after WR; closes it. */
static void close_bank(lgc *c, const lgc_line *l, struct lgc_bank *b)
{
	need(c, l, "tRAS", b->act.cyc + c->t.ras, &b->act);
	need(c, l, "tRTP", b->rd.cyc + c->t.rd2pre, &b->rd);
	need(c, l, "tWR", b->wr.cyc + c->t.wr2pre, &b->wr);
	b->open = false;
	b->pre = ev_of(l);
	b->pre_done = l->cycle;
}

/* PRE to a closed bank is a NOP (JEDEC) and changes nothing. */
static void do_pre(lgc *c, const lgc_line *l)
{
	struct lgc_bank *b = bank_of(c, l);

	if (b->open)
		close_bank(c, l, b);
}

static void do_prea(lgc *c, const lgc_line *l)
{
	struct lgc_unit *u = unit_of(c, l);

	for (int i = 0; i < c->nbg * c->nba; i++)
		if (u->bank[i].open)
			close_bank(c, l, &u->bank[i]);
}

/* tCCD_S/tCCD_L: column-to-column spacing, binding command of each kind. */
static void check_ccd(lgc *c, const lgc_line *l, const struct lgc_unit *u)
{
	const lgc_ev *ps = NULL;

	for (int g = 0; g < c->nbg; g++) {
		const lgc_ev *p = &u->col_bg[g];

		if (!p->line || g == l->bg)
			continue;
		if (!ps || p->cyc > ps->cyc)
			ps = p;
	}
	need(c, l, "tCCD_L", u->col_bg[l->bg].cyc + c->t.ccd_l, &u->col_bg[l->bg]);
	if (ps)
		need(c, l, "tCCD_S", ps->cyc + c->t.ccd_s, ps);
}

/* tWTR_S/tWTR_L: a RD after writes of the unit. */
static void check_wtr(lgc *c, const lgc_line *l, const struct lgc_unit *u)
{
	const lgc_ev *ps = NULL;

	for (int g = 0; g < c->nbg; g++) {
		const lgc_ev *p = &u->wr_bg[g];

		if (!p->line || g == l->bg)
			continue;
		if (!ps || p->cyc > ps->cyc)
			ps = p;
	}
	need(c, l, "tWTR_L", u->wr_bg[l->bg].cyc + c->t.wr2rd_l, &u->wr_bg[l->bg]);
	if (ps)
		need(c, l, "tWTR_S", ps->cyc + c->t.wr2rd_s, ps);
}

/*
 * RD RDA WR WRA: the bank must be open at the logged row; tRCD; column
 * spacing; write-to-read (tWTR) or read-to-write (tRTW) turnaround. RDA
 * and WRA close the bank; their implied precharge starts at
 * max(RDA + AL + tRTP, ACT + tRAS) or max(WRA + WL + burst + tWR, ACT + tRAS).
 */
static void do_col(lgc *c, const lgc_line *l)
{
	struct lgc_unit *u = unit_of(c, l);
	struct lgc_bank *b = bank_of(c, l);
	bool rd = is_rd(l->cmd);
	char what[96];

	if (!b->open) {
		state_viol(c, l, "bank-closed", "bank is not open", &b->pre);
	} else {
		if (b->row != l->row) {
			snprintf(what, sizeof(what), "bank is open at row %lld, not %lld",
				 (long long)b->row, (long long)l->row);
			state_viol(c, l, "row-mismatch", what, &b->act);
		}
		need(c, l, "tRCD", b->act.cyc + (rd ? c->t.rcdrd : c->t.rcdwr), &b->act);
	}
	check_ccd(c, l, u);
	if (rd)
		check_wtr(c, l, u);
	else
		need(c, l, "tRTW", u->rd.cyc + c->t.rd2wr, &u->rd);

	u->col_bg[l->bg] = ev_of(l);
	if (rd) {
		u->rd = ev_of(l);
	} else {
		u->wr_bg[l->bg] = ev_of(l);
	}
	if (!b->open)
		return;
	if (rd)
		b->rd = ev_of(l);
	else
		b->wr = ev_of(l);
	if (l->cmd == LGC_RDA || l->cmd == LGC_WRA) {
		int64_t p = l->cycle + (rd ? c->t.rd2pre : c->t.wr2pre);

		b->open = false;
		b->pre = ev_of(l);
		b->pre_done = max64(p, b->act.cyc + c->t.ras);
	}
}

/*
 * The bank is refreshed at l: when the gap since its last refresh
 * (or cycle 0) is the widest so far: remember it.
 */
static void refresh_gap(const lgc_line *l, const struct lgc_bank *b,
			int64_t *worst_gap, const struct lgc_bank **worst)
{
	int64_t since = b->refresh.line ? b->refresh.cyc : 0;

	if (l->cycle - since > *worst_gap) {
		*worst_gap = l->cycle - since;
		*worst = b;
	}
}

/* Report starvation for the bank with the widest gap, if over the window. */
static void report_starve(lgc *c, const lgc_line *l, int64_t gap,
			  const struct lgc_bank *b)
{
	char what[128];

	if (!b || gap <= c->t.ref_window)
		return;
	snprintf(what, sizeof(what), "%lld cycles since the bank's last refresh, limit %lld",
		 (long long)gap, (long long)c->t.ref_window);
	state_viol(c, l, "refresh-starvation", what, b->refresh.line ? &b->refresh : NULL);
}

/* REFab: every bank closed and precharged (tRP); refreshes every bank. */
static void do_refab(lgc *c, const lgc_line *l)
{
	struct lgc_unit *u = unit_of(c, l);
	const struct lgc_bank *worst = NULL, *pre = NULL;
	int64_t gap = -1;
	char what[96];

	for (int i = 0; i < c->nbg * c->nba; i++) {
		struct lgc_bank *b = &u->bank[i];

		if (b->open) {
			snprintf(what, sizeof(what), "bank %d.%d is open at row %lld",
				 i / c->nba, i % c->nba, (long long)b->row);
			state_viol(c, l, "bank-open", what, &b->act);
		}
		if (b->pre.line && (!pre || b->pre_done > pre->pre_done))
			pre = b;
		refresh_gap(l, b, &gap, &worst);
	}
	if (pre)
		need(c, l, "tRP", pre->pre_done + c->t.rp, &pre->pre);
	report_starve(c, l, gap, worst);
	u->refab = ev_of(l);
	for (int i = 0; i < c->nbg * c->nba; i++)
		u->bank[i].refresh = ev_of(l);
}

/* REFpb: its bank closed and precharged (tRP); refreshes that bank. */
static void do_refpb(lgc *c, const lgc_line *l)
{
	struct lgc_bank *b = bank_of(c, l);
	const struct lgc_bank *worst = NULL;
	int64_t gap = -1;
	char what[96];

	if (b->open) {
		snprintf(what, sizeof(what), "bank is open at row %lld", (long long)b->row);
		state_viol(c, l, "bank-open", what, &b->act);
	}
	need(c, l, "tRP", b->pre_done + c->t.rp, &b->pre);
	refresh_gap(l, b, &gap, &worst);
	report_starve(c, l, gap, worst);
	b->refpb = ev_of(l);
	b->refresh = ev_of(l);
}

void lgc_feed(lgc *c, const lgc_line *l)
{
	struct lgc_chan *ch = &c->chan[l->ch];

	c->ncmd++;
	check_common(c, l);
	switch (l->cmd) {
	case LGC_ACT: do_act(c, l); break;
	case LGC_PRE: do_pre(c, l); break;
	case LGC_PREA: do_prea(c, l); break;
	case LGC_RD: case LGC_RDA: case LGC_WR: case LGC_WRA: do_col(c, l); break;
	case LGC_REFAB: do_refab(c, l); break;
	case LGC_REFPB: do_refpb(c, l); break;
	default: break;
	}
	if (is_row_cmd(l->cmd))
		ch->row_cmd = ev_of(l);
	else
		ch->col_cmd = ev_of(l);
	if (l->cycle >= c->last.cyc)
		c->last = ev_of(l);
}

/*
 * End of the log: a bank whose last refresh (or cycle 0) lies more than the
 * refresh window before the last command starved. One line per unit, for
 * its worst bank, at the last line of the log.
 */
void lgc_finish(lgc *c)
{
	lgc_line end = { .cycle = c->last.cyc, .line = c->last.line, .cmd = c->last.cmd };

	if (!c->last.line)
		return;
	for (int u = 0; u < c->nch * c->npc; u++) {
		const struct lgc_bank *worst = NULL;
		int64_t gap = -1;

		for (int i = 0; i < c->nbg * c->nba; i++)
			refresh_gap(&end, &c->unit[u].bank[i], &gap, &worst);
		report_starve(c, &end, gap, worst);
	}
}
