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
 * One-word sets (up to 32 banks): mc->mbt[class * banks + bank][x], the
 * banks whose class-x candidates a command of timing class `class` on
 * bank `bank` delays through their bank or bank group: the bank itself
 * and, for group-wide rules, the banks of its group. Pseudo-channel-wide
 * rules move only the floors (lg_dram_floor_get): moved_banks1 keeps
 * those classes apart (pass_sets.pcw).
 */
static int mbt_init(lg_mc *mc)
{
	const unsigned sh = mc->dram->bpg_shift;
	const uint64_t grp = (2ull << ((1u << sh) - 1)) - 1;
	int nb = mc->s.banks;

	mc->mbt = calloc((size_t)(LG_T_N * nb), sizeof(*mc->mbt));
	if (!mc->mbt)
		return -1;
	for (int c = 0; c < LG_T_N; c++)
		for (int b = 0; b < nb; b++)
			for (unsigned x = 0; x < LG_T_N; x++)
				mc->mbt[c * nb + b][x] =
					(((mc->dram->aff_bg[c] >> x) & 1) ? grp << (((unsigned)b >> sh) << sh) : 0) |
					1ull << b;
	return 0;
}

/* The bank and key sets' word counts and the scratch sets of the passes. */
int lg_mc_sets_init(lg_mc *mc)
{
	mc->bw = ((unsigned)mc->s.banks + 63) / 64;
	mc->kw = (2 * (unsigned)mc->s.banks + 63) / 64;
	mc->bm = calloc((size_t)LG_T_N * mc->bw, sizeof(*mc->bm));
	mc->klh = calloc(mc->kw, sizeof(*mc->klh));
	mc->kml = calloc(mc->kw, sizeof(*mc->kml));
	if (!mc->bm || !mc->klh || !mc->kml)
		return -1;
	if (mc->kw == 1 && mbt_init(mc))
		return -1;
	mc->fast_narrow = mc->fast && mc->kw == 1;
	return 0;
}

/*
 * Next command of queue entry e and its first legal cycle (never before
 * the entry is ready). pre_blocked is left for the caller. fl: the floors
 * (lg_dram_floor_get), or NULL to compute that of the command's class alone.
 */
static inline __attribute__((always_inline)) void
cand_of_p(const lg_mc *mc, const unit *u, unsigned uid, const qent *e, const lg_dram_floor *fl,
	  lg_sched_cand *c, const int plain)
{
	int64_t open = lg_dram_open_row_fast(mc->dram, uid, e->bank);

	c->bank = e->bank;
	c->hit = open == (int64_t)e->row;
	c->pre_blocked = 0;
	c->cls = plain ? LG_TC_COMPUTE : e->cls;
	c->nmc = plain ? 0 : e->op == LG_OP_NMC;
	c->mid = c->nmc & (e->ccmd == LG_CMD_WR);
	c->pinned = e->acted;
	c->streak = u->streak[e->bank];
	if (c->hit)
		c->cmd = e->ccmd;
	else
		c->cmd = open >= 0 ? LG_CMD_PRE : LG_CMD_ACT;
	c->row = !c->hit;
	c->timing = cmd_class[c->cmd];
	c->earliest = umax(fl ? lg_dram_earliest_fast(mc->dram, uid, c->timing, e->bank, fl) :
				lg_dram_earliest_cls(mc->dram, uid, c->timing, e->bank),
			   e->ready);
}

/* cand_of_p for any unit (see unit_plain). */
static inline __attribute__((always_inline)) void
cand_of(const lg_mc *mc, const unit *u, unsigned uid, const qent *e, const lg_dram_floor *fl,
	lg_sched_cand *c)
{
	cand_of_p(mc, u, uid, e, fl, c, 0);
}

/*
 * Add the bank group starting at bank first (1 << sh banks, aligned: a
 * group of up to 64 banks lies in one word, a larger one fills words).
 */
static inline void bs_add_group(uint64_t *s, unsigned first, unsigned sh)
{
	if (sh >= 6) {
		for (unsigned w = 0; w < (1u << (sh - 6)); w++)
			s[(first >> 6) + w] = ~0ull;
		return;
	}
	s[first >> 6] |= ((2ull << ((1u << sh) - 1)) - 1) << (first & 63);
}

