/*
 * lg_sched: the command-scheduler policy of the memory controller.
 *
 * Each tCK the controller looks at the queue it serves (reads, or writes
 * while draining) and builds one candidate per request: the next command
 * that request needs (ACT on a closed bank, PRE on a bank open to another
 * row, RD/WR on a hit) and the first cycle that command is legal. A policy
 * then picks which candidate issues. The contract every policy keeps:
 *
 *  - pick() gets the candidates in age order (c[0] is the oldest request)
 *    and returns the index of one candidate with c[i].earliest <= now and
 *    c[i].row == want_row, or -1 to issue nothing on that bus this cycle;
 *  - it never picks a PRE with pre_blocked set unless it deliberately lets
 *    an older miss win over row hits (frfcfs_cap does so after row_hit_cap
 *    consecutive hits on that bank);
 *  - it is a pure function of its arguments: no state, no allocation.
 *    Per-bank hit streaks are kept by the controller and passed in.
 *
 * Policies live one per file (sched_<name>.c), each exporting one const
 * lg_sched_policy, and are listed in the array in sched.c. docs/dram.md
 * ("Adding a scheduler") has the template.
 */
#ifndef LG_SCHED_H
#define LG_SCHED_H

#include <stdint.h>

typedef struct lg_sched_cand {
	uint64_t earliest;   /* first legal cycle of cmd */
	uint32_t streak;     /* column hits served on this bank since its ACT */
	uint16_t bank;
	uint8_t cmd;         /* lg_cmd: ACT, PRE, RD or WR */
	uint8_t row;         /* 1: row-bus command (ACT/PRE), 0: column (RD/WR) */
	uint8_t hit;         /* the request hits the open row */
	uint8_t pre_blocked; /* PRE that would close a row other queued requests hit */
} lg_sched_cand;

typedef struct lg_sched_policy {
	const char *name;
	const char *doc;
	int (*pick)(const lg_sched_cand *c, int n, uint64_t now, int want_row, unsigned cap);
} lg_sched_policy;

/* The policy called name, or NULL. */
const lg_sched_policy *lg_sched_find(const char *name);

/* Every policy, for listings and tests; *n receives the count. */
const lg_sched_policy *const *lg_sched_all(int *n);

#endif
