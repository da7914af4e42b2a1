/*
 * lg_ksched: kernel scheduler and CTA dispatcher (see ksched.h).
 */
#include "ksched/ksched.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ktrace/ktrace.h"

#define MAXCTAW 32

/* One kernel of the trace, from the first reader that passes its header. */
typedef struct ks_kernel {
	lg_ks_kstats st;
	lg_cu_kernel ck;            /* as the CUs see it (stable address) */
	uint64_t bits[LG_KS_MASKW]; /* allowed CUs */
	unsigned stream;            /* index in k->s */
	uint64_t dispatched, done;
	lg_ps t_launch;             /* earliest dispatch (LG_PS_NEVER: not yet known) */
	bool all_read;              /* its stream's reader is past its last CTA */
	bool started, finished;
} ks_kernel;

/* One stream: its reader and the CTA it is about to dispatch. */
typedef struct ks_stream {
	uint64_t id;
	lg_kt_reader *r;
	lg_cu_opdec *dec;
	unsigned *kern, nkern, kcap; /* its kernels (global indices), in order */
	unsigned hdr;               /* kernel headers its reader has passed */
	unsigned rd;                /* of them, its own */
	unsigned active;            /* the kernel allowed to dispatch (index in kern) */
	bool skipping, eof;
	bool blocked;               /* no allowed CU had room: wait for a CTA end */
	lg_kt_warp stage[MAXCTAW];  /* the staged CTA */
	unsigned nst, st_kernel;    /* its warps, its kernel (global index) */
	bool st_ready;
	lg_kt_warp ahead;           /* first warp of the CTA after it */
	unsigned ahead_kernel;
	bool have_ahead;
	unsigned rr_cu;             /* next CU to try */
} ks_stream;

struct lg_ksched {
	lg_ksched_params p;
	char path[512], format[16];
	lg_cu **cu;
	unsigned ncu;
	ks_kernel **kern;           /* by global index (trace order) */
	unsigned nkern, kcap;
	ks_stream **s;              /* each allocated alone: a stream found while
				     * another is being read does not move it */
	unsigned ns;
	unsigned rr_stream;         /* the stream tried first at core cycle rr_cycle */
	uint64_t rr_cycle;
	lg_kt_reader *scout;        /* looks ahead for other streams' kernels */
	unsigned scout_hdr;
	bool scout_done;
	uint32_t *used_at;          /* [ncu] the stamp of the tick that last started a CTA on it */
	uint32_t stamp;             /* one per tick that acts */
	lg_ps quiet_until;          /* nothing to do before this unless a CTA ends (0: look) */
	int err;
	lg_err e;
	lg_ks_cta_fn obs;           /* CTA start/end observer (timeline), may be NULL */
	void *obs_ctx;
	lg_wake wake;               /* a CTA ended (cta_done_cb): tick at the next edge */
	lg_ks_end_fn end_fn;        /* all kernels finished, may be NULL */
	void *end_ctx;
	bool ended;
	bool busy;                  /* ks_busy()'s answer, kept by every change */
};

#define KX(k, i) ((k)->kern[i])

/* ---- masks and parameters ---- */

int lg_ks_mask_parse(const char *s, uint64_t bits[LG_KS_MASKW])
{
	size_t n;

	memset(bits, 0, LG_KS_MASKW * sizeof(*bits));
	while (*s == ' ')
		s++;
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	s += 2;
	n = strspn(s, "0123456789abcdefABCDEF");
	if (!n || n > LG_KS_MAXCU / 4 || (s[n] && s[n] != ' ' && s[n] != ','))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char ch = s[n - 1 - i];
		uint64_t v = (uint64_t)(isdigit((unsigned char)ch) ? ch - '0'
					: tolower((unsigned char)ch) - 'a' + 10);

		bits[i / 16] |= v << (4 * (i % 16));
	}
	return 0;
}

