/*
 * 005: core/lg_zmem. lg_zalloc gives zeroed, 64-byte aligned arrays whose
 * untouched pages cost nothing (minor faults counted with getrusage: a
 * 64 MiB array cleared by hand would take 16,384 of them); an arena gives
 * zeroed, aligned arrays that never overlap, across chunks and for arrays
 * larger than a chunk, and refuses a size that overflows.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "core/lg_zmem.h"
#include "lg_check.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif

static long minflt(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return u.ru_minflt;
}

/* Whether the n bytes at p are all v. */
static bool all_eq(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

START_TEST(zalloc_is_zero_aligned_and_untouched)
{
	static const size_t sizes[] = { 1, 100, 4096, 65535, 65536, 200000, (size_t)64 << 20 };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k];
		long f0 = minflt();
		unsigned char *p = lg_zalloc(n);
		long faults = minflt() - f0;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % LG_ZMEM_ALIGN, 0);
#ifndef ASAN
		if (n >= ((size_t)1 << 20))
			ck_assert_int_lt(faults, 64); /* not cleared page by page */
#endif
		(void)faults;
		ck_assert(all_eq(p, n, 0));
		memset(p, 0xa5, n);
		lg_zfree(p, n);
	}
	lg_zfree(NULL, 100);
}
END_TEST

START_TEST(arena_arrays_are_zero_aligned_and_disjoint)
{
	enum { N = 200 };
	lg_zarena *a = lg_zarena_create();
	unsigned char *p[N];
	size_t n[N];

	ck_assert_ptr_nonnull(a);
	for (int i = 0; i < N; i++) {
		/* small and large, some beyond a 2 MiB chunk, one of zero bytes */
		n[i] = i == 7 ? 0 : i % 50 == 3 ? ((size_t)5 << 20) + (size_t)i : (size_t)(i * 977 % 70000) + 1;
		p[i] = lg_zarena_calloc(a, n[i], 1);
		ck_assert_ptr_nonnull(p[i]);
		ck_assert_uint_eq((uintptr_t)p[i] % LG_ZMEM_ALIGN, 0);
		ck_assert(all_eq(p[i], n[i], 0));
		memset(p[i], i + 1, n[i]);
	}
	for (int i = 0; i < N; i++) /* no later array wrote over it */
		ck_assert(all_eq(p[i], n[i], (unsigned char)(i + 1)));
	ck_assert_ptr_null(lg_zarena_calloc(a, SIZE_MAX / 2, 4));
	ck_assert_ptr_null(lg_zarena_calloc(a, SIZE_MAX - 10, 1));
	lg_zarena_destroy(a);
	lg_zarena_destroy(NULL);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("zmem");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, zalloc_is_zero_aligned_and_untouched);
	tcase_add_test(tc, arena_arrays_are_zero_aligned_and_disjoint);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
