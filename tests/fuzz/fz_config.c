/*
 * Fuzz target "config": the INI config loader (lgsim's own keys and
 * DRAMsim3 .ini files) through lg_cfg_load_file, then one -s override
 * taken from the input's first line.
 */
#include "fz.h"

#include <string.h>

#include "core/lg_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lg_cfg c;
	const char *p = fz_path(0, "c.ini");
	char ov[256];
	size_t n = 0;
	lg_err e;

	if (fz_write(p, data, size))
		return 0;
	lg_cfg_defaults(&c);
	lg_cfg_load_file(&c, p, &e);
	while (n < size && n < sizeof(ov) - 1 && data[n] != '\n' && data[n]) {
		ov[n] = (char)data[n];
		n++;
	}
	ov[n] = '\0';
	lg_cfg_set_override(&c, ov, &e);
	return 0;
}
