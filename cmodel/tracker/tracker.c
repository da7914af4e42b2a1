/*
 * lg_tracker: cycle-exact C model of rtl/tracker.sv (contract in
 * docs/tracker.md).
 *
 * Speed: the per-cycle cost does not grow with the table. FREE, ARMED and
 * FIRED entries are bit masks, so the outputs (lowest free, lowest fired) are
 * a count-trailing-zeros, done once per edge. An observed address is looked
 * up in a bucket index:
 * the address space is cut into 4 KiB buckets (hashed into NBUCKET slots),
 * each with a mask of the entries whose range touches it; ranges wider than
 * BIG_BUCKETS buckets sit in one `big` mask checked for every address. The
 * candidates (bucket | big) & ARMED are tried in index order, so the first
 * hit is the lowest-index match the RTL picks; the first two without
 * branches (hit or miss is random, a mispredicted branch costs more than
 * the arithmetic), against a sentinel slot SENT that no address is in. The
 * state hash is kept incrementally: one XOR out and one XOR in per changed
 * entry.
 *
 * The planted-bug (mutation) builds that prove the co-simulation can fail
 * live in the RTL (rtl/, TRACKER_MUTATE_*), not here.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tracker/tracker.h"

#define NW ((LG_TRACKER_MAX_ENTRIES + 63) / 64)
#define BSHIFT 12          /* bucket: 4 KiB of address space */
#define NBUCKET 1024       /* bucket slots (address bucket mod NBUCKET) */
#define BIG_BUCKETS NBUCKET /* ranges touching every slot go to the big mask */
#define SENT LG_TRACKER_MAX_ENTRIES /* "no entry": the lookup's sentinel */
_Static_assert(NW <= 2, "lookup() reads at most two mask words");

typedef struct trk_entry {
	uint64_t base, len, stride, dst;
	uint32_t expect, count;
	uint8_t rearm, die, op, dtype, state;
	bool indexed;            /* bits set in the bucket index */
	uint64_t ibase, ilen;    /* the range those bits describe */
} trk_entry;

struct lg_tracker {
	lg_tracker_params p;
	uint64_t amask;          /* 2^addr_width - 1 */
	uint32_t cmax;           /* 2^count_width - 1 */
	unsigned hw;             /* hash width: count_width + 2 */
	uint32_t hmask;          /* 2^hw - 1 */
	uint8_t rot[LG_TRACKER_MAX_ENTRIES]; /* entry i's hash rotation: i mod hw */
	uint64_t free_m[NW], armed_m[NW], fired_m[NW];
	uint64_t zexp_m[NW];     /* ARMED entries with expect == 0 */
	uint64_t big_m[NW];      /* entries with ranges wider than BIG_BUCKETS */
	uint64_t ovl_m[NW + 1];  /* range overlapped another ARMED one when armed
	                          * (+ SENT's word, always 0) */
	unsigned nw;             /* mask words in use: (entries + 63) / 64 */
	uint64_t bkmask;         /* buckets in the address space - 1 */
	/* The lookup's working set, kept small: the index word-major (8 KiB
	 * per 64 entries) and every entry's range next to each other. */
	uint64_t bucket[NW][NBUCKET];
	/* plus a sentinel SENT with len 0 that no address is in: a lookup
	 * without a match points there, so the hot path needs no branch */
	struct { uint64_t base, len; } rng[LG_TRACKER_MAX_ENTRIES + 1];
	uint32_t acc[LG_TRACKER_MAX_ENTRIES + 1]; /* bytes per entry this cycle */
	uint32_t miss_cnt;
	uint32_t nmc_cnt;
	uint32_t hash;
	int fi, ai;              /* lowest FIRED / FREE entry or -1 (outputs) */
	/* inputs */
	bool prog_valid, trig_ready;
	lg_tracker_prog prog;
	unsigned nobs;           /* ports with a valid write this cycle */
	unsigned nnmc;           /* ... of which NMC updates */
	/* one spare slot: set_obs writes before it checks */
	uint64_t obs_addr[LG_TRACKER_MAX_PORTS + 1];
	uint32_t obs_bytes[LG_TRACKER_MAX_PORTS + 1];
	lg_tracker_stats st;
	trk_entry e[];
};

