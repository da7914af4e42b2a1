/*
 * lg_cu: the trace-driven compute unit (see cu.h and docs/cu.md).
 *
 * Internal time is the core cycle. Each tick: take returned requests
 * (wake the loads waiting on them, fill the L1), let the LSU handle this
 * cycle's sectors, push new requests to the crossbar, then let each warp
 * scheduler issue. Warps remember until when they cannot issue (wake) and
 * why, so a scheduler passes over a blocked warp with one compare, and the
 * CU's next() is the earliest wake when nothing issued: idle cycles cost
 * nothing and are counted as stalls of the reason last seen.
 */
#include "cu/cu.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cu/coalesce.h"
#include "cu/l1.h"
#include "cu/sched.h"

#define NREG 256             /* R0..R254 tracked; R255 is RZ */
#define RZ 255
#define NLD 16               /* loads in flight per warp (load slots) */
#define MAXCTAW 32           /* warps per CTA: 1,024 threads */
#define PEND UINT64_MAX      /* register or warp waiting on an event */
#define NONE UINT32_MAX
#define NOSLOT 0xff
#define REG_UNIT 256         /* registers allocated per warp in units of 256 */

enum { W_FREE = 0, W_RUN, W_BAR, W_DRAIN };
enum { Q_LD = 0, Q_ST, Q_ATOM, Q_NMC, Q_SMEM, Q_FIXED };

typedef struct ld_slot {
	uint64_t ready;      /* latest hit/shared completion cycle */
	uint32_t npend;      /* requests still out */
	uint8_t ndst;
	uint16_t dst[LG_KT_MAXDST];
} ld_slot;

/* A warp slot. The fields try_issue reads come first, in one cache line
 * (the array is 64-byte aligned): a scheduler passing over its warps
 * touches one line per warp. */
typedef struct cu_warp {
	_Alignas(64) uint64_t wake; /* cannot issue before this cycle (PEND: an event) */
	uint64_t regmax;     /* no register with a cycle is ready later (those
	                        of loads out are PEND; none while ldfree is full) */
	const lg_kt_insn *in, *end; /* next instruction, end of w's */
	const lg_cu_op *ops; /* k->dec->op: the decoded opcodes */
	const lg_cu_kernel *k;
	uint16_t cta, sched;
	uint16_t ldfree;     /* free load slots (bit mask) */
	uint8_t why;         /* lg_cu_stall while wake > now */
	uint8_t state;       /* W_* */
	uint8_t lsuw;        /* waits (wake PEND) for room in the LSU queue */
	lg_kt_warp w;        /* its instructions (buffers swapped with ksched's) */
	ld_slot ld[NLD];
	uint64_t reg[NREG];  /* cycle at which each register is ready */
} cu_warp;

_Static_assert(offsetof(cu_warp, w) <= 64, "cu_warp: try_issue's fields in one line");

typedef struct cu_cta {
	const lg_cu_kernel *k;
	uint16_t nwarps;
	uint16_t live;       /* warps not yet exited */
	uint16_t held;       /* warp slots not yet freed (exited warps may wait on loads) */
	uint16_t at_bar, used;
	uint16_t wslot[MAXCTAW];
	lg_cu_cta_report rep;
} cu_cta;

typedef struct cu_sched {
	uint16_t *ws;        /* warp slots, oldest first */
	unsigned n;
	int last;            /* position that issued last, -1 none */
	uint8_t reason;      /* why it did not issue when it last looked */
	uint64_t from;       /* first cycle not yet counted as an issue or a stall */
	uint64_t wake;       /* no warp can issue before this cycle (0: look) */
	bool lsuw;           /* a warp of it may wait for room in the LSU queue */
	uint64_t busy[LG_KT_NCLASS]; /* pipeline free from this cycle */
} cu_sched;

/* A request to L2 with what the CU needs when it returns. */
typedef struct cu_mreq {
	lg_req r;            /* first: the port carries &r */
	uint32_t hnext;      /* MSHR hash chain, or free list */
	uint32_t wait;       /* first waiter, NONE */
	uint16_t nwait;
	uint8_t load;        /* a load miss: in the MSHR table, fills the L1 */
} cu_mreq;

typedef struct cu_waiter {
	uint32_t next;
	uint16_t warp;
	uint8_t slot;
} cu_waiter;

/* A memory instruction waiting for (or in) the LSU. */
typedef struct lsu_ent {
	uint16_t warp;
	uint8_t slot;        /* load slot, NOSLOT if no result */
	uint8_t kind;        /* Q_* */
	uint8_t dt;          /* NMC dtype */
	uint8_t n, next;     /* accesses, next to handle */
	uint32_t waves;      /* shared memory: wavefronts left */
	lg_co_sector sec[LG_CO_MAXSEC];
	uint8_t size[LG_CO_MAXSEC];
} lsu_ent;

/* The accesses of the last delta-coded global instruction, by its pattern:
 * lane steps, width and base % 128. Another with the same pattern (the
 * same instruction of another warp or loop trip) has the same accesses
 * moved by the difference of the bases, a multiple of 128 B. */
typedef struct co_memo {
	uint64_t d[LG_KT_WARP_SIZE];  /* lane steps */
	uint64_t span;       /* last lane's offset + width - 1 */
	uint32_t nd;         /* steps (lanes - 1) */
	uint32_t width, lo;  /* bytes per lane, base % 128 */
	bool valid;
	uint8_t n;           /* accesses */
	lg_co_sector sec[LG_CO_MAXSEC]; /* addresses less base / 128 x 128 */
	uint8_t size[LG_CO_MAXSEC];
} co_memo;

struct lg_cu {
	lg_cu_params p;
	char name[16];
	lg_port *to, *from;
	const lg_cu_policy *pol;
	lg_l1 *l1;
	cu_warp *w;          /* [max_warps], zeroed: W_FREE without buffers */
	uint32_t wslots;     /* warp slots ever taken: [0, wslots) (lowest free first) */
	lg_zarena *own;      /* the arena of the other tables when p.arena is NULL */
	cu_cta *cta;
	cu_sched *s;
	uint32_t warps_used, ctas_used, regs_used, smem_used;
	uint16_t *drain;     /* exited warps whose results or loads are out */
	uint32_t ndrain;
	/* LSU queue (ring) */
	lsu_ent *lq;
	uint32_t lq_head, lq_n;
	bool lsu_blocked;    /* waits for a free request or waiter */
	bool lsuw;           /* some warp waits for room in the queue */
	/* requests, MSHR table, waiters, requests not yet accepted */
	cu_mreq *mr;
	uint32_t mr_free, mr_nfree;
	uint32_t *hash, hmask;
	cu_waiter *wt;
	uint32_t wt_free, wt_nfree;
	uint32_t wt_fresh;   /* waiters [wt_fresh, end) never taken yet */
	uint32_t *oq, oq_head, oq_n;
	uint64_t refused_at; /* first cycle of the head's refused pushes, PEND none */
	uint64_t seq;
	co_memo memo;
	/* time */
	uint64_t cyc, last_cyc, nxt;
	uint64_t swake;      /* the earliest wake of the schedulers */
	bool ticked;
	lg_cu_cta_done_fn done_fn;
	void *done_ctx;
	lg_wake wake;        /* woken by lg_cu_cta_start */
	lg_cu_stats st;
};

