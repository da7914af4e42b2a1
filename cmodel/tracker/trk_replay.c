/*
 * lg_trk_replay: the tracker replay line parser (see trk_replay.h). It
 * replaces sscanf, whose %llu and %x accept "-1000" and wrap it.
 */
#include "tracker/trk_replay.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char WRITE_SYNTAX[] = "'<cycle> <port> <hex-addr> <bytes 0..255> [N]'";
static const char PROG_SYNTAX[] =
	"'<cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]'";

/* Skip blanks (and the line end, so a final field may end the line). */
static const char *skip(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/* One unsigned 64-bit field in base 10 or 16 (0x optional); false when it
 * is not one (no digits, a sign, a stray character, more than 64 bits). */
static bool digits(const char **pp, unsigned base, uint64_t *v)
{
	const char *p = skip(*pp);
	uint64_t x = 0;
	int n = 0;

	if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (;; p++, n++) {
		unsigned c = (unsigned char)*p, d;

		if (c - '0' < 10)
			d = c - '0';
		else if (base == 16 && (c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		if (x > (UINT64_MAX - d) / base)
			return false;
		x = x * base + d;
	}
	if (n == 0 || (*p && !strchr(" \t\r\n", *p)))
		return false;
	*v = x;
	*pp = p;
	return true;
}

/* A field named `name` of `width` bits; -1 with the message in what. */
static int field(const char **pp, unsigned base, unsigned width, const char *name, uint64_t *v,
		 char *what, size_t n)
{
	if (!digits(pp, base, v)) {
		snprintf(what, n, "expected %s", name);
		return -1;
	}
	if (width < 64 && *v >> width) {
		snprintf(what, n, "expected %s below 2^%u, got 0x%" PRIx64, name, width, *v);
		return -1;
	}
	return 0;
}

/* The fields of a program line after "P": 3 or 9. */
static int prog_fields(const char *p, const lg_trk_replay_widths *w, lg_tracker_prog *g, char *what,
		       size_t n)
{
	static const unsigned base[9] = { 16, 10, 10, 10, 10, 10, 16, 10, 10 };
	static const char *const name[9] = { "a hex base", "a length", "an expect", "a stride",
		"a rearm", "a die", "a hex dst", "an op", "a dtype" };
	const unsigned width[9] = { w->aw, w->aw, w->cw, w->aw, 4, 6, w->aw, 1, 2 };
	uint64_t v[9];
	unsigned k;

	for (k = 0; k < 9; k++) {
		if (k == 3 && !*skip(p))
			break;
		if (field(&p, base[k], width[k], name[k], &v[k], what, n))
			return -1;
	}
	if (*skip(p)) {
		snprintf(what, n, "expected %s", PROG_SYNTAX);
		return -1;
	}
	memset(g, 0, sizeof(*g));
	g->base = v[0];
	g->len = v[1];
	g->expect = (uint32_t)v[2];
	if (k == 9) {
		g->stride = v[3];
		g->rearm = (unsigned)v[4];
		g->die = (unsigned)v[5];
		g->dst = v[6];
		g->op = (unsigned)v[7];
		g->dtype = (unsigned)v[8];
	}
	return 0;
}

/* The fields of a write line after its cycle. */
static int write_fields(const char *p, const lg_trk_replay_widths *w, lg_trk_replay_line *out,
			char *what, size_t n)
{
	uint64_t v;

	if (field(&p, 10, 64, WRITE_SYNTAX, &v, what, n))
		return -1;
	if (v >= w->ports) {
		snprintf(what, n, "expected a port below %u", w->ports);
		return -1;
	}
	out->port = (unsigned)v;
	if (field(&p, 16, w->aw, "a hex address", &out->addr, what, n) ||
	    field(&p, 10, 8, "a byte count 0..255", &v, what, n))
		return -1;
	out->bytes = (uint32_t)v;
	p = skip(p);
	out->nmc = *p == 'N';
	if (*skip(p + out->nmc)) {
		snprintf(what, n, "expected %s", WRITE_SYNTAX);
		return -1;
	}
	return 0;
}

int lg_trk_replay_parse(char *buf, const lg_trk_replay_widths *w, lg_trk_replay_line *out,
			char *what, size_t n)
{
	const char *p;
	char *c = strchr(buf, '#');

	if (c)
		*c = '\0';
	p = skip(buf);
	if (!*p)
		return 0;
	memset(out, 0, sizeof(*out));
	if (field(&p, 10, 64, "'<cycle> <port|P> ...'", &out->cycle, what, n))
		return -1;
	p = skip(p);
	if (p[0] == 'P' && (!p[1] || strchr(" \t\r\n", p[1]))) {
		out->is_prog = true;
		return prog_fields(p + 1, w, &out->prog, what, n) ? -1 : 1;
	}
	return write_fields(p, w, out, what, n) ? -1 : 1;
}
