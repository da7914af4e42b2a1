/*
 * The table of page policies (see page.h), built from the one list in
 * mc/policy_list.h: add a policy by writing page_<name>.c and one entry
 * there (system.row_buf_policy).
 */
#include <string.h>

#include "mc/page.h"
#include "mc/policy_list.h"

#define DECLARE(name, sym) extern const lg_page_policy sym;
LG_PAGE_POLICIES(DECLARE)
#undef DECLARE

#define POLICY(name, sym) &sym,
static const lg_page_policy *const policies[] = { LG_PAGE_POLICIES(POLICY) };
#undef POLICY

#define NAME(name, sym) #name,
static const char *const names[] = { LG_PAGE_POLICIES(NAME) };
#undef NAME

/* Look a policy up by its config name. */
const lg_page_policy *lg_page_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(names[i], name) == 0)
			return policies[i];
	return NULL;
}

/* The config names. */
const char *const *lg_page_names(int *n)
{
	*n = (int)(sizeof(names) / sizeof(names[0]));
	return names;
}