/* ---- parameters ---- */

int lg_cu_params_from_cfg(const lg_cfg *c, unsigned id, lg_cu_params *p, lg_err *e)
{
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->clk.period_ps = (lg_ps)(1e6 / c->die.core_clock_mhz + 0.5);
	p->nsched = (unsigned)c->cu.schedulers;
	snprintf(p->policy, sizeof(p->policy), "%.15s", c->cu.sched_policy);
	p->max_warps = (uint32_t)c->cu.max_warps;
	p->max_ctas = (uint32_t)c->cu.max_ctas;
	p->registers = (uint32_t)c->cu.registers;
	p->smem_bytes = (uint32_t)c->cu.smem_bytes;
	p->l1_bytes = (uint32_t)c->cu.l1_bytes;
	p->l1_ways = (uint32_t)c->cu.l1_ways;
	p->l1_latency = (uint32_t)c->cu.l1_latency;
	p->smem_latency = (uint32_t)c->cu.smem_latency;
	p->l1_sectors_per_cycle = (uint32_t)c->cu.l1_sectors_per_cycle;
	p->lsu_queue = (uint32_t)c->cu.lsu_queue;
	p->mshrs = (uint32_t)c->cu.mshrs;
	p->mshr_merge = (uint32_t)c->cu.mshr_merge;
	p->mem_latency = (uint32_t)c->cu.mem_latency;
	p->line_requests = c->cu.line_requests;
	p->nmc = c->nmc.enable;
	p->mma_bf16_flops_per_cycle = (uint32_t)c->cu.mma_bf16_flops_per_cycle;
	lg_cu_timing_defaults(p->tim);
	if (lg_cu_timing_parse(p->tim, c->cu.class_timing, "cu.class_timing", e) < 0)
		return -1;
	if (p->l1_bytes && p->l1_bytes % (128u * p->l1_ways))
		return lg_cfg_errf(c, LG_K_cu_l1_bytes, e,
				   "must be a multiple of 128 x cu.l1_ways (%u)", p->l1_ways);
	return 0;
}

/* ---- creation ---- */

void lg_cu_destroy(lg_cu *cu)
{
	if (!cu)
		return;
	for (uint32_t i = 0; i < cu->wslots; i++) /* the others are untouched */
		lg_kt_warp_free(&cu->w[i].w);
	lg_zfree(cu->w, cu->p.max_warps * sizeof(*cu->w));
	lg_zarena_destroy(cu->own); /* the other tables: the arena's (a shared one is its owner's) */
	lg_l1_destroy(cu->l1);
	free(cu);
}

/* Allocate the CU's tables (from p->arena, shared with the die's other
 * CUs, or one of its own); false when out of memory. */
static bool alloc_tables(lg_cu *cu)
{
	const lg_cu_params *p = &cu->p;
	uint32_t nwt = p->mshrs * p->mshr_merge + p->mshrs, hsz = 1;
	lg_zarena *a = p->arena;

	while (hsz < 2 * p->mshrs)
		hsz <<= 1;
	cu->hmask = hsz - 1;
	if (!a && !(a = cu->own = lg_zarena_create()))
		return false;
	/* All zeroed. CTAs (free: used 0), LSU entries, requests and waiters
	 * are set up when taken. Warp slots (W_FREE, no buffers) are mapped
	 * apart: a run touches only the pages of the slots it takes. */
	cu->w = lg_zalloc(p->max_warps * sizeof(*cu->w));
	cu->cta = lg_zarena_calloc(a, p->max_ctas, sizeof(*cu->cta));
	cu->s = lg_zarena_calloc(a, p->nsched, sizeof(*cu->s));
	cu->lq = lg_zarena_calloc(a, p->lsu_queue, sizeof(*cu->lq));
	cu->mr = lg_zarena_calloc(a, p->mshrs, sizeof(*cu->mr));
	cu->hash = lg_zarena_calloc(a, hsz, sizeof(*cu->hash));
	cu->wt = lg_zarena_calloc(a, nwt, sizeof(*cu->wt));
	cu->oq = lg_zarena_calloc(a, p->mshrs, sizeof(*cu->oq));
	cu->drain = lg_zarena_calloc(a, p->max_warps, sizeof(*cu->drain));
	if (!cu->drain || !cu->w || !cu->cta || !cu->s || !cu->lq || !cu->mr || !cu->hash || !cu->wt || !cu->oq)
		return false;
	for (unsigned i = 0; i < p->nsched; i++) {
		cu->s[i].ws = lg_zarena_calloc(a, p->max_warps, sizeof(*cu->s[i].ws));
		if (!cu->s[i].ws)
			return false;
		cu->s[i].last = -1;
		cu->s[i].reason = LG_CU_STALL_NOWORK;
	}
	for (uint32_t i = 0; i < hsz; i++)
		cu->hash[i] = NONE;
	for (uint32_t i = 0; i < p->mshrs; i++)
		cu->mr[i].hnext = i + 1 < p->mshrs ? i + 1 : NONE;
	cu->mr_free = 0;
	cu->mr_nfree = p->mshrs;
	cu->wt_free = NONE; /* freed ones; the fresh ones from wt_fresh */
	cu->wt_fresh = 0;
	cu->wt_nfree = nwt;
	return true;
}

lg_cu *lg_cu_create(const lg_cu_params *p, lg_port *to_mem, lg_port *from_mem, lg_err *e)
{
	lg_cu *cu = calloc(1, sizeof(*cu));

	if (!cu) {
		lg_errf(e, "cu", 0, "out of memory");
		return NULL;
	}
	cu->p = *p;
	snprintf(cu->name, sizeof(cu->name), "cu%u", p->id);
	cu->to = to_mem;
	cu->from = from_mem;
	cu->pol = lg_cu_policy_find(p->policy);
	if (!cu->pol) {
		lg_errf(e, "cu.sched_policy", 0, "unknown policy '%s': expected lrr or gto", p->policy);
		goto out_free;
	}
	if (!p->nsched || !p->max_warps || !p->max_ctas || !p->lsu_queue || !p->mshrs ||
	    !p->mshr_merge || !p->l1_sectors_per_cycle || !p->clk.period_ps) {
		lg_errf(e, "cu", 0, "schedulers, max_warps, max_ctas, lsu_queue, mshrs, mshr_merge, "
			"l1_sectors_per_cycle and the clock must be >= 1");
		goto out_free;
	}
	if (p->l1_bytes) {
		cu->l1 = lg_l1_create(p->l1_bytes, p->l1_ways);
		if (!cu->l1) {
			lg_errf(e, "cu.l1_bytes", 0, "expected a multiple of 128 x cu.l1_ways (%u)",
				p->l1_ways);
			goto out_free;
		}
	}
	if (!alloc_tables(cu)) {
		lg_errf(e, "cu", 0, "out of memory");
		goto out_free;
	}
	cu->nxt = PEND;
	cu->refused_at = PEND;
	return cu;
out_free:
	lg_cu_destroy(cu);
	return NULL;
}

