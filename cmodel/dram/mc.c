/*
 * The memory controller (contract in mc.h, policies in docs/dram.md).
 *
 * Each unit (one pseudo-channel; a channel when pcs = 1) has a read queue
 * and a write queue kept in arrival order. On a tick the unit
 *  1. honours a due refresh: all-bank refresh stops request scheduling,
 *     closes every bank (PREA) and issues REFab as soon as legal; per-bank
 *     refresh closes only its bank (PRE) and issues REFpb, while requests to
 *     other banks go on;
 *  2. picks the queue to serve: writes while draining (entered when the
 *     write queue reaches write_high_pct, left at write_low_pct) or when no
 *     read is queued, reads otherwise;
 *  3. builds one candidate per ready request (its next command and first
 *     legal cycle) and lets the scheduler policy pick one row command and
 *     one column command (one command in total without hbm_dual_cmd);
 *  4. records the earliest cycle anything can happen next, so the loop can
 *     skip idle cycles.
 */
#include <stdlib.h>
#include <string.h>

#include "dram/dram_int.h"
#include "dram/mc.h"
#include "dram/refresh.h"
#include "dram/sched.h"

typedef enum page_policy { PAGE_OPEN, PAGE_CLOSED, PAGE_ADAPTIVE } page_policy;

typedef struct qent {
	lg_req *r;
	uint64_t ready;      /* first cycle it may be scheduled */
	uint64_t accepted;   /* cycle accepted */
	uint32_t row, col;
	uint16_t bank;
	uint8_t acted;       /* an ACT was issued for it (row miss) */
	uint8_t conflicted;  /* a PRE was issued for it (row conflict) */
	uint8_t started;     /* t_first_cmd set */
} qent;

/* Per-unit state the idle fast-forward compares and moves (see ff_try). */
typedef struct ff_unit {
	uint64_t next, due;
	uint64_t cmds[LG_CMD_N];
	int nopen;
} ff_unit;

/* A command issued while the fast-forward records one period. */
typedef struct ff_rec {
	uint64_t t;
	uint32_t unit, bank;
	lg_cmd cmd;
} ff_rec;

/* Idle fast-forward state: two snapshots one period apart, and a recording. */
typedef struct ff_state {
	bool off;               /* lg_mc_set_fastforward(false): step by step */
	bool recording;         /* issue() appends to rec */
	bool rec_full;
	size_t nwords;
	uint64_t *wa, *wb;      /* lg_dram snapshots */
	ff_unit *ua, *ub;
	ff_rec *rec;
	size_t nrec, caprec;
	uint64_t skipped;       /* refresh periods accounted in closed form */
} ff_state;

typedef struct unit {
	qent *rq, *wq;
	int nrq, nwq;
	bool draining;
	uint64_t next;          /* no progress possible before this cycle */
	uint32_t *streak;       /* [bank] column hits since ACT */
	lg_sched_cand *cr, *cw; /* candidates, parallel to rq / wq */
	qent *rq0, *wq0;        /* buffers of 2 x depth entries: rq / wq slide in them */
	qent *rq_end, *wq_end;  /* their ends (rq0 + 2 x depth) */
	lg_sched_cand *cr0, *cw0;
	int valid;              /* queue whose candidates are current: 0 rq, 1 wq, -1 none */
	uint8_t *hits;          /* [bank] requests of the cached queue hitting its open row */
	uint64_t act;           /* cached queue positions that are not followers (mc->fast) */
	uint64_t mbank;         /* banks with a miss in the cached queue (see row_follower) */
	int nact;               /* bits set in act */
	unsigned ch, pc;
	lg_mc_stats st;
} unit;

struct lg_mc {
	const lg_cfg *cfg;
	lg_dram_spec s;
	lg_addrmap map;
	lg_dram *dram;
	lg_refresh *ref;
	const lg_sched_policy *sched;
	page_policy page;
	lg_req_sink sink;
	lg_cmdlog *log;
	int nunits;
	unit *u;
	int rq_depth, wq_depth;
	int wq_hi, wq_lo;       /* drain watermarks, entries */
	unsigned cap;
	uint64_t frontend;
	uint64_t next;          /* min over units */
	size_t pending;         /* requests queued, all units */
	bool selfcheck;         /* re-check every command with lg_dram_earliest */
	bool observed;          /* selfcheck or log: issue() takes issue_observed() */
	bool fast;              /* queues of <= 64 entries: units keep act masks */
	int *scratch;           /* candidate indices, max queue depth */
	uint64_t (*mbt)[4];     /* moved_banks of one command: [class * bankgroups + group] */
	lg_sched_cand pc[64];   /* pick(): the active candidates, compacted (fast) */
	int pidx[64];           /* ... and their queue positions */
	uint64_t violations;    /* commands the re-check found early */
	ff_state ff;            /* idle fast-forward */
};

/* min of two cycles. */
static inline uint64_t umin(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* system.row_buf_policy as an enum (the parser checked the name). */
static page_policy page_from(const char *s)
{
	if (strcmp(s, "CLOSE_PAGE") == 0)
		return PAGE_CLOSED;
	if (strcmp(s, "ADAPTIVE") == 0)
		return PAGE_ADAPTIVE;
	return PAGE_OPEN;
}

/* Queue depths and watermarks from [mc] and [system]. */
static void set_queues(lg_mc *mc, const lg_cfg *cfg)
{
	int64_t tq = cfg->system.trans_queue_size;

	mc->rq_depth = (int)(cfg->mc.read_queue_depth ? cfg->mc.read_queue_depth : tq);
	mc->wq_depth = (int)(cfg->mc.write_queue_depth ? cfg->mc.write_queue_depth : tq);
	mc->wq_hi = (int)((mc->wq_depth * cfg->mc.write_high_pct + 99) / 100);
	mc->wq_lo = (int)(mc->wq_depth * cfg->mc.write_low_pct / 100);
	if (mc->wq_hi < 1)
		mc->wq_hi = 1;
	if (mc->wq_lo >= mc->wq_hi)
		mc->wq_lo = mc->wq_hi - 1;
}

/* Queues, candidate buffers and per-bank arrays of every unit. */
static int alloc_units(lg_mc *mc)
{
	int depth = mc->rq_depth > mc->wq_depth ? mc->rq_depth : mc->wq_depth;

	mc->nunits = lg_dram_units(&mc->s);
	mc->u = calloc((size_t)mc->nunits, sizeof(*mc->u));
	mc->scratch = calloc((size_t)depth, sizeof(*mc->scratch));
	if (!mc->u || !mc->scratch)
		return -1;
	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		u->rq = u->rq0 = calloc((size_t)mc->rq_depth * 2, sizeof(*u->rq));
		u->wq = u->wq0 = calloc((size_t)mc->wq_depth * 2, sizeof(*u->wq));
		u->rq_end = u->rq0 + 2 * mc->rq_depth;
		u->wq_end = u->wq0 + 2 * mc->wq_depth;
		u->streak = calloc((size_t)mc->s.banks, sizeof(*u->streak));
		u->cr = u->cr0 = calloc((size_t)mc->rq_depth * 2, sizeof(*u->cr));
		u->cw = u->cw0 = calloc((size_t)mc->wq_depth * 2, sizeof(*u->cw));
		u->hits = calloc((size_t)mc->s.banks, sizeof(*u->hits));
		if (!u->rq || !u->wq || !u->streak || !u->cr || !u->cw || !u->hits)
			return -1;
		u->valid = -1;
		u->ch = (unsigned)(i / mc->s.pcs);
		u->pc = (unsigned)(i % mc->s.pcs);
		u->next = lg_refresh_due(mc->ref, (unsigned)i);
	}
	return 0;
}

