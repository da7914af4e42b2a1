/* The data check (see dcheck.h): reference, then a page-by-page comparison. */
#include <string.h>

#include "die/dcheck.h"
#include "dma/dma.h"
#include "trace/dtrace.h"

/* Descriptors dma.descriptors may hold, as the die builder reads them. */
#define MAX_DESC 16

/* One transfer on the reference: copy or reduce n bytes src -> dst. -1: out of memory. */
static int transfer(lg_dmem *m, uint64_t src, uint64_t dst, uint64_t n, unsigned op, lg_dtype dt)
{
	uint8_t buf[LG_DMEM_PAGE];

	while (n) {
		uint32_t k = n < sizeof(buf) ? (uint32_t)n : (uint32_t)sizeof(buf);

		lg_dmem_read(m, src, buf, k);
		if (op ? lg_dmem_reduce(m, dst, buf, k, dt) : lg_dmem_write(m, dst, buf, k))
			return -1;
		src += k;
		dst += k;
		n -= k;
	}
	return 0;
}

/* Step 1: dma.descriptors (the die builder has parsed them already). */
static int descriptors(const lg_dcheck_in *in, lg_dmem *m, lg_err *e)
{
	lg_dma_desc x[MAX_DESC];
	const char *what;
	unsigned n;

	if (lg_dma_parse(in->cfg->dma.descriptors, in->die, x, MAX_DESC, &n, &what))
		return lg_cfg_errf(in->cfg, LG_K_dma_descriptors, e, "%s", what);
	for (unsigned i = 0; i < n; i++)
		if (transfer(m, x[i].src, x[i].dst, x[i].bytes, x[i].op, x[i].dtype))
			return lg_errf(e, "lgsim", 0, "out of memory (data check)");
	return 0;
}

/* Step 2: the write records of one trace, as the replay splits them. */
static int trace_writes(const lg_dcheck_in *in, const char *path, lg_dmem *m, lg_err *e)
{
	lg_dtrace *t = lg_dtrace_open(path, in->format, e);
	lg_dtrace_rec r;
	uint32_t n;
	int rc;

	if (!t)
		return -1;
	while ((rc = lg_dtrace_next(t, &r, e)) == 1) {
		uint64_t a = r.size ? r.addr : r.addr & ~((uint64_t)in->burst - 1);

		if (r.op != LG_OP_WR)
			continue;
		n = r.size ? r.size : in->burst;
		if (in->cus ? lg_dmem_write_val(m, a, n, 0) : lg_dmem_write_src(m, a, n)) {
			rc = lg_errf(e, "lgsim", 0, "out of memory (data check)");
			break;
		}
	}
	lg_dtrace_close(t);
	return rc;
}

/* Step 3: every tile of the tracked region to its destination. */
static int tiles(const lg_dcheck_in *in, lg_dmem *m, lg_err *e)
{
	const lg_cfg *c = in->cfg;
	uint64_t base = (uint64_t)c->tracker.region_base, len = (uint64_t)c->tracker.region_bytes;
	uint64_t tile = (uint64_t)c->tracker.tile_bytes;
	unsigned op = !strcmp(c->tracker.op, "nmc");
	lg_dtype dt = op ? lg_dtype_parse(c->tracker.dtype) : LG_DT_NONE;

	for (uint64_t off = 0; off < len; off += tile) {
		uint64_t n = len - off < tile ? len - off : tile;
		uint64_t dst = c->tracker.dst_base < 0 ? base + off : (uint64_t)c->tracker.dst_base + off;

		if (transfer(m, base + off, dst, n, op, dt))
			return lg_errf(e, "lgsim", 0, "out of memory (data check)");
	}
	return 0;
}

/* Comparison state: the other store and the result. */
typedef struct cmp {
	const lg_dmem *other;
	bool other_is_ref;
	lg_dcheck_res *r;
} cmp;

/* One page of a store against the other; a page both hold is compared once. */
static void cmp_page(void *ctx, uint64_t base, const uint8_t *bytes)
{
	cmp *c = ctx;
	uint8_t o[LG_DMEM_PAGE];

	if (c->other_is_ref == false && lg_dmem_has_page(c->other, base))
		return;
	lg_dmem_read(c->other, base, o, LG_DMEM_PAGE);
	c->r->bytes_compared += LG_DMEM_PAGE;
	for (unsigned i = 0; i < LG_DMEM_PAGE; i++) {
		if (o[i] == bytes[i])
			continue;
		if (!c->r->mismatch_bytes++ || base + i < c->r->first_mismatch)
			c->r->first_mismatch = base + i;
	}
}

int lg_dcheck_run(const lg_dcheck_in *in, const lg_dmem *sim, lg_dcheck_res *r, lg_err *e)
{
	lg_dmem *ref = lg_dmem_create();
	int rc = -1;
	cmp c;

	memset(r, 0, sizeof(*r));
	if (!ref)
		return lg_errf(e, "lgsim", 0, "out of memory (data check)");
	if (descriptors(in, ref, e))
		goto out;
	for (int i = 0; i < in->ntraces; i++)
		if (trace_writes(in, in->traces[i], ref, e))
			goto out;
	if (in->cfg->tracker.observe && in->cfg->dma.enable && tiles(in, ref, e))
		goto out;
	c = (cmp){ ref, true, r };
	lg_dmem_each(sim, cmp_page, &c);      /* every page the run holds */
	c = (cmp){ sim, false, r };
	lg_dmem_each(ref, cmp_page, &c);      /* ... and those only the reference holds */
	r->pages = lg_dmem_pages(sim);
	r->ref_pages = lg_dmem_pages(ref);
	r->match = r->mismatch_bytes == 0;
	rc = 0;
out:
	lg_dmem_destroy(ref);
	return rc;
}
