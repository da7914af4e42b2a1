/*
 * Helpers of the fuzz harnesses: a private temporary folder, removed at
 * exit, and writers for plain, gzip and xz files.
 */
#include "fz.h"

#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char dir[256];

/* Remove the folder and what the harness left in it. */
static void fz_cleanup(void)
{
	char cmd[300];

	if (dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fz: could not remove %s\n", dir);
	}
}

const char *fz_dir(void)
{
	if (!dir[0]) {
		const char *t = getenv("TMPDIR");

		/* memory-backed /dev/shm makes file-based targets ~6x faster */
		if (!t || !*t)
			t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof(dir), "%s/lgfz.XXXXXX", t);
		if (!mkdtemp(dir)) {
			perror("fz: mkdtemp");
			abort();
		}
		atexit(fz_cleanup);
	}
	return dir;
}

const char *fz_path(int slot, const char *name)
{
	static char buf[4][512];

	snprintf(buf[slot], sizeof(buf[slot]), "%s/%s", fz_dir(), name);
	return buf[slot];
}

int fz_write(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return -1;
	rc = fwrite(data, 1, n, f) == n ? 0 : -1;
	if (fclose(f))
		rc = -1;
	return rc;
}

int fz_write_gz(const char *path, const void *data, size_t n)
{
	gzFile g = gzopen(path, "wb1");
	int rc = 0;

	if (!g)
		return -1;
	if (n && gzwrite(g, data, (unsigned)n) != (int)n)
		rc = -1;
	if (gzclose(g) != Z_OK)
		rc = -1;
	return rc;
}

int fz_write_xz(const char *path, const void *data, size_t n)
{
	size_t cap = lzma_stream_buffer_bound(n), out = 0;
	uint8_t *buf = malloc(cap ? cap : 1);
	int rc = -1;

	if (!buf)
		return -1;
	/* preset 0 with the smallest dictionary: little encoder and decoder memory */
	lzma_options_lzma opt;
	lzma_filter f[2] = { { LZMA_FILTER_LZMA2, &opt }, { LZMA_VLI_UNKNOWN, NULL } };

	lzma_lzma_preset(&opt, 0);
	opt.dict_size = LZMA_DICT_SIZE_MIN;
	if (lzma_stream_buffer_encode(f, LZMA_CHECK_CRC32, NULL, data, n, buf, &out, cap) == LZMA_OK)
		rc = fz_write(path, buf, out);
	free(buf);
	return rc;
}
