/* Output files written whole or not at all (see lg_outfile.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/lg_outfile.h"

struct lg_outfile {
	FILE *f;
	char *path;
	char *tmp;          /* NULL: written in place (not a regular file) */
	const char *what;
};

/*
 * Set o->tmp to path's temporary name, or leave it NULL to write in place
 * (an existing device or FIFO); -1 when out of memory.
 */
static int tmp_name(lg_outfile *o, const char *path)
{
	struct stat st;
	size_t n = strlen(path) + 5;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return 0;
	o->tmp = malloc(n);
	if (!o->tmp)
		return -1;
	snprintf(o->tmp, n, "%s.tmp", path);
	return 0;
}

lg_outfile *lg_outfile_open(const char *path, const char *what, lg_err *e)
{
	lg_outfile *o = calloc(1, sizeof(*o));
	struct stat st;

	if (!o || !(o->path = strdup(path)) || tmp_name(o, path))
		goto out_nomem;
	o->what = what;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		lg_errf(e, path, 0, "is a directory, expected a path for the %s", what);
		goto out_free;
	}
	o->f = fopen(o->tmp ? o->tmp : o->path, "w");
	if (!o->f) {
		lg_errf(e, path, 0, "cannot create the %s: %s", what, strerror(errno));
		goto out_free;
	}
	setvbuf(o->f, NULL, _IOFBF, 1 << 20);
	return o;
out_nomem:
	lg_errf(e, path, 0, "out of memory");
out_free:
	lg_outfile_close(o, 0, NULL);
	return NULL;
}

FILE *lg_outfile_file(const lg_outfile *o)
{
	return o->f;
}

const char *lg_outfile_path(const lg_outfile *o)
{
	return o->path;
}

int lg_outfile_flush(lg_outfile *o, lg_err *e)
{
	if (fflush(o->f) || ferror(o->f))
		return lg_errf(e, o->path, 0, "write error on the %s", o->what);
	return 0;
}

int lg_outfile_close(lg_outfile *o, int ok, lg_err *e)
{
	int rc = 0;

	if (!o)
		return 0;
	if (o->f) {
		if (ferror(o->f) | fclose(o->f))
			rc = ok ? lg_errf(e, o->path, 0, "write error on the %s", o->what) : -1;
		if (ok && rc == 0 && o->tmp && rename(o->tmp, o->path))
			rc = lg_errf(e, o->path, 0, "cannot rename the %s into place", o->what);
		if (o->tmp && (!ok || rc))
			remove(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	free(o);
	return ok ? rc : 0;
}
