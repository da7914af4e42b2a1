/*
 * bench_cu: a kernel trace through the kernel scheduler, N CUs and a
 * fixed-latency fake memory (cu/fakemem.h), with the same event loop as the
 * CU tests (tests/unit/cu_testlib.h). Prints the warp-instructions, the
 * simulated cycles and the CPU time of the run.
 *
 * Usage: bench_cu TRACE [CUS [MEM_LATENCY_CYCLES [section.key=value...]]]
 */
#include <time.h>

#include "cu_testlib.h"

int main(int argc, char **argv)
{
	const char *ov[32] = { NULL };
	unsigned ncu = argc > 2 ? (unsigned)atoi(argv[2]) : 8;
	uint32_t lat = argc > 3 ? (uint32_t)atoi(argv[3]) : 300;
	struct timespec t0, t1;
	cu_rig r;
	lg_err e;
	int rc, n = 0;

	if (argc < 2 || !ncu || ncu > RIG_MAXCU) {
		fprintf(stderr, "usage: bench_cu TRACE [CUS 1..%d [MEM_LATENCY [key=value...]]]\n",
			RIG_MAXCU);
		return 2;
	}
	for (int i = 4; i < argc && n < 31; i++)
		ov[n++] = argv[i];
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	if (rig_open(&r, argv[1], ncu, ov, lat, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		rig_close(&r);
		return 2;
	}
	rc = rig_run(&r, LG_PS_NEVER - 1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	if (rc < 0 || lg_ksched_error(r.ks, &e)) {
		fprintf(stderr, "%s\n", rc < 0 ? "bench_cu: the run stopped (deadlock)" : e.msg);
		rig_close(&r);
		return 1;
	}
	printf("warp_insns %llu\ncycles %llu\ncpu_s %.6f\n", (unsigned long long)r.tot.issued,
	       (unsigned long long)r.tot.cycles,
	       (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
	rig_close(&r);
	return 0;
}
