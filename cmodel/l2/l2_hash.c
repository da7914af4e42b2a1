/* The L2 slice hashes by name (one file per policy). */
#include <string.h>

#include "l2/l2_hash.h"

static const lg_l2_hash_policy *const policies[] = {
	&lg_l2_hash_xor,
	&lg_l2_hash_mod,
};

const lg_l2_hash_policy *lg_l2_hash_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(policies[i]->name, name) == 0)
			return policies[i];
	return NULL;
}

/* Line size a power of two, at least one slice, a known policy. */
int lg_l2_hash_init(lg_l2_hash *h, const char *name, uint32_t slices,
		    uint32_t line_bytes, lg_err *e)
{
	memset(h, 0, sizeof(*h));
	h->pol = lg_l2_hash_find(name);
	if (!h->pol)
		return lg_errf(e, "l2.hash", 0, "expected xor or mod, got '%s'", name);
	if (slices == 0)
		return lg_errf(e, "l2.slices", 0, "expected at least one slice");
	if (line_bytes == 0 || (line_bytes & (line_bytes - 1)))
		return lg_errf(e, "l2.line_bytes", 0,
			       "expected a power of two, got %u", line_bytes);
	h->slices = slices;
	while ((1u << h->line_shift) < line_bytes)
		h->line_shift++;
	h->fold_bits = 1;
	while (h->fold_bits < 32 && (1ull << h->fold_bits) < slices)
		h->fold_bits++;
	return 0;
}
