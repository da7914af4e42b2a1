/*
 * lg_trk_replay: the tracker replay line parser (see trk_replay.h). It
 * replaces sscanf, whose %llu and %x accept "-1000" and wrap it.
 */
#include "tracker/trk_replay.h"

#include "core/lg_field.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char WRITE_SYNTAX[] = "'<cycle> <port> <hex-addr> <bytes 0..255> [N]'";
static const char PROG_SYNTAX[] =
	"'<cycle> P <hex-base> <len> <expect> [<stride> <rearm> <die> <hex-dst> <op> <dtype>]'";

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
		if (k == 3 && !*lg_field_skip(p))
			break;
		if (lg_field_u64(&p, base[k], width[k], name[k], &v[k], what, n))
			return -1;
	}
	if (*lg_field_skip(p)) {
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

	if (lg_field_u64(&p, 10, 64, WRITE_SYNTAX, &v, what, n))
		return -1;
	if (v >= w->ports) {
		snprintf(what, n, "expected a port below %u", w->ports);
		return -1;
	}
	out->port = (unsigned)v;
	if (lg_field_u64(&p, 16, w->aw, "a hex address", &out->addr, what, n) ||
	    lg_field_u64(&p, 10, 8, "a byte count 0..255", &v, what, n))
		return -1;
	out->bytes = (uint32_t)v;
	p = lg_field_skip(p);
	out->nmc = *p == 'N';
	if (*lg_field_skip(p + out->nmc)) {
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
	p = lg_field_skip(buf);
	if (!*p)
		return 0;
	memset(out, 0, sizeof(*out));
	if (lg_field_u64(&p, 10, 64, "'<cycle> <port|P> ...'", &out->cycle, what, n))
		return -1;
	p = lg_field_skip(p);
	if (p[0] == 'P' && (!p[1] || strchr(" \t\r\n", p[1]))) {
		out->is_prog = true;
		return prog_fields(p + 1, w, &out->prog, what, n) ? -1 : 1;
	}
	return write_fields(p, w, out, what, n) ? -1 : 1;
}
