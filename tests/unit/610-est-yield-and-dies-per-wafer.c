/*
 * 610: the yield models and dies per wafer against the hand calculations
 * of docs/estimates.md ("Yield and cost", worked examples):
 *
 *   dies per wafer, d = 300 mm:  pi (d/2)^2 / A - pi d / sqrt(2 A), floored
 *     A = 100 mm^2:  706.858 - 66.643 = 640.215 -> 640
 *     A = 814 mm^2:   86.838 - 23.358 =  63.479 ->  63
 *   yield at D0 = 0.1 /cm^2:
 *     A = 1 cm^2:     Poisson exp(-0.1) = 0.904837
 *                     Murphy ((1 - exp(-0.1)) / 0.1)^2 = 0.905592
 *                     neg. binomial, alpha 3: (1 + 0.1/3)^-3 = 0.906314
 *     A = 8.14 cm^2:  Poisson 0.443082, Murphy 0.468094,
 *                     neg. binomial alpha 3: 0.486656, alpha 0.5: 0.616861
 *   cost per good die: 16,988 USD / (63 x 0.443082) = 608.58 USD
 */
#include <math.h>

#include "est/yield.h"
#include "lg_check.h"

#define TOL 5e-6

START_TEST(dies_per_wafer_hand_calculation)
{
	ck_assert_int_eq(lg_est_dies_per_wafer(300, 100), 640);
	ck_assert_int_eq(lg_est_dies_per_wafer(300, 814), 63);
	/* a die larger than the wafer's usable disc gives none */
	ck_assert_int_eq(lg_est_dies_per_wafer(300, 60000), 0);
	ck_assert_int_eq(lg_est_dies_per_wafer(300, 0), 0);
}
END_TEST

START_TEST(yield_models_hand_calculation)
{
	const lg_est_yield_model *p = lg_est_yield_find("poisson");
	const lg_est_yield_model *m = lg_est_yield_find("murphy");
	const lg_est_yield_model *n = lg_est_yield_find("negbin");

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(n);
	ck_assert_double_eq_tol(p->yield(1.0, 0.1, 3), 0.904837, TOL);
	ck_assert_double_eq_tol(m->yield(1.0, 0.1, 3), 0.905592, TOL);
	ck_assert_double_eq_tol(n->yield(1.0, 0.1, 3), 0.906314, TOL);
	ck_assert_double_eq_tol(p->yield(8.14, 0.1, 3), 0.443082, TOL);
	ck_assert_double_eq_tol(m->yield(8.14, 0.1, 3), 0.468094, TOL);
	ck_assert_double_eq_tol(n->yield(8.14, 0.1, 3), 0.486656, TOL);
	ck_assert_double_eq_tol(n->yield(8.14, 0.1, 0.5), 0.616861, TOL);
}
END_TEST

START_TEST(yield_model_limits)
{
	const lg_est_yield_model *m = lg_est_yield_find("murphy");
	const lg_est_yield_model *n = lg_est_yield_find("negbin");

	/* no defects, full yield; large alpha tends to Poisson */
	ck_assert_double_eq_tol(m->yield(5.0, 0.0, 3), 1.0, 1e-12);
	ck_assert_double_eq_tol(n->yield(8.14, 0.1, 1e7), exp(-0.814), 1e-6);
	ck_assert_ptr_null(lg_est_yield_find("gauss"));
}
END_TEST

START_TEST(cost_per_good_die)
{
	ck_assert_double_eq_tol(lg_est_cost_per_good_die(16988, 63, exp(-0.814)), 608.5796, 1e-3);
	ck_assert(isinf(lg_est_cost_per_good_die(16988, 0, 0.5)));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("est-yield");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, dies_per_wafer_hand_calculation);
	tcase_add_test(tc, yield_models_hand_calculation);
	tcase_add_test(tc, yield_model_limits);
	tcase_add_test(tc, cost_per_good_die);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
