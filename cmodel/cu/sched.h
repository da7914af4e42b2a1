/*
 * Warp scheduler policies of the CU, chosen by name (cu.sched_policy) from
 * one const table (sched.c), one file per policy.
 *
 * A scheduler keeps its warps in age order (oldest dispatched first). Each
 * cycle it issues from the first ready warp in the order its policy gives:
 * the greedy slot first if any, then slots first, first+1, ... cyclically.
 * The policy only says where to start; readiness is the CU's.
 */
#ifndef LG_CU_SCHED_H
#define LG_CU_SCHED_H

typedef struct lg_cu_policy {
	const char *name;
	/* n warps (n >= 1); last = slot that issued most recently (-1: none,
	 * or it left). Sets *greedy (-1: none) and *first (< n). */
	void (*start)(unsigned n, int last, int *greedy, unsigned *first);
} lg_cu_policy;

extern const lg_cu_policy lg_cu_policy_lrr; /* sched_lrr.c */
extern const lg_cu_policy lg_cu_policy_gto; /* sched_gto.c */

/* The policy called name, or NULL. */
const lg_cu_policy *lg_cu_policy_find(const char *name);

#endif
