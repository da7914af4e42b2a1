/*
 * ADAPTIVE: close the row with the access (RDA/WRA) when no other request
 * of the served queue hits it, keep it open (RD/WR) otherwise.
 */
#include "mc/page.h"

/* Close when this access is the row's only queued hit. */
static int adaptive_close_after(unsigned hits)
{
	return hits < 2;
}

const lg_page_policy lg_page_adaptive = {
	.doc = "RDA/WRA when no other queued request hits the row, RD/WR otherwise",
	.close_after = adaptive_close_after,
};
