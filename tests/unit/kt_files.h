/*
 * Helpers shared by the 4xx kernel-trace unit tests: temporary paths,
 * whole-file comparison, the bundled Accel-Sim fixtures.
 */
#ifndef KT_FILES_H
#define KT_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KT_FIX LG_ROOT "/tests/data/accelsim"

/* "/tmp/lg-kt-PID-name" into buf. */
static inline const char *kt_tmp(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "/tmp/lg-kt-%d-%s", (int)getpid(), name);
	return buf;
}

/* Whole file into a malloc'd NUL-terminated buffer (NULL if unreadable). */
static inline char *kt_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	if (b)
		b[n] = '\0';
	if (len)
		*len = (size_t)n;
	fclose(f);
	return b;
}

static inline void kt_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

#endif
