/*
 * Fuzz harnesses (tests/fuzz/README.md). Each fz_<target>.c defines
 * LLVMFuzzerTestOneInput for one reader; it is linked either with
 * libFuzzer (clang, `make fuzz`) or with fz_replay.c, which feeds it the
 * files of tests/fuzz/regress/<target> and the seed corpus in the normal
 * build (`make test`). A harness never fails on bad input (that is the
 * readers' job: an error return); only a crash, a hang, a leak or a
 * sanitizer report is a finding.
 */
#ifndef LG_FZ_H
#define LG_FZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private folder for this process's temporary files (made once). */
const char *fz_dir(void);
/* fz_dir()/name, in a static buffer per slot (0..3). */
const char *fz_path(int slot, const char *name);
/* Write data to path as is, gzip-compressed or xz-compressed; 0 or -1. */
int fz_write(const char *path, const void *data, size_t n);
int fz_write_gz(const char *path, const void *data, size_t n);
int fz_write_xz(const char *path, const void *data, size_t n);

#endif
