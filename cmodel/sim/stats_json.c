/*
 * The stats JSON and the summary of a run (keys in docs/stats.md).
 *
 * Layout:
 *   sim        simulated_ns, wall_seconds, loop_iterations, config, traces
 *   dram       totals over every channel of every die (requests, bandwidth,
 *              latency percentiles, row hits, command counts)
 *   energy_pJ  total and the DRAM breakdown, over every die
 *   area_mm2   total 0 and no components: DRAM-only dies build no die logic
 *   data       the first die's data check (sim.data), if it ran
 *   tracker    the first die's tracker, if it has one
 *   dies[i]    per die: channels[u] (the same counters per channel or
 *              pseudo-channel), its tracker, DMA engine and data check, if any
 * Totals over several dies convert cycles with the first die's tCK (every
 * die of a run has the same DRAM today). Each printer sums the counters of
 * a die once (die_sum, run_sum) and hands the sums down.
 */
#include <stdlib.h>
#include <string.h>

#include "dram/dram_energy.h"
#include "est/area.h"
#include "est/energy.h"
#include "sim/stats_json.h"

/* The first die's controller: its spec converts the totals. */
static const lg_dram_spec *spec0(const lg_report *r)
{
	return lg_mc_spec(lg_die_mc(r->dies[0]));
}

/* Sum of every unit's counters of every controller (stack) of die d. */
static void die_stats(const lg_die *d, lg_mc_stats *t)
{
	memset(t, 0, sizeof(*t));
	for (unsigned k = 0; k < lg_die_nmc(d); k++) {
		const lg_mc *mc = lg_die_mc_at(d, k);
		int n = lg_dram_units(lg_mc_spec(mc));

		for (int u = 0; u < n; u++)
			lg_mc_stats_add(t, lg_mc_unit_stats(mc, (unsigned)u));
	}
}

/* Die d's counters (die_stats) and the DRAM energy they cost. */
static void die_dram(const lg_die *d, lg_mc_stats *t, lg_dram_energy *en)
{
	die_stats(d, t);
	lg_dram_energy_calc(lg_mc_spec(lg_die_mc(d)), lg_die_cfg(d), t->cmds, t->act_cycles,
			    t->pre_cycles, en);
}

/* en += x, every field. */
static void energy_add(lg_dram_energy *en, const lg_dram_energy *x)
{
	en->total += x->total;
	en->act += x->act;
	en->rd += x->rd;
	en->wr += x->wr;
	en->ref += x->ref;
	en->refb += x->refb;
	en->act_stb += x->act_stb;
	en->pre_stb += x->pre_stb;
}

/* Peak DRAM GB/s of every die. */
static double peak_GBps(const lg_report *r)
{
	double peak = 0;

	for (int i = 0; i < r->ndies; i++) {
		const lg_dram_spec *sp = lg_mc_spec(lg_die_mc(r->dies[i]));

		peak += lg_dram_peak_GBps(sp) * lg_dram_units(sp) * lg_die_nmc(r->dies[i]);
	}
	return peak;
}

/* Simulated time of the run in ns. */
static double sim_ns(const lg_report *r)
{
	return (double)r->res->end / 1000.0;
}

/* a / b, 0 when b is 0. */
static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* Latency object in ns from a histogram of tCK cycles. */
static void latency(lg_json *j, const char *key, const lg_hist *h, double tck)
{
	lg_json_obj_begin(j, key);
	lg_json_u64(j, "count", h->n);
	lg_json_f64(j, "mean", h->n ? (double)h->sum / (double)h->n * tck : 0.0);
	lg_json_f64(j, "p50", (double)lg_hist_quantile(h, 0.50) * tck);
	lg_json_f64(j, "p99", (double)lg_hist_quantile(h, 0.99) * tck);
	lg_json_f64(j, "max", (double)h->max * tck);
	lg_json_obj_end(j);
}

/* The dram.commands object: aggregates and per-command detail. */
static void commands(lg_json *j, const uint64_t *c)
{
	lg_json_obj_begin(j, "commands");
	lg_json_u64(j, "ACT", c[LG_CMD_ACT]);
	lg_json_u64(j, "PRE", c[LG_CMD_PRE] + c[LG_CMD_PREA]);
	lg_json_u64(j, "RD", c[LG_CMD_RD] + c[LG_CMD_RDA]);
	lg_json_u64(j, "WR", c[LG_CMD_WR] + c[LG_CMD_WRA]);
	lg_json_u64(j, "REF", c[LG_CMD_REFAB] + c[LG_CMD_REFPB]);
	lg_json_obj_begin(j, "detail");
	for (int i = 0; i < LG_CMD_N; i++)
		lg_json_u64(j, lg_cmd_name((lg_cmd)i), c[i]);
	lg_json_obj_end(j);
	lg_json_obj_end(j);
}

