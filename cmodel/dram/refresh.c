/*
 * Refresh policies and per-unit due times (see refresh.h).
 */
#include <stdlib.h>
#include <string.h>

#include "dram/refresh.h"

struct lg_refresh {
	const lg_refresh_policy *p;
	int banks;
	uint64_t interval;
	uint64_t *due;   /* per unit */
	int *bank;       /* per unit: next bank for per-bank refresh */
};

/* All-bank refresh interval. */
static uint64_t ab_interval(const lg_dram_spec *s)
{
	return (uint64_t)s->tREFI;
}

/* Per-bank refresh interval (one bank each time). */
static uint64_t pb_interval(const lg_dram_spec *s)
{
	return (uint64_t)s->tREFIb;
}

/* Every unit first refreshes at tREFI. */
static uint64_t simultaneous_first(const lg_dram_spec *s, unsigned u, unsigned n)
{
	(void)u;
	(void)n;
	return (uint64_t)s->tREFI;
}

/*
 * Unit u of n first refreshes at tREFI + u tRFC / n: the stagger spans one
 * tRFC, so refresh commands of different units do not issue in the same
 * cycle, yet every unit's refresh falls within 2 tRFC of each tREFI. An
 * in-order source, which waits whenever the unit it needs is refreshing,
 * loses at most about 2 tRFC / tREFI of the time, as with simultaneous
 * refresh, instead of n tRFC / tREFI (with the stagger over a whole tREFI
 * some unit was nearly always refreshing: docs/dram.md, Refresh).
 */
static uint64_t staggered_first(const lg_dram_spec *s, unsigned u, unsigned n)
{
	return (uint64_t)s->tREFI + u * (uint64_t)s->tRFC / n;
}

/* Unit u of n first refreshes a bank at (u + 1) tREFIb / n. */
static uint64_t bank_first(const lg_dram_spec *s, unsigned u, unsigned n)
{
	return (u + 1) * (uint64_t)s->tREFIb / n;
}

static const lg_refresh_policy policies[] = {
	{ "RANK_LEVEL_SIMULTANEOUS", "REFab every tREFI, all channels together", 0,
	  simultaneous_first, ab_interval },
	{ "RANK_LEVEL_STAGGERED", "REFab every tREFI, staggered across channels", 0,
	  staggered_first, ab_interval },
	{ "BANK_LEVEL_STAGGERED", "REFpb every tREFIb, banks in round robin", 1,
	  bank_first, pb_interval },
};

/* Look a policy up by its config name. */
const lg_refresh_policy *lg_refresh_find(const char *name)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (strcmp(policies[i].name, name) == 0)
			return &policies[i];
	return NULL;
}

/* Policy by name and the first due time of every unit. */
lg_refresh *lg_refresh_create(const lg_dram_spec *s, const char *policy, lg_err *e)
{
	unsigned n = (unsigned)lg_dram_units(s);
	lg_refresh *r = calloc(1, sizeof(*r));

	if (!r)
		goto out_nomem;
	r->p = lg_refresh_find(policy);
	if (!r->p) {
		lg_errf(e, "(config)", 0, "system.refresh_policy: unknown policy '%s'", policy);
		goto out_free;
	}
	r->banks = s->banks;
	r->interval = r->p->interval(s);
	r->due = calloc(n, sizeof(*r->due));
	r->bank = calloc(n, sizeof(*r->bank));
	if (!r->due || !r->bank)
		goto out_nomem;
	for (unsigned u = 0; u < n; u++)
		r->due[u] = r->p->first_due(s, u, n);
	return r;
out_nomem:
	lg_errf(e, "lg_refresh", 0, "out of memory");
out_free:
	lg_refresh_destroy(r);
	return NULL;
}

/* Free r (NULL is fine). */
void lg_refresh_destroy(lg_refresh *r)
{
	if (!r)
		return;
	free(r->due);
	free(r->bank);
	free(r);
}

/* Next due cycle of a unit. */
uint64_t lg_refresh_due(const lg_refresh *r, unsigned unit)
{
	return r->due[unit];
}

/* Bank of the next per-bank refresh, or -1. */
int lg_refresh_bank(const lg_refresh *r, unsigned unit)
{
	return r->p->per_bank ? r->bank[unit] : -1;
}

/* Advance by one interval (and to the next bank). */
void lg_refresh_issued(lg_refresh *r, unsigned unit)
{
	r->due[unit] += r->interval;
	if (r->p->per_bank)
		r->bank[unit] = (r->bank[unit] + 1) % r->banks;
}

/* One full round of the schedule (see refresh.h). */
uint64_t lg_refresh_period(const lg_refresh *r)
{
	return r->interval * (r->p->per_bank ? (uint64_t)r->banks : 1);
}

/* k periods ahead: the due time moves, the next bank is the same. */
void lg_refresh_advance(lg_refresh *r, unsigned unit, uint64_t k)
{
	r->due[unit] += k * lg_refresh_period(r);
}
