/*
 * CLOSE_PAGE: every access closes its row (RDA/WRA), so the next request
 * to the bank never waits for a PRE but never hits either.
 */
#include "mc/page.h"

/* Always close. */
static int close_close_after(unsigned hits)
{
	(void)hits;
	return 1;
}

const lg_page_policy lg_page_close = {
	.doc = "close after every access (RDA/WRA)",
	.close_after = close_close_after,
};
