/* lg_port storage (the queue operations are inline in lg_port.h). */
#include <stdlib.h>

#include "core/lg_port.h"

/* A port of cap entries; -1 when out of memory or cap is 0. */
int lg_port_init(lg_port *p, uint32_t cap)
{
	*p = (lg_port){ 0 };
	if (cap == 0)
		return -1;
	p->e = calloc(cap, sizeof(*p->e));
	if (!p->e)
		return -1;
	p->cap = cap;
	return 0;
}

/* Release the ring (the requests are not the port's). */
void lg_port_free(lg_port *p)
{
	free(p->e);
	*p = (lg_port){ 0 };
}
