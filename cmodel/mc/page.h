/*
 * lg_page: the page (row-buffer) policy of the memory controller, chosen by
 * name (system.row_buf_policy) from the table in page.c, built from
 * mc/policy_list.h, one policy per file (page_<name>.c).
 *
 * A policy decides, when a row hit's column command issues, whether it
 * carries an auto-precharge (RDA/WRA: the row closes after the access) or
 * not (RD/WR: the row stays open). It sees how many requests of the served
 * queue hit that row, counting the one being served. It keeps no state.
 */
#ifndef LG_PAGE_H
#define LG_PAGE_H

typedef struct lg_page_policy {
	const char *doc;
	/* 1: close the row with this access (RDA/WRA); hits >= 1. */
	int (*close_after)(unsigned hits);
} lg_page_policy;

/* The policy called name, or NULL. */
const lg_page_policy *lg_page_find(const char *name);

/* Every policy's config name, in list order (mc/policy_list.h); *n receives the count. */
const char *const *lg_page_names(int *n);

#endif