/* rotl(v, i mod hw) in hw bits, for v < 2^hw (no branch for i mod hw = 0:
 * v >> hw is 0). */
static uint32_t hrot(const lg_tracker *t, unsigned i, uint32_t v)
{
	unsigned r = t->rot[i];

	return ((v << r) | (v >> (t->hw - r))) & t->hmask;
}

/* Hash contribution of entry i: rotl({state, count}, i mod hw) in hw bits. */
static uint32_t hval(const lg_tracker *t, unsigned i, unsigned state, uint32_t count)
{
	return hrot(t, i, ((uint32_t)state << t->p.count_width) | count);
}

/* Set / clear bit i of a multi-word mask. */
static void bset(uint64_t *m, unsigned i) { m[i >> 6] |= 1ull << (i & 63); }
static void bclr(uint64_t *m, unsigned i) { m[i >> 6] &= ~(1ull << (i & 63)); }

/* Lowest set bit of a mask, or -1. */
static int lowest(const uint64_t *m)
{
	for (unsigned w = 0; w < NW; w++)
		if (m[w])
			return (int)(w * 64 + (unsigned)__builtin_ctzll(m[w]));
	return -1;
}

/* Are two or more bits set? (no popcount: it is a library call without
 * -mpopcnt; no branch: called every cycle on a random-looking mask) */
static bool many(const uint64_t *m)
{
	uint64_t w0 = m[0], w1 = NW > 1 ? m[NW - 1] : 0;

	return (((w0 & (w0 - 1)) | (w1 & (w1 - 1))) != 0) | ((w0 != 0) & (w1 != 0));
}

/* The outputs' priority picks, kept with the state (after reset and after
 * every edge) so that reading the outputs and the next edge do not redo
 * them. */
static void refresh(lg_tracker *t)
{
	t->fi = lowest(t->fired_m);
	t->ai = lowest(t->free_m);
}

/* Move entry i to a new state and count, keeping masks and hash in step. */
static void set_state(lg_tracker *t, unsigned i, unsigned state, uint32_t count)
{
	trk_entry *x = &t->e[i];
	uint64_t *masks[3] = { t->free_m, t->armed_m, t->fired_m };

	t->hash ^= hval(t, i, x->state, x->count) ^ hval(t, i, state, count);
	if (state != x->state) {
		bclr(masks[x->state], i);
		bset(masks[state], i);
	}
	if (state == LG_TRK_ARMED && x->expect == 0)
		bset(t->zexp_m, i);
	else
		bclr(t->zexp_m, i);
	x->state = (uint8_t)state;
	x->count = count;
}

static bool in_range(const lg_tracker *t, const trk_entry *x, uint64_t addr)
{
	return ((addr - x->base) & t->amask) < x->len;
}

/* Copy entry i's range into the lookup's compact range array. */
static void set_rng(lg_tracker *t, unsigned i)
{
	t->rng[i].base = t->e[i].base;
	t->rng[i].len = t->e[i].len;
}

/* Set or clear entry i's bit in every bucket its range [base, base+len) touches
 * (bucket numbers wrap with the address space, as the range does). When
 * setting, OR the masks of those buckets into `near` (the entries that may
 * overlap the range; all of them when the range goes to the big mask). */
static void index_range(lg_tracker *t, unsigned i, uint64_t base, uint64_t len, bool set,
			uint64_t *near)
{
	uint64_t nb;

	if (!len)
		return;
	/* buckets touched; a range of 2^64 - 4096 bytes or more is big */
	if (len > UINT64_MAX - (1u << BSHIFT))
		nb = UINT64_MAX;
	else
		nb = (((base & ((1u << BSHIFT) - 1)) + len - 1) >> BSHIFT) + 1;
	if (nb > BIG_BUCKETS || nb - 1 > t->bkmask) {
		(set ? bset : bclr)(t->big_m, i);
		if (near)
			memset(near, 0xff, NW * sizeof(*near));
		return;
	}
	for (uint64_t k = 0; k < nb; k++) {
		unsigned b = (unsigned)((((base >> BSHIFT) + k) & t->bkmask) & (NBUCKET - 1));
		if (set)
			t->bucket[i >> 6][b] |= 1ull << (i & 63);
		else
			t->bucket[i >> 6][b] &= ~(1ull << (i & 63));
		if (near)
			for (unsigned w = 0; w < NW; w++)
				near[w] |= t->bucket[w][b];
	}
}