void lg_cu_set_waker(lg_cu *cu, const lg_wake *w)
{
	cu->wake = *w;
}

void lg_cu_set_cta_sink(lg_cu *cu, lg_cu_cta_done_fn fn, void *ctx)
{
	cu->done_fn = fn;
	cu->done_ctx = ctx;
}

const lg_cu_params *lg_cu_params_get(const lg_cu *cu)
{
	return &cu->p;
}

const lg_cu_stats *lg_cu_stats_get(const lg_cu *cu)
{
	return &cu->st;
}

/* ---- CTAs ---- */

static void cta_done(lg_cu *cu, uint16_t ci);

/* Scheduler s may have a warp ready at cycle t: look then at the latest. */
static void sched_wake(lg_cu *cu, cu_sched *s, uint64_t t)
{
	if (s->wake > t)
		s->wake = t;
	if (cu->swake > t)
		cu->swake = t;
}

void lg_cu_kernel_init(lg_cu_kernel *k, const lg_kt_kernel *kr, const lg_cu_opdec *dec,
		       uint32_t uid)
{
	uint64_t threads = (uint64_t)kr->block[0] * kr->block[1] * kr->block[2];
	uint32_t rw = (kr->nregs + 7u) / 8u * 8u * 32u;

	memset(k, 0, sizeof(*k));
	k->uid = uid;
	k->warps_per_cta = (uint32_t)((threads + 31) / 32);
	if (!k->warps_per_cta)
		k->warps_per_cta = 1;
	rw = (rw + REG_UNIT - 1) / REG_UNIT * REG_UNIT;
	k->regs_per_cta = rw * k->warps_per_cta;
	k->smem_per_cta = kr->shmem;
	k->shmem_base = kr->shmem_base;
	k->local_base = kr->local_base;
	k->dec = dec;
}

bool lg_cu_kernel_fits_empty(const lg_cu_params *p, const lg_cu_kernel *k, char *why,
			     size_t wcap)
{
	if (k->warps_per_cta > p->max_warps || k->warps_per_cta > MAXCTAW)
		snprintf(why, wcap, "a CTA of %u warps exceeds the CU's %u (or 32)",
			 k->warps_per_cta, p->max_warps);
	else if (k->regs_per_cta > p->registers)
		snprintf(why, wcap, "a CTA needs %u registers, the CU has %u", k->regs_per_cta,
			 p->registers);
	else if (k->smem_per_cta > p->smem_bytes)
		snprintf(why, wcap, "a CTA needs %u B of shared memory, the CU has %u",
			 k->smem_per_cta, p->smem_bytes);
	else
		return true;
	return false;
}

unsigned lg_cu_ctas_resident(const lg_cu *cu)
{
	return cu->ctas_used;
}

bool lg_cu_cta_fits(const lg_cu *cu, const lg_cu_kernel *k)
{
	return cu->ctas_used < cu->p.max_ctas &&
	       cu->warps_used + k->warps_per_cta <= cu->p.max_warps &&
	       cu->regs_used + k->regs_per_cta <= cu->p.registers &&
	       cu->smem_used + k->smem_per_cta <= cu->p.smem_bytes;
}

void lg_cu_cta_start(lg_cu *cu, const lg_cu_kernel *k, lg_kt_warp *warps, unsigned n, lg_ps now)
{
	uint32_t ci = 0, slot = 0;
	cu_cta *c;

	while (cu->cta[ci].used)
		ci++;
	c = &cu->cta[ci];
	memset(c, 0, sizeof(*c));
	c->used = 1;
	c->k = k;
	c->rep.kernel_uid = k->uid;
	if (n > k->warps_per_cta)
		n = k->warps_per_cta;
	for (unsigned i = 0; i < n; i++) {
		cu_warp *w;
		lg_kt_warp tmp;
		cu_sched *s;

		while (cu->w[slot].state != W_FREE)
			slot++;
		if (slot >= cu->wslots)
			cu->wslots = slot + 1;
		w = &cu->w[slot];
		tmp = w->w;
		w->w = warps[i];
		warps[i] = tmp;
		lg_kt_warp_clear(&warps[i]);
		if (!w->w.n)
			continue; /* a warp without instructions has nothing to run */
		w->k = k;
		w->ops = k->dec->op;
		w->in = w->w.insn;
		w->end = w->w.insn + w->w.n;
		w->wake = 0;
		w->why = LG_CU_STALL_NOWORK;
		w->state = W_RUN;
		w->cta = (uint16_t)ci;
		w->sched = (uint16_t)(slot % cu->p.nsched);
		w->ldfree = (uint16_t)((1u << NLD) - 1);
		w->lsuw = 0;
		memset(w->reg, 0, sizeof(w->reg));
		w->regmax = 0;
		s = &cu->s[w->sched];
		s->ws[s->n++] = (uint16_t)slot;
		sched_wake(cu, s, 0);
		c->wslot[c->nwarps++] = (uint16_t)slot;
		c->live++;
		c->held++;
	}
	if (++cu->ctas_used > cu->st.ctas_peak)
		cu->st.ctas_peak = cu->ctas_used;
	cu->warps_used += k->warps_per_cta;
	cu->regs_used += k->regs_per_cta;
	cu->smem_used += k->smem_per_cta;
	cu->st.ctas++;
	cu->st.warps += n;
	/* Act from the cycle of now (or the next one if that one is done). */
	{
		uint64_t c0 = lg_clock_cycle_at(cu->p.clk, now);

		if (cu->ticked && c0 <= cu->last_cyc)
			c0 = cu->last_cyc + 1;
		if (c0 < cu->nxt)
			cu->nxt = c0;
	}
	lg_wake_up(&cu->wake);
	if (!c->nwarps) /* a CTA without instructions ends at once */
		cta_done(cu, (uint16_t)ci);
}

/* A CTA whose warps all ended: free its resources and report it. */
static void cta_done(lg_cu *cu, uint16_t ci)
{
	cu_cta *c = &cu->cta[ci];
	const lg_cu_kernel *k = c->k;

	cu->ctas_used--;
	cu->warps_used -= k->warps_per_cta;
	cu->regs_used -= k->regs_per_cta;
	cu->smem_used -= k->smem_per_cta;
	c->used = 0;
	if (cu->done_fn)
		cu->done_fn(cu->done_ctx, cu->p.id, &c->rep, lg_clock_time(cu->p.clk, cu->cyc));
}

