/*
 * lgsim::tlm_mem (tlm_mem.h): the C memory controller behind a TLM-2.0
 * target socket.
 *
 * The front end is that of `lgsim run` (cmodel/sim/dsim.c, docs/dram.md
 * "Replay front-end"), so that an AT replay gives the same statistics:
 *  - a transaction is cut into the aligned bursts (request_bytes) it
 *    touches; each burst is decoded once and appended to the staging FIFO
 *    of its unit (channel * pseudo-channels + pc). Staging stops at a full
 *    FIFO: the transaction is then held (no END_REQ) until room appears;
 *  - each FIFO offers its head to the controller until refused; a refused
 *    FIFO is offered again only after some request completes;
 *  - one model step at time t = tick the controller at t, then offer every
 *    refused FIFO (unit order), then stage what waits. Steps happen at the
 *    controller's events while it holds work, and at arrivals; an arrival
 *    after an idle gap first runs the gap's refreshes (lg_mc_idle_until).
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

/* Staging FIFO of one unit (as dsim.c). */
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

/* An output written as FILE.tmp and renamed into place by commit(). */
struct out_file {
	std::string path, tmp;
	FILE *f = nullptr;

	void open(const std::string &p, const char *what)
	{
		path = p;
		tmp = p + ".tmp";
		f = std::fopen(tmp.c_str(), "w");
		if (!f)
			throw error(p + ": cannot create the " + what);
		setvbuf(f, nullptr, _IOFBF, 1 << 20);
	}
	/* Close; rename when ok and every write succeeded, else remove. */
	void close(bool ok, const char *what)
	{
		bool bad;

		if (!f)
			return;
		bad = std::ferror(f) | std::fclose(f);
		f = nullptr;
		if (ok && !bad && std::rename(tmp.c_str(), path.c_str()) == 0)
			return;
		std::remove(tmp.c_str());
		if (ok)
			throw error(path + ": write error on the " + what);
	}
};

} // namespace

struct tlm_mem::impl {
	tlm_mem *m;
	tlm_mem_options opt;
	lg_cfg cfg;
	lg_mc *mc = nullptr;
	lg_wtrack *trk = nullptr;
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
	void done(piece *p);
	bool offerable(const fifo &q) const { return !q.blocked || q.blocked_done != completed; }
	void block(fifo &q) { q.blocked = true; q.blocked_done = completed; }
	bool push_fifo(fifo &q, lg_ps t);
	bool stage(txn *t, lg_ps at);
	bool accepted(const txn *t) const
	{
		return t->nstage == 0 && (opt.frontend_staging || t->unpushed == 0);
	}
	void step(lg_ps t);
	void advance_to(lg_ps t);
	lg_ps stuck_at() const;
	/* The controller's next event, at least one tCK after now (as dsim.c). */
	lg_ps next_event() const
	{
		lg_ps nx = lg_mc_next(mc);

		return nx <= now ? now + tck : nx;
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
		log_out.close(false, "command log");
		trk_out.close(false, "tracker recording");
	} catch (...) {
	}
	lg_mc_destroy(mc);
	lg_wtrack_destroy(trk);
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
	lg_req_sink sink = { this, done_cb };
	const lg_dram_spec *sp;
	uint32_t q2;