int lg_ksched_params_from_cfg(const lg_cfg *c, lg_ksched_params *p, lg_err *e)
{
	const char *s = c->stream.cu_masks;

	memset(p, 0, sizeof(*p));
	p->clk.period_ps = (lg_ps)(1e6 / c->die.core_clock_mhz + 0.5);
	p->launch_latency = (lg_ps)(c->kernel.launch_latency_ns * 1000.0 + 0.5);
	p->ctas_per_cycle = (uint32_t)c->kernel.ctas_per_cycle;
	while (*s) {
		char *end;
		unsigned long long id;

		while (*s == ' ' || *s == ',')
			s++;
		if (!*s)
			break;
		id = strtoull(s, &end, 0);
		if (end == s || *end != '=' || p->nmasks == LG_KS_MAXMASK ||
		    lg_ks_mask_parse(end + 1, p->mask[p->nmasks].bits) < 0)
			return lg_cfg_errf(c, LG_K_stream_cu_masks, e,
					   "expected 'STREAM=0xHEX[,STREAM=0xHEX...]' (at most %d "
					   "streams, %d-bit masks), got '%.32s'", LG_KS_MAXMASK,
					   LG_KS_MAXCU, s);
		p->mask[p->nmasks++].stream = id;
		s = end + 1;
		while (*s && *s != ',' && *s != ' ')
			s++;
	}
	return 0;
}

/* Clear the bits of CUs >= ncu; whether any bit is left. */
static bool mask_trim(uint64_t bits[LG_KS_MASKW], unsigned ncu)
{
	bool any = false;

	for (unsigned w = 0; w < LG_KS_MASKW; w++) {
		if (w * 64 >= ncu)
			bits[w] = 0;
		else if (ncu - w * 64 < 64)
			bits[w] &= (UINT64_C(1) << (ncu - w * 64)) - 1;
		any |= bits[w] != 0;
	}
	return any;
}

static bool mask_has(const uint64_t bits[LG_KS_MASKW], unsigned i)
{
	return bits[i / 64] >> (i % 64) & 1;
}

/* ---- kernels and streams, as readers find them ---- */

/* Stop with an error (kept for lg_ksched_error). */
static void fail(lg_ksched *k, const lg_err *e)
{
	if (!k->err) {
		k->err = -1;
		k->e = *e;
	}
}

/* The stream index for id, adding it with its own reader (r if not NULL,
 * else one opened on the trace); -1 on error. */
static int stream_of(lg_ksched *k, uint64_t id, lg_kt_reader *r, lg_err *e)
{
	const lg_cu_params *cp = lg_cu_params_get(k->cu[0]);
	ks_stream **ns, *s;

	for (unsigned i = 0; i < k->ns; i++)
		if (k->s[i]->id == id)
			return (int)i;
	ns = realloc(k->s, (k->ns + 1) * sizeof(*ns));
	if (!ns)
		return lg_errf(e, k->path, 0, "out of memory");
	k->s = ns;
	s = calloc(1, sizeof(*s));
	if (!s)
		return lg_errf(e, k->path, 0, "out of memory");
	k->s[k->ns++] = s;
	s->id = id;
	for (unsigned w = 0; w < MAXCTAW; w++)
		lg_kt_warp_init(&s->stage[w]);
	lg_kt_warp_init(&s->ahead);
	s->dec = malloc(sizeof(*s->dec));
	if (!s->dec)
		return lg_errf(e, k->path, 0, "out of memory");
	lg_cu_opdec_init(s->dec, cp->tim, cp->mma_bf16_flops_per_cycle / cp->nsched);
	s->r = r ? r : lg_kt_open(k->path, k->format, e);
	if (!s->r)
		return -1;
	return (int)(k->ns - 1);
}

/* Record the next kernel of the trace, kr: its stream (opened if new, with
 * reader r if not NULL) and CU mask (its cu_mask metadata, else its
 * stream's, else every CU). */
