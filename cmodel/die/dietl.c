/*
 * The die's timeline (see dietl.h): CTA slices from the kernel scheduler's
 * CTA observer, kernel slices at the end, and the counter sampler.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die/dietl.h"

#define SLOTS 64          /* CTA slots per CU shown (more resident ones share the last) */
#define TID_CU 1000u
#define TID_TRK 99999u    /* tracker triggers */
#define TID_DMA 100000u   /* + descriptor queue slot (below 4,096) */
#define DMA_SLOTS 4096    /* dma.queue_depth's maximum */

typedef struct cta_slot {
	uint32_t kern1;       /* kernel index + 1; 0 = free */
	lg_ps start;
} cta_slot;

struct lg_dietl {
	lg_die *d;
	lg_ksched *ks;
	lg_tl *tl;
	uint32_t pid;
	lg_ps interval, next;
	cta_slot *slot;       /* [ncu][SLOTS] */
	uint8_t *named;       /* [ncu][SLOTS] track named */
	unsigned ncu;
	int c_bw, c_l2;
	uint64_t last_bytes, last_rd, last_hit;
	lg_ps last_t;
	lg_trig_port trig;    /* the tracker's real trigger port, behind the tap */
	uint8_t dma_named[DMA_SLOTS]; /* queue slots whose track is named */
	bool trk_named;
};

/* A CTA starts or ends on cu. */
static void cta_obs(void *ctx, unsigned cu, uint32_t kern, bool start, lg_ps now)
{
	lg_dietl *t = ctx;
	cta_slot *s = &t->slot[(size_t)cu * SLOTS];
	unsigned best = SLOTS;

	if (cu >= t->ncu)
		return;
	if (start) {
		for (unsigned i = 0; i < SLOTS; i++)
			if (!s[i].kern1) {
				char name[32];

				s[i] = (cta_slot){ kern + 1, now };
				if (!t->named[cu * SLOTS + i]) {
					if (i)
						snprintf(name, sizeof(name), "cu%u.%u", cu, i);
					else
						snprintf(name, sizeof(name), "cu%u", cu);
					lg_tl_track(t->tl, t->pid, TID_CU + SLOTS * cu + i, name);
					t->named[cu * SLOTS + i] = 1;
				}
				return;
			}
		return; /* more than SLOTS resident: not shown */
	}
	/* the end of the oldest CTA of that kernel on that CU */
	for (unsigned i = 0; i < SLOTS; i++)
		if (s[i].kern1 == kern + 1 && (best == SLOTS || s[i].start < s[best].start))
			best = i;
	if (best == SLOTS)
		return;
	lg_tl_slice(t->tl, t->pid, TID_CU + SLOTS * cu + best,
		    lg_ksched_kernel(t->ks, kern)->name, "cta", s[best].start, now);
	s[best].kern1 = 0;
}

/* DRAM bytes and L2 reads/hits of the die so far. */
static void counts(const lg_dietl *t, uint64_t *bytes, uint64_t *rd, uint64_t *hit)
{
	*bytes = *rd = *hit = 0;
	for (unsigned k = 0; k < lg_die_nmc(t->d); k++) {
		const lg_mc *mc = lg_die_mc_at(t->d, k);
		int n = lg_dram_units(lg_mc_spec(mc));

		for (int u = 0; u < n; u++)
			*bytes += lg_mc_unit_stats(mc, (unsigned)u)->bytes;
	}
	for (unsigned j = 0; j < lg_die_nslices(t->d); j++) {
		const lg_l2_stats *s = lg_l2_stats_get(lg_die_l2(t->d, j));

		*rd += s->accesses[LG_OP_RD];
		*hit += s->hits[LG_OP_RD];
	}
}

/* One sample of both counters for (last_t, now]. */
static void sample(lg_dietl *t, lg_ps now)
{
	uint64_t b, rd, hit;

	if (now <= t->last_t)
		return;
	counts(t, &b, &rd, &hit);
	lg_tl_sample(t->tl, t->c_bw, t->last_t, (double)(b - t->last_bytes) * 1000.0 /
		     (double)(now - t->last_t));
	if (rd > t->last_rd)
		lg_tl_sample(t->tl, t->c_l2, t->last_t,
			     (double)(hit - t->last_hit) / (double)(rd - t->last_rd));
	t->last_bytes = b;
	t->last_rd = rd;
	t->last_hit = hit;
	t->last_t = now;
}

static bool tl_tick(void *self, lg_ps now)
{
	lg_dietl *t = self;

	if (now >= t->next) {
		sample(t, now);
		t->next = now + t->interval;
	}
	return false;
}

static lg_ps tl_next(const void *self, lg_ps now)
{
	const lg_dietl *t = self;

	return t->next > now ? t->next : now + t->interval;
}

static bool tl_busy(const void *self)
{
	(void)self;
	return false;
}

