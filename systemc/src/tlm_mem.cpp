/*
 * lgsim::tlm_mem (tlm_mem.h): the memory side of a DRAM-only lgsim die
 * behind a TLM-2.0 target socket.
 *
 * The model is a die built by lg_die_create from the config, with no trace
 * source: its memory controller, and with tracker.observe its tracker and
 * trigger sink. The target stands in for the die's replay front (its
 * place in the tick order; the front itself, which has no source, is not
 * ticked) and steps the die's components as lg_loop_run does, at the
 * times SystemC reaches. The controller's completions come to the target
 * (lg_die_opts.mc_sink). The reports are those of `lgsim run`
 * (sim/stats_json.h over the die).
 *
 * The front end is that of `lgsim run` (cmodel/die/replay.c, docs/dram.md
 * "Replay front-end"), so that an AT replay gives the same statistics:
 *  - a transaction is cut into the aligned bursts (request_bytes) it
 *    touches; each burst is decoded once and appended to the staging FIFO
 *    of its unit (channel * pseudo-channels + pc). Staging stops at a full
 *    FIFO: the transaction is then held (no END_REQ) until room appears;
 *  - each FIFO offers its head to the controller until refused; a refused
 *    FIFO is offered again only after some request completes;
 *  - with the tracker, a write waits at its FIFO head while the tracker's
 *    observe port has no room (next cycle), and each accepted write is
 *    reported to it (the die's write observer, lg_trk_wobs);
 *  - one model step at time t = tick the components before the front
 *    (the controller), then offer every refused FIFO (unit order), then
 *    stage what waits, then tick the components after it (tracker,
 *    trigger sink). Steps happen when lg_loop_run's would: at the earliest
 *    next() of the components while one is busy, and at arrivals; an
 *    arrival after an idle gap first runs the gap's refreshes
 *    (idle_until).
 * The only initiator-visible order that differs from `lgsim run` is the
 * push order across units inside one instant (request ids; stats equal).
 *
 * Responses: a transaction completes when its last burst does, at that
 * burst's last data beat (t_done). Completions are sent as BEGIN_RESP in
 * (t_done, completion) order with t_done as the annotated time. A burst
 * that completes later cannot have an earlier t_done than
 * (next completion cycle + min(RL, WL) + burst cycles) x tCK, so a
 * response is sent once t_done lies below that horizon.
 */
#include <algorithm>
#include <cstring>
#include <ctime>
#include <queue>

#include "lg_cmodel.h"
#include "lgsim/tlm_mem.h"

using namespace sc_core;
using namespace tlm;

namespace lgsim {

namespace {

struct txn;

/* One burst of a transaction; the lg_req is first so the sink's pointer is the piece. */
struct piece {
	lg_req r;
	txn *t;
	lg_dram_addr a;
	piece *next_free;
};

/* One transaction in the target. */
struct txn {
	tlm_generic_payload *gp;
	uint64_t lo, hi;       /* its bytes [lo, hi) */
	uint64_t addr;         /* next burst to stage */
	uint64_t nstage;       /* bursts left to stage */
	uint64_t nopen;        /* bursts not completed */
	uint64_t unpushed;     /* staged, not yet in the controller */
	uint64_t seq;          /* completion order (response tie-break) */
	lg_ps arrive;          /* may enter from (a tCK edge) */
	lg_ps t_resp;          /* last data beat of its last burst */
	uint8_t op;
	bool lt;               /* b_transport: answered by the caller's loop */
	txn *next_free;
};

/* Staging FIFO of one unit (as replay.c). */
struct fifo {
	std::vector<piece *> e;
	uint32_t head = 0, n = 0;
	bool blocked = false;
	uint64_t blocked_done = 0;
};

/* Response order: earliest t_resp first, then completion order. */
struct resp_later {
	bool operator()(const txn *a, const txn *b) const
	{
		return a->t_resp != b->t_resp ? a->t_resp > b->t_resp : a->seq > b->seq;
	}
};

double wall_now()
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* An output written whole or not at all (core/lg_outfile.h). */
struct out_file {
	lg_outfile *o = nullptr;
	FILE *f = nullptr;

