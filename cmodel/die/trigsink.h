/*
 * lg_trigsink: the consumer of the tracker's triggers until the DMA engine
 * exists. It is the other side of a real valid/ready handshake
 * (lg_trig_port): ready while its queue of `depth` triggers has room; it
 * retires one trigger per cycle of its clock and counts what it took.
 * With depth >= 1 and one trigger at most per tracker cycle it is always
 * ready, as the DMA engine's descriptor queue is meant to be.
 */
#ifndef LG_TRIGSINK_H
#define LG_TRIGSINK_H

#include <stdint.h>

#include "core/lg_comp.h"
#include "die/trk.h"

typedef struct lg_trigsink_stats {
	uint64_t taken;           /* triggers accepted */
	uint64_t retired;         /* triggers retired (one per cycle at most) */
} lg_trigsink_stats;

typedef struct lg_trigsink lg_trigsink;

/* depth >= 1 entries, clock period in ps; NULL when out of memory. */
lg_trigsink *lg_trigsink_create(unsigned depth, lg_ps period);
void lg_trigsink_destroy(lg_trigsink *s);

/* Its input as a trigger port (for lg_trk_set_trig_port). */
lg_trig_port lg_trigsink_port(lg_trigsink *s);

lg_comp lg_trigsink_comp(lg_trigsink *s, const char *name);
const lg_trigsink_stats *lg_trigsink_stats_get(const lg_trigsink *s);

#endif
