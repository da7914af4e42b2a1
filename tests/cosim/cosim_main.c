/* Stand-alone harness entry (the mutation builds): same options as
 * `lgsim cosim tracker`, e.g. `cosim-mut tracker --model mut_threshold`. */
#include "lg_cosim.h"

int main(int argc, char **argv)
{
	return lg_cosim_tracker_main(argc, argv);
}
