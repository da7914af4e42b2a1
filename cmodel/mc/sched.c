/*
 * The explicit list of scheduler policies (see sched.h). Add a policy by
 * writing sched_<name>.c and one line here and in config_keys.def.
 */
#include <string.h>

#include "mc/sched.h"

extern const lg_sched_policy lg_sched_fcfs;
extern const lg_sched_policy lg_sched_frfcfs;
extern const lg_sched_policy lg_sched_frfcfs_cap;

static const lg_sched_policy *const policies[] = {
	&lg_sched_fcfs,
	&lg_sched_frfcfs,
	&lg_sched_frfcfs_cap,
};

/* Look a policy up by its config name. */
const lg_sched_policy *lg_sched_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(policies[i]->name, name) == 0)
			return policies[i];
	return NULL;
}

/* The whole list. */
const lg_sched_policy *const *lg_sched_all(int *n)
{
	*n = (int)(sizeof(policies) / sizeof(policies[0]));
	return policies;
}