	void open(const std::string &p, const char *what)
	{
		lg_err e;

		o = lg_outfile_open(p.c_str(), what, &e);
		if (!o)
			throw error(e.msg);
		f = lg_outfile_file(o);
	}
	/* Close; committed when ok and every write succeeded, else removed. */
	void close(bool ok)
	{
		lg_err e;
		int rc;

		if (!o)
			return;
		rc = lg_outfile_close(o, ok, &e);
		o = nullptr;
		f = nullptr;
		if (ok && rc)
			throw error(e.msg);
	}
};

} // namespace

struct tlm_mem::impl {
	tlm_mem *m;
	tlm_mem_options opt;
	lg_cfg cfg;
	lg_die *die = nullptr;
	lg_mc *mc = nullptr;        /* the die's */
	std::vector<lg_comp> comps; /* the die's, less its replay front */
	size_t front_at = 0;        /* the front ticks before comps[front_at] */
	lg_wobs obs = {};           /* the tracker's observe ports (ctx NULL: none) */
	bool obs_wait = false;      /* a write waits for the tracker (next cycle) */
	lg_ps post_t = LG_PS_NEVER; /* the step whose components after the front are still to tick */
	lg_cmdlog *log = nullptr;
	out_file log_out, trk_out;
	const lg_addrmap *map = nullptr;

	lg_ps tck = 0;
	uint64_t rb = 0, capacity = 0, ticks_per_ps = 1;
	uint64_t minlat = 0;        /* min(RL, WL) + burst cycles */
	uint32_t cap = 0;           /* entries per staging FIFO */
	int nunits = 0;
	uint64_t maxout = 0;
	lg_ps wd = LG_PS_NEVER;     /* watchdog span */

	lg_ps now = 0;              /* time of the last model step */
	bool started = false;
	lg_ps last_prog = 0;
	uint64_t pushed = 0, completed = 0, staged = 0, seq = 0;
	std::vector<fifo> f;
	txn *held = nullptr;        /* BEGIN_REQ without END_REQ yet */
	txn *resp_out = nullptr;    /* BEGIN_RESP sent, END_RESP awaited */
	std::priority_queue<txn *, std::vector<txn *>, resp_later> resp;
	lg_ps scheduled = LG_PS_NEVER; /* time of the pending wake_ notification */

	piece *free_p = nullptr;
	txn *free_t = nullptr;
	std::vector<void *> chunks;

	tlm_mem_result res;
	double t0 = 0;
	bool finished = false;

	explicit impl(tlm_mem *mm, const tlm_mem_options &o) : m(mm), opt(o) {}
	~impl();
	void setup();

	/* time */
	lg_ps sc_now_ps() const { return sc_time_stamp().value() / ticks_per_ps; }
	sc_time to_sc(lg_ps ps) const { return sc_time::from_value(ps * ticks_per_ps); }
	lg_ps edge_up(lg_ps t) const { return (t + tck - 1) / tck * tck; }

	/* storage */
	piece *get_piece();
	void put_piece(piece *p) { p->next_free = free_p; free_p = p; }
	txn *get_txn();
	void put_txn(txn *t) { t->next_free = free_t; free_t = t; }
	template <typename T> T *grow(T *&list);

	/* the model */
	static void done_cb(void *ctx, lg_req *r);
	void build_die();
	bool comps_busy() const;
	bool holds() const;
	lg_ps next_step(lg_ps arrival, bool *gap, bool *busy) const;
	void idle_all(lg_ps t);
	void done(piece *p);
	bool offerable(const fifo &q) const { return !q.blocked || q.blocked_done != completed; }
	void block(fifo &q) { q.blocked = true; q.blocked_done = completed; }
	bool push_fifo(fifo &q, lg_ps t);
	bool stage(txn *t, lg_ps at);
	bool accepted(const txn *t) const
	{
		return t->nstage == 0 && (opt.frontend_staging || t->unpushed == 0);
	}
	bool front_tick(lg_ps t);
	void settle();
	void step(lg_ps t);
	void advance_to(lg_ps t);
	/* A held transaction's arrival still ahead, else NEVER. */
	lg_ps arrival() const { return held && held->arrive > now ? held->arrive : LG_PS_NEVER; }
	bool stuck(lg_ps t) const
	{
		return t == LG_PS_NEVER || (t - last_prog > wd && holds());
	}

