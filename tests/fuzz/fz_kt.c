/*
 * Fuzz targets "kt_lgt", "kt_text", "kt_accelsim": the kernel-trace
 * readers (FZ_KT set by the build), every event read and every memory
 * instruction's lanes decoded.
 *   kt_lgt       the input is the decompressed lgt stream: read gzip-
 *                compressed (as lgt files are) and as is (plain, or a
 *                damaged gzip when the input is one)
 *   kt_text      the input is an lgt-text file
 *   kt_accelsim  the input is a kernelslist.g and a .traceg separated by a
 *                line "%%": the list may name kernel-1.traceg (the .traceg
 *                as is) and kernel-2.traceg.xz (the same, xz-compressed);
 *                the .traceg is also read alone (and its .xz, when the
 *                list names a .xz: encoding costs)
 */
#include "fz.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "ktrace/ktrace.h"

#define FZ_LGT 1
#define FZ_TEXT 2
#define FZ_ACCELSIM 3
#ifndef FZ_KT
#define FZ_KT FZ_LGT
#endif

/* Read every event of path in format fmt. */
static void read_all(const char *path, const char *fmt)
{
	lg_err e;
	lg_kt_reader *r = lg_kt_open(path, fmt, &e);
	uint64_t a[LG_KT_WARP_SIZE], x, y;
	int ev;

	if (!r)
		return;
	while ((ev = lg_kt_next(r, &e)) > 0) {
		if (ev == LG_KT_EV_WARP) {
			const lg_kt_warp *w = lg_kt_cur_warp(r);

			for (size_t i = 0; i < w->n; i++)
				if (w->insn[i].amode != LG_KT_AMODE_NONE)
					lg_kt_insn_lanes(w, &w->insn[i], a);
		} else if (ev == LG_KT_EV_MEMCPY) {
			lg_kt_cur_memcpy(r, &x, &y);
		} else {
			(void)lg_kt_cur_kernel(r)->name;
		}
	}
	lg_kt_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#if FZ_KT == FZ_LGT
	const char *p = fz_path(0, "t.lgt");

	if (fz_write_gz(p, data, size) == 0)
		read_all(p, "lgt");
	if (fz_write(p, data, size) == 0)
		read_all(p, "lgt");
#elif FZ_KT == FZ_TEXT
	const char *p = fz_path(0, "t.lgtt");

	if (fz_write(p, data, size) == 0)
		read_all(p, "lgt-text");
#else
	const uint8_t *sep = NULL, *k;
	size_t nl = size, nk = 0;
	bool xz;

	for (size_t i = 0; i + 3 <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') && !memcmp(data + i, "%%\n", 3)) {
			sep = data + i;
			break;
		}
	if (sep) {
		nl = (size_t)(sep - data);
		k = sep + 3;
		nk = size - nl - 3;
	} else {
		k = data + size;
	}
	/* xz costs ~1 MB of encoder state an input: only when the list asks */
	xz = false;
	for (size_t i = 0; i + 3 <= nl && !xz; i++)
		xz = !memcmp(data + i, ".xz", 3);
	if (fz_write(fz_path(0, "kernelslist.g"), data, nl) ||
	    fz_write(fz_path(1, "kernel-1.traceg"), k, nk))
		return 0;
	unlink(fz_path(2, "kernel-2.traceg.xz"));
	if (xz && fz_write_xz(fz_path(2, "kernel-2.traceg.xz"), k, nk))
		return 0;
	read_all(fz_path(0, "kernelslist.g"), "accelsim");
	if (nk)
		read_all(fz_path(1, "kernel-1.traceg"), "accelsim");
	if (nk && xz)
		read_all(fz_path(2, "kernel-2.traceg.xz"), "accelsim");
#endif
	return 0;
}
