/*
 * Shared glue for the Check unit tests: one suite per file, one main.
 * A test file defines `static Suite *suite(void)` and ends with LG_CHECK_MAIN().
 */
#ifndef LG_CHECK_H
#define LG_CHECK_H

#include <check.h>
#include <stdlib.h>

#define LG_CHECK_MAIN()                                            \
	int main(void)                                             \
	{                                                          \
		SRunner *sr = srunner_create(suite());             \
		int failed;                                        \
		srunner_run_all(sr, CK_NORMAL);                    \
		failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                  \
		return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;  \
	}

#endif
