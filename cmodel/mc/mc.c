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
 * The candidate cache lives in mc_cand.c, the idle fast-forward in mc_ff.c,
 * the page policies in page*.c and the scheduler policies in sched*.c.
 */
#include "mc/mc_int.h"

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
	mc->page = lg_page_find(cfg->system.row_buf_policy);
	if (!mc->page) {
		lg_cfg_errf(cfg, LG_K_system_row_buf_policy, e, "unknown page policy '%s'",
			    cfg->system.row_buf_policy);
		goto out_free;
	}
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
	if (alloc_units(mc) || lg_mc_mbt_init(mc))
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
	lg_mc_ff_free(mc);
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
		wake = lg_mc_push_cand(mc, u, a->unit, wr, k);
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
	if (!mc->page->close_after(hits))
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
		lg_mc_promote_hit(u, wr ? u->cw : u->cr, *n, i, bank);
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
		lg_mc_rebuild(mc, u, uid, wr);
	} else if (mc->s.pcs > 1) { /* a sibling pseudo-channel may have used the bus */
		issued_set all = { 0, 0, 0xff, 0, { 0, 0 }, { 0, 0 } };

		lg_mc_refresh_cands(mc, u, uid, wr, &all);
	}
	if (ref_bank >= 0) {
		for (int k = 0; k < n; k++)
			if (c[k].bank == ref_bank)
				c[k].earliest = LG_NEVER;
		u->valid = -1;
	}
	lg_mc_pick(mc, u, wr, c, n, t, &i, &j);
	if (i < 0 && j < 0) {
		*next = umin(*next, lg_mc_cands_next(mc, u, wr));
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
		nx = lg_mc_refresh_cands(mc, u, uid, wr, &is);
		if (nx <= t)
			nx = t + 1;
	}
	*next = umin(*next, nx);
	return 1;
}

/* One unit at cycle t; returns 1 if it issued anything. */
int lg_mc_unit_tick(lg_mc *mc, unit *u, unsigned uid, uint64_t t)
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
			prog |= lg_mc_unit_tick(mc, u, (unsigned)i, t);
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