	/* TLM */
	tlm_response_status check(const tlm_generic_payload &gp) const;
	txn *make_txn(tlm_generic_payload &gp, lg_ps arrive, bool lt);
	void release_txn(txn *t);
	void emit();
	void send_responses();
	void schedule();
	void watchdog();
};

/* Free everything; outputs not committed by finish() are removed. */
tlm_mem::impl::~impl()
{
	if (log)
		lg_cmdlog_close(log);
	try {
		log_out.close(false);
		trk_out.close(false);
	} catch (...) {
	}
	lg_die_destroy(die);
	for (void *c : chunks)
		std::free(c);
}

/* A fresh chunk of 256 objects onto a free list. */
template <typename T> T *tlm_mem::impl::grow(T *&list)
{
	const int n = 256;
	T *c = static_cast<T *>(std::calloc(n, sizeof(T)));

	if (!c)
		throw std::bad_alloc();
	chunks.push_back(c);
	for (int i = 0; i < n; i++) {
		c[i].next_free = list;
		list = &c[i];
	}
	return list;
}

piece *tlm_mem::impl::get_piece()
{
	piece *p = free_p ? free_p : grow(free_p);

	free_p = p->next_free;
	return p;
}

txn *tlm_mem::impl::get_txn()
{
	txn *t = free_t ? free_t : grow(free_t);

	free_t = t->next_free;
	return t;
}

/* Config (file, then each -s), tracker, controller, command log. */
void tlm_mem::impl::setup()
{
	lg_err e;
	const lg_dram_spec *sp;
	uint32_t q2;

	lg_cfg_defaults(&cfg);
	if (lg_cfg_load_file(&cfg, opt.config.c_str(), &e))
		throw error(e.msg);
	for (const std::string &s : opt.sets)
		if (lg_cfg_set_override(&cfg, s.c_str(), &e))
			throw error(e.msg);
	if (!opt.tracker_trace.empty()) /* without observe the die refuses it */
		trk_out.open(opt.tracker_trace, "tracker recording");
	if (!opt.cmdlog.empty()) {
		log_out.open(opt.cmdlog, "command log");
		log = lg_cmdlog_open(log_out.f);
		if (!log)
			throw std::bad_alloc();
		std::vector<const char *> sets;
		for (const std::string &s : opt.sets)
			sets.push_back(s.c_str());
		lg_cmdlog_header(log, &cfg, opt.config.c_str(), sets.data(), (int)sets.size());
	}
	build_die();
	sp = lg_mc_spec(mc);
	map = lg_mc_addrmap(mc);
	tck = sp->tCK_ps;
	rb = (uint64_t)sp->request_bytes;
	capacity = (uint64_t)lg_dram_units(sp) / (uint64_t)sp->pcs * (uint64_t)sp->channel_size_mb << 20;
	minlat = (uint64_t)std::min(sp->RL, sp->WL) + (uint64_t)sp->burst_cycles;
	nunits = lg_dram_units(sp);
	maxout = (uint64_t)cfg.sim.max_outstanding;
	/* staging depth exactly as replay.c's staging_cap() */
	q2 = 2 * (uint32_t)lg_mc_queue_depth(mc);
	cap = cfg.sim.staging_depth ? (uint32_t)cfg.sim.staging_depth : std::max(q2, (uint32_t)LG_REPLAY_STAGING);
	f.resize((size_t)nunits);
	for (fifo &q : f)
		q.e.resize(cap);
	{
		uint64_t c = (uint64_t)cfg.sim.watchdog_cycles, ps;

		if (c != UINT64_MAX && !__builtin_mul_overflow(c + 1, tck, &ps))
			wd = ps - 1;
	}
	/* lgsim time is in ps: the kernel's resolution must be 1 ps or finer */
	if (sc_time(1, SC_PS).value() == 0)
		throw error("lgsim::tlm_mem: the SystemC time resolution must be 1 ps or finer");
	ticks_per_ps = sc_time(1, SC_PS).value();
}

/*
 * The die: DRAM-only, no trace source, the controller's completions to
 * done_cb. Its components but the replay front (which has no source) are
 * stepped by the target, the front's pushes made in its place.
 */
void tlm_mem::impl::build_die()
{
	lg_req_sink sink = { this, done_cb };
	lg_die_opts o = {};
	const lg_comp *c;
	int n;
	lg_err e;

	o.cmdlog = log;
	o.trk_rec = trk_out.f;
	o.mc_sink = &sink;
	die = lg_die_create(&cfg, &o, &e);
	if (!die)
		throw error(e.msg);
	mc = lg_die_mc(die);
	c = lg_die_comps(die, &n);
	for (int i = 0; i < n; i++) {
		if (std::strcmp(c[i].ops->kind, "replay") == 0) {
			front_at = comps.size();
			continue;
		}
		if (c[i].clk.period_ps != lg_mc_spec(mc)->tCK_ps)
			throw error(opt.config + ": the SystemC target steps one clock (tCK); component " +
				    c[i].name + " has another");
		comps.push_back(c[i]);
	}
	if (lg_die_trk(die)) /* the die's write observer: its tracker's ports */
		obs = lg_trk_wobs(const_cast<lg_trk *>(lg_die_trk(die)));
}

/* Some component of the die is busy. */
bool tlm_mem::impl::comps_busy() const
{
	for (const lg_comp &c : comps)
		if (c.ops->busy(c.self))
			return true;
	return false;
}

/* Work held in flight (lg_comp_ops.holds): the watchdog's and the idle gap's test. */
bool tlm_mem::impl::holds() const
{
	if (staged)
		return true;
	for (const lg_comp &c : comps)
		if (c.ops->holds ? c.ops->holds(c.self) : c.ops->busy(c.self))
			return true;
	return false;
}

/*
 * The time of the model's next step after now, as lg_loop_run chooses it,
 * with an arrival (a held transaction's, or one about to come) at
 * arrival; *busy: there is work, else NEVER. *gap: no work is held and
 * the next work lies after the next refresh: the idle_until components
 * run up to the result first.
 */
lg_ps tlm_mem::impl::next_step(lg_ps arrival, bool *gap, bool *busy) const
{
	lg_ps t_work = arrival, t_idle = LG_PS_NEVER, t;
	/* a held transaction with bursts to stage is a reader not at its end */
	bool b = arrival != LG_PS_NEVER || staged || (held && held->nstage);

	if (obs_wait) /* as the replay front: a write waits for the next edge */
		t_work = std::min(t_work, (now / tck + 1) * tck);
	if (post_t != LG_PS_NEVER) { /* not settled: look again at the next edge */
		t_work = std::min(t_work, post_t + tck);
		b = true;
	}
	for (size_t i = 0; i < comps.size(); i++) {
		const lg_comp &c = comps[i];
		lg_ps x;

		if (post_t != LG_PS_NEVER && i >= front_at)
			continue;
		x = c.ops->next(c.self, now);

		if (c.ops->idle_until)
			t_idle = std::min(t_idle, x);
		else
			t_work = std::min(t_work, x);
		if (!b)
			b = c.ops->busy(c.self);
	}
	*gap = false;
	*busy = b;
	if (!b)
		return LG_PS_NEVER;
	t = std::min(t_work, t_idle);
	if (t_work != LG_PS_NEVER && t_work > t_idle && !holds()) {
		*gap = true;
		t = t_work;
	}
	if (t <= now)
		t = now + tck;
	return t;
}

/* The idle gap up to t: every idle_until component (refreshes in closed form). */
void tlm_mem::impl::idle_all(lg_ps t)
{
	for (const lg_comp &c : comps)
		if (c.ops->idle_until)
			c.ops->idle_until(c.self, t);
	last_prog = t;
}

/* The controller's sink: a burst completed. */
void tlm_mem::impl::done_cb(void *ctx, lg_req *r)
{
	static_cast<impl *>(ctx)->done(reinterpret_cast<piece *>(r));
}

/* Count the burst; the transaction completes with its last one. */
void tlm_mem::impl::done(piece *p)
{
	txn *t = p->t;

	completed++;
	if (p->r.t_done > t->t_resp)
		t->t_resp = p->r.t_done;
	put_piece(p);
	if (--t->nopen)
		return;
	t->seq = seq++;
	if (!t->lt)
		resp.push(t);
}

/* Offer the head of q until refused (replay.c push_fifo). true if any push. */
bool tlm_mem::impl::push_fifo(fifo &q, lg_ps t)
{
	bool prog = false;

	if (!offerable(q))
		return false;
	q.blocked = false;
	while (q.n) {
		piece *p = q.e[q.head];

		if (maxout && pushed - completed >= maxout) {
			block(q);
			break;
		}
		if (obs.ctx && p->r.op == LG_OP_WR && !obs.room(obs.ctx, p->a.unit)) {
			obs_wait = true; /* the tracker's port is full: next cycle */
			break;
		}
		p->r.id = pushed;
		if (!lg_mc_push_at(mc, &p->r, &p->a, t)) {
			block(q);
			break;
		}
		if (obs.ctx && p->r.op == LG_OP_WR)
			obs.put(obs.ctx, p->a.unit, p->r.addr + p->r.data_off,
				p->r.data_bytes ? p->r.data_bytes : p->r.size, t);
		pushed++;
		prog = true;
		if (++q.head == cap)
			q.head = 0;
		q.n--;
		staged--;
		p->t->unpushed--;
	}
	return prog;
}

/*
 * Stage the bursts of t at time at, each pushed at once when its FIFO may
 * be offered. Stops at a full FIFO. true if any push.
 */
bool tlm_mem::impl::stage(txn *t, lg_ps at)
{
	bool prog = false;

	while (t->nstage) {
		lg_dram_addr a;
		piece *p;
		fifo *q;
		uint32_t i;
		uint64_t lo, hi;

		lg_addrmap_decode(map, t->addr, &a);
		q = &f[a.unit];
		if (q->n == cap)
			break;
		p = get_piece();
		p->r = lg_req{};
		p->r.addr = t->addr;
		p->r.size = (uint32_t)rb;
		p->r.op = t->op;
		p->r.tclass = LG_TC_COMPUTE;
		p->r.src_kind = LG_SRC_TRACE;
		p->r.t_created = at;
		/* the bytes of the burst the transaction carries (replay.c data_span) */
		lo = std::max(t->lo, t->addr);
		hi = std::min(t->hi, t->addr + rb);
		if (lo != t->addr || hi != t->addr + rb) {
			p->r.data_off = (uint16_t)(lo - t->addr);
			p->r.data_bytes = (uint16_t)(hi - lo);
		}
		p->t = t;
		p->a = a;
		i = q->head + q->n;
		q->e[i >= cap ? i - cap : i] = p;
		q->n++;
		staged++;
		t->unpushed++;
		t->nstage--;
		t->addr += rb;
		if (offerable(*q))
			prog |= push_fifo(*q, at);
	}
	return prog;
}

/* The front's tick at t (the replay front's place): offer refused FIFOs, stage. */
bool tlm_mem::impl::front_tick(lg_ps t)
{
	bool prog = false;

	obs_wait = false;
	for (fifo &q : f)
		if (q.n)
			prog |= push_fifo(q, t);
	if (held && held->arrive <= t)
		prog |= stage(held, t);
	return prog;
}

/*
 * One step of `lgsim run`'s loop at t: the die's components in order, the
 * front in its place. The components after the front (tracker, trigger
 * sink) tick at t only when time moves on (settle): the initiator may
 * still push at t -- each BEGIN_REQ of the instant is the front's work of
 * that step -- and in the loop the front's pushes of a step all come
 * before those components' ticks.
 */
void tlm_mem::impl::step(lg_ps t)
{
	bool prog = false;

	settle();
	res.iterations++;
	now = t;
	for (size_t i = 0; i < front_at; i++)
		prog |= comps[i].ops->tick(comps[i].self, t);
	prog |= front_tick(t);
	post_t = t;
	if (prog)
		last_prog = t;
}

/* Tick the components after the front at the last step's time, if not done yet. */
void tlm_mem::impl::settle()
{
	bool prog = false;

	if (post_t == LG_PS_NEVER)
		return;
	for (size_t i = front_at; i < comps.size(); i++)
		prog |= comps[i].ops->tick(comps[i].self, post_t);
	if (prog)
		last_prog = std::max(last_prog, post_t);
	post_t = LG_PS_NEVER;
}

/*
 * Bring the model to t (a tCK edge after now) and step there: the steps
 * the loop would take before t first (an arrival at t is the loop's next
 * timed record), with the idle gap's refreshes run inside idle_until.
 */
void tlm_mem::impl::advance_to(lg_ps t)
{
	settle();
	for (;;) {
		bool gap, busy;
		lg_ps nx = next_step(std::min(t, arrival()), &gap, &busy);

		if (gap)
			idle_all(nx);
		if (nx >= t)
			break;
		step(nx);
	}
	step(t);
}

/* Check a payload against the rules of docs/systemc.md; TLM_OK_RESPONSE if it may enter. */
tlm_response_status tlm_mem::impl::check(const tlm_generic_payload &gp) const
{
	uint64_t a = gp.get_address(), n = gp.get_data_length();

	if (n == 0)
		return TLM_GENERIC_ERROR_RESPONSE;
	if (a >= capacity || n > capacity - a)
		return TLM_ADDRESS_ERROR_RESPONSE;
	if (gp.get_streaming_width() < n)
		return TLM_BURST_ERROR_RESPONSE;
	if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0)
		return TLM_BYTE_ENABLE_ERROR_RESPONSE;
	return TLM_OK_RESPONSE;
}

