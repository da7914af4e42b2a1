/*
 * lg_refresh: when each pseudo-channel must refresh, and which bank.
 *
 * The policy is chosen by name (system.refresh_policy) from a const table:
 *  - RANK_LEVEL_SIMULTANEOUS: all-bank REFab every tREFI, every pseudo-
 *    channel at the same cycles (tREFI, 2 tREFI, ...);
 *  - RANK_LEVEL_STAGGERED: all-bank REFab every tREFI, unit u of n (unit =
 *    channel * pcs + pc) first due at (u + 1) * tREFI / n, so channels do
 *    not refresh together;
 *  - BANK_LEVEL_STAGGERED: per-bank REFpb, one bank every tREFIb in round
 *    robin (bank 0, 1, ...), unit u first due at (u + 1) * tREFIb / n.
 * Due times advance by the interval from the previous due time, not from
 * when the refresh actually issued, so refreshes never drift.
 * The controller decides how to honour a due refresh (mc.c).
 */
#ifndef LG_REFRESH_H
#define LG_REFRESH_H

#include <stdint.h>

#include "core/lg_err.h"
#include "dram/dram_spec.h"

typedef struct lg_refresh_policy {
	const char *name;
	const char *doc;
	int per_bank;  /* 1: REFpb round robin, 0: REFab */
	/* First due cycle of unit u of n. */
	uint64_t (*first_due)(const lg_dram_spec *s, unsigned u, unsigned n);
	/* Cycles between two refreshes of one unit. */
	uint64_t (*interval)(const lg_dram_spec *s);
} lg_refresh_policy;

typedef struct lg_refresh lg_refresh;

/* The policy called name, or NULL. */
const lg_refresh_policy *lg_refresh_find(const char *name);

lg_refresh *lg_refresh_create(const lg_dram_spec *s, const char *policy, lg_err *e);
void lg_refresh_destroy(lg_refresh *r);

/* Cycle at which the next refresh of unit is due. */
uint64_t lg_refresh_due(const lg_refresh *r, unsigned unit);
/* Bank to refresh (per-bank policy) or -1 for all banks. */
int lg_refresh_bank(const lg_refresh *r, unsigned unit);
/* The due refresh of unit was issued: advance to the next one. */
void lg_refresh_issued(lg_refresh *r, unsigned unit);

/*
 * For the idle fast-forward: the period after which the refresh schedule
 * repeats (the interval; times the banks for per-bank refresh, one full
 * round), and moving a unit k such periods ahead (due + k x period; the
 * bank of the next per-bank refresh comes back to the same one).
 */
uint64_t lg_refresh_period(const lg_refresh *r);
void lg_refresh_advance(lg_refresh *r, unsigned unit, uint64_t k);

#endif