static int add_kernel(lg_ksched *k, const lg_kt_kernel *kr, lg_kt_reader *r, lg_err *e)
{
	const char *m = lg_kt_meta_get(&kr->meta, "cu_mask");
	ks_kernel *x;
	ks_stream *s;
	int si;

	if (k->nkern == k->kcap) {
		unsigned cap = k->kcap ? 2 * k->kcap : 16;
		ks_kernel **nk = realloc(k->kern, cap * sizeof(*nk));

		if (!nk)
			return lg_errf(e, k->path, 0, "out of memory");
		k->kern = nk;
		k->kcap = cap;
	}
	x = calloc(1, sizeof(*x));
	if (!x)
		return lg_errf(e, k->path, 0, "out of memory");
	k->kern[k->nkern] = x;
	x->st.cta_per_cu = calloc(k->ncu, sizeof(*x->st.cta_per_cu));
	if (!x->st.cta_per_cu)
		return lg_errf(e, k->path, 0, "out of memory");
	k->nkern++;
	snprintf(x->st.name, sizeof(x->st.name), "%s", kr->name ? kr->name : "");
	x->st.id = kr->id;
	x->st.stream = kr->stream;
	x->t_launch = LG_PS_NEVER;
	for (unsigned w = 0; w < LG_KS_MASKW; w++)
		x->bits[w] = ~UINT64_C(0);
	for (unsigned i = 0; i < k->p.nmasks; i++)
		if (k->p.mask[i].stream == kr->stream)
			memcpy(x->bits, k->p.mask[i].bits, sizeof(x->bits));
	if (m && lg_ks_mask_parse(m, x->bits) < 0)
		return lg_errf(e, k->path, 0, "kernel %u (%s): metadata cu_mask '%s': expected "
			       "0x followed by at most %d hex digits", kr->id, x->st.name, m,
			       LG_KS_MAXCU / 4);
	if (!mask_trim(x->bits, k->ncu))
		return lg_errf(e, k->path, 0, "stream %llu: CU mask allows none of the die's %u "
			       "CUs (kernel %u, %s; mask from %s)", (unsigned long long)kr->stream,
			       k->ncu, kr->id, x->st.name, m ? "its cu_mask metadata" : "stream.cu_masks");
	si = stream_of(k, kr->stream, r, e);
	if (si < 0)
		return -1;
	x->stream = (unsigned)si;
	s = k->s[si];
	if (s->nkern == s->kcap) {
		unsigned cap = s->kcap ? 2 * s->kcap : 8;
		unsigned *nk = realloc(s->kern, cap * sizeof(*nk));

		if (!nk)
			return lg_errf(e, k->path, 0, "out of memory");
		s->kern = nk;
		s->kcap = cap;
	}
	s->kern[s->nkern++] = k->nkern - 1;
	if (s->nkern == 1)
		x->t_launch = k->p.launch_latency;
	return 0;
}

/* A reader that has passed *hdr kernel headers meets another, kr. */
static int saw_header(lg_ksched *k, unsigned *hdr, const lg_kt_kernel *kr, lg_err *e)
{
	if (++*hdr > k->nkern)
		return add_kernel(k, kr, NULL, e);
	return 0;
}

/* Config masks that allow no CU are errors before anything runs. */
static int check_config_masks(const lg_ksched *k, lg_err *e)
{
	for (unsigned i = 0; i < k->p.nmasks; i++) {
		uint64_t b[LG_KS_MASKW];

		memcpy(b, k->p.mask[i].bits, sizeof(b));
		if (!mask_trim(b, k->ncu))
			return lg_errf(e, "stream.cu_masks", 0, "stream %llu: CU mask allows none "
				       "of the die's %u CUs", (unsigned long long)k->p.mask[i].stream,
				       k->ncu);
	}
	return 0;
}

static bool busy_now(const lg_ksched *k);

static void cta_done_cb(void *ctx, unsigned cu, const lg_cu_cta_report *r, lg_ps now);

