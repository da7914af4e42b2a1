/* lg_field: strict unsigned fields (see lg_field.h). */
#include "core/lg_field.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

const char *lg_field_skip(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

bool lg_field_scan_u64(const char **pp, unsigned base, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;
	int n = 0;

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
	if (n == 0)
		return false;
	*v = x;
	*pp = p;
	return true;
}

/* The field at *pp after blanks (0x optional in base 16), ended by a
 * blank or the end; false when it is not one. */
static bool digits(const char **pp, unsigned base, uint64_t *v)
{
	const char *p = lg_field_skip(*pp);
	uint64_t x;

	if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	if (!lg_field_scan_u64(&p, base, &x) || (*p && !strchr(" \t\r\n", *p)))
		return false;
	*v = x;
	*pp = p;
	return true;
}

int lg_field_u64(const char **pp, unsigned base, unsigned width, const char *name, uint64_t *v,
		 char *what, size_t n)
{
	if (!digits(pp, base, v)) {
		snprintf(what, n, "expected %s", name);
		return -1;
	}
	if (width < 64 && *v >> width) {
		if (base == 16)
			snprintf(what, n, "expected %s below 2^%u, got 0x%" PRIx64, name, width, *v);
		else
			snprintf(what, n, "expected %s below 2^%u, got %" PRIu64, name, width, *v);
		return -1;
	}
	return 0;
}
