/*
 * The memory-side bridge of a die with CUs (see membridge.h): stack
 * decode, push into the stack's controller with the tracker's observation
 * of accepted writes, and completion routing by src_kind.
 */
#include <stdlib.h>

#include "die/membridge.h"
#include "l2/l2.h"

struct lg_membridge {
	unsigned nstacks;
	uint64_t gran;
	lg_mc **mc;              /* [nstacks] */
	lg_reqpool *pool;
	void *const *slices;     /* [nslices], lg_l2 * */
	unsigned nslices;
	lg_wake *wake;           /* [nslices] each slice's wake-up (completions) */
	lg_wobs obs;             /* obs.ctx NULL: none */
	lg_wobs sobs;            /* the slices' writes only (sim.data); sobs.put NULL: none */
	bool hash;               /* XOR-fold bank and row into the unit */
	unsigned ups;            /* units per stack */
	lg_req_sink dma;         /* dma.done NULL: none */
	uint64_t pushed, refused;
};

lg_membridge *lg_membridge_create(unsigned nstacks, uint64_t gran, lg_reqpool *pool)
{
	lg_membridge *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->mc = calloc(nstacks ? nstacks : 1, sizeof(*b->mc));
	if (!b->mc) {
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
	free(b);
}

void lg_membridge_set_mc(lg_membridge *b, unsigned stack, lg_mc *mc)
{
	if (stack < b->nstacks)
		b->mc[stack] = mc;
	b->ups = (unsigned)lg_dram_units(lg_mc_spec(mc));
}

int lg_membridge_set_slices(lg_membridge *b, void *const *slices, unsigned n)
{
	b->slices = slices;
	b->nslices = n;
	free(b->wake);
	b->wake = calloc(n ? n : 1, sizeof(*b->wake));
	return b->wake ? 0 : -1;
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
}

/*
 * Decode addr on its stack's controller; with the unit hash, the unit
 * (channel, pseudo-channel) is XORed with a fold of the bank and row. For
 * a fixed bank, row and column that is a permutation of the units, so
 * every address still has its own place. Returns the stack.
 */
static unsigned decode(const lg_membridge *b, uint64_t addr, lg_dram_addr *a)
{
	uint64_t local, f;
	unsigned k = lg_membridge_stack(b, addr, &local);
	const lg_dram_spec *s;
	uint32_t n;

	lg_mc_decode(b->mc[k], local, a);
	if (!b->hash)
		return k;
	s = lg_mc_spec(b->mc[k]);
	n = (uint32_t)lg_dram_units(s);
	if (n & (n - 1))
		return k;
	f = a->bank | (uint64_t)a->row << 5;
	f ^= f >> 5 ^ f >> 10 ^ f >> 15 ^ f >> 20 ^ f >> 25;
	a->unit ^= (uint32_t)f & (n - 1);
	a->ch = a->unit / (uint32_t)s->pcs;
	a->pc = a->unit % (uint32_t)s->pcs;
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

/* Offer r to its stack's controller; false = refused, retry next cycle. */
bool lg_membridge_try_push(void *ctx, lg_req *r, lg_ps now)
{
	lg_membridge *b = ctx;
	lg_dram_addr a;
	unsigned k = decode(b, r->addr, &a);

	if (b->obs.ctx && r->op == LG_OP_WR && !b->obs.room(b->obs.ctx, a.unit)) {
		b->refused++;
		return false;
	}
	if (!lg_mc_push_at(b->mc[k], r, &a, now)) {
		b->refused++;
		return false;
	}
	if (b->sobs.put && r->op == LG_OP_WR && r->src_kind == LG_SRC_L2)
		b->sobs.put(b->sobs.ctx, a.unit, r->addr + r->data_off,
			    r->data_bytes ? r->data_bytes : r->size, now);
	if (b->obs.ctx && r->op == LG_OP_WR)
		b->obs.put(b->obs.ctx, a.unit, r->addr + r->data_off,
			   r->data_bytes ? r->data_bytes : r->size, now);
	b->pushed++;
	return true;
}

/* The controller queue (unit) of addr, numbered across the stacks. */
unsigned lg_membridge_unit(void *ctx, uint64_t addr)
{
	lg_membridge *b = ctx;
	lg_dram_addr a;
	unsigned k = decode(b, addr, &a);

	return k * b->ups + a.unit;
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

/* Route a completion: L2 fills, write-backs and NMC to their slice, DMA to the engine. */
void lg_membridge_done(void *ctx, lg_req *r)
{
	lg_membridge *b = ctx;

	if (r->src_kind == LG_SRC_L2 && r->src_id < b->nslices) {
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