static bool ranges_meet(const lg_tracker *t, const trk_entry *a, const trk_entry *b)
{
	return a->len && b->len && (in_range(t, a, b->base) || in_range(t, b, a->base));
}

/* Does entry i's range overlap another ARMED entry's? (coverage only;
 * runs when an entry is armed; only entries sharing a bucket, `near`, or in
 * the big mask can overlap) */
static bool overlaps_armed(lg_tracker *t, unsigned i, const uint64_t *near)
{
	bool any = false;

	for (unsigned w = 0; w < NW; w++) {
		uint64_t m = t->armed_m[w] & (near[w] | t->big_m[w]);
		while (m) {
			unsigned j = w * 64 + (unsigned)__builtin_ctzll(m);
			m &= m - 1;
			if (j != i && ranges_meet(t, &t->e[i], &t->e[j])) {
				bset(t->ovl_m, j);
				any = true;
			}
		}
	}
	return any;
}

/* Entry i is armed on its current range: move its index bits there. */
static void reindex(lg_tracker *t, unsigned i)
{
	trk_entry *x = &t->e[i];
	uint64_t near[NW] = { 0 };

	if (x->indexed)
		index_range(t, i, x->ibase, x->ilen, false, NULL);
	x->ibase = x->base;
	x->ilen = x->len;
	x->indexed = true;
	index_range(t, i, x->ibase, x->ilen, true, near);
	set_rng(t, i);
	(overlaps_armed(t, i, near) ? bset : bclr)(t->ovl_m, i);
}

lg_tracker *lg_tracker_create(const lg_tracker_params *p, lg_err *e)
{
	lg_tracker *t;

	if (p->entries < 2 || p->entries > LG_TRACKER_MAX_ENTRIES ||
	    p->ports < 1 || p->ports > LG_TRACKER_MAX_PORTS ||
	    p->addr_width < 8 || p->addr_width > 64 ||
	    p->count_width < 8 || p->count_width > 24) {
		lg_errf(e, "tracker", 0, "expected entries 2..%d, ports 1..%d, "
			"addr_width 8..64, count_width 8..24",
			LG_TRACKER_MAX_ENTRIES, LG_TRACKER_MAX_PORTS);
		return NULL;
	}
	t = calloc(1, sizeof(*t) + p->entries * sizeof(t->e[0]));
	if (!t) {
		lg_errf(e, "tracker", 0, "out of memory");
		return NULL;
	}
	t->p = *p;
	t->amask = p->addr_width == 64 ? UINT64_MAX : (1ull << p->addr_width) - 1;
	t->cmax = (1u << p->count_width) - 1;
	t->hw = p->count_width + 2;
	t->nw = (p->entries + 63) / 64;
	t->bkmask = t->amask >> BSHIFT;
	t->hmask = (1u << t->hw) - 1;
	for (unsigned i = 0; i < p->entries; i++)
		t->rot[i] = (uint8_t)(i % t->hw);
	lg_tracker_reset(t);
	t->st.resets = 0;
	return t;
}

void lg_tracker_destroy(lg_tracker *t)
{
	free(t);
}