/* The last sample and every kernel's slice on its stream's track. */
static void tl_finish(void *self, lg_ps end)
{
	lg_dietl *t = self;
	uint64_t streams[64];
	unsigned ns = 0;

	sample(t, end);
	for (unsigned i = 0; i < lg_ksched_nkernels(t->ks); i++) {
		const lg_ks_kstats *k = lg_ksched_kernel(t->ks, i);
		unsigned s;
		char name[48];

		for (s = 0; s < ns && streams[s] != k->stream; s++)
			;
		if (s == ns && ns < 64) {
			streams[ns++] = k->stream;
			snprintf(name, sizeof(name), "stream %llu", (unsigned long long)k->stream);
			lg_tl_track(t->tl, t->pid, 1 + s, name);
		}
		if (k->t_end >= k->t_start && k->ctas)
			lg_tl_slice(t->tl, t->pid, 1 + s, k->name, "kernel", k->t_start,
				    k->t_end);
	}
}

static void tl_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_dietl *t = self;

	(void)now;
	fprintf(f, "timeline: next sample at %llu ps, %llu slices dropped\n",
		(unsigned long long)t->next, (unsigned long long)lg_tl_dropped(t->tl));
}

static const lg_comp_ops tl_ops = {
	.kind = "timeline",
	.tick = tl_tick,
	.next = tl_next,
	.busy = tl_busy,
	.finish = tl_finish,
	.dump = tl_dump,
};

/* A descriptor completed: a slice [accepted, done) on its queue slot's track. */
static void dma_desc(void *ctx, const lg_dma_desc *x, unsigned slot, lg_ps acc, lg_ps done)
{
	lg_dietl *t = ctx;
	char name[64];

	if (slot >= DMA_SLOTS)
		return;
	if (!t->dma_named[slot]) {
		snprintf(name, sizeof(name), "dma q%u", slot);
		lg_tl_track(t->tl, t->pid, TID_DMA + slot, name);
		t->dma_named[slot] = 1;
	}
	snprintf(name, sizeof(name), "%s %llu B 0x%llx -> die %u 0x%llx",
		 x->op ? lg_dtype_name(x->dtype) : "copy", (unsigned long long)x->bytes,
		 (unsigned long long)x->src, x->die, (unsigned long long)x->dst);
	lg_tl_slice(t->tl, t->pid, TID_DMA + slot, name, "dma", acc, done);
}

void lg_dietl_set_dma(lg_dietl *t, lg_dma *dma)
{
	lg_dma_set_desc_cb(dma, dma_desc, t);
}

/* The tap's ready: the real port's. */
static bool tap_ready(const void *ctx)
{
	const lg_dietl *t = ctx;

	return t->trig.ready(t->trig.ctx);
}

/* The tap's put: an instant on the tracker's track, then the real port. */
static void tap_put(void *ctx, const lg_trig *x, lg_ps now)
{
	lg_dietl *t = ctx;
	char name[48];

	if (!t->trk_named) {
		lg_tl_track(t->tl, t->pid, TID_TRK, "tracker");
		t->trk_named = true;
	}
	snprintf(name, sizeof(name), "trigger 0x%llx", (unsigned long long)x->base);
	lg_tl_instant(t->tl, t->pid, TID_TRK, name, "trigger", now);
	t->trig.put(t->trig.ctx, x, now);
}

lg_trig_port lg_dietl_trig_tap(lg_dietl *t, const lg_trig_port *inner)
{
	lg_trig_port p = { t, tap_ready, tap_put };

	t->trig = *inner;
	return p;
}

lg_dietl *lg_dietl_create(lg_die *d, lg_ksched *ks, lg_tl *tl, lg_ps interval)
{
	lg_dietl *t = calloc(1, sizeof(*t));
	char name[32];

	if (!t)
		return NULL;
	t->d = d;
	t->ks = ks;
	t->tl = tl;
	t->pid = lg_die_index(d);
	t->interval = interval ? interval : 1;
	t->next = t->interval;
	t->ncu = lg_die_ncu(d);
	t->slot = calloc((size_t)t->ncu * SLOTS, sizeof(*t->slot));
	t->named = calloc((size_t)t->ncu * SLOTS, 1);
	if (!t->slot || !t->named) {
		lg_dietl_destroy(t);
		return NULL;
	}
	snprintf(name, sizeof(name), "die %u", t->pid);
	lg_tl_process(tl, t->pid, name);
	t->c_bw = lg_tl_counter(tl, t->pid, "DRAM GB/s");
	t->c_l2 = lg_tl_counter(tl, t->pid, "L2 hit rate");
	lg_ksched_set_cta_obs(ks, cta_obs, t);
	return t;
}

void lg_dietl_destroy(lg_dietl *t)
{
	if (!t)
		return;
	free(t->slot);
	free(t->named);
	free(t);
}

lg_comp lg_dietl_comp(lg_dietl *t)
{
	lg_comp c = { &tl_ops, t, "timeline", { t->interval } };

	return c;
}
