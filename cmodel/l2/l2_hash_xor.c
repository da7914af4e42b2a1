/*
 * l2.hash = xor: slice = (L mod S + fold(L / S)) mod S, fold = XOR of the
 * fold_bits-wide fields of L / S. For a fixed L / S the slices of the S
 * lines are a rotation of 0..S-1, so (slice, L / S) still names one line.
 */
#include "l2/l2_hash.h"

/* The slice of line; the fold takes three fields a step (those past the last are 0). */
static uint32_t xor_slice(const lg_l2_hash *h, uint64_t line)
{
	uint64_t q = line / h->slices, f = 0;
	const unsigned b = h->fold_bits;
	const uint64_t mask = (1ull << b) - 1;

	while (q) {
		f ^= q & mask;
		q >>= b;
		f ^= q & mask;
		q >>= b;
		f ^= q & mask;
		q >>= b;
	}
	return (uint32_t)((line % h->slices + f) % h->slices);
}

const lg_l2_hash_policy lg_l2_hash_xor = { "xor", xor_slice };