void lg_tracker_reset(lg_tracker *t)
{
	if (lowest(t->armed_m) >= 0 || lowest(t->fired_m) >= 0)
		t->st.resets++;
	memset(t->e, 0, t->p.entries * sizeof(t->e[0]));
	memset(t->free_m, 0, sizeof(t->free_m));
	memset(t->armed_m, 0, sizeof(t->armed_m));
	memset(t->fired_m, 0, sizeof(t->fired_m));
	memset(t->zexp_m, 0, sizeof(t->zexp_m));
	memset(t->big_m, 0, sizeof(t->big_m));
	memset(t->ovl_m, 0, sizeof(t->ovl_m));
	memset(t->bucket, 0, sizeof(t->bucket));
	memset(t->rng, 0, sizeof(t->rng));
	for (unsigned i = 0; i < t->p.entries; i++)
		bset(t->free_m, i);
	t->miss_cnt = 0;
	t->nmc_cnt = 0;
	t->hash = 0;
	t->nobs = 0;
	t->nnmc = 0;
	refresh(t);
}

void lg_tracker_set_prog(lg_tracker *t, bool valid, const lg_tracker_prog *prog)
{
	t->prog_valid = valid;
	if (valid)
		t->prog = *prog;
}

void lg_tracker_set_obs(lg_tracker *t, unsigned port, uint64_t addr, unsigned bytes)
{
	unsigned n = t->nobs;

	/* No branch (callers often decide per port at random): the slot is
	 * written and kept only for a port that exists and while there are
	 * fewer writes than ports; anything else is ignored. */
	t->obs_addr[n] = addr & t->amask;
	t->obs_bytes[n] = bytes & 0xff;
	t->nobs = n + (port < t->p.ports && n < t->p.ports);
}

/* Set bits of a word (no popcount instruction without -mpopcnt: the
 * library call costs more than these few operations). */