/*
 * bm (LG_T_N bank sets of mc->bw words, class x at bm + x * bw): the banks
 * whose class-x candidates got a new earliest cycle from the commands in
 * is: the used banks; every bank for the classes a command delays
 * pseudo-channel-wide (or is->pcmask); the banks of the command's bank
 * group for the classes it delays within the group.
 */
static inline void moved_banks(const lg_mc *mc, const issued_set *is, uint64_t *bm)
{
	const lg_dram *d = mc->dram;
	const unsigned sh = d->bpg_shift, bw = mc->bw;
	unsigned pcm = is->pcmask & 15;

	for (int k = 0; k < is->ncmd; k++)
		pcm |= d->aff_pc[is->cls[k]];
	for (unsigned x = 0; x < LG_T_N; x++) {
		uint64_t v = ((pcm >> x) & 1) ? ~0ull : 0;

		for (unsigned w = 0; w < bw; w++)
			bm[x * bw + w] = v;
	}
	for (int k = 0; k < is->ncmd; k++) { /* the union over the commands */
		unsigned b = is->bank[k], first = (b >> sh) << sh;
		unsigned m1 = d->aff_bg[is->cls[k]] & ~pcm;

		for (unsigned x = 0; x < LG_T_N; x++)
			bs_add(bm + x * bw, b);
		for (; m1; m1 &= m1 - 1)
			bs_add_group(bm + (unsigned)__builtin_ctz(m1) * bw, first, sh);
	}
}

/*
 * The floors of lg_dram_floor_get, computed per class on first use (have:
 * bit per class), and the unit's state recompute() reads, taken once a pass.
 */
typedef struct lazy_floor {
	uint64_t f[LG_T_N];
	unsigned have;
	unsigned sh;            /* the bank-group shift */
	const unit_st *us;      /* the unit's timing state */
	const uint32_t *streak; /* u->streak */
} lazy_floor;

/*
 * The sets one refresh pass works with: the changed and used banks, the
 * moved banks per timing class (moved_banks) and the leaders seen (hits,
 * misses). When every (bank, class) key fits in one word (narrow: up to 32
 * banks, every preset) they are single words the compiler keeps in
 * registers; otherwise arrays of words (mc->bm, mc->klh, mc->kml). The
 * passes are written once and instantiated for both (NARROW constant).
 */
typedef struct pass_sets {
	uint64_t chg1, used1, bm1[LG_T_N], lh1, ml1; /* narrow */
	unsigned pcw;                                /* narrow: see moved_banks1 */
	uint64_t *bm, *lh, *ml;                      /* wide */
} pass_sets;

#define PASS_INLINE static inline __attribute__((always_inline))

/*
 * The traffic class of candidate ck and whether it takes part in the
 * leader scheme; a plain pass (unit_plain: COMPUTE reads and writes only)
 * knows both without loading them.
 */
PASS_INLINE unsigned ps_cls(const lg_sched_cand *ck, const int plain)
{
	return plain ? LG_TC_COMPUTE : ck->cls;
}

PASS_INLINE int ps_follows(const lg_sched_cand *ck, const int plain)
{
	return plain || cand_follows(ck);
}

/*
 * moved_banks for one-word sets, in two parts: bm[x], the banks whose
 * class-x candidates need their earliest cycle recomputed (the used banks
 * and the union of each command's mc->mbt group masks), and *pcw, the
 * classes whose floor moved (pseudo-channel-wide rules, is->pcmask). A
 * class-x candidate of pcw outside bm[x] only needs the new floor: its
 * bank and group terms did not move, and a floor never goes down, so its
 * earliest cycle becomes max(earliest, floor) (see floor_only).
 */
PASS_INLINE void moved_banks1(const lg_mc *mc, const issued_set *is, uint64_t bm[LG_T_N],
			      unsigned *pcw)
{
	unsigned pcm = is->pcmask & 15;

	/* the used banks (is->used1) are those of the commands: in mc->mbt */
	bm[LG_T_ACT] = bm[LG_T_PRE] = bm[LG_T_RD] = bm[LG_T_WR] = 0;
	for (int k = 0; k < is->ncmd; k++) {
		const uint64_t *t = mc->mbt[is->cls[k] * mc->s.banks + (int)is->bank[k]];

		bm[LG_T_ACT] |= t[LG_T_ACT];
		bm[LG_T_PRE] |= t[LG_T_PRE];
		bm[LG_T_RD] |= t[LG_T_RD];
		bm[LG_T_WR] |= t[LG_T_WR];
		pcm |= mc->dram->aff_pc[is->cls[k]];
	}
	*pcw = pcm & 15;
}

