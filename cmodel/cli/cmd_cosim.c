/*
 * `lgsim cosim tracker ...`: lockstep co-simulation of the tracker C model
 * against its verilated RTL. The harness lives in tests/cosim (it links the
 * verilated archives); see docs/tracker.md for the options.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/lgsim.h"

static const char help_cosim[] =
	"usage: lgsim cosim tracker [options]\n"
	"Lockstep co-simulation of the tracker C model against its verilated RTL:\n"
	"the same inputs every cycle, every output compared every cycle.\n"
	"  --cycles N        cycles to run (random stimulus; a replay ends when consumed)\n"
	"  --seed S          random stimulus seed\n"
	"  --trace FILE      replay observed writes and programs from FILE:\n"
	"                      <cycle> <port> <hex-addr> <bytes>\n"
	"                      <cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]\n"
	"  --wave FILE       FST waveform written on a mismatch (default tracker-mismatch.fst)\n"
	"  --entries E --ports P  the RTL build to use (or --model NAME)\n"
	"  --c-only          run the C model alone (speed reference)\n"
	"  --expect-mismatch exit 0 only if a mismatch is found (mutation builds)\n"
	"  --threads 1|2     two-thread lockstep (random stimulus only)\n"
	"Exit 0 without mismatch, 1 on a mismatch, 2 on bad input. docs/tracker.md.\n";

/* --help anywhere after `cosim`: the options, exit 0. */
static bool want_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

#ifdef LG_HAVE_COSIM
#include "lg_cosim.h"

int lgsim_cmd_cosim(int argc, char **argv)
{
	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	return lg_cosim_tracker_main(argc, argv);
}
#else
int lgsim_cmd_cosim(int argc, char **argv)
{
	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	return lgsim_usage("'cosim' needs the tests/cosim harness, absent from this build");
}
#endif
