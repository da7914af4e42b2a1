/* l2.hash = mod: slice = line mod slices (plain interleave). */
#include "l2/l2_hash.h"

static uint32_t mod_slice(const lg_l2_hash *h, uint64_t line)
{
	return (uint32_t)(line % h->slices);
}

const lg_l2_hash_policy lg_l2_hash_mod = { "mod", mod_slice };
