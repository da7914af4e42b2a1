/*
 * 350: the DMA engine (cmodel/dma) on a fake memory side: a descriptor
 * splits into bursts of one DRAM request (a short last one), in address
 * order or interleaved over chunks; every hop pushes back without losing
 * a burst (memory side, credits, descriptor queue, destination port,
 * receive side); the stats count bytes, descriptors and queueing delay.
 * Times are in cycles of a 1,000 ps clock.
 */
#include <string.h>

#include "dma/dma.h"
#include "lg_check.h"

#define P 1000 /* ps per cycle */

/* The fake memory side: accepts while open, keeps what it accepted. */
typedef struct fmem {
	bool open;
	lg_req *got[4096];
	unsigned n;
} fmem;

static bool fm_push(void *ctx, lg_req *r, lg_ps now)
{
	fmem *m = ctx;

	(void)now;
	if (!m->open)
		return false;
	m->got[m->n++] = r;
	return true;
}

static fmem mem;

/* An engine of die `die` on fake memory fm (emptied and opened). */
static lg_dma *mk_on(fmem *fm, unsigned die, unsigned depth, unsigned credits, unsigned rx,
		     unsigned link_depth, uint32_t interleave)
{
	lg_dma_params p = { .die = die, .queue_depth = depth, .max_bursts = credits,
			    .rx_outstanding = rx, .burst_bytes = 32, .interleave = interleave,
			    .period = P, .link_GBps = 32.0, .link_latency = 2 * P,
			    .link_depth = link_depth };
	lg_dma_mem m = { fm, fm_push };
	lg_err e;
	lg_dma *d;

	memset(fm, 0, sizeof(*fm));
	fm->open = true;
	d = lg_dma_create(&p, &m, &e);
	ck_assert_msg(d != NULL, "%s", e.msg);
	return d;
}

/* An engine of die 0 on mem, connected to itself. */
static lg_dma *mk(unsigned depth, unsigned credits, unsigned rx, unsigned link_depth,
		  uint32_t interleave)
{
	lg_dma *d = mk_on(&mem, 0, depth, credits, rx, link_depth, interleave);

	ck_assert_int_eq(lg_dma_connect(d, 0, d), 0);
	return d;
}

static bool tick(lg_dma *d, uint64_t cyc)
{
	lg_comp c = lg_dma_comp(d, "dma");

	return c.ops->tick(d, cyc * P);
}

/* Complete the i-th accepted request at cycle cyc. */
static void complete(lg_dma *d, unsigned i, uint64_t cyc)
{
	mem.got[i]->t_done = cyc * P;
	lg_dma_done(d, mem.got[i]);
}

static lg_dma_desc desc(uint64_t src, uint64_t dst, uint64_t bytes)
{
	lg_dma_desc x = { src, dst, bytes, 0, 0, LG_DT_NONE };

	return x;
}

START_TEST(descriptor_splits_into_bursts_with_a_short_last_one)
{
	lg_dma *d = mk(4, 16, 16, 16, 0);
	lg_dma_desc x = desc(0x1000, 0x8000, 100);

	ck_assert(lg_dma_submit(d, &x, 0));
	for (uint64_t c = 0; c < 6; c++)
		tick(d, c);
	/* one read per cycle: 0x1000, 0x1020, 0x1040, 0x1060 (4 bytes of it) */
	ck_assert_uint_eq(mem.n, 4);
	for (unsigned i = 0; i < 4; i++) {
		ck_assert_uint_eq(mem.got[i]->addr, 0x1000 + 32 * i);
		ck_assert_uint_eq(mem.got[i]->op, LG_OP_RD);
		ck_assert_uint_eq(mem.got[i]->tclass, LG_TC_COMM);
		ck_assert_uint_eq(mem.got[i]->src_kind, LG_SRC_DMA);
		ck_assert_uint_eq(mem.got[i]->size, 32);
	}
	ck_assert_uint_eq(lg_dma_stats_get(d)->bytes_read, 100);
	lg_dma_destroy(d);
}
END_TEST

START_TEST(interleave_takes_one_burst_per_chunk_in_turn)
{
	lg_dma *d = mk(4, 64, 64, 64, 64);
	lg_dma_desc x = desc(0, 0x8000, 256); /* 4 chunks of 64 B, 2 bursts each */
	static const uint64_t want[8] = { 0, 64, 128, 192, 32, 96, 160, 224 };

	ck_assert(lg_dma_submit(d, &x, 0));
	for (uint64_t c = 0; c < 10; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.n, 8);
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(mem.got[i]->addr, want[i]);
	lg_dma_destroy(d);
}
END_TEST

