/*
 * lgsim-cosim: `lgsim cosim` as a program of its own, linked with the
 * standard verilated builds (builds_std.c). lgsim runs it for its cosim
 * subcommand (cli/cmd_cosim.c), so lgsim itself needs no Verilator build:
 * `make run` builds lgsim alone. argv is that of the subcommand
 * ("cosim BLOCK [options]").
 */
#include "cosim/cosim.h"

int main(int argc, char **argv)
{
	return lg_cosim_main(argc, argv, lg_cosim_std_builds);
}
