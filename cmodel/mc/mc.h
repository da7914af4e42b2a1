/*
 * lg_mc: the memory controller of one die, holding all its channels.
 *
 * Protocol with request sources (trace replay today; CUs, DMA and links
 * later -- the interface does not know which):
 *  - lg_mc_try_push(mc, r, now) offers a request at time now. It returns
 *    false when the target queue (read or write queue of the request's
 *    channel/pseudo-channel) is full: the source keeps the request and
 *    retries later. Nothing is dropped. The request must stay valid until
 *    it is reported done. LG_OP_RD, LG_OP_WR and LG_OP_NMC are accepted
 *    (an NMC request queues with the writes and issues RD -> ALU -> WR).
 *  - Completion is reported through the lg_req_sink given at creation:
 *    sink.done(ctx, r) is called when the command that completes r issues,
 *    with r->t_first_cmd and r->t_done filled. t_done (last data beat of a
 *    read, or of a write burst) may lie a few tCK in the future; a source
 *    must not use the data before it. done() must not call back into the
 *    controller (push on the source's next turn instead).
 *  - lg_mc_tick(mc, now) lets every unit due at now issue at most one row
 *    and one column command per channel (dual command bus) and returns
 *    whether any request completed (commands alone are not progress, so
 *    a livelock trips the loop's watchdog). lg_mc_next() is the earliest time at which
 *    a tick can do anything; the loop may jump there.
 * A request accepted in cycle c can issue its first command in cycle
 * c + 1 + mc.frontend_latency (the scheduling decision costs one tCK).
 * Scheduling, page policy, write drain and refresh: docs/dram.md.
 */
#ifndef LG_MC_H
#define LG_MC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/lg_config.h"
#include "core/lg_req.h"
#include "core/lg_time.h"
#include "dram/addrmap.h"
#include "mc/cmdlog.h"
#include "dram/dram_spec.h"
#include "dram/dram_timing.h"
#include "mc/mc_stats.h"

typedef struct lg_req_sink {
	void *ctx;
	void (*done)(void *ctx, lg_req *r);
} lg_req_sink;

typedef struct lg_mc lg_mc;

/* Build the controller (spec, address map, devices, refresh, scheduler) from cfg. */
lg_mc *lg_mc_create(const lg_cfg *cfg, const lg_req_sink *sink, lg_err *e);
void lg_mc_destroy(lg_mc *mc);

const lg_dram_spec *lg_mc_spec(const lg_mc *mc);
const lg_addrmap *lg_mc_addrmap(const lg_mc *mc);
lg_dram *lg_mc_dram(lg_mc *mc);

/* Send every issued command to log (NULL: none). */
void lg_mc_set_cmdlog(lg_mc *mc, lg_cmdlog *log);

/*
 * Record the class arbiter of one unit (channel * pcs + pc) into rec
 * (rec/carb_rec.h) for `lgsim cosim arbiter --trace`: its parameters now,
 * then every step with the inputs the controller showed it and the class
 * it issued. Call before the run; -1 with e set for a unit out of range or
 * the class-blind policy. lg_mc_finish writes the last step line.
 */
struct lg_carb_rec;
int lg_mc_set_carb_rec(lg_mc *mc, unsigned unit, struct lg_carb_rec *rec, lg_err *e);

/*
 * Self-check (tests): re-derive every command's legality with the full
 * lg_dram_earliest() query before issuing it and count the commands that
 * were early. The scheduler's cached candidates must never produce one.
 */
void lg_mc_set_selfcheck(lg_mc *mc, bool on);

/*
 * Idle fast-forward (on by default): in lg_mc_idle_until, refresh periods
 * that repeat exactly are accounted in closed form instead of issued one
 * by one. Off = every refresh issued step by step; tests compare the two.
 */
void lg_mc_set_fastforward(lg_mc *mc, bool on);
/* Refresh periods skipped in closed form so far. */
uint64_t lg_mc_ff_skipped(const lg_mc *mc);
uint64_t lg_mc_violations(const lg_mc *mc);

/*
 * Would a request to addr with op be accepted now (its queue has room)?
 * A "no" counts as a refused offer in the stats, like a failed push.
 */
bool lg_mc_has_room(lg_mc *mc, uint64_t addr, int op);

/* Offer r at time now; false = queue full, retry later. */
bool lg_mc_try_push(lg_mc *mc, lg_req *r, lg_ps now);

/*
 * The same with the address decoded once by the caller (lg_mc_decode):
 * front-ends that route requests by unit decode each address only once.
 */
void lg_mc_decode(const lg_mc *mc, uint64_t addr, lg_dram_addr *a);
/* The larger of the read and write queue depths (entries per unit). */
int lg_mc_queue_depth(const lg_mc *mc);
bool lg_mc_has_room_at(lg_mc *mc, const lg_dram_addr *a, int op);
/* lg_mc_has_room_at asked n times with nothing changed between: n refusals when full. */
bool lg_mc_has_room_at_n(lg_mc *mc, const lg_dram_addr *a, int op, uint64_t n);
bool lg_mc_push_at(lg_mc *mc, lg_req *r, const lg_dram_addr *a, lg_ps now);

/*
 * Advance to now (a memory-clock edge); true if a request completed.
 * Commands alone are not progress, so a livelock (commands issue, no
 * request ends) stops the loop's watchdog.
 */
bool lg_mc_tick(lg_mc *mc, lg_ps now);

/* Earliest time a tick can make progress; LG_PS_NEVER when idle. */
lg_ps lg_mc_next(const lg_mc *mc);

/*
 * With no request queued anywhere, run everything due before until (only
 * refreshes can be) in time order without returning to the caller's loop.
 * Once the state repeats one refresh period later, whole periods are
 * accounted in closed form (lg_mc_set_fastforward): an idle gap costs one
 * loop step and about two refresh periods of small steps.
 */
void lg_mc_idle_until(lg_mc *mc, lg_ps until);

/* Requests queued and not yet completed. */
size_t lg_mc_pending(const lg_mc *mc);

/* Close background-energy accounting at time now (call once at the end). */
void lg_mc_finish(lg_mc *mc, lg_ps now);

/* Counters of one unit (channel * pcs + pc). */
const lg_mc_stats *lg_mc_unit_stats(const lg_mc *mc, unsigned unit);

/* One line per channel/pseudo-channel describing its state (watchdog). */
void lg_mc_dump(const lg_mc *mc, FILE *f, lg_ps now);

#endif