START_TEST(refused_read_is_retried_not_lost_and_delays_the_queue_stat)
{
	lg_dma *d = mk(4, 16, 16, 16, 0);
	lg_dma_desc x = desc(0x1000, 0x8000, 32);

	mem.open = false;
	ck_assert(lg_dma_submit(d, &x, 0));
	ck_assert(!tick(d, 0));
	ck_assert(!tick(d, 1));
	ck_assert(!tick(d, 2));
	ck_assert_uint_eq(lg_dma_stats_get(d)->read_refused, 3);
	mem.open = true;
	ck_assert(tick(d, 3));
	ck_assert_uint_eq(mem.n, 1);
	ck_assert_uint_eq(mem.got[0]->addr, 0x1000);
	/* read done at 10; sent at 10, 1 cycle on the 32 GB/s port + 2 of latency */
	complete(d, 0, 10);
	tick(d, 10);
	ck_assert_uint_eq(lg_dma_stats_get(d)->bytes_sent, 32);
	ck_assert_uint_eq(mem.n, 1);
	tick(d, 12);
	ck_assert_uint_eq(mem.n, 1); /* not before 10 + 1 + 2 */
	tick(d, 13);
	ck_assert_uint_eq(mem.n, 2);
	ck_assert_uint_eq(mem.got[1]->addr, 0x8000);
	ck_assert_uint_eq(mem.got[1]->op, LG_OP_WR);
	ck_assert_uint_eq(mem.got[1]->src_kind, LG_SRC_LINK);
	complete(d, 1, 20);
	tick(d, 20);
	ck_assert_uint_eq(lg_dma_stats_get(d)->desc_done, 1);
	ck_assert_uint_eq(lg_dma_stats_get(d)->queue_delay_ps, 3 * P);
	ck_assert_uint_eq(lg_dma_stats_get(d)->latency_ps, 20 * P);
	ck_assert_uint_eq(lg_dma_stats_get(d)->rx_bytes_copy, 32);
	ck_assert(!lg_dma_comp(d, "dma").ops->busy(d));
	lg_dma_destroy(d);
}
END_TEST

START_TEST(credits_bound_bursts_in_flight)
{
	lg_dma *d = mk(4, 2, 16, 16, 0);
	lg_dma_desc x = desc(0, 0x8000, 128);

	ck_assert(lg_dma_submit(d, &x, 0));
	for (uint64_t c = 0; c < 5; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.n, 2); /* two credits */
	ck_assert_uint_ge(lg_dma_stats_get(d)->credit_waits, 1);
	complete(d, 0, 5); /* a read done does not return its credit ... */
	for (uint64_t c = 5; c < 10; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.n, 3); /* ... only its landing (request 2 is its write) */
	ck_assert_uint_eq(mem.got[2]->src_kind, LG_SRC_LINK);
	complete(d, 2, 10);
	tick(d, 10);
	ck_assert_uint_eq(mem.n, 4);
	ck_assert_uint_eq(mem.got[3]->src_kind, LG_SRC_DMA);
	lg_dma_destroy(d);
}
END_TEST

START_TEST(full_queue_holds_the_trigger_back)
{
	lg_dma *d = mk(2, 16, 16, 16, 0);
	lg_trig_port tp = lg_dma_trig_port(d);
	lg_trig t = { 0, 0x1000, 64, 0, 0x9000, 1, 1, true };
	lg_dma_desc x = desc(0, 0x8000, 32);

	ck_assert(tp.ready(tp.ctx));
	tp.put(tp.ctx, &t, 0);
	ck_assert(tp.ready(tp.ctx));
	ck_assert(lg_dma_submit(d, &x, 0));
	ck_assert(!tp.ready(tp.ctx));
	ck_assert(!lg_dma_submit(d, &x, 0));
	ck_assert_uint_eq(lg_dma_stats_get(d)->descriptors, 2);
	ck_assert_uint_eq(lg_dma_stats_get(d)->triggers, 1);
	ck_assert_uint_eq(lg_dma_stats_get(d)->queue_full, 1);
	tick(d, 0);
	/* the trigger's descriptor first: a bf16 NMC reduction (tracker dtype 1) */
	ck_assert_uint_eq(mem.got[0]->addr, 0x1000);
	tick(d, 1);
	complete(d, 0, 2);
	/* cycle 2 reads the second descriptor; its burst lands at 2 + 1 + 2 */
	for (uint64_t c = 2; c < 8; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.got[2]->op, LG_OP_RD);
	ck_assert_uint_eq(mem.got[3]->op, LG_OP_NMC);
	ck_assert_uint_eq(mem.got[3]->dtype, LG_DT_BF16);
	ck_assert_uint_eq(mem.got[3]->addr, 0x9000);
	lg_dma_destroy(d);
}
END_TEST

