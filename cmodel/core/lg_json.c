#include "core/lg_json.h"
#include "core/lg_outfile.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define LG_JSON_MAXDEPTH 32

/* Bytes gathered before one fwrite: a stats file is written in few calls. */
#define LG_JSON_BUF 8192

struct lg_json {
	FILE *f;
	lg_outfile *out;               /* the file f writes to; NULL for a stream */
	int depth;
	bool first[LG_JSON_MAXDEPTH];  /* no element yet at this depth */
	bool finished;                 /* the closing newline is written */
	const char *fail;              /* lg_json_fail's reason; NULL: none */
	size_t n;                      /* bytes in buf */
	char buf[LG_JSON_BUF];
};

static lg_json *json_new(FILE *f, lg_outfile *out)
{
	lg_json *j = malloc(sizeof(*j));

	if (!j)
		return NULL;
	memset(j, 0, offsetof(lg_json, buf));
	j->f = f;
	j->out = out;
	j->first[0] = true;
	return j;
}

lg_json *lg_json_file_open(const char *path, lg_err *e)
{
	lg_outfile *out = lg_outfile_open(path, "stats file", e);
	lg_json *j;

	if (!out)
		return NULL;
	j = json_new(lg_outfile_file(out), out);
	if (!j) {
		lg_outfile_close(out, 0, NULL);
		lg_errf(e, path, 0, "out of memory");
	}
	return j;
}

lg_json *lg_json_stream(FILE *f)
{
	return json_new(f, NULL);
}

/* Hand the gathered bytes to the stream (its errors show at the flush or close). */
static void drain(lg_json *j)
{
	if (j->n)
		fwrite(j->buf, 1, j->n, j->f);
	j->n = 0;
}

/* Append len bytes of s. */
static void put(lg_json *j, const char *s, size_t len)
{
	if (len > sizeof(j->buf) - j->n) {
		drain(j);
		if (len > sizeof(j->buf)) {
			fwrite(s, 1, len, j->f);
			return;
		}
	}
	memcpy(j->buf + j->n, s, len);
	j->n += len;
}

/* Append one byte. */
static void putch(lg_json *j, char c)
{
	if (j->n == sizeof(j->buf))
		drain(j);
	j->buf[j->n++] = c;
}

/* The closing newline, once. */
static void end_document(lg_json *j)
{
	if (!j->finished)
		putch(j, '\n');
	j->finished = true;
	drain(j);
}

/* -1 with e naming the output when a printer gave up (lg_json_fail). */
static int failed(const lg_json *j, lg_err *e)
{
	return lg_errf(e, j->out ? lg_outfile_path(j->out) : "stats", 0, "%s", j->fail);
}

int lg_json_finish(lg_json *j, lg_err *e)
{
	end_document(j);
	if (j->fail)
		return failed(j, e);
	return j->out ? lg_outfile_flush(j->out, e) : 0;
}

int lg_json_commit(lg_json *j, lg_err *e)
{
	int rc;

	end_document(j);
	rc = j->fail ? failed(j, e) : 0;
	if (j->out && lg_outfile_close(j->out, rc == 0, rc ? NULL : e))
		rc = -1;
	else if (!j->out)
		fflush(j->f);
	free(j);
	return rc;
}

void lg_json_abort(lg_json *j)
{
	if (!j)
		return;
	lg_outfile_close(j->out, 0, NULL);
	free(j);
}

void lg_json_fail(lg_json *j, const char *why)
{
	if (!j->fail)
		j->fail = why;
}

/* Newline and two spaces per level. */
static void indent(lg_json *j)
{
	static const char sp[2 * LG_JSON_MAXDEPTH] =
		"                                                                ";

	putch(j, '\n');
	put(j, sp, 2 * (size_t)j->depth);
}

/* s quoted, with ", \ and control characters escaped. */
static void put_string(lg_json *j, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	putch(j, '"');
	for (;;) {
		const unsigned char *q = p;
		char u[6] = { '\\', 'u', '0', '0' };

		while (*q >= 0x20 && *q != '"' && *q != '\\')
			q++;
		put(j, (const char *)p, (size_t)(q - p));
		p = q;
		switch (*p) {
		case '\0': putch(j, '"'); return;
		case '"': put(j, "\\\"", 2); break;
		case '\\': put(j, "\\\\", 2); break;
		case '\n': put(j, "\\n", 2); break;
		case '\t': put(j, "\\t", 2); break;
		case '\r': put(j, "\\r", 2); break;
		default:
			u[4] = hex[*p >> 4];
			u[5] = hex[*p & 15];
			put(j, u, sizeof(u));
		}
		p++;
	}
}

