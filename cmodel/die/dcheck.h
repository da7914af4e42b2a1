/*
 * lg_dcheck: the end-of-run check of data-carrying mode (sim.data,
 * docs/dma.md). It rebuilds what the die's memory must hold from the same
 * inputs -- the config and the trace files -- in plain C, with no timing,
 * and compares it with the store the run left, byte for byte:
 *   1. the transfers of dma.descriptors, in order, on memory never
 *      written (they start at time 0: the rule holds when the traces do
 *      not write their source or destination);
 *   2. every write record of every trace, as lg_dmem_write_src (the value
 *      depends on each byte's write count, not on the order); on a die
 *      with CUs (cus) the kernel trace's stores as ktdreq/ coalesces them
 *      (the CU's 32 B sectors), as lg_dmem_write_val(.., 0);
 *   3. with tracker.observe, every tile of the tracked region, in order,
 *      copied or reduced (tracker.op, tracker.dtype) to its destination:
 *      what a tracker that fires only once its tile is complete delivers.
 * Trace NMC records carry no data (a source's reductions change no bytes).
 */
#ifndef LG_DCHECK_H
#define LG_DCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_config.h"
#include "core/lg_err.h"
#include "dma/dmem.h"

/* The inputs the run was built from. */
typedef struct lg_dcheck_in {
	const lg_cfg *cfg;
	const char *const *traces;
	int ntraces;
	const char *format;      /* NULL = detect */
	unsigned die;            /* its index (dma.descriptors go to it) */
	uint32_t burst;          /* DRAM request bytes */
	bool cus;                /* a die with CUs: stores hold the first write's value */
} lg_dcheck_in;

/* The comparison (stats JSON "data", docs/stats.md). */
typedef struct lg_dcheck_res {
	bool match;
	uint64_t pages, ref_pages;  /* 4 KiB pages held by the run and by the reference */
	uint64_t bytes_compared;    /* bytes of every page either holds */
	uint64_t mismatch_bytes;
	uint64_t first_mismatch;    /* lowest differing address (when !match) */
} lg_dcheck_res;

/* Build the reference and compare sim with it; -1 with e set (a trace error, out of memory). */
int lg_dcheck_run(const lg_dcheck_in *in, const lg_dmem *sim, lg_dcheck_res *r, lg_err *e);

#endif
