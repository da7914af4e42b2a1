/*
 * lgsim::tlm_mem: lgsim's memory system (the lg_mc memory controller and
 * its DRAM, a C model) as an IEEE 1666-2011 TLM-2.0 target.
 *
 *  - One tlm_utils::simple_target_socket, `socket` (32-bit bus width
 *    parameter; the width does not change the timing, which is the DRAM's).
 *  - b_transport (loosely timed): the access enters the model at
 *    sc_time_stamp() + delay (or when the model is already later, then),
 *    the model runs until the access completes, and the delay comes back
 *    as the completion time minus sc_time_stamp(): queueing plus service.
 *  - nb_transport_fw/bw, the four-phase approximately-timed base protocol:
 *    END_REQ when every piece of the request is in the controller's front
 *    end (held back while its channel's staging FIFO, or with
 *    frontend_staging off its controller queue, is full: back-pressure);
 *    BEGIN_RESP in completion order (time of the last data beat), with the
 *    completion time as the annotated delay.
 *  - transport_dbg: 0 bytes (the model carries no data; docs/systemc.md).
 *  - get_direct_mem_ptr: refused (false, no access granted).
 *
 * SystemC time is lgsim time: picoseconds (the time resolution must be 1 ps
 * or finer). The model is advanced to sc_time_stamp() when a request
 * arrives and wakes on a timed event only while the controller has work.
 * docs/systemc.md has the rules for every payload attribute.
 */
#ifndef LGSIM_TLM_MEM_H
#define LGSIM_TLM_MEM_H

#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace lgsim {

/* Bad configuration: one line "FILE:LINE: what was expected". */
class error : public std::runtime_error {
public:
	explicit error(const std::string &m) : std::runtime_error(m) {}
};

struct tlm_mem_options {
	std::string config;              /* INI file, as `lgsim run -c` */
	std::vector<std::string> sets;   /* "section.key=value", as `-s`, in order */
	std::string cmdlog;              /* command log path ("" = none), as --cmdlog */
	std::string tracker_trace;       /* tracker recording ("" = none), as --tracker-trace */
	/*
	 * true (default): the front end of `lgsim run` -- a staging FIFO per
	 * channel (pseudo-channel) of sim.staging_depth entries in front of
	 * the controller; END_REQ is sent when the request is staged.
	 * false: END_REQ only when every piece is in the controller's queue.
	 */
	bool frontend_staging = true;
};

/* What a finished run reports (the sim block of the stats JSON). */
struct tlm_mem_result {
	uint64_t iterations = 0;   /* model steps (as lgsim run's loop_iterations) */
	uint64_t requests = 0;     /* bursts pushed into the controller */
	uint64_t completed = 0;    /* bursts completed */
	uint64_t transactions = 0; /* transactions answered with TLM_OK_RESPONSE */
	uint64_t errors = 0;       /* transactions answered with an error status */
	uint64_t end_ps = 0;       /* last completion (as lgsim run) */
	bool watchdog = false;     /* stopped: requests pending, no progress */
	double wall_seconds = 0;   /* from construction to finish() */
};

class tlm_mem : public sc_core::sc_module {
public:
	tlm_utils::simple_target_socket<tlm_mem> socket;

	/* Loads the config; throws lgsim::error on bad input. */
	tlm_mem(sc_core::sc_module_name name, const tlm_mem_options &opt);
	~tlm_mem() override;

	uint64_t capacity_bytes() const;       /* accesses must lie below */
	unsigned burst_bytes() const;          /* the controller's request size */
	sc_core::sc_time clock_period() const; /* tCK */

	/*
	 * After the simulation: close the energy accounting at the last
	 * completion and commit the command log. Throws lgsim::error on a
	 * write error. Idempotent.
	 */
	const tlm_mem_result &finish();
	const tlm_mem_result &result() const;

	/*
	 * The stats JSON of `lgsim run -o` (docs/stats.md), after finish().
	 * config_path and traces fill sim.config and sim.traces. Throws
	 * lgsim::error on a write error.
	 */
	void write_stats_json(const std::string &path, const std::string &config_path,
			      const std::vector<std::string> &traces) const;
	/* The summary `lgsim run` prints. */
	void print_summary(std::FILE *f) const;

	struct impl;

private:
	void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
	tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph,
					   sc_core::sc_time &delay);
	unsigned transport_dbg(tlm::tlm_generic_payload &gp);
	bool get_direct_mem_ptr(tlm::tlm_generic_payload &gp, tlm::tlm_dmi &dmi);
	void wake_method();
	void start_of_simulation() override;

	std::unique_ptr<impl> p_;
	sc_core::sc_event wake_;
};

} // namespace lgsim

#endif
