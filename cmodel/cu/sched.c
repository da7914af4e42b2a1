/*
 * The table of warp scheduler policies (see sched.h).
 */
#include "cu/sched.h"

#include <string.h>

static const lg_cu_policy *const policies[] = {
	&lg_cu_policy_lrr,
	&lg_cu_policy_gto,
};

const lg_cu_policy *lg_cu_policy_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (!strcmp(policies[i]->name, name))
			return policies[i];
	return NULL;
}
