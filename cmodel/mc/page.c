/*
 * The explicit list of page policies (see page.h). Add a policy by writing
 * page_<name>.c and one line here and in config_keys.def
 * (system.row_buf_policy).
 */
#include <string.h>

#include "mc/page.h"

extern const lg_page_policy lg_page_open;
extern const lg_page_policy lg_page_close;
extern const lg_page_policy lg_page_adaptive;

static const lg_page_policy *const policies[] = {
	&lg_page_open,
	&lg_page_close,
	&lg_page_adaptive,
};

/* Look a policy up by its config name. */
const lg_page_policy *lg_page_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(policies[i]->name, name) == 0)
			return policies[i];
	return NULL;
}

/* The whole list. */
const lg_page_policy *const *lg_page_all(int *n)
{
	*n = (int)(sizeof(policies) / sizeof(policies[0]));
	return policies;
}