/* Release the warps of a CTA barrier once every live warp is there. */
static void bar_check(lg_cu *cu, cu_cta *c)
{
	if (!c->at_bar || c->at_bar < c->live)
		return;
	for (unsigned i = 0; i < c->nwarps; i++) {
		cu_warp *w = &cu->w[c->wslot[i]];

		if (w->state == W_BAR) {
			w->state = W_RUN;
			w->wake = cu->cyc + 1;
			w->why = LG_CU_STALL_BARRIER;
			sched_wake(cu, &cu->s[w->sched], w->wake);
		}
	}
	c->at_bar = 0;
}

/* Remove slot from its scheduler's list (age order kept). */
static void sched_remove(lg_cu *cu, uint16_t slot)
{
	cu_sched *s = &cu->s[cu->w[slot].sched];
	unsigned i = 0;

	while (s->ws[i] != slot)
		i++;
	memmove(&s->ws[i], &s->ws[i + 1], (s->n - i - 1) * sizeof(*s->ws));
	s->n--;
	if (s->last == (int)i)
		s->last = (int)i - 1 >= 0 && cu->pol == &lg_cu_policy_lrr ? (int)i - 1 : -1;
	else if (s->last > (int)i)
		s->last--;
}

/* The warp's slot is free (EXIT done and its loads back). */
static void warp_free(lg_cu *cu, uint16_t slot)
{
	cu_warp *w = &cu->w[slot];
	cu_cta *c = &cu->cta[w->cta];

	w->state = W_FREE;
	if (--c->held == 0)
		cta_done(cu, w->cta);
}

/* EXIT (or the end of the warp's instructions): the barrier no longer
 * waits for it; its slot stays held until its last result is written
 * (the latest register ready time) and its loads are back. */
static void warp_exit(lg_cu *cu, uint16_t slot)
{
	cu_warp *w = &cu->w[slot];
	cu_cta *c = &cu->cta[w->cta];
	uint64_t t = cu->cyc + 1; /* EXIT takes its issue cycle */

	sched_remove(cu, slot);
	c->live--;
	bar_check(cu, c);
	for (unsigned r = 0; r < NREG; r++)
		if (w->reg[r] > t && w->reg[r] != PEND)
			t = w->reg[r];
	if (w->ldfree != (uint16_t)((1u << NLD) - 1) || t > cu->cyc) {
		w->state = W_DRAIN;
		w->wake = t;
		cu->drain[cu->ndrain++] = slot;
		return;
	}
	warp_free(cu, slot);
}

/* Free the draining warps that are done; the earliest pending wake. */
static uint64_t drain_step(lg_cu *cu)
{
	uint64_t nx = PEND;

	for (uint32_t i = 0; i < cu->ndrain;) {
		uint16_t slot = cu->drain[i];
		cu_warp *w = &cu->w[slot];

		if (w->ldfree == (uint16_t)((1u << NLD) - 1) && w->wake <= cu->cyc) {
			cu->drain[i] = cu->drain[--cu->ndrain];
			warp_free(cu, slot);
			continue;
		}
		if (w->ldfree == (uint16_t)((1u << NLD) - 1) && w->wake < nx)
			nx = w->wake;
		i++;
	}
	return nx;
}

/* ---- memory ---- */

/* A load slot's results arrive at cycle t: its registers become ready. */
static void slot_done(lg_cu *cu, uint16_t wi, uint8_t si, uint64_t t)
{
	cu_warp *w = &cu->w[wi];
	ld_slot *l = &w->ld[si];

	for (unsigned d = 0; d < l->ndst; d++)
		w->reg[l->dst[d]] = t;
	if (l->ndst && t > w->regmax)
		w->regmax = t;
	w->ldfree |= (uint16_t)(1u << si);
	if (w->state == W_RUN) {
		w->wake = 0;
		w->lsuw = 0;
		sched_wake(cu, &cu->s[w->sched], 0);
	} else if (w->state == W_DRAIN && t > w->wake)
		w->wake = t;
}

/* One request for a slot came back at the current cycle. */
static void slot_dec(lg_cu *cu, uint16_t wi, uint8_t si)
{
	ld_slot *l = &cu->w[wi].ld[si];

	if (--l->npend == 0)
		slot_done(cu, wi, si, l->ready > cu->cyc ? l->ready : cu->cyc);
}

static uint32_t hkey(const lg_cu *cu, uint64_t addr)
{
	uint64_t line = addr >> 7;

	return (uint32_t)((line ^ (line >> 17)) & cu->hmask);
}

/* An in-flight load request covering [addr, addr+size), NONE if none. */
static uint32_t mshr_find(const lg_cu *cu, uint64_t addr, uint32_t size)
{
	for (uint32_t i = cu->hash[hkey(cu, addr)]; i != NONE; i = cu->mr[i].hnext) {
		const lg_req *r = &cu->mr[i].r;

		if (r->addr <= addr && addr + size <= r->addr + r->size)
			return i;
	}
	return NONE;
}

static void mshr_unlink(lg_cu *cu, uint32_t m)
{
	uint32_t *p = &cu->hash[hkey(cu, cu->mr[m].r.addr)];

	while (*p != m)
		p = &cu->mr[*p].hnext;
	*p = cu->mr[m].hnext;
}

/* Load slot `slot` of warp waits on request m (the caller checked a waiter
 * is free): from the freed waiters, else a fresh one. */
static void add_waiter(lg_cu *cu, uint32_t m, uint16_t warp, uint8_t slot)
{
	uint32_t i = cu->wt_free;

	if (i != NONE)
		cu->wt_free = cu->wt[i].next;
	else
		i = cu->wt_fresh++;
	cu->wt_nfree--;
	cu->wt[i].warp = warp;
	cu->wt[i].slot = slot;
	cu->wt[i].next = cu->mr[m].wait;
	cu->mr[m].wait = i;
	cu->mr[m].nwait++;
	cu->w[warp].ld[slot].npend++;
}

/* A new request (caller checked mr_nfree), queued for the crossbar. */
static uint32_t mreq_new(lg_cu *cu, uint64_t addr, uint32_t size, uint8_t op, uint8_t dt,
			 const lg_co_sector *s)
{
	uint32_t m = cu->mr_free;
	cu_mreq *q = &cu->mr[m];

	cu->mr_free = q->hnext;
	cu->mr_nfree--;
	memset(q, 0, sizeof(*q));
	q->wait = NONE;
	q->hnext = NONE;
	q->r.id = ++cu->seq;
	q->r.addr = addr;
	q->r.size = size;
	q->r.op = op;
	q->r.dtype = dt;
	q->r.tclass = LG_TC_COMPUTE;
	q->r.src_kind = LG_SRC_CU;
	q->r.src_id = cu->p.id;
	q->r.data_off = s->off;
	q->r.data_bytes = s->bytes;
	q->r.t_created = lg_clock_time(cu->p.clk, cu->cyc);
	cu->oq[(cu->oq_head + cu->oq_n++) % cu->p.mshrs] = m;
	cu->st.req[op]++;
	cu->st.req_bytes += size;
	cu->st.useful_bytes += s->bytes;
	return m;
}