/*
 * The classes-to-banks masks of moved_banks for commands that delay
 * classes pcm pc-wide and m1 within bank group g1 (>= 0), used bank
 * aside: bm[x] for x in ACT..WR.
 */
static void moved_masks(const lg_mc *mc, unsigned pcm, unsigned m1, int g1, uint64_t bm[4])
{
	const unsigned sh = mc->dram->bpg_shift;
	const uint64_t grp = (1ull << mc->s.banks_per_group) - 1;

	for (unsigned x = 0; x < 4; x++) /* classes ACT..WR */
		bm[x] = ((pcm >> x) & 1) ? ~0ull :
			((m1 >> x) & 1) ? grp << ((unsigned)g1 << sh) : 0;
}

/* Fill mc->mbt: moved_masks of each class issued alone on each bank group. */
static int mbt_init(lg_mc *mc)
{
	int ng = mc->s.bankgroups;

	mc->mbt = calloc((size_t)(LG_T_N * ng), sizeof(*mc->mbt));
	if (!mc->mbt)
		return -1;
	for (int c = 0; c < LG_T_N; c++)
		for (int g = 0; g < ng; g++)
			moved_masks(mc, mc->dram->aff_pc[c], mc->dram->aff_bg[c], g,
				    mc->mbt[c * ng + g]);
	return 0;
}

/* Spec, address map, devices, refresh and scheduler from cfg. */
lg_mc *lg_mc_create(const lg_cfg *cfg, const lg_req_sink *sink, lg_err *e)
{
	lg_mc *mc = calloc(1, sizeof(*mc));

	if (!mc)
		goto out_nomem;
	mc->cfg = cfg;
	mc->sink = *sink;
	if (lg_dram_spec_from_cfg(&mc->s, cfg, e) || lg_addrmap_init(&mc->map, &mc->s, cfg, e))
		goto out_free;
	mc->sched = lg_sched_find(cfg->mc.scheduler);
	if (!mc->sched) {
		lg_cfg_errf(cfg, LG_K_mc_scheduler, e, "unknown scheduler '%s'", cfg->mc.scheduler);
		goto out_free;
	}
	mc->page = page_from(cfg->system.row_buf_policy);
	mc->cap = (unsigned)cfg->mc.row_hit_cap;
	mc->frontend = (uint64_t)cfg->mc.frontend_latency;
	set_queues(mc, cfg);
	mc->fast = (mc->rq_depth > mc->wq_depth ? mc->rq_depth : mc->wq_depth) <= 64;
	mc->dram = lg_dram_create(&mc->s, e);
	if (!mc->dram)
		goto out_free;
	mc->ref = lg_refresh_create(&mc->s, cfg->system.refresh_policy, e);
	if (!mc->ref)
		goto out_free;
	if (alloc_units(mc) || mbt_init(mc))
		goto out_nomem;
	mc->next = 0;
	return mc;
out_nomem:
	lg_errf(e, "lg_mc", 0, "out of memory");
out_free:
	lg_mc_destroy(mc);
	return NULL;
}

/* Free mc and everything it owns (NULL is fine). */
void lg_mc_destroy(lg_mc *mc)
{
	if (!mc)
		return;
	if (mc->u) {
		for (int i = 0; i < mc->nunits; i++) {
			free(mc->u[i].rq0);
			free(mc->u[i].wq0);
			free(mc->u[i].streak);
			free(mc->u[i].cr0);
			free(mc->u[i].cw0);
			free(mc->u[i].hits);
		}
	}
	free(mc->u);
	free(mc->scratch);
	free(mc->mbt);
	free(mc->ff.wa);
	free(mc->ff.wb);
	free(mc->ff.ua);
	free(mc->ff.ub);
	free(mc->ff.rec);
	lg_refresh_destroy(mc->ref);
	lg_dram_destroy(mc->dram);
	free(mc);
}

/* The resolved organisation and timing. */
const lg_dram_spec *lg_mc_spec(const lg_mc *mc)
{
	return &mc->s;
}

/* The address map in use. */
const lg_addrmap *lg_mc_addrmap(const lg_mc *mc)
{
	return &mc->map;
}

/* The device model, for tests. */
lg_dram *lg_mc_dram(lg_mc *mc)
{
	return mc->dram;
}

/* Log every command from now on. */
void lg_mc_set_cmdlog(lg_mc *mc, lg_cmdlog *log)
{
	mc->log = log;
	mc->observed = mc->selfcheck || mc->log;
}

/* Turn the per-command re-check on or off. */
void lg_mc_set_selfcheck(lg_mc *mc, bool on)
{
	mc->selfcheck = on;
	mc->observed = mc->selfcheck || mc->log;
}

/* Early commands the re-check found. */
uint64_t lg_mc_violations(const lg_mc *mc)
{
	return mc->violations;
}

/* The first memory cycle at or after t. */
static inline uint64_t cycle_of(const lg_mc *mc, lg_ps t)
{
	return (t + mc->s.tCK_ps - 1) / mc->s.tCK_ps;
}

/*
 * Drain-mode hysteresis, updated when the write queue changes (push and
 * completion), so decisions never depend on when the unit is woken.
 */
static void update_drain(lg_mc *mc, unit *u)
{
	if (!u->draining && u->nwq >= mc->wq_hi) {
		u->draining = true;
		u->st.drain_entries++;
	} else if (u->draining && u->nwq <= mc->wq_lo) {
		u->draining = false;
	}
}

/* The queue to serve (1 = writes). */
static int pick_queue(const unit *u)
{
	return u->draining || (u->nrq == 0 && u->nwq > 0);
}

