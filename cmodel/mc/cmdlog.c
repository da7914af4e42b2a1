/*
 * The command-log writer (format in cmdlog.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mc/cmdlog.h"

#define BUF_SIZE (1 << 16)
#define LINE_MAX_LEN 128

struct lg_cmdlog {
	FILE *f;
	int err;
	size_t n;
	char buf[BUF_SIZE];
};

/* A writer with an empty buffer. */
lg_cmdlog *lg_cmdlog_open(FILE *f)
{
	lg_cmdlog *l = malloc(sizeof(*l));

	if (!l)
		return NULL;
	l->f = f;
	l->err = 0;
	l->n = 0;
	return l;
}

/* Write the buffer out, remembering a failure. */
static void flush(lg_cmdlog *l)
{
	if (l->n && fwrite(l->buf, 1, l->n, l->f) != l->n)
		l->err = 1;
	l->n = 0;
}

/* Flush and free; -1 if any write failed. */
int lg_cmdlog_close(lg_cmdlog *l)
{
	int err;

	if (!l)
		return 0;
	flush(l);
	if (fflush(l->f))
		l->err = 1;
	err = l->err;
	free(l);
	return err ? -1 : 0;
}

/* s on f, a control character (a newline would end the comment) as '?'. */
static void put_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 ? '?' : *s, f);
}

/* The header: the format, the options that made the config, every key. */
void lg_cmdlog_header(lg_cmdlog *l, const lg_cfg *cfg, const char *config,
		      const char *const *sets, int nsets)
{
	fputs("# lgsim command log: <tCK-cycle> <channel> <pseudo-channel> <bankgroup> "
	      "<bank> <CMD> <row> <col>\n# made with: -c ", l->f);
	put_text(l->f, config);
	for (int i = 0; i < nsets; i++) {
		fputs(" -s ", l->f);
		put_text(l->f, sets[i]);
	}
	fputs("\n# every config key: '# cfg' given, '# cfg-default' defaulted; "
	      "`lgcheck LOG` checks against them\n", l->f);
	lg_cfg_print_values(l->f, cfg, "# cfg ", "# cfg-default ");
}

/* Decimal digits of v at p, then a space; returns the new end. */
static char *put_u(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	*p++ = ' ';
	return p;
}

/* s at p, then a space; returns the new end. */
static char *put_s(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	*p++ = ' ';
	return p;
}

/* One line; flushes first when the buffer could overflow. */
void lg_cmdlog_put(lg_cmdlog *l, uint64_t cycle, unsigned ch, unsigned pc, unsigned bg,
		   unsigned ba, lg_cmd cmd, uint32_t row, uint32_t col)
{
	int all = cmd == LG_CMD_PREA || cmd == LG_CMD_REFAB;
	int has_row = cmd == LG_CMD_ACT || !lg_cmd_is_row(cmd);
	int has_col = !lg_cmd_is_row(cmd);
	char *p;

	if (l->n + LINE_MAX_LEN > BUF_SIZE)
		flush(l);
	p = l->buf + l->n;
	p = put_u(p, cycle);
	p = put_u(p, ch);
	p = put_u(p, pc);
	p = all ? put_s(p, "-") : put_u(p, bg);
	p = all ? put_s(p, "-") : put_u(p, ba);
	p = put_s(p, lg_cmd_name(cmd));
	p = has_row ? put_u(p, row) : put_s(p, "-");
	p = has_col ? put_u(p, col) : put_s(p, "-");
	p[-1] = '\n';
	l->n = (size_t)(p - l->buf);
}