lg_ksched *lg_ksched_create(const lg_ksched_params *p, const char *path, const char *format,
			    lg_cu *const *cus, unsigned ncu, lg_err *e)
{
	lg_ksched *k = calloc(1, sizeof(*k));
	lg_kt_reader *r = NULL;
	int ev;

	if (!k) {
		lg_errf(e, path, 0, "out of memory");
		return NULL;
	}
	k->p = *p;
	snprintf(k->path, sizeof(k->path), "%s", path);
	snprintf(k->format, sizeof(k->format), "%s", format ? format : "auto");
	if (!ncu || ncu > LG_KS_MAXCU) {
		lg_errf(e, path, 0, "a kernel trace needs a die with 1..%d CUs (die.cus), got %u",
			LG_KS_MAXCU, ncu);
		goto out_free;
	}
	k->ncu = ncu;
	k->cu = malloc(ncu * sizeof(*k->cu));
	k->used_at = calloc(ncu, sizeof(*k->used_at));
	if (!k->cu || !k->used_at) {
		lg_errf(e, path, 0, "out of memory");
		goto out_free;
	}
	memcpy(k->cu, cus, ncu * sizeof(*k->cu));
	if (check_config_masks(k, e) < 0)
		goto out_free;
	/* The first kernel now: its stream takes this reader; later kernels
	 * as readers pass them. */
	r = lg_kt_open(path, k->format, e);
	if (!r)
		goto out_free;
	while ((ev = lg_kt_next(r, e)) > 0 && ev != LG_KT_EV_KERNEL)
		;
	if (ev < 0)
		goto out_free;
	if (ev == LG_KT_EV_KERNEL) {
		const lg_kt_kernel *kr = lg_kt_cur_kernel(r);
		ks_stream *s;

		if (add_kernel(k, kr, r, e) < 0) {
			if (!k->ns || k->s[0]->r != r)
				lg_kt_close(r);
			r = NULL;
			goto out_free;
		}
		s = k->s[0];
		r = NULL;
		s->hdr = s->rd = 1;
		lg_cu_opdec_sync(s->dec, lg_kt_reader_optab(s->r));
		lg_cu_kernel_init(&KX(k, 0)->ck, kr, s->dec, 0);
	} else {
		k->scout_done = true;
		lg_kt_close(r);
		r = NULL;
	}
	for (unsigned i = 0; i < ncu; i++)
		lg_cu_set_cta_sink(k->cu[i], cta_done_cb, k);
	k->stamp = 1;
	k->busy = busy_now(k);
	return k;
out_free:
	lg_kt_close(r);
	lg_ksched_destroy(k);
	return NULL;
}

void lg_ksched_destroy(lg_ksched *k)
{
	if (!k)
		return;
	for (unsigned i = 0; i < k->ns; i++) {
		ks_stream *s = k->s[i];

		lg_kt_close(s->r);
		for (unsigned w = 0; w < MAXCTAW; w++)
			lg_kt_warp_free(&s->stage[w]);
		lg_kt_warp_free(&s->ahead);
		free(s->dec);
		free(s->kern);
		free(s);
	}
	for (unsigned j = 0; j < k->nkern; j++) {
		free(KX(k, j)->st.cta_per_cu);
		free(KX(k, j));
	}
	lg_kt_close(k->scout);
	free(k->kern);
	free(k->s);
	free(k->cu);
	free(k->used_at);
	free(k);
}

/* ---- reading ---- */

static void kernel_end(lg_ksched *k, ks_kernel *x, lg_ps now);

/* The kernel s's reader was reading is behind it: all its CTAs are known. */
static void all_read(lg_ksched *k, ks_stream *s)
{
	if (s->rd)
		KX(k, s->kern[s->rd - 1])->all_read = true;
}

/* Take the reader's current warp (of kernel kg) into the stage. */
static void stage_add(ks_stream *s, unsigned kg)
{
	if (s->nst == MAXCTAW)
		return; /* more warps than a CTA can have: extra ones are dropped */
	lg_kt_take_warp(s->r, &s->stage[s->nst]);
	s->nst++;
	s->st_kernel = kg;
}

/* The staged CTA is whole. */
static void staged(lg_ksched *k, ks_stream *s)
{
	s->st_ready = true;
	KX(k, s->st_kernel)->st.ctas++;
}