PASS_INLINE void ps_init(lg_mc *mc, const issued_set *is, pass_sets *p, const int narrow)
{
	if (narrow) {
		p->chg1 = is->chg1;
		p->used1 = is->used1;
		p->lh1 = p->ml1 = 0;
		moved_banks1(mc, is, p->bm1, &p->pcw);
		return;
	}
	p->pcw = 0; /* wide: bm holds every moved bank */
	p->bm = mc->bm;
	p->lh = mc->klh;
	p->ml = mc->kml;
	bs_clear(p->lh, mc->kw);
	bs_clear(p->ml, mc->kw);
	moved_banks(mc, is, p->bm);
}

PASS_INLINE int ps_changed(const pass_sets *p, const issued_set *is, unsigned b, const int narrow)
{
	return narrow ? (int)((p->chg1 >> b) & 1) : is_changed(is, b);
}

PASS_INLINE int ps_used(const pass_sets *p, const issued_set *is, unsigned b, const int narrow)
{
	return narrow ? (int)((p->used1 >> b) & 1) : is_used(is, b);
}

PASS_INLINE int ps_moved(const pass_sets *p, unsigned cls, unsigned b, unsigned bw,
			 const int narrow)
{
	return narrow ? (int)((p->bm1[cls] >> b) & 1) : bs_has(p->bm + cls * bw, b);
}

/*
 * Whether a candidate of class cls that ps_moved leaves out had its floor
 * moved (narrow passes): its earliest cycle becomes max(earliest, floor).
 * Followers stay LG_NEVER so; a leader's earliest was max(bank, group,
 * floor, ready) terms of which only the floor moved, and upwards.
 */
PASS_INLINE int floor_only(const pass_sets *p, unsigned cls, const int narrow)
{
	return narrow && ((p->pcw >> cls) & 1);
}

/*
 * hit_follower / row_follower on the pass's sets (miss: row_follower). A
 * plain narrow pass keeps both in lh1: a hit at its key, a miss at key + 1
 * (the COMM key of the bank, which no queued request has).
 */
_Static_assert(LG_TC_COUNT == 2, "bkey() and the plain pass's sets hold two classes a bank");

PASS_INLINE int ps_follower(pass_sets *p, unsigned key, int hit, const int narrow,
			    const int plain)
{
	if (narrow && plain) {
		uint64_t bit = 1ull << (key + !hit);

		if (p->lh1 & bit)
			return 1;
		p->lh1 |= bit;
		return 0;
	}
	if (narrow) {
		uint64_t bit = 1ull << key;

		if (hit) {
			if (p->lh1 & bit)
				return 1;
			p->lh1 |= bit;
		} else {
			if (p->ml1 & bit)
				return 1;
			p->ml1 |= bit;
		}
		return 0;
	}
	return hit ? hit_follower(p->lh, key) : row_follower(p->ml, key);
}

/* u->mbank = the pass's misses on the changed banks, the old set elsewhere. */
PASS_INLINE void ps_mbank(unit *u, const issued_set *is, const pass_sets *p, const int narrow,
			  const int plain)
{
	if (narrow) { /* one word: the keys of the changed banks as one mask */
		uint64_t m = 0;
		/* plain: the misses sit one above their COMPUTE keys in lh1 */
		uint64_t ml = plain ? (p->lh1 >> 1) & 0x5555555555555555ull : p->ml1;

		for (int x = 0; x < is->nchg; x++)
			m |= ((1ull << LG_TC_COUNT) - 1) << bkey(is->chg[x], 0);
		u->mbank[0] = (u->mbank[0] & ~m) | (ml & m);
		return;
	}
	for (int x = 0; x < is->nchg; x++) {
		for (unsigned cl = 0; cl < LG_TC_COUNT; cl++) {
			unsigned key = bkey(is->chg[x], cl);
			uint64_t bit = 1ull << (key & 63), ml = narrow ? p->ml1 : p->ml[key >> 6];

			u->mbank[key >> 6] = (u->mbank[key >> 6] & ~bit) | (ml & bit);
		}
	}
}

