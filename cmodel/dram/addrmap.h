/*
 * lg_addrmap: physical address -> channel, pseudo-channel, bank group, bank,
 * row, column, from a DRAMsim3-style mapping string.
 *
 * The string names the fields most significant first, two letters each:
 * ch (channel), pc (pseudo-channel), ra (rank, width 0: lgsim models one
 * rank), bg (bank group), ba (bank in group), ro (row), co (column).
 * "rorabgbachco" puts the row on top and the column just above the offset.
 * Each field appears once; pc may be left out when there is one
 * pseudo-channel. The low log2(request_bytes) bits are the offset within a
 * burst and are dropped; column bits count bursts (physical columns / BL).
 * Bits above the top field are ignored (addresses wrap), as in DRAMsim3.
 * Decoding is one shift and mask per field.
 */
#ifndef LG_ADDRMAP_H
#define LG_ADDRMAP_H

#include <stdint.h>

#include "core/lg_config.h"
#include "dram/dram_spec.h"

typedef struct lg_dram_addr {
	uint32_t ch, pc, bg, ba, row, col;
	uint32_t bank;  /* bg * banks_per_group + ba, within the pseudo-channel */
	uint32_t unit;  /* ch * pcs + pc */
} lg_dram_addr;

enum { LG_AF_CH, LG_AF_PC, LG_AF_RA, LG_AF_BG, LG_AF_BA, LG_AF_RO, LG_AF_CO, LG_AF_N };

typedef struct lg_addrmap {
	unsigned shift;            /* offset bits below a burst */
	unsigned pos[LG_AF_N];     /* bit position of each field after shift */
	uint64_t mask[LG_AF_N];    /* field mask (width bits) */
	unsigned width[LG_AF_N];
	unsigned pcs, banks_per_group;
	unsigned total_bits;       /* shift + all field widths */
	uint64_t col_bits;         /* address bits of the column and the offset */
} lg_addrmap;

/* Build from the mapping string in cfg->system.address_mapping. */
int lg_addrmap_init(lg_addrmap *m, const lg_dram_spec *s, const lg_cfg *cfg, lg_err *e);

/* Decode a byte address. */
static inline void lg_addrmap_decode(const lg_addrmap *m, uint64_t addr, lg_dram_addr *a)
{
	uint64_t v = addr >> m->shift;

	a->ch = (uint32_t)((v >> m->pos[LG_AF_CH]) & m->mask[LG_AF_CH]);
	a->pc = (uint32_t)((v >> m->pos[LG_AF_PC]) & m->mask[LG_AF_PC]);
	a->bg = (uint32_t)((v >> m->pos[LG_AF_BG]) & m->mask[LG_AF_BG]);
	a->ba = (uint32_t)((v >> m->pos[LG_AF_BA]) & m->mask[LG_AF_BA]);
	a->row = (uint32_t)((v >> m->pos[LG_AF_RO]) & m->mask[LG_AF_RO]);
	a->col = (uint32_t)((v >> m->pos[LG_AF_CO]) & m->mask[LG_AF_CO]);
	a->bank = a->bg * m->banks_per_group + a->ba;
	a->unit = a->ch * m->pcs + a->pc;
}

/*
 * Decode addr when *a holds the decode of prev: when the two differ only
 * in column (or offset) bits, as consecutive bursts of a stream mostly
 * do, only the column is extracted.
 */
static inline void lg_addrmap_decode_from(const lg_addrmap *m, uint64_t addr, uint64_t prev,
					  lg_dram_addr *a)
{
	if (((addr ^ prev) & ~m->col_bits) == 0) {
		a->col = (uint32_t)(((addr >> m->shift) >> m->pos[LG_AF_CO]) & m->mask[LG_AF_CO]);
		return;
	}
	lg_addrmap_decode(m, addr, a);
}

/* Inverse of decode (offset 0), for tests and trace generators. */
uint64_t lg_addrmap_encode(const lg_addrmap *m, const lg_dram_addr *a);

#endif
