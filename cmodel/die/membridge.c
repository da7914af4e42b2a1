/*
 * The memory-side bridge of a die with CUs (see membridge.h): stack
 * decode, push into the stack's controller with the tracker's observation
 * of accepted writes, and completion routing by src_kind.
 */
#include <stdlib.h>
#include <string.h>

#include "die/mc_comp.h"
#include "die/membridge.h"
#include "l2/l2.h"

struct lg_membridge {
	/* what a push, a room check and a completion read, in the first cache
	 * line (the bridge is 64-byte aligned) */
	_Alignas(64) unsigned nstacks;
	unsigned ups;            /* units per stack */
	unsigned nslices;
	unsigned nwaiting;       /* slices in waiting */
	lg_mc **mc;              /* [nstacks] */
	void *const *slices;     /* [nslices], lg_l2 * */
	lg_wake *wake;           /* [nslices] each slice's wake-up (completions) */
	uint64_t pushed;
	lg_wobs obs;             /* obs.ctx NULL: none */
	lg_wobs sobs;            /* the slices' writes only (sim.data); sobs.put NULL: none */
	uint64_t refused;
	uint64_t gran;
	lg_reqpool *pool;
	bool hash;               /* XOR-fold bank and row into the unit */
	uint32_t hmask;          /* with the hash and a power-of-two ups: ups - 1; else 0 (no fold) */
	uint32_t pcs;            /* pseudo-channels per channel */
	lg_req_sink dma;         /* dma.done NULL: none */
	unsigned sw;             /* 64-bit words of a set of slices */
	uint64_t *slp;           /* [units * sw] slices waiting for room in each unit */
	uint64_t *waiting;       /* [sw] slices waiting for room in some unit */
	struct mcc *mcc;         /* [nstacks] the controllers as components */
};

/* A controller as a component of a die with slices (lg_membridge_mc_comp). */
typedef struct mcc {
	lg_membridge *b;
	lg_comp c;               /* the controller's own (lg_mc_comp) */
} mcc;

#define BIT(i) (1ull << ((i) & 63))

lg_membridge *lg_membridge_create(unsigned nstacks, uint64_t gran, lg_reqpool *pool)
{
	lg_membridge *b = aligned_alloc(_Alignof(lg_membridge), sizeof(*b));

	if (!b)
		return NULL;
	memset(b, 0, sizeof(*b));
	b->mc = calloc(nstacks ? nstacks : 1, sizeof(*b->mc));
	b->mcc = calloc(nstacks ? nstacks : 1, sizeof(*b->mcc));
	if (!b->mc || !b->mcc) {
		free(b->mc);
		free(b->mcc);
		free(b);
		return NULL;
	}
	b->nstacks = nstacks ? nstacks : 1;
	b->gran = gran ? gran : 1;
	b->pool = pool;
	return b;
}

void lg_membridge_destroy(lg_membridge *b)
{
	if (!b)
		return;
	free(b->mc);
	free(b->wake);
	free(b->slp);
	free(b->waiting);
	free(b->mcc);
	free(b);
}

/* The fold's mask from the hash switch and the units per stack. */
static void set_hmask(lg_membridge *b)
{
	b->hmask = b->hash && b->ups && !(b->ups & (b->ups - 1)) ? b->ups - 1 : 0;
}

void lg_membridge_set_mc(lg_membridge *b, unsigned stack, lg_mc *mc)
{
	if (stack < b->nstacks)
		b->mc[stack] = mc;
	b->ups = (unsigned)lg_dram_units(lg_mc_spec(mc));
	b->pcs = (uint32_t)lg_mc_spec(mc)->pcs;
	set_hmask(b);
}

