/*
 * The table of scheduler policies (see sched.h), built from the one list
 * in mc/policy_list.h: add a policy by writing sched_<name>.c and one
 * entry there.
 */
#include <string.h>

#include "mc/policy_list.h"
#include "mc/sched.h"

#define DECLARE(name, sym) extern const lg_sched_policy sym;
LG_SCHED_POLICIES(DECLARE)
#undef DECLARE

#define POLICY(name, sym) &sym,
static const lg_sched_policy *const policies[] = { LG_SCHED_POLICIES(POLICY) };
#undef POLICY

#define NAME(name, sym) #name,
static const char *const names[] = { LG_SCHED_POLICIES(NAME) };
#undef NAME

/* Look a policy up by its config name. */
const lg_sched_policy *lg_sched_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(names[i], name) == 0)
			return policies[i];
	return NULL;
}

/* The config names. */
const char *const *lg_sched_names(int *n)
{
	*n = (int)(sizeof(names) / sizeof(names[0]));
	return names;
}
