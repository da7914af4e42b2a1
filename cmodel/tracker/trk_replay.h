/*
 * lg_trk_replay: one line of a tracker replay file (docs/tracker.md), the
 * input of `lgsim cosim tracker --trace FILE`:
 *
 *   <cycle> <port> <hex-addr> <bytes> [N]         an observed write (N: an NMC update)
 *   <cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]
 *                                                 a program request
 *
 * '#' starts a comment. Numbers are parsed strictly: decimal or hex digits
 * only (hex with an optional 0x), no sign, and each must fit its field's
 * width, which comes from the recording's header (the RTL build it
 * replays into): addresses, lengths and strides addr_width bits, expect
 * count_width bits, ports below the port count, bytes 8 bits, rearm 4,
 * die 6, op 1, dtype 2. Nothing may follow the last field. This is the one
 * parser of the format: the co-simulation's replay and the fuzz target use it.
 */
#ifndef LG_TRK_REPLAY_H
#define LG_TRK_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tracker/tracker.h"

/* The widths a recording's fields must fit (from its header). */
typedef struct lg_trk_replay_widths {
	unsigned aw;     /* address width, bits (<= 64) */
	unsigned cw;     /* count width, bits */
	unsigned ports;  /* observation ports */
} lg_trk_replay_widths;

typedef struct lg_trk_replay_line {
	uint64_t cycle;
	bool is_prog;
	lg_tracker_prog prog;  /* when is_prog */
	unsigned port;         /* otherwise: the write */
	uint64_t addr;
	uint32_t bytes;
	bool nmc;              /* the write is an NMC update */
} lg_trk_replay_line;

/*
 * Parse buf (one line, its newline allowed; a '#' in it is cut off in
 * place) against widths w. 1 with *out filled, 0 for a blank or comment
 * line, -1 with what (size n) set to the message, "expected ...".
 */
int lg_trk_replay_parse(char *buf, const lg_trk_replay_widths *w, lg_trk_replay_line *out,
			char *what, size_t n);

#endif