/* Whether all sectors of [addr, addr+size) hit in the L1 (an access is a
 * sector or an aligned line: within one line). */
static bool l1_hits(lg_cu *cu, uint64_t addr, uint32_t size)
{
	return lg_l1_hit_run(cu->l1, addr, size / LG_CO_SECTOR);
}

/* Handle access i of LSU entry e; false if it must wait for resources. */
static bool lsu_access(lg_cu *cu, lsu_ent *e, unsigned i)
{
	const lg_co_sector *s = &e->sec[i];
	uint32_t size = e->size[i], m;
	unsigned nsec = size / LG_CO_SECTOR;

	switch (e->kind) {
	case Q_LD:
		if (e->slot == NOSLOT) {
			/* a load whose result is unused (RZ): traffic only */
			if (!cu->mr_nfree)
				return false;
			mreq_new(cu, s->addr, size, LG_OP_RD, LG_DT_NONE, s);
			return true;
		}
		if (cu->l1) {
			if (l1_hits(cu, s->addr, size)) {
				ld_slot *l = &cu->w[e->warp].ld[e->slot];
				uint64_t t = cu->cyc + cu->p.l1_latency;

				if (t > l->ready)
					l->ready = t;
				cu->st.l1_hits += nsec;
				return true;
			}
		}
		m = mshr_find(cu, s->addr, size);
		if (m != NONE && cu->mr[m].nwait < cu->p.mshr_merge && cu->wt_nfree) {
			add_waiter(cu, m, e->warp, e->slot);
			cu->st.mshr_merges += nsec;
			if (cu->l1)
				cu->st.l1_misses += nsec;
			return true;
		}
		if (!cu->mr_nfree || !cu->wt_nfree)
			return false;
		if (cu->l1)
			cu->st.l1_misses += nsec;
		m = mreq_new(cu, s->addr, size, LG_OP_RD, LG_DT_NONE, s);
		cu->mr[m].load = 1;
		cu->mr[m].hnext = cu->hash[hkey(cu, s->addr)];
		cu->hash[hkey(cu, s->addr)] = m;
		add_waiter(cu, m, e->warp, e->slot);
		return true;
	case Q_ST:
		if (!cu->mr_nfree)
			return false;
		mreq_new(cu, s->addr, size, LG_OP_WR, LG_DT_NONE, s);
		return true;
	case Q_NMC:
		if (!cu->mr_nfree)
			return false;
		mreq_new(cu, s->addr, size, LG_OP_NMC, e->dt, s);
		return true;
	default: /* Q_ATOM: read then write of the sector at L2 */
		if (cu->mr_nfree < 2 || !cu->wt_nfree)
			return false;
		m = mreq_new(cu, s->addr, size, LG_OP_RD, LG_DT_NONE, s);
		if (e->slot != NOSLOT)
			add_waiter(cu, m, e->warp, e->slot);
		mreq_new(cu, s->addr, size, LG_OP_WR, LG_DT_NONE, s);
		return true;
	}
}

/* The LSU queue has room again: the warps that wait for it look at the
 * current cycle (as if they had tried each cycle, which a full queue
 * made pointless: nothing else of theirs changes while they wait). */
static void lsu_room(lg_cu *cu)
{
	for (unsigned k = 0; k < cu->p.nsched; k++) {
		cu_sched *s = &cu->s[k];

		if (!s->lsuw)
			continue;
		s->lsuw = false;
		for (unsigned i = 0; i < s->n; i++) {
			cu_warp *w = &cu->w[s->ws[i]];

			if (w->lsuw) {
				w->lsuw = 0;
				w->wake = 0;
				sched_wake(cu, s, 0);
			}
		}
	}
	cu->lsuw = false;
}

/* The LSU entry at the head is done: drop its hold on the load slot
 * (results then come at the latest of ready, hits and returns), and pop. */
static void lsu_pop(lg_cu *cu, lsu_ent *e, uint64_t ready)
{
	if (e->slot != NOSLOT) {
		ld_slot *l = &cu->w[e->warp].ld[e->slot];

		if (ready > l->ready)
			l->ready = ready;
		slot_dec(cu, e->warp, e->slot);
	}
	cu->lq_head = cu->lq_head + 1 == cu->p.lsu_queue ? 0 : cu->lq_head + 1;
	cu->lq_n--;
	if (cu->lsuw)
		lsu_room(cu);
}

/* This cycle's work of the L1/shared pipeline; true if it moved. */
static bool lsu_step(lg_cu *cu)
{
	unsigned budget = cu->p.l1_sectors_per_cycle, full = budget;
	bool moved = false;

	cu->lsu_blocked = false;
	while (cu->lq_n && budget) {
		lsu_ent *e = &cu->lq[cu->lq_head];

		if (e->kind == Q_SMEM) {
			/* one wavefront per cycle; the result after the last */
			cu->st.smem_accesses++;
			moved = true;
			budget = 0;
			if (--e->waves == 0)
				lsu_pop(cu, e, cu->cyc + cu->p.smem_latency);
			break;
		}
		while (e->next < e->n && budget) {
			unsigned cost = e->size[e->next] / LG_CO_SECTOR;

			if (cost > budget && budget < full)
				break;
			if (!lsu_access(cu, e, e->next)) {
				cu->lsu_blocked = true;
				return moved;
			}
			moved = true;
			e->next++;
			budget = cost > budget ? 0 : budget - cost;
		}
		if (e->next < e->n)
			break;
		lsu_pop(cu, e, 0);
		moved = true;
	}
	return moved;
}

/* Count the cycles from the first refused push up to cycle c (excluded):
 * a refused push is retried each cycle, whether or not the CU is ticked. */
static void count_refused(lg_cu *cu, uint64_t c)
{
	if (cu->refused_at == PEND)
		return;
	cu->st.push_refused += c - cu->refused_at;
	cu->refused_at = PEND;
}

/* Hand queued requests to the crossbar, in order, until it pushes back. */
static bool push_out(lg_cu *cu)
{
	lg_ps t = lg_clock_time(cu->p.clk, cu->cyc + cu->p.mem_latency);
	bool moved = false;

	while (cu->oq_n) {
		cu_mreq *q = &cu->mr[cu->oq[cu->oq_head]];

		if (!lg_port_push(cu->to, &q->r, t)) {
			if (cu->refused_at == PEND)
				cu->refused_at = cu->cyc;
			break;
		}
		count_refused(cu, cu->cyc);
		cu->oq_head = cu->oq_head + 1 == cu->p.mshrs ? 0 : cu->oq_head + 1;
		cu->oq_n--;
		moved = true;
	}
	return moved;
}

