/*
 * 701: one L2 slice against a fake memory side of fixed latency M = 100
 * cycles. The slice: 4 KiB, 4 ways, 128 B lines of 32 B sectors (8 sets),
 * hit latency H = 10 cycles, 2 MSHRs, 64 B/cycle, 32 B DRAM requests,
 * one slice ("mod" hash: set = line mod 8). Expected times are derived in
 * each test from the rules of l2.h: a request taken in cycle c is answered
 * (ready in the output port) at c + H on a hit; on a miss its DRAM request
 * is offered in cycle c, completes at c + M, and the data leaves at
 * c + M + H.
 */
#include "lg_check.h"
#include "l2_testlib.h"
#include "die/loop.h"

#define M 100
#define H 10

typedef struct rig {
	lg_port in, out;
	lg_l2_hash h;
	lg_l2 *l2;
	fmem mem;
	lg_comp c;
} rig;

/* The slice's parameters: `bytes` (4-way, 128 B lines) on the fake memory
 * side; unit: the memory side's unit function over 2 units, NULL for none. */
static void rig_params(rig *g, lg_l2_params *p, uint64_t bytes, uint32_t mshrs, uint32_t bpc,
		       uint32_t dram_bytes, bool (*push)(void *, lg_req *, lg_ps),
		       unsigned (*unit)(void *, uint64_t))
{
	lg_err e;

	memset(g, 0, sizeof(*g));
	memset(p, 0, sizeof(*p));
	ck_assert_int_eq(lg_port_init(&g->in, 64), 0);
	ck_assert_int_eq(lg_port_init(&g->out, 64), 0);
	ck_assert_int_eq(lg_l2_hash_init(&g->h, "mod", 1, 128, &e), 0);
	p->bytes = bytes;
	p->ways = 4;
	p->line_bytes = 128;
	p->sector_bytes = 32;
	p->hit_latency = H;
	p->mshrs = mshrs;
	p->mshr_targets = 4;
	p->bytes_per_cycle = bpc;
	p->dram_bytes = dram_bytes;
	p->hash = &g->h;
	p->in = &g->in;
	p->out = &g->out;
	p->mem = (lg_memside){ .ctx = &g->mem, .try_push = push, .unit = unit, .units = 2 };
	p->clk.period_ps = NS;
}

/* Create the slice of p on the rig. */
static void rig_create(rig *g, const lg_l2_params *p)
{
	lg_err e;

	g->mem.lat = M * NS;
	g->mem.done = lg_l2_mem_done;
	g->l2 = lg_l2_create(p, &e);
	ck_assert_msg(g->l2 != NULL, "%s", e.msg);
	g->mem.slice[0] = g->l2;
	g->c = (lg_comp){ &lg_l2_comp_ops, g->l2, "l2.0", p->clk };
}

static void rig_init_mem(rig *g, uint64_t bytes, uint32_t mshrs, uint32_t bpc,
			 uint32_t dram_bytes, bool (*push)(void *, lg_req *, lg_ps),
			 unsigned (*unit)(void *, uint64_t))
{
	lg_l2_params p;

	rig_params(g, &p, bytes, mshrs, bpc, dram_bytes, push, unit);
	rig_create(g, &p);
}

static void rig_init(rig *g, uint32_t mshrs, uint32_t bpc, uint32_t dram_bytes)
{
	rig_init_mem(g, 4096, mshrs, bpc, dram_bytes, fmem_push, NULL);
}

static void rig_free(rig *g)
{
	lg_l2_destroy(g->l2);
	lg_port_free(&g->in);
	lg_port_free(&g->out);
	fmem_free(&g->mem);
}

/* Run to quiescence from cycle start; pop every response into got[] with its ready cycle. */
static int run(rig *g, uint64_t start, lg_req **got, uint64_t *ready, int max)
{
	int n = 0;

	run_comps(&g->c, 1, start * NS, UINT64_MAX / 2);
	while (!lg_port_empty(&g->out) && n < max) {
		ready[n] = g->out.e[g->out.head].ready / NS;
		got[n++] = lg_port_pop(&g->out);
	}
	return n;
}

