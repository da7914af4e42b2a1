/*
 * lg_outfile: an output file that appears only when complete.
 *
 * A new file, or an existing regular file, is written as "PATH.tmp" and
 * renamed over PATH by lg_outfile_close(ok = 1) when every write
 * succeeded; otherwise the .tmp is removed, so a failed, stopped or
 * interrupted run leaves neither. An existing file that is not regular (a
 * device such as /dev/null or /dev/full, a FIFO) is written in place:
 * renaming a regular file over it would replace the device (run as root,
 * `-o /dev/full` would turn /dev/full into a regular file), and a write
 * error on it (ENOSPC from /dev/full) is reported by the close.
 */
#ifndef LG_OUTFILE_H
#define LG_OUTFILE_H

#include <stdio.h>

#include "core/lg_err.h"

typedef struct lg_outfile lg_outfile;

/*
 * Open path for writing, fully buffered; what names the file in errors
 * ("PATH: cannot create the WHAT"). NULL with e set: a directory, a
 * missing folder, no permission.
 */
lg_outfile *lg_outfile_open(const char *path, const char *what, lg_err *e);

/* The stream to write to. */
FILE *lg_outfile_file(const lg_outfile *o);

/* The path given to lg_outfile_open (for messages). */
const char *lg_outfile_path(const lg_outfile *o);

/*
 * Push everything written so far to the file; -1 with e set ("PATH:
 * write error on the WHAT") if a write failed. A caller with several
 * outputs flushes them all before closing any, so that one that cannot
 * be written commits none.
 */
int lg_outfile_flush(lg_outfile *o, lg_err *e);

/*
 * Close and free o (NULL is a no-op): committed when ok and every write
 * succeeded, else the .tmp is removed. 0, or -1 with e set (a write or
 * rename error while ok; nothing is then left behind).
 */
int lg_outfile_close(lg_outfile *o, int ok, lg_err *e);

#endif
