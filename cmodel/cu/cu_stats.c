/*
 * lg_cu_stats printers and sums (see cu.h). Kept apart from the model: the
 * hot path only adds to counters.
 */
#include "cu/cu.h"

static const char *const stall_names[LG_CU_NSTALL] = {
	"scoreboard", "memory", "barrier", "pipe_busy", "no_work",
};

const char *lg_cu_stall_name(unsigned i)
{
	return i < LG_CU_NSTALL ? stall_names[i] : "?";
}

void lg_cu_stats_add(lg_cu_stats *sum, const lg_cu_stats *a)
{
	const uint64_t *x = (const uint64_t *)a;
	uint64_t *y = (uint64_t *)sum;
	uint64_t cycles = sum->cycles > a->cycles ? sum->cycles : a->cycles;
	uint64_t peak = sum->ctas_peak > a->ctas_peak ? sum->ctas_peak : a->ctas_peak;

	/* every member is a uint64_t counter */
	for (size_t i = 0; i < sizeof(*a) / sizeof(uint64_t); i++)
		y[i] += x[i];
	sum->cycles = cycles;
	sum->ctas_peak = peak;
}

void lg_cu_stats_print(FILE *f, const char *name, const lg_cu_stats *s)
{
	fprintf(f, "%s.cycles %llu\n", name, (unsigned long long)s->cycles);
	fprintf(f, "%s.issued %llu\n", name, (unsigned long long)s->issued);
	for (unsigned c = 0; c < LG_KT_NCLASS; c++)
		if (s->cls[c])
			fprintf(f, "%s.class.%s %llu\n", name, lg_kt_class_name(c),
				(unsigned long long)s->cls[c]);
	fprintf(f, "%s.unknown_opcodes %llu\n", name, (unsigned long long)s->unknown);
	for (unsigned d = 0; d < LG_CU_NDT; d++)
		if (s->mma_flops[d])
			fprintf(f, "%s.mma_flops.%s %llu\n", name, lg_cu_dt_name(d),
				(unsigned long long)s->mma_flops[d]);
	for (unsigned i = 0; i < LG_CU_NSTALL; i++)
		fprintf(f, "%s.stall.%s %llu\n", name, stall_names[i],
			(unsigned long long)s->stall[i]);
	fprintf(f, "%s.l1_hits %llu\n%s.l1_misses %llu\n%s.mshr_merges %llu\n", name,
		(unsigned long long)s->l1_hits, name, (unsigned long long)s->l1_misses, name,
		(unsigned long long)s->mshr_merges);
	fprintf(f, "%s.smem_accesses %llu\n%s.rf_reads %llu\n%s.rf_writes %llu\n", name,
		(unsigned long long)s->smem_accesses, name, (unsigned long long)s->rf_reads, name,
		(unsigned long long)s->rf_writes);
	fprintf(f, "%s.ctas %llu\n%s.warps %llu\n%s.ctas_peak %llu\n", name,
		(unsigned long long)s->ctas, name, (unsigned long long)s->warps, name,
		(unsigned long long)s->ctas_peak);
	for (unsigned o = 0; o < LG_OP_COUNT; o++)
		fprintf(f, "%s.requests.%s %llu\n", name, lg_op_name(o),
			(unsigned long long)s->req[o]);
	fprintf(f, "%s.request_bytes %llu\n%s.useful_bytes %llu\n%s.push_refused %llu\n", name,
		(unsigned long long)s->req_bytes, name, (unsigned long long)s->useful_bytes, name,
		(unsigned long long)s->push_refused);
}

void lg_cu_stats_json(lg_json *j, const lg_cu_stats *s)
{
	lg_json_u64(j, "cycles", s->cycles);
	lg_json_u64(j, "issued", s->issued);
	lg_json_obj_begin(j, "class");
	for (unsigned c = 0; c < LG_KT_NCLASS; c++)
		lg_json_u64(j, lg_kt_class_name(c), s->cls[c]);
	lg_json_obj_end(j);
	lg_json_u64(j, "unknown_opcodes", s->unknown);
	lg_json_obj_begin(j, "mma_flops");
	for (unsigned d = 0; d < LG_CU_NDT; d++)
		lg_json_u64(j, lg_cu_dt_name(d), s->mma_flops[d]);
	lg_json_obj_end(j);
	lg_json_obj_begin(j, "stall");
	for (unsigned i = 0; i < LG_CU_NSTALL; i++)
		lg_json_u64(j, stall_names[i], s->stall[i]);
	lg_json_obj_end(j);
	lg_json_u64(j, "l1_hits", s->l1_hits);
	lg_json_u64(j, "l1_misses", s->l1_misses);
	lg_json_u64(j, "mshr_merges", s->mshr_merges);
	lg_json_u64(j, "smem_accesses", s->smem_accesses);
	lg_json_u64(j, "rf_reads", s->rf_reads);
	lg_json_u64(j, "rf_writes", s->rf_writes);
	lg_json_u64(j, "ctas", s->ctas);
	lg_json_u64(j, "warps", s->warps);
	lg_json_u64(j, "ctas_peak", s->ctas_peak);
	lg_json_obj_begin(j, "requests");
	for (unsigned o = 0; o < LG_OP_COUNT; o++)
		lg_json_u64(j, lg_op_name(o), s->req[o]);
	lg_json_obj_end(j);
	lg_json_u64(j, "request_bytes", s->req_bytes);
	lg_json_u64(j, "useful_bytes", s->useful_bytes);
	lg_json_u64(j, "push_refused", s->push_refused);
}