/*
 * Candidate k of u->act on an unchanged bank b, whose class moved: a new
 * earliest cycle. Returns 1 if k is a PRE whose bank lost a hit (its
 * blocking must be re-derived by the caller). u->act holds no follower
 * (rebuild(), push_cand() and changed_tail() leave them out, complete()
 * promotes only the oldest hit of a key), so k leads; on an unchanged
 * bank a leader stays a leader (new hits are younger), so u->act does not
 * change here.
 */
PASS_INLINE int recompute(lg_mc *mc, unsigned uid, const qent *q, lg_sched_cand *c,
			  int k, const issued_set *is, lazy_floor *fl, pass_sets *p,
			  const int narrow)
{
	lg_sched_cand *ck = &c[k];
	unsigned b = ck->bank, cls = ck->timing;
	const unit_st *us = fl->us;

	if (!((fl->have >> cls) & 1)) {
		fl->f[cls] = lg_dram_floor_cls(mc->dram, uid, (int)cls);
		fl->have |= 1u << cls;
	}
	ck->earliest = umax(umax(us->bank_next[b][cls], us->bg_next[b >> fl->sh][cls]),
			    umax(fl->f[cls], q[k].ready));
	ck->streak = fl->streak[b];
	return ck->cmd == LG_CMD_PRE && ps_used(p, is, b, narrow);
}

/*
 * One candidate k of u->act in a pass over u->act: a new earliest cycle if
 * its bank or class moved (k goes to tk if it is a PRE whose bank lost a
 * hit), and its share of *next.
 */
PASS_INLINE void active_one(lg_mc *mc, unsigned uid, const qent *q, lg_sched_cand *c,
			    int k, const issued_set *is, lazy_floor *fl, pass_sets *p, int *tk,
			    int *nt, uint64_t *next, const int narrow)
{
	lg_sched_cand *ck = &c[k];

	if (ps_moved(p, ck->timing, ck->bank, mc->bw, narrow)) {
		if (recompute(mc, uid, q, c, k, is, fl, p, narrow)) {
			tk[(*nt)++] = k;
			return;
		}
	} else if (floor_only(p, ck->timing, narrow)) {
		unsigned cls = ck->timing;

		if (!((fl->have >> cls) & 1)) {
			fl->f[cls] = lg_dram_floor_cls(mc->dram, uid, (int)cls);
			fl->have |= 1u << cls;
		}
		ck->earliest = umax(ck->earliest, fl->f[cls]);
	}
	if (ck->earliest < *next && (!ck->pre_blocked || ck->streak >= mc->cap))
		*next = ck->earliest;
}

/*
 * active_one over every candidate of u->act, in queue order, from a fresh
 * lazy floor and pass sets (*p); skip_chg: leave out the changed banks.
 * Returns the earliest cycle of those; tk[0..*nt) gets the PREs to redo.
 */
PASS_INLINE uint64_t walk_act(lg_mc *mc, unit *u, unsigned uid, const qent *q, lg_sched_cand *c,
			      const issued_set *is, pass_sets *p, int *tk, int *nt,
			      const int skip_chg, const int narrow)
{
	uint64_t next = LG_NEVER, m = u->act;
	lazy_floor fl;

	fl.have = 0;
	fl.sh = mc->dram->bpg_shift;
	fl.us = &mc->dram->u[uid];
	fl.streak = u->streak;
	ps_init(mc, is, p, narrow);
	while (m) {
		int k = __builtin_ctzll(m);

		m &= m - 1;
		if (!skip_chg || !ps_changed(p, is, c[k].bank, narrow))
			active_one(mc, uid, q, c, k, is, &fl, p, tk, nt, &next, narrow);
	}
	return next;
}

/*
 * Fast form of refresh_cands when no bank opened or closed: only the
 * candidates in u->act (leaders and misses) can carry a finite earliest
 * cycle, so followers are not visited. complete() promotes the next hit
 * of a key into u->act when its leader leaves. Nothing in it depends on
 * plain (it visits leaders and misses only).
 */
PASS_INLINE uint64_t refresh_active(lg_mc *mc, unit *u, unsigned uid, int wr,
				    const issued_set *is, const int narrow, const int plain)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int nt = 0, *tk = mc->scratch;
	pass_sets p;
	uint64_t next = walk_act(mc, u, uid, q, c, is, &p, tk, &nt, 0, narrow);

	(void)plain;
	for (int x = 0; x < nt; x++) {
		lg_sched_cand *ck = &c[tk[x]];

		ck->pre_blocked = u->hits[ck->bank] > 0;
		wake_for(mc, ck, &next);
	}
	return next;
}

