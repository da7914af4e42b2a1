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

/* The scheduler policy's state of unit u, if it keeps one. */
static int sched_state(lg_mc *mc, unit *u)
{
	size_t n = mc->sched->state_bytes ? mc->sched->state_bytes(&mc->sp) : 0;

	if (n == 0)
		return 0;
	u->sst = calloc(1, n);
	if (!u->sst)
		return -1;
	if (mc->sched->init)
		mc->sched->init(u->sst, &mc->sp);
	return 0;
}

/*
 * Entries of the buffer a queue of depth d slides in (queue_make_room):
 * d plus at least QUEUE_SLIDE more, so that the entries move back to the
 * start at most once every QUEUE_SLIDE removals of the oldest one (with
 * 2 x d, a 16-deep stream queue moved every 16th completion: 5% of its
 * push cost, callgrind).
 */
#define QUEUE_SLIDE 256

static size_t queue_buf(int d)
{
	return (size_t)d + (size_t)(d > QUEUE_SLIDE ? d : QUEUE_SLIDE);
}

/*
 * Queues, candidate buffers and per-bank arrays of every unit. The units'
 * arrays come from the controller's arena: zeroed, and a queue slides
 * through its whole buffer, so a busy run fills them.
 */
static int alloc_units(lg_mc *mc)
{
	int depth = mc->rq_depth > mc->wq_depth ? mc->rq_depth : mc->wq_depth;
	size_t rb = queue_buf(mc->rq_depth), wb = queue_buf(mc->wq_depth);
	size_t nb = (size_t)mc->s.banks;
	lg_zarena *a = mc->mem = lg_zarena_create();

	mc->nunits = lg_dram_units(&mc->s);
	mc->u = calloc((size_t)mc->nunits, sizeof(*mc->u));
	mc->scratch = calloc((size_t)depth, sizeof(*mc->scratch));
	mc->fc = calloc((size_t)depth, sizeof(*mc->fc));
	mc->fidx = calloc((size_t)depth, sizeof(*mc->fidx));
	mc->rel = calloc(2 * (size_t)mc->bw, sizeof(*mc->rel));
	mc->pnext = calloc((size_t)mc->nunits / 2 + 1, sizeof(*mc->pnext)); /* + 1: see lg_mc_next_sync */
	if (!a || !mc->u || !mc->scratch || !mc->fc || !mc->fidx || !mc->rel || !mc->pnext)
		return -1;
	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		/* queue entries and candidates are written before they are read */
		u->rq = u->rq0 = lg_zarena_calloc(a, rb, sizeof(*u->rq));
		u->wq = u->wq0 = lg_zarena_calloc(a, wb, sizeof(*u->wq));
		u->rq_end = u->rq0 + rb;
		u->wq_end = u->wq0 + wb;
		u->streak = lg_zarena_calloc(a, nb, sizeof(*u->streak));
		u->cr = u->cr0 = lg_zarena_calloc(a, rb, sizeof(*u->cr));
		u->cw = u->cw0 = lg_zarena_calloc(a, wb, sizeof(*u->cw));
		u->hits = lg_zarena_calloc(a, nb, sizeof(*u->hits));
		u->hitk = lg_zarena_calloc(a, 2 * nb, sizeof(*u->hitk));
		u->mbank = lg_zarena_calloc(a, mc->kw, sizeof(*u->mbank));
		u->pin = lg_zarena_calloc(a, nb, sizeof(*u->pin));
		if (!u->rq || !u->wq || !u->streak || !u->cr || !u->cw || !u->hits || !u->hitk ||
		    !u->mbank || !u->pin)
			return -1;
		if (sched_state(mc, u))
			return -1;
		u->valid = -1;
		u->open_row = mc->dram->u[i].open_row;
		u->ch = (unsigned)(i / mc->s.pcs);
		u->pc = (unsigned)(i % mc->s.pcs);
		u->next = lg_refresh_due(mc->ref, (unsigned)i);
		lg_carb_init(&u->carb, &mc->carbp);
	}
	lg_mc_next_sync(mc);
	return 0;
}

