/* The verilated builds linked into lgsim (cmodel/cosim/CMakeLists.txt). */
#include <stddef.h>

#include "cosim/cosim.h"

extern const lg_cosim_rtl lg_rtl_tracker_e16p1, lg_rtl_tracker_e64p4, lg_rtl_tracker_e16p32,
	lg_rtl_arbiter_w16;

const lg_cosim_rtl *const lg_cosim_std_builds[] = {
	&lg_rtl_tracker_e64p4, &lg_rtl_tracker_e16p1, &lg_rtl_tracker_e16p32,
	&lg_rtl_arbiter_w16, NULL
};
