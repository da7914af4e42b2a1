/*
 * Fuzz target "tracker_replay": the line parser of the tracker replay
 * file (`lgsim cosim tracker --trace`), on every line of the input.
 */
#include "fz.h"

#include <stdlib.h>
#include <string.h>

#include "tracker/trk_replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the widest build: 64-bit addresses, 32 ports */
	static const lg_trk_replay_widths w = { 64, 32, LG_TRACKER_MAX_PORTS };
	char *buf = malloc(size + 1), *line, *nl, what[160];
	lg_trk_replay_line l;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (line = buf; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lg_trk_replay_parse(line, &w, &l, what, sizeof(what));
	}
	free(buf);
	return 0;
}
