/*
 * lg_err: the one error convention of lgsim.
 *
 * Every user-facing error is a single line "FILE:LINE: what was expected"
 * (or "FILE: ..." when no line applies). Functions that can fail take an
 * lg_err * and return 0 on success, -1 on failure with the message filled.
 * The CLI prints the message and exits with status 2.
 */
#ifndef LG_ERR_H
#define LG_ERR_H

#define LG_EXIT_BADINPUT 2 /* exit status for bad input, per the CLI contract */
#define LG_EXIT_DATA 3     /* exit status when the data check (sim.data) finds a difference */

typedef struct lg_err {
	char msg[640];
} lg_err;

/* Fill e (if not NULL) with "file:line: fmt..." (line <= 0 omits it). Returns -1. */
int lg_errf(lg_err *e, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Clear e so that e->msg is the empty string. */
void lg_err_clear(lg_err *e);

#endif
