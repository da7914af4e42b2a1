/*
 * 351: the data-carrying store (cmodel/dma/dmem): pages exist only where
 * written (memory follows footprint, not the address range); a byte never
 * written reads as value(a, INIT); a source's k-th write of a byte stores
 * value(a, k); every value byte is at most 0x3f (finite elements in every
 * dtype); a DMA copy stores the carried bytes; a reduction adds element by
 * element with the NMC ALU (bf16 1.0 + 1.0 = 2.0: 0x3f80 + 0x3f80 = 0x4000,
 * fp32 1.5 + 0.25 = 1.75: 0x3fc00000 + 0x3e800000 = 0x3fe00000).
 */
#include "dma/dmem.h"
#include "lg_check.h"

START_TEST(pages_follow_the_footprint)
{
	lg_dmem *m = lg_dmem_create();
	uint8_t b[2];

	ck_assert_uint_eq(lg_dmem_pages(m), 0);
	ck_assert_int_eq(lg_dmem_write_src(m, 0, 1), 0);
	ck_assert_int_eq(lg_dmem_write_src(m, 1ull << 40, 1), 0);
	ck_assert_int_eq(lg_dmem_write_src(m, (1ull << 40) + 4095, 2), 0); /* spans two pages */
	ck_assert_uint_eq(lg_dmem_pages(m), 3);
	lg_dmem_read(m, 1ull << 50, b, 2); /* a read creates no page */
	ck_assert_uint_eq(lg_dmem_pages(m), 3);
	ck_assert(lg_dmem_has_page(m, (1ull << 40) + 4096));
	ck_assert(!lg_dmem_has_page(m, 4096));
	lg_dmem_destroy(m);
}
END_TEST

START_TEST(values_depend_on_address_and_write_count_only)
{
	lg_dmem *m = lg_dmem_create();
	uint8_t b[64];
	unsigned differ = 0;

	lg_dmem_read(m, 0x1000, b, 64);
	for (unsigned i = 0; i < 64; i++)
		ck_assert_uint_eq(b[i], lg_dmem_value(0x1000 + i, LG_DMEM_INIT));
	lg_dmem_write_src(m, 0x1000, 64);
	lg_dmem_read(m, 0x1000, b, 64);
	for (unsigned i = 0; i < 64; i++) {
		ck_assert_uint_eq(b[i], lg_dmem_value(0x1000 + i, 0));
		ck_assert_uint_le(b[i], 0x3f);
		differ += b[i] != lg_dmem_value(0x1000 + i, LG_DMEM_INIT);
	}
	ck_assert_uint_gt(differ, 48); /* a write shows (1 in 64 bytes may coincide) */
	lg_dmem_write_src(m, 0x1000, 32);
	lg_dmem_read(m, 0x1000, b, 64);
	for (unsigned i = 0; i < 64; i++)
		ck_assert_uint_eq(b[i], lg_dmem_value(0x1000 + i, i < 32 ? 1 : 0));
	lg_dmem_destroy(m);
}
END_TEST

/* The function as docs/dma.md writes it; the four values were computed by an
 * independent Python transcription of that formula. */
START_TEST(value_function_is_the_documented_one)
{
	static const uint8_t want[4] = { 0x30, 0x08, 0x2d, 0x1b };

	for (unsigned i = 0; i < 4; i++)
		ck_assert_uint_eq(lg_dmem_value(0x1000 + i, 0), want[i]);
}
END_TEST

START_TEST(copy_stores_and_reduce_adds_with_the_nmc_alu)
{
	lg_dmem *m = lg_dmem_create();
	const uint8_t one_bf16[4] = { 0x80, 0x3f, 0x80, 0x3f };
	const uint8_t f32_15[4] = { 0x00, 0x00, 0xc0, 0x3f }, f32_025[4] = { 0x00, 0x00, 0x80, 0x3e };
	uint8_t b[4];

	ck_assert_int_eq(lg_dmem_write(m, 0x100, one_bf16, 4), 0);
	ck_assert_int_eq(lg_dmem_reduce(m, 0x100, one_bf16, 4, LG_DT_BF16), 0);
	lg_dmem_read(m, 0x100, b, 4);
	ck_assert_uint_eq(b[0], 0x00);
	ck_assert_uint_eq(b[1], 0x40);
	ck_assert_uint_eq(b[2], 0x00);
	ck_assert_uint_eq(b[3], 0x40);
	lg_dmem_write(m, 0x200, f32_15, 4);
	lg_dmem_reduce(m, 0x200, f32_025, 4, LG_DT_FP32);
	lg_dmem_read(m, 0x200, b, 4);
	ck_assert_uint_eq(b[3], 0x3f);
	ck_assert_uint_eq(b[2], 0xe0);
	ck_assert_uint_eq(b[1] | b[0], 0);
	lg_dmem_destroy(m);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("351-dma-data-store");
	TCase *tc = tcase_create("dmem");

	tcase_add_test(tc, pages_follow_the_footprint);
	tcase_add_test(tc, values_depend_on_address_and_write_count_only);
	tcase_add_test(tc, value_function_is_the_documented_one);
	tcase_add_test(tc, copy_stores_and_reduce_adds_with_the_nmc_alu);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
