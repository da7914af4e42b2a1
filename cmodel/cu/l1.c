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
	c->w = calloc((size_t)c->sets * ways, sizeof(*c->w));
	if (!c->w) {
		free(c);
		return NULL;
	}
	for (size_t i = 0; i < (size_t)c->sets * ways; i++)
		c->w[i].tag = NOLINE;
	return c;
}

void lg_l1_destroy(lg_l1 *c)
{
	if (c) {
		free(c->w);
		free(c);
	}
}

/* The ways of line's set. */
static l1_way *set_of(lg_l1 *c, uint64_t line)
{
	return &c->w[(size_t)(line % c->sets) * c->ways];
}

/* One set lookup for the run: the line's way, if present, gets one stamp
 * per present sector before the first absent one. */
bool lg_l1_hit_run(lg_l1 *c, uint64_t addr, unsigned nsec)
{
	uint64_t line = addr >> 7;
	unsigned first = (unsigned)(addr >> 5) & 3, k = 0;
	l1_way *s = set_of(c, line);

	for (uint32_t i = 0; i < c->ways; i++)
		if (s[i].tag == line) {
			while (k < nsec && (s[i].valid >> (first + k) & 1))
				k++;
			if (k) {
				c->stamp += k;
				s[i].lru = c->stamp;
			}
			return k == nsec;
		}
	return false;
}

void lg_l1_fill(lg_l1 *c, uint64_t addr, unsigned mask)
{
	uint64_t line = addr >> 7;
	l1_way *s = set_of(c, line), *v = &s[0];

	for (uint32_t i = 0; i < c->ways; i++) {
		if (s[i].tag == line) {
			s[i].valid |= (uint8_t)mask;
			s[i].lru = ++c->stamp;
			return;
		}
		/* Victim: the first empty way, else the least recently used. */
		if (!s[i].valid ? v->valid != 0 : (v->valid && s[i].lru < v->lru))
			v = &s[i];
	}
	v->tag = line;
	v->valid = (uint8_t)mask;
	v->lru = ++c->stamp;
}