START_TEST(miss_costs_memory_plus_hit_and_hit_costs_hit)
{
	rig g;
	lg_req a, b, *got[4];
	uint64_t t[4];

	rig_init(&g, 2, 64, 32);
	mkreq(&a, 1, LG_OP_RD, 0x0, 32, 0);
	lg_port_push(&g.in, &a, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 4), 1);
	/* taken at 0, DRAM done at 100, out at 100 + 10 */
	ck_assert_ptr_eq(got[0], &a);
	ck_assert_uint_eq(t[0], M + H);
	/* the same sector again at cycle 200: a hit, out at 210 */
	mkreq(&b, 2, LG_OP_RD, 0x0, 32, 0);
	lg_port_push(&g.in, &b, 200 * NS);
	ck_assert_int_eq(run(&g, 200, got, t, 4), 1);
	ck_assert_uint_eq(t[0], 200 + H);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->hits[LG_OP_RD], 1);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->misses[LG_OP_RD], 1);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->fill_reqs, 1);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->sector_fills, 1);
	rig_free(&g);
}
END_TEST

START_TEST(two_reads_of_one_line_share_one_fill)
{
	rig g;
	lg_req a, b, *got[4];
	uint64_t t[4];
	const lg_l2_stats *s;

	rig_init(&g, 2, 64, 32);
	mkreq(&a, 1, LG_OP_RD, 0x40, 32, 0);
	mkreq(&b, 2, LG_OP_RD, 0x40, 32, 1);
	lg_port_push(&g.in, &a, 0);
	lg_port_push(&g.in, &b, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 4), 2);
	s = lg_l2_stats_get(g.l2);
	/* a misses at 0, b merges at 1; one fill lands at 100, both leave at 110 */
	ck_assert_uint_eq(s->fill_reqs, 1);
	ck_assert_uint_eq(s->mshr_merges, 1);
	ck_assert_uint_eq(s->mshr_allocs, 1);
	ck_assert_uint_eq(g.mem.nlog, 1);
	ck_assert_uint_eq(t[0], M + H);
	ck_assert_uint_eq(t[1], M + H);
	ck_assert_ptr_eq(got[0], &a);
	ck_assert_ptr_eq(got[1], &b);
	rig_free(&g);
}
END_TEST

START_TEST(a_whole_line_read_fetches_every_sector_once)
{
	rig g;
	lg_req a, b, *got[4];
	uint64_t t[4];

	rig_init(&g, 2, 64, 32);
	mkreq(&a, 1, LG_OP_RD, 0x80, 128, 0);   /* line 1, 4 sectors: 4 bursts */
	mkreq(&b, 2, LG_OP_RD, 0xa0, 32, 0);    /* sector 1 of line 1: merged, no fill */
	lg_port_push(&g.in, &a, 0);
	lg_port_push(&g.in, &b, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 4), 2);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->fill_reqs, 4);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->dram_rd_useful, 128);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->dram_rd_bus, 128);
	/*
	 * One DRAM request accepted per cycle: sector k's at cycle k, done at
	 * 100 + k. b needs only sector 1 and leaves first, at 101 + 10; a
	 * needs all four and leaves at 103 + 10.
	 */
	ck_assert_ptr_eq(got[0], &b);
	ck_assert_uint_eq(t[0], 1 + M + H);
	ck_assert_ptr_eq(got[1], &a);
	ck_assert_uint_eq(t[1], 3 + M + H);
	rig_free(&g);
}
END_TEST

/* Line L maps to set L mod 8: lines 0, 8, 16, 24, 32 share set 0 (4 ways). */
START_TEST(evicting_a_dirty_line_writes_back_its_dirty_bytes)
{
	rig g;
	lg_req w, r[4], *got[8];
	uint64_t t[8];
	const lg_l2_stats *s;

	rig_init(&g, 2, 64, 32);
	mkreq(&w, 1, LG_OP_WR, 0x20, 32, 0);    /* line 0, sector 1 */
	w.data_off = 8;
	w.data_bytes = 8;                       /* bytes 0x28..0x2f only */
	lg_port_push(&g.in, &w, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 8), 1);
	ck_assert_uint_eq(t[0], H);             /* a write is acknowledged after H */
	ck_assert_uint_eq(g.mem.nlog, 0);       /* write-validate: no fetch */
	for (int i = 0; i < 4; i++) {
		mkreq(&r[i], 2 + i, LG_OP_RD, (uint64_t)(8 * (i + 1)) * 128, 32, 0);
		lg_port_push(&g.in, &r[i], 1000 * NS);
	}
	ck_assert_int_eq(run(&g, 1000, got, t, 8), 4);
	s = lg_l2_stats_get(g.l2);
	/* lines 8, 16, 24 fill the 3 free ways; line 32 evicts LRU line 0 */
	ck_assert_uint_eq(s->evictions, 1);
	ck_assert_uint_eq(s->writebacks, 1);
	ck_assert_uint_eq(s->dram_wr_useful, 8);
	ck_assert_uint_eq(s->dram_wr_bus, 32);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 0);
	/* the write-back: burst 0x20, bytes 8..15 of it (masked write) */
	for (uint32_t i = 0; i < g.mem.nlog; i++)
		if (g.mem.log[i].op == LG_OP_WR) {
			ck_assert_uint_eq(g.mem.log[i].addr, 0x20);
			ck_assert_uint_eq(g.mem.log[i].off, 8);
			ck_assert_uint_eq(g.mem.log[i].bytes, 8);
		}
	rig_free(&g);
}
END_TEST