/* The DRAM energy keys (docs/stats.md). */
static void energy_breakdown(lg_json *j, const lg_dram_energy *en)
{
	lg_json_f64(j, "act", en->act);
	lg_json_f64(j, "rd", en->rd);
	lg_json_f64(j, "wr", en->wr);
	lg_json_f64(j, "ref", en->ref);
	lg_json_f64(j, "refb", en->refb);
	lg_json_f64(j, "background", en->act_stb + en->pre_stb);
	lg_json_f64(j, "act_standby", en->act_stb);
	lg_json_f64(j, "pre_standby", en->pre_stb);
}

/* Counters shared by the dram object and each channel object. */
static void dram_block(lg_json *j, const lg_report *r, const lg_dram_spec *sp, const lg_mc_stats *s)
{
	double ns = sim_ns(r);

	lg_json_u64(j, "requests", s->reads + s->writes);
	lg_json_u64(j, "reads", s->reads);
	lg_json_u64(j, "writes", s->writes);
	lg_json_u64(j, "bytes", s->bytes);
	lg_json_f64(j, "bandwidth_GBps", ns > 0 ? (double)s->bytes / ns : 0.0);
	latency(j, "read_latency_ns", &s->rd_lat, sp->tCK_ns);
	latency(j, "write_latency_ns", &s->wr_lat, sp->tCK_ns);
	lg_json_f64(j, "row_hit_rate", ratio(s->row_hits, s->row_hits + s->row_misses + s->row_conflicts));
	lg_json_u64(j, "row_hits", s->row_hits);
	lg_json_u64(j, "row_misses", s->row_misses);
	lg_json_u64(j, "row_conflicts", s->row_conflicts);
	commands(j, s->cmds);
	lg_json_u64(j, "write_drains", s->drain_entries);
	lg_json_u64(j, "queue_full_rejections", s->queue_full);
	lg_json_u64(j, "active_standby_cycles", s->act_cycles);
	lg_json_u64(j, "precharge_standby_cycles", s->pre_cycles);
}

/* The NMC ALU's energy of counters s: bytes reduced per dtype x the [nmc] keys. */
static double nmc_alu_pJ(const lg_cfg *cfg, const lg_mc_stats *s)
{
	const double pj[LG_DT_COUNT] = { 0.0, cfg->nmc.pj_per_byte_fp32,
		cfg->nmc.pj_per_byte_bf16, cfg->nmc.pj_per_byte_fp16,
		cfg->nmc.pj_per_byte_fp8 };
	double alu = 0.0;

	for (int d = 1; d < LG_DT_COUNT; d++)
		alu += pj[d] * (double)s->nmc_bytes[d];
	return alu;
}

/*
 * The traffic-class and NMC keys of a dram object (totals or one unit):
 * dram.classes.{compute,comm} (requests, bytes, bandwidth, read latency,
 * mean queue occupancy, cycles held back by the class arbiter) and
 * dram.nmc (requests, bytes reduced per dtype, ALU energy from [nmc]).
 * Queue occupancy of the totals is the sum over units.
 */
static void classes_block(lg_json *j, const lg_cfg *cfg, const lg_dram_spec *sp, double ns,
			  const lg_mc_stats *s)
{
	static const char *const cls[LG_TC_COUNT] = { "compute", "comm" };
	static const char *const dts[LG_DT_COUNT] = { "none", "fp32", "bf16", "fp16", "fp8-e4m3" };
	double cycles = ns / sp->tCK_ns;

	lg_json_obj_begin(j, "classes");
	lg_json_str(j, "policy", cfg->mc.class_policy);
	for (int c = 0; c < LG_TC_COUNT; c++) {
		lg_json_obj_begin(j, cls[c]);
		lg_json_u64(j, "requests", s->cls_reqs[c]);
		lg_json_u64(j, "bytes", s->cls_reqs[c] * (uint64_t)sp->request_bytes);
		lg_json_f64(j, "bandwidth_GBps", ns > 0 ?
			    (double)(s->cls_reqs[c] * (uint64_t)sp->request_bytes) / ns : 0.0);
		latency(j, "read_latency_ns", &s->cls_rd_lat[c], sp->tCK_ns);
		lg_json_f64(j, "queue_occupancy_mean",
			    cycles > 0 ? (double)s->cls_occ_area[c] / cycles : 0.0);
		lg_json_u64(j, "held_cycles", s->cls_held[c]);
		lg_json_obj_end(j);
	}
	lg_json_u64(j, "forced_cycles", s->cls_forced);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "nmc");
	lg_json_u64(j, "nmc_requests", s->nmcs);
	lg_json_obj_begin(j, "bytes");
	for (int d = 1; d < LG_DT_COUNT; d++)
		lg_json_u64(j, dts[d], s->nmc_bytes[d]);
	lg_json_obj_end(j);
	lg_json_f64(j, "alu_energy_pJ", nmc_alu_pJ(cfg, s));
	lg_json_obj_end(j);
}

