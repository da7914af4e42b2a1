/*
 * OPEN_PAGE: rows stay open after an access (RD/WR); a later request to
 * another row of the bank pays the PRE.
 */
#include "mc/page.h"

/* Never close. */
static int open_close_after(unsigned hits)
{
	(void)hits;
	return 0;
}

const lg_page_policy lg_page_open = {
	.doc = "keep rows open (RD/WR)",
	.close_after = open_close_after,
};