/*
 * The end of a pass: the candidates tk[0..nt) on changed banks are
 * recomputed whole in queue order (hits, leaders and u->act follow), the
 * misses of the changed banks' keys go to u->mbank, then every candidate
 * of tk gets its PRE blocking and its share of the returned next.
 */
PASS_INLINE uint64_t changed_tail(lg_mc *mc, unit *u, unsigned uid, const qent *q,
				  lg_sched_cand *c, const int *tk, int nt, const lg_dram_floor *fl,
				  pass_sets *p, const issued_set *is, uint64_t next, const int narrow,
				  const int plain)
{
	for (int x = 0; x < nt; x++) { /* changed banks: whole candidate */
		lg_sched_cand *ck = &c[tk[x]];
		uint64_t bit = 1ull << (tk[x] & 63);
		unsigned key;

		if (!ps_changed(p, is, ck->bank, narrow))
			continue;
		u->hits[ck->bank] -= ck->hit;
		u->hitk[bkey(ck->bank, ps_cls(ck, plain))] -= ck->hit && ps_follows(ck, plain);
		cand_of_p(mc, u, uid, &q[tk[x]], fl, ck, plain);
		key = bkey(ck->bank, ps_cls(ck, plain));
		u->hits[ck->bank] += ck->hit;
		u->hitk[key] += ck->hit && ps_follows(ck, plain);
		u->nact -= (u->act & bit) != 0;
		u->act |= bit;
		if (ps_follows(ck, plain) && ps_follower(p, key, ck->hit, narrow, plain)) {
			ck->earliest = LG_NEVER;
			u->act &= ~bit;
		}
		u->nact += (u->act & bit) != 0;
	}
	ps_mbank(u, is, p, narrow, plain); /* keys with a miss, exact on changed banks */
	for (int x = 0; x < nt; x++) {
		lg_sched_cand *ck = &c[tk[x]];

		if (ck->cmd == LG_CMD_PRE)
			ck->pre_blocked = u->hits[ck->bank] > 0;
		wake_for(mc, ck, &next);
	}
	return next;
}


/* refresh_cands over every queued candidate (followers, changed banks). */
PASS_INLINE uint64_t refresh_all(lg_mc *mc, unit *u, unsigned uid, int wr, const issued_set *is,
				 const int narrow, const int plain)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq, nt = 0;
	int *tk = mc->scratch;
	uint64_t next = LG_NEVER;
	const unsigned cap = mc->cap, sh = mc->dram->bpg_shift, bw = mc->bw;
	const unit_st *us = &mc->dram->u[uid];
	const uint64_t (*bn)[LG_T_N] = us->bank_next;
	const uint64_t (*gn)[LG_T_N] = us->bg_next;
	const uint32_t *streak = u->streak;
	lg_dram_floor fl;
	pass_sets p;

	lg_dram_floor_get(mc->dram, uid, &fl);
	ps_init(mc, is, &p, narrow);
	for (int k = 0; k < n; k++) {
		lg_sched_cand *ck = &c[k];
		unsigned b = ck->bank, cls = ck->timing;
		uint64_t e;

		if (ps_changed(&p, is, b, narrow)) {
			tk[nt++] = k;
			continue;
		}
		e = ck->earliest;
		if (ps_moved(&p, cls, b, bw, narrow)) { /* as recompute(), inline */
			if (ps_follows(ck, plain) &&
			    ps_follower(&p, bkey(b, ps_cls(ck, plain)), ck->hit, narrow, plain)) {
				ck->earliest = LG_NEVER;
				continue;
			}
			e = umax(umax(bn[b][cls], gn[b >> sh][cls]), umax(fl.f[cls], q[k].ready));
			ck->earliest = e;
			ck->streak = streak[b];
			if (ck->cmd == LG_CMD_PRE && ps_used(&p, is, b, narrow)) {
				tk[nt++] = k; /* its bank lost a hit: blocking may change */
				continue;
			}
		} else if (floor_only(&p, cls, narrow)) {
			e = umax(e, fl.f[cls]);
			ck->earliest = e;
		}
		if (e < next && (!ck->pre_blocked || ck->streak >= cap))
			next = e;
	}
	return changed_tail(mc, u, uid, q, c, tk, nt, &fl, &p, is, next, narrow, plain);
}