/* Take the requests the crossbar returned by now. */
static inline __attribute__((always_inline)) bool take_returns(lg_cu *cu, lg_ps now)
{
	bool moved = false;
	lg_req *r;

	while ((r = lg_port_peek(cu->from, now))) {
		cu_mreq *q = (cu_mreq *)r;
		uint32_t m = (uint32_t)(q - cu->mr), wi;

		lg_port_pop(cu->from);
		moved = true;
		if (q->load) {
			mshr_unlink(cu, m);
			if (cu->l1)
				lg_l1_fill(cu->l1, r->addr,
					   r->size >= LG_CO_LINE ? 0xfu : 1u << ((r->addr >> 5) & 3));
		}
		for (wi = q->wait; wi != NONE;) {
			uint32_t nx = cu->wt[wi].next;

			slot_dec(cu, cu->wt[wi].warp, cu->wt[wi].slot);
			cu->wt[wi].next = cu->wt_free;
			cu->wt_free = wi;
			cu->wt_nfree++;
			wi = nx;
		}
		q->hnext = cu->mr_free;
		cu->mr_free = m;
		cu->mr_nfree++;
	}
	return moved;
}

/* ---- issue ---- */

/* Whether the generic address a falls in the kernel's shared window. */
static bool in_shared(const lg_cu_kernel *k, uint64_t a, uint32_t smem)
{
	return a >= k->shmem_base && a - k->shmem_base < smem;
}

/* The sectors of a global access. Lanes at a stride of their width tile
 * one range, whose sectors need no per-lane work (the common unit-stride
 * access); delta-coded lanes in address order are walked in their record;
 * any other pattern goes lane by lane. */
static int coalesce(const lg_kt_warp *w, const lg_kt_insn *in, unsigned width,
		    lg_co_sector *sec, bool *delta)
{
	uint64_t bytes = (uint64_t)__builtin_popcount(in->mask) * width, a[LG_KT_WARP_SIZE];

	*delta = false;
	if (in->amode == LG_KT_AM_STRIDE && in->stride == (int64_t)width &&
	    width <= LG_CO_SECTOR && in->base + bytes - 1 >= in->base)
		return lg_coalesce_run(in->base, bytes, sec);
	if (in->amode == LG_KT_AM_DELTA) {
		int n = lg_coalesce_delta(in->base, &w->addrs[in->aoff],
					  __builtin_popcount(in->mask), width, sec);

		*delta = n >= 0;
		if (n >= 0)
			return n;
	}
	lg_kt_insn_lanes(w, in, a);
	return lg_coalesce(a, in->mask, width, sec);
}

/* The accesses of delta-coded instruction in from the memo into e, if its
 * pattern is the memo's and its lanes do not wrap past 2^64 (the memo's
 * were in address order without wrapping, so these are too). */
static bool memo_get(lg_cu *cu, const lg_kt_warp *w, const lg_kt_insn *in, unsigned width,
		     lsu_ent *e)
{
	const co_memo *m = &cu->memo;
	uint32_t nd = (uint32_t)__builtin_popcount(in->mask) - 1;
	uint64_t hi = in->base & ~(uint64_t)(LG_CO_LINE - 1);

	if (!m->valid || m->nd != nd || m->width != width || m->lo != (in->base & (LG_CO_LINE - 1)) ||
	    in->base > UINT64_MAX - m->span ||
	    memcmp(m->d, &w->addrs[in->aoff], nd * sizeof(*m->d)))
		return false;
	for (unsigned i = 0; i < m->n; i++) {
		e->sec[i] = m->sec[i];
		e->sec[i].addr += hi;
	}
	memcpy(e->size, m->size, m->n);
	e->n = m->n;
	return true;
}

/* Keep the accesses e of delta-coded instruction in (lanes in address
 * order) as the memo. */
static void memo_put(lg_cu *cu, const lg_kt_warp *w, const lg_kt_insn *in, unsigned width,
		     const lsu_ent *e)
{
	co_memo *m = &cu->memo;
	uint64_t hi = in->base & ~(uint64_t)(LG_CO_LINE - 1), o = 0;

	m->nd = (uint32_t)__builtin_popcount(in->mask) - 1;
	memcpy(m->d, &w->addrs[in->aoff], m->nd * sizeof(*m->d));
	for (uint32_t i = 0; i < m->nd; i++)
		o += m->d[i];
	m->span = o + width - 1;
	m->width = width;
	m->lo = (uint32_t)(in->base & (LG_CO_LINE - 1));
	m->n = e->n;
	for (unsigned i = 0; i < e->n; i++) {
		m->sec[i] = e->sec[i];
		m->sec[i].addr -= hi;
	}
	memcpy(m->size, e->size, e->n);
	m->valid = true;
}

/* The accesses of a global instruction into e (by 128 B line if the CU
 * makes line requests). */
static void global_accesses(lg_cu *cu, const lg_kt_warp *w, const lg_kt_insn *in,
			    unsigned width, lsu_ent *e)
{
	bool delta;

	if (in->amode == LG_KT_AM_DELTA && memo_get(cu, w, in, width, e))
		return;
	e->n = (uint8_t)coalesce(w, in, width, e->sec, &delta);
	if (cu->p.line_requests)
		e->n = (uint8_t)lg_coalesce_lines(e->sec, e->size, e->n);
	else
		memset(e->size, LG_CO_SECTOR, e->n);
	if (delta)
		memo_put(cu, w, in, width, e);
}