START_TEST(full_mshrs_push_back_and_lose_nothing)
{
	rig g;
	lg_req r[4], *got[8];
	uint64_t t[8];

	rig_init(&g, 2, 64, 32);
	for (int i = 0; i < 4; i++) {
		mkreq(&r[i], 1 + i, LG_OP_RD, (uint64_t)i * 128, 32, 0);
		lg_port_push(&g.in, &r[i], 0);
	}
	ck_assert_int_eq(run(&g, 0, got, t, 8), 4);
	/*
	 * r0, r1 miss at 0 and 1 (2 MSHRs); r2 waits (counted) until r0's
	 * MSHR frees at 100, misses then (out at 100 + 100 + 10 = 210); r3
	 * follows at 101 (out at 211). r0 and r1 leave at 110 and 111.
	 */
	ck_assert_uint_eq(t[0], 110);
	ck_assert_uint_eq(t[1], 111);
	ck_assert_uint_eq(t[2], 210);
	ck_assert_uint_eq(t[3], 211);
	for (int i = 0; i < 4; i++)
		ck_assert_ptr_eq(got[i], &r[i]);
	ck_assert_uint_ge(lg_l2_stats_get(g.l2)->stall_mshr, 1);
	ck_assert(!lg_l2_busy(g.l2));
	rig_free(&g);
}
END_TEST

START_TEST(a_refusing_memory_side_delays_but_loses_nothing)
{
	rig g;
	lg_req r[8], *got[16];
	uint64_t t[16];

	rig_init(&g, 8, 64, 32);
	g.mem.cap = 1;                          /* one DRAM request in flight */
	for (int i = 0; i < 8; i++) {
		mkreq(&r[i], 1 + i, LG_OP_RD, (uint64_t)i * 128, 32, 0);
		lg_port_push(&g.in, &r[i], 0);
	}
	ck_assert_int_eq(run(&g, 0, got, t, 16), 8);
	/* request i is accepted when i-1 completes: at 100 i, out at 100 (i + 1) + 10 */
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(t[i], 100 * (uint64_t)(i + 1) + H);
	ck_assert_uint_gt(lg_l2_stats_get(g.l2)->mem_refusals, 0);
	rig_free(&g);
}
END_TEST

/* Units of the test memory side: line parity. Unit 0 refuses before
 * cycle 1000, unit 1 always accepts. */
static unsigned parity_unit(void *ctx, uint64_t addr)
{
	(void)ctx;
	return (unsigned)(addr >> 7) & 1;
}

static bool unit0_late_push(void *ctx, lg_req *r, lg_ps now)
{
	fmem *m = ctx;

	if (parity_unit(ctx, r->addr) == 0 && now < 1000 * NS) {
		m->refused++;
		return false;
	}
	return fmem_push(ctx, r, now);
}

/*
 * 40 misses to unit 0 (even lines), refused until cycle 1000, then one to
 * unit 1 (line 1), taken in at cycle 40. With units named, the
 * slice keeps a queue per unit, and line 1 is offered as soon as it is
 * queued: out at 40 + M + H = 150. Without units, one queue: line 1 waits
 * behind unit 0's refused head until cycle 1000.
 */
static void full_unit_case(bool named, uint64_t *t1)
{
	rig g;
	lg_req r[41], *got[48];
	uint64_t t[48];
	int n;

	rig_init_mem(&g, 65536, 64, 64, 32, unit0_late_push, named ? parity_unit : NULL);
	for (int i = 0; i < 40; i++)
		mkreq(&r[i], 1 + i, LG_OP_RD, (uint64_t)(2 * i) * 128, 32, 0);
	mkreq(&r[40], 41, LG_OP_RD, 128, 32, 0);
	for (int i = 0; i < 41; i++)
		lg_port_push(&g.in, &r[i], 0);
	n = run(&g, 0, got, t, 48);
	ck_assert_int_eq(n, 41);
	for (int i = 0; i < n; i++)
		if (got[i] == &r[40])
			*t1 = t[i];
	rig_free(&g);
}

