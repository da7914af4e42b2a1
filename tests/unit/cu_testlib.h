/*
 * Helpers shared by the 6xx CU tests: a die-like rig (kernel scheduler,
 * CUs, a fixed-latency fake memory, one small event loop with the
 * lg_comp contract) and writers of small lgt-text kernel traces.
 */
#ifndef CU_TESTLIB_H
#define CU_TESTLIB_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lg_config.h"
#include "cu/cu.h"
#include "cu/fakemem.h"
#include "ksched/ksched.h"

#define RIG_MAXCU 16

typedef struct cu_rig {
	lg_cfg cfg;
	unsigned ncu;
	lg_cu *cu[RIG_MAXCU];
	lg_port to[RIG_MAXCU], from[RIG_MAXCU];
	lg_fakemem *fm;
	lg_ksched *ks;
	lg_comp comp[RIG_MAXCU + 2];
	unsigned ncomp;
	lg_ps end;
	lg_cu_stats tot;
} cu_rig;

/* "/tmp/lg-cu-PID-name" into buf. */
static inline const char *cu_tmp(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "/tmp/lg-cu-%d-%s", (int)getpid(), name);
	return buf;
}

/*
 * A rig for trace with ncu CUs, the config defaults plus overrides
 * ("section.key=value", NULL-terminated), memory latency memlat core
 * cycles. Order in the loop: ksched, CUs, fake memory. 0 or -1 (e set).
 */
static inline int rig_open(cu_rig *r, const char *trace, unsigned ncu, const char *const *ov,
			   uint32_t memlat, lg_err *e)
{
	lg_ksched_params kp;
	lg_port *to[RIG_MAXCU], *from[RIG_MAXCU];

	memset(r, 0, sizeof(*r));
	lg_cfg_defaults(&r->cfg);
	for (; ov && *ov; ov++)
		if (lg_cfg_set_override(&r->cfg, *ov, e) < 0)
			return -1;
	r->ncu = ncu;
	for (unsigned i = 0; i < ncu; i++) {
		lg_cu_params p;

		if (lg_cu_params_from_cfg(&r->cfg, i, &p, e) < 0)
			return -1;
		lg_port_init(&r->to[i], 64);
		lg_port_init(&r->from[i], 4096);
		r->cu[i] = lg_cu_create(&p, &r->to[i], &r->from[i], e);
		if (!r->cu[i])
			return -1;
		to[i] = &r->to[i];
		from[i] = &r->from[i];
	}
	if (lg_ksched_params_from_cfg(&r->cfg, &kp, e) < 0)
		return -1;
	r->ks = lg_ksched_create(&kp, trace, NULL, r->cu, ncu, e);
	if (!r->ks)
		return -1;
	r->fm = lg_fakemem_create(ncu, to, from, lg_cu_params_get(r->cu[0])->clk, memlat, 4);
	lg_ksched_comp(r->ks, &r->comp[r->ncomp++]);
	for (unsigned i = 0; i < ncu; i++)
		lg_cu_comp(r->cu[i], &r->comp[r->ncomp++]);
	lg_fakemem_comp(r->fm, &r->comp[r->ncomp++]);
	return 0;
}

/*
 * Run until no component is busy: at each event time tick, in order, the
 * components due then, then ask each for its next time. 0 at the end
 * (r->end = time of the last tick, every component finished there), -1 if
 * every busy component waits (deadlock), -2 past limit.
 */
static inline int rig_run(cu_rig *r, lg_ps limit)
{
	lg_ps t = 0, nx[RIG_MAXCU + 2];

	for (unsigned i = 0; i < r->ncomp; i++)
		nx[i] = 0;
	for (;;) {
		lg_ps tmin = LG_PS_NEVER;
		bool busy = false;

		for (unsigned i = 0; i < r->ncomp; i++)
			if (nx[i] <= t)
				r->comp[i].ops->tick(r->comp[i].self, t);
		for (unsigned i = 0; i < r->ncomp; i++) {
			nx[i] = r->comp[i].ops->next(r->comp[i].self, t);
			if (nx[i] < tmin)
				tmin = nx[i];
			busy |= r->comp[i].ops->busy(r->comp[i].self);
		}
		if (!busy)
			break;
		if (tmin == LG_PS_NEVER) {
			for (unsigned i = 0; i < r->ncomp; i++)
				r->comp[i].ops->dump(r->comp[i].self, stderr, t);
			return -1;
		}
		if (tmin > limit)
			return -2;
		t = tmin;
	}
	r->end = t;
	memset(&r->tot, 0, sizeof(r->tot));
	for (unsigned i = 0; i < r->ncomp; i++)
		if (r->comp[i].ops->finish)
			r->comp[i].ops->finish(r->comp[i].self, t);
	for (unsigned i = 0; i < r->ncu; i++)
		lg_cu_stats_add(&r->tot, lg_cu_stats_get(r->cu[i]));
	return 0;
}

static inline void rig_close(cu_rig *r)
{
	lg_ksched_destroy(r->ks);
	for (unsigned i = 0; i < r->ncu; i++) {
		lg_cu_destroy(r->cu[i]);
		lg_port_free(&r->to[i]);
		lg_port_free(&r->from[i]);
	}
	lg_fakemem_destroy(r->fm);
}

/* Core cycles of kernel i (start to end). */
static inline uint64_t rig_kcycles(const cu_rig *r, unsigned i)
{
	return lg_ksched_kernel(r->ks, i)->cycles;
}

/* ---- lgt-text writing ---- */

static inline FILE *kt_begin(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f)
		fprintf(f, "LGKT-TEXT 1\n");
	return f;
}

/* A kernel header; meta may be NULL or "key = value". */
static inline void kt_kernel(FILE *f, unsigned id, unsigned ctas, unsigned threads, unsigned shmem,
			     unsigned nregs, unsigned stream, const char *meta)
{
	fprintf(f, "-kernel name = k%u\n-kernel id = %u\n-grid dim = (%u,1,1)\n"
		"-block dim = (%u,1,1)\n-shmem = %u\n-nregs = %u\n-binary version = 90\n"
		"-cuda stream id = %u\n-shmem base_addr = 0x00007f0000000000\n"
		"-local mem base_addr = 0x00007e0000000000\n-nvbit version = 1.5.5\n"
		"-accelsim tracer version = 4\n-enable lineinfo = 0\n",
		id, id, ctas, threads, shmem, nregs, stream);
	if (meta)
		fprintf(f, "-meta %s\n", meta);
}

static inline void kt_tb(FILE *f, unsigned x) { fprintf(f, "#BEGIN_TB\nthread block = %u,0,0\n", x); }
static inline void kt_tb_end(FILE *f) { fprintf(f, "#END_TB\n"); }
static inline void kt_warp(FILE *f, unsigned w, unsigned n) { fprintf(f, "warp = %u\ninsts = %u\n", w, n); }

/* One instruction line (after the PC and mask columns). */
static inline void kt_ins(FILE *f, unsigned pc, const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "%04x ffffffff ", pc);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fprintf(f, "\n");
}

#endif
