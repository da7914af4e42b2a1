/*
 * lg_sched: the command-scheduler policy of the memory controller.
 *
 * Each tCK the controller looks at the queue it serves (reads, or writes
 * while draining) and builds one candidate per request: the next command
 * that request needs (ACT on a closed bank, PRE on a bank open to another
 * row, RD/WR on a hit) and the first cycle that command is legal. A policy
 * then picks which candidate issues. The contract every policy keeps:
 *
 *  - pick() gets the candidates in age order (c[0] is the oldest request;
 *    younger row hits of a bank that can never be ready before its oldest
 *    hit may be left out, so indices are positions in the array passed)
 *    and chooses at most one column candidate (*col, row == 0) and one row
 *    candidate (*row, row == 1), each with earliest <= now, on different
 *    banks; -1 means nothing on that bus this cycle. With one_cmd set (no
 *    dual command bus) it chooses at most one of the two;
 *  - it never picks a PRE with pre_blocked set unless it deliberately lets
 *    an older miss win over row hits (frfcfs_cap does so after row_hit_cap
 *    consecutive hits on that bank);
 *  - it is a pure function of its arguments: no state, no allocation.
 *  - Candidates with earliest == LG_NEVER (dram_timing.h) are never ready:
 *    the controller uses that for requests that must wait (younger hits of
 *    a bank, the bank being refreshed).
 *    Per-bank hit streaks are kept by the controller and passed in.
 *  - A policy that sets ready_only promises to look only at candidates
 *    with earliest <= now (it skips the others without looking at them);
 *    the controller may then leave every such candidate out of c.
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
	uint8_t timing;      /* controller use: timing class of cmd (LG_T_*, dram_timing.h) */
	uint8_t cls;         /* traffic class of the request (lg_tclass, core/lg_req.h) */
	uint8_t nmc;         /* an NMC request (RD -> ALU -> WR on the same row) */
	uint8_t nmc_mid;     /* an NMC request past its RD: its WR (on its pinned bank) is next */
	uint8_t pinned;      /* a row was opened for this request (the row rule, docs/dram.md) */
} lg_sched_cand;

typedef struct lg_sched_policy {
	const char *name;
	const char *doc;
	void (*pick)(const lg_sched_cand *c, int n, uint64_t now, unsigned cap, int one_cmd,
		     int *col, int *row);
	int ready_only;      /* see the contract above */
} lg_sched_policy;

/* The policy called name, or NULL. */
const lg_sched_policy *lg_sched_find(const char *name);

/* Every policy, for listings and tests; *n receives the count. */
const lg_sched_policy *const *lg_sched_all(int *n);

/*
 * Helpers for the FR-FCFS family. lg_sched_note_row() keeps the first ready
 * row command (r1) and the first on a bank other than r1's (r2);
 * lg_sched_finish() pairs the column pick with a row command on another
 * bank (r2 when r1 shares the column command's bank).
 */
static inline void lg_sched_note_row(const lg_sched_cand *c, int i, int *r1, int *r2)
{
	if (*r1 < 0)
		*r1 = i;
	else if (*r2 < 0 && c[i].bank != c[*r1].bank)
		*r2 = i;
}

static inline void lg_sched_finish(const lg_sched_cand *c, int ci, int r1, int r2,
				   int one_cmd, int *col, int *row)
{
	*col = ci;
	if (ci >= 0 && one_cmd)
		*row = -1;
	else
		*row = ci >= 0 && r1 >= 0 && c[r1].bank == c[ci].bank ? r2 : r1;
}

#endif
