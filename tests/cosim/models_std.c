/* The RTL builds linked into lgsim: the two standard parameter sets. */
#include <stddef.h>

#include "lg_cosim.h"

const lg_rtl_ops *const lg_cosim_models[] = { &lg_rtl_e64p4, &lg_rtl_e16p1, NULL };