START_TEST(a_full_unit_does_not_hold_back_the_others)
{
	uint64_t named = 0, unnamed = 0;

	full_unit_case(true, &named);
	full_unit_case(false, &unnamed);
	ck_assert_uint_eq(named, 40 + M + H);
	ck_assert_uint_ge(unnamed, 1000);
}
END_TEST

/*
 * The decode carried with a request (lg_memside.unit_dec and push_dec):
 * the memory side's decode names the unit (line parity) and the line (as
 * the row); each DRAM request must be decoded once, when it is queued,
 * and offered with that same decode on the unit it named, which
 * lg_l2_mem_unit gives back until it completes. unit and try_push, also
 * set, must not be called. 9 reads of lines 0..8 (one DRAM request each,
 * unit 0 refusing before cycle 1000 as above) are answered at the same
 * cycles as through unit and try_push.
 */
typedef struct decside {
	rig g;                   /* the memory side's ctx is &g.mem */
	uint64_t decodes, pushes, plain, wrong;
} decside;

static decside *of_dec(void *ctx)
{
	return (decside *)((char *)ctx - offsetof(decside, g.mem));
}

static unsigned dec_unit(void *ctx, uint64_t addr, lg_dram_addr *a)
{
	of_dec(ctx)->decodes++;
	memset(a, 0, sizeof(*a));
	a->row = (uint32_t)(addr >> 7);
	a->unit = parity_unit(ctx, addr);
	return a->unit;
}

static bool dec_push(void *ctx, lg_req *r, unsigned unit, const lg_dram_addr *a, lg_ps now)
{
	decside *q = of_dec(ctx);

	q->wrong += a->row != (uint32_t)(r->addr >> 7) || unit != a->unit ||
		    lg_l2_mem_unit(q->g.l2, r) != unit;
	if (!unit0_late_push(ctx, r, now))
		return false;
	q->pushes++;
	return true;
}

static unsigned counted_unit(void *ctx, uint64_t addr)
{
	of_dec(ctx)->plain++;
	return parity_unit(ctx, addr);
}

static bool counted_push(void *ctx, lg_req *r, lg_ps now)
{
	of_dec(ctx)->plain++;
	return unit0_late_push(ctx, r, now);
}

/* The 9 reads through q, with the decode carried (dec) or not; answer times by request in t. */
static void dec_case(decside *q, bool dec, uint64_t *t)
{
	lg_l2_params p;
	lg_req r[9], *got[16];
	uint64_t ready[16];
	int n;

	memset(q, 0, sizeof(*q));
	rig_params(&q->g, &p, 65536, 64, 64, 32, counted_push, counted_unit);
	if (dec) {
		p.mem.unit_dec = dec_unit;
		p.mem.push_dec = dec_push;
	}
	rig_create(&q->g, &p);
	for (int i = 0; i < 9; i++) {
		mkreq(&r[i], 1 + (uint64_t)i, LG_OP_RD, (uint64_t)i * 128, 32, 0);
		lg_port_push(&q->g.in, &r[i], 0);
	}
	n = run(&q->g, 0, got, ready, 16);
	ck_assert_int_eq(n, 9);
	for (int i = 0; i < n; i++)
		t[got[i] - r] = ready[i];
}

START_TEST(a_request_is_decoded_once_and_offered_with_its_decode)
{
	static decside plain, dec;
	uint64_t tp[9], td[9];

	dec_case(&plain, false, tp);
	dec_case(&dec, true, td);
	ck_assert_uint_eq(dec.decodes, 9);
	ck_assert_uint_eq(dec.pushes, 9);
	ck_assert_uint_eq(dec.wrong, 0);
	ck_assert_uint_eq(dec.plain, 0);
	ck_assert_uint_ge(plain.plain, 18); /* each request's unit and push at least */
	for (int i = 0; i < 9; i++)
		ck_assert_uint_eq(td[i], tp[i]);
	ck_assert_uint_ge(td[0], 1000 + M + H); /* unit 0 waited */
	ck_assert_uint_eq(td[1], 1 + M + H);    /* line 1, taken in cycle 1, did not */
	rig_free(&plain.g);
	rig_free(&dec.g);
}
END_TEST

/*
 * The room check and sleeping (lg_memside.room and .wait). A gate stands
 * for the controller: unit 0 has no room before cycle 1000, unit 1
 * always has. The same 3 misses to unit 0 and 1 to unit 1 run twice in
 * the die's loop, the slice woken, the gate polled and after it (as a
 * controller is): the slice polling (no wait hook: it offers every
 * cycle), and sleeping (the gate calls lg_l2_catch_up before it opens,
 * then lg_l2_room and wakes the slice). Sleeping must give the same
 * answers at the same cycles, the same refusals and the same room()
 * refusals (a controller counts each one, so the skipped ones must be
 * made before the gate opens), in far fewer steps.
 */