/* Read until s holds a whole CTA (or the stream's end). */
static void fill_stage(lg_ksched *k, ks_stream *s)
{
	lg_err e;

	if (s->st_ready || k->err || (s->eof && !s->have_ahead))
		return;
	if (s->have_ahead) {
		lg_kt_warp t = s->stage[0];

		s->stage[0] = s->ahead;
		s->ahead = t;
		s->nst = 1;
		s->st_kernel = s->ahead_kernel;
		s->have_ahead = false;
	}
	while (!s->eof) {
		int ev = lg_kt_next(s->r, &e);

		if (ev < 0)
			goto out_fail;
		if (ev == LG_KT_EV_END) {
			s->eof = true;
			all_read(k, s);
			break;
		}
		if (ev == LG_KT_EV_KERNEL) {
			const lg_kt_kernel *kr = lg_kt_cur_kernel(s->r);

			if (saw_header(k, &s->hdr, kr, &e) < 0)
				goto out_fail;
			all_read(k, s);
			s->skipping = kr->stream != s->id;
			if (!s->skipping) {
				unsigned kg = s->kern[s->rd++];

				lg_cu_opdec_sync(s->dec, lg_kt_reader_optab(s->r));
				lg_cu_kernel_init(&KX(k, kg)->ck, kr, s->dec, kg);
				if (s->nst) {
					staged(k, s);
					return;
				}
			}
			continue;
		}
		if (ev != LG_KT_EV_WARP || s->skipping || !s->rd)
			continue;
		lg_cu_opdec_sync(s->dec, lg_kt_reader_optab(s->r));
		{
			const lg_kt_warp *w = lg_kt_cur_warp(s->r);
			unsigned kg = s->kern[s->rd - 1];

			if (s->nst && (kg != s->st_kernel ||
				       memcmp(w->cta, s->stage[0].cta, sizeof(w->cta)))) {
				lg_kt_take_warp(s->r, &s->ahead);
				s->ahead_kernel = kg;
				s->have_ahead = true;
				staged(k, s);
				return;
			}
			stage_add(s, kg);
		}
	}
	if (s->nst)
		staged(k, s);
	return;
out_fail:
	fail(k, &e);
}

/* Advance the scout to the next kernel of a stream not known yet (or the
 * end), registering the kernels it passes that no reader has reported. */
static void scout_step(lg_ksched *k)
{
	lg_err e;
	int ev;

	if (!k->scout) {
		k->scout = lg_kt_open(k->path, k->format, &e);
		if (!k->scout)
			goto out_fail;
	}
	while ((ev = lg_kt_next(k->scout, &e)) > 0) {
		const lg_kt_kernel *kr;
		unsigned ns = k->ns;

		if (ev != LG_KT_EV_KERNEL)
			continue;
		kr = lg_kt_cur_kernel(k->scout);
		if (saw_header(k, &k->scout_hdr, kr, &e) < 0)
			goto out_fail;
		if (k->ns > ns)
			return;
	}
	if (ev < 0)
		goto out_fail;
	k->scout_done = true;
	return;
out_fail:
	fail(k, &e);
	k->scout_done = true;
}

/* ---- dispatch ---- */

/* Kernel x finished at now: the stream's next kernel launches later. */
static void kernel_end(lg_ksched *k, ks_kernel *x, lg_ps now)
{
	ks_stream *s = k->s[x->stream];

	x->finished = true;
	x->st.t_end = now;
	if (x->started)
		x->st.cycles = (x->st.t_end - x->st.t_start) / k->p.clk.period_ps;
	s->active++;
	if (s->active < s->nkern)
		KX(k, s->kern[s->active])->t_launch = now + k->p.launch_latency;
}

static void cta_done_cb(void *ctx, unsigned cu, const lg_cu_cta_report *r, lg_ps now)
{
	lg_ksched *k = ctx;
	ks_kernel *x = KX(k, r->kernel_uid);

	if (k->obs)
		k->obs(k->obs_ctx, cu, r->kernel_uid, false, now);
	x->done++;
	x->st.insns += r->insns;
	for (unsigned d = 0; d < LG_CU_NDT; d++)
		x->st.mma_flops[d] += r->mma_flops[d];
	if (x->all_read && x->done == x->st.ctas) {
		kernel_end(k, x, now);
		k->busy = busy_now(k);
		if (k->end_fn && !k->ended && !k->busy) {
			k->ended = true;
			k->end_fn(k->end_ctx, now);
		}
	}
	for (unsigned i = 0; i < k->ns; i++)
		k->s[i]->blocked = false;
	k->quiet_until = 0;
	lg_wake_up(&k->wake);
}

/* Dispatch s's staged CTA to an allowed CU with room: 1 done, 0 no CU has
 * room, -1 only CUs that already took a CTA this cycle have room. */
