/*
 * lg_l2_hash: which L2 slice holds a line, chosen by name (l2.hash).
 *
 * Lines are line_bytes long; L = addr / line_bytes is the line number,
 * S the slice count (any count >= 1). A hash maps L to a slice and to
 * the line's index within its slice, q = L / S; the pair (slice, q)
 * names exactly one line for every policy, so a slice sets its sets from
 * q without losing capacity. The crossbar routes with the same function.
 *
 *  - "mod": slice = L mod S. Consecutive lines go round the slices; a
 *    stride of S lines (or any multiple) stays on one slice.
 *  - "xor": slice = (L mod S + fold(q)) mod S, where fold(q) is the XOR of
 *    q's bit fields of width ceil(log2 S). Consecutive lines still go
 *    round every slice once per S lines (an exact even spread of a linear
 *    stream), and the higher address bits rotate the order, so strides of
 *    S lines, and DRAM channel or bank bits, spread over every slice.
 *
 * docs/l2.md shows why "xor" does not alias with the DRAM channel map.
 * Policies live one per file (l2_hash_<name>.c), listed in l2_hash.c.
 */
#ifndef LG_L2_HASH_H
#define LG_L2_HASH_H

#include <stdint.h>

#include "core/lg_err.h"

typedef struct lg_l2_hash lg_l2_hash;

typedef struct lg_l2_hash_policy {
	const char *name;
	uint32_t (*slice)(const lg_l2_hash *h, uint64_t line);
} lg_l2_hash_policy;

struct lg_l2_hash {
	const lg_l2_hash_policy *pol;
	uint32_t slices;          /* S */
	unsigned line_shift;      /* log2(line_bytes) */
	unsigned fold_bits;       /* ceil(log2 S), at least 1 */
};

extern const lg_l2_hash_policy lg_l2_hash_mod;
extern const lg_l2_hash_policy lg_l2_hash_xor;

/* The policy called name; NULL if there is none. */
const lg_l2_hash_policy *lg_l2_hash_find(const char *name);

/* Set up h; -1 (e names the problem) on an unknown name or a bad size. */
int lg_l2_hash_init(lg_l2_hash *h, const char *name, uint32_t slices,
		    uint32_t line_bytes, lg_err *e);

/* Slice of the line holding byte address addr. */
static inline uint32_t lg_l2_hash_slice(const lg_l2_hash *h, uint64_t addr)
{
	return h->pol->slice(h, addr >> h->line_shift);
}

/* Index of the line holding addr within its slice (q = L / S). */
static inline uint64_t lg_l2_hash_index(const lg_l2_hash *h, uint64_t addr)
{
	return (addr >> h->line_shift) / h->slices;
}

#endif