typedef struct gate {
	rig g;                   /* the memory side's ctx is &g.mem (of_mem) */
	bool open, sleep;
	uint64_t rooms, steps;   /* room() refusals; steps of the run */
	uint64_t firsts;         /* room_first() calls */
	int waits;               /* wait(on) calls less wait(off) calls */
	lg_wake slice;           /* the slice's wake-up in the loop */
} gate;

/* The gate of a memory side ctx (&g.mem). */
static gate *of_mem(void *ctx)
{
	return (gate *)((char *)ctx - offsetof(gate, g.mem));
}

static bool gate_room(void *ctx, unsigned unit, int op)
{
	gate *q = of_mem(ctx);

	bool room = unit == 1 || q->open;

	(void)op;
	q->rooms += !room; /* as a controller counts refusals */
	return room;
}

/* room_first as room() over the ring entries, up to the first with room. */
static uint32_t gate_room_first(void *ctx, const uint32_t *e, uint32_t h, uint32_t mask, uint32_t n)
{
	uint32_t i = 0;

	of_mem(ctx)->firsts++;
	while (i < n && !gate_room(ctx, e[(h + i) & mask] & LG_L2_RING_UNIT_MASK,
				   (int)(e[(h + i) & mask] >> LG_L2_RING_OP_SHIFT)))
		i++;
	return i;
}

static void gate_wait(void *ctx, unsigned id, unsigned unit, bool on)
{
	gate *q = of_mem(ctx);

	(void)id;
	(void)unit;
	q->waits += on ? 1 : -1;
}

static bool gate_tick(void *self, lg_ps now)
{
	gate *q = self;

	if (q->open || now < 1000 * NS)
		return false;
	if (q->sleep)
		lg_l2_catch_up(q->g.l2, now);
	q->open = true;
	if (q->sleep && q->waits) {
		lg_l2_room(q->g.l2);
		lg_wake_up(&q->slice);
	}
	return true;
}

static lg_ps gate_next(const void *self, lg_ps now)
{
	const gate *q = self;

	(void)now;
	return q->open ? LG_PS_NEVER : 1000 * NS;
}

static bool gate_busy(const void *self) { (void)self; return false; }
static void gate_dump(const void *self, FILE *f, lg_ps now) { (void)self; (void)f; (void)now; }

static const lg_comp_ops gate_ops = { .kind = "gate", .tick = gate_tick, .next = gate_next,
				      .busy = gate_busy, .dump = gate_dump };

/* Run the 4 misses through q (sleeping or not, with room_first or not);
 * answer times in t[4] by request. */
static void gate_case(gate *q, bool sleep, bool first, uint64_t *t)
{
	lg_l2_params p;
	lg_req r[4], *got[8];
	uint64_t ready[8];
	int n = 0;
	lg_loop_opts o = { .watchdog_cycles = 100000 };
	lg_loop *l = lg_loop_create(&o);
	lg_loop_result res;
	lg_err e;
	lg_comp gc;

	rig_params(&q->g, &p, 65536, 64, 64, 32, fmem_push, parity_unit);
	q->open = false;
	q->sleep = sleep;
	q->rooms = q->steps = q->firsts = 0;
	q->waits = 0;
	p.mem.room = gate_room;
	p.mem.room_first = first ? gate_room_first : NULL;
	p.mem.wait = sleep ? gate_wait : NULL;
	rig_create(&q->g, &p);
	gc = (lg_comp){ &gate_ops, q, "gate", p.clk };
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(lg_loop_add_woken(l, &q->g.c), 0);
	ck_assert_int_eq(lg_loop_add(l, &gc), 0);
	q->slice = lg_loop_waker(l, 0);
	for (int i = 0; i < 4; i++) {
		mkreq(&r[i], 1 + (uint64_t)i, LG_OP_RD, i < 3 ? (uint64_t)(2 * i) * 128 : 128, 32, 0);
		lg_port_push(&q->g.in, &r[i], 0);
	}
	ck_assert_int_eq(lg_loop_run(l, &res, &e), 0);
	ck_assert_int_eq(res.watchdog, 0);
	q->steps = res.iterations;
	lg_loop_destroy(l);
	while (!lg_port_empty(&q->g.out) && n < 8) {
		ready[n] = q->g.out.e[q->g.out.head].ready / NS;
		got[n++] = lg_port_pop(&q->g.out);
	}
	ck_assert_int_eq(n, 4);
	for (int i = 0; i < n; i++)
		t[got[i] - r] = ready[i];
}