/* Timing class of the commands a candidate can carry. */
static const uint8_t cmd_class[LG_CMD_N] = {
	[LG_CMD_ACT] = LG_T_ACT, [LG_CMD_PRE] = LG_T_PRE,
	[LG_CMD_RD] = LG_T_RD, [LG_CMD_WR] = LG_T_WR,
};

/*
 * Next command of queue entry e and its first legal cycle (never before
 * the entry is ready). pre_blocked is left for the caller.
 */
static inline void cand_of(const lg_mc *mc, const unit *u, unsigned uid, const qent *e,
			   int wr, const lg_dram_floor *fl, lg_sched_cand *c)
{
	int64_t open = lg_dram_open_row_fast(mc->dram, uid, e->bank);

	c->bank = e->bank;
	c->hit = open == (int64_t)e->row;
	c->pre_blocked = 0;
	c->streak = u->streak[e->bank];
	if (c->hit)
		c->cmd = wr ? LG_CMD_WR : LG_CMD_RD;
	else
		c->cmd = open >= 0 ? LG_CMD_PRE : LG_CMD_ACT;
	c->row = !c->hit;
	c->tcls = cmd_class[c->cmd];
	c->earliest = umax(lg_dram_earliest_fast(mc->dram, uid, c->tcls, e->bank, fl), e->ready);
}

/*
 * Whether the active candidates (u->act, mc->fast) of a cached queue of n
 * are few enough that walking them beats a plain pass over all n:
 * active * share < n. Measured (callgrind, stream and random traces):
 * refresh_cands walks them whenever there is a follower (share 1), pick()
 * copies them only when fewer than half are active (share 2).
 */
static inline int act_sparse(const unit *u, int n, int share)
{
	return u->nact * share < n;
}

/* Lower *next by candidate c unless it can never be picked as it stands. */
static inline void wake_for(const lg_mc *mc, const lg_sched_cand *c, uint64_t *next)
{
	if (c->pre_blocked && c->streak < mc->cap)
		return;
	if (c->earliest < *next)
		*next = c->earliest;
}

/*
 * What an issue changed, for refresh_cands: the banks whose open row
 * changed (candidates need their command recomputed), the banks used
 * (bank-scope delays, streaks), and the commands (class, bank: moved_banks
 * derives the classes delayed pseudo-channel-wide or within a bank group).
 */
typedef struct issued_set {
	uint64_t changed;     /* banks opened or closed */
	uint64_t used;        /* banks a command was issued to */
	unsigned pcmask;      /* classes delayed on every bank besides the commands' */
	int ncmd;             /* commands noted (at most 2 a tick) */
	int cls[2];           /* their timing classes */
	unsigned bank[2];     /* and banks */
} issued_set;

/* Record cmd (timing class cls) issued to bank b. */
static void note_issue(issued_set *is, lg_cmd cmd, int cls, unsigned b)
{
	if (cmd != LG_CMD_RD && cmd != LG_CMD_WR)
		is->changed |= 1ull << b;
	is->used |= 1ull << b;
	is->cls[is->ncmd] = cls;
	is->bank[is->ncmd++] = b;
}

/*
 * Follower hits. Row hits of one bank are served oldest first by every
 * policy (same command, same constraints, readiness in arrival order), so
 * only the oldest hit of a bank -- its leader -- carries a real earliest
 * cycle; younger hits carry LG_NEVER until they lead. A follower's value
 * is only revisited when its bank's hit class moved, and then every hit of
 * that bank is revisited in age order. A hit leader leaves only by
 * completing, which marks its bank used, promoting the next hit.
 */
static inline int hit_follower(uint64_t *lh, unsigned b)
{
	uint64_t bit = 1ull << b;

	if (*lh & bit)
		return 1;
	*lh |= bit;
	return 0;
}

/*
 * Follower misses, likewise. The misses of one bank all carry the same row
 * command (ACT on a closed bank, PRE on an open one) with the same
 * constraints, blocking and streak, and readiness in arrival order, so no
 * policy picks a younger one before the oldest (frfcfs_cap's older_miss
 * finds the oldest too). Only the oldest miss of a bank is a candidate;
 * younger ones carry LG_NEVER. A miss leaves only when its bank opens or
 * closes, and then every candidate of that bank is recomputed in age
 * order, so u->mbank (banks with a miss) changes only there, in rebuild()
 * and in push_cand(). *ml collects the banks whose leader was seen.
 */
static inline int row_follower(uint64_t *ml, unsigned b)
{
	return hit_follower(ml, b);
}

/*
 * bm[x]: the banks whose class-x candidates got a new earliest cycle from
 * the commands in is (used banks, and the classes delayed pc-wide or in
 * one of the bank groups used): the union of each command's masks in
 * mc->mbt, and is->pcmask.
 */
static inline void moved_banks(const lg_mc *mc, const issued_set *is, uint64_t bm[LG_T_N])
{
	const unsigned sh = mc->dram->bpg_shift;
	const uint64_t used = is->used; /* locals: bm[] may alias *is */
	unsigned pcm = is->pcmask & 15;

	bm[LG_T_ACT] = bm[LG_T_PRE] = bm[LG_T_RD] = bm[LG_T_WR] = used;
	for (int k = 0; k < is->ncmd; k++) { /* the union over the commands */
		const uint64_t *t = mc->mbt[is->cls[k] * mc->s.bankgroups + (int)(is->bank[k] >> sh)];

		bm[LG_T_ACT] |= t[LG_T_ACT];
		bm[LG_T_PRE] |= t[LG_T_PRE];
		bm[LG_T_RD] |= t[LG_T_RD];
		bm[LG_T_WR] |= t[LG_T_WR];
	}
	for (; pcm; pcm &= pcm - 1) /* classes ACT..WR: bits 0..3 */
		bm[__builtin_ctz(pcm)] = ~0ull;
}

/* The floors of lg_dram_floor_get, computed per class on first use (have: bit per class). */
typedef struct lazy_floor {
	uint64_t f[LG_T_N];
	unsigned have;
} lazy_floor;

/*
 * Candidate k of an unchanged bank b, whose class moved: a new earliest
 * cycle, or LG_NEVER for a follower hit. Returns 1 if k is a PRE whose
 * bank lost a hit (its blocking must be re-derived by the caller). On an
 * unchanged bank a leader stays a leader and a follower a follower (new
 * hits are younger; complete() promotes), so u->act does not change here.
 */
