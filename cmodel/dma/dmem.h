/*
 * lg_dmem: the bytes of a die's memory in data-carrying mode (sim.data),
 * a sparse store of 4 KiB pages that exist only once touched, so memory
 * follows the run's footprint, not the DRAM's size.
 *
 * Contents (docs/dma.md, "Data-carrying mode"):
 *  - a byte never written holds lg_dmem_value(a, LG_DMEM_INIT);
 *  - the k-th write of a byte by a source (k = 0, 1, ...; a trace or a
 *    CU, not the DMA engine) stores lg_dmem_value(a, k): the value depends
 *    on the address and on how many source writes the byte saw before,
 *    never on timing, so a reference can replay the writes in any order;
 *  - on a die with CUs a byte a CU stores holds lg_dmem_value(a, 0)
 *    however often it is stored: the L2 merges stores into one write-back,
 *    so the writes memory sees are not the stores (lg_dmem_write_val);
 *  - the DMA engine stores the bytes it carries (copy) or reduces them
 *    into the element at the destination with the NMC ALU (nmc/nmc_alu.h).
 * Each byte of lg_dmem_value is the low 6 bits of a hash: every element of
 * every NMC dtype built from such bytes is finite and non-negative (the
 * top byte of each little-endian element is at most 0x3f).
 */
#ifndef LG_DMEM_H
#define LG_DMEM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_req.h"

#define LG_DMEM_PAGE 4096u
#define LG_DMEM_INIT 255u   /* the "write count" of a byte never written */

typedef struct lg_dmem lg_dmem;

/* An empty store; NULL when out of memory. */
lg_dmem *lg_dmem_create(void);
void lg_dmem_destroy(lg_dmem *m);

/* The byte a source's k-th write stores at address a (k = LG_DMEM_INIT: never written). */
uint8_t lg_dmem_value(uint64_t a, unsigned k);

/* A source write of n bytes at a: each byte gets the value of its write count. -1: out of memory. */
int lg_dmem_write_src(lg_dmem *m, uint64_t a, uint32_t n);
/* A source write of n bytes at a storing lg_dmem_value(byte, k) whatever
 * the write count (a die with CUs: k = 0, see above). -1: out of memory. */
int lg_dmem_write_val(lg_dmem *m, uint64_t a, uint32_t n, unsigned k);
/* Read n bytes at a into buf (absent pages read as never written). */
void lg_dmem_read(const lg_dmem *m, uint64_t a, uint8_t *buf, uint32_t n);
/* Store n carried bytes at a (a DMA copy). -1: out of memory. */
int lg_dmem_write(lg_dmem *m, uint64_t a, const uint8_t *buf, uint32_t n);
/*
 * Reduce n carried bytes into a: element-wise dst = dst + src in dt
 * (lg_nmc_add, little-endian elements aligned to their size; a trailing
 * partial element is left unchanged). -1: out of memory.
 */
int lg_dmem_reduce(lg_dmem *m, uint64_t a, const uint8_t *buf, uint32_t n, lg_dtype dt);

/* Whether the page holding a exists. */
bool lg_dmem_has_page(const lg_dmem *m, uint64_t a);
/* Pages held. */
uint64_t lg_dmem_pages(const lg_dmem *m);
/* Call fn for every page held, in no particular order (base address, its bytes). */
void lg_dmem_each(const lg_dmem *m, void (*fn)(void *ctx, uint64_t base, const uint8_t *bytes),
		  void *ctx);

#endif