static int dispatch_one(lg_ksched *k, ks_stream *s, lg_ps now)
{
	ks_kernel *x = KX(k, s->st_kernel);
	int none = 0;

	for (unsigned i = 0; i < k->ncu; i++) {
		unsigned c = s->rr_cu + i < k->ncu ? s->rr_cu + i : s->rr_cu + i - k->ncu;

		if (!mask_has(x->bits, c) || !lg_cu_cta_fits(k->cu[c], &x->ck))
			continue;
		if (k->used_at[c] == k->stamp) {
			none = -1;
			continue;
		}
		if (!x->started) {
			x->started = true;
			x->st.t_start = now;
		}
		if (k->obs)
			k->obs(k->obs_ctx, c, s->st_kernel, true, now);
		lg_cu_cta_start(k->cu[c], &x->ck, s->stage, s->nst, now);
		x->dispatched++;
		x->st.cta_per_cu[c]++;
		k->used_at[c] = k->stamp;
		s->rr_cu = c + 1 < k->ncu ? c + 1 : 0;
		s->nst = 0;
		s->st_ready = false;
		return 1;
	}
	return none;
}

/* The stream's active kernel, NULL if it has none now. */
static ks_kernel *active_kernel(lg_ksched *k, const ks_stream *s)
{
	return s->active < s->nkern ? KX(k, s->kern[s->active]) : NULL;
}

/* Whether s's staged CTA may go now: its kernel is the stream's active one
 * and has launched. */
static bool launchable(lg_ksched *k, const ks_stream *s, lg_ps now)
{
	const ks_kernel *x = active_kernel(k, s);

	return s->st_ready && x && s->kern[s->active] == s->st_kernel && x->t_launch <= now;
}

/* Check each staged CTA's kernel fits some allowed CU when empty. */
static bool check_fit(lg_ksched *k, const ks_stream *s)
{
	const ks_kernel *x = KX(k, s->st_kernel);
	char why[128];
	lg_err e;

	if (lg_cu_kernel_fits_empty(lg_cu_params_get(k->cu[0]), &x->ck, why, sizeof(why)))
		return true;
	lg_errf(&e, k->path, 0, "kernel %u (%s): %s", x->st.id, x->st.name, why);
	fail(k, &e);
	return false;
}

/* Whether an empty CU is of no use to any known stream: then the scout
 * looks further into the trace for a stream that could use it. */
static bool idle_cu_unclaimed(lg_ksched *k)
{
	for (unsigned c = 0; c < k->ncu; c++) {
		bool claimed = false;

		if (lg_cu_ctas_resident(k->cu[c]))
			continue;
		for (unsigned i = 0; i < k->ns && !claimed; i++) {
			const ks_stream *s = k->s[i];
			const ks_kernel *x = s->st_ready ? KX(k, s->st_kernel) : NULL;

			claimed = x && mask_has(x->bits, c);
		}
		if (!claimed)
			return true;
	}
	return false;
}

/* A launched active kernel with every CTA read and done (none in the
 * trace) ends now. */
static void end_empty(lg_ksched *k, ks_stream *s, lg_ps now)
{
	ks_kernel *x;

	while ((x = active_kernel(k, s)) && x->all_read && x->t_launch <= now &&
	       x->done == x->st.ctas && !(s->st_ready && s->kern[s->active] == s->st_kernel)) {
		if (!x->started) {
			x->started = true;
			x->st.t_start = now;
		}
		kernel_end(k, x, now);
	}
}

static lg_ps ks_next(const void *self, lg_ps now);
static bool ks_act(lg_ksched *k, lg_ps now);
static bool act(lg_ksched *k, lg_ps now);

/* Each tick: read ahead, end kernels without CTAs left, start staged CTAs
 * (at most ctas_per_cycle), let the scout look for other streams. Once
 * every stream's headers are known, next() is when a tick can next act
 * unless a CTA ends (cta_done_cb, which wakes the scheduler): the ticks
 * before then do nothing, so the loop may skip them. */
static bool ks_tick(void *self, lg_ps now)
{
	lg_ksched *k = self;

	if (now < k->quiet_until)
		return false;
	return ks_act(k, now);
}

/* A tick that may act (ks_tick's comment), out of line so that the quiet
 * ticks stay short; busy() is worked out again after it. */
static __attribute__((noinline)) bool ks_act(lg_ksched *k, lg_ps now)
{
	bool started = act(k, now);

	k->busy = busy_now(k);
	return started;
}

/* The stream tried first turns once per core cycle: advance it by the
 * cycles since the last tick that acted, so that it does not depend on
 * which cycles the scheduler is ticked at. */
static void rotate(lg_ksched *k, lg_ps now)
{
	uint64_t c = now / k->p.clk.period_ps;

	if (k->ns)
		k->rr_stream = (unsigned)((k->rr_stream + (c - k->rr_cycle)) % k->ns);
	k->rr_cycle = c;
}