/* A transaction for gp (checked) arriving at arrive: its bursts. */
txn *tlm_mem::impl::make_txn(tlm_generic_payload &gp, lg_ps arrive, bool lt)
{
	txn *t = get_txn();
	uint64_t a = gp.get_address(), n = gp.get_data_length();

	t->gp = &gp;
	t->lo = a;
	t->hi = a + n;
	t->addr = a & ~(rb - 1);
	t->nstage = (a + n - t->addr + rb - 1) / rb;
	t->nopen = t->nstage;
	t->unpushed = 0;
	t->arrive = arrive;
	t->t_resp = 0;
	t->op = gp.is_write() ? LG_OP_WR : LG_OP_RD;
	t->lt = lt;
	if (!lt && gp.has_mm())
		gp.acquire();
	return t;
}

/* The transaction is over for the target. */
void tlm_mem::impl::release_txn(txn *t)
{
	if (!t->lt && t->gp->has_mm())
		t->gp->release();
	put_txn(t);
}

/* END_REQ for a held transaction now accepted, then due responses. */
void tlm_mem::impl::emit()
{
	if (held && held->arrive <= now && accepted(held)) {
		txn *t = held;
		tlm_phase ph = END_REQ;
		sc_time d = to_sc(now - std::min(now, sc_now_ps()));

		held = nullptr;
		m->socket->nb_transport_bw(*t->gp, ph, d);
	}
	send_responses();
}

