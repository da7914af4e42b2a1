/* The RTL builds linked into the mutation test program: each plants one bug. */
#include <stddef.h>

#include "lg_cosim.h"

const lg_rtl_ops *const lg_cosim_models[] = {
	&lg_rtl_mut_threshold, &lg_rtl_mut_dropbp, &lg_rtl_mut_portprio,
	&lg_rtl_mut_trigprio, NULL
};
