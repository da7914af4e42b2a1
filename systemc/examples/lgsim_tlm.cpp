/*
 * lgsim-tlm: an example SystemC platform around lgsim::tlm_mem.
 *
 *   lgsim-tlm -c CONFIG [-s section.key=value]... [--direct]
 *             (-t TRACE [--format NAME] [--mode at|lt]
 *              | --gen N [--outstanding K] [--pattern seq|random] [--writes PCT]
 *                [--bytes B] [--seed S])
 *             [-o STATS.json] [--cmdlog FILE] [--tracker-trace FILE]
 *
 * Two initiators, one of which drives the target:
 *  - trace_player replays a DRAM trace in any format `lgsim run` reads, in
 *    AT mode (four-phase, as fast as END_REQ allows, timed records at their
 *    time: the same statistics as `lgsim run`) or LT mode (b_transport,
 *    one access at a time, each at max(its time, previous completion));
 *  - traffic_gen sends N requests with at most K outstanding (AT, the full
 *    four phases with END_RESP, responses taken at their annotated time).
 * -o, --cmdlog and --tracker-trace are those of `lgsim run`. Exit status 0,
 * 1 when the watchdog stopped the run, 2 on bad input (one line
 * "FILE:LINE: what was expected" on stderr, no output file).
 */
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/peq_with_cb_and_phase.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "lgsim/tlm_mem.h"

extern "C" {
#include "trace/dtrace.h"
}

using namespace sc_core;
using namespace tlm;

