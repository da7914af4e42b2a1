/*
 * The lgsim command line: one function per subcommand, dispatched by name
 * from the table in main.c. Each returns the process exit status
 * (0 success, 1 run-time failure such as a co-simulation mismatch,
 * 2 bad input or usage).
 */
#ifndef LGSIM_CLI_H
#define LGSIM_CLI_H

#include "core/lg_err.h"

int lgsim_cmd_run(int argc, char **argv);     /* cmd_run.c */
int lgsim_cmd_config(int argc, char **argv);  /* cmd_config.c */
int lgsim_cmd_trace(int argc, char **argv);   /* cmd_trace.c */
int lgsim_cmd_cosim(int argc, char **argv);   /* cmd_cosim.c */
int lgsim_cmd_area(int argc, char **argv);    /* cmd_area.c */
int lgsim_cmd_estimate(int argc, char **argv); /* cmd_estimate.c */

/* Print "lgsim: <msg>" for a bad-input error and return LG_EXIT_BADINPUT. */
int lgsim_fail(const lg_err *e);
/* Print a usage error and return LG_EXIT_BADINPUT. */
int lgsim_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