int lg_membridge_set_slices(lg_membridge *b, void *const *slices, unsigned n)
{
	b->slices = slices;
	b->nslices = n;
	b->sw = (n + 63) / 64 ? (n + 63) / 64 : 1;
	free(b->wake);
	free(b->slp);
	free(b->waiting);
	b->wake = calloc(n ? n : 1, sizeof(*b->wake));
	b->slp = calloc((size_t)lg_membridge_units(b) * b->sw, sizeof(*b->slp));
	b->waiting = calloc(b->sw, sizeof(*b->waiting));
	b->nwaiting = 0;
	return b->wake && b->slp && b->waiting ? 0 : -1;
}

/* lg_memside.wait: slice waits for room in unit (on) or no longer (off). */
void lg_membridge_wait(void *ctx, unsigned slice, unsigned unit, bool on)
{
	lg_membridge *b = ctx;
	uint64_t *w = &b->waiting[slice / 64];

	if (on) {
		b->slp[(size_t)unit * b->sw + slice / 64] |= BIT(slice);
		b->nwaiting += !(*w & BIT(slice));
		*w |= BIT(slice);
		return;
	}
	b->slp[(size_t)unit * b->sw + slice / 64] &= ~BIT(slice);
	b->nwaiting -= !!(*w & BIT(slice));
	*w &= ~BIT(slice);
}

/* A request of unit u left its controller (room there): wake the slices waiting on u. */
static void room_in(lg_membridge *b, unsigned u)
{
	const uint64_t *m = &b->slp[(size_t)u * b->sw];

	for (unsigned w = 0; w < b->sw; w++)
		for (uint64_t x = m[w]; x; x &= x - 1) {
			unsigned s = w * 64 + (unsigned)__builtin_ctzll(x);

			lg_l2_room(b->slices[s]);
			lg_wake_up(&b->wake[s]);
		}
}

/* Before a controller acts (it may make room): the waiting slices count their skipped offers up to now. */
static void catch_up(lg_membridge *b, lg_ps now)
{
	for (unsigned w = 0; w < b->sw; w++)
		for (uint64_t x = b->waiting[w]; x; x &= x - 1)
			lg_l2_catch_up(b->slices[w * 64 + (unsigned)__builtin_ctzll(x)], now);
}

void lg_membridge_set_waker(lg_membridge *b, unsigned slice, const lg_wake *w)
{
	if (slice < b->nslices)
		b->wake[slice] = *w;
}

void lg_membridge_set_observer(lg_membridge *b, const lg_wobs *o)
{
	b->obs = *o;
}

void lg_membridge_set_src_observer(lg_membridge *b, const lg_wobs *o)
{
	b->sobs = *o;
}

void lg_membridge_set_dma(lg_membridge *b, const lg_req_sink *s)
{
	b->dma = *s;
}

void lg_membridge_set_unit_hash(lg_membridge *b, bool on)
{
	b->hash = on;
	set_hmask(b);
}

/*
 * Decode addr on its stack's controller; with the unit hash, the unit
 * (channel, pseudo-channel) is XORed with a fold of the bank and row. For
 * a fixed bank, row and column that is a permutation of the units, so
 * every address still has its own place. Returns the stack.
 */
static unsigned decode_addr(const lg_membridge *b, uint64_t addr, lg_dram_addr *a)
{
	uint64_t local, f;
	unsigned k = lg_membridge_stack(b, addr, &local);

	lg_mc_decode(b->mc[k], local, a);
	if (!b->hmask) /* no hash, or one unit: nothing to fold */
		return k;
	f = a->bank | (uint64_t)a->row << 5;
	f ^= f >> 5;             /* f ^ f>>5 ^ f>>10 ^ ... ^ f>>25, in three shifts */
	f ^= f >> 10 ^ f >> 20;
	a->unit ^= (uint32_t)f & b->hmask;
	a->ch = a->unit / b->pcs;
	a->pc = a->unit % b->pcs;
	return k;
}

unsigned lg_membridge_stack(const lg_membridge *b, uint64_t addr, uint64_t *local)
{
	uint64_t blk;

	if (b->nstacks == 1) {
		*local = addr;
		return 0;
	}
	blk = addr / b->gran;
	*local = (blk / b->nstacks) * b->gran + addr % b->gran;
	return (unsigned)(blk % b->nstacks);
}