/* The sim object. */
static void sim_block(lg_json *j, const lg_report *r)
{
	lg_json_obj_begin(j, "sim");
	lg_json_f64(j, "simulated_ns", sim_ns(r));
	lg_json_f64(j, "wall_seconds", r->res->wall_seconds);
	lg_json_u64(j, "loop_iterations", r->res->iterations);
	lg_json_str(j, "config", r->config_path);
	lg_json_arr_begin(j, "traces");
	for (int i = 0; i < r->ntraces; i++)
		lg_json_str(j, NULL, r->traces[i]);
	lg_json_arr_end(j);
	lg_json_obj_end(j);
}

/* The channel objects of stack k of die d ("stack" only on multi-stack dies). */
static void stack_channels(lg_json *j, const lg_report *r, const lg_die *d, unsigned k)
{
	const lg_mc *mc = lg_die_mc_at(d, k);
	const lg_dram_spec *sp = lg_mc_spec(mc);
	int n = lg_dram_units(sp);

	for (int u = 0; u < n; u++) {
		const lg_mc_stats *s = lg_mc_unit_stats(mc, (unsigned)u);
		lg_dram_energy en;

		lg_dram_energy_calc(sp, lg_die_cfg(d), s->cmds, s->act_cycles, s->pre_cycles, &en);
		lg_json_obj_begin(j, NULL);
		if (lg_die_nmc(d) > 1)
			lg_json_u64(j, "stack", k);
		lg_json_u64(j, "channel", (uint64_t)(u / sp->pcs));
		lg_json_u64(j, "pseudo_channel", (uint64_t)(u % sp->pcs));
		dram_block(j, r, sp, s);
		classes_block(j, lg_die_cfg(d), sp, sim_ns(r), s);
		lg_json_obj_begin(j, "energy_pJ");
		lg_json_f64(j, "total", en.total);
		energy_breakdown(j, &en);
		lg_json_obj_end(j);
		lg_json_obj_end(j);
	}
}

/* channels[u] of die d: one object per unit (of every stack, in stack order). */
static void channels(lg_json *j, const lg_report *r, const lg_die *d)
{
	lg_json_arr_begin(j, "channels");
	for (unsigned k = 0; k < lg_die_nmc(d); k++)
		stack_channels(j, r, d, k);
	lg_json_arr_end(j);
}

/* The compute-side totals of die d (CU counters summed, L2, crossbar). */
typedef struct compute_sum {
	lg_cu_stats cu;
	lg_l2_stats l2;          /* summed over slices */
	lg_xbar_stats xb;
	uint64_t core_cycles;
	double flops[LG_CU_NDT];
} compute_sum;

/*
 * What the printers need of one die, summed once: its DRAM energy and
 * bytes, and on a die with CUs the compute totals and, when its node is
 * usable, its est area and energy per component.
 */
typedef struct die_sum {
	lg_dram_energy en;       /* of the counters of every unit of every stack */
	double nmc_pJ;           /* the NMC ALU's energy (nmc_alu_pJ) over the same counters */
	uint64_t dram_bytes;
	bool compute;            /* a die with CUs: c is set */
	compute_sum c;
	bool est;                /* a and o are set */
	lg_est_area a;
	lg_est_energy_out o;
} die_sum;

/* The run: the counters and DRAM energy over every die, and each die's sums. */
typedef struct run_sum {
	lg_mc_stats t;
	lg_dram_energy en;
	lg_mc_stats s;           /* scratch: one die's counters */
	die_sum *d;              /* [ndies] */
} run_sum;

