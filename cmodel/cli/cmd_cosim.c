/*
 * `lgsim cosim <block> ...`: lockstep co-simulation of a block's C model
 * against its verilated RTL (the layer in cmodel/cosim, docs/cosim.md).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/lgsim.h"

static const char help_cosim[] =
	"usage: lgsim cosim tracker|arbiter [options]\n"
	"Lockstep co-simulation of a block's C model (the code the simulator runs)\n"
	"against its verilated RTL: the same inputs every cycle, every output compared.\n"
	"  --cycles N          cycles to run (random stimulus; a replay runs to its end)\n"
	"  --seed S            random stimulus seed\n"
	"  --trace FILE        replay a recording (header checked against the build)\n"
	"  --record FILE       record the stimulus (arbiter)\n"
	"  --wave FILE         FST waveform written on a mismatch\n"
	"  --model NAME        the RTL build, or its parameters: --entries E --ports P\n"
	"                      (tracker), --width W (arbiter)\n"
	"  --policy P          arbiter policy: blind, prio, wrr or mca\n"
	"  --c-only            the C model alone (tracker speed reference)\n"
	"  --expect-mismatch   exit 0 only if a mismatch is found (mutation builds)\n"
	"  --threads 1|2       two-thread lockstep (random stimulus only)\n"
	"Exit 0 without mismatch, 1 on a mismatch, 2 on bad input (docs/cosim.md).\n";

/* --help anywhere after `cosim`: the options, exit 0. */
static bool want_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

#ifdef LG_HAVE_COSIM
#include "cosim/cosim.h"

int lgsim_cmd_cosim(int argc, char **argv)
{
	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	return lg_cosim_main(argc, argv, lg_cosim_std_builds);
}
#else
int lgsim_cmd_cosim(int argc, char **argv)
{
	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	return lgsim_usage("'cosim' needs the co-simulation layer, absent from this build "
			   "(configure with -DLG_COSIM=ON)");
}
#endif
