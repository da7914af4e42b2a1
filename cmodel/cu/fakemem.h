/*
 * lg_fakemem: an ideal memory behind one or more CU port pairs, for tests
 * and benches of the CU without crossbar, L2 or DRAM. Each request pushed
 * on a to_mem port is returned, the same lg_req, on the paired from_mem
 * port a fixed latency after it was taken; up to per_cycle requests per
 * port per cycle are taken. It keeps the lg_comp contract.
 */
#ifndef LG_FAKEMEM_H
#define LG_FAKEMEM_H

#include <stdint.h>

#include "core/lg_comp.h"
#include "core/lg_port.h"

typedef struct lg_fakemem lg_fakemem;

typedef struct lg_fakemem_stats {
	uint64_t req[3];          /* by lg_op: RD, WR, NMC */
	uint64_t bytes;           /* request sizes */
	uint64_t useful_bytes;    /* data_bytes */
} lg_fakemem_stats;

/* n port pairs (to[i] carries requests in, from[i] takes them back),
 * latency in cycles of clk, per_cycle requests taken per port per cycle. */
lg_fakemem *lg_fakemem_create(unsigned n, lg_port *const *to, lg_port *const *from, lg_clock clk,
			      uint32_t latency, uint32_t per_cycle);
void lg_fakemem_destroy(lg_fakemem *m);
void lg_fakemem_comp(lg_fakemem *m, lg_comp *out);
const lg_fakemem_stats *lg_fakemem_stats_get(const lg_fakemem *m);

#endif