static void compute_totals(const lg_report *r, const lg_die *d, compute_sum *c)
{
	const lg_cfg *cfg = lg_die_cfg(d);

	memset(c, 0, sizeof(*c));
	for (unsigned i = 0; i < lg_die_ncu(d); i++)
		lg_cu_stats_add(&c->cu, lg_cu_stats_get(lg_die_cu(d, i)));
	for (unsigned k = 0; k < lg_die_nslices(d); k++) {
		const uint64_t *a = (const uint64_t *)lg_l2_stats_get(lg_die_l2(d, k));
		uint64_t *t = (uint64_t *)&c->l2;

		for (size_t f = 0; f < sizeof(c->l2) / sizeof(uint64_t); f++)
			t[f] += a[f];
	}
	lg_xbar_stats_get(lg_die_xbar(d), &c->xb);
	c->core_cycles = (uint64_t)((double)r->res->end * cfg->die.core_clock_mhz / 1e6);
	for (unsigned t = 0; t < LG_CU_NDT; t++)
		c->flops[t] = (double)c->cu.mma_flops[t];
}

/* Bytes per ns = GB/s over the run. */
static double gbps(const lg_report *r, uint64_t bytes)
{
	double ns = sim_ns(r);

	return ns > 0 ? (double)bytes / ns : 0.0;
}

static void compute_energy(lg_json *j, const lg_report *r, const die_sum *ds);

/* The compute keys of dies[i] (docs/stats.md, "Dies with CUs"), from its sums ds. */
static void compute_block(lg_json *j, const lg_report *r, const lg_die *d, const die_sum *ds)
{
	const compute_sum *c = &ds->c;
	uint64_t rd_hits, rd_acc;

	lg_json_u64(j, "cycles", c->core_cycles);
	lg_json_u64(j, "cus", lg_die_ncu(d));
	lg_json_u64(j, "mem_stacks", lg_die_nmc(d));
	lg_ksched_stats_json(j, lg_die_ksched(d));
	lg_json_obj_begin(j, "tflops");
	for (unsigned t = 0; t < LG_CU_NDT; t++)
		lg_json_f64(j, lg_cu_dt_name(t), sim_ns(r) > 0 ? c->flops[t] / sim_ns(r) / 1e3 : 0.0);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "warp_stalls");
	for (unsigned i = 0; i < LG_CU_NSTALL; i++)
		lg_json_u64(j, lg_cu_stall_name(i), c->cu.stall[i]);
	lg_json_obj_end(j);
	lg_json_f64(j, "l1_hit_rate", ratio(c->cu.l1_hits, c->cu.l1_hits + c->cu.l1_misses));
	rd_hits = c->l2.hits[LG_OP_RD];
	rd_acc = c->l2.accesses[LG_OP_RD];
	lg_json_f64(j, "l2_hit_rate", ratio(rd_hits, rd_acc));
	lg_json_obj_begin(j, "cu");
	lg_cu_stats_json(j, &c->cu);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "l2");
	lg_json_u64(j, "reads", c->l2.accesses[LG_OP_RD]);
	lg_json_u64(j, "read_hits", c->l2.hits[LG_OP_RD]);
	lg_json_u64(j, "writes", c->l2.accesses[LG_OP_WR]);
	lg_json_u64(j, "nmc", c->l2.accesses[LG_OP_NMC]);
	lg_json_u64(j, "mshr_merges", c->l2.mshr_merges);
	lg_json_u64(j, "fill_reqs", c->l2.fill_reqs);
	lg_json_u64(j, "writebacks", c->l2.writebacks);
	lg_json_u64(j, "flush_writebacks", c->l2.flush_writebacks);
	lg_json_u64(j, "wt_writes", c->l2.wt_writes);
	lg_json_u64(j, "evictions", c->l2.evictions);
	lg_json_u64(j, "mem_refusals", c->l2.mem_refusals);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "xbar");
	lg_json_u64(j, "req_bytes", c->xb.req.bytes);
	lg_json_u64(j, "req_data_bytes", c->xb.req.data_bytes);
	lg_json_u64(j, "resp_bytes", c->xb.resp.bytes);
	lg_json_u64(j, "resp_data_bytes", c->xb.resp.data_bytes);
	lg_json_f64(j, "bandwidth_GBps", gbps(r, c->xb.req.bytes + c->xb.resp.bytes));
	lg_json_f64(j, "data_bandwidth_GBps", gbps(r, c->xb.req.data_bytes + c->xb.resp.data_bytes));
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "dram_traffic");
	lg_json_u64(j, "useful_bytes", c->l2.dram_rd_useful + c->l2.dram_wr_useful + c->l2.dram_nmc_useful);
	lg_json_u64(j, "bus_bytes", c->l2.dram_rd_bus + c->l2.dram_wr_bus + c->l2.dram_nmc_bus);
	lg_json_f64(j, "useful_GBps", gbps(r, c->l2.dram_rd_useful + c->l2.dram_wr_useful + c->l2.dram_nmc_useful));
	lg_json_f64(j, "bus_GBps", gbps(r, c->l2.dram_rd_bus + c->l2.dram_wr_bus + c->l2.dram_nmc_bus));
	lg_json_obj_end(j);
	compute_energy(j, r, ds);
}

