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
	char *buf = malloc(size + 1), *line, *nl;
	lg_trk_replay_line l;
	const char *what;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (line = buf; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lg_trk_replay_parse(line, &l, &what);
	}
	free(buf);
	return 0;
}