static inline int recompute(lg_mc *mc, unit *u, unsigned uid, const qent *q, lg_sched_cand *c,
			    int k, const issued_set *is, lazy_floor *fl, uint64_t *lh)
{
	lg_sched_cand *ck = &c[k];
	unsigned b = ck->bank, cls = ck->tcls;
	const unit_st *us = &mc->dram->u[uid];

	/* all hits of a bank share a class, so all of them come here */
	if (ck->hit && hit_follower(lh, b)) {
		ck->earliest = LG_NEVER;
		return 0;
	}
	if (!((fl->have >> cls) & 1)) {
		fl->f[cls] = lg_dram_floor_cls(mc->dram, uid, (int)cls);
		fl->have |= 1u << cls;
	}
	ck->earliest = umax(umax(us->bank_next[b][cls], us->bg_next[b >> mc->dram->bpg_shift][cls]),
			    umax(fl->f[cls], q[k].ready));
	ck->streak = u->streak[b];
	return ck->cmd == LG_CMD_PRE && ((is->used >> b) & 1);
}

/*
 * Fast form of refresh_cands when no bank opened or closed: only the
 * candidates in u->act (leaders and misses) can carry a finite earliest
 * cycle, so followers are not visited. complete() promotes the next hit
 * of a bank into u->act when its leader leaves.
 */
static uint64_t refresh_active(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int nt = 0, *tk = mc->scratch;
	uint64_t next = LG_NEVER, bm[LG_T_N], lh = 0, m = u->act;
	const unsigned cap = mc->cap;
	lazy_floor fl;

	fl.have = 0;
	moved_banks(mc, is, bm);
	while (m) {
		int k = __builtin_ctzll(m);
		lg_sched_cand *ck = &c[k];

		m &= m - 1;
		if ((bm[ck->tcls] >> ck->bank) & 1) {
			if (recompute(mc, u, uid, q, c, k, is, &fl, &lh)) {
				tk[nt++] = k;
				continue;
			}
		}
		if (ck->earliest < next && (!ck->pre_blocked || ck->streak >= cap))
			next = ck->earliest;
	}
	for (int x = 0; x < nt; x++) {
		lg_sched_cand *ck = &c[tk[x]];

		ck->pre_blocked = u->hits[ck->bank] > 0;
		wake_for(mc, ck, &next);
	}
	return next;
}

/* refresh_cands over every queued candidate (followers, changed banks). */
static uint64_t refresh_all(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq, nt = 0;
	int *tk = mc->scratch;
	uint64_t next = LG_NEVER, bm[LG_T_N], lh = 0, ml = 0;
	const uint64_t changed = is->changed, used = is->used;
	const unsigned cap = mc->cap, sh = mc->dram->bpg_shift;
	const unit_st *us = &mc->dram->u[uid];
	const uint64_t (*bn)[LG_T_N] = us->bank_next;
	const uint64_t (*gn)[LG_T_N] = us->bg_next;
	const uint32_t *streak = u->streak;
	lg_dram_floor fl;

	lg_dram_floor_get(mc->dram, uid, &fl);
	moved_banks(mc, is, bm);
	for (int k = 0; k < n; k++) {
		lg_sched_cand *ck = &c[k];
		unsigned b = ck->bank, cls = ck->tcls;
		uint64_t e;

		if ((changed >> b) & 1) {
			tk[nt++] = k;
			continue;
		}
		e = ck->earliest;
		if ((bm[cls] >> b) & 1) { /* as recompute(), inline */
			if (ck->hit ? hit_follower(&lh, b) : row_follower(&ml, b)) {
				ck->earliest = LG_NEVER;
				continue;
			}
			e = umax(umax(bn[b][cls], gn[b >> sh][cls]), umax(fl.f[cls], q[k].ready));
			ck->earliest = e;
			ck->streak = streak[b];
			if (ck->cmd == LG_CMD_PRE && ((used >> b) & 1)) {
				tk[nt++] = k; /* its bank lost a hit: blocking may change */
				continue;
			}
		}
		if (e < next && (!ck->pre_blocked || ck->streak >= cap))
			next = e;
	}
	for (int x = 0; x < nt; x++) { /* changed banks: whole candidate */
		lg_sched_cand *ck = &c[tk[x]];
		uint64_t bit = 1ull << (tk[x] & 63);

		if (!((changed >> ck->bank) & 1))
			continue;
		u->hits[ck->bank] -= ck->hit;
		cand_of(mc, u, uid, &q[tk[x]], wr, &fl, ck);
		u->hits[ck->bank] += ck->hit;
		u->nact -= (u->act & bit) != 0;
		u->act |= bit;
		if (ck->hit ? hit_follower(&lh, ck->bank) : row_follower(&ml, ck->bank)) {
			ck->earliest = LG_NEVER;
			u->act &= ~bit;
		}
		u->nact += (u->act & bit) != 0;
	}
	u->mbank = (u->mbank & ~changed) | (ml & changed); /* ml: banks with a miss */
	for (int x = 0; x < nt; x++) {
		lg_sched_cand *ck = &c[tk[x]];

		if (ck->cmd == LG_CMD_PRE)
			ck->pre_blocked = u->hits[ck->bank] > 0;
		wake_for(mc, ck, &next);
	}
	return next;
}

/*
 * Bring the cached candidates of queue wr up to date after the commands in
 * is: candidates on changed banks are recomputed whole, those on used banks
 * or of a delayed class get a new earliest cycle, the rest stay as they
 * are (their constraints did not move). Returns the earliest cycle any
 * candidate can issue.
 */
static inline uint64_t refresh_cands(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is)
{
	int nq = wr ? u->nwq : u->nrq;

	/* with few followers the plain pass is cheaper than walking u->act */
	if (mc->fast && is->changed == 0 && act_sparse(u, nq, 1))
		return refresh_active(mc, u, uid, wr, is);
	return refresh_all(mc, u, uid, wr, is);
}

/* Recompute every candidate of queue wr; it becomes the cached queue. */
static uint64_t rebuild(lg_mc *mc, unit *u, unsigned uid, int wr)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq;
	uint64_t next = LG_NEVER;
	lg_dram_floor fl;

	lg_dram_floor_get(mc->dram, uid, &fl);
	memset(u->hits, 0, (size_t)mc->s.banks * sizeof(*u->hits));
	u->act = 0;
	u->nact = 0;
	u->mbank = 0;
	for (int k = 0; k < n; k++) {
		cand_of(mc, u, uid, &q[k], wr, &fl, &c[k]);
		if (c[k].hit ? u->hits[c[k].bank]++ > 0 : row_follower(&u->mbank, c[k].bank))
			c[k].earliest = LG_NEVER; /* a follower */
		else
			u->act |= 1ull << (k & 63), u->nact++;
	}
	for (int k = 0; k < n; k++) {
		if (c[k].cmd == LG_CMD_PRE)
			c[k].pre_blocked = u->hits[c[k].bank] > 0;
		wake_for(mc, &c[k], &next);
	}
	u->valid = wr;
	return next;
}