/* Event counts of a die with CUs for lg_est_energy (docs/stats.md, "Energy of dies with CUs"). */
static void die_events(const die_sum *ds, lg_est_events *ev)
{
	const compute_sum *c = &ds->c;

	memset(ev, 0, sizeof(*ev));
	ev->alu_ops[LG_EST_ALU_INT32] = c->cu.cls[LG_KT_ALU_INT] * 32;
	ev->alu_ops[LG_EST_ALU_FP32] = c->cu.cls[LG_KT_ALU_FP32] * 32;
	ev->alu_ops[LG_EST_ALU_FP16] = c->cu.cls[LG_KT_ALU_FP16] * 32;
	ev->mma_flops[LG_EST_FP8] = c->cu.mma_flops[LG_CU_DT_FP8];
	ev->mma_flops[LG_EST_FP16] = c->cu.mma_flops[LG_CU_DT_FP16];
	ev->mma_flops[LG_EST_BF16] = c->cu.mma_flops[LG_CU_DT_BF16];
	ev->mma_flops[LG_EST_TF32] = c->cu.mma_flops[LG_CU_DT_TF32];
	ev->rf_reads = c->cu.rf_reads * 32;
	ev->rf_writes = c->cu.rf_writes * 32;
	ev->smem_accesses = c->cu.smem_accesses;
	ev->l1_accesses = (c->cu.l1_hits + c->cu.l1_misses + 3) / 4;
	ev->l2_accesses = (c->l2.data_read_bytes + c->l2.data_write_bytes) / 32;
	ev->xbar_bytes = c->xb.req.bytes + c->xb.resp.bytes;
	ev->xbar_mm = lg_est_xbar_mm(&ds->a);
	ev->dram_core_pJ = ds->en.total;
	ev->nmc_pJ = ds->nmc_pJ;
	ev->dram_io_bytes = ds->dram_bytes;
}

/* Die d's sums into ds (its counters, scratch, into t too); est: the area and energy too. */
static void die_sum_of(const lg_report *r, const lg_die *d, bool est, die_sum *ds,
		       lg_mc_stats *scratch, lg_mc_stats *t)
{
	lg_est_events ev;
	lg_err e;

	die_dram(d, scratch, &ds->en);
	lg_mc_stats_add(t, scratch);
	ds->nmc_pJ = nmc_alu_pJ(lg_die_cfg(d), scratch);
	ds->dram_bytes = scratch->bytes;
	ds->compute = lg_die_ksched(d) != NULL;
	if (!ds->compute)
		return;
	compute_totals(r, d, &ds->c);
	ds->est = est && !lg_est_area_from_cfg(lg_die_cfg(d), NULL, &ds->a, &e);
	if (!ds->est)
		return;
	die_events(ds, &ev);
	lg_est_energy(ds->a.node, &ev, &ds->o);
}

/* The run's sums (est: with each die's area and energy); NULL when out of memory. */
static run_sum *run_sum_of(const lg_report *r, bool est)
{
	run_sum *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->d = calloc((size_t)r->ndies, sizeof(*s->d));
	if (!s->d) {
		free(s);
		return NULL;
	}
	for (int i = 0; i < r->ndies; i++) {
		die_sum_of(r, r->dies[i], est, &s->d[i], &s->s, &s->t);
		energy_add(&s->en, &s->d[i].en);
	}
	return s;
}

static void run_sum_free(run_sum *s)
{
	if (s)
		free(s->d);
	free(s);
}

/* Average power in W of energy pJ over the run (pJ/ns = mW). */
static double average_W(const lg_report *r, double pJ)
{
	return sim_ns(r) > 0 ? pJ / sim_ns(r) / 1e3 : 0.0;
}

/* dies[i].energy_pJ of a die with CUs: the modelled components only. */
static void compute_energy(lg_json *j, const lg_report *r, const die_sum *ds)
{
	const lg_est_energy_out *o = &ds->o;

	if (!ds->est)
		return;
	lg_est_energy_json(j, o, false); /* a die has no links */
	lg_json_f64(j, "power_W", average_W(r, o->total));
}

