/*
 * Fuzz targets "dtrace_lgsim", "dtrace_dramsim3", "dtrace_ramulator": one
 * DRAM request trace reader (FZ_FORMAT, set by the build), read three
 * ways: the input as a file through the batch path (a .gz input then
 * tests truncated and corrupt gzip), the same through next() one record at
 * a time, and the input gzip-compressed through the batch path. The two
 * paths must agree on the record count and the outcome.
 */
#include "fz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/dtrace.h"

#ifndef FZ_FORMAT
#define FZ_FORMAT "lgsim"
#endif

/* Records read and the last status: batch (1) or one by one (0). */
static int read_all(const char *path, int batch, uint64_t *n, uint64_t *sum)
{
	lg_dtrace_rec r[64];
	lg_err e;
	lg_dtrace *t = lg_dtrace_open(path, FZ_FORMAT, &e);
	int rc;

	*n = *sum = 0;
	if (!t)
		return -2;
	for (;;) {
		rc = batch ? lg_dtrace_next_batch(t, r, 64, &e) : lg_dtrace_next(t, r, &e);
		if (rc <= 0)
			break;
		for (int i = 0; i < (batch ? rc : 1); i++)
			*sum += r[i].time ^ r[i].addr ^ r[i].size ^ r[i].op ^ r[i].line;
		*n += (uint64_t)(batch ? rc : 1);
	}
	lg_dtrace_close(t);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = fz_path(0, "t.trace"), *pz = fz_path(1, "t.trace.gz");
	uint64_t n1, n2, s1, s2;
	int r1, r2;

	if (fz_write(p, data, size))
		return 0;
	r1 = read_all(p, 1, &n1, &s1);
	r2 = read_all(p, 0, &n2, &s2);
	if (r1 != r2 || n1 != n2 || s1 != s2) {
		fprintf(stderr, "batch and next() disagree: rc %d/%d, records %llu/%llu\n",
			r1, r2, (unsigned long long)n1, (unsigned long long)n2);
		abort();
	}
	if (fz_write_gz(pz, data, size))
		return 0;
	read_all(pz, 1, &n2, &s2);
	return 0;
}