/* The class arbiter's parameters from [mc] class_* and mca_* (docs/arbitration.md). */
static int carb_params(lg_mc *mc, const lg_cfg *cfg, lg_err *e)
{
	lg_carb_params *p = &mc->carbp;
	int pol = lg_carb_policy_parse(cfg->mc.class_policy);

	if (pol < 0)
		return lg_cfg_errf(cfg, LG_K_mc_class_policy, e, "unknown class policy '%s'",
				   cfg->mc.class_policy);
	if (cfg->mc.mca_thr_min > cfg->mc.mca_thr_max)
		return lg_cfg_errf(cfg, LG_K_mc_mca_thr_min, e,
				   "expected at most mc.mca_thr_max (%lld), got %lld",
				   (long long)cfg->mc.mca_thr_max, (long long)cfg->mc.mca_thr_min);
	p->policy = (uint8_t)pol;
	p->wrr_weight[LG_TC_COMPUTE] = (uint8_t)cfg->mc.wrr_weight_compute;
	p->wrr_weight[LG_TC_COMM] = (uint8_t)cfg->mc.wrr_weight_comm;
	p->mca_thr_min = (uint16_t)cfg->mc.mca_thr_min;
	p->mca_thr_max = (uint16_t)cfg->mc.mca_thr_max;
	p->mca_window = (uint16_t)cfg->mc.mca_window;
	p->starve_limit = (uint16_t)cfg->mc.mca_starve_limit;
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
	for (unsigned h = 0; h < 64; h++)
		mc->page_close |= (uint64_t)(mc->page->close_after(h) != 0) << h;
	mc->cap = (unsigned)cfg->mc.row_hit_cap;
	mc->sp.row_hit_cap = mc->cap;
	mc->sp.banks = (unsigned)mc->s.banks;
	mc->sp.one_cmd = !mc->s.dual_cmd;
	mc->frontend = (uint64_t)cfg->mc.frontend_latency;
	set_queues(mc, cfg);
	mc->fast = (mc->rq_depth > mc->wq_depth ? mc->rq_depth : mc->wq_depth) <= 64;
	mc->dram = lg_dram_create(&mc->s, e);
	if (!mc->dram)
		goto out_free;
	mc->ref = lg_refresh_create(&mc->s, cfg->system.refresh_policy, e);
	if (!mc->ref)
		goto out_free;
	mc->nmc_alu = (uint64_t)cfg->nmc.alu_cycles;
	if (carb_params(mc, cfg, e))
		goto out_free;
	if (lg_mc_sets_init(mc) || alloc_units(mc))
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
		for (int i = 0; i < mc->nunits; i++)
			free(mc->u[i].sst); /* the rest is mc->mem's */
	}
	lg_zarena_destroy(mc->mem);
	free(mc->u);
	free(mc->scratch);
	free(mc->fc);
	free(mc->fidx);
	free(mc->rel);
	free(mc->pnext);
	free(mc->bm);
	free(mc->mbt);
	free(mc->klh);
	free(mc->kml);
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
 * Queues slide forward in a buffer longer than their depth (queue_buf):
 * removing the oldest entry (the common case) moves the start instead of
 * the entries, and removing one in the older half moves the entries older
 * than it up by one and the start forward (complete()). When the end of
 * the buffer is reached the entries move back to its start.
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

/* Room for op in unit u's queue. */
static inline bool queue_room(const lg_mc *mc, const unit *u, int op)
{
	return op != LG_OP_RD ? u->nwq < mc->wq_depth : u->nrq < mc->rq_depth;
}

/* Room in the queue of a decoded request; a refusal is counted. */
bool lg_mc_has_room_at(lg_mc *mc, const lg_dram_addr *a, int op)
{
	unit *u = &mc->u[a->unit];
	bool room = queue_room(mc, u, op);

	u->st.queue_full += !room;
	return room;
}

/* lg_mc_has_room_at n times in one step (the answer cannot change between). */
bool lg_mc_has_room_at_n(lg_mc *mc, const lg_dram_addr *a, int op, uint64_t n)
{
	unit *u = &mc->u[a->unit];
	bool room = queue_room(mc, u, op);

	u->st.queue_full += room ? 0 : n;
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
	int wr = r->op != LG_OP_RD, k, served = -1; /* NMC queues with the writes */

	/* a read joining queued reads cannot move the served queue */
	if (wr || u->nrq == 0)
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
	q->op = r->op;
	q->ccmd = r->op == LG_OP_WR ? LG_CMD_WR : LG_CMD_RD; /* NMC: RD first */
	q->cls = r->tclass < LG_TC_COUNT ? r->tclass : LG_TC_COMPUTE;
	q->acted = q->conflicted = q->started = 0;
	r->t_accepted = c * mc->s.tCK_ps;
	u->st.cls_occ[q->cls]++;
	u->nnmc += q->op == LG_OP_NMC;
	if (mc->carbp.policy != LG_CARB_BLIND) /* the arbiter's input */
		u->arr[q->cls] += u->arr[q->cls] < 255;
	mc->pending++;
	if (wr)
		update_drain(mc, u);
	if ((served >= 0 && pick_queue(u) != served) || u->valid != wr) {
		wake = q->ready; /* the unit rebuilds when it looks */
		if (u->valid == wr)
			u->valid = -1; /* the cache lacks this entry now */
	} else {
		wake = lg_mc_push_cand(mc, u, a->unit, wr, k);
	}
	if (wake < u->next) { /* else mc->next and mc->pnext are at or before wake */
		u->next = wake;
		mc->pnext[a->unit >> 1] = umin(mc->pnext[a->unit >> 1], wake);
		mc->next = umin(mc->next, wake);
	}
}