/*
 * The run's energy: each die with CUs counts all its modelled components
 * (dies[i].energy_pJ); a DRAM-only die counts its DRAM energy and its
 * NMC ALU's.
 */
static double run_energy(const lg_report *r, const run_sum *s)
{
	double sum = 0;

	for (int i = 0; i < r->ndies; i++)
		sum += s->d[i].est ? s->d[i].o.total : s->d[i].en.total + s->d[i].nmc_pJ;
	return sum;
}

/* The tracker block of die d: what it was given and what it triggered (times in ns). */
static void tracker_block(lg_json *j, const lg_die *d)
{
	const lg_trk *trk = lg_die_trk(d);
	const lg_trk_stats *w = lg_trk_stats_get(trk);
	const lg_tracker_stats *t = lg_trk_tracker_stats(trk);
	const lg_tracker_params *p = lg_trk_tparams(trk);
	double tck = lg_mc_spec(lg_die_mc(d))->tCK_ns;

	lg_json_obj_begin(j, "tracker");
	lg_json_u64(j, "entries", p->entries);
	lg_json_u64(j, "ports", p->ports);
	lg_json_u64(j, "tiles", w->tiles);
	lg_json_u64(j, "programs", t->programs);
	lg_json_u64(j, "program_wait_cycles", t->prog_full + w->prog_wait_idle);
	lg_json_u64(j, "writes_observed", t->observed);
	lg_json_u64(j, "misses", t->misses);
	lg_json_u64(j, "straddles", t->straddles);
	lg_json_u64(j, "saturations", t->saturations);
	lg_json_u64(j, "triggers", w->triggers);
	lg_json_u64(j, "tiles_not_triggered", w->tiles - w->triggers);
	lg_json_f64(j, "first_trigger_ns", (double)w->first_trigger * tck);
	lg_json_f64(j, "last_trigger_ns", (double)w->last_trigger * tck);
	lg_json_u64(j, "port_collisions", w->port_waits);
	lg_json_u64(j, "observe_fifo_full_cycles", w->obs_full);
	lg_json_u64(j, "trigger_stall_cycles", t->trig_stall);
	lg_json_obj_end(j);
}

/* Mean of sum over n, 0 when n is 0; ps to ns. */
static double mean_ns(uint64_t sum_ps, uint64_t n)
{
	return n ? (double)sum_ps / (double)n / 1000.0 : 0.0;
}

/* The DMA block of die d: what its engine moved and how long it waited (docs/stats.md). */
static void dma_block(lg_json *j, const lg_die *d)
{
	const lg_dma_stats *s = lg_dma_stats_get(lg_die_dma(d));

	lg_json_obj_begin(j, "dma");
	lg_json_u64(j, "descriptors", s->descriptors);
	lg_json_u64(j, "descriptors_from_triggers", s->triggers);
	lg_json_u64(j, "descriptors_done", s->desc_done);
	lg_json_u64(j, "bursts", s->bursts);
	lg_json_u64(j, "bytes_read", s->bytes_read);
	lg_json_u64(j, "bytes_sent", s->bytes_sent);
	lg_json_f64(j, "queue_delay_ns_mean", mean_ns(s->queue_delay_ps, s->desc_done));
	lg_json_f64(j, "queue_delay_ns_max", (double)s->queue_delay_max_ps / 1000.0);
	lg_json_f64(j, "latency_ns_mean", mean_ns(s->latency_ps, s->desc_done));
	lg_json_f64(j, "latency_ns_max", (double)s->latency_max_ps / 1000.0);
	lg_json_f64(j, "first_done_ns", (double)s->first_done / 1000.0);
	lg_json_f64(j, "last_done_ns", (double)s->last_done / 1000.0);
	lg_json_u64(j, "read_refused_cycles", s->read_refused);
	lg_json_u64(j, "credit_wait_cycles", s->credit_waits);
	lg_json_u64(j, "port_full_cycles", s->port_full);
	lg_json_u64(j, "queue_full_refusals", s->queue_full);
	lg_json_obj_begin(j, "rx");
	lg_json_u64(j, "bursts", s->rx_bursts);
	lg_json_u64(j, "bytes_copied", s->rx_bytes_copy);
	lg_json_u64(j, "bytes_reduced", s->rx_bytes_nmc);
	lg_json_u64(j, "refused_cycles", s->rx_refused);
	lg_json_f64(j, "last_landed_ns", (double)s->rx_last / 1000.0);
	lg_json_obj_end(j);
	lg_json_obj_end(j);
}

