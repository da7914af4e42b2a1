/*
 * Test 804 (systemc/tests): lgsim::tlm_mem keeps the TLM-2.0 rules of
 * docs/systemc.md. One process, two targets on one HBM2 channel
 * (configs/hbm2.ini, the path is argv[1]), each with its own initiator:
 *
 *  mem  (staged front end, read queue 4, staging depth 2):
 *   - DMI refused (false, no access granted); transport_dbg moves 0 bytes;
 *   - payload errors answered at once: length 0 -> GENERIC, past the
 *     capacity -> ADDRESS, streaming width < length -> BURST, byte-enable
 *     pointer with length 0 -> BYTE_ENABLE; TLM_IGNORE_COMMAND -> OK with
 *     no DRAM request; valid byte enables are accepted;
 *   - LT: the first read of an idle controller (closed bank) is annotated
 *     with (1 + frontend + tRCDRD + RL + BL/2) x tCK, a row hit after it
 *     with (1 + frontend + RL + BL/2) x tCK: the controller's latency
 *     (mc.h: a request accepted in cycle c issues from c + 1 + frontend);
 *   - a 256-byte read is 4 bursts and one response; a 64-byte read at
 *     offset 32 straddles two bursts;
 *   - AT back-pressure: 12 reads to one bank at time 0: END_REQ comes at
 *     once for queue (4) + staging (2) = 6 of them, the 7th is held until
 *     a completion; every BEGIN_RESP time is >= the previous one (order of
 *     completion), and all 12 complete.
 *  dmem (frontend_staging = false, read queue 4): END_REQ at once for 4.
 * Prints "ok ..." lines; exit 1 at the first failure.
 */
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "lg_cmodel.h"
#include "lgsim/tlm_mem.h"

using namespace sc_core;
using namespace tlm;

