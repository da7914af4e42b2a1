/* The memory controller adapter (see mc_comp.h). */
#include "die/mc_comp.h"

static bool mc_tick(void *self, lg_ps now)
{
	return lg_mc_tick(self, now);
}

/* lg_mc_next as it is: the loop steps a time <= now to the next edge. */
static lg_ps mc_next(const void *self, lg_ps now)
{
	(void)now;
	return lg_mc_next(self);
}

static bool mc_busy(const void *self)
{
	return lg_mc_pending(self) != 0;
}

static void mc_idle_until(void *self, lg_ps until)
{
	lg_mc_idle_until(self, until);
}

static void mc_finish(void *self, lg_ps end)
{
	lg_mc_finish(self, end);
}

static void mc_dump(const void *self, FILE *f, lg_ps now)
{
	lg_mc_dump(self, f, now);
}

/* The last data beat over all units (a write's lies after its command). */
static lg_ps mc_done_at(const void *self)
{
	const lg_mc *mc = self;
	const lg_dram_spec *sp = lg_mc_spec(mc);
	lg_ps end = 0;

	for (int u = 0; u < lg_dram_units(sp); u++) {
		lg_ps d = lg_mc_unit_stats(mc, (unsigned)u)->last_done * sp->tCK_ps;

		if (d > end)
			end = d;
	}
	return end;
}

static const lg_comp_ops mc_ops = {
	.kind = "mc",
	.tick = mc_tick,
	.next = mc_next,
	.busy = mc_busy,
	.idle_until = mc_idle_until,
	.finish = mc_finish,
	.dump = mc_dump,
	.holds = mc_busy,
	.done_at = mc_done_at,
};

lg_comp lg_mc_comp(lg_mc *mc, const char *name)
{
	lg_comp c = { &mc_ops, mc, name, { lg_mc_spec(mc)->tCK_ps } };

	return c;
}