START_TEST(a_sleeping_slice_counts_the_offers_it_skipped)
{
	static gate poll, slept;
	uint64_t tp[4], ts[4];

	gate_case(&poll, false, false, tp);
	gate_case(&slept, true, false, ts);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(ts[i], tp[i]);
	ck_assert_uint_ge(tp[0], 1000 + M + H); /* unit 0 waited for the gate */
	ck_assert_uint_lt(tp[3], 1000);         /* unit 1 did not */
	ck_assert_uint_eq(lg_l2_stats_get(slept.g.l2)->mem_refusals,
			  lg_l2_stats_get(poll.g.l2)->mem_refusals);
	ck_assert_uint_ge(lg_l2_stats_get(poll.g.l2)->mem_refusals, 1000);
	ck_assert_uint_eq(slept.rooms, poll.rooms);
	ck_assert_int_eq(slept.waits, 0);       /* awake at the end */
	ck_assert_uint_lt(slept.steps, poll.steps / 10);
	rig_free(&poll.g);
	rig_free(&slept.g);
}
END_TEST

/*
 * room_first instead of room (the die's memory side has both): the same
 * answers at the same cycles, the same refusals by the slice and by the
 * gate, polling and sleeping; room_first is called, room is not.
 */
START_TEST(room_first_answers_as_room_does)
{
	static gate one[2], run[2];
	uint64_t t1[4], tr[4];

	for (int s = 0; s < 2; s++) {
		gate_case(&one[s], s, false, t1);
		gate_case(&run[s], s, true, tr);
		for (int i = 0; i < 4; i++)
			ck_assert_uint_eq(tr[i], t1[i]);
		ck_assert_uint_eq(lg_l2_stats_get(run[s].g.l2)->mem_refusals,
				  lg_l2_stats_get(one[s].g.l2)->mem_refusals);
		ck_assert_uint_eq(run[s].rooms, one[s].rooms);
		ck_assert_uint_ge(run[s].rooms, 1);
		ck_assert_uint_gt(run[s].firsts, 0);
		ck_assert_uint_eq(one[s].firsts, 0);
		rig_free(&one[s].g);
		rig_free(&run[s].g);
	}
}
END_TEST

/* Tick the slice alone, only at the times its next() names, from cycle
 * start until it names none; returns the number of ticks. */
static uint64_t run_on_next(rig *g, uint64_t start)
{
	lg_ps now = start * NS;
	uint64_t ticks = 0;

	for (;;) {
		lg_l2_tick(g->l2, now);
		ticks++;
		now = lg_l2_next(g->l2, now);
		if (now == LG_PS_NEVER)
			return ticks;
	}
}

/*
 * A flush short of DRAM requests: 60 dirty lines (one in each of sets
 * 0..59, so line indices 0, 4, ..., 236 over four 64-line windows) and 2
 * DRAM requests. Started at cycle 200, the flush writes back sets 0 and 1
 * there and stops at set 2; the memory side takes one request a cycle
 * (200, 201), and each completion, M later, lets the next line go, so
 * write-back i leaves at 200 + M x (i / 2) + i mod 2, in line order. In
 * between the slice has nothing to do, and its next() names only the
 * completions: about 60 ticks plus the walk's last 4 windows, not one per
 * cycle of the ~3,000 the flush takes.
 */
START_TEST(a_flush_short_of_dram_requests_waits_for_completions)
{
	rig g;
	lg_l2_params p;
	lg_req w[60], *got[64];
	uint64_t t[64], ticks;

	rig_params(&g, &p, 65536, 2, 64, 32, fmem_push, NULL);
	p.mem_reqs = 2;
	rig_create(&g, &p);
	for (int i = 0; i < 60; i++) {
		mkreq(&w[i], 1 + (uint64_t)i, LG_OP_WR, (uint64_t)i * 128, 32, 0);
		lg_port_push(&g.in, &w[i], 0);
	}
	ck_assert_int_eq(run(&g, 0, got, t, 64), 60);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 60);
	ck_assert_uint_eq(g.mem.nlog, 0);
	lg_l2_flush(g.l2);
	ticks = run_on_next(&g, 200);
	ck_assert_uint_eq(g.mem.nlog, 60);
	for (uint32_t i = 0; i < 60; i++) {
		ck_assert_uint_eq(g.mem.log[i].addr, (uint64_t)i * 128);
		ck_assert_uint_eq(g.mem.log[i].at, (200 + M * (uint64_t)(i / 2) + i % 2) * NS);
	}
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->flush_writebacks, 60);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 0);
	ck_assert(!lg_l2_busy(g.l2));
	ck_assert_uint_lt(ticks, 100);
	rig_free(&g);
}
END_TEST