namespace {

/* Payloads with a memory manager, recycled through a free list. */
class gp_pool : public tlm_mm_interface {
public:
	~gp_pool() override
	{
		for (tlm_generic_payload *g : all_)
			delete g;
	}
	tlm_generic_payload *get()
	{
		tlm_generic_payload *g;

		if (free_.empty()) {
			g = new tlm_generic_payload(this);
			all_.push_back(g);
		} else {
			g = free_.back();
			free_.pop_back();
		}
		g->acquire();
		return g;
	}
	void free(tlm_generic_payload *g) override
	{
		g->reset();
		free_.push_back(g);
	}

private:
	std::vector<tlm_generic_payload *> free_, all_;
};

/* Fill gp for one access; data points at a shared scratch buffer (timing only). */
void set_access(tlm_generic_payload &gp, bool wr, uint64_t addr, unsigned len,
		std::vector<unsigned char> &scratch)
{
	if (scratch.size() < len)
		scratch.resize(len);
	gp.set_command(wr ? TLM_WRITE_COMMAND : TLM_READ_COMMAND);
	gp.set_address(addr);
	gp.set_data_ptr(scratch.data());
	gp.set_data_length(len);
	gp.set_streaming_width(len);
	gp.set_byte_enable_ptr(nullptr);
	gp.set_byte_enable_length(0);
	gp.set_dmi_allowed(false);
	gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
}

/* A one-line description of a response error for record line of path. */
std::string resp_error(const char *path, uint64_t line, const tlm_generic_payload &gp, uint64_t cap)
{
	char b[256];

	std::snprintf(b, sizeof(b), "%s:%" PRIu64 ": %s for 0x%" PRIx64 " (%u bytes; the memory has %" PRIu64
		      " bytes)", path, line, gp.get_response_string().c_str(), (uint64_t)gp.get_address(),
		      gp.get_data_length(), cap);
	return b;
}

SC_MODULE(trace_player) {
	tlm_utils::simple_initiator_socket<trace_player> socket;
	std::string error;   /* set on a trace or response error; the run stops */
	uint64_t sent = 0, answered = 0;

	trace_player(sc_module_name nm, lg_dtrace *t, bool lt, lg_ps tck, unsigned burst, uint64_t cap)
		: sc_module(nm), socket("socket"), t_(t), lt_(lt), tck_(tck), burst_(burst), cap_(cap)
	{
		SC_HAS_PROCESS(trace_player);
		socket.register_nb_transport_bw(this, &trace_player::nb_transport_bw);
		SC_THREAD(run);
	}

private:
	static const int BATCH = 64;
	lg_dtrace *t_;
	bool lt_;
	lg_ps tck_;
	unsigned burst_;
	uint64_t cap_;
	gp_pool pool_;
	std::vector<unsigned char> scratch_;
	sc_event end_req_;
	lg_dtrace_rec d_[BATCH];
	int di_ = 0, dn_ = 0;

	/* Next record: 1, 0 at the end, -1 with error set. */
	int next(lg_dtrace_rec **r)
	{
		lg_err e;

		if (di_ == dn_) {
			dn_ = lg_dtrace_next_batch(t_, d_, BATCH, &e);
			di_ = 0;
			if (dn_ < 0) {
				error = e.msg;
				return -1;
			}
			if (dn_ == 0)
				return 0;
		}
		*r = &d_[di_++];
		if ((*r)->op == LG_OP_NMC) {
			char b[640];

			std::snprintf(b, sizeof(b), "%s:%" PRIu64 ": NMC requests (N:<dtype>) are not modelled "
				      "yet in DRAM-only mode; expected R or W", lg_dtrace_path(t_), (*r)->line);
			error = b;
			return -1;
		}
		return 1;
	}

	/* Arrival time of a timed record in ps (as `lgsim run`), else 0. */
	lg_ps rec_time(const lg_dtrace_rec &r) const
	{
		if (r.time_unit == LG_DTT_NONE)
			return 0;
		return r.time_unit == LG_DTT_CYCLES ? r.time * tck_ : r.time;
	}

	/* One record as a payload: size 0 is one aligned burst. */
	tlm_generic_payload *payload(const lg_dtrace_rec &r)
	{
		tlm_generic_payload *gp = pool_.get();

		if (r.size == 0)
			set_access(*gp, r.op == LG_OP_WR, r.addr & ~(uint64_t)(burst_ - 1), burst_, scratch_);
		else
			set_access(*gp, r.op == LG_OP_WR, r.addr, r.size, scratch_);
		return gp;
	}

	void stop(const std::string &msg)
	{
		error = msg;
		sc_stop();
	}

	void run()
	{
		if (lt_)
			run_lt();
		else
			run_at();
	}

	/* AT: BEGIN_REQ as soon as the previous END_REQ and the record's time allow. */
	void run_at()
	{
		lg_dtrace_rec *r;
		int rc;

		while ((rc = next(&r)) > 0) {
			lg_ps t = rec_time(*r), now = sc_time_stamp().value() / sc_time(1, SC_PS).value();
			tlm_generic_payload *gp;
			tlm_phase ph = BEGIN_REQ;
			sc_time d = SC_ZERO_TIME;
			tlm_sync_enum s;

			if (t > now)
				wait(sc_time::from_value((t - now) * sc_time(1, SC_PS).value()));
			gp = payload(*r);
			sent++;
			s = socket->nb_transport_fw(*gp, ph, d);
			if (s == TLM_COMPLETED) { /* only errors complete at once */
				if (gp->get_response_status() != TLM_OK_RESPONSE)
					return stop(resp_error(lg_dtrace_path(t_), r->line, *gp, cap_));
				answered++;
				gp->release();
				continue;
			}
			if (s == TLM_ACCEPTED || ph == BEGIN_REQ)
				wait(end_req_);
		}
		if (rc < 0)
			sc_stop();
	}

	/* LT: b_transport, each access after the previous one completed. */
	void run_lt()
	{
		tlm_utils::tlm_quantumkeeper qk;
		lg_dtrace_rec *r;
		int rc;

		qk.reset();
		while ((rc = next(&r)) > 0) {
			sc_time t = sc_time::from_value(rec_time(*r) * sc_time(1, SC_PS).value());
			tlm_generic_payload *gp = payload(*r);
			sc_time d;

			if (t > qk.get_current_time())
				qk.set(t - sc_time_stamp());
			d = qk.get_local_time();
			sent++;
			socket->b_transport(*gp, d);
			if (gp->get_response_status() != TLM_OK_RESPONSE)
				return stop(resp_error(lg_dtrace_path(t_), r->line, *gp, cap_));
			answered++;
			gp->release();
			qk.set(d);
			if (qk.need_sync())
				qk.sync();
		}
		if (rc < 0)
			sc_stop();
	}

	tlm_sync_enum nb_transport_bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &d)
	{
		(void)d;
		if (ph == END_REQ) {
			end_req_.notify();
			return TLM_ACCEPTED;
		}
		if (ph == BEGIN_RESP) { /* implies END_REQ if that did not come */
			answered++;
			gp.release();
			return TLM_COMPLETED;
		}
		SC_REPORT_ERROR("trace_player", "unexpected phase on the backward path");
		return TLM_COMPLETED;
	}
};

/* Generator parameters. */
struct gen_params {
	uint64_t n = 0;
	unsigned outstanding = 1;
	bool random = false;
	unsigned writes_pct = 0;
	unsigned bytes = 0;       /* 0 = one burst */
	uint64_t seed = 1;
};

