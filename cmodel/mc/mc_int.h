/*
 * Internal state of lg_mc, shared by the controller's files:
 *   mc.c        creation, queues, the tick (refresh, scheduling, issue,
 *               completion) and the public queries;
 *   mc_cand.c   the candidate cache the scheduler policy picks from;
 *   mc_ff.c     the idle fast-forward;
 *   page*.c     the page policy table; sched*.c the scheduler table.
 * Nothing outside cmodel/mc includes it.
 */
#ifndef LG_MC_INT_H
#define LG_MC_INT_H

#include <stdlib.h>
#include <string.h>

#include "core/lg_zmem.h"
#include "dram/dram_int.h"
#include "dram/refresh.h"
#include "mc/class_arb.h"
#include "mc/mc.h"
#include "mc/page.h"
#include "mc/sched.h"
#include "rec/carb_rec.h"

typedef struct qent {
	lg_req *r;
	uint64_t ready;      /* first cycle it may be scheduled */
	uint64_t accepted;   /* cycle accepted */
	uint32_t row, col;
	uint16_t bank;
	uint8_t op;          /* command plan (lg_op): RD; WR; NMC = RD -> ALU -> WR */
	uint8_t ccmd;        /* column command the plan needs next (LG_CMD_RD/WR) */
	uint8_t cls;         /* traffic class (lg_tclass) */
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
	/* what every tick and push reads first, then the per-bank arrays */
	qent *rq, *wq;
	lg_sched_cand *cr, *cw; /* candidates, parallel to rq / wq */
	int nrq, nwq;
	uint64_t next;          /* no progress possible before this cycle */
	uint64_t act;           /* cached queue positions that are not followers (mc->fast) */
	int valid;              /* queue whose candidates are current: 0 rq, 1 wq, -1 none */
	int nact;               /* bits set in act */
	int serve;              /* the queue served last (0 rq, 1 wq) */
	int npin[2];            /* requests of rq / wq a row was opened for, not yet served */
	int nnmc;               /* NMC requests queued */
	int nmc_mid;            /* NMC requests between their RD and WR (write queue held) */
	bool draining;
	uint32_t *streak;       /* [bank] column hits since ACT */
	uint16_t *hits;         /* [bank] requests of the cached queue hitting its open row */
	uint16_t *hitk;         /* [bkey] the same per (bank, class), NMC requests aside */
	uint64_t *mbank;        /* bkeys with a miss in the cached queue (see row_follower) */
	const int32_t *open_row; /* the unit's open rows in mc->dram (lg_dram_open_row_fast) */
	uint16_t *pin;          /* [bank] NMC requests between RD and WR: no PRE */
	unsigned ch, pc;
	qent *rq_end, *wq_end;  /* the ends of the buffers rq / wq slide in */
	qent *rq0, *wq0;        /* those buffers (queue_buf() entries) */
	lg_sched_cand *cr0, *cw0;
	void *sst;              /* scheduler policy state (NULL: none) */
	lg_carb_state carb;     /* class arbiter state */
	uint8_t arr[LG_TC_COUNT]; /* requests accepted since the arbiter's last step */
	uint64_t carb_t;        /* last cycle the arbiter stepped (+1; 0 = never) */
	lg_mc_stats st;         /* last: its counters come before its histograms */
} unit;

