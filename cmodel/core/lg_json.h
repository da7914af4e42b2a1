/*
 * lg_json: a small streaming JSON writer for stats files.
 *
 * Callers open objects/arrays and write keys and values in order; the writer
 * inserts commas and indentation and escapes strings. Doubles are printed
 * with %.12g: readable, and identical between identical runs;
 * non-finite numbers become null. lg_json_file_open/commit write through a
 * temporary file renamed on success, so a failed run never leaves a stats
 * file that looks complete. Output is gathered in a buffer and reaches the
 * stream in large writes (at the latest at finish or commit).
 */
#ifndef LG_JSON_H
#define LG_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "core/lg_err.h"

typedef struct lg_json lg_json;

/* Open a writer on path (through "path.tmp", core/lg_outfile.h); NULL with e set on failure. */
lg_json *lg_json_file_open(const char *path, lg_err *e);
/* A writer on an existing stream (not closed by commit/abort). */
lg_json *lg_json_stream(FILE *f);
/*
 * Write the end of the document and flush it to the file (optional before
 * lg_json_commit; lets a caller check every output before committing
 * any). -1 with e set on a write error.
 */
int lg_json_finish(lg_json *j, lg_err *e);
/* Finish: flush, close and rename into place. Frees j. */
int lg_json_commit(lg_json *j, lg_err *e);
/* Drop the output (removes the temporary file). Frees j. */
void lg_json_abort(lg_json *j);
/*
 * A printer that cannot complete the document (out of memory) marks it:
 * lg_json_finish and lg_json_commit then fail with why and commit leaves
 * no file. why must outlive j (a string literal).
 */
void lg_json_fail(lg_json *j, const char *why);

void lg_json_obj_begin(lg_json *j, const char *key); /* key NULL in arrays/top */
void lg_json_obj_end(lg_json *j);
void lg_json_arr_begin(lg_json *j, const char *key);
void lg_json_arr_end(lg_json *j);
void lg_json_u64(lg_json *j, const char *key, uint64_t v);
void lg_json_i64(lg_json *j, const char *key, int64_t v);
void lg_json_f64(lg_json *j, const char *key, double v);
void lg_json_str(lg_json *j, const char *key, const char *v);
void lg_json_bool(lg_json *j, const char *key, int v);

#endif