/*
 * BEGIN_RESP for every completed transaction whose order is final (below
 * the horizon of the file comment), one at a time (END_RESP or an early
 * completion before the next).
 */
void tlm_mem::impl::send_responses()
{
	lg_ps base = std::max(now, sc_now_ps());
	lg_ps horizon = (base / tck + 1 + minlat) * tck;

	while (!resp_out && !resp.empty() && resp.top()->t_resp < horizon) {
		txn *t = resp.top();
		tlm_phase ph = BEGIN_RESP;
		lg_ps sn = sc_now_ps();
		sc_time d = to_sc(t->t_resp > sn ? t->t_resp - sn : 0);
		tlm_sync_enum s;

		resp.pop();
		t->gp->set_response_status(TLM_OK_RESPONSE);
		res.transactions++;
		resp_out = t;
		s = m->socket->nb_transport_bw(*t->gp, ph, d);
		if (s == TLM_COMPLETED || (s == TLM_UPDATED && ph == END_RESP)) {
			resp_out = nullptr;
			release_txn(t);
		}
	}
}

/* No progress with work held (as lg_loop_run): dump every component and stop. */
void tlm_mem::impl::watchdog()
{
	settle();
	std::fprintf(stderr, "lgsim: watchdog: no progress for %lld cycles with requests pending\n",
		     (long long)cfg.sim.watchdog_cycles);
	for (size_t i = 0; i <= comps.size(); i++) {
		if (i == front_at)
			std::fprintf(stderr, "tlm front: %llu requests pushed, %llu completed, %llu staged%s\n",
				     (unsigned long long)pushed, (unsigned long long)completed,
				     (unsigned long long)staged, held ? ", a transaction held" : "");
		if (i < comps.size())
			comps[i].ops->dump(comps[i].self, stderr, now);
	}
	res.watchdog = true;
	sc_stop();
}

