/*
 * The controller's idle fast-forward (lg_mc_idle_until): with nothing
 * queued only refreshes happen, and once the whole state repeats one
 * refresh period later whole periods are accounted in closed form.
 */
#include "mc/mc_int.h"

/* Turn the idle fast-forward on (default) or off (tests compare both). */
void lg_mc_set_fastforward(lg_mc *mc, bool on)
{
	mc->ff.off = !on;
}

/* Refresh periods the fast-forward skipped so far (tests). */
uint64_t lg_mc_ff_skipped(const lg_mc *mc)
{
	return mc->ff.skipped;
}

/* Snapshot buffers, allocated at the first idle gap. -1 when out of memory. */
static int ff_alloc(lg_mc *mc)
{
	ff_state *f = &mc->ff;

	if (f->wa)
		return 0;
	f->nwords = lg_dram_words(mc->dram);
	f->caprec = (size_t)mc->nunits * ((size_t)mc->s.banks + 4) * 2;
	f->wa = malloc(f->nwords * sizeof(*f->wa));
	f->wb = malloc(f->nwords * sizeof(*f->wb));
	f->ua = malloc((size_t)mc->nunits * sizeof(*f->ua));
	f->ub = malloc((size_t)mc->nunits * sizeof(*f->ub));
	f->rec = malloc(f->caprec * sizeof(*f->rec));
	if (!f->wa || !f->wb || !f->ua || !f->ub || !f->rec) {
		free(f->wa);
		f->wa = NULL;
		return -1;
	}
	return 0;
}

/* The whole state the fast-forward looks at, into w and fu. */
static void ff_snap(lg_mc *mc, uint64_t *w, ff_unit *fu)
{
	lg_dram_snapshot(mc->dram, w);
	for (int i = 0; i < mc->nunits; i++) {
		fu[i].next = mc->u[i].next;
		fu[i].due = lg_refresh_due(mc->ref, (unsigned)i);
		fu[i].nopen = lg_dram_open_banks(mc->dram, (unsigned)i);
		memcpy(fu[i].cmds, mc->u[i].st.cmds, sizeof(fu[i].cmds));
	}
}

/*
 * The state at x (snapshot a) and at x + p (snapshot b, now): if b repeats
 * a one period later (every bank closed, every unit's next event and
 * refresh due moved by p, the timing state periodic), the run from x + p on
 * repeats the run from x: skip the whole periods that end before end,
 * adding their commands to the stats and writing their command-log lines
 * (the recorded period, shifted). Returns 1 if it jumped.
 */
static int ff_try(lg_mc *mc, uint64_t x, uint64_t p, uint64_t end)
{
	ff_state *f = &mc->ff;
	uint64_t k = (end - (x + p)) / p;
	unsigned bpg = (unsigned)mc->s.banks_per_group;

	if (k == 0 || f->rec_full)
		return 0;
	for (int i = 0; i < mc->nunits; i++)
		if (f->ua[i].nopen || f->ub[i].nopen || f->ub[i].next != f->ua[i].next + p ||
		    f->ub[i].due != f->ua[i].due + p)
			return 0;
	if (!lg_dram_periodic(f->wa, f->wb, f->nwords, x, p))
		return 0;
	lg_dram_shift(mc->dram, f->wa, f->wb, p, k);
	f->skipped += k;
	for (int i = 0; i < mc->nunits; i++) {
		unit *u = &mc->u[i];

		u->next += k * p;
		lg_refresh_advance(mc->ref, (unsigned)i, k);
		for (int c = 0; c < LG_CMD_N; c++)
			u->st.cmds[c] += k * (f->ub[i].cmds[c] - f->ua[i].cmds[c]);
	}
	for (uint64_t j = 1; mc->log && j <= k; j++) {
		for (size_t r = 0; r < f->nrec; r++) {
			const ff_rec *e = &f->rec[r];

			lg_cmdlog_put(mc->log, e->t + j * p, mc->u[e->unit].ch, mc->u[e->unit].pc,
				      e->bank / bpg, e->bank % bpg, e->cmd, 0, 0);
		}
	}
	return 1;
}

/* The unit with the earliest next event before end (lowest index on ties), or -1. */
static int idle_next_unit(const lg_mc *mc, uint64_t end)
{
	int best = -1;

	for (int i = 0; i < mc->nunits; i++)
		if (mc->u[i].next < end && (best < 0 || mc->u[i].next < mc->u[best].next))
			best = i;
	return best;
}

/*
 * Run due unit ticks (refreshes only: nothing is queued) in time order.
 * Fast-forward: once the whole state repeats one refresh period later (see
 * ff_try), the periods up to end are accounted in closed form; the ticks
 * before the first repeat and after the last whole period run one by one.
 */
void lg_mc_idle_until(lg_mc *mc, lg_ps until)
{
	ff_state *f = &mc->ff;
	uint64_t end = cycle_of(mc, until), p = lg_refresh_period(mc->ref), x = 0;
	int have = 0, done = f->off || ff_alloc(mc);

	for (;;) {
		int best = idle_next_unit(mc, end);

		if (best < 0)
			break;
		if (!done && !have) { /* snapshot a at x */
			x = mc->u[best].next;
			ff_snap(mc, f->wa, f->ua);
			have = 1;
			f->nrec = 0;
			f->rec_full = false;
			f->recording = mc->log != NULL;
		} else if (!done && mc->u[best].next >= x + p) { /* snapshot b at x + p */
			ff_snap(mc, f->wb, f->ub);
			f->recording = false;
			if (ff_try(mc, x, p, end)) {
				done = 1;
				continue;
			}
			have = 0; /* not periodic yet: start again from here */
			continue;
		}
		lg_mc_unit_tick(mc, &mc->u[best], (unsigned)best, mc->u[best].next);
	}
	f->recording = false;
	lg_mc_next_sync(mc);
}

/* Free the snapshot buffers. */
void lg_mc_ff_free(lg_mc *mc)
{
	free(mc->ff.wa);
	free(mc->ff.wb);
	free(mc->ff.ua);
	free(mc->ff.ub);
	free(mc->ff.rec);
}