/* Append the candidate of a new entry to a cached queue. */
static uint64_t push_cand(lg_mc *mc, unit *u, unsigned uid, int wr, int k)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	unsigned b = q[k].bank;
	lg_dram_floor fl;

	if (u->hits[b] > 0 && lg_dram_open_row_fast(mc->dram, uid, b) == (int64_t)q[k].row) {
		/* a follower hit (the common push of a stream): as cand_of, never ready */
		lg_cmd cmd = wr ? LG_CMD_WR : LG_CMD_RD;

		c[k] = (lg_sched_cand){ .earliest = LG_NEVER, .streak = u->streak[b],
					.bank = (uint16_t)b, .cmd = (uint8_t)cmd, .row = 0, .hit = 1,
					.pre_blocked = 0, .tcls = cmd_class[cmd] };
		u->hits[b]++;
		return LG_NEVER;
	}
	lg_dram_floor_get(mc->dram, uid, &fl);
	cand_of(mc, u, uid, &q[k], wr, &fl, &c[k]);
	if (c[k].hit) {
		if (u->hits[b]++ > 0) { /* a follower hit: its leader goes first */
			c[k].earliest = LG_NEVER;
			return LG_NEVER;
		}
		u->act |= 1ull << (k & 63);
		u->nact++;
		for (int x = 0; x < k; x++) /* the bank's PREs are blocked now */
			if (c[x].bank == b && c[x].cmd == LG_CMD_PRE)
				c[x].pre_blocked = 1;
		return c[k].earliest;
	}
	if (c[k].cmd == LG_CMD_PRE)
		c[k].pre_blocked = u->hits[b] > 0;
	if (row_follower(&u->mbank, b)) { /* an older miss on b goes first */
		uint64_t e = c[k].earliest;

		/* the wake-up stays that of the candidate (pre_blocked or not), as
		 * before misses had followers: the loop iterations do not change */
		c[k].earliest = LG_NEVER;
		return e;
	}
	u->act |= 1ull << (k & 63);
	u->nact++;
	return c[k].earliest;
}

/* Earliest cycle any cached candidate of queue wr can issue. */
static uint64_t cands_next(const lg_mc *mc, const unit *u, int wr)
{
	const lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq;
	uint64_t next = LG_NEVER, m = u->act;

	if (mc->fast) { /* followers carry LG_NEVER */
		while (m) {
			wake_for(mc, &c[__builtin_ctzll(m)], &next);
			m &= m - 1;
		}
		return next;
	}
	for (int k = 0; k < n; k++)
		wake_for(mc, &c[k], &next);
	return next;
}

/*
 * Queues slide forward in a buffer twice their depth: removing the oldest
 * entry (the common case) moves the start instead of the entries, and
 * removing one in the older half moves the entries older than it up by
 * one and the start forward (complete()). When the
 * end of the buffer is reached the entries move back to its start.
 */
static void queue_make_room(unit *u, int wr)
{
	if (wr && u->wq + u->nwq == u->wq_end) {
		memmove(u->wq0, u->wq, (size_t)u->nwq * sizeof(*u->wq));
		memmove(u->cw0, u->cw, (size_t)u->nwq * sizeof(*u->cw));
		u->wq = u->wq0;
		u->cw = u->cw0;
	} else if (!wr && u->rq + u->nrq == u->rq_end) {
		memmove(u->rq0, u->rq, (size_t)u->nrq * sizeof(*u->rq));
		memmove(u->cr0, u->cr, (size_t)u->nrq * sizeof(*u->cr));
		u->rq = u->rq0;
		u->cr = u->cr0;
	}
}

/* Decode addr with the controller's address map. */
void lg_mc_decode(const lg_mc *mc, uint64_t addr, lg_dram_addr *a)
{
	lg_addrmap_decode(&mc->map, addr, a);
}

/* The larger of the read and write queue depths. */
int lg_mc_queue_depth(const lg_mc *mc)
{
	return mc->rq_depth > mc->wq_depth ? mc->rq_depth : mc->wq_depth;
}

/* Room in the queue of a decoded request; a refusal is counted. */
bool lg_mc_has_room_at(lg_mc *mc, const lg_dram_addr *a, int op)
{
	unit *u = &mc->u[a->unit];
	bool room = op == LG_OP_WR ? u->nwq < mc->wq_depth : u->nrq < mc->rq_depth;

	u->st.queue_full += !room;
	return room;
}

/* Room in the request's queue; a refusal is counted. */
bool lg_mc_has_room(lg_mc *mc, uint64_t addr, int op)
{
	lg_dram_addr a;

	lg_addrmap_decode(&mc->map, addr, &a);
	return lg_mc_has_room_at(mc, &a, op);
}

/* Decode, then lg_mc_push_at. */
bool lg_mc_try_push(lg_mc *mc, lg_req *r, lg_ps now)
{
	lg_dram_addr a;

	lg_addrmap_decode(&mc->map, r->addr, &a);
	return lg_mc_push_at(mc, r, &a, now);
}

/*
 * lg_mc_push_at past the room check: append to the read or write queue and
 * wake the unit when it can act. Kept out of line so that the check, the
 * whole of a refused push, inlines into the caller.
 */
static __attribute__((noinline)) void push_enter(lg_mc *mc, unit *u, lg_req *r,
						 const lg_dram_addr *a, lg_ps now)
{
	qent *q;
	uint64_t c = cycle_of(mc, now), wake;
	int wr = r->op == LG_OP_WR, k, served;

	served = pick_queue(u);
	queue_make_room(u, wr);
	k = wr ? u->nwq++ : u->nrq++;
	q = wr ? &u->wq[k] : &u->rq[k];
	q->r = r;
	q->accepted = c;
	q->ready = c + 1 + mc->frontend;
	q->row = a->row;
	q->col = a->col;
	q->bank = (uint16_t)a->bank;
	q->acted = q->conflicted = q->started = 0;
	r->t_accepted = c * mc->s.tCK_ps;
	mc->pending++;
	if (wr)
		update_drain(mc, u);
	if (pick_queue(u) != served || u->valid != wr) {
		wake = q->ready; /* the unit rebuilds when it looks */
		if (u->valid == wr)
			u->valid = -1; /* the cache lacks this entry now */
	} else {
		wake = push_cand(mc, u, a->unit, wr, k);
	}
	u->next = umin(u->next, wake);
	mc->next = umin(mc->next, wake);
}

/* Room check (a refusal is counted), then push_enter. */
bool lg_mc_push_at(lg_mc *mc, lg_req *r, const lg_dram_addr *ap, lg_ps now)
{
	unit *u = &mc->u[ap->unit];

	if (r->op == LG_OP_WR ? u->nwq == mc->wq_depth : u->nrq == mc->rq_depth) {
		u->st.queue_full++;
		return false;
	}
	push_enter(mc, u, r, ap, now);
	return true;
}

