/*
 * The one list of the memory controller's policies, by config name. The
 * policy tables (sched.c, page.c, class_arb.c) are built from it, and so
 * are the choices of mc.scheduler, system.row_buf_policy and
 * mc.class_policy in core/config_keys.def: a policy's name is written
 * once, here. Add a policy by writing its file and one entry here.
 *
 *   X(config name, what names the policy in its table)
 *
 * Scheduler and page policies are named by their const table (one file
 * each: sched_<name>.c, page_<name>.c); class policies by their
 * lg_carb_policy value (mc/class_arb.h: the RTL arbiter encodes them).
 * Only macros: core/ may include it without depending on the controller.
 */
#ifndef LG_POLICY_LIST_H
#define LG_POLICY_LIST_H

#define LG_SCHED_POLICIES(X)          \
	X(fcfs, lg_sched_fcfs)        \
	X(frfcfs, lg_sched_frfcfs)    \
	X(frfcfs_cap, lg_sched_frfcfs_cap)

#define LG_PAGE_POLICIES(X)           \
	X(OPEN_PAGE, lg_page_open)    \
	X(CLOSE_PAGE, lg_page_close)  \
	X(ADAPTIVE, lg_page_adaptive)

#define LG_CARB_POLICIES(X)           \
	X(blind, LG_CARB_BLIND)       \
	X(prio, LG_CARB_PRIO)         \
	X(wrr, LG_CARB_WRR)           \
	X(mca, LG_CARB_MCA)

/* A list's names as the config table's "a|b|c" choices string. */
#define LG_POLICY_CHOICE_(name, id) "|" #name
#define LG_POLICY_CHOICES(list) (list(LG_POLICY_CHOICE_) + 1)

#endif
