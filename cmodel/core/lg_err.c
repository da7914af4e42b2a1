#include "core/lg_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int lg_errf(lg_err *e, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!e)
		return -1;
	if (line > 0)
		n = snprintf(e->msg, sizeof(e->msg), "%s:%ld: ", file, line);
	else
		n = snprintf(e->msg, sizeof(e->msg), "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof(e->msg))
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof(e->msg) - (size_t)n, fmt, ap);
	va_end(ap);
	/* One line only: fold any newline a caller's value smuggled in. */
	for (char *p = e->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -1;
}

void lg_err_clear(lg_err *e)
{
	if (e)
		e->msg[0] = '\0';
}