/* The command's effect on the timing state, and its count. */
static inline void issue_timing(lg_mc *mc, unit *u, unsigned uid, lg_cmd cmd, unsigned bank,
				uint32_t row, uint64_t t)
{
	if (cmd == LG_CMD_RD || cmd == LG_CMD_WR) /* the common case, inline */
		lg_dram_issue_rdwr(mc->dram, uid, cmd == LG_CMD_RD ? LG_T_RD : LG_T_WR, bank, t);
	else
		lg_dram_issue(mc->dram, uid, cmd, bank, row, t);
	u->st.cmds[cmd]++;
}

/* issue() with the re-check, the fast-forward recording and the log. */
static __attribute__((noinline)) void issue_observed(lg_mc *mc, unit *u, unsigned uid, lg_cmd cmd,
						     unsigned bank, uint32_t row, uint32_t col,
						     uint64_t t)
{
	unsigned bpg = (unsigned)mc->s.banks_per_group;

	if (mc->selfcheck && lg_dram_earliest(mc->dram, uid, cmd, bank) > t)
		mc->violations++;
	issue_timing(mc, u, uid, cmd, bank, row, t);
	if (mc->ff.recording) {
		ff_state *f = &mc->ff;

		if (f->nrec == f->caprec)
			f->rec_full = true;
		else
			f->rec[f->nrec++] = (ff_rec){ t, uid, bank, cmd };
	}
	if (mc->log)
		lg_cmdlog_put(mc->log, t, u->ch, u->pc, bank / bpg, bank % bpg, cmd, row, col);
}

/*
 * Issue one command on unit u. The re-check, the recording (only with a
 * log) and the log are off on the common path: one test for all three.
 */
static inline void issue(lg_mc *mc, unit *u, unsigned uid, lg_cmd cmd, unsigned bank,
			 uint32_t row, uint32_t col, uint64_t t)
{
	if (mc->observed)
		issue_observed(mc, u, uid, cmd, bank, row, col, t);
	else
		issue_timing(mc, u, uid, cmd, bank, row, t);
}

/*
 * A due refresh. Returns 1 if a command issued; *next gets the cycle the
 * next refresh command becomes legal otherwise. Any refresh command
 * changes bank state, so the cached candidates are dropped.
 */
static int refresh_step(lg_mc *mc, unit *u, unsigned uid, uint64_t t, int bank, uint64_t *next)
{
	lg_cmd cmd;
	uint64_t e;

	if (bank < 0)
		cmd = lg_dram_open_banks(mc->dram, uid) ? LG_CMD_PREA : LG_CMD_REFAB;
	else
		cmd = lg_dram_open_row(mc->dram, uid, (unsigned)bank) >= 0 ? LG_CMD_PRE : LG_CMD_REFPB;
	e = lg_dram_earliest(mc->dram, uid, cmd, bank < 0 ? 0 : (unsigned)bank);
	if (e > t) {
		*next = umin(*next, e);
		return 0;
	}
	issue(mc, u, uid, cmd, bank < 0 ? 0 : (unsigned)bank, 0, 0, t);
	if (cmd == LG_CMD_REFAB || cmd == LG_CMD_REFPB)
		lg_refresh_issued(mc->ref, uid);
	u->valid = -1;
	return 1;
}

/* The column command of a hit, after the page policy (hits: queued hits on its bank). */
static lg_cmd column_cmd(const lg_mc *mc, lg_cmd base, unsigned hits)
{
	int close = mc->page == PAGE_CLOSED || (mc->page == PAGE_ADAPTIVE && hits < 2);

	if (!close)
		return base;
	return base == LG_CMD_RD ? LG_CMD_RDA : LG_CMD_WRA;
}

/* Record the first command of a request. */
static void start(lg_mc *mc, qent *e, uint64_t t)
{
	if (!e->started) {
		e->started = 1;
		e->r->t_first_cmd = t * mc->s.tCK_ps;
	}
}

/*
 * The leader hit at position i of a cached queue left: the next (oldest)
 * hit on its bank, which is younger, becomes a leader (into u->act); its
 * earliest cycle is recomputed by refresh_cands since its bank was used.
 */
static void promote_hit(unit *u, const lg_sched_cand *c, int n, int i, unsigned bank)
{
	for (int k = i; k < n; k++) {
		if (c[k].bank == bank && c[k].hit) {
			u->act |= 1ull << k;
			u->nact++;
			return;
		}
	}
}

/* Complete entry i of queue wr (q, candidates c): stats, removal, callback. */
static void complete(lg_mc *mc, unit *u, qent *q, lg_sched_cand *c, int i, int wr, uint64_t t)
{
	int *n = wr ? &u->nwq : &u->nrq;
	const lg_dram_spec *s = &mc->s;
	uint64_t done = t + (uint64_t)(wr ? s->WL : s->RL) + (uint64_t)s->burst_cycles;
	qent *e = &q[i];
	lg_req *r = e->r;
	unsigned bank = c[i].bank;
	int promote = 0;

	start(mc, e, t);
	r->t_done = done * s->tCK_ps;
	lg_hist_add(wr ? &u->st.wr_lat : &u->st.rd_lat, done - e->accepted);
	u->st.writes += (uint64_t)wr;
	u->st.reads += (uint64_t)!wr;
	u->st.bytes += (uint64_t)s->request_bytes;
	u->st.row_hits += !e->acted;
	u->st.row_misses += e->acted && !e->conflicted;
	u->st.row_conflicts += e->conflicted;
	if (done > u->st.last_done)
		u->st.last_done = done;
	if (u->valid == wr) {
		u->hits[bank] -= c[i].hit;
		if (mc->fast) { /* positions above i move down by one */
			uint64_t low = (1ull << i) - 1;

			promote = c[i].hit && u->hits[bank] > 0;
			u->nact -= (int)((u->act >> i) & 1);
			u->act = (u->act & low) | ((u->act >> 1) & ~low);
		}
	}
	/*
	 * Close the gap on the shorter side. Entries below i moving up one
	 * slot and the start sliding forward leaves every other entry at the
	 * same position as moving the entries above i down (u->act above).
	 */
	if (i == 0 || i < *n - i - 1) {
		if (i > 0) {
			memmove(&q[1], &q[0], (size_t)i * sizeof(*q));
			memmove(&c[1], &c[0], (size_t)i * sizeof(*c));
		}
		if (wr) {
			u->wq++;
			u->cw++;
		} else {
			u->rq++;
			u->cr++;
		}
	} else {
		memmove(&q[i], &q[i + 1], (size_t)(*n - i - 1) * sizeof(*q));
		memmove(&c[i], &c[i + 1], (size_t)(*n - i - 1) * sizeof(*c));
	}
	(*n)--;
	mc->pending--;
	if (promote)
		promote_hit(u, wr ? u->cw : u->cr, *n, i, bank);
	if (wr)
		update_drain(mc, u);
	if (mc->sink.done)
		mc->sink.done(mc->sink.ctx, r);
}

