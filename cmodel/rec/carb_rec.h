/*
 * lg_carb_rec: records what a controller unit showed its traffic-class
 * arbiter (mc/class_arb.h), one line per lg_carb_step, so that
 * `lgsim cosim arbiter --trace FILE` replays it into the C function and
 * the RTL in lockstep (docs/arbitration.md, "The arbiter in RTL").
 *
 * The controller records one unit's arbiter this way (lg_mc_set_carb_rec,
 * `lgsim run --arbiter-trace FILE`). Use, beside the arbiter calls:
 *   lg_carb_init(st, p);        lg_carb_rec_params(r, p);
 *   lg_carb_step(st, p, in, o); lg_carb_rec_step(r, cycle, in);
 *   lg_carb_issued(st, p, c);   lg_carb_rec_issued(r, c);
 * Format (text; '#' starts a comment):
 *   # lgcosim arbiter width=16
 *   P <policy> <wrr_w0> <wrr_w1> <thr_min> <thr_max> <window> <starve_limit>
 *   <cycle> <occ0> <occ1> <ready0> <ready1> <arrived0> <arrived1> <issued: - | 0 | 1>
 * A P line stands for lg_carb_init with those parameters; each other line
 * is one step, cycles increasing (the unit's clock; skipped cycles are
 * cycles the arbiter was not stepped).
 */
#ifndef LG_CARB_REC_H
#define LG_CARB_REC_H

#include <stdint.h>
#include <stdio.h>

#include "core/lg_err.h"
#include "mc/class_arb.h"

typedef struct lg_carb_rec lg_carb_rec;

/* Create the file and write the header; NULL with e filled on failure. */
lg_carb_rec *lg_carb_rec_open(const char *path, lg_err *e);
/*
 * The same on a stream the caller owns (lgsim run --arbiter-trace writes
 * FILE.tmp and renames it after a complete run): close frees the writer
 * and leaves f to the caller.
 */
lg_carb_rec *lg_carb_rec_on(FILE *f, lg_err *e);
/* Write the step line held for its issued class (the end of a run). */
void lg_carb_rec_flush(lg_carb_rec *r);
void lg_carb_rec_params(lg_carb_rec *r, const lg_carb_params *p);
void lg_carb_rec_step(lg_carb_rec *r, uint64_t cycle, const lg_carb_in *in);
void lg_carb_rec_issued(lg_carb_rec *r, int cls);
/* Flush and close; -1 with e filled if any write failed (the file is
 * then removed: no partial recording). NULL r is a no-op. */
int lg_carb_rec_close(lg_carb_rec *r, lg_err *e);

#endif