struct lg_mc {
	const lg_cfg *cfg;
	lg_dram_spec s;
	lg_addrmap map;
	lg_dram *dram;
	lg_refresh *ref;
	const lg_sched_policy *sched;
	lg_sched_params sp;     /* its parameters */
	const lg_page_policy *page;
	uint64_t page_close;    /* bit h: page->close_after(h), h < 64 (it keeps no state) */
	lg_req_sink sink;
	lg_cmdlog *log;
	int nunits;
	unit *u;
	int rq_depth, wq_depth;
	int wq_hi, wq_lo;       /* drain watermarks, entries */
	unsigned cap;
	uint64_t frontend;
	uint64_t next;          /* min over units */
	uint64_t *pnext;        /* per unit pair (2i, 2i + 1): min of their next (tick_pairs), then 0 */
	size_t pending;         /* requests queued, all units */
	bool selfcheck;         /* re-check every command with lg_dram_earliest */
	bool observed;          /* selfcheck or log: issue() takes issue_observed() */
	bool fast;              /* queues of <= 64 entries: units keep act masks */
	bool fast_narrow;       /* fast and kw == 1 (lg_mc_refresh_cands) */
	int *scratch;           /* candidate indices, max queue depth */
	unsigned bw;            /* 64-bit words of a bank set */
	unsigned kw;            /* ... and of a (bank, class) key set */
	uint64_t *bm;           /* moved_banks() output: LG_T_N bank sets */
	uint64_t (*mbt)[LG_T_N]; /* one-word sets: moved banks of one command, [class * banks + bank] */
	uint64_t *klh, *kml;    /* refresh passes: leaders seen (hits, misses), key sets */
	uint64_t nmc_alu;       /* NMC: cycles from read data to write data (ALU) */
	lg_carb_params carbp;   /* class arbiter parameters ([mc] class_*) */
	lg_carb_rec *rec;       /* records unit rec_unit's arbiter (NULL: none) */
	unsigned rec_unit;
	lg_sched_cand *fc;      /* pick(): candidates of the allowed classes (max depth) */
	int *fidx;              /* ... and their queue positions */
	uint64_t *rel;          /* pick(): PICK_RELEASE's bank sets, 2 x bw words */
	lg_sched_cand pc[64];   /* pick(): the active candidates, compacted (fast) */
	int pidx[64];           /* ... and their queue positions */
	uint64_t violations;    /* commands the re-check found early */
	uint64_t completed;     /* requests completed, all units (lg_mc_tick's progress) */
	ff_state ff;            /* idle fast-forward */
	lg_zarena *mem;         /* the units' queue buffers and per-bank arrays */
};

