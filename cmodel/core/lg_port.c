/* lg_port storage (the queue operations are inline in lg_port.h). */
#include <stdlib.h>

#include "core/lg_port.h"

/*
 * A port of cap entries, in a ring of the next power of two (a place is
 * masked, not wrapped by a test); -1 when out of memory or cap is 0 or
 * above 2^31.
 */
int lg_port_init(lg_port *p, uint32_t cap)
{
	uint32_t size = 1;

	*p = (lg_port){ 0 };
	if (cap == 0 || cap > UINT32_C(1) << 31)
		return -1;
	while (size < cap)
		size *= 2;
	p->e = calloc(size, sizeof(*p->e));
	if (!p->e)
		return -1;
	p->cap = cap;
	p->mask = size - 1;
	return 0;
}

/* Release the ring (the requests are not the port's). */
void lg_port_free(lg_port *p)
{
	free(p->e);
	*p = (lg_port){ 0 };
}
