/* The mutant builds linked into the mutation test program cosim-mut: each
 * plants one bug (a patch in mutants/) that the lockstep must catch. */
#include <stddef.h>

#include "cosim/cosim.h"

extern const lg_cosim_rtl lg_rtl_tracker_mut_threshold, lg_rtl_tracker_mut_dropbp,
	lg_rtl_tracker_mut_portprio, lg_rtl_tracker_mut_trigprio;
extern const lg_cosim_rtl lg_rtl_arbiter_mut_starve, lg_rtl_arbiter_mut_thrclip,
	lg_rtl_arbiter_mut_wrrpass, lg_rtl_arbiter_mut_window;

static const lg_cosim_rtl *const builds[] = {
	&lg_rtl_tracker_mut_threshold, &lg_rtl_tracker_mut_dropbp,
	&lg_rtl_tracker_mut_portprio, &lg_rtl_tracker_mut_trigprio,
	&lg_rtl_arbiter_mut_starve, &lg_rtl_arbiter_mut_thrclip, &lg_rtl_arbiter_mut_wrrpass,
	&lg_rtl_arbiter_mut_window, NULL
};

/* Same options as `lgsim cosim`, e.g. `cosim-mut tracker --model mut_dropbp`. */
int main(int argc, char **argv)
{
	return lg_cosim_main(argc, argv, builds);
}
