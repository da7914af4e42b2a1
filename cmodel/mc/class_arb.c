/*
 * lg_carb: the traffic-class arbiter (interface and protocol in
 * mc/class_arb.h; the RTL twin is rtl/arb.sv, compared every cycle by
 * `lgsim cosim arbiter`, docs/arbitration.md "The arbiter in RTL").
 *
 * Exact rules, shared with the RTL (cmp is COMPUTE = 0, com is COMM = 1):
 *
 * BLIND  allow = both, state untouched.
 * PRIO   allow = cmp | (ready[cmp] ? 0 : com), state untouched.
 * WRR    turn = wrr_cls; if the turn's class has nothing ready and the
 *        other has, the turn passes in this cycle: wrr_cls = other,
 *        wrr_left = wrr_weight[other]. allow = the turn's class only.
 *        lg_carb_issued(cls == wrr_cls): wrr_left - 1; at 0 the turn
 *        passes to the other class with wrr_left = its weight. (A weight
 *        of 0 is taken as 1.)
 * MCA    occ = occ[cmp] + occ[com]; open = occ < threshold.
 *        forced = ready[com] && !open && starve_limit != 0 &&
 *                 starve >= starve_limit.
 *        allow = forced ? com : cmp | (open ? com : 0)
 *        (a forced grant is exclusive, so the scheduler cannot spend it
 *        on COMPUTE and COMM progresses at least once per starve_limit+1
 *        cycles while it stays ready).
 *        starve = ready[com] && !(allow & com) ? min(starve + 1, 65535)
 *               : ready[com] || occ[com] == 0 ? 0 : starve
 *        (the held-back cycles since COMM was last granted while ready;
 *        cycles in which COMM is queued but cannot issue -- timing, a
 *        refresh -- neither count nor reset them, so a refresh cannot
 *        postpone the forced grant for ever).
 *        Window: arrivals = min(epoch_arrivals + arrived[cmp], 65535);
 *        if epoch_cycle + 1 >= mca_window (the window's last cycle):
 *          threshold = thr_max - min(arrivals, thr_max - thr_min)
 *          (one queue entry less for COMM per COMPUTE arrival in the
 *          window, never below thr_min), epoch_cycle = epoch_arrivals = 0;
 *        else epoch_cycle + 1, epoch_arrivals = arrivals.
 *        The new threshold applies from the next cycle.
 * Init:  threshold = thr_max (no COMPUTE seen yet), counters 0,
 *        wrr_cls = COMPUTE with wrr_left = its weight.
 * Parameters with thr_min > thr_max are taken as thr_min = thr_max.
 */
#include <stdbool.h>
#include <string.h>

#include "mc/class_arb.h"
#include "mc/policy_list.h"

#define CMP 0
#define COM 1
#define SAT16 0xFFFFu

#define NAME(name, id) [id] = #name,
static const char *const carb_names[LG_CARB_NPOLICY] = { LG_CARB_POLICIES(NAME) };
#undef NAME

int lg_carb_policy_parse(const char *name)
{
	for (int i = 0; i < LG_CARB_NPOLICY; i++)
		if (name && !strcmp(name, carb_names[i]))
			return i;
	return -1;
}

const char *lg_carb_policy_name(int policy)
{
	if (policy < 0 || policy >= LG_CARB_NPOLICY)
		return "?";
	return carb_names[policy];
}

/* A WRR weight, 0 read as 1 (a turn always holds at least one grant). */
static uint8_t wrr_weight(const lg_carb_params *p, int cls)
{
	return p->wrr_weight[cls] ? p->wrr_weight[cls] : 1;
}

/* The lower threshold bound, clipped to the upper one. */
static uint16_t thr_min(const lg_carb_params *p)
{
	return p->mca_thr_min > p->mca_thr_max ? p->mca_thr_max : p->mca_thr_min;
}

void lg_carb_init(lg_carb_state *st, const lg_carb_params *p)
{
	memset(st, 0, sizeof(*st));
	st->threshold = p->mca_thr_max;
	st->wrr_cls = CMP;
	st->wrr_left = wrr_weight(p, CMP);
}

/* WRR: pass an idle turn, then grant the turn's class. */
static uint8_t step_wrr(lg_carb_state *st, const lg_carb_params *p, const lg_carb_in *in)
{
	int c = st->wrr_cls & 1, o = c ^ 1;

	if (!in->ready[c] && in->ready[o]) {
		st->wrr_cls = (uint8_t)o;
		st->wrr_left = wrr_weight(p, o);
		c = o;
	}
	return (uint8_t)(1u << c);
}

/* MCA: the threshold gate, the starvation limit and the window. */
static uint8_t step_mca(lg_carb_state *st, const lg_carb_params *p, const lg_carb_in *in,
			uint8_t *forced)
{
	uint32_t occ = (uint32_t)in->occ[CMP] + in->occ[COM];
	uint32_t arr = (uint32_t)st->epoch_arrivals + in->arrived[CMP];
	uint16_t lo = thr_min(p), span = (uint16_t)(p->mca_thr_max - lo);
	bool open = occ < st->threshold;
	uint8_t allow;

	*forced = in->ready[COM] && !open && p->starve_limit && st->starve >= p->starve_limit;
	if (*forced)
		allow = LG_CARB_ALLOW_COMM;
	else
		allow = LG_CARB_ALLOW_COMPUTE | (open ? LG_CARB_ALLOW_COMM : 0);
	if (in->ready[COM] && !(allow & LG_CARB_ALLOW_COMM))
		st->starve = (uint16_t)(st->starve + (st->starve < SAT16));
	else if (in->ready[COM] || in->occ[COM] == 0)
		st->starve = 0;
	if (arr > SAT16)
		arr = SAT16;
	if ((uint32_t)st->epoch_cycle + 1 >= p->mca_window) {
		st->threshold = (uint16_t)(p->mca_thr_max - (arr < span ? arr : span));
		st->epoch_cycle = 0;
		st->epoch_arrivals = 0;
	} else {
		st->epoch_cycle++;
		st->epoch_arrivals = (uint16_t)arr;
	}
	return allow;
}

void lg_carb_step(lg_carb_state *st, const lg_carb_params *p, const lg_carb_in *in,
		  lg_carb_out *out)
{
	uint8_t forced = 0, allow;

	switch (p->policy) {
	case LG_CARB_PRIO:
		allow = LG_CARB_ALLOW_COMPUTE | (in->ready[CMP] ? 0 : LG_CARB_ALLOW_COMM);
		break;
	case LG_CARB_WRR:
		allow = step_wrr(st, p, in);
		break;
	case LG_CARB_MCA:
		allow = step_mca(st, p, in, &forced);
		break;
	default:
		allow = LG_CARB_ALLOW_COMPUTE | LG_CARB_ALLOW_COMM;
		break;
	}
	out->allow = allow;
	out->forced = forced;
}

void lg_carb_issued(lg_carb_state *st, const lg_carb_params *p, int cls)
{
	if (p->policy != LG_CARB_WRR || cls != (st->wrr_cls & 1))
		return;
	if (st->wrr_left > 1) {
		st->wrr_left--;
		return;
	}
	st->wrr_cls = (uint8_t)(cls ^ 1);
	st->wrr_left = wrr_weight(p, cls ^ 1);
}
