/*
 * `lgsim cosim <block> ...`: lockstep co-simulation of a block's C model
 * against its verilated RTL (the layer in cmodel/cosim, docs/cosim.md).
 */
#include "cli/lgsim.h"

#ifdef LG_HAVE_COSIM
#include "cosim/cosim.h"

int lgsim_cmd_cosim(int argc, char **argv)
{
	return lg_cosim_main(argc, argv, lg_cosim_std_builds);
}
#else
int lgsim_cmd_cosim(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return lgsim_usage("'cosim' needs the co-simulation layer, absent from this build "
			   "(configure with -DLG_COSIM=ON)");
}
#endif