/*
 * Three written lines stay dirty (no eviction, no write-back) until
 * lg_l2_flush(): then each is written back once, counted in writebacks
 * and flush_writebacks, and the slice is busy until they are.
 */
START_TEST(the_end_of_run_flush_writes_back_every_dirty_line)
{
	rig g;
	lg_req w[3], *got[8];
	uint64_t t[8];
	const lg_l2_stats *s;

	rig_init(&g, 4, 64, 32);
	for (int i = 0; i < 3; i++) {
		mkreq(&w[i], 1 + i, LG_OP_WR, (uint64_t)i * 128, 32, 0);
		lg_port_push(&g.in, &w[i], 0);
	}
	ck_assert_int_eq(run(&g, 0, got, t, 8), 3);
	s = lg_l2_stats_get(g.l2);
	ck_assert_uint_eq(s->writebacks, 0);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 3);
	ck_assert(!lg_l2_busy(g.l2));
	lg_l2_flush(g.l2);
	ck_assert(lg_l2_busy(g.l2));
	run(&g, 100, got, t, 8);
	ck_assert_uint_eq(s->writebacks, 3);
	ck_assert_uint_eq(s->flush_writebacks, 3);
	ck_assert_uint_eq(s->dram_wr_useful, 3 * 32);
	ck_assert_uint_eq(lg_l2_dirty_lines(g.l2), 0);
	ck_assert(!lg_l2_busy(g.l2));
	rig_free(&g);
}
END_TEST

START_TEST(data_bandwidth_spaces_line_hits)
{
	rig g;
	lg_req w, r[6], *got[8];
	uint64_t t[8];

	rig_init(&g, 2, 64, 32);
	mkreq(&w, 1, LG_OP_WR, 0x0, 128, 0);    /* makes line 0 valid (write-validate) */
	lg_port_push(&g.in, &w, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 8), 1);
	for (int i = 0; i < 6; i++) {
		mkreq(&r[i], 2 + i, LG_OP_RD, 0x0, 128, 0);
		lg_port_push(&g.in, &r[i], 100 * NS);
	}
	ck_assert_int_eq(run(&g, 100, got, t, 8), 6);
	/* 128 B at 64 B/cycle: one line hit every 2 cycles */
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(t[i], 100 + 2 * (uint64_t)i + H);
	ck_assert_uint_eq(lg_l2_stats_get(g.l2)->hits[LG_OP_RD], 6);
	rig_free(&g);
}
END_TEST

START_TEST(nmc_writes_back_invalidates_then_forwards)
{
	rig g;
	lg_req w, n, r, *got[4];
	uint64_t t[4];
	const lg_l2_stats *s;

	rig_init(&g, 2, 64, 32);
	mkreq(&w, 1, LG_OP_WR, 0x100, 32, 0);   /* line 2, sector 0 dirty */
	lg_port_push(&g.in, &w, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 4), 1);
	mkreq(&n, 2, LG_OP_NMC, 0x100, 32, 0);
	n.dtype = LG_DT_BF16;
	lg_port_push(&g.in, &n, 100 * NS);
	ck_assert_int_eq(run(&g, 100, got, t, 4), 1);
	/* WB offered at 100, the NMC at 101 (one per cycle), done 201, ack 211 */
	ck_assert_ptr_eq(got[0], &n);
	ck_assert_uint_eq(t[0], 101 + M + H);
	ck_assert_uint_eq(g.mem.nlog, 2);
	ck_assert_uint_eq(g.mem.log[0].op, LG_OP_WR);
	ck_assert_uint_eq(g.mem.log[1].op, LG_OP_NMC);
	ck_assert_uint_eq(g.mem.log[1].addr, 0x100);
	/* the sector is invalid now: a read misses */
	mkreq(&r, 3, LG_OP_RD, 0x100, 32, 0);
	lg_port_push(&g.in, &r, 1000 * NS);
	ck_assert_int_eq(run(&g, 1000, got, t, 4), 1);
	ck_assert_uint_eq(t[0], 1000 + M + H);
	s = lg_l2_stats_get(g.l2);
	ck_assert_uint_eq(s->nmc_reqs, 1);
	ck_assert_uint_eq(s->misses[LG_OP_RD], 1);
	ck_assert_uint_eq(s->dram_nmc_useful, 32);
	rig_free(&g);
}
END_TEST

