/*
 * The sparse page store (see dmem.h): an open-addressing hash table of
 * page pointers keyed by page number, doubled when half full. Each page
 * holds its bytes and each byte's source-write count.
 */
#include <stdlib.h>
#include <string.h>

#include "dma/dmem.h"
#include "mc/nmc_alu.h"

typedef struct page {
	uint64_t no;                     /* address / LG_DMEM_PAGE */
	uint8_t b[LG_DMEM_PAGE];         /* contents */
	uint8_t k[LG_DMEM_PAGE];         /* source writes seen (saturates below LG_DMEM_INIT) */
} page;

struct lg_dmem {
	page **slot;                     /* [cap], NULL = empty */
	uint64_t cap, n;
};

/* splitmix64's finaliser: a fixed 64-bit mix. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* value(a, k) = bits 32..37 of mix(a * 0x9e3779b97f4a7c15 + k + 1). */
uint8_t lg_dmem_value(uint64_t a, unsigned k)
{
	return (uint8_t)((mix(a * 0x9e3779b97f4a7c15ull + k + 1) >> 32) & 0x3f);
}

lg_dmem *lg_dmem_create(void)
{
	lg_dmem *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->cap = 64;
	m->slot = calloc(m->cap, sizeof(*m->slot));
	if (!m->slot) {
		free(m);
		return NULL;
	}
	return m;
}

void lg_dmem_destroy(lg_dmem *m)
{
	if (!m)
		return;
	for (uint64_t i = 0; i < m->cap; i++)
		free(m->slot[i]);
	free(m->slot);
	free(m);
}

/* The slot of page no: where it is, or the empty slot where it would go. */
static uint64_t find(const lg_dmem *m, uint64_t no)
{
	uint64_t i = mix(no) & (m->cap - 1);

	while (m->slot[i] && m->slot[i]->no != no)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Double the table; -1 when out of memory. */
static int grow(lg_dmem *m)
{
	lg_dmem t = { calloc(m->cap * 2, sizeof(*m->slot)), m->cap * 2, m->n };

	if (!t.slot)
		return -1;
	for (uint64_t i = 0; i < m->cap; i++)
		if (m->slot[i])
			t.slot[find(&t, m->slot[i]->no)] = m->slot[i];
	free(m->slot);
	*m = t;
	return 0;
}

/* Page no, created with never-written contents if absent; NULL when out of memory. */
static page *get(lg_dmem *m, uint64_t no)
{
	uint64_t i = find(m, no);
	page *p;

	if (m->slot[i])
		return m->slot[i];
	if (2 * (m->n + 1) > m->cap) {
		if (grow(m))
			return NULL;
		i = find(m, no);
	}
	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	p->no = no;
	for (unsigned j = 0; j < LG_DMEM_PAGE; j++)
		p->b[j] = lg_dmem_value(no * LG_DMEM_PAGE + j, LG_DMEM_INIT);
	memset(p->k, 0, sizeof(p->k));
	m->slot[i] = p;
	m->n++;
	return p;
}

/* Byte a for writing; NULL when out of memory. *off receives its offset. */
static page *at(lg_dmem *m, uint64_t a, unsigned *off)
{
	*off = (unsigned)(a % LG_DMEM_PAGE);
	return get(m, a / LG_DMEM_PAGE);
}

/* Source bytes a..a+n: value k, or (k < 0) the byte's write count, counted. */
static int stamp(lg_dmem *m, uint64_t a, uint32_t n, int k)
{
	for (uint32_t i = 0; i < n; i++) {
		unsigned o;
		page *p = at(m, a + i, &o);

		if (!p)
			return -1;
		p->b[o] = lg_dmem_value(a + i, k < 0 ? p->k[o] : (unsigned)k);
		if (k < 0 && p->k[o] < LG_DMEM_INIT - 1)
			p->k[o]++;
	}
	return 0;
}

int lg_dmem_write_src(lg_dmem *m, uint64_t a, uint32_t n)
{
	return stamp(m, a, n, -1);
}

int lg_dmem_write_val(lg_dmem *m, uint64_t a, uint32_t n, unsigned k)
{
	return stamp(m, a, n, (int)k);
}

void lg_dmem_read(const lg_dmem *m, uint64_t a, uint8_t *buf, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const page *p = m->slot[find(m, (a + i) / LG_DMEM_PAGE)];

		buf[i] = p ? p->b[(a + i) % LG_DMEM_PAGE] : lg_dmem_value(a + i, LG_DMEM_INIT);
	}
}

int lg_dmem_write(lg_dmem *m, uint64_t a, const uint8_t *buf, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		unsigned o;
		page *p = at(m, a + i, &o);

		if (!p)
			return -1;
		p->b[o] = buf[i];
	}
	return 0;
}

int lg_dmem_reduce(lg_dmem *m, uint64_t a, const uint8_t *buf, uint32_t n, lg_dtype dt)
{
	unsigned w = lg_nmc_dtype_bytes(dt);
	uint8_t cur[4], sum[4];

	if (!w)
		return 0;
	for (uint32_t i = 0; i + w <= n; i += w) {
		uint32_t x = 0, y = 0, z;

		lg_dmem_read(m, a + i, cur, w);
		for (unsigned j = 0; j < w; j++) {
			x |= (uint32_t)cur[j] << (8 * j);
			y |= (uint32_t)buf[i + j] << (8 * j);
		}
		z = lg_nmc_add(dt, x, y);
		for (unsigned j = 0; j < w; j++)
			sum[j] = (uint8_t)(z >> (8 * j));
		if (lg_dmem_write(m, a + i, sum, w))
			return -1;
	}
	return 0;
}

bool lg_dmem_has_page(const lg_dmem *m, uint64_t a)
{
	return m->slot[find(m, a / LG_DMEM_PAGE)] != NULL;
}

uint64_t lg_dmem_pages(const lg_dmem *m)
{
	return m->n;
}

void lg_dmem_each(const lg_dmem *m, void (*fn)(void *ctx, uint64_t base, const uint8_t *bytes),
		  void *ctx)
{
	for (uint64_t i = 0; i < m->cap; i++)
		if (m->slot[i])
			fn(ctx, m->slot[i]->no * LG_DMEM_PAGE, m->slot[i]->b);
}