namespace {

int failures = 0;

void check(bool ok, const std::string &what)
{
	std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
	if (!ok)
		failures++;
}

SC_MODULE(tester) {
	tlm_utils::simple_initiator_socket<tester> socket;
	lgsim::tlm_mem *mem = nullptr;
	lg_dram_spec spec{};
	int frontend = 0;
	bool direct = false;

	SC_CTOR(tester) : socket("socket")
	{
		socket.register_nb_transport_bw(this, &tester::bw);
		SC_THREAD(run);
	}

private:
	unsigned char buf_[256] = {};
	unsigned char be_[4] = { 0xff, 0, 0xff, 0 };
	std::vector<sc_time> resp_times_;
	unsigned end_reqs_ = 0;
	sc_event end_req_;

	void set(tlm_generic_payload &gp, tlm_command c, uint64_t a, unsigned n)
	{
		gp.set_command(c);
		gp.set_address(a);
		gp.set_data_ptr(buf_);
		gp.set_data_length(n);
		gp.set_streaming_width(n);
		gp.set_byte_enable_ptr(nullptr);
		gp.set_byte_enable_length(0);
		gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
	}

	tlm_response_status lt(tlm_generic_payload &gp, sc_time &d)
	{
		d = SC_ZERO_TIME;
		socket->b_transport(gp, d);
		return gp.get_response_status();
	}

	/* Address of bank 0, row r, column 0 on channel 0 (through the map). */
	uint64_t row_addr(uint32_t r)
	{
		return (uint64_t)r * (uint64_t)spec.columns / (uint64_t)spec.BL * (uint64_t)spec.request_bytes *
		       (uint64_t)spec.banks;
	}

	void rules()
	{
		tlm_generic_payload gp;
		tlm_dmi dmi;
		sc_time d;
		uint64_t cap = mem->capacity_bytes(), tck = spec.tCK_ps;
		uint64_t before;
		tlm_response_status st;

		check(!socket->get_direct_mem_ptr(gp, dmi) && dmi.get_granted_access() == tlm_dmi::DMI_ACCESS_NONE,
		      "DMI refused");
		set(gp, TLM_READ_COMMAND, 0, 64);
		check(socket->transport_dbg(gp) == 0, "transport_dbg moves 0 bytes (no data-carrying mode)");
		set(gp, TLM_READ_COMMAND, 0, 0);
		check(lt(gp, d) == TLM_GENERIC_ERROR_RESPONSE, "length 0: TLM_GENERIC_ERROR_RESPONSE");
		set(gp, TLM_READ_COMMAND, cap - 32, 64);
		check(lt(gp, d) == TLM_ADDRESS_ERROR_RESPONSE, "past the capacity: TLM_ADDRESS_ERROR_RESPONSE (LT)");
		{
			tlm_phase ph = BEGIN_REQ;
			sc_time z = SC_ZERO_TIME;

			set(gp, TLM_WRITE_COMMAND, cap, 64);
			check(socket->nb_transport_fw(gp, ph, z) == TLM_COMPLETED &&
			      gp.get_response_status() == TLM_ADDRESS_ERROR_RESPONSE,
			      "past the capacity: completed at once with TLM_ADDRESS_ERROR_RESPONSE (AT)");
		}
		set(gp, TLM_READ_COMMAND, 0, 64);
		gp.set_streaming_width(16);
		check(lt(gp, d) == TLM_BURST_ERROR_RESPONSE, "streaming width < length: TLM_BURST_ERROR_RESPONSE");
		set(gp, TLM_WRITE_COMMAND, 0, 64);
		gp.set_byte_enable_ptr(be_);
		check(lt(gp, d) == TLM_BYTE_ENABLE_ERROR_RESPONSE,
		      "byte enables of length 0: TLM_BYTE_ENABLE_ERROR_RESPONSE");
		before = mem->result().requests;
		set(gp, TLM_IGNORE_COMMAND, 0, 64);
		check(lt(gp, d) == TLM_OK_RESPONSE && mem->result().requests == before,
		      "TLM_IGNORE_COMMAND: OK, no DRAM request");

		/* LT latency = the controller's */
		set(gp, TLM_READ_COMMAND, row_addr(5), 64);
		st = lt(gp, d);
		check(st == TLM_OK_RESPONSE &&
		      d.value() / sc_time(1, SC_PS).value() ==
			      (1 + frontend + spec.tRCDRD + spec.RL + spec.burst_cycles) * tck,
		      "LT closed-bank read: delay (1 + frontend + tRCDRD + RL + BL/2) x tCK = " +
			      d.to_string());
		wait(d);
		set(gp, TLM_READ_COMMAND, row_addr(5) + 64, 64);
		st = lt(gp, d);
		check(st == TLM_OK_RESPONSE &&
		      d.value() / sc_time(1, SC_PS).value() == (1 + frontend + spec.RL + spec.burst_cycles) * tck,
		      "LT row hit: delay (1 + frontend + RL + BL/2) x tCK = " + d.to_string());
		wait(d);
		before = mem->result().requests;
		set(gp, TLM_WRITE_COMMAND, row_addr(5) + 128, 64);
		gp.set_byte_enable_ptr(be_);
		gp.set_byte_enable_length(4);
		check(lt(gp, d) == TLM_OK_RESPONSE && mem->result().requests == before + 1,
		      "byte enables: accepted, one burst");
		wait(d);
		before = mem->result().requests;
		set(gp, TLM_READ_COMMAND, row_addr(6), 256);
		check(lt(gp, d) == TLM_OK_RESPONSE && mem->result().requests == before + 4,
		      "256-byte read: 4 bursts, one response");
		wait(d);
		before = mem->result().requests;
		set(gp, TLM_READ_COMMAND, row_addr(6) + 32, 64);
		check(lt(gp, d) == TLM_OK_RESPONSE && mem->result().requests == before + 2,
		      "64 bytes at offset 32: 2 bursts");
		wait(d);
		wait(sc_time(1, SC_US));
	}

	/* 12 AT reads to bank 0 at one instant: how many END_REQ at once. */
	void backpressure(unsigned expect)
	{
		std::vector<tlm_generic_payload> gps(12);
		unsigned immediate = 0;
		bool held = false;

		for (unsigned i = 0; i < gps.size(); i++) {
			tlm_phase ph = BEGIN_REQ;
			sc_time z = SC_ZERO_TIME;
			tlm_sync_enum s;

			set(gps[i], TLM_READ_COMMAND, row_addr(100 + 2 * i), 64);
			s = socket->nb_transport_fw(gps[i], ph, z);
			if (s == TLM_UPDATED && ph == END_REQ && !held) {
				immediate++;
				continue;
			}
			if (s == TLM_ACCEPTED) {
				sc_time t0 = sc_time_stamp();

				held = true;
				wait(end_req_);
				if (i == expect)
					check(sc_time_stamp() > t0, "the held request's END_REQ comes later");
			}
		}
		check(immediate == expect, std::string(direct ? "direct" : "staged") + " front end: " +
						   std::to_string(immediate) + " END_REQ at once, expected " +
						   std::to_string(expect));
		wait(sc_time(10, SC_US));
		check(resp_times_.size() == gps.size(), "every AT request answered (" +
								std::to_string(resp_times_.size()) + ")");
		bool ordered = true;
		for (size_t i = 1; i < resp_times_.size(); i++)
			ordered &= resp_times_[i] >= resp_times_[i - 1];
		check(ordered, "BEGIN_RESP in completion-time order");
	}

	void run()
	{
		if (!direct)
			rules();
		backpressure(direct ? 4 : 6);
	}

	tlm_sync_enum bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &d)
	{
		if (ph == END_REQ) {
			end_reqs_++;
			end_req_.notify();
			return TLM_ACCEPTED;
		}
		check(ph == BEGIN_RESP && gp.get_response_status() == TLM_OK_RESPONSE, "BEGIN_RESP, OK");
		resp_times_.push_back(sc_time_stamp() + d);
		return TLM_COMPLETED;
	}
};

} // namespace

int sc_main(int argc, char **argv)
{
	lgsim::tlm_mem_options o, od;
	lg_cfg *cfg = new lg_cfg;
	lg_err e;

	if (argc < 2) {
		std::fprintf(stderr, "usage: tlm_rules CONFIG\n");
		return 2;
	}
	o.config = argv[1];
	o.sets = { "system.channels=1", "mc.read_queue_depth=4", "sim.staging_depth=2" };
	od = o;
	od.frontend_staging = false;
	lg_cfg_defaults(cfg);
	if (lg_cfg_load_file(cfg, argv[1], &e))
		return std::fprintf(stderr, "%s\n", e.msg), 2;
	for (const std::string &s : o.sets)
		lg_cfg_set_override(cfg, s.c_str(), &e);

	lgsim::tlm_mem mem("mem", o), dmem("dmem", od);
	tester t("t"), dt("dt");

	for (tester *x : { &t, &dt }) {
		if (lg_dram_spec_from_cfg(&x->spec, cfg, &e))
			return std::fprintf(stderr, "%s\n", e.msg), 2;
		x->frontend = (int)cfg->mc.frontend_latency;
	}
	t.mem = &mem;
	dt.mem = &dmem;
	dt.direct = true;
	t.socket.bind(mem.socket);
	dt.socket.bind(dmem.socket);
	sc_start();
	mem.finish();
	dmem.finish();
	delete cfg;
	std::printf("%s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