START_TEST(full_destination_port_and_refusing_receiver_push_back)
{
	lg_dma *d = mk(4, 16, 1, 1, 0);
	lg_dma_desc x = desc(0, 0x8000, 96);

	ck_assert(lg_dma_submit(d, &x, 0));
	for (uint64_t c = 0; c < 3; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.n, 3);
	mem.open = false;     /* the receiver's controller refuses */
	for (unsigned i = 0; i < 3; i++)
		complete(d, i, 3);
	for (uint64_t c = 3; c < 12; c++)
		tick(d, c);
	/* one burst in the port (depth 1), two held by the sender */
	ck_assert_uint_eq(lg_dma_stats_get(d)->bytes_sent, 32);
	ck_assert_uint_ge(lg_dma_stats_get(d)->port_full, 1);
	ck_assert_uint_ge(lg_dma_stats_get(d)->rx_refused, 1);
	mem.open = true;
	tick(d, 12);
	ck_assert_uint_eq(mem.n, 4);
	tick(d, 13);
	ck_assert_uint_eq(mem.n, 4); /* rx_outstanding 1: the next waits for the landing */
	complete(d, 3, 14);
	for (uint64_t c = 14; c < 30; c++) {
		tick(d, c);
		if (mem.n == 5) {
			complete(d, 4, c + 1);
			break;
		}
	}
	for (uint64_t c = 30; c < 60 && mem.n < 6; c++)
		tick(d, c);
	ck_assert_uint_eq(mem.n, 6);
	complete(d, 5, 60);
	tick(d, 60);
	ck_assert_uint_eq(lg_dma_stats_get(d)->desc_done, 1);
	ck_assert_uint_eq(lg_dma_stats_get(d)->rx_bursts, 3);
	lg_dma_destroy(d);
}
END_TEST

/*
 * Two engines (two dies in one process) connected both ways: die 0's
 * transfer to die 1 is read from die 0's memory and written into die 1's,
 * whose completion returns die 0's credit and completes die 0's descriptor.
 */
START_TEST(destination_is_a_port_two_dies_in_one_process)
{
	static fmem m1;
	lg_dma *a = mk_on(&mem, 0, 4, 16, 16, 16, 0), *b = mk_on(&m1, 1, 4, 16, 16, 16, 0);
	lg_dma_desc x = { 0x1000, 0x2000, 32, 1, 0, LG_DT_NONE };

	lg_dma_connect(a, 1, b);
	lg_dma_connect(b, 0, a);
	ck_assert(lg_dma_submit(a, &x, 0));
	tick(a, 0);
	ck_assert_uint_eq(mem.n, 1);
	complete(a, 0, 1);
	for (uint64_t c = 1; c < 6; c++) {
		tick(a, c);
		tick(b, c);
	}
	ck_assert_uint_eq(mem.n, 1); /* nothing written on die 0 */
	ck_assert_uint_eq(m1.n, 1);
	ck_assert_uint_eq(m1.got[0]->addr, 0x2000);
	ck_assert_uint_eq(m1.got[0]->src_id, 0);
	m1.got[0]->t_done = 7 * P;
	lg_dma_done(b, m1.got[0]);
	ck_assert_uint_eq(lg_dma_stats_get(b)->rx_bursts, 1);
	ck_assert_uint_eq(lg_dma_stats_get(a)->desc_done, 1);
	ck_assert_uint_eq(lg_dma_stats_get(a)->last_done, 7 * P);
	lg_dma_destroy(a);
	lg_dma_destroy(b);
}
END_TEST

START_TEST(config_descriptors_parse_and_bad_ones_name_the_problem)
{
	lg_dma_desc x[4];
	const char *what = NULL;
	unsigned n;

	ck_assert_int_eq(lg_dma_parse("1000:8000:4096:copy,2000:9000:64:nmc-fp8-e4m3", 3, x, 4, &n, &what), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(x[0].src, 0x1000);
	ck_assert_uint_eq(x[0].dst, 0x8000);
	ck_assert_uint_eq(x[0].bytes, 4096);
	ck_assert_uint_eq(x[0].die, 3);
	ck_assert_uint_eq(x[1].op, 1);
	ck_assert_uint_eq(x[1].dtype, LG_DT_FP8_E4M3);
	ck_assert_int_eq(lg_dma_parse("1000:8000:4096", 0, x, 4, &n, &what), -1);
	ck_assert_str_eq(what, "expected SRC:DST:BYTES:OP");
	ck_assert_int_eq(lg_dma_parse("1000:8000:0:copy", 0, x, 4, &n, &what), -1);
	ck_assert_int_eq(lg_dma_parse("1000:8000:64:nmc-int8", 0, x, 4, &n, &what), -1);
	ck_assert_int_eq(lg_dma_parse("zz:8000:64:copy", 0, x, 4, &n, &what), -1);
	ck_assert_int_eq(lg_dma_parse("1:2:3:copy:5", 0, x, 4, &n, &what), -1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("350-dma");
	TCase *tc = tcase_create("dma");

	tcase_add_test(tc, descriptor_splits_into_bursts_with_a_short_last_one);
	tcase_add_test(tc, interleave_takes_one_burst_per_chunk_in_turn);
	tcase_add_test(tc, refused_read_is_retried_not_lost_and_delays_the_queue_stat);
	tcase_add_test(tc, credits_bound_bursts_in_flight);
	tcase_add_test(tc, full_queue_holds_the_trigger_back);
	tcase_add_test(tc, full_destination_port_and_refusing_receiver_push_back);
	tcase_add_test(tc, destination_is_a_port_two_dies_in_one_process);
	tcase_add_test(tc, config_descriptors_parse_and_bad_ones_name_the_problem);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
