/*
 * lg_dietl: the --timeline of one die (core/lg_timeline.h writes the file).
 *
 * Tracks of the die's process (pid = die index): one per stream with its
 * kernels (tid 1 + stream index, slices from each kernel's first CTA
 * dispatch to its last CTA's end), one per CU and CTA slot with its CTAs
 * (tid 1000 + 64 x CU + slot, "cuN" for slot 0, "cuN.S" for the S-th CTA
 * resident at once; a CTA's slice runs from its dispatch to its end and is
 * named after its kernel), and two counter tracks sampled every
 * sim.timeline_interval_ns of simulated time: "DRAM GB/s" (bytes moved by
 * every controller of the die in the interval / the interval) and
 * "L2 hit rate" (read hits / reads at the L2 slices in the interval; not
 * sampled in an interval without reads).
 *
 * With a DMA engine, one track per descriptor queue slot ("dma q<slot>",
 * tid 100000 + slot) with a slice per descriptor from its acceptance to
 * its last burst landing, named after its op, size and addresses; with a
 * tracker, a "tracker" track (tid 99999) with an instant event per trigger
 * the DMA engine or trigger sink takes.
 *
 * It is a component (the sampler) added last in the die's tick order; it
 * never holds work, so it does not keep a run alive. Kernel slices are
 * written at finish().
 */
#ifndef LG_DIETL_H
#define LG_DIETL_H

#include "core/lg_comp.h"
#include "core/lg_timeline.h"
#include "die/die.h"

typedef struct lg_dietl lg_dietl;

/* A timeline for d (built, with CUs) into tl; NULL when out of memory. */
lg_dietl *lg_dietl_create(lg_die *d, lg_ksched *ks, lg_tl *tl, lg_ps interval);
void lg_dietl_destroy(lg_dietl *t);
lg_comp lg_dietl_comp(lg_dietl *t);
/* Descriptor slices of the die's DMA engine, one track per queue slot ("dma q<slot>"). */
void lg_dietl_set_dma(lg_dietl *t, lg_dma *dma);
/* A trigger port that records each trigger taken as an instant on the "tracker" track and passes it to inner. */
lg_trig_port lg_dietl_trig_tap(lg_dietl *t, const lg_trig_port *inner);

#endif