SC_MODULE(traffic_gen) {
	tlm_utils::simple_initiator_socket<traffic_gen> socket;
	uint64_t done = 0, lat_sum_ps = 0, errors = 0;
	sc_time last;

	traffic_gen(sc_module_name nm, const gen_params &p, unsigned burst, uint64_t cap)
		: sc_module(nm), socket("socket"), p_(p), cap_(cap),
		  peq_(this, &traffic_gen::peq_cb)
	{
		if (!p_.bytes)
			p_.bytes = burst;
		SC_HAS_PROCESS(traffic_gen);
		socket.register_nb_transport_bw(this, &traffic_gen::nb_transport_bw);
		SC_THREAD(run);
	}

private:
	gen_params p_;
	uint64_t cap_;
	gp_pool pool_;
	std::vector<unsigned char> scratch_;
	sc_event end_req_, resp_;
	unsigned inflight_ = 0;
	tlm_utils::peq_with_cb_and_phase<traffic_gen> peq_;
	std::map<tlm_generic_payload *, sc_time> start_; /* request times */

	/* 64-bit LCG (Knuth's MMIX constants): a deterministic address stream. */
	uint64_t rnd()
	{
		p_.seed = p_.seed * 6364136223846793005ull + 1442695040888963407ull;
		return p_.seed >> 11;
	}

	void run()
	{
		uint64_t span = cap_ / p_.bytes;

		for (uint64_t i = 0; i < p_.n; i++) {
			tlm_generic_payload *gp = pool_.get();
			uint64_t blk = p_.random ? rnd() % span : i % span;
			bool wr = rnd() % 100 < p_.writes_pct;
			tlm_phase ph = BEGIN_REQ;
			sc_time d = SC_ZERO_TIME;
			tlm_sync_enum s;

			while (inflight_ >= p_.outstanding)
				wait(resp_);
			set_access(*gp, wr, blk * p_.bytes, p_.bytes, scratch_);
			inflight_++;
			start_[gp] = sc_time_stamp();
			s = socket->nb_transport_fw(*gp, ph, d);
			if (s == TLM_COMPLETED) {
				peq_cb(*gp, BEGIN_RESP);
				continue;
			}
			if (s == TLM_ACCEPTED || ph == BEGIN_REQ)
				wait(end_req_);
		}
	}


	tlm_sync_enum nb_transport_bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &d)
	{
		if (ph == END_REQ) {
			end_req_.notify();
			return TLM_ACCEPTED;
		}
		if (ph == BEGIN_RESP) { /* taken at its annotated time */
			peq_.notify(gp, ph, d);
			return TLM_ACCEPTED;
		}
		SC_REPORT_ERROR("traffic_gen", "unexpected phase on the backward path");
		return TLM_COMPLETED;
	}

	/* A response at its time: account, END_RESP, make room. */
	void peq_cb(tlm_generic_payload &gp, const tlm_phase &ph)
	{
		(void)ph;
		if (gp.get_response_status() == TLM_OK_RESPONSE) {
			done++;
			lat_sum_ps += (sc_time_stamp() - start_[&gp]).value() / sc_time(1, SC_PS).value();
		} else {
			errors++;
		}
		start_.erase(&gp);
		last = sc_time_stamp();
		if (ph == BEGIN_RESP) {
			tlm_phase e = END_RESP;
			sc_time d = SC_ZERO_TIME;

			socket->nb_transport_fw(gp, e, d);
		}
		gp.release();
		inflight_--;
		resp_.notify();
	}
};

struct args {
	const char *config = nullptr, *trace = nullptr, *format = nullptr, *out = nullptr;
	const char *cmdlog = nullptr, *trk = nullptr;
	std::vector<std::string> sets;
	bool lt = false, direct = false, gen = false;
	gen_params g;
};

int usage(const char *fmt, const char *a)
{
	std::fprintf(stderr, "lgsim-tlm: ");
	std::fprintf(stderr, fmt, a);
	std::fprintf(stderr, "\nusage: lgsim-tlm -c CONFIG [-s section.key=value]... [--direct] "
		     "(-t TRACE [--format NAME] [--mode at|lt] | --gen N [--outstanding K] "
		     "[--pattern seq|random] [--writes PCT] [--bytes B] [--seed S]) "
		     "[-o STATS.json] [--cmdlog FILE] [--tracker-trace FILE]\n");
	return 2;
}