START_TEST(a_64_byte_burst_fills_two_sectors_and_counts_bus_bytes)
{
	rig g;
	lg_req a, b, *got[4];
	uint64_t t[4];
	const lg_l2_stats *s;

	rig_init(&g, 2, 64, 64);
	mkreq(&a, 1, LG_OP_RD, 0x0, 32, 0);
	lg_port_push(&g.in, &a, 0);
	ck_assert_int_eq(run(&g, 0, got, t, 4), 1);
	mkreq(&b, 2, LG_OP_RD, 0x20, 32, 0);    /* the other sector of the burst: a hit */
	lg_port_push(&g.in, &b, 500 * NS);
	ck_assert_int_eq(run(&g, 500, got, t, 4), 1);
	ck_assert_uint_eq(t[0], 500 + H);
	s = lg_l2_stats_get(g.l2);
	ck_assert_uint_eq(s->sector_fills, 2);
	ck_assert_uint_eq(s->dram_rd_useful, 32);
	ck_assert_uint_eq(s->dram_rd_bus, 64);
	rig_free(&g);
}
END_TEST

/* A pseudo-random mix over 64 lines (16 sets' worth) with a refusing memory side. */
static void mix(lg_l2_stats *out, uint64_t *sig)
{
	rig g;
	lg_req *r = calloc(3000, sizeof(*r));
	uint64_t x = 12345, h = 1469598103934665603ull;
	int sent = 0, back = 0;
	lg_ps now = 0;

	rig_init(&g, 4, 64, 32);
	g.mem.cap = 3;
	while (back < 3000) {
		while (sent < 3000 && !lg_port_full(&g.in)) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			mkreq(&r[sent], (uint64_t)sent, (x >> 60) < 3 ? LG_OP_WR : (x >> 60) < 4 ?
			      LG_OP_NMC : LG_OP_RD, ((x >> 20) % 256) * 32, 32, 0);
			lg_port_push(&g.in, &r[sent++], now);
		}
		now = run_comps(&g.c, 1, now, now + 50 * NS) + NS;
		while (!lg_port_empty(&g.out)) {
			lg_ps rd = g.out.e[g.out.head].ready;
			lg_req *q = lg_port_pop(&g.out);

			h = (h ^ q->id ^ rd) * 1099511628211ull;
			back++;
		}
	}
	*out = *lg_l2_stats_get(g.l2);
	*sig = h;
	rig_free(&g);
	free(r);
}

START_TEST(reruns_are_bit_identical)
{
	lg_l2_stats a, b;
	uint64_t sa, sb;

	mix(&a, &sa);
	mix(&b, &sb);
	ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
	ck_assert_uint_eq(sa, sb);
	ck_assert_uint_eq(a.accesses[0] + a.accesses[1] + a.accesses[2], 3000);
	ck_assert_uint_gt(a.writebacks, 0);
	ck_assert_uint_gt(a.nmc_reqs, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("701-l2-slice-hits-misses-mshrs");
	TCase *tc = tcase_create("l2");

	tcase_add_test(tc, miss_costs_memory_plus_hit_and_hit_costs_hit);
	tcase_add_test(tc, two_reads_of_one_line_share_one_fill);
	tcase_add_test(tc, a_whole_line_read_fetches_every_sector_once);
	tcase_add_test(tc, evicting_a_dirty_line_writes_back_its_dirty_bytes);
	tcase_add_test(tc, full_mshrs_push_back_and_lose_nothing);
	tcase_add_test(tc, a_refusing_memory_side_delays_but_loses_nothing);
	tcase_add_test(tc, data_bandwidth_spaces_line_hits);
	tcase_add_test(tc, a_full_unit_does_not_hold_back_the_others);
	tcase_add_test(tc, a_request_is_decoded_once_and_offered_with_its_decode);
	tcase_add_test(tc, the_end_of_run_flush_writes_back_every_dirty_line);
	tcase_add_test(tc, a_flush_short_of_dram_requests_waits_for_completions);
	tcase_add_test(tc, nmc_writes_back_invalidates_then_forwards);
	tcase_add_test(tc, a_64_byte_burst_fills_two_sectors_and_counts_bus_bytes);
	tcase_add_test(tc, reruns_are_bit_identical);
	tcase_add_test(tc, a_sleeping_slice_counts_the_offers_it_skipped);
	tcase_add_test(tc, room_first_answers_as_room_does);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
