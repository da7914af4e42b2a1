/*
 * 612: no estimate is a constant placeholder. Every area component changes
 * when an input it is computed from changes (and the total with it), and
 * every energy component changes when its own event count changes and
 * only then. Base die: the Lite-GPU preset, configs/lite-gpu.ini, which
 * has every area component including the tracker RTL block
 * (rtl/area/gates.tsv).
 */
#include <string.h>

#include "core/lg_config.h"
#include "est/area.h"
#include "est/energy.h"
#include "lg_check.h"

static void load(lg_cfg *c)
{
	char path[512];
	lg_err e;

	snprintf(path, sizeof(path), "%s/configs/lite-gpu.ini", LG_ROOT);
	lg_cfg_defaults(c);
	ck_assert_msg(lg_cfg_load_file(c, path, &e) == 0, "%s", e.msg);
}

static double comp(const lg_est_area *a, const char *name)
{
	for (int i = 0; i < a->ncomp; i++)
		if (!strcmp(a->comp[i].name, name))
			return a->comp[i].mm2;
	ck_abort_msg("no component %s", name);
	return 0;
}

static const struct {
	const char *set;          /* -s override */
	const char *changes[6];   /* components that must change */
} cases[] = {
	{ "die.cus=20", { "cu_logic", "rf", "smem_l1" } },
	{ "estimate.spare_cus=0", { "cu_logic", "rf", "smem_l1" } },
	{ "cu.mma_bf16_flops_per_cycle=2048", { "cu_logic" } },
	{ "cu.registers=32768", { "rf" } },
	{ "cu.smem_bytes=100000", { "smem_l1" } },
	{ "cu.l1_bytes=65536", { "smem_l1" } },
	{ "l2.bytes=25165824", { "l2" } },
	{ "estimate.spare_l2_bytes=0", { "l2" } },
	{ "estimate.hbm_stacks=2", { "hbm_phy" } },
	{ "system.channels=32", { "hbm_phy" } },
	{ "estimate.link_GBps=900", { "links" } },
	{ "estimate.link_kind=electrical", { "links" } },
	{ "tracker.entries=32", { "rtl.tracker" } },
	{ "tracker.ports=1", { "rtl.tracker" } },
	{ "estimate.logic_util=0.6", { "cu_logic", "rtl.tracker" } },
	{ "estimate.node=n7", { "cu_logic", "rf", "smem_l1", "l2", "rtl.tracker" } },
	{ "estimate.whitespace=1.3", { NULL } },
};

START_TEST(every_area_component_follows_its_inputs)
{
	static lg_cfg c;
	static lg_est_area base, a;
	lg_err e;
	int i = _i;

	load(&c);
	ck_assert_msg(lg_est_area_from_cfg(&c, NULL, &base, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(base.nmissing, 0);
	ck_assert_msg(lg_cfg_set_override(&c, cases[i].set, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_est_area_from_cfg(&c, NULL, &a, &e) == 0, "%s", e.msg);
	for (int k = 0; k < 6 && cases[i].changes[k]; k++) {
		const char *n = cases[i].changes[k];

		ck_assert_msg(comp(&a, n) != comp(&base, n), "%s did not change %s (%g)",
			      cases[i].set, n, comp(&a, n));
	}
	ck_assert_msg(a.total_mm2 != base.total_mm2, "%s did not change the total",
		      cases[i].set);
}
END_TEST

/* Energy: one count at a time; exactly its component and the total move. */
#define NFIELDS 12
static double field(const lg_est_energy_out *o, int f)
{
	const double v[NFIELDS] = { o->alu, o->mma, o->rf, o->smem, o->l1, o->l2, o->xbar,
				    o->dram_core, o->dram_io, o->nmc, o->link_elec, o->link_opt };
	return v[f];
}

static void bump(lg_est_events *ev, int f, int sub)
{
	switch (f) {
	case 0: ev->alu_ops[sub % LG_EST_ALU_N] += 1000; break;
	case 1: ev->mma_flops[sub % LG_EST_DTYPE_N] += 1000; break;
	case 2: if (sub & 1) ev->rf_writes += 1000; else ev->rf_reads += 1000; break;
	case 3: ev->smem_accesses += 1000; break;
	case 4: ev->l1_accesses += 1000; break;
	case 5: ev->l2_accesses += 1000; break;
	case 6: if (sub & 1) ev->xbar_mm *= 2; else ev->xbar_bytes += 1000; break;
	case 7: ev->dram_core_pJ += 1000; break;
	case 8: ev->dram_io_bytes += 1000; break;
	case 9: ev->nmc_bytes[sub % LG_EST_DTYPE_N] += 1000; break;
	case 10: ev->link_bytes_elec += 1000; break;
	case 11: ev->link_bytes_opt += 1000; break;
	}
}

START_TEST(every_energy_component_follows_its_count)
{
	const lg_est_node *n = lg_est_node_find("n4");
	lg_est_events base = {
		.alu_ops = { 10, 10, 10 }, .mma_flops = { 10, 10, 10, 10, 10 },
		.rf_reads = 10, .rf_writes = 10, .smem_accesses = 10, .l1_accesses = 10,
		.l2_accesses = 10, .xbar_bytes = 10, .xbar_mm = 5, .dram_core_pJ = 10,
		.dram_io_bytes = 10, .nmc_bytes = { 10, 10, 10, 10, 10 },
		.link_bytes_elec = 10, .link_bytes_opt = 10,
	};
	lg_est_energy_out o0, o1;

	lg_est_energy(n, &base, &o0);
	for (int f = 0; f < NFIELDS; f++) {
		for (int sub = 0; sub < LG_EST_DTYPE_N; sub++) {
			lg_est_events ev = base;

			bump(&ev, f, sub);
			lg_est_energy(n, &ev, &o1);
			for (int g = 0; g < NFIELDS; g++) {
				if (g == f)
					ck_assert_msg(field(&o1, g) > field(&o0, g),
						      "component %d did not grow (sub %d)", f, sub);
				else
					ck_assert_msg(field(&o1, g) == field(&o0, g),
						      "component %d moved with count %d", g, f);
			}
			ck_assert(o1.total > o0.total);
		}
	}
}
END_TEST

START_TEST(node_energies_differ_between_nodes)
{
	lg_est_events ev = { .alu_ops = { 1, 1, 1 }, .mma_flops = { 1, 1, 1, 1, 1 },
			     .rf_reads = 1, .smem_accesses = 1, .l1_accesses = 1,
			     .l2_accesses = 1, .xbar_bytes = 1, .xbar_mm = 1,
			     .nmc_bytes = { 1, 1, 1, 1, 1 } };
	lg_est_energy_out a, b;

	lg_est_energy(lg_est_node_find("n45"), &ev, &a);
	lg_est_energy(lg_est_node_find("n7"), &ev, &b);
	for (int g = 0; g < 7; g++)
		ck_assert_msg(field(&a, g) > field(&b, g), "component %d: 45 nm not above 7 nm", g);
	ck_assert(a.nmc > b.nmc);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("est-placeholders");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, every_area_component_follows_its_inputs, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, every_energy_component_follows_its_count);
	tcase_add_test(tc, node_energies_differ_between_nodes);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