/*
 * Wake at the earliest of: the controller's next event (while it holds
 * work), the held transaction's arrival, the time the first pending
 * response may go. Nothing while idle.
 */
void tlm_mem::impl::schedule()
{
	lg_ps w, sn = sc_now_ps();
	bool gap, busy;

	w = next_step(arrival(), &gap, &busy);
	if (busy && post_t == LG_PS_NEVER && stuck(w)) {
		watchdog();
		return;
	}
	if (held && held->arrive <= now && accepted(held))
		w = std::min(w, sn);
	if (!resp_out && !resp.empty()) {
		lg_ps r = resp.top()->t_resp / tck;

		w = std::min(w, r > minlat ? (r - minlat) * tck : 0);
	}
	if (w == scheduled)
		return;
	if (scheduled != LG_PS_NEVER)
		m->wake_.cancel();
	scheduled = w;
	if (w != LG_PS_NEVER)
		m->wake_.notify(to_sc(w > sn ? w - sn : 0));
}

tlm_mem::tlm_mem(sc_module_name name, const tlm_mem_options &opt)
	: sc_module(name), socket("socket"), p_(new impl(this, opt))
{
	SC_HAS_PROCESS(tlm_mem);

	p_->setup();
	socket.register_b_transport(this, &tlm_mem::b_transport);
	socket.register_nb_transport_fw(this, &tlm_mem::nb_transport_fw);
	socket.register_transport_dbg(this, &tlm_mem::transport_dbg);
	socket.register_get_direct_mem_ptr(this, &tlm_mem::get_direct_mem_ptr);
	SC_METHOD(wake_method);
	sensitive << wake_;
	dont_initialize();
}

