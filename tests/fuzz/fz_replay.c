/*
 * Replay driver of the normal build: calls a harness's
 * LLVMFuzzerTestOneInput on every file named, or in each folder named
 * (not recursive). Exit 0 when every input ran (a crash or a sanitizer
 * report ends the process), 1 when an argument cannot be read. Missing
 * folders are skipped: a target may have no regressions yet.
 */
#include "fz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Run the harness on one file. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

/* Names of dir, sorted (a stable order for the log). */
static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int nrun = 0, bad = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;
		char **names = NULL;
		size_t nn = 0;

		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]) < 0;
			nrun++;
			continue;
		}
		d = opendir(argv[i]);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof(*names));
			names[nn++] = strdup(de->d_name);
		}
		closedir(d);
		qsort(names, nn, sizeof(*names), cmp);
		for (size_t j = 0; j < nn; j++) {
			char p[4096];

			snprintf(p, sizeof(p), "%s/%s", argv[i], names[j]);
			if (run_file(p) < 0) {
				fprintf(stderr, "fz_replay: cannot read %s\n", p);
				bad = 1;
			}
			nrun++;
			free(names[j]);
		}
		free(names);
	}
	printf("fz_replay: %d inputs replayed\n", nrun);
	return bad;
}
