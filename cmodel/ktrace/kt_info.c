/*
 * Trace summary statistics and the footprint hash set (see kt_info.h).
 * CTAs are counted as runs of warps with the same CTA index within a kernel
 * (both lgt and Accel-Sim group a CTA's warps together).
 */
#include "ktrace/kt_info.h"

#include <stdlib.h>
#include <string.h>

struct lg_kt_hset {
	uint64_t *k;     /* keys + 1 (0 = empty) */
	uint64_t cap, n; /* cap: power of two */
};

/* An empty set (1024 slots to start). */
lg_kt_hset *lg_kt_hset_create(void)
{
	lg_kt_hset *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->cap = 1024;
	s->k = calloc(s->cap, sizeof(*s->k));
	if (!s->k) {
		free(s);
		return NULL;
	}
	return s;
}

/* Scramble a key so sequential sector numbers spread over the table. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

/*
 * Slot of stored value v (key + 1): groups of 16 consecutive keys (16
 * sectors = 512 B, a coalesced warp access) share one scrambled start and
 * sit in adjacent slots, so one access touches two cache lines, not 16.
 */
static uint64_t slot(uint64_t v, uint64_t cap)
{
	uint64_t key = v - 1;

	return (mix(key >> 4) + (key & 15)) & (cap - 1);
}

/* Insert v (known absent) into table k of cap slots. */
static void put(uint64_t *k, uint64_t cap, uint64_t v)
{
	uint64_t h = slot(v, cap);

	while (k[h])
		h = (h + 1) & (cap - 1);
	k[h] = v;
}

/* Double the table and re-insert every key. */
static int grow(lg_kt_hset *s)
{
	uint64_t cap = s->cap * 2;
	uint64_t *k = calloc(cap, sizeof(*k));

	if (!k)
		return -1;
	for (uint64_t i = 0; i < s->cap; i++)
		if (s->k[i])
			put(k, cap, s->k[i]);
	free(s->k);
	s->k = k;
	s->cap = cap;
	return 0;
}

/* Add key; grow when the table would be more than half full. */
int lg_kt_hset_add(lg_kt_hset *s, uint64_t key)
{
	uint64_t v = key + 1, h = slot(v, s->cap);

	while (s->k[h]) {
		if (s->k[h] == v)
			return 0;
		h = (h + 1) & (s->cap - 1);
	}
	s->k[h] = v;
	if (++s->n * 2 > s->cap && grow(s) < 0)
		return -1;
	return 1;
}

/* Number of distinct keys. */
uint64_t lg_kt_hset_count(const lg_kt_hset *s)
{
	return s->n;
}

/* Free the set. */
void lg_kt_hset_destroy(lg_kt_hset *s)
{
	if (s) {
		free(s->k);
		free(s);
	}
}

/* Account one warp. */
static int add_warp(lg_kt_stats *st, const lg_kt_optab *ops, const lg_kt_warp *w,
		    lg_kt_hset *sec, lg_kt_hset *lin)
{
	uint64_t a[LG_KT_WARP_SIZE];

	st->warps++;
	st->insns += w->n;
	for (size_t i = 0; i < w->n; i++) {
		const lg_kt_insn *in = &w->insn[i];
		const lg_kt_opinfo *oi = lg_kt_optab_get(ops, in->op);
		int n;

		st->cls[oi->cls]++;
		if (oi->mop == LG_KT_MOP_NONE || in->amode == LG_KT_AMODE_NONE)
			continue;
		n = __builtin_popcount(in->mask);
		st->mem_insns[oi->space][oi->mop]++;
		st->bytes[oi->space][oi->mop] += (uint64_t)n * oi->width;
		if (oi->space == LG_KT_SP_SHARED || !sec)
			continue;
		lg_kt_insn_lanes(w, in, a);
		/* neighbouring lanes mostly share a sector: skip repeats of the last one */
		uint64_t last_s = UINT64_MAX, last_l = UINT64_MAX;

		for (int l = 0; l < LG_KT_WARP_SIZE; l++) {
			uint64_t lo, hi;

			if (!(in->mask >> l & 1))
				continue;
			lo = a[l];
			hi = a[l] + (oi->width ? oi->width : 1) - 1;
			for (uint64_t s = lo >> 5; s <= hi >> 5; s++)
				if (s != last_s && lg_kt_hset_add(sec, last_s = s) < 0)
					return -1;
			for (uint64_t s = lo >> 7; s <= hi >> 7; s++)
				if (s != last_l && lg_kt_hset_add(lin, last_l = s) < 0)
					return -1;
		}
	}
	return 0;
}