/* min of two cycles. */
static inline uint64_t umin(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The first memory cycle at or after t. */
static inline uint64_t cycle_of(const lg_mc *mc, lg_ps t)
{
	return (t + mc->s.tCK_ps - 1) / mc->s.tCK_ps;
}

/* Timing class of the commands a candidate can carry. */
static const uint8_t cmd_class[LG_CMD_N] = {
	[LG_CMD_ACT] = LG_T_ACT, [LG_CMD_PRE] = LG_T_PRE,
	[LG_CMD_RD] = LG_T_RD, [LG_CMD_WR] = LG_T_WR,
};

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
 * Sets of banks, or of (bank, traffic class) keys (bkey), as arrays of
 * 64-bit words (mc->bw, mc->kw words): no limit on banks per unit.
 */
static inline int bs_has(const uint64_t *s, unsigned k)
{
	return (int)((s[k >> 6] >> (k & 63)) & 1);
}

static inline void bs_add(uint64_t *s, unsigned k)
{
	s[k >> 6] |= 1ull << (k & 63);
}

static inline void bs_clear(uint64_t *s, unsigned words)
{
	for (unsigned w = 0; w < words; w++)
		s[w] = 0;
}

/* Key of a (bank, traffic class) pair: candidates lead per key. */
static inline unsigned bkey(unsigned bank, unsigned cls)
{
	return bank << 1 | cls;
}

/*
 * What an issue changed, for refresh_cands: the banks whose candidates
 * need their command recomputed (opened or closed, or an NMC request's
 * plan moved on), the banks used (bank-scope delays, streaks), and the
 * commands (class, bank: moved_banks derives the classes delayed
 * pseudo-channel-wide or within a bank group). At most two commands issue
 * a tick, so the banks are short lists.
 */
typedef struct issued_set {
	uint64_t chg1, used1; /* the same as bit masks of bank & 63 (exact up to 64 banks) */
	int nchg;             /* banks changed */
	unsigned chg[2];
	unsigned pcmask;      /* classes delayed on every bank besides the commands' */
	int ncmd;             /* commands noted (at most 2 a tick) */
	int cls[2];           /* their timing classes */
	unsigned bank[2];     /* and banks (the banks used) */
} issued_set;

/* Is bank b in the changed list? */
static inline int is_changed(const issued_set *is, unsigned b)
{
	return (is->nchg > 0 && is->chg[0] == b) || (is->nchg > 1 && is->chg[1] == b);
}

/* Was a command issued to bank b? */
static inline int is_used(const issued_set *is, unsigned b)
{
	return (is->ncmd > 0 && is->bank[0] == b) || (is->ncmd > 1 && is->bank[1] == b);
}

/* Mark bank b's candidates for a whole recompute. */
static inline void note_changed(issued_set *is, unsigned b)
{
	if (!is_changed(is, b))
		is->chg[is->nchg++] = b;
	is->chg1 |= 1ull << (b & 63);
}

/* Record cmd (timing class cls) issued to bank b. */
static inline void note_issue(issued_set *is, lg_cmd cmd, int cls, unsigned b)
{
	if (cmd != LG_CMD_RD && cmd != LG_CMD_WR)
		note_changed(is, b);
	is->used1 |= 1ull << (b & 63);
	is->cls[is->ncmd] = cls;
	is->bank[is->ncmd++] = b;
}

/*
 * Follower hits. Row hits of one bank and traffic class (one key) are
 * served oldest first by every policy (same command, same constraints,
 * readiness in arrival order, same class for the class arbiter), so only
 * the oldest hit of a key -- its leader -- carries a real earliest cycle;
 * younger hits carry LG_NEVER until they lead. A follower's value is only
 * revisited when its bank's hit class moved, and then every hit of that
 * bank is revisited in age order. A hit leader leaves only by completing,
 * which marks its bank used, promoting the next hit of its key.
 */
static inline int hit_follower(uint64_t *lh, unsigned key)
{
	if (bs_has(lh, key))
		return 1;
	bs_add(lh, key);
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
static inline int row_follower(uint64_t *ml, unsigned key)
{
	return hit_follower(ml, key);
}

/*
 * Whether candidate c takes part in the leader/follower scheme: NMC
 * requests do not (their column command and readiness follow their own
 * plan), they are always active candidates.
 */
static inline int cand_follows(const lg_sched_cand *c)
{
	return !c->nmc;
}

/*
 * Whether every queued request of unit u is a COMPUTE read or write (no
 * COMM, no NMC): then every candidate leads per bank alone and the
 * candidate passes can take the class and the leader rule as constants.
 */
static inline int unit_plain(const unit *u)
{
	return u->st.cls_occ[LG_TC_COMM] == 0 && u->nnmc == 0;
}

/*
 * The queue to serve (1 = writes). NMC requests queue with the writes;
 * once one has issued its RD the write queue is served until its WR has
 * issued (u->nmc_mid), so the row it read stays open for the write.
 */
static inline int want_queue(const unit *u)
{
	return u->draining || u->nmc_mid > 0 || (u->nrq == 0 && u->nwq > 0);
}

/*
 * The row rule: a row opened for a request is not closed before that
 * request is served, across read/write switches. The served queue does
 * not switch while it holds requests an ACT was issued for (u->npin);
 * until they are served only they may issue (schedule()), then it
 * switches.
 */
static inline int pick_queue(const unit *u)
{
	int want = want_queue(u);

	return want != u->serve && u->npin[u->serve] > 0 ? u->serve : want;
}

/*
 * The pin rule (docs/dram.md, "Near-memory compute"): while NMC requests
 * are between their RD and WR on bank b (u->pin[b]), the row they read
 * stays the only row of b. No PRE on b (refresh aside), no ACT on b but
 * theirs (after a refresh closed it), and no auto-precharge on b but that
 * of the last of them (schedule()). Otherwise another request could take
 * the bank and the NMC request would wait for a PRE it forbids: the
 * livelock wrr x CLOSE_PAGE x HBM3 once showed (test 116).
 */
static inline int pin_guarded(const unit *u, const lg_sched_cand *c)
{
	return c->row && u->pin[c->bank] && (c->cmd == LG_CMD_PRE || !c->mid);
}

/* mc_cand.c: the candidate cache (see there). */
int lg_mc_sets_init(lg_mc *mc);
uint64_t lg_mc_refresh_cands(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is);
uint64_t lg_mc_rebuild(lg_mc *mc, unit *u, unsigned uid, int wr);
uint64_t lg_mc_push_cand(lg_mc *mc, unit *u, unsigned uid, int wr, int k);
uint64_t lg_mc_cands_next(const lg_mc *mc, const unit *u, int wr);
void lg_mc_promote_hit(unit *u, const lg_sched_cand *c, int n, int i, unsigned bank,
		       unsigned cls);
/* pick() filter bits: the classes allowed (LG_CARB_ALLOW_*), and NMC-mid only. */
#define PICK_ALL (LG_CARB_ALLOW_COMPUTE | LG_CARB_ALLOW_COMM)
#define PICK_MID_ONLY 4u
#define PICK_PIN_ONLY 8u
#define PICK_PIN_GUARD 16u /* set while NMC requests are mid: pin_guarded() */
#define PICK_RELEASE 32u   /* with one class allowed: the other's begun requests and blocking hits */
void lg_mc_pick_filtered(lg_mc *mc, const unit *u, const lg_sched_cand *c, int n, uint64_t t,
			 unsigned filt, int *i, int *j);

/*
 * Pick one column and one row candidate ready at t (*i, *j; -1 = none).
 * When the cached queue u has follower hits (never ready), the policy sees
 * only the active candidates, still in age order: the oldest request is
 * always active and every miss is, so every policy picks the same. A
 * ready_only policy sees only those ready at t; one with pick_set gets
 * u->act itself. Inline: it runs every tick; filters other than PICK_ALL
 * go to lg_mc_pick_filtered.
 */
static inline void lg_mc_pick(lg_mc *mc, const unit *u, int wr, lg_sched_cand *c, int n,
			      uint64_t t, unsigned filt, int *i, int *j)
{
	int m = 0;
	uint64_t skip = mc->sched->ready_only ? t : LG_NEVER; /* leave out earliest > skip */

	if (filt != PICK_ALL) {
		lg_mc_pick_filtered(mc, u, c, n, t, filt, i, j);
		return;
	}
	if (mc->fast && u->valid == wr && mc->sched->pick_set) {
		mc->sched->pick_set(u->sst, &mc->sp, c, u->act, t, i, j);
		return;
	}
	if (!mc->fast || u->valid != wr || !act_sparse(u, n, 2)) {
		mc->sched->pick(u->sst, &mc->sp, c, n, t, i, j);
		return;
	}
	for (uint64_t a = u->act; a; a &= a - 1) {
		int k = __builtin_ctzll(a);

		if (c[k].earliest > skip)
			continue; /* the policy would not look at it */
		mc->pc[m] = c[k];
		mc->pidx[m++] = k;
	}
	mc->sched->pick(u->sst, &mc->sp, mc->pc, m, t, i, j);
	if (*i >= 0)
		*i = mc->pidx[*i];
	if (*j >= 0)
		*j = mc->pidx[*j];
}

/* mc.c: one unit's tick at cycle t (the fast-forward runs idle ticks). */
int lg_mc_unit_tick(lg_mc *mc, unit *u, unsigned uid, uint64_t t);

/* mc.c: mc->next and mc->pnext from the units' next cycles. */
void lg_mc_next_sync(lg_mc *mc);

/* mc_ff.c: free the fast-forward's buffers. */
void lg_mc_ff_free(lg_mc *mc);

#endif
