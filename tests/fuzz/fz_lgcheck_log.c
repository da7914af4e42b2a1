/*
 * Fuzz target "lgcheck_log": lgcheck's command-log reader and the checker
 * behind it (tests/checker/lgcheck.c, included whole without its main),
 * on the input as a log file, plain or gzip: its config header is read
 * into a scratch config (the header reader is fuzzed; a fuzzed config
 * could ask for any size of checker state), then the log is checked
 * against the defaults.
 */
#define LGCHECK_NO_MAIN
#include "../checker/lgcheck.c"

#include "fz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lg_cfg cfg, hdr;
	static int loaded;
	const char *p = fz_path(0, "cmd.log");
	FILE *out = fopen("/dev/null", "w");
	lgc *c;
	lg_err e;

	if (!out)
		return 0;
	if (!loaded) {
		lg_cfg_defaults(&cfg);
		loaded = 1;
	}
	for (int gz = 0; gz < 2; gz++) {
		if ((gz ? fz_write_gz(p, data, size) : fz_write(p, data, size)) != 0)
			break;
		lg_cfg_defaults(&hdr);
		read_header(p, &hdr, &e);
		c = lgc_create(&cfg, p, out, &e);
		if (!c)
			break;
		if (check_log(c, p, &e) == 0)
			lgc_finish(c);
		lgc_destroy(c);
	}
	fclose(out);
	return 0;
}