/* A whole decimal number, or -1. */
long long number(const char *s)
{
	char *end;
	long long v = std::strtoll(s, &end, 10);

	return *s && !*end && v >= 0 ? v : -1;
}

int parse(int argc, char **argv, args &a)
{
	for (int i = 1; i < argc; i++) {
		std::string o = argv[i];
		const char *v;

		if (o == "--direct") {
			a.direct = true;
			continue;
		}
		if (i + 1 >= argc)
			return usage("option %s needs a value", o.c_str());
		v = argv[++i];
		if (o == "-c")
			a.config = v;
		else if (o == "-s")
			a.sets.push_back(v);
		else if (o == "-t")
			a.trace = v;
		else if (o == "--format")
			a.format = v;
		else if (o == "-o")
			a.out = v;
		else if (o == "--cmdlog")
			a.cmdlog = v;
		else if (o == "--tracker-trace")
			a.trk = v;
		else if (o == "--mode" && (!std::strcmp(v, "at") || !std::strcmp(v, "lt")))
			a.lt = !std::strcmp(v, "lt");
		else if (o == "--pattern" && (!std::strcmp(v, "seq") || !std::strcmp(v, "random")))
			a.g.random = !std::strcmp(v, "random");
		else if (o == "--gen" && number(v) > 0)
			a.gen = true, a.g.n = (uint64_t)number(v);
		else if (o == "--outstanding" && number(v) > 0)
			a.g.outstanding = (unsigned)number(v);
		else if (o == "--writes" && number(v) >= 0 && number(v) <= 100)
			a.g.writes_pct = (unsigned)number(v);
		else if (o == "--bytes" && number(v) > 0)
			a.g.bytes = (unsigned)number(v);
		else if (o == "--seed" && number(v) >= 0)
			a.g.seed = (uint64_t)number(v);
		else
			return usage("bad option or value '%s'", (o + " " + v).c_str());
	}
	if (!a.config)
		return usage("%s", "-c CONFIG is required");
	if (!a.trace == !a.gen)
		return usage("%s", "give one of -t TRACE or --gen N");
	return 0;
}

} // namespace

int sc_main(int argc, char **argv)
{
	args a;
	lg_err e;
	lg_dtrace *t = nullptr;
	int status = 2;

	if (parse(argc, argv, a))
		return 2;
	sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", SC_DO_NOTHING);
	/* LT: an initiator syncs with the kernel once per microsecond of local time */
	tlm::tlm_global_quantum::instance().set(sc_time(1, SC_US));
	try {
		lgsim::tlm_mem_options o;

		o.config = a.config;
		o.sets = a.sets;
		o.cmdlog = a.cmdlog ? a.cmdlog : "";
		o.tracker_trace = a.trk ? a.trk : "";
		o.frontend_staging = !a.direct;
		lgsim::tlm_mem mem("mem", o);
		uint64_t tck = mem.clock_period().value() / sc_time(1, SC_PS).value();
		std::vector<std::string> traces;
		std::unique_ptr<trace_player> pl;
		std::unique_ptr<traffic_gen> gen;

		if (a.trace) {
			t = lg_dtrace_open(a.trace, a.format, &e);
			if (!t)
				throw lgsim::error(e.msg);
			traces.push_back(a.trace);
			pl.reset(new trace_player("player", t, a.lt, tck, mem.burst_bytes(), mem.capacity_bytes()));
			pl->socket.bind(mem.socket);
		} else {
			gen.reset(new traffic_gen("gen", a.g, mem.burst_bytes(), mem.capacity_bytes()));
			gen->socket.bind(mem.socket);
		}
		sc_start();
		if (pl && !pl->error.empty())
			throw lgsim::error(pl->error);
		mem.finish();
		if (mem.result().watchdog) {
			status = 1;
		} else {
			if (a.out)
				mem.write_stats_json(a.out, a.config, traces);
			mem.print_summary(stdout);
			if (gen)
				std::printf("generator       %" PRIu64 " requests, %u outstanding, %.1f ns mean latency, "
					    "%" PRIu64 " errors\n", gen->done, a.g.outstanding,
					    gen->done ? (double)gen->lat_sum_ps / (double)gen->done / 1000.0 : 0.0,
					    gen->errors);
			status = 0;
		}
	} catch (const lgsim::error &x) {
		std::fprintf(stderr, "%s\n", x.what());
		status = 2;
	}
	if (t)
		lg_dtrace_close(t);
	return status;
}