	lg_cfg_defaults(&cfg);
	if (lg_cfg_load_file(&cfg, opt.config.c_str(), &e))
		throw error(e.msg);
	for (const std::string &s : opt.sets)
		if (lg_cfg_set_override(&cfg, s.c_str(), &e))
			throw error(e.msg);
	if (cfg.tracker.observe) {
		if (!opt.tracker_trace.empty())
			trk_out.open(opt.tracker_trace, "tracker recording");
		trk = lg_wtrack_create(&cfg, &sink, trk_out.f, &e);
		if (!trk)
			throw error(e.msg);
		sink = lg_wtrack_sink(trk);
	} else if (!opt.tracker_trace.empty()) {
		throw error(opt.config + ": --tracker-trace needs tracker.observe = true");
	}
	mc = lg_mc_create(&cfg, &sink, &e);
	if (!mc)
		throw error(e.msg);
	if (trk && lg_wtrack_attach(trk, mc, &e))
		throw error(e.msg);
	if (!opt.cmdlog.empty()) {
		log_out.open(opt.cmdlog, "command log");
		log = lg_cmdlog_open(log_out.f);
		if (!log)
			throw std::bad_alloc();
		lg_mc_set_cmdlog(mc, log);
	}
	sp = lg_mc_spec(mc);
	map = lg_mc_addrmap(mc);
	tck = sp->tCK_ps;
	rb = (uint64_t)sp->request_bytes;
	capacity = (uint64_t)lg_dram_units(sp) / (uint64_t)sp->pcs * (uint64_t)sp->channel_size_mb << 20;
	minlat = (uint64_t)std::min(sp->RL, sp->WL) + (uint64_t)sp->burst_cycles;
	nunits = lg_dram_units(sp);
	maxout = (uint64_t)cfg.sim.max_outstanding;
	/* staging depth exactly as dsim.c's staging_cap() */
	q2 = 2 * (uint32_t)lg_mc_queue_depth(mc);
	cap = cfg.sim.staging_depth ? (uint32_t)cfg.sim.staging_depth : std::max(q2, (uint32_t)LG_DSIM_STAGING);
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

/* Offer the head of q until refused (dsim.c push_fifo). true if any push. */
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
		p->r.id = pushed;
		if (!lg_mc_push_at(mc, &p->r, &p->a, t)) {
			block(q);
			break;
		}
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
		/* the bytes of the burst the transaction carries (dsim.c data_span) */
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

/* One step of `lgsim run`'s loop at t: tick, offer refused FIFOs, stage. */
void tlm_mem::impl::step(lg_ps t)
{
	bool prog;

	res.iterations++;
	now = t;
	prog = lg_mc_tick(mc, t);
	for (fifo &q : f)
		if (q.n)
			prog |= push_fifo(q, t);
	if (held && held->arrive <= t)
		prog |= stage(held, t);
	if (prog)
		last_prog = t;
}

/*
 * Bring the model to t (a tCK edge after now) and step there: events
 * before t first; with nothing queued or staged, the gap's refreshes run
 * inside lg_mc_idle_until.
 */
void tlm_mem::impl::advance_to(lg_ps t)
{
	for (;;) {
		lg_ps nx = next_event();

		if (lg_mc_pending(mc) == 0 && staged == 0) {
			if (nx < t) {
				lg_mc_idle_until(mc, t);
				last_prog = t;
			}
			break;
		}
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

/* The time at which the model is stuck if it is (watchdog), else NEVER. */
lg_ps tlm_mem::impl::stuck_at() const
{
	lg_ps nx = lg_mc_next(mc);

	if (!lg_mc_pending(mc))
		return LG_PS_NEVER;
	if (nx != LG_PS_NEVER)
		nx = next_event();
	if (nx == LG_PS_NEVER || nx - last_prog > wd)
		return nx == LG_PS_NEVER ? now : nx;
	return LG_PS_NEVER;
}

/* Requests pending and no progress: dump every channel and stop. */
void tlm_mem::impl::watchdog()
{
	std::fprintf(stderr, "lgsim: watchdog: no progress for %lld cycles with requests pending\n",
		     (long long)cfg.sim.watchdog_cycles);
	lg_mc_dump(mc, stderr, now);
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
	lg_ps w = LG_PS_NEVER, sn = sc_now_ps();

	if (lg_mc_pending(mc) || staged) {
		if (stuck_at() != LG_PS_NEVER) {
			watchdog();
			return;
		}
		w = next_event();
	}
	if (held && held->arrive > now)
		w = std::min(w, held->arrive);
	else if (held && accepted(held))
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

	p.scheduled = LG_PS_NEVER;
	if (t > p.now && (((lg_mc_pending(p.mc) || p.staged) && p.next_event() <= t) ||
			  (p.held && p.held->arrive > p.now && p.held->arrive <= t)))
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
		if (p.stuck_at() != LG_PS_NEVER) {
			p.watchdog();
			break;
		}
		p.step(p.next_event());
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

const tlm_mem_result &tlm_mem::result() const
{
	return p_->res;
}

/* End = the last step or the last data beat, whichever is later (as dsim.c). */
const tlm_mem_result &tlm_mem::finish()
{
	impl &p = *p_;
	tlm_mem_result &r = p.res;

	if (p.finished)
		return r;
	p.finished = true;
	r.requests = p.pushed;
	r.completed = p.completed;
	r.end_ps = p.now;
	for (int u = 0; u < p.nunits; u++) {
		lg_ps d = lg_mc_unit_stats(p.mc, (unsigned)u)->last_done * p.tck;

		r.end_ps = std::max(r.end_ps, d);
	}
	lg_mc_finish(p.mc, r.end_ps);
	r.wall_seconds = wall_now() - p.t0;
	if (p.trk)
		lg_wtrack_finish(p.trk);
	if (p.log) {
		int bad = lg_cmdlog_close(p.log);

		p.log = nullptr;
		p.log_out.close(!bad && !r.watchdog, "command log");
		if (bad)
			throw error(p.log_out.path + ": write error on the command log");
	}
	p.trk_out.close(!r.watchdog, "tracker recording");
	return r;
}

/* lg_report of the run, for the C printers. */
static lg_report make_report(const tlm_mem::impl &p, lg_dsim_result &dr, const char *cfg,
			     std::vector<const char *> &tr)
{
	dr = lg_dsim_result{};
	dr.iterations = p.res.iterations;
	dr.requests = p.res.requests;
	dr.completed = p.res.completed;
	dr.end = p.res.end_ps;
	dr.watchdog = p.res.watchdog;
	dr.wall_seconds = p.res.wall_seconds;
	return lg_report{ &p.cfg, p.mc, p.trk, &dr, cfg, tr.data(), (int)tr.size() };
}

void tlm_mem::write_stats_json(const std::string &path, const std::string &config_path,
			       const std::vector<std::string> &traces) const
{
	lg_dsim_result dr;
	std::vector<const char *> tr;
	lg_err e;

	for (const std::string &s : traces)
		tr.push_back(s.c_str());
	lg_report rep = make_report(*p_, dr, config_path.c_str(), tr);
	if (lg_report_json(&rep, path.c_str(), &e))
		throw error(e.msg);
}

void tlm_mem::print_summary(std::FILE *f) const
{
	lg_dsim_result dr;
	std::vector<const char *> tr;
	lg_report rep = make_report(*p_, dr, p_->opt.config.c_str(), tr);

	lg_report_summary(&rep, f);
}

} // namespace lgsim