/* Queue a memory instruction for the LSU (the caller checked room). */
static void issue_mem(lg_cu *cu, cu_warp *w, uint16_t wi, const lg_kt_insn *in,
		      const lg_cu_op *op)
{
	lsu_ent *e = &cu->lq[(cu->lq_head + cu->lq_n) % cu->p.lsu_queue];
	unsigned space = op->space, width = op->width ? op->width : 1;
	bool result = false;

	e->warp = wi;
	e->slot = NOSLOT;
	e->n = e->next = 0;
	e->dt = LG_DT_NONE;
	e->waves = 0;
	for (unsigned d = 0; d < in->ndst; d++)
		if (in->dst[d] != RZ)
			result = true;
	if (in->amode == LG_KT_AMODE_NONE || !in->mask) {
		/* no addresses recorded: a fixed-latency access */
		e->kind = Q_FIXED;
	} else {
		if (space == LG_KT_SP_GENERIC)
			space = in_shared(w->k, lg_kt_insn_first_lane(&w->w, in), cu->p.smem_bytes)
				? LG_KT_SP_SHARED : LG_KT_SP_GLOBAL;
		if (space == LG_KT_SP_SHARED) {
			uint32_t bytes = (uint32_t)__builtin_popcount(in->mask) * width;

			e->kind = Q_SMEM;
			e->waves = (bytes + 127) / 128;
		} else {
			global_accesses(cu, &w->w, in, width, e);
			if (op->mop == LG_KT_MOP_LD)
				e->kind = Q_LD;
			else if (op->mop == LG_KT_MOP_ST)
				e->kind = Q_ST;
			else if (cu->p.nmc && op->red_dt != LG_DT_NONE &&
				 (op->mop == LG_KT_MOP_RED || !result)) {
				e->kind = Q_NMC;
				e->dt = op->red_dt;
			} else {
				e->kind = Q_ATOM;
			}
		}
	}
	if (result && e->kind != Q_ST && e->kind != Q_NMC) {
		uint8_t si = (uint8_t)__builtin_ctz(w->ldfree);
		ld_slot *l = &w->ld[si];

		w->ldfree &= (uint16_t)~(1u << si);
		l->npend = 1; /* the LSU's hold until the entry is handled */
		l->ready = e->kind == Q_FIXED ? cu->cyc + cu->p.l1_latency : 0;
		l->ndst = 0;
		for (unsigned d = 0; d < in->ndst; d++)
			if (in->dst[d] < NREG && in->dst[d] != RZ) {
				l->dst[l->ndst++] = in->dst[d];
				w->reg[in->dst[d]] = PEND;
			}
		e->slot = si;
	}
	if (e->kind == Q_FIXED) {
		if (e->slot != NOSLOT)
			slot_done(cu, wi, e->slot, cu->cyc + cu->p.l1_latency);
		return;
	}
	cu->lq_n++;
}

/*
 * w's instructions were decoded long before they issue and have left the
 * host's caches by then: at each issue the one after next is prefetched,
 * and the scoreboard entries of the next one (prefetched at the issue
 * before) that its issue reads.
 */
static inline void prefetch_next(const cu_warp *w)
{
	const lg_kt_insn *in = w->in;

	if (in == w->end)
		return;
	if (in + 1 != w->end)
		__builtin_prefetch(in + 1);
	for (unsigned i = 0; i < in->nsrc; i++)
		if (in->src[i] < RZ)
			__builtin_prefetch(&w->reg[in->src[i]]);
}

/* Issue w's next instruction if it can go now: LG_CU_NSTALL when issued,
 * else the stall reason (w->wake/why updated). */
static inline __attribute__((always_inline)) unsigned try_issue(lg_cu *cu, cu_sched *s,
								 uint16_t wi)
{
	cu_warp *w = &cu->w[wi];
	const lg_kt_insn *in;
	const lg_cu_op *op;
	uint64_t c = cu->cyc, t;
	cu_cta *cta;

	if (w->wake > c)
		return w->why;
	in = w->in;
	op = &w->ops[in->op];
	/* scoreboard: sources (RAW) and destinations (WAW); nothing to find
	 * while every register is ready (no load out, the latest ready) */
	if (w->regmax > c || w->ldfree != (uint16_t)((1u << NLD) - 1)) {
		for (unsigned i = 0; i < in->nsrc; i++)
			if (in->src[i] < RZ && (t = w->reg[in->src[i]]) > c)
				goto sb;
		for (unsigned i = 0; i < in->ndst; i++)
			if (in->dst[i] < RZ && (t = w->reg[in->dst[i]]) > c)
				goto sb;
	}
	if (op->kind == LG_CU_K_MEM) {
		if (cu->lq_n == cu->p.lsu_queue) {
			w->wake = PEND; /* until lsu_room */
			w->lsuw = 1;
			s->lsuw = true;
			cu->lsuw = true;
			return w->why = LG_CU_STALL_MEMORY;
		}
		if (!w->ldfree) {
			w->wake = PEND;
			return w->why = LG_CU_STALL_MEMORY;
		}
	} else if (s->busy[op->cls] > c) {
		w->wake = s->busy[op->cls];
		return w->why = LG_CU_STALL_PIPE;
	}
	/* issue */
	cta = &cu->cta[w->cta];
	cu->st.issued++;
	cu->st.cls[op->cls]++;
	cu->st.unknown += op->unknown;
	cu->st.rf_reads += in->nsrc;
	cu->st.rf_writes += in->ndst;
	cta->rep.insns++;
	w->in++;
	prefetch_next(w);
	switch (op->kind) {
	case LG_CU_K_MEM:
		issue_mem(cu, w, wi, in, op);
		break;
	case LG_CU_K_BAR:
		w->state = W_BAR;
		w->wake = PEND;
		w->why = LG_CU_STALL_BARRIER;
		cta->at_bar++;
		bar_check(cu, cta);
		break;
	case LG_CU_K_EXIT:
		warp_exit(cu, wi);
		return LG_CU_NSTALL;
	default:
		s->busy[op->cls] = c + op->ii;
		for (unsigned i = 0; i < in->ndst; i++)
			if (in->dst[i] < RZ) {
				w->reg[in->dst[i]] = c + op->lat;
				if (c + op->lat > w->regmax)
					w->regmax = c + op->lat;
			}
		if (op->kind == LG_CU_K_MMA) {
			cu->st.mma_flops[op->dt] += op->flops;
			cta->rep.mma_flops[op->dt] += op->flops;
		}
		break;
	}
	if (w->in == w->end) {
		if (w->state == W_BAR) {
			w->state = W_RUN;
			cta->at_bar--;
		}
		warp_exit(cu, wi);
	}
	return LG_CU_NSTALL;
sb:
	w->wake = t;
	return w->why = t == PEND ? LG_CU_STALL_MEMORY : LG_CU_STALL_SCOREBOARD;
}

/* Count scheduler s's cycles from s->from up to cycle c (excluded) as
 * stalls of the reason it last saw. The reason changes only when the
 * scheduler looks at its warps, so the count waits until then: every
 * scheduler-cycle of the run is an issue or one stall, and the cycles it
 * skips cost nothing to count. */
static void stall_upto(lg_cu *cu, cu_sched *s, uint64_t c)
{
	if (c > s->from)
		cu->st.stall[s->reason] += c - s->from;
}

/* Scheduler s issued at the current cycle from ws[pos]. */
static bool sched_issued(lg_cu *cu, cu_sched *s, int pos)
{
	stall_upto(cu, s, cu->cyc);
	s->from = cu->cyc + 1;
	s->last = pos;
	return true;
}

/* One cycle of scheduler s (due: s->wake <= now): issue or note why not.
 * Returns whether it issued; *wake gets the earliest wake of the warps it
 * passed over. */