/*
 * refresh_cands after a bank opened or closed, when few candidates are
 * active: the candidates of u->act on unchanged banks as refresh_active
 * (on such a bank leaders stay leaders and followers followers), then
 * every candidate of a changed bank, in queue order, as refresh_all. The
 * followers on unchanged banks, which refresh_all also visits, carry
 * LG_NEVER before and after.
 */
PASS_INLINE uint64_t refresh_changed(lg_mc *mc, unit *u, unsigned uid, int wr,
				     const issued_set *is, const int narrow, const int plain)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq, nt = 0, *tk = mc->scratch;
	lg_dram_floor fl;
	pass_sets p;
	uint64_t next = walk_act(mc, u, uid, q, c, is, &p, tk, &nt, 1, narrow);

	for (int k = 0; k < n; k++)
		if (ps_changed(&p, is, c[k].bank, narrow))
			tk[nt++] = k;
	lg_dram_floor_get(mc->dram, uid, &fl);
	return changed_tail(mc, u, uid, q, c, tk, nt, &fl, &p, is, next, narrow, plain);
}

/*
 * The pass instances lg_mc_refresh_cands chooses from (narrow: one-word
 * sets; plain: unit_plain), one function each so that each saves only the
 * registers it uses (as one function with all of them inline, every call
 * paid the frame of the largest).
 */
#define PASS_VARIANT(name, pass, narrow, plain)                                              \
	static __attribute__((noinline)) uint64_t name(lg_mc *mc, unit *u, unsigned uid, int wr, \
						       const issued_set *is)                      \
	{                                                                                    \
		return pass(mc, u, uid, wr, is, narrow, plain);                              \
	}