/* Room check (a refusal is counted), then push_enter. */
bool lg_mc_push_at(lg_mc *mc, lg_req *r, const lg_dram_addr *ap, lg_ps now)
{
	unit *u = &mc->u[ap->unit];

	if (r->op != LG_OP_RD ? u->nwq == mc->wq_depth : u->nrq == mc->rq_depth) {
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
	if (cmd == LG_CMD_RD || cmd == LG_CMD_WR) /* the common cases, inline */
		lg_dram_issue_rdwr(mc->dram, uid, cmd == LG_CMD_RD ? LG_T_RD : LG_T_WR, bank, t);
	else if (cmd == LG_CMD_ACT || cmd == LG_CMD_PRE)
		lg_dram_issue_actpre(mc->dram, uid, cmd, bank, row, t);
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

/*
 * The column command of a hit, after the page policy (hits: queued hits on
 * its bank), from its answers tabled at create (an indirect call per
 * column command showed up on streams).
 */
static lg_cmd column_cmd(const lg_mc *mc, lg_cmd base, unsigned hits)
{
	int close = hits < 64 ? (int)((mc->page_close >> hits) & 1) : mc->page->close_after(hits);

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

/* An NMC request's WR issued: the row may close again; count the reduction. */
static void nmc_done(lg_mc *mc, unit *u, const qent *e, unsigned bank)
{
	lg_req *r = e->r;

	u->nmc_mid--;
	u->pin[bank]--;
	u->st.nmcs++;
	u->st.nmc_bytes[r->dtype < LG_DT_COUNT ? r->dtype : LG_DT_NONE] +=
		(uint64_t)mc->s.request_bytes;
}

/*
 * An NMC request's RD issues (never with auto-precharge: the WR follows on
 * the same row). Its WR may issue once the read data has left the bank and
 * gone through the ALU: the WR's data (WL after the command) must not come
 * before RD + RL + burst + nmc.alu_cycles. The bank is pinned (no PRE) and
 * the write queue held (pick_queue) until then.
 */
static void nmc_read(lg_mc *mc, unit *u, qent *e, unsigned bank, uint64_t t)
{
	const lg_dram_spec *s = &mc->s;
	uint64_t data = t + (uint64_t)s->RL + (uint64_t)s->burst_cycles + mc->nmc_alu;
	uint64_t wl = (uint64_t)s->WL;

	start(mc, e, t);
	e->ccmd = LG_CMD_WR;
	e->ready = data > t + wl ? data - wl : t + 1;
	u->nmc_mid++;
	u->pin[bank]++;
}

/*
 * Complete entry i of queue wr (q, candidates c): stats, removal, callback.
 * plain: no NMC request is queued (see unit_plain_blind).
 */
static inline __attribute__((always_inline)) void complete(lg_mc *mc, unit *u, qent *q,
							   lg_sched_cand *c, int i, int wr,
							   uint64_t t, const int plain)
{
	int *n = wr ? &u->nwq : &u->nrq;
	const lg_dram_spec *s = &mc->s;
	uint64_t done = t + (uint64_t)(wr ? s->WL : s->RL) + (uint64_t)s->burst_cycles;
	qent *e = &q[i];
	lg_req *r = e->r;
	unsigned bank = c[i].bank, cls = c[i].cls;
	int promote = 0;

	start(mc, e, t);
	r->t_done = done * s->tCK_ps;
	u->npin[wr] -= e->acted;
	u->st.cls_occ[e->cls]--;
	u->st.cls_reqs[e->cls]++;
	u->st.cls_occ_area[e->cls] += t - e->accepted; /* Little: sum of queued times */
	if (!plain && e->op == LG_OP_NMC) { /* its data stayed in the bank */
		u->nnmc--;
		nmc_done(mc, u, e, bank);
	} else {
		/* a read's rd_lat entry is folded in from cls_rd_lat (lg_mc_unit_stats) */
		lg_hist_add(wr ? &u->st.wr_lat : &u->st.cls_rd_lat[e->cls], done - e->accepted);
		u->st.writes += (uint64_t)wr;
		u->st.reads += (uint64_t)!wr;
		u->st.bytes += (uint64_t)s->request_bytes;
	}
	u->st.row_hits += !e->acted;
	u->st.row_misses += e->acted && !e->conflicted;
	u->st.row_conflicts += e->conflicted;
	if (done > u->st.last_done)
		u->st.last_done = done;
	if (u->valid == wr) {
		unsigned key = bkey(bank, c[i].cls);
		int lead = c[i].hit && (plain || cand_follows(&c[i]));

		u->hits[bank] -= c[i].hit;
		u->hitk[key] -= lead;
		if (mc->fast) { /* positions above i move down by one */
			uint64_t low = (1ull << i) - 1;

			promote = lead && u->hitk[key] > 0;
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
	mc->completed++;
	if (promote)
		lg_mc_promote_hit(u, wr ? u->cw : u->cr, *n, i, bank, cls);
	if (wr)
		update_drain(mc, u);
	if (mc->sink.done)
		mc->sink.done(mc->sink.ctx, r);
}

/* Issue the row command of candidate j (inline: a call per ACT/PRE showed up on random traffic). */
static inline __attribute__((always_inline)) void issue_row(lg_mc *mc, unit *u, unsigned uid,
							    qent *q, const lg_sched_cand *c, int wr,
							    uint64_t t)
{
	start(mc, q, t);
	if (c->cmd == LG_CMD_ACT) {
		issue(mc, u, uid, LG_CMD_ACT, c->bank, q->row, 0, t);
		u->streak[c->bank] = 0;
		u->npin[wr] += !q->acted; /* the row rule: q pins the queue until served */
		q->acted = 1;
	} else {
		issue(mc, u, uid, LG_CMD_PRE, c->bank, 0, 0, t);
		q->conflicted = 1;
	}
}

/* Is unit u's arbiter being recorded? */
static inline int recorded(const lg_mc *mc, const unit *u)
{
	return mc->rec && u == &mc->u[mc->rec_unit];
}

/*
 * Step the class arbiter through the cycles since its last step up to
 * t - 1, in which the unit was not ticked: nothing was queued or could
 * issue then, so each such cycle had zero inputs (no occupancy change is
 * lost: a push wakes the unit). With zero inputs only MCA's window moves
 * (and its starvation count, reset once when no COMM is queued), so after
 * at most one window the remaining cycles are taken in closed form.
 */
static void carb_catch_up(lg_mc *mc, unit *u, uint64_t t)
{
	const lg_carb_params *p = &mc->carbp;
	lg_carb_state *st = &u->carb;
	uint64_t k = u->carb_t ? t - u->carb_t : t; /* carb_t: last stepped cycle + 1 */
	lg_carb_in in;
	lg_carb_out out;

	if (p->policy != LG_CARB_MCA || k == 0)
		return;
	memset(&in, 0, sizeof(in));
	in.occ[LG_TC_COMPUTE] = (uint16_t)u->st.cls_occ[LG_TC_COMPUTE];
	in.occ[LG_TC_COMM] = (uint16_t)u->st.cls_occ[LG_TC_COMM];
	if (recorded(mc, u)) { /* a recording holds every step: no closed form */
		for (; k > 0; k--) {
			lg_carb_rec_step(mc->rec, t - k, &in);
			lg_carb_step(st, p, &in, &out);
		}
		return;
	}
	for (; k > 0 && (st->epoch_arrivals || (st->starve && !in.occ[LG_TC_COMM])); k--)
		lg_carb_step(st, p, &in, &out);
	if (k > 0) {
		if ((uint64_t)st->epoch_cycle + k >= p->mca_window)
			st->threshold = p->mca_thr_max;
		st->epoch_cycle = (uint16_t)(((uint64_t)st->epoch_cycle + k) % p->mca_window);
	}
}

/*
 * Step the class arbiter for cycle t with in.ready filled in
 * (docs/arbitration.md): adds the occupancy and the arrivals since the
 * last step, records, and counts the held-back and forced cycles.
 * Returns the allowed-class bits.
 */
static unsigned carb_step(lg_mc *mc, unit *u, lg_carb_in *in, uint64_t t)
{
	lg_carb_out out;

	carb_catch_up(mc, u, t);
	for (int k = 0; k < LG_TC_COUNT; k++) {
		uint32_t o = u->st.cls_occ[k];

		in->occ[k] = (uint16_t)(o > 0xffff ? 0xffff : o);
		in->arrived[k] = u->arr[k];
		u->arr[k] = 0;
	}
	if (recorded(mc, u))
		lg_carb_rec_step(mc->rec, t, in);
	lg_carb_step(&u->carb, &mc->carbp, in, &out);
	u->carb_t = t + 1;
	for (int k = 0; k < LG_TC_COUNT; k++)
		u->st.cls_held[k] += in->ready[k] && !((out.allow >> k) & 1);
	u->st.cls_forced += out.forced;
	return out.allow;
}

/*
 * The class arbiter's decision for cycle t under prio and wrr: a class is
 * ready when one of its candidates of the served queue could issue now.
 * Returns the allowed-class bits for pick().
 */
static unsigned carb_decide(lg_mc *mc, unit *u, const lg_sched_cand *c, int n, uint64_t t)
{
	lg_carb_in in;

	memset(&in, 0, sizeof(in));
	for (int k = 0; k < n; k++) {
		if (c[k].earliest > t || (c[k].pre_blocked && c[k].streak < mc->cap))
			continue;
		if (pin_guarded(u, &c[k]))
			continue;
		in.ready[c[k].cls] = 1;
	}
	return carb_step(mc, u, &in, t);
}

/*
 * Whether the served queue (wr, n requests) keeps COMPUTE waiting as a
 * whole: it is full (a COMPUTE request arriving is refused) or in a write
 * drain (the reads wait for it). Then MCA lets its COMM requests go on
 * COMPUTE's turn: holding them would only hold COMPUTE.
 */
static inline int queue_jammed(const lg_mc *mc, const unit *u, int wr, int n)
{
	return wr ? u->draining || n >= mc->wq_depth : n >= mc->rq_depth;
}

/*
 * MCA's pick for cycle t (docs/arbitration.md, "What MCA sees as
 * ready"): a class is ready exactly when pick(), under every other filter
 * of the cycle (sfilt) and with that class alone allowed, issues a
 * command of it, so a grant, forced ones included, is spent on a command
 * of the class it names. COMPUTE's turn also takes the COMM requests
 * whose waiting would only hold COMPUTE: all of a full or draining queue
 * (queue_jammed), else those begun and the hits that block COMPUTE's PREs
 * (PICK_RELEASE), instead of holding COMPUTE until COMM's next forced
 * grant. The row and NMC rules that override the arbiter (PICK_PIN_ONLY,
 * PICK_MID_ONLY) still let any class go when no allowed class can.
 */
static void carb_pick(lg_mc *mc, unit *u, int wr, lg_sched_cand *c, int n, uint64_t t,
		      unsigned sfilt, int *i, int *j)
{
	int pi[LG_TC_COUNT], pj[LG_TC_COUNT];
	lg_carb_in in;
	unsigned ok;

	memset(&in, 0, sizeof(in));
	for (int k = 0; k < LG_TC_COUNT; k++) {
		unsigned rel = k != LG_TC_COMPUTE ? 0 : queue_jammed(mc, u, wr, n) ? PICK_ALL : PICK_RELEASE;

		lg_mc_pick(mc, u, wr, c, n, t, (1u << k) | sfilt | rel, &pi[k], &pj[k]);
		in.ready[k] = pi[k] >= 0 || pj[k] >= 0;
	}
	ok = carb_step(mc, u, &in, t) & ((unsigned)in.ready[0] | (unsigned)in.ready[1] << 1);
	if (ok == PICK_ALL || (ok == 0 && (sfilt & (PICK_PIN_ONLY | PICK_MID_ONLY)))) {
		lg_mc_pick(mc, u, wr, c, n, t, PICK_ALL | sfilt, i, j);
	} else if (ok) {
		int k = ok == LG_CARB_ALLOW_COMM;

		*i = pi[k];
		*j = pj[k];
	} else {
		*i = *j = -1;
	}
}

/* Tell the scheduler policy a command issued for candidate c. */
static inline void sched_issued(lg_mc *mc, unit *u, const lg_sched_cand *c, uint64_t t)
{
	if (mc->sched->on_issue)
		mc->sched->on_issue(u->sst, &mc->sp, c, t);
}

/* Tell the class arbiter a command of class cls issued. */
static inline void carb_issued(lg_mc *mc, unit *u, unsigned cls)
{
	if (mc->carbp.policy == LG_CARB_BLIND)
		return;
	lg_carb_issued(&u->carb, &mc->carbp, (int)cls);
	if (recorded(mc, u))
		lg_carb_rec_issued(mc->rec, (int)cls);
}

/*
 * While an NMC request is between its RD and its WR its bank is pinned: no
 * other request may open (ACT) or close (PRE) a row there. A refresh may
 * have closed the row meanwhile; then only that NMC request re-opens it
 * (a row another request opened there could not be closed before the WR:
 * a livelock the randomized configurations of tests/checker/randcfg.py
 * found). Returns 1 if a candidate was held back (the cache is then stale).
 */
static int hold_pinned(const unit *u, lg_sched_cand *c, int n)
{
	int held = 0;

	for (int k = 0; k < n; k++)
		if (c[k].row && u->pin[c[k].bank] && !c[k].mid && c[k].earliest != LG_NEVER) {
			c[k].earliest = LG_NEVER;
			held = 1;
		}
	return held;
}

/*
 * Pseudo-channels sharing a channel's buses (pcs > 1): the other one's
 * commands reach a unit's candidates only through the channel's row and
 * column bus floors (lg_dram_floor_get; nothing else of a unit's timing
 * state is shared). A floor matters to a unit ticking at t only when it
 * lies after t, that is when the sibling took the bus in this very cycle:
 * a floor at or before t leaves every candidate ready at t as it was and
 * one not ready as it was (a cached earliest cycle is only ever compared
 * with the current cycle, and a wake-up at or before t is taken as t + 1).
 * Returns the classes whose candidates need a new earliest cycle: ACT and
 * PRE for the row bus, RD and WR for the column bus (as is->pcmask).
 */
static inline unsigned bus_moved(const lg_mc *mc, const unit *u, uint64_t t)
{
	return (mc->dram->row_bus[u->ch] > t ? 1u << LG_T_ACT | 1u << LG_T_PRE : 0) |
	       (mc->dram->col_bus[u->ch] > t ? 1u << LG_T_RD | 1u << LG_T_WR : 0);
}

/*
 * Schedule requests of the served queue; returns 1 if a command issued.
 * Candidates are cached between ticks (u->valid names the cached queue)
 * and refreshed after each issue, so a tick costs one pass over the queue.
 * plain (unit_plain_blind): the class arbiter and the NMC rules are left
 * out at compile time.
 */
static inline __attribute__((always_inline)) int schedule(lg_mc *mc, unit *u, unsigned uid,
							  uint64_t t, int ref_bank, uint64_t *next,
							  const int plain)
{
	int want = plain ? u->draining || (u->nrq == 0 && u->nwq > 0) : want_queue(u);
	int wr = want != u->serve && u->npin[u->serve] > 0 ? u->serve : want; /* pick_queue */
	int pin_hold = wr != want;
	qent *q = wr ? u->wq : u->rq;
	lg_sched_cand *c = wr ? u->cw : u->cr;
	int n = wr ? u->nwq : u->nrq;
	issued_set is = { 0, 0, 0, { 0, 0 }, 0, 0, { 0, 0 }, { 0, 0 } };
	uint64_t nx;
	unsigned filt = PICK_ALL, sfilt = 0, pcm;
	int i, j;

	if (n == 0)
		return 0;
	if (u->valid != wr || ref_bank >= 0) {
		lg_mc_rebuild(mc, u, uid, wr);
	} else if (mc->s.pcs > 1 && (pcm = bus_moved(mc, u, t))) { /* a sibling took a bus at t */
		issued_set all = { 0, 0, 0, { 0, 0 }, pcm, 0, { 0, 0 }, { 0, 0 } };

		lg_mc_refresh_cands(mc, u, uid, wr, &all);
	}
	if (ref_bank >= 0) {
		for (int k = 0; k < n; k++)
			if (c[k].bank == ref_bank)
				c[k].earliest = LG_NEVER;
		u->valid = -1;
	}
	if (!plain && u->nmc_mid > 0 && hold_pinned(u, c, n))
		u->valid = -1;
	if (!plain && u->nmc_mid > 0 && !u->draining && u->nrq > 0) /* reads wait: only */
		sfilt = PICK_MID_ONLY; /* finish the NMCs begun, any class */
	if (pin_hold) /* the row rule: serve the rows opened before switching */
		sfilt = PICK_PIN_ONLY;
	if (!plain && u->nmc_mid > 0) /* the pin rule: an NMC request's row stays until its WR */
		sfilt |= PICK_PIN_GUARD;
	u->serve = wr;
	if (!plain && mc->carbp.policy == LG_CARB_MCA) {
		carb_pick(mc, u, wr, c, n, t, sfilt, &i, &j);
	} else {
		if (!plain && mc->carbp.policy != LG_CARB_BLIND)
			filt = carb_decide(mc, u, c, n, t);
		if (sfilt & (PICK_PIN_ONLY | PICK_MID_ONLY))
			filt = PICK_ALL;
		lg_mc_pick(mc, u, wr, c, n, t, filt | sfilt, &i, &j);
	}
	if (i < 0 && j < 0) {
		nx = lg_mc_cands_next(mc, u, wr);
		*next = umin(*next, nx > t ? nx : t + 1);
		return 0;
	}
	if (!plain && mc->carbp.policy != LG_CARB_BLIND)
		carb_issued(mc, u, i >= 0 ? c[i].cls : c[j].cls); /* one grant a cycle */
	if (j >= 0) {
		sched_issued(mc, u, &c[j], t);
		issue_row(mc, u, uid, &q[j], &c[j], wr, t);
		note_issue(&is, (lg_cmd)c[j].cmd, cmd_class[c[j].cmd], c[j].bank);
	}
	if (i >= 0) {
		unsigned bank = c[i].bank;

		sched_issued(mc, u, &c[i], t); /* before complete() moves c[i] */
		if (!plain && q[i].op == LG_OP_NMC && q[i].ccmd == LG_CMD_RD) {
			issue(mc, u, uid, LG_CMD_RD, bank, q[i].row, q[i].col, t);
			u->streak[bank]++;
			note_issue(&is, LG_CMD_RD, LG_T_RD, bank);
			nmc_read(mc, u, &q[i], bank, t);
			note_changed(&is, bank); /* its plan moved on: recompute it whole */
		} else {
			lg_cmd cmd = (lg_cmd)c[i].cmd;

			/* the pin rule: no auto-precharge under another NMC request */
			if (plain || u->pin[bank] <= (q[i].op == LG_OP_NMC))
				cmd = column_cmd(mc, cmd, u->hits[bank]);

			issue(mc, u, uid, cmd, bank, q[i].row, q[i].col, t);
			u->streak[bank]++;
			note_issue(&is, cmd, cmd_class[c[i].cmd], bank);
			complete(mc, u, q, c, i, wr, t, plain);
		}
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

/*
 * Whether unit u runs the plain tick: the class-blind policy and no NMC
 * request queued (then none is between its RD and WR and no bank is
 * pinned), the case of every DRAM-only replay without N records.
 */
static inline int unit_plain_blind(const lg_mc *mc, const unit *u)
{
	return mc->carbp.policy == LG_CARB_BLIND && u->nnmc == 0;
}

/*
 * One unit at cycle t; returns 1 if it issued anything. plain: as
 * unit_plain_blind (a refresh command does not change it).
 */
static inline __attribute__((always_inline)) int unit_tick(lg_mc *mc, unit *u, unsigned uid,
							   uint64_t t, const int plain)
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
	prog |= schedule(mc, u, uid, t, ref_bank, &next, plain);
	if (prog && ref_bank >= 0)
		next = t + 1;
	if (!plain && mc->carbp.policy != LG_CARB_BLIND && u->nrq + u->nwq > 0 && next > t + 1)
		next = t + 1; /* the class arbiter steps every cycle while requests wait */
	u->next = next;
	return prog;
}

/* unit_tick's two instances, each its own function (and register frame). */
static __attribute__((noinline)) int unit_tick_plain(lg_mc *mc, unit *u, unsigned uid, uint64_t t)
{
	return unit_tick(mc, u, uid, t, 1);
}

static __attribute__((noinline)) int unit_tick_full(lg_mc *mc, unit *u, unsigned uid, uint64_t t)
{
	return unit_tick(mc, u, uid, t, 0);
}

/* One unit at cycle t; returns 1 if it issued anything. */
int lg_mc_unit_tick(lg_mc *mc, unit *u, unsigned uid, uint64_t t)
{
	if (unit_plain_blind(mc, u))
		return unit_tick_plain(mc, u, uid, t);
	return unit_tick_full(mc, u, uid, t);
}

/* Cycle the oldest request of unit u's served queue was accepted (LG_NEVER: none). */
static inline uint64_t head_age(const unit *u)
{
	int wr = pick_queue(u);

	if (wr ? u->nwq == 0 : u->nrq == 0)
		return LG_NEVER;
	return wr ? u->wq[0].accepted : u->rq[0].accepted;
}

/*
 * lg_mc_tick with two pseudo-channels sharing a channel's row and column
 * command buses (HBM3): of the two, the one whose served queue holds the
 * older request picks its commands first in the cycle (pseudo-channel 0 on
 * ties), instead of pseudo-channel 0 always; an approximation of issuing
 * the oldest ready command across the channel, as Ramulator 2 does. The
 * pairs are found through mc->pnext, the earlier next cycle of each pair
 * (kept by push_enter and here), so an idle pair costs one compare.
 */
static __attribute__((noinline)) void tick_pairs(lg_mc *mc, uint64_t t)
{
	uint64_t next = LG_NEVER, v, *pn = mc->pnext;
	const int np = mc->nunits / 2;

	for (int p = 0;; p++) {
		unit *a, *b;
		int i, first;

		while ((v = pn[p]) > t) { /* idle pairs; pn[np] = 0 stops the scan */
			next = umin(next, v);
			p++;
		}
		if (p == np)
			break;
		i = first = 2 * p;
		a = &mc->u[i];
		b = &mc->u[i + 1];
		if (a->next <= t && b->next <= t && head_age(b) < head_age(a))
			first = i + 1;
		for (int k = 0; k < 2; k++) {
			int x = k == 0 ? first : (2 * i + 1) - first;
			unit *u = &mc->u[x];

			if (u->next <= t)
				lg_mc_unit_tick(mc, u, (unsigned)x, t);
		}
		pn[p] = umin(a->next, b->next);
		next = umin(next, pn[p]);
	}
	mc->next = next;
}

/* Tick every unit whose next event is due at now (units in order). */
static __attribute__((noinline)) void tick_units(lg_mc *mc, uint64_t t)
{
	uint64_t next = LG_NEVER;

	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		if (u->next <= t)
			lg_mc_unit_tick(mc, u, (unsigned)i, t);
		next = umin(next, u->next);
	}
	mc->next = next;
}

/*
 * Tick every unit due at now. Progress is a completed request, not an
 * issued command: a controller that keeps issuing commands without ever
 * finishing a request (a livelock) must trip the loop's watchdog.
 */
bool lg_mc_tick(lg_mc *mc, lg_ps now)
{
	uint64_t t = cycle_of(mc, now), done = mc->completed;

	if (t < mc->next)
		return false;
	if (mc->nunits == 1) { /* tick_units of one unit, without its loop's frame */
		if (mc->u->next <= t)
			lg_mc_unit_tick(mc, mc->u, 0, t);
		mc->next = mc->u->next;
	} else if (mc->s.pcs == 2) {
		tick_pairs(mc, t);
	} else {
		tick_units(mc, t);
	}
	return mc->completed != done;
}

/*
 * mc->next and mc->pnext from the units' next cycles, after they changed
 * outside lg_mc_tick and push_enter (creation, idle fast-forward).
 */
void lg_mc_next_sync(lg_mc *mc)
{
	mc->next = LG_NEVER;
	for (int i = 0; i < mc->nunits; i++)
		mc->next = umin(mc->next, mc->u[i].next);
	for (int p = 0; p < mc->nunits / 2; p++)
		mc->pnext[p] = umin(mc->u[2 * p].next, mc->u[2 * p + 1].next);
	if (mc->s.pcs == 2)
		mc->pnext[mc->nunits / 2] = 0; /* tick_pairs' sentinel: always due */
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

/*
 * Record unit's class arbiter into rec from now on (its parameters first:
 * the arbiter must still be in its initial state, so call before the run).
 * -1 when the unit does not exist or the policy is class-blind (blind
 * steps nothing). rec stays the caller's.
 */
int lg_mc_set_carb_rec(lg_mc *mc, unsigned unit, lg_carb_rec *rec, lg_err *e)
{
	if (unit >= (unsigned)mc->nunits)
		return lg_errf(e, "--arbiter-trace", 0, "expected a unit below %d, got %u",
			       mc->nunits, unit);
	if (mc->carbp.policy == LG_CARB_BLIND)
		return lg_cfg_errf(mc->cfg, LG_K_mc_class_policy, e,
				   "expected prio, wrr or mca with --arbiter-trace (blind has no arbiter to record)");
	mc->rec = rec;
	mc->rec_unit = unit;
	lg_carb_rec_params(rec, &mc->carbp);
	return 0;
}

/* Close the background-energy accounting of every unit at now. */
void lg_mc_finish(lg_mc *mc, lg_ps now)
{
	uint64_t t = cycle_of(mc, now);

	lg_carb_rec_flush(mc->rec);

	for (int i = 0; i < mc->nunits; i++)
		lg_dram_bg_cycles(mc->dram, (unsigned)i, t, &mc->u[i].st.act_cycles,
				  &mc->u[i].st.pre_cycles);
}

/* Counters of one unit, with rd_lat brought up to date (lg_mc_stats_fold_rd). */
const lg_mc_stats *lg_mc_unit_stats(const lg_mc *mc, unsigned unit)
{
	lg_mc_stats *s = &mc->u[unit].st;

	lg_mc_stats_fold_rd(s);
	return s;
}

/* The watchdog's state dump, one line per unit. */
void lg_mc_dump(const lg_mc *mc, FILE *f, lg_ps now)
{
	uint64_t t = cycle_of(mc, now);

	for (int i = 0; i < mc->nunits; i++) {
		const unit *u = &mc->u[i];
		uint64_t oldest = umin(u->nrq ? u->rq[0].accepted : LG_NEVER,
				       u->nwq ? u->wq[0].accepted : LG_NEVER);

		fprintf(f, "lgsim: cycle %llu ch %u pc %u: reads queued %d, writes queued %d%s, open banks %d, next event %lld, refresh due %llu, oldest accepted %lld, serving %s, nmc mid %d, pinned %d/%d\n",
			(unsigned long long)t, u->ch, u->pc, u->nrq, u->nwq,
			u->draining ? " (draining)" : "",
			lg_dram_open_banks(mc->dram, (unsigned)i),
			u->next == LG_NEVER ? -1LL : (long long)u->next,
			(unsigned long long)lg_refresh_due(mc->ref, (unsigned)i),
			oldest == LG_NEVER ? -1LL : (long long)oldest,
			u->serve ? "writes" : "reads", u->nmc_mid, u->npin[0], u->npin[1]);
	}
}