/* The data check of die d (sim.data). */
static void data_block(lg_json *j, const lg_dcheck_res *x)
{
	char hex[24];

	lg_json_obj_begin(j, "data");
	lg_json_bool(j, "match", x->match);
	lg_json_u64(j, "mismatch_bytes", x->mismatch_bytes);
	if (!x->match) {
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)x->first_mismatch);
		lg_json_str(j, "first_mismatch", hex);
	}
	lg_json_u64(j, "bytes_compared", x->bytes_compared);
	lg_json_u64(j, "pages", x->pages);
	lg_json_u64(j, "reference_pages", x->ref_pages);
	lg_json_obj_end(j);
}

/* dies[i]: per-die detail. */
static void dies(lg_json *j, const lg_report *r, const run_sum *s)
{
	lg_json_arr_begin(j, "dies");
	for (int i = 0; i < r->ndies; i++) {
		lg_json_obj_begin(j, NULL);
		if (s->d[i].compute)
			compute_block(j, r, r->dies[i], &s->d[i]);
		channels(j, r, r->dies[i]);
		if (!lg_die_ksched(r->dies[i]) && lg_die_dma(r->dies[i]))
			lg_json_f64(j, "trace_done_ns", (double)lg_die_trace_done(r->dies[i]) / 1000.0);
		if (lg_die_trk(r->dies[i]))
			tracker_block(j, r->dies[i]);
		if (lg_die_dma(r->dies[i]))
			dma_block(j, r->dies[i]);
		if (lg_die_data(r->dies[i]))
			data_block(j, lg_die_data(r->dies[i]));
		lg_json_obj_end(j);
	}
	lg_json_arr_end(j);
}

/*
 * area_mm2: the first die's area from the est API. A DRAM-only die builds
 * only its memory side, so only the HBM PHYs and its tracker count; when
 * the config cannot be estimated the block is absent, never a 0.
 */
static void area_block(lg_json *j, const lg_report *r, const run_sum *s)
{
	const lg_die *d = r->dies[0];
	lg_est_area a;
	lg_err e;

	if (s->d[0].compute) { /* estimated with its energy */
		if (s->d[0].est)
			lg_est_area_json(j, &s->d[0].a);
		return;
	}
	if (lg_est_area_from_cfg(lg_die_cfg(d), NULL, &a, &e))
		return;
	lg_est_area_memory_side(&a, lg_die_trk(d) != NULL);
	lg_est_area_json(j, &a);
}

/* Totals, energy, area, the first tracker and per-die detail. */
void lg_report_json(const lg_report *r, lg_json *j)
{
	run_sum *s = run_sum_of(r, true);
	double pJ;

	if (!s) {
		lg_json_fail(j, "out of memory while writing the stats");
		return;
	}
	pJ = run_energy(r, s);
	lg_json_obj_begin(j, NULL);
	sim_block(j, r);
	lg_json_obj_begin(j, "dram");
	dram_block(j, r, spec0(r), &s->t);
	classes_block(j, lg_die_cfg(r->dies[0]), spec0(r), sim_ns(r), &s->t);
	lg_json_f64(j, "peak_GBps", peak_GBps(r));
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "energy_pJ");
	lg_json_f64(j, "total", pJ);
	lg_json_obj_begin(j, "dram");
	energy_breakdown(j, &s->en);
	lg_json_obj_end(j);
	lg_json_obj_end(j);
	lg_json_f64(j, "power_W", average_W(r, pJ));
	area_block(j, r, s);
	for (int i = 0; i < r->ndies; i++)
		if (lg_die_data(r->dies[i])) {
			data_block(j, lg_die_data(r->dies[i]));
			break;
		}
	for (int i = 0; i < r->ndies; i++)
		if (lg_die_trk(r->dies[i])) {
			tracker_block(j, r->dies[i]);
			break;
		}
	dies(j, r, s);
	lg_json_obj_end(j);
	run_sum_free(s);
}

