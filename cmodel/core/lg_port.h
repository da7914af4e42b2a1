/*
 * lg_port: a bounded FIFO of requests between two components, with a
 * delivery time per entry, so that a wire or pipeline latency is part of
 * the queue (SST links, gem5 ports).
 *
 * The sender pushes with the time at which the entry may be taken
 * (now + latency); lg_port_push returns false when the port is full and the
 * sender keeps the request (push-back: nothing is dropped). The receiver
 * looks at the head, and pops it once its time has come. Entries leave in
 * the order they entered. lg_port_next_ready() tells the receiver's next()
 * when the head becomes available. The port holds pointers; the request
 * belongs to whoever created it until it is reported done.
 *
 * Each end may hold a wake-up handle (core/lg_comp.h) for the loop's
 * woken components: a push into an empty port wakes the receiver (rx: its
 * head appeared) and a pop from a full port wakes the sender (tx: room
 * appeared). So a receiver's next() may look only at its ports' heads and
 * a sender's only at whether its port is full.
 */
#ifndef LG_PORT_H
#define LG_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lg_comp.h"
#include "core/lg_req.h"
#include "core/lg_time.h"

typedef struct lg_port_ent {
	lg_req *r;
	lg_ps ready;             /* may be popped at or after this time */
} lg_port_ent;

typedef struct lg_port {
	lg_port_ent *e;          /* ring of mask + 1 entries (a power of two >= cap), cap of them used */
	uint32_t cap, head, n;
	uint32_t mask;           /* a place in the ring is an index & mask */
	uint64_t pushes, refusals; /* stats: accepted pushes, refused ones */
	lg_wake rx, tx;          /* receiver (on a first entry), sender (on room) */
} lg_port;

/* cap entries (>= 1); -1 when out of memory. */
int lg_port_init(lg_port *p, uint32_t cap);
void lg_port_free(lg_port *p);

static inline bool lg_port_full(const lg_port *p) { return p->n == p->cap; }
static inline bool lg_port_empty(const lg_port *p) { return p->n == 0; }
static inline uint32_t lg_port_count(const lg_port *p) { return p->n; }

/* Append r, available from time ready, to a port that is not full. */
static inline void lg_port_push_room(lg_port *p, lg_req *r, lg_ps ready)
{
	uint32_t i = (p->head + p->n) & p->mask;

	p->e[i].r = r;
	p->e[i].ready = ready;
	p->pushes++;
	if (p->n++ == 0)
		lg_wake_up(&p->rx);
}

/* Append r, available from time ready; false (counted) when full. */
static inline bool lg_port_push(lg_port *p, lg_req *r, lg_ps ready)
{
	if (p->n == p->cap) {
		p->refusals++;
		return false;
	}
	lg_port_push_room(p, r, ready);
	return true;
}

/* The head if it may be taken at now, else NULL. */
static inline lg_req *lg_port_peek(const lg_port *p, lg_ps now)
{
	if (p->n == 0 || p->e[p->head].ready > now)
		return NULL;
	return p->e[p->head].r;
}

/* Remove the head (after a successful peek). */
static inline lg_req *lg_port_pop(lg_port *p)
{
	lg_req *r = p->e[p->head].r;

	p->head = (p->head + 1) & p->mask;
	if (p->n-- == p->cap)
		lg_wake_up(&p->tx);
	else if (p->n)
		__builtin_prefetch(p->e[p->head].r); /* the receiver reads it next */
	return r;
}

/* Entry k from the head (k < count). */
static inline const lg_port_ent *lg_port_at(const lg_port *p, uint32_t k)
{
	return &p->e[(p->head + k) & p->mask];
}

/*
 * Remove entry k from the head (k < count), the others keeping their
 * order: for a receiver that may take a later entry than the head (the
 * crossbar's input window, xbar/xbar.h). The k entries before it move one
 * place towards the tail; k = 0 is lg_port_pop.
 */
static inline lg_req *lg_port_take(lg_port *p, uint32_t k)
{
	uint32_t i;
	lg_req *r;

	if (!k)
		return lg_port_pop(p);
	i = (p->head + k) & p->mask;
	r = p->e[i].r;
	while (i != p->head) {
		uint32_t prev = (i - 1) & p->mask;

		p->e[i] = p->e[prev];
		i = prev;
	}
	p->e[i].r = r;
	return lg_port_pop(p);
}

/* When the head may be taken; LG_PS_NEVER when empty. */
static inline lg_ps lg_port_next_ready(const lg_port *p)
{
	return p->n ? p->e[p->head].ready : LG_PS_NEVER;
}

#endif