tlm_mem::~tlm_mem() = default;

/* The first step at time 0, as `lgsim run`'s loop. */
void tlm_mem::start_of_simulation()
{
	if (p_->started)
		return;
	p_->started = true;
	p_->t0 = wall_now();
	p_->step(0);
}

/* The timed wake: step if the model has something due, then outputs. */
void tlm_mem::wake_method()
{
	impl &p = *p_;
	lg_ps t = p.sc_now_ps();

	bool gap, busy;

	p.scheduled = LG_PS_NEVER;
	if (t > p.post_t)
		p.settle();
	if (t > p.now && p.next_step(p.arrival(), &gap, &busy) <= t)
		p.advance_to(p.edge_up(t));
	p.emit();
	p.schedule();
}

tlm_sync_enum tlm_mem::nb_transport_fw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &delay)
{
	impl &p = *p_;

	if (ph == END_RESP) {
		if (p.resp_out != nullptr && p.resp_out->gp == &gp) {
			p.release_txn(p.resp_out);
			p.resp_out = nullptr;
			p.schedule(); /* the next response goes from the wake */
		} else {
			SC_REPORT_ERROR("lgsim/tlm_mem", "END_RESP for a transaction without BEGIN_RESP");
		}
		return TLM_COMPLETED;
	}
	if (ph != BEGIN_REQ) {
		SC_REPORT_ERROR("lgsim/tlm_mem", "unexpected phase on the forward path");
		return TLM_ACCEPTED;
	}
	if (p.held) {
		SC_REPORT_ERROR("lgsim/tlm_mem", "BEGIN_REQ before END_REQ of the previous request");
		gp.set_response_status(TLM_GENERIC_ERROR_RESPONSE);
		return TLM_COMPLETED;
	}
	{
		tlm_response_status st = gp.is_read() || gp.is_write() ? p.check(gp) : TLM_OK_RESPONSE;
		lg_ps sn = p.sc_now_ps(), a = p.edge_up(sn + delay.value() / p.ticks_per_ps);
		txn *t;

		if (st != TLM_OK_RESPONSE || !(gp.is_read() || gp.is_write())) {
			/* an error, or TLM_IGNORE_COMMAND: complete at once */
			gp.set_response_status(st);
			(st == TLM_OK_RESPONSE ? p.res.transactions : p.res.errors)++;
			return TLM_COMPLETED;
		}
		if (a > p.now && a == sn)
			p.advance_to(a);
		t = p.make_txn(gp, a, false);
		p.held = t;
		if (a <= p.now && p.stage(t, p.now))
			p.last_prog = p.now;
		if (a <= p.now && p.accepted(t)) {
			p.held = nullptr;
			ph = END_REQ;
			delay = p.to_sc(p.now > sn ? p.now - sn : 0);
			p.schedule();
			return TLM_UPDATED;
		}
		p.schedule();
		return TLM_ACCEPTED;
	}
}

void tlm_mem::b_transport(tlm_generic_payload &gp, sc_time &delay)
{
	impl &p = *p_;
	lg_ps sn = p.sc_now_ps(), a = p.edge_up(sn + delay.value() / p.ticks_per_ps);
	tlm_response_status st = gp.is_read() || gp.is_write() ? p.check(gp) : TLM_OK_RESPONSE;
	txn *t;

	if (st != TLM_OK_RESPONSE || !(gp.is_read() || gp.is_write())) {
		gp.set_response_status(st);
		(st == TLM_OK_RESPONSE ? p.res.transactions : p.res.errors)++;
		return;
	}
	if (a > p.now)
		p.advance_to(a);
	t = p.make_txn(gp, a, true);
	if (p.stage(t, p.now))
		p.last_prog = p.now;
	/* run the model until the access is complete (LT: no wait()) */
	while (t->nopen && !p.res.watchdog) {
		bool gap, busy;
		lg_ps nx;

		p.settle();
		nx = p.next_step(LG_PS_NEVER, &gap, &busy);

		if (p.stuck(nx)) {
			p.watchdog();
			break;
		}
		if (gap)
			p.idle_all(nx);
		p.step(nx);
		if (t->nstage && p.stage(t, p.now))
			p.last_prog = p.now;
	}
	gp.set_response_status(p.res.watchdog ? TLM_GENERIC_ERROR_RESPONSE : TLM_OK_RESPONSE);
	delay = p.to_sc(t->t_resp > sn ? t->t_resp - sn : 0);
	p.res.transactions++;
	p.release_txn(t);
	/* what the run completed for AT initiators goes out from the wake */
	p.scheduled = LG_PS_NEVER;
	wake_.cancel();
	p.schedule();
}