/* The kernel lines of a die with CUs: cycles, TFLOP/s, DRAM bandwidth. */
static void compute_summary(const lg_report *r, const lg_die *d, const die_sum *ds, FILE *f)
{
	const lg_ksched *k = lg_die_ksched(d);
	const compute_sum *c = &ds->c;
	uint64_t useful;

	useful = c->l2.dram_rd_useful + c->l2.dram_wr_useful + c->l2.dram_nmc_useful;
	fprintf(f, "cycles          %llu (core clock, %u kernels, %llu warp-instructions)\n",
		(unsigned long long)c->core_cycles, lg_ksched_nkernels(k),
		(unsigned long long)c->cu.issued);
	for (unsigned dt = 0; dt < LG_CU_NDT; dt++)
		if (c->flops[dt] > 0)
			fprintf(f, "achieved        %.3f TFLOP/s %s\n", c->flops[dt] / sim_ns(r) / 1e3,
				lg_cu_dt_name(dt));
	fprintf(f, "DRAM bandwidth  %.3f GB/s bus, %.3f GB/s useful\n", gbps(r, ds->dram_bytes), gbps(r, useful));
	fprintf(f, "L1/L2 hit rate  %.4f / %.4f\n",
		ratio(c->cu.l1_hits, c->cu.l1_hits + c->cu.l1_misses),
		ratio(c->l2.hits[LG_OP_RD], c->l2.accesses[LG_OP_RD]));
}

/* The DMA and data-check lines of die d, if it has them. */
static void dma_summary(const lg_die *d, bool named, FILE *f)
{
	const lg_dcheck_res *x = lg_die_data(d);

	if (lg_die_dma(d)) {
		const lg_dma_stats *s = lg_dma_stats_get(lg_die_dma(d));

		if (named)
			fprintf(f, "die %u ", lg_die_index(d));
		fprintf(f, "dma             %llu of %llu descriptors done, %llu bytes, last landed at %.3f us\n",
			(unsigned long long)s->desc_done, (unsigned long long)s->descriptors,
			(unsigned long long)s->bytes_sent, (double)s->rx_last / 1e6);
	}
	if (x) {
		if (named)
			fprintf(f, "die %u ", lg_die_index(d));
		if (x->match)
			fprintf(f, "data            match (%llu bytes compared)\n",
				(unsigned long long)x->bytes_compared);
		else
			fprintf(f, "data            MISMATCH: %llu bytes differ, first at 0x%llx\n",
				(unsigned long long)x->mismatch_bytes,
				(unsigned long long)x->first_mismatch);
	}
}

/* A few lines for people; scripts read the JSON. */
void lg_report_summary(const lg_report *r, FILE *f)
{
	const lg_dram_spec *sp = spec0(r);
	run_sum *s = run_sum_of(r, false);
	const lg_mc_stats *t;
	double ns = sim_ns(r);

	if (!s) {
		fputs("summary         out of memory\n", f);
		return;
	}
	t = &s->t;
	fprintf(f, "requests        %llu (%llu reads, %llu writes)\n",
		(unsigned long long)(t->reads + t->writes), (unsigned long long)t->reads,
		(unsigned long long)t->writes);
	fprintf(f, "simulated time  %.3f us\n", ns / 1000.0);
	fprintf(f, "bandwidth       %.3f GB/s (peak %.1f)\n", ns > 0 ? (double)t->bytes / ns : 0.0,
		peak_GBps(r));
	fprintf(f, "read latency    %.1f ns mean\n",
		t->rd_lat.n ? (double)t->rd_lat.sum / (double)t->rd_lat.n * sp->tCK_ns : 0.0);
	fprintf(f, "row-hit rate    %.4f\n", ratio(t->row_hits, t->row_hits + t->row_misses + t->row_conflicts));
	fprintf(f, "DRAM energy     %.6g pJ\n", s->en.total);
	for (int i = 0; i < r->ndies; i++)
		if (s->d[i].compute)
			compute_summary(r, r->dies[i], &s->d[i], f);
	for (int i = 0; i < r->ndies; i++) {
		const lg_trk *trk = lg_die_trk(r->dies[i]);
		const lg_trk_stats *w;

		if (!trk)
			continue;
		w = lg_trk_stats_get(trk);
		if (r->ndies > 1)
			fprintf(f, "die %u ", lg_die_index(r->dies[i]));
		fprintf(f, "tracker         %llu of %llu tiles triggered, last at %.3f us; %llu writes missed\n",
			(unsigned long long)w->triggers,
			(unsigned long long)w->tiles,
			(double)w->last_trigger * lg_mc_spec(lg_die_mc(r->dies[i]))->tCK_ns / 1000.0,
			(unsigned long long)lg_trk_tracker_stats(trk)->misses);
	}
	for (int i = 0; i < r->ndies; i++)
		dma_summary(r->dies[i], r->ndies > 1, f);
	fprintf(f, "wall time       %.3f s\n", r->res->wall_seconds);
	run_sum_free(s);
}
