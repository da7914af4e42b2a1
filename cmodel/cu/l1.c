/*
 * lg_l1: sectored L1 tags (see l1.h).
 */
#include "cu/l1.h"

#include <stdlib.h>

#define NOLINE UINT64_MAX  /* the tag of an empty way: no line (addr / 128) is */

typedef struct l1_way {
	uint64_t tag;        /* line address (addr / 128), NOLINE when empty */
	uint32_t lru;        /* last use stamp */
	uint8_t valid;       /* sector mask; 0 = empty way */
} l1_way;

struct lg_l1 {
	uint32_t sets, ways, stamp;
	bool pow2;           /* sets is a power of two: the set is a mask away */
	l1_way *w;           /* sets x ways */
};

lg_l1 *lg_l1_create(uint32_t bytes, uint32_t ways)
{
	lg_l1 *c;

	if (!ways || bytes % (128u * ways) || bytes < 128u * ways)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->ways = ways;
	c->sets = bytes / (128u * ways);
	c->pow2 = !(c->sets & (c->sets - 1));
	c->w = malloc((size_t)c->sets * ways * sizeof(*c->w));
	if (!c->w) {
		free(c);
		return NULL;
	}
	for (size_t i = 0; i < (size_t)c->sets * ways; i++)
		c->w[i] = (l1_way){ NOLINE, 0, 0 };
	return c;
}

void lg_l1_destroy(lg_l1 *c)
{
	if (c) {
		free(c->w);
		free(c);
	}
}

/* The ways of line's set (a mask, not a division, for the usual
 * power-of-two geometry). */
static inline l1_way *set_of(const lg_l1 *c, uint64_t line)
{
	uint64_t set = c->pow2 ? line & (c->sets - 1) : line % c->sets;

	return &c->w[(size_t)set * c->ways];
}

/* The way of set s holding line, NULL if none. */
static inline l1_way *find(l1_way *s, uint32_t ways, uint64_t line)
{
	for (l1_way *end = s + ways; s < end; s++)
		if (s->tag == line)
			return s;
	return NULL;
}

/* One set lookup for the run: the line's way, if present, gets one stamp
 * per present sector before the first absent one. */
bool lg_l1_hit_run(lg_l1 *c, uint64_t addr, unsigned nsec)
{
	uint64_t line = addr >> 7;
	unsigned first = (unsigned)(addr >> 5) & 3, k = 0;
	l1_way *w = find(set_of(c, line), c->ways, line);

	if (!w)
		return false;
	while (k < nsec && (w->valid >> (first + k) & 1))
		k++;
	if (k) {
		c->stamp += k;
		w->lru = c->stamp;
	}
	return k == nsec;
}

/* The way of set s a new line takes: the first empty one, else the first
 * least recently used. */
static l1_way *victim(l1_way *s, uint32_t ways)
{
	l1_way *v = s;

	for (l1_way *end = s + ways; s < end; s++) {
		if (!s->valid)
			return s;
		if (s->lru < v->lru)
			v = s;
	}
	return v;
}

void lg_l1_fill(lg_l1 *c, uint64_t addr, unsigned mask)
{
	uint64_t line = addr >> 7;
	l1_way *s = set_of(c, line), *w = find(s, c->ways, line);

	if (w) {
		w->valid |= (uint8_t)mask;
		w->lru = ++c->stamp;
		return;
	}
	w = victim(s, c->ways);
	w->tag = line;
	w->valid = (uint8_t)mask;
	w->lru = ++c->stamp;
}
