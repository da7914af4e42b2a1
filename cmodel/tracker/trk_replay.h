/*
 * lg_trk_replay: one line of a tracker replay file (docs/tracker.md), the
 * input of `lgsim cosim tracker --trace FILE`:
 *
 *   <cycle> <port> <hex-addr> <bytes>             an observed write
 *   <cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]
 *                                                 a program request
 *
 * '#' starts a comment. Numbers are parsed strictly: decimal or hex digits
 * only (hex with an optional 0x), no sign, and each must fit its field
 * (the cycle 64 bits, the others 32); nothing may follow the last field.
 */
#ifndef LG_TRK_REPLAY_H
#define LG_TRK_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "tracker/tracker.h"

typedef struct lg_trk_replay_line {
	uint64_t cycle;
	bool is_prog;
	lg_tracker_prog prog;  /* when is_prog */
	unsigned port;         /* otherwise: the write */
	uint32_t addr, bytes;
} lg_trk_replay_line;

/*
 * Parse buf (one line, its newline allowed; a '#' in it is cut off in
 * place). 1 with *out filled, 0 for a blank or comment line, -1 with
 * *what set to what was expected.
 */
int lg_trk_replay_parse(char *buf, lg_trk_replay_line *out, const char **what);

#endif
