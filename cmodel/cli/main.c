/*
 * lgsim entry point: dispatch the first argument to a subcommand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/lgsim.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "run", lgsim_cmd_run, "run -c CONFIG [-s sec.key=val]... [-t TRACE]... [-o STATS.json] [--timeline FILE] ...   run a die" },
	{ "trace", lgsim_cmd_trace, "trace info|convert|gen ...   kernel and DRAM trace tools" },
	{ "cosim", lgsim_cmd_cosim, "cosim tracker|arbiter [--cycles N] [--seed S] [--trace FILE] [--wave FILE]" },
	{ "config", lgsim_cmd_config, "config keys|doc   list every config key / print docs/config.md" },
	{ "area", lgsim_cmd_area, "area [-c CONFIG] [-s sec.key=val]...   area report" },
	{ "estimate", lgsim_cmd_estimate, "estimate -c CONFIG [-s sec.key=val]... [-o FILE.json] [--vs CONFIG2]   area, yield, cost, energy" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

int lgsim_fail(const lg_err *e)
{
	fprintf(stderr, "%s\n", e->msg);
	return LG_EXIT_BADINPUT;
}

int lgsim_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("lgsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return LG_EXIT_BADINPUT;
}

static void print_help(FILE *f)
{
	fprintf(f, "usage: lgsim COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s\n", commands[i].help);
}

/*
 * Hold glibc's mmap threshold at its default 128 KiB. Left dynamic, it
 * rises to the size of the first mmapped block freed (the kernel-trace
 * probe's 1 MiB read buffer), and the die's large zeroed tables built
 * after it (L2 tags, CU warp tables) are then carved from the heap and
 * cleared byte by byte by calloc; mmapped, they are the kernel's zero
 * pages, touched only where the run uses them.
 */
static void malloc_policy(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

int main(int argc, char **argv)
{
	malloc_policy();
	if (argc < 2) {
		print_help(stderr);
		return LG_EXIT_BADINPUT;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		print_help(stdout);
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	return lgsim_usage("unknown command '%s' (try lgsim --help)", argv[1]);
}