/* Stream the whole trace once, accumulating st. */
/* The per-kernel line for the kernel that just ended (counts since *base). */
static void kernel_line(FILE *f, const lg_kt_kernel *k, const lg_kt_stats *st, lg_kt_stats *base)
{
	fprintf(f, "kernel %u ctas %llu warps %llu instructions %llu grid %u,%u,%u block %u,%u,%u name %s\n",
		k->id, (unsigned long long)(st->ctas - base->ctas),
		(unsigned long long)(st->warps - base->warps),
		(unsigned long long)(st->insns - base->insns), k->grid[0], k->grid[1], k->grid[2],
		k->block[0], k->block[1], k->block[2], k->name ? k->name : "");
	base->ctas = st->ctas;
	base->warps = st->warps;
	base->insns = st->insns;
}

int lg_kt_info(const char *path, const char *format, bool footprint, FILE *per_kernel,
	       lg_kt_stats *st, lg_err *e)
{
	lg_kt_stats base = { 0 };
	lg_kt_kernel prev = { 0 };
	bool in_kernel = false;
	lg_kt_reader *r = lg_kt_open(path, format, e);
	lg_kt_hset *sec = footprint ? lg_kt_hset_create() : NULL;
	lg_kt_hset *lin = footprint ? lg_kt_hset_create() : NULL;
	uint32_t last[3] = { 0 };
	bool have_last = false;
	int ev, rc = -1;

	memset(st, 0, sizeof(*st));
	if (!r || (footprint && (!sec || !lin))) {
		if (r)
			lg_errf(e, path, 0, "out of memory");
		goto out;
	}
	while ((ev = lg_kt_next(r, e)) > 0) {
		const lg_kt_warp *w = lg_kt_cur_warp(r);
		uint64_t a, b;

		switch (ev) {
		case LG_KT_EV_KERNEL:
			if (per_kernel && in_kernel)
				kernel_line(per_kernel, &prev, st, &base);
			st->kernels++;
			have_last = false;
			in_kernel = true;
			if (per_kernel) { /* keep the header: the reader's copy moves on */
				free(prev.name);
				prev = *lg_kt_cur_kernel(r);
				prev.name = strdup(prev.name ? prev.name : "");
			}
			break;
		case LG_KT_EV_MEMCPY:
			lg_kt_cur_memcpy(r, &a, &b);
			st->memcpys++;
			st->memcpy_bytes += b;
			break;
		case LG_KT_EV_WARP:
			if (!have_last || memcmp(last, w->cta, sizeof(last))) {
				st->ctas++;
				memcpy(last, w->cta, sizeof(last));
				have_last = true;
			}
			if (add_warp(st, lg_kt_reader_optab(r), w, sec, lin) < 0) {
				lg_errf(e, path, 0, "out of memory (footprint set)");
				goto out;
			}
			break;
		}
	}
	if (ev < 0)
		goto out;
	if (per_kernel && in_kernel)
		kernel_line(per_kernel, &prev, st, &base);
	st->sectors32 = sec ? lg_kt_hset_count(sec) : 0;
	st->lines128 = lin ? lg_kt_hset_count(lin) : 0;
	st->unknown = lg_kt_reader_unknown(r, NULL);
	st->peak_insns = lg_kt_reader_peak_insns(r);
	rc = 0;
out:
	free(prev.name);
	lg_kt_hset_destroy(sec);
	lg_kt_hset_destroy(lin);
	lg_kt_close(r);
	return rc;
}

/* Print st as stable "key value" lines. */
void lg_kt_stats_print(FILE *f, const lg_kt_stats *st)
{
	fprintf(f, "kernels %llu\nctas %llu\nwarps %llu\ninstructions %llu\n",
		(unsigned long long)st->kernels, (unsigned long long)st->ctas,
		(unsigned long long)st->warps, (unsigned long long)st->insns);
	fprintf(f, "memcpy %llu\nmemcpy_bytes %llu\n", (unsigned long long)st->memcpys,
		(unsigned long long)st->memcpy_bytes);
	for (unsigned c = 0; c < LG_KT_NCLASS; c++)
		if (st->cls[c])
			fprintf(f, "class.%s %llu %.2f%%\n", lg_kt_class_name(c),
				(unsigned long long)st->cls[c],
				st->insns ? 100.0 * (double)st->cls[c] / (double)st->insns : 0.0);
	for (unsigned s = 0; s < LG_KT_NSPACE; s++)
		for (unsigned m = 0; m < LG_KT_NMOP; m++)
			if (st->mem_insns[s][m])
				fprintf(f, "bytes.%s.%s %llu (%llu warp instructions)\n",
					lg_kt_space_name(s), lg_kt_mop_name(m),
					(unsigned long long)st->bytes[s][m],
					(unsigned long long)st->mem_insns[s][m]);
	fprintf(f, "footprint.sectors32 %llu (%llu bytes)\n", (unsigned long long)st->sectors32,
		(unsigned long long)st->sectors32 * 32);
	fprintf(f, "footprint.lines128 %llu (%llu bytes)\n", (unsigned long long)st->lines128,
		(unsigned long long)st->lines128 * 128);
	fprintf(f, "unknown_opcodes %llu\n", (unsigned long long)st->unknown);
	fprintf(f, "peak_warp_instructions %llu\n", (unsigned long long)st->peak_insns);
}
