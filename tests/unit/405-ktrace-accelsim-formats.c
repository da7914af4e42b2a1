/*
 * 405: Accel-Sim input variants give the same records: the old line format
 * (tracer version < 3, per-line "tb_x tb_y tb_z warp" prefix) and the new
 * one, a kernelslist.g and a lone .traceg, and .traceg.xz through liblzma.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/ktrace.h"
#include "kt_files.h"
#include "lg_check.h"

/* Compare every event of two traces; kernels ignore tracer_version. */
static void same_records(const char *pa, const char *pb)
{
	lg_err e;
	lg_kt_reader *a = lg_kt_open(pa, NULL, &e), *b;
	int ea, eb;
	uint64_t nins = 0;

	ck_assert_msg(a != NULL, "%s", e.msg);
	b = lg_kt_open(pb, NULL, &e);
	ck_assert_msg(b != NULL, "%s", e.msg);
	do {
		ea = lg_kt_next(a, &e);
		ck_assert_msg(ea >= 0, "%s", e.msg);
		eb = lg_kt_next(b, &e);
		ck_assert_msg(eb >= 0, "%s", e.msg);
		ck_assert_int_eq(ea, eb);
		if (ea == LG_KT_EV_KERNEL) {
			const lg_kt_kernel *ka = lg_kt_cur_kernel(a), *kb = lg_kt_cur_kernel(b);

			ck_assert_str_eq(ka->name, kb->name);
			ck_assert_uint_eq(ka->id, kb->id);
			ck_assert_int_eq(memcmp(ka->grid, kb->grid, sizeof(ka->grid)), 0);
			ck_assert_int_eq(memcmp(ka->block, kb->block, sizeof(ka->block)), 0);
			ck_assert_uint_eq(ka->shmem_base, kb->shmem_base);
		}
		if (ea == LG_KT_EV_WARP) {
			const lg_kt_warp *wa = lg_kt_cur_warp(a), *wb = lg_kt_cur_warp(b);

			ck_assert_int_eq(memcmp(wa->cta, wb->cta, sizeof(wa->cta)), 0);
			ck_assert_uint_eq(wa->warp, wb->warp);
			ck_assert_uint_eq(wa->n, wb->n);
			for (size_t i = 0; i < wa->n; i++) {
				const lg_kt_insn *x = &wa->insn[i], *y = &wb->insn[i];
				uint64_t la[32], lb[32];

				ck_assert_str_eq(lg_kt_optab_get(lg_kt_reader_optab(a), x->op)->name,
						 lg_kt_optab_get(lg_kt_reader_optab(b), y->op)->name);
				ck_assert_uint_eq(x->pc, y->pc);
				ck_assert_uint_eq(x->mask, y->mask);
				ck_assert_uint_eq(x->ndst, y->ndst);
				ck_assert_uint_eq(x->nsrc, y->nsrc);
				ck_assert_uint_eq(x->amode, y->amode);
				ck_assert_int_eq(lg_kt_insn_lanes(wa, x, la), lg_kt_insn_lanes(wb, y, lb));
				ck_assert_int_eq(memcmp(la, lb, sizeof(la)), 0);
				nins++;
			}
		}
	} while (ea > 0);
	ck_assert_uint_gt(nins, 0);
	lg_kt_close(a);
	lg_kt_close(b);
}

START_TEST(old_and_new_line_formats_give_the_same_records)
{
	same_records(KT_FIX "/kernel-2.traceg", KT_FIX "/old/kernel-2.traceg");
	same_records(KT_FIX "/kernel-2.traceg", KT_FIX "/old/kernelslist.g");
}
END_TEST

START_TEST(old_format_line_without_prefix_is_an_error)
{
	char p[128];
	char *text, *cut;
	lg_err e;
	lg_kt_reader *r;
	int ev;

	/* the old file with one prefix removed: "0 0 0 0 0010 ..." -> "0010 ..." */
	text = kt_slurp(KT_FIX "/old/kernel-2.traceg", NULL);
	ck_assert_ptr_nonnull(text);
	cut = strstr(text, "0 0 0 0 0010");
	ck_assert_ptr_nonnull(cut);
	memmove(cut, cut + 8, strlen(cut + 8) + 1);
	kt_write(kt_tmp(p, sizeof(p), "old-bad.traceg"), text);
	free(text);
	r = lg_kt_open(p, NULL, &e);
	ck_assert_ptr_nonnull(r);
	while ((ev = lg_kt_next(r, &e)) > 0)
		;
	ck_assert_int_eq(ev, -1);
	ck_assert_ptr_nonnull(strstr(e.msg, ":23: "));
	lg_kt_close(r);
	unlink(p);
}
END_TEST

START_TEST(xz_compressed_traces_read_like_plain_ones)
{
	char dir[128], cmd[1024], list[160];
	int rc;

	kt_tmp(dir, sizeof(dir), "xz");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s && xz -c %s/kernel-3.traceg > %s/kernel-3.traceg.xz && "
		 "printf 'kernel-3.traceg.xz\\n' > %s/kernelslist.g", dir, KT_FIX, dir, dir);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
	snprintf(list, sizeof(list), "%s/kernelslist.g", dir);
	same_records(KT_FIX "/kernel-3.traceg", list);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
}
END_TEST

START_TEST(truncated_xz_is_an_error)
{
	char dir[128], cmd[1024], p[160];
	lg_err e;
	lg_kt_reader *r;
	int ev;
	int rc;

	kt_tmp(dir, sizeof(dir), "xzt");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s && xz -c %s/kernel-3.traceg | head -c 200 > %s/k.traceg.xz", dir, KT_FIX, dir);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
	snprintf(p, sizeof(p), "%s/k.traceg.xz", dir);
	r = lg_kt_open(p, "accelsim", &e);
	if (r) {
		while ((ev = lg_kt_next(r, &e)) > 0)
			;
		ck_assert_int_eq(ev, -1);
		lg_kt_close(r);
	}
	ck_assert_msg(strstr(e.msg, "truncated") || strstr(e.msg, "expected"), "%s", e.msg);
	ck_assert_ptr_nonnull(strstr(e.msg, p));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("405-ktrace-accelsim-formats");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, old_and_new_line_formats_give_the_same_records);
	tcase_add_test(tc, old_format_line_without_prefix_is_an_error);
	tcase_add_test(tc, xz_compressed_traces_read_like_plain_ones);
	tcase_add_test(tc, truncated_xz_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
