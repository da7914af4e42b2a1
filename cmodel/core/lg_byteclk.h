/*
 * lg_byteclk: a data path that moves `rate` bytes per cycle (a crossbar
 * link, an L2 slice's data path), kept as one byte clock: `sent` is the
 * byte count, in units of cycle x rate, at which everything the path took
 * has moved. Its backlog at cycle c is what sent is ahead of c x rate. It
 * stays below 2^64 for 2^52 cycles at a rate of at most 4096 bytes.
 */
#ifndef LG_BYTECLK_H
#define LG_BYTECLK_H

#include <stdbool.h>
#include <stdint.h>

/* Whether the path is full at cycle c: a backlog of rate bytes or more. */
static inline bool lg_byteclk_full(uint64_t sent, uint64_t c, uint64_t rate)
{
	return sent >= (c + 1) * rate;
}

/* sent after the path takes b more bytes at cycle c. */
static inline uint64_t lg_byteclk_take(uint64_t sent, uint64_t c, uint64_t rate, uint64_t b)
{
	uint64_t cb = c * rate;

	return (sent > cb ? sent : cb) + b;
}

/* The first cycle at which a full path is no longer full. */
static inline uint64_t lg_byteclk_free_at(uint64_t sent, uint64_t rate)
{
	return sent / rate;
}

#endif
