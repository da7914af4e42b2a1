/*
 * lg_membridge: the memory side of a die with CUs -- what the L2 slices
 * push their DRAM requests into (l2/l2.h's lg_memside) and the completion
 * sink of the die's memory controllers.
 *
 * Stacks: a die has one controller per HBM stack (die.mem_stacks). An
 * address goes to stack k = (addr / G) mod S, G = die.stack_interleave_bytes,
 * S the stack count, at the stack-local address
 * (addr / G / S) * G + addr mod G, so each controller sees a dense address
 * space and keeps its own power-of-two channel map. With one stack the
 * local address is the address. G is at least the largest DRAM request,
 * so no request spans two stacks.
 *
 * The slices decode a request's address once, when they queue it
 * (unit_dec), keep the decode with the request and offer it with push_dec,
 * which gives it to lg_mc_push_at (a refusal is counted by the controller;
 * the slice retries next cycle: push-back); try_push decodes r itself.
 * r->addr is left as the global address (the controller uses only the
 * decoded one), so the slice finds its line on completion, and the unit a
 * slice's request completes on is the one the slice queued it by.
 *
 * Write observer (the tracker, single-stack dies): before a write is
 * offered the bridge asks the observer for room on the write's unit; each
 * accepted write is reported in the cycle it is accepted with the bytes it
 * carries, as the DRAM-only replay front does.
 *
 * Completions (the controllers' lg_req_sink): requests with src_kind
 * LG_SRC_L2 go to lg_l2_mem_done of slice src_id, which is then woken
 * (lg_membridge_set_waker, for the loop's woken components); LG_SRC_DMA and
 * LG_SRC_LINK (the DMA engine's reads and the bursts it received) to the
 * DMA sink, when set; all others are given back to the die's request pool.
 * A DRAM-only die with a DMA engine has a bridge too, used by the engine
 * alone (its replay front pushes into the controller directly).
 */
#ifndef LG_MEMBRIDGE_H
#define LG_MEMBRIDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_comp.h"
#include "core/lg_req.h"
#include "core/lg_reqpool.h"
#include "die/replay.h"
#include "mc/mc.h"

typedef struct lg_membridge lg_membridge;

/* A bridge over nstacks controllers (set with lg_membridge_set_mc before
 * the run) with interleave gran bytes; NULL when out of memory. */
lg_membridge *lg_membridge_create(unsigned nstacks, uint64_t gran, lg_reqpool *pool);
void lg_membridge_destroy(lg_membridge *b);
void lg_membridge_set_mc(lg_membridge *b, unsigned stack, lg_mc *mc);
/* The L2 slices completions are routed to (kept, not copied); -1 when out of memory. */
int lg_membridge_set_slices(lg_membridge *b, void *const *slices, unsigned n);
/* Wake w after each completion routed to slice (see core/lg_comp.h). */
void lg_membridge_set_waker(lg_membridge *b, unsigned slice, const lg_wake *w);
/* die.mem_unit_hash: XOR a fold of bank and row into each request's unit. */
void lg_membridge_set_unit_hash(lg_membridge *b, bool on);
void lg_membridge_set_observer(lg_membridge *b, const lg_wobs *o);
/* Report the slices' accepted writes (src_kind LG_SRC_L2) to o.put, before
 * the observer above sees them (sim.data stores their bytes); room unused. */
void lg_membridge_set_src_observer(lg_membridge *b, const lg_wobs *o);
/* Where LG_SRC_DMA and LG_SRC_LINK completions go (the die's DMA engine). */
void lg_membridge_set_dma(lg_membridge *b, const lg_req_sink *s);

/* lg_memside.try_push (ctx is the bridge). */
bool lg_membridge_try_push(void *ctx, lg_req *r, lg_ps now);
/* lg_memside.unit: stack * units per stack + the controller's unit. */
unsigned lg_membridge_unit(void *ctx, uint64_t addr);
/* lg_memside.unit_dec: lg_membridge_unit with the decode of addr in *a. */
unsigned lg_membridge_unit_dec(void *ctx, uint64_t addr, lg_dram_addr *a);
/* lg_memside.push_dec: lg_membridge_try_push of r decoded as *a on unit (from unit_dec). */
bool lg_membridge_push_dec(void *ctx, lg_req *r, unsigned unit, const lg_dram_addr *a, lg_ps now);
/* Units over all stacks (every stack has the same geometry). */
unsigned lg_membridge_units(const lg_membridge *b);
/* lg_memside.room: room in the controller queue of unit for op. */
bool lg_membridge_room(void *ctx, unsigned unit, int op);
/* lg_memside.room_first: lg_membridge_room over a slice's ring entries up to the first with room. */
uint32_t lg_membridge_room_first(void *ctx, const uint32_t *e, uint32_t h, uint32_t mask, uint32_t n);
/* lg_memside.room_n: lg_membridge_room asked n times in a row, in one step. */
bool lg_membridge_room_n(void *ctx, unsigned unit, int op, uint64_t n);
/*
 * lg_memside.wait: slice sleeps until unit has room (on) or is awake
 * (off). The bridge wakes the slices waiting on a unit when a request of
 * that unit completes (it has left the controller's queue), and before a
 * controller ticks it lets them count the offers they skipped
 * (lg_l2_catch_up): so the controllers must be added to the loop with
 * lg_membridge_mc_comp, after the slices.
 */
void lg_membridge_wait(void *ctx, unsigned slice, unsigned unit, bool on);
/* The component of stack's controller: lg_mc_comp with the slices' catch-up before each tick. */
lg_comp lg_membridge_mc_comp(lg_membridge *b, unsigned stack, const char *name);
/* lg_req_sink.done of every controller (ctx is the bridge). */
void lg_membridge_done(void *ctx, lg_req *r);

/* Stack of addr and its stack-local address. */
unsigned lg_membridge_stack(const lg_membridge *b, uint64_t addr, uint64_t *local);
/* Requests accepted by the controllers, and refused offers. */
uint64_t lg_membridge_pushed(const lg_membridge *b);
uint64_t lg_membridge_refused(const lg_membridge *b);

#endif
