/* Placeholder until the subsystem lands; says so instead of pretending. */
#include "cli/lgsim.h"

int lgsim_cmd_trace(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return lgsim_usage("'trace' is not built yet");
}
