/*
 * lg_zmem: zeroed arrays that cost nothing until they are used.
 *
 * A page of fresh anonymous memory is mapped (and cleared) by the kernel
 * on its first touch, a fault of about 1-2 us here; clearing an array
 * after malloc touches every page of it, used or not. Two kinds:
 *
 * - lg_zalloc: one array, most of which a run may never touch (the warp
 *   slots of a CU). Big ones are mapped directly, so their untouched pages
 *   stay unmapped; free with lg_zfree and the same size.
 * - lg_zarena: arrays a run is expected to fill (an L2 slice's lines),
 *   taken in order from 2 MiB chunks the kernel is asked to back with
 *   transparent huge pages: one fault per 2 MiB instead of 512. They live
 *   until the arena is destroyed. A component that is given no arena makes
 *   its own; several components sharing one (the slices of a die) fill
 *   its chunks.
 *
 * Under AddressSanitizer lg_zalloc is calloc-backed and an arena keeps a
 * poisoned gap after each array, so overflows are still reported.
 */
#ifndef LG_ZMEM_H
#define LG_ZMEM_H

#include <stddef.h>

#define LG_ZMEM_ALIGN 64          /* every array starts on a cache line */

/* bytes of zeroes, LG_ZMEM_ALIGN-aligned; NULL when out of memory. */
void *lg_zalloc(size_t bytes);
/* Free p from lg_zalloc(bytes) (NULL is fine). */
void lg_zfree(void *p, size_t bytes);

typedef struct lg_zarena lg_zarena;

/* An empty arena; NULL when out of memory. */
lg_zarena *lg_zarena_create(void);
/* Free every array taken from a (NULL is fine). */
void lg_zarena_destroy(lg_zarena *a);
/* n x size bytes of zeroes, LG_ZMEM_ALIGN-aligned, until a is destroyed;
 * NULL when out of memory or on overflow (n = 0 gives a valid pointer). */
void *lg_zarena_calloc(lg_zarena *a, size_t n, size_t size);

#endif
