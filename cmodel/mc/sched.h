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
 *    banks; -1 means nothing on that bus this cycle. With p->one_cmd set
 *    (no dual command bus) it chooses at most one of the two;
 *  - it never picks a PRE with pre_blocked set unless it deliberately lets
 *    an older miss win over row hits (frfcfs_cap does so after row_hit_cap
 *    consecutive hits on that bank);
 *  - state: a policy that needs memory between cycles asks for
 *    state_bytes(p) bytes per controller unit (zeroed, then init()), reads
 *    it in pick() and changes it only in on_issue(), which the controller
 *    calls for every command it issues for a queued request (ACT, PRE,
 *    RD, WR; refresh commands aside) with the picked candidate and the
 *    cycle. pick() is a pure function of its arguments and the state; no
 *    allocation. NULL hooks mean no state / nothing to do;
 *  - parameters (lg_sched_params) come from the config and do not change
 *    during a run;
 *  - Candidates with earliest == LG_NEVER (dram_timing.h) are never ready:
 *    the controller uses that for requests that must wait (younger hits of
 *    a bank, the bank being refreshed).
 *  - A policy that sets ready_only promises to look only at candidates
 *    with earliest <= now (it skips the others without looking at them);
 *    the controller may then leave every such candidate out of c.
 *  - pick_set (optional) is pick() over the candidates c[k] for the bits k
 *    of set, in bit order (age order), with *col and *row positions in c:
 *    the controller passes the candidates it did not leave out that way
 *    instead of copying them into an array of their own. It must choose
 *    what pick() would choose from those candidates in that order.
 *
 * Policies live one per file (sched_<name>.c), each exporting one const
 * lg_sched_policy; mc/policy_list.h names them (the table in sched.c and
 * the config choices come from it). docs/dram.md ("Adding a scheduler")
 * has the template.
 */
#ifndef LG_SCHED_H
#define LG_SCHED_H

#include <stddef.h>
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
	uint8_t pinned;      /* a row was opened for this request (the row rule, docs/dram.md) */
	uint8_t mid;         /* an NMC request between its RD and its WR */
} lg_sched_cand;

/* A policy's parameters, from the config. */
typedef struct lg_sched_params {
	unsigned row_hit_cap; /* mc.row_hit_cap */
	unsigned banks;       /* banks per unit */
	int one_cmd;          /* no dual command bus: one command a cycle in all */
} lg_sched_params;

typedef struct lg_sched_policy {
	const char *doc;
	/* bytes of state per unit (NULL: none) and its start (NULL: zeroed) */
	size_t (*state_bytes)(const lg_sched_params *p);
	void (*init)(void *st, const lg_sched_params *p);
	void (*pick)(const void *st, const lg_sched_params *p, const lg_sched_cand *c, int n,
		     uint64_t now, int *col, int *row);
	/* pick() over the bits of set (NULL: the controller uses pick()) */
	void (*pick_set)(const void *st, const lg_sched_params *p, const lg_sched_cand *c,
			 uint64_t set, uint64_t now, int *col, int *row);
	/* a command issued for candidate c at cycle now (NULL: nothing to note) */
	void (*on_issue)(void *st, const lg_sched_params *p, const lg_sched_cand *c,
			 uint64_t now);
	int ready_only;      /* see the contract above */
} lg_sched_policy;

/* The policy called name, or NULL. */
const lg_sched_policy *lg_sched_find(const char *name);

/* Every policy's config name, in list order, for listings and tests; *n receives the count. */
const char *const *lg_sched_names(int *n);

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