/* Offer r, decoded as a on stack k, to that stack's controller; false = refused, retry next cycle. */
static bool push(lg_membridge *b, lg_req *r, unsigned k, const lg_dram_addr *a, lg_ps now)
{
	if (b->obs.ctx && r->op == LG_OP_WR && !b->obs.room(b->obs.ctx, a->unit)) {
		b->refused++;
		return false;
	}
	if (!lg_mc_push_at(b->mc[k], r, a, now)) {
		b->refused++;
		return false;
	}
	if (r->op == LG_OP_WR && b->sobs.put && r->src_kind == LG_SRC_L2)
		b->sobs.put(b->sobs.ctx, a->unit, r->addr + r->data_off,
			    r->data_bytes ? r->data_bytes : r->size, now);
	if (b->obs.ctx && r->op == LG_OP_WR)
		b->obs.put(b->obs.ctx, a->unit, r->addr + r->data_off,
			   r->data_bytes ? r->data_bytes : r->size, now);
	b->pushed++;
	return true;
}

/* lg_memside.try_push: r's address decoded here. */
bool lg_membridge_try_push(void *ctx, lg_req *r, lg_ps now)
{
	lg_membridge *b = ctx;
	lg_dram_addr a;
	unsigned k = decode_addr(b, r->addr, &a);

	return push(b, r, k, &a, now);
}

/* lg_memside.push_dec: r as the slice decoded it (its stack from unit). */
bool lg_membridge_push_dec(void *ctx, lg_req *r, unsigned unit, const lg_dram_addr *a, lg_ps now)
{
	lg_membridge *b = ctx;

	return push(b, r, unit / b->ups, a, now);
}

/* The controller queue (unit) of addr, numbered across the stacks. */
unsigned lg_membridge_unit(void *ctx, uint64_t addr)
{
	lg_dram_addr a;

	return lg_membridge_unit_dec(ctx, addr, &a);
}

/* lg_memside.unit_dec: the unit of addr, its decode in *a. */
unsigned lg_membridge_unit_dec(void *ctx, uint64_t addr, lg_dram_addr *a)
{
	lg_membridge *b = ctx;
	unsigned k = decode_addr(b, addr, a);

	return k * b->ups + a->unit;
}

/* The units of all the stacks (lg_memside.units). */
unsigned lg_membridge_units(const lg_membridge *b)
{
	return b->nstacks * b->ups;
}

/* lg_memside.room: the controller's room check needs only the unit of a
 * decoded address. A write also needs the tracker's room (try_push). */
bool lg_membridge_room(void *ctx, unsigned unit, int op)
{
	lg_membridge *b = ctx;
	lg_dram_addr a = { .unit = unit % b->ups };

	return lg_mc_has_room_at(b->mc[unit / b->ups], &a, op);
}

/*
 * lg_membridge_room_first's loop; one: a single stack, whose units need
 * no division (inlined twice, once each).
 */
static inline __attribute__((always_inline)) uint32_t room_run(const lg_membridge *b, const uint32_t *e,
							       uint32_t h, uint32_t mask, uint32_t n,
							       const bool one)
{
	lg_mc *const *mc = b->mc; /* loaded once: the counting stores could alias b */
	const unsigned ups = b->ups;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint32_t x = e[(h + i) & mask], unit = x & LG_L2_RING_UNIT_MASK;
		lg_dram_addr a = { .unit = one ? unit : unit % ups };

		if (lg_mc_has_room_at(mc[one ? 0 : unit / ups], &a, (int)(x >> LG_L2_RING_OP_SHIFT)))
			break;
	}
	return i;
}

