/*
 * `lgsim cosim <block> ...`: lockstep co-simulation of a block's C model
 * against its verilated RTL (the layer in cmodel/cosim, docs/cosim.md).
 * The work is done by lgsim-cosim, a separate program next to lgsim that
 * links the verilated builds: lgsim itself does not, so building it needs
 * no Verilator run.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/lgsim.h"

static const char help_cosim[] =
	"usage: lgsim cosim tracker|arbiter [options]\n"
	"Lockstep co-simulation of a block's C model (the code the simulator runs)\n"
	"against its verilated RTL: the same inputs every cycle, every output compared.\n"
	"  --cycles N          cycles to run (random stimulus; a replay runs to its end)\n"
	"  --seed S            random stimulus seed\n"
	"  --trace FILE        replay a recording (header checked against the build)\n"
	"  --record FILE       record the stimulus (arbiter)\n"
	"  --wave FILE         FST waveform written on a mismatch\n"
	"  --model NAME        the RTL build, or its parameters: --entries E --ports P\n"
	"                      (tracker), --width W (arbiter)\n"
	"  --policy P          arbiter policy: blind, prio, wrr or mca\n"
	"  --c-only            the C model alone (tracker speed reference)\n"
	"  --expect-mismatch   exit 0 only if a mismatch is found (mutation builds)\n"
	"  --threads 1|2       two-thread lockstep (random stimulus only)\n"
	"Exit 0 without mismatch, 1 on a mismatch, 2 on bad input (docs/cosim.md).\n";

/* --help anywhere after `cosim`: the options, exit 0. */
static bool want_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

#ifdef LG_HAVE_COSIM
/*
 * The co-simulation program lgsim-cosim (cosim/lgsim_cosim.c), looked for
 * next to this executable; 0, or -1 when it cannot be named.
 */
static int cosim_program(char *buf, size_t n)
{
	static const char name[] = "lgsim-cosim";
	ssize_t len = readlink("/proc/self/exe", buf, n - sizeof(name));
	char *slash;

	if (len <= 0 || (size_t)len >= n - sizeof(name))
		return -1;
	buf[len] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	memcpy(slash + 1, name, sizeof(name));
	return 0;
}

/* --help here; otherwise lgsim-cosim takes over this process. */
int lgsim_cmd_cosim(int argc, char **argv)
{
	char path[4096];

	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	if (cosim_program(path, sizeof(path)))
		return lgsim_usage("cosim: cannot locate this executable's folder");
	if (access(path, X_OK))
		return lgsim_usage("cosim: %s is not built (cmake --build BUILD --target lgsim-cosim; "
				   "make test builds it)", path);
	execv(path, argv);
	return lgsim_usage("cosim: cannot run %s: %s", path, strerror(errno));
}
#else
int lgsim_cmd_cosim(int argc, char **argv)
{
	if (want_help(argc, argv)) {
		fputs(help_cosim, stdout);
		return 0;
	}
	return lgsim_usage("'cosim' needs the co-simulation layer, absent from this build "
			   "(configure with -DLG_COSIM=ON)");
}
#endif
