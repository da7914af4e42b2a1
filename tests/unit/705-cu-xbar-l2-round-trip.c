/*
 * 705: fake CUs -> crossbar -> L2 slices -> fake memory side and back.
 * 4 CUs, 4 slices ("xor"), each slice 4 KiB, 4 ways, H = 10 cycles;
 * crossbar latency 6 cycles each way, 64 B/cycle links; memory M = 100
 * cycles. The loop ticks the crossbar first, then the slices, so a
 * request pushed by a CU at 0 is at its slice at 6, answered at 6 + H,
 * taken by the crossbar in that same step (it is ready by then) and at
 * the CU at 6 + H + 6 = 22 on a hit, 22 + M = 122 on a miss.
 */
#include "lg_check.h"
#include "l2_testlib.h"

#define NC 4
#define NSL 4
#define LAT 6
#define H 10
#define M 100

typedef struct rig {
	lg_port cq[NC], cr[NC], sq[NSL], sr[NSL];
	lg_port *pcq[NC], *pcr[NC], *psq[NSL], *psr[NSL];
	lg_l2_hash h;
	lg_xbar *x;
	lg_l2 *l2[NSL];
	fmem mem;
	lg_comp c[1 + NSL];
} rig;

static void rig_init(rig *g)
{
	lg_xbar_params xp = { 0 };
	lg_err e;

	memset(g, 0, sizeof(*g));
	ck_assert_int_eq(lg_l2_hash_init(&g->h, "xor", NSL, 128, &e), 0);
	for (int i = 0; i < NC; i++) {
		lg_port_init(&g->cq[i], 64);
		lg_port_init(&g->cr[i], LAT + 16);
		g->pcq[i] = &g->cq[i];
		g->pcr[i] = &g->cr[i];
	}
	g->mem.lat = M * NS;
	g->mem.done = lg_l2_mem_done;
	for (int j = 0; j < NSL; j++) {
		lg_l2_params p = { 0 };

		lg_port_init(&g->sq[j], LAT + 16);
		lg_port_init(&g->sr[j], H + 16);
		g->psq[j] = &g->sq[j];
		g->psr[j] = &g->sr[j];
		p.id = (uint32_t)j;
		p.bytes = 4096;
		p.ways = 4;
		p.line_bytes = 128;
		p.sector_bytes = 32;
		p.hit_latency = H;
		p.mshrs = 4;
		p.mshr_targets = 4;
		p.bytes_per_cycle = 64;
		p.dram_bytes = 32;
		p.hash = &g->h;
		p.in = &g->sq[j];
		p.out = &g->sr[j];
		p.mem = (lg_memside){ .ctx = &g->mem, .try_push = fmem_push };
		p.clk.period_ps = NS;
		g->l2[j] = lg_l2_create(&p, &e);
		ck_assert_msg(g->l2[j] != NULL, "%s", e.msg);
		g->mem.slice[j] = g->l2[j];
		g->c[1 + j] = (lg_comp){ &lg_l2_comp_ops, g->l2[j], "l2", p.clk };
	}
	xp.cus = NC;
	xp.slices = NSL;
	xp.cu_req = g->pcq;
	xp.cu_resp = g->pcr;
	xp.l2_req = g->psq;
	xp.l2_resp = g->psr;
	xp.hash = &g->h;
	xp.req_bytes_per_cycle = xp.resp_bytes_per_cycle = 64;
	xp.req_latency = xp.resp_latency = LAT;
	xp.ctrl_bytes = 8;
	xp.input_window = 1;
	xp.clk.period_ps = NS;
	g->x = lg_xbar_create(&xp, &e);
	ck_assert_msg(g->x != NULL, "%s", e.msg);
	g->c[0] = (lg_comp){ &lg_xbar_comp_ops, g->x, "xbar", xp.clk };
}

