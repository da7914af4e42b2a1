/*
 * `lgsim config keys` and `lgsim config doc`: views of the key table.
 */
#include <stdio.h>
#include <string.h>

#include "cli/lgsim.h"
#include "core/lg_config.h"

int lgsim_cmd_config(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs("usage: lgsim config keys|doc\n"
			      "  keys  every config key: section.name, type, default, accepted range, meaning\n"
			      "  doc   the same as Markdown (docs/config.md is its output)\n"
			      "Set keys in an INI file (-c FILE) or with -s section.key=value.\n", stdout);
			return 0;
		}
	if (argc == 2 && !strcmp(argv[1], "keys")) {
		lg_cfg_print_keys(stdout);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "doc")) {
		lg_cfg_write_markdown(stdout);
		return 0;
	}
	return lgsim_usage("usage: lgsim config keys|doc");
}