static bool sched_cycle(lg_cu *cu, cu_sched *s, uint64_t *wake)
{
	unsigned first, reason = LG_CU_STALL_NOWORK, n = s->n;
	uint64_t mw = PEND;
	int greedy;

	if (n == 1) {
		/* one warp: whatever the policy, the order is that warp */
		unsigned r = try_issue(cu, s, s->ws[0]);

		if (r == LG_CU_NSTALL)
			return sched_issued(cu, s, 0);
		reason = r;
		mw = cu->w[s->ws[0]].wake;
	} else if (n) {
		cu->pol->start(n, s->last, &greedy, &first);
		if (greedy >= 0 && (unsigned)greedy < n) {
			unsigned r = try_issue(cu, s, s->ws[greedy]);

			if (r == LG_CU_NSTALL)
				return sched_issued(cu, s, greedy);
			reason = r;
			mw = cu->w[s->ws[greedy]].wake;
		}
		for (unsigned i = 0; i < n; i++) {
			unsigned pos = first + i < n ? first + i : first + i - n, r;
			uint16_t wi = s->ws[pos];

			if ((int)pos == greedy)
				continue;
			r = try_issue(cu, s, wi);
			if (r == LG_CU_NSTALL)
				return sched_issued(cu, s, (int)pos);
			if (reason == LG_CU_STALL_NOWORK)
				reason = r;
			if (cu->w[wi].wake < mw)
				mw = cu->w[wi].wake;
		}
	}
	/* Nothing can issue before mw unless an event wakes a warp (a load
	 * returns, a barrier opens, a CTA arrives, the LSU queue has room),
	 * which lowers s->wake. */
	s->wake = mw;
	if (mw < *wake)
		*wake = mw;
	stall_upto(cu, s, cu->cyc);
	s->from = cu->cyc;
	s->reason = (uint8_t)reason;
	return false;
}

/* ---- the component ---- */

/* This cycle's issue: the schedulers that may have a ready warp look;
 * while none may (the earliest wake is later), nothing is done at all.
 * Returns whether any issued; *wake as sched_cycle's. */
static bool issue_cycle(lg_cu *cu, uint64_t *wake)
{
	uint64_t sw = PEND, wk = *wake, cyc = cu->cyc;
	cu_sched *s = cu->s, *end = cu->s + cu->p.nsched;
	bool issued = false;

	if (cu->swake > cyc) {
		*wake = cu->swake;
		return false;
	}
	/* The earliest wake after the loop: each scheduler's as the loop leaves
	 * it, and any a warp event lowers during the loop (sched_wake lowers
	 * cu->swake too; a scheduler it wakes ends at or below that time). */
	cu->swake = PEND;
	for (; s < end; s++) {
		if (s->wake > cyc) {
			if (s->wake < wk)
				wk = s->wake;
		} else {
			issued |= sched_cycle(cu, s, &wk);
		}
		if (s->wake < sw)
			sw = s->wake;
	}
	*wake = wk;
	if (sw < cu->swake)
		cu->swake = sw;
	return issued;
}

static bool cu_tick(void *self, lg_ps now)
{
	lg_cu *cu = self;
	uint64_t c = lg_clock_cycle_at(cu->p.clk, now), wake = PEND;
	bool moved, issued;

	if (cu->ticked && c <= cu->last_cyc)
		return take_returns(cu, now); /* this cycle's issue is done */
	cu->cyc = c;
	cu->last_cyc = c;
	cu->ticked = true;
	moved = take_returns(cu, now);
	if (cu->lq_n)
		moved |= lsu_step(cu);
	else
		cu->lsu_blocked = false;
	issued = issue_cycle(cu, &wake);
	if (cu->oq_n)
		moved |= push_out(cu);
	if (cu->ndrain) {
		uint64_t d = drain_step(cu);

		if (d < wake)
			wake = d;
	}
	cu->nxt = issued ? c + 1 : wake;
	return moved || issued;
}

static lg_ps cu_next(const void *self, lg_ps now)
{
	const lg_cu *cu = self;
	uint64_t c = cu->nxt, here = now / cu->p.clk.period_ps;
	lg_ps t, r;

	if ((cu->lq_n && !cu->lsu_blocked) || (cu->oq_n && !lg_port_full(cu->to)))
		c = here + 1;
	if (c == PEND) {
		t = LG_PS_NEVER;
	} else {
		if (c <= here && lg_clock_time(cu->p.clk, c) <= now)
			c = here + 1;
		t = lg_clock_time(cu->p.clk, c);
	}
	r = lg_port_next_ready(cu->from);
	if (r != LG_PS_NEVER) {
		uint64_t rc = lg_clock_cycle_at(cu->p.clk, r);

		if (lg_clock_time(cu->p.clk, rc) <= now)
			rc = here + 1;
		if (lg_clock_time(cu->p.clk, rc) < t)
			t = lg_clock_time(cu->p.clk, rc);
	}
	return t;
}

static bool cu_busy(const void *self)
{
	const lg_cu *cu = self;

	return cu->warps_used || cu->lq_n || cu->mr_nfree != cu->p.mshrs;
}

static void cu_finish(void *self, lg_ps end)
{
	lg_cu *cu = self;
	uint64_t c = lg_clock_cycle_at(cu->p.clk, end);

	for (unsigned i = 0; i < cu->p.nsched; i++) {
		stall_upto(cu, &cu->s[i], c);
		cu->s[i].from = c + 1; /* counted up to c */
	}
	count_refused(cu, c);
	cu->last_cyc = c;
	cu->ticked = true;
	cu->st.cycles = c;
}

static void cu_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_cu *cu = self;

	(void)now;
	fprintf(f, "%s: cycle %llu, %u CTAs, %u warps, lsu %u%s, requests out %u (%u not "
		"accepted), issued %llu\n", cu->name, (unsigned long long)cu->cyc, cu->ctas_used,
		cu->warps_used, cu->lq_n, cu->lsu_blocked ? " blocked" : "",
		cu->p.mshrs - cu->mr_nfree, cu->oq_n, (unsigned long long)cu->st.issued);
	for (uint32_t i = 0; i < cu->p.max_warps; i++) {
		const cu_warp *w = &cu->w[i];

		if (w->state == W_FREE)
			continue;
		fprintf(f, "  warp %u: cta %u, pc %zu/%zu, %s, waits %s\n", i, w->cta, (size_t)(w->in - w->w.insn),
			w->w.n, w->state == W_BAR ? "at barrier" : w->state == W_DRAIN ? "exited, loads out" : "running",
			lg_cu_stall_name(w->why));
	}
}

const lg_comp_ops lg_cu_ops = {
	.kind = "cu", .tick = cu_tick, .next = cu_next, .busy = cu_busy,
	.finish = cu_finish, .dump = cu_dump,
};

void lg_cu_comp(lg_cu *cu, lg_comp *out)
{
	out->ops = &lg_cu_ops;
	out->self = cu;
	out->name = cu->name;
	out->clk = cu->p.clk;
}
