/*
 * lg_trk_replay: the tracker replay line parser (see trk_replay.h). It
 * replaces sscanf, whose %llu and %x accept "-1000" and wrap it.
 */
#include "tracker/trk_replay.h"

#include <string.h>

/* Skip blanks (and the line end, so a final field may end the line). */
static const char *skip(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/* One unsigned field in base 10 or 16 (0x optional), at most max. */
static bool field(const char **pp, unsigned base, uint64_t max, uint64_t *v)
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
		if (d > max || x > (max - d) / base)
			return false;
		x = x * base + d;
	}
	if (n == 0 || (*p && !strchr(" \t\r\n", *p)))
		return false;
	*v = x;
	*pp = p;
	return true;
}

/* The fields of a program line after "P". */
static bool prog_fields(const char *p, lg_tracker_prog *g)
{
	uint64_t v[9];
	static const unsigned base[9] = { 16, 10, 10, 10, 10, 10, 16, 10, 10 };
	int n = 0;

	memset(g, 0, sizeof(*g));
	while (n < 9 && *skip(p)) {
		if (!field(&p, base[n], UINT32_MAX, &v[n]))
			return false;
		n++;
	}
	if ((n != 3 && n != 9) || *skip(p))
		return false;
	g->base = (uint32_t)v[0];
	g->len = (uint32_t)v[1];
	g->expect = (uint32_t)v[2];
	if (n == 9) {
		g->stride = (uint32_t)v[3];
		g->rearm = (unsigned)v[4];
		g->die = (unsigned)v[5];
		g->dst = (uint32_t)v[6];
		g->op = (unsigned)v[7];
		g->dtype = (unsigned)v[8];
	}
	return true;
}

int lg_trk_replay_parse(char *buf, lg_trk_replay_line *out, const char **what)
{
	const char *p;
	char *c = strchr(buf, '#');
	uint64_t v[3];

	if (c)
		*c = '\0';
	p = skip(buf);
	if (!*p)
		return 0;
	memset(out, 0, sizeof(*out));
	if (!field(&p, 10, UINT64_MAX, &out->cycle)) {
		*what = "expected '<cycle> <port|P> ...' with a decimal cycle of at most 64 bits";
		return -1;
	}
	p = skip(p);
	if (p[0] == 'P' && (!p[1] || strchr(" \t\r\n", p[1]))) {
		out->is_prog = true;
		if (!prog_fields(p + 1, &out->prog)) {
			*what = "expected 'P <hex-base> <len> <expect> "
				"[<stride> <rearm> <die> <hex-dst> <op> <dtype>]', each of at most 32 bits";
			return -1;
		}
		return 1;
	}
	if (!field(&p, 10, LG_TRACKER_MAX_PORTS - 1, &v[0]) || !field(&p, 16, UINT32_MAX, &v[1]) ||
	    !field(&p, 10, 255, &v[2]) || *skip(p)) {
		*what = "expected '<cycle> <port> <hex-addr> <bytes 0..255>'";
		return -1;
	}
	out->port = (unsigned)v[0];
	out->addr = (uint32_t)v[1];
	out->bytes = (uint32_t)v[2];
	return 1;
}