/* Separator, indentation and "key": before any value. */
static void begin_value(lg_json *j, const char *key)
{
	if (j->depth > 0) {
		if (!j->first[j->depth])
			putch(j, ',');
		indent(j);
	}
	j->first[j->depth] = false;
	if (key) {
		put_string(j, key);
		put(j, ": ", 2);
	}
}

static void open_scope(lg_json *j, const char *key, char c)
{
	begin_value(j, key);
	putch(j, c);
	if (j->depth + 1 < LG_JSON_MAXDEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_scope(lg_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	putch(j, c);
}

void lg_json_obj_begin(lg_json *j, const char *key) { open_scope(j, key, '{'); }
void lg_json_obj_end(lg_json *j) { close_scope(j, '}'); }
void lg_json_arr_begin(lg_json *j, const char *key) { open_scope(j, key, '['); }
void lg_json_arr_end(lg_json *j) { close_scope(j, ']'); }

/* v in decimal, with a '-' when neg (what printf's %llu / %lld write). */
static void put_dec(lg_json *j, uint64_t v, bool neg)
{
	char d[21];
	int i = (int)sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg)
		d[--i] = '-';
	put(j, d + i, sizeof(d) - (size_t)i);
}

void lg_json_u64(lg_json *j, const char *key, uint64_t v)
{
	begin_value(j, key);
	put_dec(j, v, false);
}

void lg_json_i64(lg_json *j, const char *key, int64_t v)
{
	begin_value(j, key);
	put_dec(j, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
}

/* Exact powers of ten in a long double (5^27 < 2^64). */
#define POW10_EXACT 27

/*
 * %.12g of a > 0 into t when long double arithmetic decides it: a scaled
 * by an exact power of ten to 12 integer digits (one rounding, 2^-64
 * relative) and rounded to the nearest integer, unless the scaled value
 * lies too near a half for that rounding to be sure. Returns the length,
 * 0 to leave it to printf.
 */
static int g12(long double a, char *t)
{
	static const long double p10[POW10_EXACT + 1] = {
		1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L,
		1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
		1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L };
	int x = (int)floorl(log10l(a)), n = 0, last;
	long double m, f;
	uint64_t mi;
	char d[12];

	if (LDBL_MANT_DIG < 64 || x < 11 - POW10_EXACT || x > 11 + POW10_EXACT)
		return 0;
	m = x <= 11 ? a * p10[11 - x] : a / p10[x - 11];
	if (m < 1e11L || m >= 1e12L) /* log10l's floor was one off */
		return 0;
	f = m - floorl(m);
	if (fabsl(f - 0.5L) < 1e-6L)
		return 0;
	mi = (uint64_t)floorl(m) + (f > 0.5L);
	if (mi == 1000000000000ull) {
		mi /= 10;
		x++;
	}
	for (int i = 11; i >= 0; i--, mi /= 10)
		d[i] = (char)('0' + mi % 10);
	for (last = 11; last > 0 && d[last] == '0'; last--)
		;
	if (x >= -4 && x < 12) {
		if (x < 0) {
			t[n++] = '0';
			t[n++] = '.';
			for (int i = -1; i > x; i--)
				t[n++] = '0';
		}
		for (int i = 0; i <= last || i <= x; i++) {
			if (i == x + 1 && x >= 0)
				t[n++] = '.';
			t[n++] = d[i];
		}
		return n;
	}
	t[n++] = d[0];
	if (last > 0)
		t[n++] = '.';
	for (int i = 1; i <= last; i++)
		t[n++] = d[i];
	return n + sprintf(t + n, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
}

/*
 * %.12g. A whole number below 10^12 in magnitude (every digit of it fits
 * the 12 significant digits, so %.12g writes it as an integer) takes the
 * integer path, most others g12; -0 keeps printf's "-0".
 */
void lg_json_f64(lg_json *j, const char *key, double v)
{
	char t[40];
	int n = 0;

	begin_value(j, key);
	if (!isfinite(v)) {
		put(j, "null", 4);
		return;
	}
	if (fabs(v) < 1e12 && v == (double)(int64_t)v && !(v == 0 && signbit(v))) {
		put_dec(j, v < 0 ? (uint64_t)-(int64_t)v : (uint64_t)(int64_t)v, v < 0);
		return;
	}
	if (v != 0) {
		t[0] = '-';
		n = g12(fabsl((long double)v), t + (v < 0));
		n = n ? n + (v < 0) : 0;
	}
	if (!n)
		n = snprintf(t, sizeof(t), "%.12g", v);
	put(j, t, (size_t)n);
}

void lg_json_str(lg_json *j, const char *key, const char *v)
{
	begin_value(j, key);
	put_string(j, v);
}

void lg_json_bool(lg_json *j, const char *key, int v)
{
	begin_value(j, key);
	if (v)
		put(j, "true", 4);
	else
		put(j, "false", 5);
}
