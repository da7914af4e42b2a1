/*
 * The candidate cache of the memory controller (docs/dram.md, "Scheduling
 * step"): one candidate per queued request of the served queue -- its next
 * command and that command's first legal cycle -- kept between ticks and
 * brought up to date after each issue, touching only the candidates whose
 * constraints the issued commands moved; and pick(), which hands the
 * policy the active candidates.
 */
#include "mc/mc_int.h"

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
int lg_mc_mbt_init(lg_mc *mc)
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

/*
 * Next command of queue entry e and its first legal cycle (never before
 * the entry is ready). pre_blocked is left for the caller.
 */
void lg_mc_cand_of(const lg_mc *mc, const unit *u, unsigned uid, const qent *e,
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
	c->timing = cmd_class[c->cmd];
	c->earliest = umax(lg_dram_earliest_fast(mc->dram, uid, c->timing, e->bank, fl), e->ready);
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
	unsigned b = ck->bank, cls = ck->timing;
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
		if ((bm[ck->timing] >> ck->bank) & 1) {
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
		unsigned b = ck->bank, cls = ck->timing;
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
		lg_mc_cand_of(mc, u, uid, &q[tk[x]], wr, &fl, ck);
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
uint64_t lg_mc_refresh_cands(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is)
{
	int nq = wr ? u->nwq : u->nrq;

	/* with few followers the plain pass is cheaper than walking u->act */
	if (mc->fast && is->changed == 0 && act_sparse(u, nq, 1))
		return refresh_active(mc, u, uid, wr, is);
	return refresh_all(mc, u, uid, wr, is);
}

/* Recompute every candidate of queue wr; it becomes the cached queue. */
uint64_t lg_mc_rebuild(lg_mc *mc, unit *u, unsigned uid, int wr)
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
		lg_mc_cand_of(mc, u, uid, &q[k], wr, &fl, &c[k]);
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
uint64_t lg_mc_push_cand(lg_mc *mc, unit *u, unsigned uid, int wr, int k)
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
					.pre_blocked = 0, .timing = cmd_class[cmd] };
		u->hits[b]++;
		return LG_NEVER;
	}
	lg_dram_floor_get(mc->dram, uid, &fl);
	lg_mc_cand_of(mc, u, uid, &q[k], wr, &fl, &c[k]);
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
uint64_t lg_mc_cands_next(const lg_mc *mc, const unit *u, int wr)
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
 * The leader hit at position i of a cached queue left: the next (oldest)
 * hit on its bank, which is younger, becomes a leader (into u->act); its
 * earliest cycle is recomputed by refresh_cands since its bank was used.
 */
void lg_mc_promote_hit(unit *u, const lg_sched_cand *c, int n, int i, unsigned bank)
{
	for (int k = i; k < n; k++) {
		if (c[k].bank == bank && c[k].hit) {
			u->act |= 1ull << k;
			u->nact++;
			return;
		}
	}
}

/*
 * Pick one column and one row candidate ready at t (*i, *j; -1 = none).
 * When the cached queue u has follower hits (never ready), the policy sees
 * only the active candidates, still in age order: the oldest request is
 * always active and every miss is, so every policy picks the same. A
 * ready_only policy sees only those ready at t.
 */
void lg_mc_pick(lg_mc *mc, const unit *u, int wr, lg_sched_cand *c, int n, uint64_t t,
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
