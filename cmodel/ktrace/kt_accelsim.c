/*
 * The Accel-Sim back end: a kernelslist.g names, one per line,
 *   MemcpyHtoD,0xADDR,BYTES     a host-to-device copy (a MEMCPY event)
 *   kernel-N.traceg[.xz]        a kernel trace, relative to the list's folder
 * and ignores other lines (MemcpyDtoH...), as Accel-Sim does. Each kernel
 * file is read by the shared text parser in Accel-Sim mode (kt_text.c); .xz
 * files are streamed through liblzma. A .traceg given directly (its first
 * non-blank line starts with '-') is read as a one-kernel list.
 */
#include "ktrace/kt_int.h"

#include "core/lg_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct as_state {
	kt_src *list;       /* the kernelslist.g, or NULL for a lone .traceg */
	kt_src *ksrc;       /* the current kernel file */
	kt_txt *ktxt;
	bool lone_done;
	char dir[KT_PATH];
} as_state;

/* First non-blank line of head starts with c0 (or the word w). */
static bool head_starts(const char *head, size_t n, const char *w)
{
	size_t i = 0, l = strlen(w);

	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
		i++;
	return n - i >= l && !memcmp(head + i, w, l);
}

/* An Accel-Sim list (kernel-/Memcpy lines) or a lone .traceg (-kernel header). */
static bool as_probe(const char *head, size_t n)
{
	return head_starts(head, n, "-kernel") || head_starts(head, n, "kernel-") ||
	       head_starts(head, n, "Memcpy");
}

/* Open the list, or the lone .traceg (then there is no list). */
static int as_open(lg_kt_reader *r, lg_err *e)
{
	as_state *s = calloc(1, sizeof(*s));
	const char *head, *slash;
	size_t n;
	int err;

	if (!s)
		return lg_errf(e, r->path, 0, "out of memory");
	r->st = s;
	slash = strrchr(r->path, '/');
	if (slash)
		snprintf(s->dir, sizeof(s->dir), "%.*s", (int)(slash - r->path), r->path);
	else
		snprintf(s->dir, sizeof(s->dir), ".");
	s->list = kt_src_open(r->path, e);
	if (!s->list)
		return -1;
	n = kt_src_peek(s->list, &head, 4096, e, &err);
	if (err)
		return -1;
	if (head_starts(head, n, "-")) { /* a lone .traceg */
		s->ksrc = s->list;
		s->list = NULL;
		s->ktxt = kt_txt_create(s->ksrc, true);
		if (!s->ktxt)
			return lg_errf(e, r->path, 0, "out of memory");
	}
	lg_kt_meta_set(&r->tmeta, "source", "accelsim");
	return 0;
}

/* Drop the current kernel file. */
static void close_kernel(as_state *s)
{
	kt_txt_destroy(s->ktxt);
	kt_src_close(s->ksrc);
	s->ktxt = NULL;
	s->ksrc = NULL;
}

/* "MemcpyHtoD,0xADDR,BYTES": strict (sscanf's %llu takes "-64" as 2^64-64). */
static int memcpy_line(lg_kt_reader *r, as_state *s, const char *line, lg_err *e)
{
	const char *p = line + strlen("MemcpyHtoD");
	uint64_t a, b;

	if (*p++ != ',')
		goto out_bad;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (!lg_field_scan_u64(&p, 16, &a) || *p++ != ',' || !lg_field_scan_u64(&p, 10, &b) || *p)
		goto out_bad;
	r->mc_addr = a;
	r->mc_bytes = b;
	return LG_KT_EV_MEMCPY;
out_bad:
	return lg_errf(e, r->path, kt_src_lineno(s->list),
		       "expected 'MemcpyHtoD,0xADDR,BYTES' (hex address, decimal bytes, 64 bits each)");
}

/* Read list lines until a memcpy (returned) or a kernel file (opened). */
static int next_command(lg_kt_reader *r, as_state *s, lg_err *e)
{
	char *line, path[2 * KT_PATH];
	size_t len;
	int rc;

	for (;;) {
		rc = kt_src_line(s->list, &line, &len, e);
		if (rc <= 0)
			return rc;
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		if (!strncmp(line, "MemcpyHtoD", 10))
			return memcpy_line(r, s, line, e);
		if (strncmp(line, "kernel", 6) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", s->dir, line);
		s->ksrc = kt_src_open(path, e);
		if (!s->ksrc)
			return lg_errf(e, r->path, kt_src_lineno(s->list), "cannot open kernel trace '%s'", path);
		s->ktxt = kt_txt_create(s->ksrc, true);
		if (!s->ktxt)
			return lg_errf(e, r->path, 0, "out of memory");
		return 1000; /* kernel opened */
	}
}

/* Next event: from the open kernel file, else the next list command. */
static int as_next(lg_kt_reader *r, lg_err *e)
{
	as_state *s = r->st;

	for (;;) {
		if (s->ktxt) {
			int ev = kt_txt_next(s->ktxt, r, e);

			if (ev != LG_KT_EV_END)
				return ev;
			close_kernel(s);
			if (!s->list)
				return LG_KT_EV_END;
		}
		if (!s->list)
			return LG_KT_EV_END;
		int rc = next_command(r, s, e);

		if (rc != 1000)
			return rc;
	}
}

/* Free everything as_open() and as_next() opened (partial state too). */
static void as_close(lg_kt_reader *r)
{
	as_state *s = r->st;

	if (!s)
		return;
	close_kernel(s);
	kt_src_close(s->list);
	free(s);
}

const kt_backend kt_backend_accelsim = {
	"accelsim", as_probe, as_open, as_next, as_close,
};