PASS_VARIANT(active_n, refresh_active, 1, 0)
PASS_VARIANT(active_w, refresh_active, 0, 0)
PASS_VARIANT(all_np, refresh_all, 1, 1)
PASS_VARIANT(all_n, refresh_all, 1, 0)
PASS_VARIANT(all_w, refresh_all, 0, 0)
PASS_VARIANT(changed_np, refresh_changed, 1, 1)

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

	if (mc->fast_narrow) { /* every preset: the same choices, fewer tests */
		int plain;

		if (is->nchg == 0 && act_sparse(u, nq, 1))
			return active_n(mc, u, uid, wr, is);
		plain = unit_plain(u);
		/* a bank changed: walking u->act pays while it is a quarter of the queue */
		if (plain && act_sparse(u, nq, 4))
			return changed_np(mc, u, uid, wr, is);
		return plain ? all_np(mc, u, uid, wr, is) : all_n(mc, u, uid, wr, is);
	}
	/* with few followers the plain pass is cheaper than walking u->act */
	if (mc->fast && is->nchg == 0 && act_sparse(u, nq, 1)) {
		if (mc->kw == 1)
			return active_n(mc, u, uid, wr, is);
		return active_w(mc, u, uid, wr, is);
	}
	if (mc->kw == 1)
		return unit_plain(u) ? all_np(mc, u, uid, wr, is) : all_n(mc, u, uid, wr, is);
	return all_w(mc, u, uid, wr, is);
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
	memset(u->hitk, 0, 2 * (size_t)mc->s.banks * sizeof(*u->hitk));
	u->act = 0;
	u->nact = 0;
	bs_clear(u->mbank, mc->kw);
	for (int k = 0; k < n; k++) {
		unsigned key;
		int follower = 0;

		cand_of(mc, u, uid, &q[k], &fl, &c[k]);
		key = bkey(c[k].bank, c[k].cls);
		u->hits[c[k].bank] += c[k].hit;
		if (cand_follows(&c[k]))
			follower = c[k].hit ? u->hitk[key]++ > 0 : row_follower(u->mbank, key);
		if (follower)
			c[k].earliest = LG_NEVER;
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

/* Append the candidate of a new entry (no ACT issued for it yet) to a cached queue. */
uint64_t lg_mc_push_cand(lg_mc *mc, unit *u, unsigned uid, int wr, int k)
{
	const qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	unsigned b = q[k].bank, key = bkey(b, q[k].cls);
	int nmc = q[k].op == LG_OP_NMC;

	if (!nmc && u->hitk[key] > 0 && u->open_row[b] == (int64_t)q[k].row) {
		/* a follower hit (the common push of a stream): as cand_of, never ready */
		lg_cmd cmd = (lg_cmd)q[k].ccmd;

		c[k] = (lg_sched_cand){ .earliest = LG_NEVER, .streak = u->streak[b],
					.bank = (uint16_t)b, .cmd = (uint8_t)cmd, .row = 0, .hit = 1,
					.pre_blocked = 0, .timing = cmd_class[cmd],
					.cls = q[k].cls, .nmc = 0, .pinned = 0, .mid = 0 };
		u->hits[b]++;
		u->hitk[key]++;
		return LG_NEVER;
	}
	cand_of(mc, u, uid, &q[k], NULL, &c[k]); /* one class: its floor alone */
	if (c[k].hit) {
		u->hits[b]++;
		if (!nmc && u->hitk[key]++ > 0) { /* a follower hit: its leader goes first */
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
	if (!nmc && row_follower(u->mbank, key)) { /* an older miss of key goes first */
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
 * hit of its key (bank, class), which is younger, becomes a leader (into u->act); its
 * earliest cycle is recomputed by refresh_cands since its bank was used.
 */
void lg_mc_promote_hit(unit *u, const lg_sched_cand *c, int n, int i, unsigned bank,
		       unsigned cls)
{
	for (int k = i; k < n; k++) {
		if (c[k].bank == bank && c[k].hit && c[k].cls == cls && cand_follows(&c[k])) {
			u->act |= 1ull << k;
			u->nact++;
			return;
		}
	}
}

/*
 * PICK_RELEASE (docs/arbitration.md, "What MCA sees as ready"): the banks where a PRE of an allowed class waits only for hits of a
 * class the arbiter holds back (no allowed hit on the bank). Those hits
 * may issue, so a row opened for a held-back request releases its bank
 * by serving it, not by waiting for that class's next grant. Result in
 * mc->rel (bw words); mc->rel + bw holds the banks with allowed hits.
 */
static void release_banks(lg_mc *mc, const lg_sched_cand *c, int n, unsigned filt)
{
	uint64_t *want = mc->rel, *own = mc->rel + mc->bw;

	bs_clear(mc->rel, 2 * mc->bw);
	for (int k = 0; k < n; k++) {
		if (!((filt >> c[k].cls) & 1))
			continue;
		if (c[k].hit)
			bs_add(own, c[k].bank);
		else if (c[k].cmd == LG_CMD_PRE && c[k].pre_blocked)
			bs_add(want, c[k].bank);
	}
	for (unsigned w = 0; w < mc->bw; w++)
		want[w] &= ~own[w];
}

/*
 * Whether PICK_RELEASE lets candidate c of a class held back go: it was
 * begun (a row was opened for it, c->pinned) and is carried to its end,
 * or it hits a row an allowed PRE waits for (release_banks()).
 */
static inline int released(const lg_mc *mc, const lg_sched_cand *c)
{
	return c->pinned || (c->hit && bs_has(mc->rel, c->bank));
}

/*
 * pick() when the class arbiter allows only some classes, or only NMC
 * requests between their RD and WR may go, or banks are pinned by such
 * requests (filt): the policy sees the candidates that pass, in age order.
 * Leaders are kept per (bank, class) and NMC requests are always active,
 * so every request the filter lets through that could issue is among them.
 */
void lg_mc_pick_filtered(lg_mc *mc, const unit *u, const lg_sched_cand *c, int n, uint64_t t,
			 unsigned filt, int *i, int *j)
{
	int m = 0;

	if (filt & PICK_RELEASE)
		release_banks(mc, c, n, filt);
	for (int k = 0; k < n; k++) {
		if (c[k].earliest == LG_NEVER)
			continue;
		if (!((filt >> c[k].cls) & 1) && !((filt & PICK_RELEASE) && released(mc, &c[k])))
			continue;
		/* NMC requests past their RD (a refresh may have closed the row;
		 * an NMC not yet started is left out also when it needs an ACT) */
		if ((filt & PICK_MID_ONLY) && !c[k].mid)
			continue;
		if ((filt & PICK_PIN_ONLY) && !c[k].pinned)
			continue;
		if ((filt & PICK_PIN_GUARD) && pin_guarded(u, &c[k]))
			continue;
		mc->fc[m] = c[k];
		mc->fidx[m++] = k;
	}
	mc->sched->pick(u->sst, &mc->sp, mc->fc, m, t, i, j);
	if (*i >= 0)
		*i = mc->fidx[*i];
	if (*j >= 0)
		*j = mc->fidx[*j];
}

