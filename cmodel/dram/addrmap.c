/*
 * Parsing the DRAMsim3-style mapping string (see addrmap.h): fields are read
 * from the least significant end, each placed above the previous one.
 */
#include <string.h>

#include "dram/addrmap.h"

static const char *const field_names[LG_AF_N] = { "ch", "pc", "ra", "bg", "ba", "ro", "co" };

/* floor(log2(v)); counts are checked to be powers of two. */
static unsigned log2u(uint64_t v)
{
	unsigned n = 0;

	while (v > 1) {
		v >>= 1;
		n++;
	}
	return n;
}

/* Index of the two-letter field at p, or -1. */
static int field_index(const char *p)
{
	for (int i = 0; i < LG_AF_N; i++)
		if (p[0] == field_names[i][0] && p[1] == field_names[i][1])
			return i;
	return -1;
}

/* Field widths from the spec, positions from the string (least significant last). */
int lg_addrmap_init(lg_addrmap *m, const lg_dram_spec *s, const lg_cfg *cfg, lg_err *e)
{
	const char *str = cfg->system.address_mapping;
	size_t len = strlen(str);
	int seen[LG_AF_N] = { 0 };
	unsigned pos = 0;
	int id = LG_K_system_address_mapping;

	memset(m, 0, sizeof(*m));
	m->shift = log2u((uint64_t)s->request_bytes);
	m->width[LG_AF_CH] = log2u((uint64_t)s->channels);
	m->width[LG_AF_PC] = log2u((uint64_t)s->pcs);
	m->width[LG_AF_RA] = 0;
	m->width[LG_AF_BG] = log2u((uint64_t)s->bankgroups);
	m->width[LG_AF_BA] = log2u((uint64_t)s->banks_per_group);
	m->width[LG_AF_RO] = log2u((uint64_t)s->rows);
	m->width[LG_AF_CO] = log2u((uint64_t)s->columns) - log2u((uint64_t)s->BL);
	m->pcs = (unsigned)s->pcs;
	m->banks_per_group = (unsigned)s->banks_per_group;
	if (len == 0 || len % 2)
		return lg_cfg_errf(cfg, id, e, "'%s': expected two-letter fields (ch pc ra bg ba ro co)", str);
	for (size_t i = len; i >= 2; i -= 2) {
		int f = field_index(str + i - 2);

		if (f < 0)
			return lg_cfg_errf(cfg, id, e, "'%s': unknown field '%.2s' (expected ch pc ra bg ba ro co)",
					   str, str + i - 2);
		if (seen[f]++)
			return lg_cfg_errf(cfg, id, e, "'%s': field '%s' appears twice", str, field_names[f]);
		m->pos[f] = pos;
		pos += m->width[f];
	}
	for (int f = 0; f < LG_AF_N; f++) {
		if (!seen[f] && !(f == LG_AF_PC && s->pcs == 1))
			return lg_cfg_errf(cfg, id, e, "'%s': field '%s' is missing", str, field_names[f]);
		m->mask[f] = (1ull << m->width[f]) - 1;
	}
	m->total_bits = m->shift + pos;
	m->col_bits = ((m->mask[LG_AF_CO] << m->pos[LG_AF_CO]) << m->shift) |
		      ((1ull << m->shift) - 1);
	return 0;
}

/* Address of a decoded location (offset 0). */
uint64_t lg_addrmap_encode(const lg_addrmap *m, const lg_dram_addr *a)
{
	uint64_t v = 0;

	v |= ((uint64_t)a->ch & m->mask[LG_AF_CH]) << m->pos[LG_AF_CH];
	v |= ((uint64_t)a->pc & m->mask[LG_AF_PC]) << m->pos[LG_AF_PC];
	v |= ((uint64_t)a->bg & m->mask[LG_AF_BG]) << m->pos[LG_AF_BG];
	v |= ((uint64_t)a->ba & m->mask[LG_AF_BA]) << m->pos[LG_AF_BA];
	v |= ((uint64_t)a->row & m->mask[LG_AF_RO]) << m->pos[LG_AF_RO];
	v |= ((uint64_t)a->col & m->mask[LG_AF_CO]) << m->pos[LG_AF_CO];
	return v << m->shift;
}