static void rig_free(rig *g)
{
	lg_xbar_destroy(g->x);
	for (int j = 0; j < NSL; j++) {
		lg_l2_destroy(g->l2[j]);
		lg_port_free(&g->sq[j]);
		lg_port_free(&g->sr[j]);
	}
	for (int i = 0; i < NC; i++) {
		lg_port_free(&g->cq[i]);
		lg_port_free(&g->cr[i]);
	}
	fmem_free(&g->mem);
}

START_TEST(hit_and_miss_round_trips)
{
	rig g;
	lg_req a, b;
	lg_ps t;

	rig_init(&g);
	mkreq(&a, 1, LG_OP_RD, 0x1000, 32, 2);
	lg_port_push(&g.cq[2], &a, 0);
	run_comps(g.c, 1 + NSL, 0, UINT64_MAX / 2);
	ck_assert_uint_eq(lg_port_count(&g.cr[2]), 1);
	t = g.cr[2].e[g.cr[2].head].ready;
	ck_assert_uint_eq(t / NS, LAT + M + H + LAT);
	ck_assert_ptr_eq(lg_port_pop(&g.cr[2]), &a);
	mkreq(&b, 2, LG_OP_RD, 0x1000, 32, 3);
	lg_port_push(&g.cq[3], &b, 1000 * NS);
	run_comps(g.c, 1 + NSL, 1000 * NS, UINT64_MAX / 2);
	t = g.cr[3].e[g.cr[3].head].ready;
	ck_assert_uint_eq(t / NS, 1000 + LAT + H + LAT);
	ck_assert_ptr_eq(lg_port_pop(&g.cr[3]), &b);
	rig_free(&g);
}
END_TEST

/* Random reads, writes and NMC from 4 CUs; every request comes back to its CU. */
static uint64_t traffic(uint64_t *acc)
{
	rig g;
	static lg_req r[NC][500];
	int sent[NC] = { 0 }, back = 0;
	uint64_t x = 99, sig = 1469598103934665603ull;
	lg_ps now = 0;

	rig_init(&g);
	g.mem.cap = 6;
	while (back < NC * 500) {
		for (int i = 0; i < NC; i++) {
			lg_req *q;

			if (sent[i] < 500 && !lg_port_full(&g.cq[i])) {
				x = x * 6364136223846793005ull + 1442695040888963407ull;
				q = &r[i][sent[i]];
				mkreq(q, (uint64_t)(i * 1000 + sent[i]), (x >> 61) < 2 ? LG_OP_WR :
				      (x >> 61) < 3 ? LG_OP_NMC : LG_OP_RD, ((x >> 20) % 512) * 32,
				      (x >> 40) & 1 ? 32 : 128, (uint32_t)i);
				q->addr &= q->size == 128 ? ~127ull : ~31ull;
				lg_port_push(&g.cq[i], q, now);
				sent[i]++;
			}
			while ((q = lg_port_peek(&g.cr[i], now))) {
				ck_assert_uint_eq(q->src_id, (uint32_t)i);
				sig = (sig ^ q->id ^ now) * 1099511628211ull;
				lg_port_pop(&g.cr[i]);
				back++;
			}
		}
		now = run_comps(g.c, 1 + NSL, now, now) + NS;
	}
	*acc = 0;
	for (int j = 0; j < NSL; j++) {
		const lg_l2_stats *s = lg_l2_stats_get(g.l2[j]);

		*acc += s->accesses[0] + s->accesses[1] + s->accesses[2];
		sig = (sig ^ s->writebacks ^ (s->fill_reqs << 20) ^ (s->stall_mshr << 40)) *
		      1099511628211ull;
	}
	rig_free(&g);
	return sig;
}

START_TEST(reruns_are_bit_identical_and_every_request_returns)
{
	uint64_t a1, a2;
	uint64_t s1 = traffic(&a1), s2 = traffic(&a2);

	ck_assert_uint_eq(a1, NC * 500);
	ck_assert_uint_eq(s1, s2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("705-cu-xbar-l2-round-trip");
	TCase *tc = tcase_create("die");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, hit_and_miss_round_trips);
	tcase_add_test(tc, reruns_are_bit_identical_and_every_request_returns);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