static unsigned bits(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

void lg_tracker_set_obs_nmc(lg_tracker *t, unsigned port, uint64_t addr, unsigned bytes)
{
	unsigned n = t->nobs;

	lg_tracker_set_obs(t, port, addr, bytes);
	t->nnmc += t->nobs != n;
}

void lg_tracker_set_obs_ports(lg_tracker *t, uint32_t valid, uint32_t nmc, const uint64_t *addr,
			      const uint32_t *bytes)
{
	unsigned n = 0;
	uint32_t pm = t->p.ports == 32 ? 0xffffffffu : (1u << t->p.ports) - 1;

	t->nnmc = bits(valid & nmc & pm);

	/* No branch: every port's slot is written, kept when valid. */
	for (unsigned p = 0; p < t->p.ports; p++) {
		t->obs_addr[n] = addr[p] & t->amask;
		t->obs_bytes[n] = bytes[p] & 0xff;
		n += (valid >> p) & 1;
	}
	t->nobs = n;
}

void lg_tracker_set_trig_ready(lg_tracker *t, bool ready)
{
	t->trig_ready = ready;
}

/* In range of slot i (SENT: never)? */
static bool hits(const lg_tracker *t, unsigned i, uint64_t addr)
{
	return ((addr - t->rng[i].base) & t->amask) < t->rng[i].len;
}

/* The lookup for three or more candidates: try them in index order. */
static unsigned lookup_slow(const lg_tracker *t, uint64_t addr, unsigned b)
{
	for (unsigned w = 0; w < t->nw; w++) {
		uint64_t m = (t->bucket[w][b] | t->big_m[w]) & t->armed_m[w];
		while (m) {
			unsigned i = w * 64 + (unsigned)__builtin_ctzll(m);
			m &= m - 1;
			if (hits(t, i, addr))
				return i;
		}
	}
	return SENT;
}

/* The entry an observed write counts in (lowest-index match), or SENT.
 * Hit or miss is random for the stimulus and for real traffic alike, so
 * the common cases (at most two candidates, in the first mask word) are
 * decided without branches: the candidates' indices default to SENT. */
static unsigned lookup(const lg_tracker *t, uint64_t addr)
{
	unsigned b = (addr >> BSHIFT) & (NBUCKET - 1);
	uint64_t m = (t->bucket[0][b] | t->big_m[0]) & t->armed_m[0];
	uint64_t m1 = m & (m - 1), rest = m1 & (m1 - 1);
	unsigned i0, i1, r = SENT;
	bool ok0, ok1;

	if (t->nw > 1)
		rest |= (t->bucket[1][b] | t->big_m[1]) & t->armed_m[1];
	if (__builtin_expect(rest != 0, 0))
		return lookup_slow(t, addr, b);
	/* bit 63 keeps ctz defined for an empty mask; ok* discards it */
	i0 = (unsigned)__builtin_ctzll(m | (1ull << 63));
	i1 = (unsigned)__builtin_ctzll(m1 | (1ull << 63));
	ok0 = (m != 0) & hits(t, i0, addr);
	ok1 = (m1 != 0) & hits(t, i1, addr);
	r = ok1 ? i1 : r;
	return ok0 ? i0 : r;
}

/* Add bytes to ARMED entry i (already summed over ports); fire if done. */
static void count_bytes(lg_tracker *t, unsigned i, uint32_t add)
{
	trk_entry *x = &t->e[i];
	uint32_t sum = x->count + add;

	if (sum > t->cmax) {
		sum = t->cmax;
		t->st.saturations++;
	}
	if (sum >= x->expect) {
		if (x->expect == 0)
			t->st.zero_expect++;
		t->st.fires++;
		set_state(t, i, LG_TRK_FIRED, sum);
	} else {
		/* stays ARMED (masks unchanged, expect > 0): only the count
		 * changes, and the hash by the rotated XOR of the counts */
		t->hash ^= hrot(t, i, x->count ^ sum);
		x->count = sum;
	}
}

/*
 * Observe ports: find each write's entry and sum its bytes per entry (acc,
 * touched mask tm). A miss adds its bytes to the sentinel slot SENT (never
 * in tm) and skips the coverage counters; the counters of a hit are
 * computed without branches.
 */
static void observe(lg_tracker *t, uint64_t *tm)
{
	uint32_t misses = 0;

	for (unsigned k = 0; k < t->nobs; k++) {
		uint64_t addr = t->obs_addr[k];
		uint32_t bytes = t->obs_bytes[k];
		unsigned i = lookup(t, addr);
		uint64_t bit = 1ull << (i & 63);

		t->acc[i] += bytes;
		if (i == SENT) {
			misses++;
			continue;
		}
		t->st.straddles += ((addr - t->rng[i].base) & t->amask) + (uint64_t)bytes >
				   t->rng[i].len;
		t->st.overlaps += (t->ovl_m[i >> 6] & bit) != 0;
		t->st.multi_port += (tm[i >> 6] & bit) != 0;
		tm[i >> 6] |= bit;
	}
	t->st.observed += t->nobs;
	t->st.nmc += t->nnmc;
	t->nmc_cnt = t->nmc_cnt + t->nnmc < t->nmc_cnt ? 0xffffffffu : t->nmc_cnt + t->nnmc;
	t->st.misses += misses;
	t->miss_cnt = t->miss_cnt + misses < t->miss_cnt ? 0xffffffffu : t->miss_cnt + misses;
}

/* The presented trigger is taken: re-arm or free the entry. */
static void take(lg_tracker *t, unsigned i)
{
	trk_entry *x = &t->e[i];

	t->st.takes++;
	if (x->rearm) {
		t->st.rearms++;
		x->rearm--;
		x->base = (x->base + x->stride) & t->amask;
		x->dst = (x->dst + x->stride) & t->amask;
		set_state(t, i, LG_TRK_ARMED, 0);
		reindex(t, i);
	} else {
		set_state(t, i, LG_TRK_FREE, 0);
	}
}

/* Load the program inputs into free entry i and arm it. */
static void alloc(lg_tracker *t, unsigned i)
{
	trk_entry *x = &t->e[i];
	const lg_tracker_prog *p = &t->prog;

	t->st.programs++;
	x->base = p->base & t->amask;
	x->len = p->len & t->amask;
	x->stride = p->stride & t->amask;
	x->expect = p->expect & t->cmax;
	x->rearm = (uint8_t)(p->rearm & 15);
	x->die = (uint8_t)(p->die & 63);
	x->dst = p->dst & t->amask;
	x->op = (uint8_t)(p->op & 1);
	x->dtype = (uint8_t)(p->dtype & 3);
	set_state(t, i, LG_TRK_ARMED, 0);
	reindex(t, i);
}

/* Handshakes of this cycle, decided on the state before the edge. */
static void pick_handshakes(lg_tracker *t, int *fi, int *ai)
{
	bool stall = (t->fi >= 0) & !t->trig_ready;

	t->st.trig_stall += stall;
	t->st.trig_queue += stall & many(t->fired_m);
	t->st.prog_full += t->prog_valid & (t->ai < 0);
	*fi = t->trig_ready ? t->fi : -1;
	*ai = t->prog_valid ? t->ai : -1;
}

void lg_tracker_step(lg_tracker *t)
{
	uint64_t tm[NW + 1] = { 0 };  /* touched entries (+ SENT's word) */
	uint64_t zexp[NW];
	int fi, ai;

	t->st.cycles++;
	pick_handshakes(t, &fi, &ai);
	memcpy(zexp, t->zexp_m, sizeof(zexp));
	observe(t, tm);
	for (unsigned w = 0; w < NW; w++) {
		while (tm[w]) {
			unsigned i = w * 64 + (unsigned)__builtin_ctzll(tm[w]);
			tm[w] &= tm[w] - 1;
			count_bytes(t, i, t->acc[i]);
			t->acc[i] = 0;
		}
	}
	t->acc[SENT] = 0;
	/* ARMED with expect 0 and no write this cycle: fire anyway. */
	for (unsigned w = 0; w < NW; w++) {
		while (zexp[w]) {
			unsigned i = w * 64 + (unsigned)__builtin_ctzll(zexp[w]);
			zexp[w] &= zexp[w] - 1;
			if (t->e[i].state == LG_TRK_ARMED)
				count_bytes(t, i, 0);
		}
	}
	if (fi >= 0)
		take(t, (unsigned)fi);
	if (ai >= 0)
		alloc(t, (unsigned)ai);
	t->nobs = 0;
	t->nnmc = 0;
	refresh(t);
}

void lg_tracker_outputs(const lg_tracker *t, lg_tracker_out *o)
{
	int ai = t->ai, fi = t->fi;

	o->prog_ready = ai >= 0;
	o->prog_idx = ai >= 0 ? (unsigned)ai : 0;
	if (fi >= 0) {
		const trk_entry *x = &t->e[fi];
		o->trig_valid = true;
		o->trig_idx = (unsigned)fi;
		o->trig_base = x->base;
		o->trig_len = x->len;
		o->trig_die = x->die;
		o->trig_dst = x->dst;
		o->trig_op = x->op;
		o->trig_dtype = x->dtype;
		o->trig_last = x->rearm == 0;
	} else {
		o->trig_valid = false;
		o->trig_idx = 0;
		o->trig_base = 0;
		o->trig_len = 0;
		o->trig_die = 0;
		o->trig_dst = 0;
		o->trig_op = 0;
		o->trig_dtype = 0;
		o->trig_last = false;
	}
	o->miss_cnt = t->miss_cnt;
	o->nmc_cnt = t->nmc_cnt;
	o->state_hash = t->hash;
}

unsigned lg_tracker_entry_state(const lg_tracker *t, unsigned i, uint32_t *count)
{
	if (count)
		*count = t->e[i].count;
	return t->e[i].state;
}

const lg_tracker_stats *lg_tracker_stats_get(const lg_tracker *t)
{
	return &t->st;
}

/* Name and offset of every counter, for the printer. */
static const struct {
	const char *name;
	size_t off;
} stat_names[] = {
#define S(n) { #n, offsetof(lg_tracker_stats, n) }
	S(cycles), S(programs), S(prog_full), S(observed), S(nmc), S(misses),
	S(multi_port), S(straddles), S(overlaps), S(saturations),
	S(zero_expect), S(fires), S(takes), S(rearms), S(trig_stall),
	S(trig_queue), S(resets),
#undef S
};

void lg_tracker_stats_print(const lg_tracker_stats *s, FILE *f)
{
	for (size_t i = 0; i < sizeof(stat_names) / sizeof(stat_names[0]); i++)
		fprintf(f, "%-12s %llu\n", stat_names[i].name,
			(unsigned long long)*(const uint64_t *)((const char *)s + stat_names[i].off));
}