/* The model carries no data (no data-carrying mode): nothing to read or write. */
unsigned tlm_mem::transport_dbg(tlm_generic_payload &gp)
{
	gp.set_response_status(TLM_OK_RESPONSE);
	return 0;
}

/* DMI would bypass the timing model: refused for the whole memory. */
bool tlm_mem::get_direct_mem_ptr(tlm_generic_payload &gp, tlm_dmi &dmi)
{
	(void)gp;
	dmi.allow_none();
	dmi.set_start_address(0);
	dmi.set_end_address(~(sc_dt::uint64)0);
	return false;
}

uint64_t tlm_mem::capacity_bytes() const
{
	return p_->capacity;
}

unsigned tlm_mem::burst_bytes() const
{
	return (unsigned)p_->rb;
}

sc_time tlm_mem::clock_period() const
{
	return p_->to_sc(p_->tck);
}

/* The counters so far (final after finish()). */
const tlm_mem_result &tlm_mem::result() const
{
	if (!p_->finished) {
		p_->res.requests = p_->pushed;
		p_->res.completed = p_->completed;
	}
	return p_->res;
}

/* End = the last step or any component's done_at, whichever is later; then every finish (as lg_loop_run). */
const tlm_mem_result &tlm_mem::finish()
{
	impl &p = *p_;
	tlm_mem_result &r = p.res;

	if (p.finished)
		return r;
	p.finished = true;
	p.settle();
	r.requests = p.pushed;
	r.completed = p.completed;
	r.end_ps = p.now;
	for (const lg_comp &c : p.comps)
		if (c.ops->done_at)
			r.end_ps = std::max(r.end_ps, c.ops->done_at(c.self));
	for (const lg_comp &c : p.comps)
		if (c.ops->finish)
			c.ops->finish(c.self, r.end_ps);
	r.wall_seconds = wall_now() - p.t0;
	if (p.log) {
		int bad = lg_cmdlog_close(p.log);

		p.log = nullptr;
		if (bad) {
			std::string path = lg_outfile_path(p.log_out.o);

			p.log_out.close(false);
			throw error(path + ": write error on the command log");
		}
		p.log_out.close(!r.watchdog);
	}
	p.trk_out.close(!r.watchdog);
	return r;
}

/* The loop result and report of the run, for the printers of `lgsim run`. */
struct run_report {
	lg_loop_result lr = {};
	lg_die *dies[1];
	std::vector<const char *> tr;
	lg_report rep;

	run_report(const tlm_mem::impl &p, const char *cfg, const std::vector<std::string> &traces)
	{
		lr.iterations = p.res.iterations;
		lr.now = p.now;
		lr.end = p.res.end_ps;
		lr.watchdog = p.res.watchdog;
		lr.wall_seconds = p.res.wall_seconds;
		dies[0] = p.die;
		for (const std::string &s : traces)
			tr.push_back(s.c_str());
		rep = lg_report{ dies, 1, &lr, cfg, tr.data(), (int)tr.size() };
	}
};

void tlm_mem::write_stats_json(const std::string &path, const std::string &config_path,
			       const std::vector<std::string> &traces) const
{
	run_report r(*p_, config_path.c_str(), traces);
	lg_err e;
	lg_json *j = lg_json_file_open(path.c_str(), &e);

	if (!j)
		throw error(e.msg);
	lg_report_json(&r.rep, j);
	if (lg_json_commit(j, &e))
		throw error(e.msg);
}

void tlm_mem::print_summary(std::FILE *f) const
{
	run_report r(*p_, p_->opt.config.c_str(), {});

	lg_report_summary(&r.rep, f);
}

} // namespace lgsim