/* Issue the row command of candidate j. */
static void issue_row(lg_mc *mc, unit *u, unsigned uid, qent *q, const lg_sched_cand *c,
		      uint64_t t)
{
	start(mc, q, t);
	if (c->cmd == LG_CMD_ACT) {
		issue(mc, u, uid, LG_CMD_ACT, c->bank, q->row, 0, t);
		u->streak[c->bank] = 0;
		q->acted = 1;
	} else {
		issue(mc, u, uid, LG_CMD_PRE, c->bank, 0, 0, t);
		q->conflicted = 1;
	}
}

/*
 * Pick one column and one row candidate ready at t (*i, *j; -1 = none).
 * When the cached queue u has follower hits (never ready), the policy sees
 * only the active candidates, still in age order: the oldest request is
 * always active and every miss is, so every policy picks the same. A
 * ready_only policy sees only those ready at t.
 */
static void pick(lg_mc *mc, const unit *u, int wr, lg_sched_cand *c, int n, uint64_t t,
		 int *i, int *j)
{
	int m = 0;
	uint64_t skip = mc->sched->ready_only ? t : LG_NEVER; /* leave out earliest > skip */

	if (!mc->fast || u->valid != wr || !act_sparse(u, n, 2)) {
		mc->sched->pick(c, n, t, mc->cap, !mc->s.dual_cmd, i, j);
		return;
	}
	for (uint64_t a = u->act; a; a &= a - 1) {
		int k = __builtin_ctzll(a);

		if (c[k].earliest > skip)
			continue; /* the policy would not look at it */
		mc->pc[m] = c[k];
		mc->pidx[m++] = k;
	}
	mc->sched->pick(mc->pc, m, t, mc->cap, !mc->s.dual_cmd, i, j);
	if (*i >= 0)
		*i = mc->pidx[*i];
	if (*j >= 0)
		*j = mc->pidx[*j];
}

/*
 * Schedule requests of the served queue; returns 1 if a command issued.
 * Candidates are cached between ticks (u->valid names the cached queue)
 * and refreshed after each issue, so a tick costs one pass over the queue.
 */
static int schedule(lg_mc *mc, unit *u, unsigned uid, uint64_t t, int ref_bank, uint64_t *next)
{
	int wr = pick_queue(u);
	qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq;
	issued_set is = { 0, 0, 0, 0, { 0, 0 }, { 0, 0 } };
	uint64_t nx;
	int i, j;

	if (n == 0)
		return 0;
	if (u->valid != wr || ref_bank >= 0) {
		rebuild(mc, u, uid, wr);
	} else if (mc->s.pcs > 1) { /* a sibling pseudo-channel may have used the bus */
		issued_set all = { 0, 0, 0xff, 0, { 0, 0 }, { 0, 0 } };

		refresh_cands(mc, u, uid, wr, &all);
	}
	if (ref_bank >= 0) {
		for (int k = 0; k < n; k++)
			if (c[k].bank == ref_bank)
				c[k].earliest = LG_NEVER;
		u->valid = -1;
	}
	pick(mc, u, wr, c, n, t, &i, &j);
	if (i < 0 && j < 0) {
		*next = umin(*next, cands_next(mc, u, wr));
		return 0;
	}
	if (j >= 0) {
		issue_row(mc, u, uid, &q[j], &c[j], t);
		note_issue(&is, (lg_cmd)c[j].cmd, cmd_class[c[j].cmd], c[j].bank);
	}
	if (i >= 0) {
		unsigned bank = c[i].bank;
		lg_cmd cmd = column_cmd(mc, (lg_cmd)c[i].cmd, u->hits[bank]);

		issue(mc, u, uid, cmd, bank, q[i].row, q[i].col, t);
		u->streak[bank]++;
		note_issue(&is, cmd, cmd_class[c[i].cmd], bank);
		complete(mc, u, q, c, i, wr, t);
	}
	if (pick_queue(u) != wr || u->valid != wr) {
		nx = t + 1; /* served queue changed: rebuild next cycle */
		u->valid = -1;
	} else {
		nx = refresh_cands(mc, u, uid, wr, &is);
		if (nx <= t)
			nx = t + 1;
	}
	*next = umin(*next, nx);
	return 1;
}

/* One unit at cycle t; returns 1 if it issued anything. */
static int unit_tick(lg_mc *mc, unit *u, unsigned uid, uint64_t t)
{
	uint64_t next = LG_NEVER;
	uint64_t due = lg_refresh_due(mc->ref, uid);
	int ref_bank = -1, prog = 0;

	if (t >= due) {
		ref_bank = lg_refresh_bank(mc->ref, uid);
		prog = refresh_step(mc, u, uid, t, ref_bank, &next);
		if (ref_bank < 0) { /* all-bank: nothing else until REFab */
			uint64_t nd = lg_refresh_due(mc->ref, uid);

			if (!prog)
				u->next = next;
			else if (nd > t && u->nrq + u->nwq == 0)
				u->next = nd; /* REFab done, nothing queued: sleep */
			else
				u->next = t + 1;
			return prog;
		}
	} else {
		next = due;
	}
	prog |= schedule(mc, u, uid, t, ref_bank, &next);
	if (prog && ref_bank >= 0)
		next = t + 1;
	u->next = next;
	return prog;
}

/* Tick every unit whose next event is due at now. */
bool lg_mc_tick(lg_mc *mc, lg_ps now)
{
	uint64_t t = cycle_of(mc, now);
	uint64_t next = LG_NEVER;
	int prog = 0;

	if (t < mc->next)
		return false;
	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		if (u->next <= t)
			prog |= unit_tick(mc, u, (unsigned)i, t);
		next = umin(next, u->next);
	}
	mc->next = next;
	return prog != 0;
}

/* The earliest next event over all units, in ps. */
lg_ps lg_mc_next(const lg_mc *mc)
{
	if (mc->next == LG_NEVER)
		return LG_PS_NEVER;
	return mc->next * mc->s.tCK_ps;
}

/* Turn the idle fast-forward on (default) or off (tests compare both). */
void lg_mc_set_fastforward(lg_mc *mc, bool on)
{
	mc->ff.off = !on;
}

/* Refresh periods the fast-forward skipped so far (tests). */
uint64_t lg_mc_ff_skipped(const lg_mc *mc)
{
	return mc->ff.skipped;
}