/* ks_act's work: whether a CTA started. */
static inline bool act(lg_ksched *k, lg_ps now)
{
	uint32_t started = 0;

	k->stamp++;
	rotate(k, now);
	for (unsigned n = 0; n < k->ns && !k->err; n++) {
		ks_stream *s = k->s[(k->rr_stream + n) % k->ns];
		int rc;

		fill_stage(k, s);
		end_empty(k, s, now);
		while (started < k->p.ctas_per_cycle && launchable(k, s, now)) {
			if (!check_fit(k, s))
				return false;
			rc = dispatch_one(k, s, now);
			if (rc <= 0) {
				s->blocked = rc == 0;
				break;
			}
			s->blocked = false;
			started++;
			fill_stage(k, s);
			end_empty(k, s, now);
		}
	}
	if (!k->scout_done && !k->err) {
		bool all_eof = true;

		for (unsigned i = 0; i < k->ns; i++)
			all_eof &= k->s[i]->eof;
		if (all_eof)
			k->scout_done = true; /* every header has been seen */
		else if (idle_cu_unclaimed(k))
			scout_step(k);
	}
	if (k->scout_done && !k->err)
		k->quiet_until = ks_next(k, now);
	return started > 0;
}

static lg_ps ks_next(const void *self, lg_ps now)
{
	const lg_ksched *k = self;
	lg_ps per = k->p.clk.period_ps, edge, t = LG_PS_NEVER;

	if (now < k->quiet_until) /* never after an error: quiet_until is not set then */
		return k->quiet_until;
	if (k->err)
		return LG_PS_NEVER;
	edge = (now / per + 1) * per;
	for (unsigned i = 0; i < k->ns; i++) {
		const ks_stream *s = k->s[i];
		const ks_kernel *x = s->active < s->nkern ? KX(k, s->kern[s->active]) : NULL;
		lg_ps l;

		if (!s->st_ready && (!s->eof || s->have_ahead))
			return edge; /* reading ahead */
		if (!x)
			continue;
		if (!(s->st_ready && s->kern[s->active] == s->st_kernel) &&
		    !(x->all_read && x->done == x->st.ctas))
			continue; /* waits for CTAs to end */
		l = x->t_launch;
		if (l > now) {
			l = (l + per - 1) / per * per;
			if (l < t)
				t = l;
		} else if (!s->blocked) {
			return edge;
		}
	}
	return t;
}

/* Whether the scheduler holds work: a stream has a kernel not yet ended,
 * trace left to read or a CTA staged (none after an error). */
static bool busy_now(const lg_ksched *k)
{
	if (k->err)
		return false;
	for (unsigned i = 0; i < k->ns; i++) {
		const ks_stream *s = k->s[i];

		/* the usual answer first: a kernel not yet ended */
		if (s->active < s->nkern || !s->eof || s->have_ahead || s->st_ready)
			return true;
	}
	return false;
}

/* busy_now() as kept: the loop asks at every step. */
static bool ks_busy(const void *self)
{
	return ((const lg_ksched *)self)->busy;
}

static void ks_dump(const void *self, FILE *f, lg_ps now)
{
	const lg_ksched *k = self;

	(void)now;
	for (unsigned i = 0; i < k->ns; i++) {
		const ks_stream *s = k->s[i];

		fprintf(f, "ksched stream %llu: kernel %u of %u, CTA staged %s (%u warps), %s\n",
			(unsigned long long)s->id, s->active, s->nkern, s->st_ready ? "yes" : "no",
			s->nst, s->eof ? "trace read" : "reading");
	}
	for (unsigned j = 0; j < k->nkern; j++) {
		const ks_kernel *x = KX(k, j);

		if (x->started && !x->finished)
			fprintf(f, "ksched kernel %u (%s): %llu of %llu CTAs dispatched, %llu done\n",
				x->st.id, x->st.name, (unsigned long long)x->dispatched,
				(unsigned long long)x->st.ctas, (unsigned long long)x->done);
	}
}

const lg_comp_ops lg_ksched_ops = {
	.kind = "ksched", .tick = ks_tick, .next = ks_next, .busy = ks_busy, .dump = ks_dump,
};

