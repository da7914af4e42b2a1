/*
 * lg_l1: the CU's sectored L1 data cache tags (no data): 128 B lines of
 * four 32 B sectors, set-associative, LRU. Loads look up sectors and fill
 * on return; stores are write-through without write-allocate (as NVIDIA's
 * L1), so they change no tag state here.
 */
#ifndef LG_L1_H
#define LG_L1_H

#include <stdbool.h>
#include <stdint.h>

typedef struct lg_l1 lg_l1;

/* bytes of capacity (a multiple of 128 x ways, >= one set); NULL if out of
 * memory or the geometry does not divide. */
lg_l1 *lg_l1_create(uint32_t bytes, uint32_t ways);
void lg_l1_destroy(lg_l1 *c);
/* Whether the nsec sectors from the one holding addr (all in addr's line)
 * are present. Each looks in turn up to the first absent one, and each
 * present one refreshes the line's LRU (one stamp per sector). */
bool lg_l1_hit_run(lg_l1 *c, uint64_t addr, unsigned nsec);
/* Fill the sectors of addr's line in mask (bit i = sector i), allocating the
 * line (evicting the LRU way) if absent. */
void lg_l1_fill(lg_l1 *c, uint64_t addr, unsigned mask);

#endif