/* Snapshot buffers, allocated at the first idle gap. -1 when out of memory. */
static int ff_alloc(lg_mc *mc)
{
	ff_state *f = &mc->ff;

	if (f->wa)
		return 0;
	f->nwords = lg_dram_words(mc->dram);
	f->caprec = (size_t)mc->nunits * ((size_t)mc->s.banks + 4) * 2;
	f->wa = malloc(f->nwords * sizeof(*f->wa));
	f->wb = malloc(f->nwords * sizeof(*f->wb));
	f->ua = malloc((size_t)mc->nunits * sizeof(*f->ua));
	f->ub = malloc((size_t)mc->nunits * sizeof(*f->ub));
	f->rec = malloc(f->caprec * sizeof(*f->rec));
	if (!f->wa || !f->wb || !f->ua || !f->ub || !f->rec) {
		free(f->wa);
		f->wa = NULL;
		return -1;
	}
	return 0;
}

/* The whole state the fast-forward looks at, into w and fu. */
static void ff_snap(lg_mc *mc, uint64_t *w, ff_unit *fu)
{
	lg_dram_snapshot(mc->dram, w);
	for (int i = 0; i < mc->nunits; i++) {
		fu[i].next = mc->u[i].next;
		fu[i].due = lg_refresh_due(mc->ref, (unsigned)i);
		fu[i].nopen = lg_dram_open_banks(mc->dram, (unsigned)i);
		memcpy(fu[i].cmds, mc->u[i].st.cmds, sizeof(fu[i].cmds));
	}
}

/*
 * The state at x (snapshot a) and at x + p (snapshot b, now): if b repeats
 * a one period later (every bank closed, every unit's next event and
 * refresh due moved by p, the timing state periodic), the run from x + p on
 * repeats the run from x: skip the whole periods that end before end,
 * adding their commands to the stats and writing their command-log lines
 * (the recorded period, shifted). Returns 1 if it jumped.
 */
static int ff_try(lg_mc *mc, uint64_t x, uint64_t p, uint64_t end)
{
	ff_state *f = &mc->ff;
	uint64_t k = (end - (x + p)) / p;
	unsigned bpg = (unsigned)mc->s.banks_per_group;

	if (k == 0 || f->rec_full)
		return 0;
	for (int i = 0; i < mc->nunits; i++)
		if (f->ua[i].nopen || f->ub[i].nopen || f->ub[i].next != f->ua[i].next + p ||
		    f->ub[i].due != f->ua[i].due + p)
			return 0;
	if (!lg_dram_periodic(f->wa, f->wb, f->nwords, x, p))
		return 0;
	lg_dram_shift(mc->dram, f->wa, f->wb, p, k);
	f->skipped += k;
	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		u->next += k * p;
		lg_refresh_advance(mc->ref, (unsigned)i, k);
		for (int c = 0; c < LG_CMD_N; c++)
			u->st.cmds[c] += k * (f->ub[i].cmds[c] - f->ua[i].cmds[c]);
	}
	for (uint64_t j = 1; mc->log && j <= k; j++) {
		for (size_t r = 0; r < f->nrec; r++) {
			const ff_rec *e = &f->rec[r];

			lg_cmdlog_put(mc->log, e->t + j * p, mc->u[e->unit].ch, mc->u[e->unit].pc,
				      e->bank / bpg, e->bank % bpg, e->cmd, 0, 0);
		}
	}
	return 1;
}

/* The unit with the earliest next event before end (lowest index on ties), or -1. */
static int idle_next_unit(const lg_mc *mc, uint64_t end)
{
	int best = -1;

	for (int i = 0; i < mc->nunits; i++)
		if (mc->u[i].next < end && (best < 0 || mc->u[i].next < mc->u[best].next))
			best = i;
	return best;
}

/*
 * Run due unit ticks (refreshes only: nothing is queued) in time order.
 * Fast-forward: once the whole state repeats one refresh period later (see
 * ff_try), the periods up to end are accounted in closed form; the ticks
 * before the first repeat and after the last whole period run one by one.
 */
void lg_mc_idle_until(lg_mc *mc, lg_ps until)
{
	ff_state *f = &mc->ff;
	uint64_t end = cycle_of(mc, until), p = lg_refresh_period(mc->ref), x = 0;
	int have = 0, done = f->off || ff_alloc(mc);

	for (;;) {
		int best = idle_next_unit(mc, end);

		if (best < 0)
			break;
		if (!done && !have) { /* snapshot a at x */
			x = mc->u[best].next;
			ff_snap(mc, f->wa, f->ua);
			have = 1;
			f->nrec = 0;
			f->rec_full = false;
			f->recording = mc->log != NULL;
		} else if (!done && mc->u[best].next >= x + p) { /* snapshot b at x + p */
			ff_snap(mc, f->wb, f->ub);
			f->recording = false;
			if (ff_try(mc, x, p, end)) {
				done = 1;
				continue;
			}
			have = 0; /* not periodic yet: start again from here */
			continue;
		}
		unit_tick(mc, &mc->u[best], (unsigned)best, mc->u[best].next);
	}
	f->recording = false;
	mc->next = LG_NEVER;
	for (int i = 0; i < mc->nunits; i++)
		mc->next = umin(mc->next, mc->u[i].next);
}

/* Requests queued in all units. */
size_t lg_mc_pending(const lg_mc *mc)
{
	return mc->pending;
}

/* Close the background-energy accounting of every unit at now. */
void lg_mc_finish(lg_mc *mc, lg_ps now)
{
	uint64_t t = cycle_of(mc, now);

	for (int i = 0; i < mc->nunits; i++)
		lg_dram_bg_cycles(mc->dram, (unsigned)i, t, &mc->u[i].st.act_cycles,
				  &mc->u[i].st.pre_cycles);
}

/* Counters of one unit. */
const lg_mc_stats *lg_mc_unit_stats(const lg_mc *mc, unsigned unit)
{
	return &mc->u[unit].st;
}

/* The watchdog's state dump, one line per unit. */
void lg_mc_dump(const lg_mc *mc, FILE *f, lg_ps now)
{
	uint64_t t = cycle_of(mc, now);

	for (int i = 0; i < mc->nunits; i++) {
		const unit *u = &mc->u[i];

		fprintf(f, "lgsim: cycle %llu ch %u pc %u: reads queued %d, writes queued %d%s, open banks %d, next event %lld, refresh due %llu\n",
			(unsigned long long)t, u->ch, u->pc, u->nrq, u->nwq,
			u->draining ? " (draining)" : "",
			lg_dram_open_banks(mc->dram, (unsigned)i),
			u->next == LG_NEVER ? -1LL : (long long)u->next,
			(unsigned long long)lg_refresh_due(mc->ref, (unsigned)i));
	}
}