void lg_ksched_set_cta_obs(lg_ksched *k, lg_ks_cta_fn fn, void *ctx)
{
	k->obs = fn;
	k->obs_ctx = ctx;
}

void lg_ksched_set_waker(lg_ksched *k, const lg_wake *w)
{
	k->wake = *w;
}

void lg_ksched_set_end_obs(lg_ksched *k, lg_ks_end_fn fn, void *ctx)
{
	k->end_fn = fn;
	k->end_ctx = ctx;
}

void lg_ksched_comp(lg_ksched *k, lg_comp *out)
{
	out->ops = &lg_ksched_ops;
	out->self = k;
	out->name = "ksched";
	out->clk = k->p.clk;
}

int lg_ksched_error(const lg_ksched *k, lg_err *e)
{
	if (k->err && e)
		*e = k->e;
	return k->err;
}

/* ---- stats ---- */

unsigned lg_ksched_nkernels(const lg_ksched *k) { return k->nkern; }
unsigned lg_ksched_ncu(const lg_ksched *k) { return k->ncu; }

const lg_ks_kstats *lg_ksched_kernel(const lg_ksched *k, unsigned i)
{
	return i < k->nkern ? &KX(k, i)->st : NULL;
}

double lg_ks_ipc(const lg_ks_kstats *s)
{
	return s->cycles ? (double)s->insns / (double)s->cycles : 0.0;
}

double lg_ks_tflops(const lg_ks_kstats *s, unsigned dt)
{
	double sec = (double)(s->t_end - s->t_start) * 1e-12;

	return dt < LG_CU_NDT && sec > 0 ? (double)s->mma_flops[dt] / sec * 1e-12 : 0.0;
}

void lg_ksched_stats_print(FILE *f, const lg_ksched *k)
{
	for (unsigned j = 0; j < k->nkern; j++) {
		const lg_ks_kstats *s = &KX(k, j)->st;

		fprintf(f, "kernel %u %s stream %llu: ctas %llu start %llu ps end %llu ps cycles %llu "
			"insns %llu ipc %.3f", s->id, s->name, (unsigned long long)s->stream,
			(unsigned long long)s->ctas, (unsigned long long)s->t_start,
			(unsigned long long)s->t_end, (unsigned long long)s->cycles,
			(unsigned long long)s->insns, lg_ks_ipc(s));
		for (unsigned d = 0; d < LG_CU_NDT; d++)
			if (s->mma_flops[d])
				fprintf(f, " tflops.%s %.3f", lg_cu_dt_name(d), lg_ks_tflops(s, d));
		fprintf(f, "\n");
	}
}

void lg_ksched_stats_json(lg_json *j, const lg_ksched *k)
{
	lg_json_arr_begin(j, "kernels");
	for (unsigned i = 0; i < k->nkern; i++) {
		const lg_ks_kstats *s = &KX(k, i)->st;

		lg_json_obj_begin(j, NULL);
		lg_json_str(j, "name", s->name);
		lg_json_u64(j, "id", s->id);
		lg_json_u64(j, "stream", s->stream);
		lg_json_u64(j, "ctas", s->ctas);
		lg_json_u64(j, "start_ps", s->t_start);
		lg_json_u64(j, "end_ps", s->t_end);
		lg_json_u64(j, "cycles", s->cycles);
		lg_json_u64(j, "insns", s->insns);
		lg_json_f64(j, "ipc", lg_ks_ipc(s));
		lg_json_obj_begin(j, "mma_flops");
		for (unsigned d = 0; d < LG_CU_NDT; d++)
			lg_json_u64(j, lg_cu_dt_name(d), s->mma_flops[d]);
		lg_json_obj_end(j);
		lg_json_obj_begin(j, "tflops");
		for (unsigned d = 0; d < LG_CU_NDT; d++)
			lg_json_f64(j, lg_cu_dt_name(d), lg_ks_tflops(s, d));
		lg_json_obj_end(j);
		lg_json_arr_begin(j, "ctas_per_cu");
		for (unsigned c = 0; c < k->ncu; c++)
			lg_json_u64(j, NULL, s->cta_per_cu[c]);
		lg_json_arr_end(j);
		lg_json_obj_end(j);
	}
	lg_json_arr_end(j);
}
