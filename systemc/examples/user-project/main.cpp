/*
 * A minimal virtual platform: one CPU-like initiator reading and writing
 * through lgsim::tlm_mem, loosely timed (b_transport, time annotated) for
 * the first half and approximately timed (four phases) for the second.
 *
 *   platform CONFIG [section.key=value]...
 */
#include <cstdio>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <lgsim/tlm_mem.h>

using namespace sc_core;
using namespace tlm;

SC_MODULE(cpu) {
	tlm_utils::simple_initiator_socket<cpu> socket;
	unsigned lt_done = 0, at_done = 0;
	sc_time lt_latency;

	SC_CTOR(cpu) : socket("socket")
	{
		socket.register_nb_transport_bw(this, &cpu::nb_transport_bw);
		SC_THREAD(run);
	}

private:
	unsigned char buf_[64] = {};
	sc_event end_req_, resp_;

	void access(tlm_generic_payload &gp, bool wr, uint64_t addr)
	{
		gp.set_command(wr ? TLM_WRITE_COMMAND : TLM_READ_COMMAND);
		gp.set_address(addr);
		gp.set_data_ptr(buf_);
		gp.set_data_length(sizeof(buf_));
		gp.set_streaming_width(sizeof(buf_));
		gp.set_byte_enable_ptr(nullptr);
		gp.set_response_status(TLM_INCOMPLETE_RESPONSE);
	}

	void run()
	{
		tlm_generic_payload gp;

		/* LT: each read's annotated delay is its modelled latency */
		for (unsigned i = 0; i < 100; i++) {
			sc_time d = SC_ZERO_TIME;

			access(gp, i % 4 == 3, i * 4096);
			socket->b_transport(gp, d);
			if (gp.is_response_error())
				SC_REPORT_FATAL("cpu", gp.get_response_string().c_str());
			lt_latency += d;
			wait(d);
			lt_done++;
		}
		/* AT: one request at a time, END_REQ then BEGIN_RESP */
		for (unsigned i = 0; i < 100; i++) {
			tlm_phase ph = BEGIN_REQ;
			sc_time d = SC_ZERO_TIME;
			tlm_sync_enum s;

			access(gp, false, 0x100000 + i * 64);
			s = socket->nb_transport_fw(gp, ph, d);
			if (s == TLM_ACCEPTED)
				wait(end_req_);
			if (s != TLM_COMPLETED)
				wait(resp_);
			at_done++;
		}
	}

	tlm_sync_enum nb_transport_bw(tlm_generic_payload &gp, tlm_phase &ph, sc_time &d)
	{
		(void)gp;
		if (ph == END_REQ) {
			end_req_.notify(d);
			return TLM_ACCEPTED;
		}
		resp_.notify(d); /* BEGIN_RESP at its annotated time */
		return TLM_COMPLETED;
	}
};

int sc_main(int argc, char **argv)
{
	lgsim::tlm_mem_options o;

	if (argc < 2) {
		std::fprintf(stderr, "usage: platform CONFIG [section.key=value]...\n");
		return 2;
	}
	o.config = argv[1];
	o.sets.assign(argv + 2, argv + argc);
	try {
		lgsim::tlm_mem mem("mem", o);
		cpu c("cpu");

		c.socket.bind(mem.socket);
		sc_start();
		mem.finish();
		std::printf("platform: %u LT accesses (mean latency %.1f ns), %u AT reads, done at %s\n",
			    c.lt_done, c.lt_latency.to_seconds() * 1e9 / c.lt_done, c.at_done,
			    sc_time_stamp().to_string().c_str());
		mem.print_summary(stdout);
	} catch (const lgsim::error &e) {
		std::fprintf(stderr, "%s\n", e.what());
		return 2;
	}
	return 0;
}
