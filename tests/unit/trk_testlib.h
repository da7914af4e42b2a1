/*
 * Test glue for the tracker tests (3xx): a tracker with 32-bit counts and
 * 16-bit ids whose trigger output is held not-ready, so triggers stay
 * FIRED until a test takes them, and its outputs read as one value.
 */
#ifndef TRK_TESTLIB_H
#define TRK_TESTLIB_H

#include "tracker/tracker.h"
#include "lg_check.h"

/* A tracker of `entries` entries and `ports` write ports, trigger not ready. */
static inline lg_tracker *trk_mk(unsigned entries, unsigned ports)
{
	lg_tracker_params p = { entries, ports, 32, 16 };
	lg_err e;
	lg_tracker *t = lg_tracker_create(&p, &e);

	ck_assert_msg(t != NULL, "%s", e.msg);
	lg_tracker_set_trig_ready(t, false);
	return t;
}

/* The tracker's outputs after its last edge. */
static inline lg_tracker_out trk_out(lg_tracker *t)
{
	lg_tracker_out o;

	lg_tracker_outputs(t, &o);
	return o;
}

#endif