/* lg_memside.room_first: lg_membridge_room over ring entries up to the first with room. */
uint32_t lg_membridge_room_first(void *ctx, const uint32_t *e, uint32_t h, uint32_t mask, uint32_t n)
{
	const lg_membridge *b = ctx;

	return b->nstacks == 1 ? room_run(b, e, h, mask, n, true) : room_run(b, e, h, mask, n, false);
}

/* lg_memside.room_n: n refusals counted at once when unit is full. */
bool lg_membridge_room_n(void *ctx, unsigned unit, int op, uint64_t n)
{
	lg_membridge *b = ctx;
	lg_dram_addr a = { .unit = unit % b->ups };

	return lg_mc_has_room_at_n(b->mc[unit / b->ups], &a, op, n);
}

/* Route a completion: L2 fills, write-backs and NMC to their slice, DMA to the engine. */
void lg_membridge_done(void *ctx, lg_req *r)
{
	lg_membridge *b = ctx;

	bool l2 = r->src_kind == LG_SRC_L2 && r->src_id < b->nslices;

	if (b->nwaiting) /* r left its unit's queue (a slice's request: the unit it was queued by) */
		room_in(b, l2 ? lg_l2_mem_unit(b->slices[r->src_id], r) : lg_membridge_unit(b, r->addr));
	if (l2) {
		lg_l2_mem_done(b->slices[r->src_id], r);
		lg_wake_up(&b->wake[r->src_id]);
		return;
	}
	if ((r->src_kind == LG_SRC_DMA || r->src_kind == LG_SRC_LINK) && b->dma.done) {
		/* a slot freed at the controller: fronts waiting for one retry */
		lg_reqpool_foreign_done(b->pool);
		b->dma.done(b->dma.ctx, r);
		return;
	}
	lg_reqpool_done(b->pool, r);
}

uint64_t lg_membridge_pushed(const lg_membridge *b)
{
	return b->pushed;
}

uint64_t lg_membridge_refused(const lg_membridge *b)
{
	return b->refused;
}

/*
 * The controller component's hooks, the tick behind the slices' catch-up.
 * Tick and next call the controller directly (as lg_mc_comp's do), the
 * hot pair of the loop; the rest go through the controller's component.
 */
static bool mcc_tick(void *self, lg_ps now)
{
	mcc *m = self;

	if (m->b->nwaiting)
		catch_up(m->b, now);
	return lg_mc_tick(m->c.self, now);
}

static lg_ps mcc_next(const void *self, lg_ps now)
{
	const mcc *m = self;

	(void)now;
	return lg_mc_next(m->c.self);
}

static bool mcc_busy(const void *self)
{
	const mcc *m = self;

	return m->c.ops->busy(m->c.self);
}

static void mcc_idle_until(void *self, lg_ps until)
{
	mcc *m = self;

	m->c.ops->idle_until(m->c.self, until);
}

static void mcc_finish(void *self, lg_ps end)
{
	mcc *m = self;

	m->c.ops->finish(m->c.self, end);
}

static void mcc_dump(const void *self, FILE *f, lg_ps now)
{
	const mcc *m = self;

	m->c.ops->dump(m->c.self, f, now);
}

static bool mcc_holds(const void *self)
{
	const mcc *m = self;

	return m->c.ops->holds(m->c.self);
}

static lg_ps mcc_done_at(const void *self)
{
	const mcc *m = self;

	return m->c.ops->done_at(m->c.self);
}

static const lg_comp_ops mcc_ops = {
	.kind = "mc",
	.tick = mcc_tick,
	.next = mcc_next,
	.busy = mcc_busy,
	.idle_until = mcc_idle_until,
	.finish = mcc_finish,
	.dump = mcc_dump,
	.holds = mcc_holds,
	.done_at = mcc_done_at,
};

lg_comp lg_membridge_mc_comp(lg_membridge *b, unsigned stack, const char *name)
{
	lg_comp c = lg_mc_comp(b->mc[stack], name);

	b->mcc[stack] = (mcc){ b, c };
	c.ops = &mcc_ops;
	c.self = &b->mcc[stack];
	return c;
}
