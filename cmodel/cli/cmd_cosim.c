/*
 * `lgsim cosim tracker ...`: lockstep co-simulation of the tracker C model
 * against its verilated RTL. The harness lives in tests/cosim (it links the
 * verilated archives); see docs/tracker.md for the options.
 */
#include "cli/lgsim.h"

#ifdef LG_HAVE_COSIM
#include "lg_cosim.h"

int lgsim_cmd_cosim(int argc, char **argv)
{
	return lg_cosim_tracker_main(argc, argv);
}
#else
int lgsim_cmd_cosim(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return lgsim_usage("'cosim' needs the tests/cosim harness, absent from this build");
}
#endif
