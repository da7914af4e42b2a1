/*
 * 704: the presets load (lg_cfg_load_file) and say what their headers say.
 * configs/lite-gpu.ini is about a quarter of configs/h100.ini, both use
 * configs/hbm3.ini's DRAM values (h100 with five stacks' channels), and
 * the L2 slices and crossbar they describe can be built.
 */
#include <math.h>

#include "lg_check.h"
#include "l2_testlib.h"
#include "dram/dram_spec.h"

static void load(lg_cfg *c, const char *name)
{
	char path[512];
	lg_err e;

	snprintf(path, sizeof(path), "%s/configs/%s", LG_ROOT, name);
	lg_cfg_defaults(c);
	ck_assert_msg(lg_cfg_load_file(c, path, &e) == 0, "%s", e.msg);
}

START_TEST(every_preset_loads)
{
	static const char *const names[] = {
		"hbm2.ini", "hbm3.ini", "hbm3-ramulator2-2gbps.ini", "lite-gpu.ini", "h100.ini"
	};
	lg_cfg c;

	for (int i = 0; i < 5; i++)
		load(&c, names[i]);
}
END_TEST

/* JESD238: 32 x 32-bit pseudo-channels, 32 B bursts; 5.2 Gb/s: 665.6 GB/s a stack. */
START_TEST(hbm3_is_a_1024_bit_stack_at_5_2_gbps)
{
	lg_cfg c;
	lg_dram_spec s;
	lg_err e;

	load(&c, "hbm3.ini");
	ck_assert_msg(lg_dram_spec_from_cfg(&s, &c, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(s.channels * s.pcs * s.bus_width, 1024);
	ck_assert_int_eq(s.request_bytes, 32);
	/* 32 B per 4 tCK of 0.384615 ns: 20.8 GB/s per pseudo-channel */
	ck_assert_double_eq_tol(lg_dram_peak_GBps(&s) * lg_dram_units(&s), 665.6, 0.1);
	/* the old preset: 2,048 bits at 2 Gb/s = 512 GB/s */
	load(&c, "hbm3-ramulator2-2gbps.ini");
	ck_assert_msg(lg_dram_spec_from_cfg(&s, &c, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(s.channels * s.pcs * s.bus_width, 2048);
	ck_assert_double_eq_tol(lg_dram_peak_GBps(&s) * lg_dram_units(&s), 512.0, 0.1);
}
END_TEST

/* The DRAM keys of p equal those of hbm3.ini, but for system.channels. */
static void same_dram(const lg_cfg *p, const lg_cfg *h)
{
	static const char *const secs[] = { "dram_structure", "timing", "power", "system", "mc" };
	size_t n;
	const lg_key *k = lg_cfg_keys(&n);

	for (size_t i = 0; i < n; i++) {
		size_t sz = k[i].type == LG_KT_INT ? sizeof(int64_t) : k[i].type == LG_KT_FLOAT ?
			sizeof(double) : k[i].type == LG_KT_BOOL ? sizeof(bool) : sizeof(lg_cfgstr);
		bool dram = false;

		for (int j = 0; j < 5; j++)
			dram |= strcmp(k[i].section, secs[j]) == 0;
		if (!dram || !strcmp(k[i].name, "channels"))
			continue;
		ck_assert_msg(memcmp((const char *)p + k[i].offset, (const char *)h + k[i].offset,
				     sz) == 0, "%s.%s differs from hbm3.ini", k[i].section, k[i].name);
	}
}

START_TEST(lite_gpu_is_a_quarter_of_h100)
{
	static lg_cfg l, h, m;
	double tf_l, tf_h;

	load(&l, "lite-gpu.ini");
	load(&h, "h100.ini");
	load(&m, "hbm3.ini");
	same_dram(&l, &m);
	same_dram(&h, &m);
	ck_assert_int_eq(l.die.cus, 32);
	ck_assert_int_eq(h.die.cus, 132);
	ck_assert_int_eq(l.system.channels, 16);         /* one stack */
	ck_assert_int_eq(h.system.channels, 5 * 16);     /* five stacks */
	ck_assert_int_eq(h.l2.bytes, 52428800);          /* 50 MB as CUDA reports it */
	ck_assert_int_eq(4 * l.l2.bytes, h.l2.bytes);
	ck_assert_int_eq(4 * l.l2.slices, h.l2.slices);
	/* dense bf16: 132 x 4,096 x 1.83 GHz = 989.4 TFLOP/s; 32 CUs: 239.9 */
	tf_h = h.die.cus * h.cu.mma_bf16_flops_per_cycle * h.die.core_clock_mhz * 1e6 / 1e12;
	tf_l = l.die.cus * l.cu.mma_bf16_flops_per_cycle * l.die.core_clock_mhz * 1e6 / 1e12;
	ck_assert_double_eq_tol(tf_h, 989.4, 0.5);
	ck_assert_double_eq_tol(tf_l, 239.9, 0.5);
}
END_TEST

static bool never(void *ctx, lg_req *r, lg_ps now)
{
	(void)ctx;
	(void)r;
	(void)now;
	return false;
}

/* One slice and a crossbar of each die preset can be built from its keys. */
START_TEST(the_presets_build_slices_and_a_crossbar)
{
	static const char *const names[] = { "lite-gpu.ini", "h100.ini" };

	for (int i = 0; i < 2; i++) {
		static lg_cfg c;
		lg_l2_params p;
		lg_xbar_params xp = { 0 };
		lg_l2_hash h;
		lg_port in, out, *cq, *cr, *sq, *sr;
		lg_l2 *l2;
		lg_xbar *x;
		lg_err e;

		load(&c, names[i]);
		ck_assert_int_eq(lg_l2_hash_init(&h, c.l2.hash, (uint32_t)c.l2.slices,
						 (uint32_t)c.l2.line_bytes, &e), 0);
		lg_l2_params_from_cfg(&p, &c, 32);
		ck_assert_uint_eq(p.bytes, 524288);      /* 512 KiB slices, as A100's */
		ck_assert_uint_eq(p.clk.period_ps, 546); /* 1 / 1.83 GHz */
		ck_assert_int_eq(lg_port_init(&in, 96), 0);
		ck_assert_int_eq(lg_port_init(&out, lg_l2_out_depth(&c)), 0);
		p.hash = &h;
		p.in = &in;
		p.out = &out;
		p.mem = (lg_memside){ .ctx = NULL, .try_push = never };
		l2 = lg_l2_create(&p, &e);
		ck_assert_msg(l2 != NULL, "%s", e.msg);
		lg_l2_destroy(l2);
		lg_xbar_params_from_cfg(&xp, &c);
		ck_assert_uint_eq(xp.req_latency + p.hit_latency + xp.resp_latency, 244);
		xp.cus = 1;
		xp.slices = (uint32_t)c.l2.slices;
		cq = cr = &in;
		sq = sr = &out;
		xp.cu_req = &cq;
		xp.cu_resp = &cr;
		xp.l2_req = calloc(xp.slices, sizeof(lg_port *));
		xp.l2_resp = calloc(xp.slices, sizeof(lg_port *));
		for (uint32_t j = 0; j < xp.slices; j++)
			xp.l2_req[j] = xp.l2_resp[j] = sq;
		(void)sr;
		xp.hash = &h;
		x = lg_xbar_create(&xp, &e);
		ck_assert_msg(x != NULL, "%s", e.msg);
		lg_xbar_destroy(x);
		free(xp.l2_req);
		free(xp.l2_resp);
		lg_port_free(&in);
		lg_port_free(&out);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("704-presets-load");
	TCase *tc = tcase_create("presets");

	tcase_add_test(tc, every_preset_loads);
	tcase_add_test(tc, hbm3_is_a_1024_bit_stack_at_5_2_gbps);
	tcase_add_test(tc, lite_gpu_is_a_quarter_of_h100);
	tcase_add_test(tc, the_presets_build_slices_and_a_crossbar);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
