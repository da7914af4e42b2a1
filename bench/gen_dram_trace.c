/*
 * gen_dram_trace: deterministic DRAM request traces for the benchmarks, in
 * the lgsim text format (docs/traces.md), one 64-byte request per line:
 *
 *   <time> R|W 0x<address>
 *
 * Kinds:
 *   stream   reads of consecutive 64 B blocks from address 0 (wrapping at the
 *            capacity); the address mapping spreads them over the channels
 *   random   reads of uniformly random 64 B-aligned blocks over the capacity
 *   mix      like random, with one request in three a write (2:1 read:write)
 *
 * capacity = channels x channel_mb MiB (system.channels x system.channel_size).
 * Time is 0 on every line: the replay issues each request as soon as the
 * controllers accept it. --gap-at K --gap C gives requests K.. the time C
 * (cycles) instead, to measure that an idle gap costs nothing.
 * The random stream is a fixed-seed splitmix64, so a given command line
 * always writes the same bytes. A file name ending in .gz is gzip-written.
 *
 *   gen_dram_trace --check FILE [--format F]
 * reads FILE with the lgsim trace readers and prints its request count, or
 * the reader's "FILE:LINE: ..." error with exit status 2.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "trace/dtrace.h"

typedef struct gen_opts {
	const char *kind;      /* stream | random | mix */
	uint64_t n;            /* requests */
	uint64_t channels;
	uint64_t channel_mb;   /* MiB per channel */
	uint64_t seed;
	uint64_t gap_at;       /* first request that gets time gap */
	uint64_t gap;          /* cycles; 0 = no gap */
	const char *out;       /* NULL = stdout */
} gen_opts;

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Print the usage line; exit status 2 (bad command line). */
static int usage(void)
{
	fprintf(stderr,
		"usage: gen_dram_trace stream|random|mix [-n N] [-c CHANNELS] [--channel-mb MB]\n"
		"                      [--seed S] [--gap-at K --gap CYCLES] [-o FILE[.gz]]\n"
		"       gen_dram_trace --check FILE [--format F]\n");
	return 2;
}

/* Parse an unsigned decimal option value: 0, or -1 on garbage. */
static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	*v = strtoull(s, &end, 10);
	return *end ? -1 : 0;
}

/* Read a trace through lgsim's readers and report the count. */
static int check(const char *path, const char *format)
{
	lg_err e;
	lg_dtrace_rec r;
	lg_dtrace *t = lg_dtrace_open(path, format, &e);
	uint64_t n = 0;
	int rc;

	if (!t) {
		fprintf(stderr, "%s\n", e.msg);
		return 2;
	}
	while ((rc = lg_dtrace_next(t, &r, &e)) == 1)
		n++;
	printf("%s: %" PRIu64 " requests, format %s\n", path, n, lg_dtrace_format(t));
	lg_dtrace_close(t);
	if (rc < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 2;
	}
	return 0;
}

/* Write the requests of o to w (gzip) or f (plain). */
static int generate(const gen_opts *o, FILE *f, gzFile g)
{
	uint64_t blocks = o->channels * o->channel_mb * (1024 * 1024 / 64);
	uint64_t s = o->seed;
	int mix = !strcmp(o->kind, "mix");
	int stream = !strcmp(o->kind, "stream");
	char line[64];

	for (uint64_t i = 0; i < o->n; i++) {
		uint64_t t = (o->gap && i >= o->gap_at) ? o->gap : 0;
		uint64_t blk = stream ? i % blocks : next_rand(&s) % blocks;
		char op = (mix && next_rand(&s) % 3 == 0) ? 'W' : 'R';
		int len = snprintf(line, sizeof(line), "%" PRIu64 " %c 0x%" PRIx64 "\n",
				   t, op, blk * 64);

		if (g ? gzwrite(g, line, (unsigned)len) != len
		      : fwrite(line, 1, (size_t)len, f) != (size_t)len)
			return -1;
	}
	return 0;
}

/* Parse argv into o; -1 on a bad option. */
static int parse_args(int argc, char **argv, gen_opts *o)
{
	o->kind = argv[1];
	if (strcmp(o->kind, "stream") && strcmp(o->kind, "random") && strcmp(o->kind, "mix"))
		return -1;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t *dst = !strcmp(a, "-n") ? &o->n :
				!strcmp(a, "-c") ? &o->channels :
				!strcmp(a, "--channel-mb") ? &o->channel_mb :
				!strcmp(a, "--seed") ? &o->seed :
				!strcmp(a, "--gap-at") ? &o->gap_at :
				!strcmp(a, "--gap") ? &o->gap : NULL;

		if (!strcmp(a, "-o") && v)
			o->out = v;
		else if (!dst || parse_u64(v, dst) < 0)
			return -1;
		i++;
	}
	return o->channels && o->channel_mb ? 0 : -1;
}

/* Generate (or --check) as the arguments say; 0 ok, 1 write error, 2 bad input. */
int main(int argc, char **argv)
{
	gen_opts o = { .n = 1000000, .channels = 1, .channel_mb = 1024, .seed = 1 };
	FILE *f = stdout;
	gzFile g = NULL;
	int rc;

	if (argc >= 3 && !strcmp(argv[1], "--check"))
		return check(argv[2], argc == 5 && !strcmp(argv[3], "--format") ? argv[4] : NULL);
	if (argc < 2 || parse_args(argc, argv, &o) < 0)
		return usage();
	if (o.out) {
		size_t l = strlen(o.out);

		int gz = l > 3 && !strcmp(o.out + l - 3, ".gz");

		if (gz)
			g = gzopen(o.out, "wb6");
		else
			f = fopen(o.out, "w");
		if (gz ? !g : !f) {
			perror(o.out);
			return 2;
		}
	}
	rc = generate(&o, f, g);
	if (g)
		rc |= gzclose(g) != Z_OK ? -1 : 0;
	else if (f != stdout)
		rc |= fclose(f) != 0 ? -1 : 0;
	if (rc) {
		fprintf(stderr, "gen_dram_trace: write error\n");
		return 1;
	}
	return 0;
}
