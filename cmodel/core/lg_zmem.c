/*
 * Zeroed arrays that cost nothing until used (see lg_zmem.h): fresh
 * anonymous mappings, which the kernel clears page by page on first touch.
 */
#define _DEFAULT_SOURCE      /* MAP_ANONYMOUS, madvise */
#include "core/lg_zmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define LG_ZMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LG_ZMEM_ASAN 1
#endif
#endif

#ifdef LG_ZMEM_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#define REDZONE LG_ZMEM_ALIGN /* poisoned gap after each arena array */
#define MAP_MIN SIZE_MAX      /* lg_zalloc: always calloc-backed */
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0
#define MAP_MIN ((size_t)64 << 10) /* lg_zalloc: smaller ones from malloc, cleared */
#endif

#define CHUNK ((size_t)2 << 20) /* arena chunk: one transparent huge page */

struct lg_zarena {
	char *cur;           /* free part of the chunk being filled */
	size_t left;         /* its bytes */
	struct zchunk {
		void *p;
		size_t bytes;
	} *ch;               /* every chunk mapped */
	size_t nch;
};

/* v rounded up to a multiple of a (a power of two); 0 on overflow. */
static size_t round_up(size_t v, size_t a)
{
	if (v > SIZE_MAX - (a - 1))
		return 0;
	return (v + a - 1) & ~(a - 1);
}

static size_t page_bytes(void)
{
	long pg = sysconf(_SC_PAGESIZE);

	return pg > 0 ? (size_t)pg : 4096;
}

/* A fresh zeroed mapping of bytes (a multiple of the page) starting at a
 * multiple of align (a power of two); NULL when out of memory. */
static void *map_aligned(size_t bytes, size_t align)
{
	size_t extra = align > page_bytes() ? align : 0;
	char *m, *p;

	if (bytes > SIZE_MAX - extra)
		return NULL;
	m = mmap(NULL, bytes + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	if (!extra)
		return m;
	p = (char *)(((uintptr_t)m + align - 1) & ~(uintptr_t)(align - 1));
	if (p > m)
		munmap(m, (size_t)(p - m));
	if (p + bytes < m + bytes + extra)
		munmap(p + bytes, (size_t)(m + bytes + extra - (p + bytes)));
	return p;
}

/* Small arrays (and all under ASan) come from malloc and are cleared;
 * big ones are mapped: their pages are cleared by the kernel when used. */
void *lg_zalloc(size_t bytes)
{
	size_t len;
	void *p;

	if (bytes < MAP_MIN) {
		len = round_up(bytes ? bytes : 1, LG_ZMEM_ALIGN);
		p = len ? aligned_alloc(LG_ZMEM_ALIGN, len) : NULL;
		if (p)
			memset(p, 0, len);
		return p;
	}
	len = round_up(bytes, page_bytes());
	return len ? map_aligned(len, LG_ZMEM_ALIGN) : NULL;
}

/* The size tells which of lg_zalloc's two ways p came from. */
void lg_zfree(void *p, size_t bytes)
{
	if (!p)
		return;
	if (bytes < MAP_MIN)
		free(p);
	else
		munmap(p, round_up(bytes, page_bytes()));
}

lg_zarena *lg_zarena_create(void)
{
	return calloc(1, sizeof(lg_zarena));
}

void lg_zarena_destroy(lg_zarena *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nch; i++) {
		UNPOISON(a->ch[i].p, a->ch[i].bytes);
		munmap(a->ch[i].p, a->ch[i].bytes);
	}
	free(a->ch);
	free(a);
}

/*
 * Map a chunk of at least need bytes (whole 2 MiB, 2 MiB-aligned, advised
 * for huge pages) and return its start; the rest of it becomes the free
 * part unless the current chunk has more left. NULL when out of memory.
 */
static char *new_chunk(lg_zarena *a, size_t need)
{
	size_t bytes = round_up(need, CHUNK);
	struct zchunk *ch;
	char *m;

	if (!bytes)
		return NULL;
	ch = realloc(a->ch, (a->nch + 1) * sizeof(*ch));
	if (!ch)
		return NULL;
	a->ch = ch;
	m = map_aligned(bytes, CHUNK);
	if (!m)
		return NULL;
	madvise(m, bytes, MADV_HUGEPAGE); /* a hint: 4 KiB pages if refused */
	POISON(m, bytes);
	a->ch[a->nch].p = m;
	a->ch[a->nch++].bytes = bytes;
	if (bytes - need > a->left) {
		a->cur = m + need;
		a->left = bytes - need;
	}
	return m;
}

/* Bump allocation in the current chunk; a new chunk when it is too full. */
void *lg_zarena_calloc(lg_zarena *a, size_t n, size_t size)
{
	size_t bytes, need;
	char *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	bytes = n * size;
	need = round_up(bytes ? bytes : 1, LG_ZMEM_ALIGN);
	if (!need || need > SIZE_MAX - REDZONE)
		return NULL;
	need += REDZONE;
	if (need <= a->left) {
		p = a->cur;
		a->cur += need;
		a->left -= need;
	} else {
		p = new_chunk(a, need);
		if (!p)
			return NULL;
	}
	UNPOISON(p, bytes);
	return p;
}
