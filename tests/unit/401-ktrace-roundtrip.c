/*
 * 401: text -> binary -> text is the identity on canonical lgt-text, and
 * the Accel-Sim import survives lgt and back unchanged; the same
 * instruction bytes read again decode with the opcode definitions in force.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "ktrace/ktrace.h"
#include "kt_files.h"
#include "lg_check.h"

/* Canonical lgt-text, as the writer emits it: metadata, a memcpy, one kernel
 * with lineinfo, every address mode, negative immediate, delta and stride. */
static const char canon[] =
	"LGKT-TEXT 1\n"
	"meta source = hand-written\n"
	"meta gpu = H100-SXM\n"
	"memcpy 0x1000 4096\n"
	"\n"
	"-kernel name = k1(float*, int)\n"
	"-kernel id = 7\n"
	"-grid dim = (2,1,1)\n"
	"-block dim = (64,1,1)\n"
	"-shmem = 512\n"
	"-nregs = 8\n"
	"-binary version = 90\n"
	"-cuda stream id = 3\n"
	"-shmem base_addr = 0x00007f0000000000\n"
	"-local mem base_addr = 0x0000000000000000\n"
	"-nvbit version = 1.7\n"
	"-accelsim tracer version = 5\n"
	"-enable lineinfo = 1\n"
	"-meta dtype = fp8-e4m3\n"
	"\n"
	"#BEGIN_TB\n"
	"\n"
	"thread block = 0,0,0\n"
	"\n"
	"warp = 0\n"
	"insts = 5\n"
	"10 0000 ffffffff 1 R1 IMAD.MOV.U32 2 R255 R255 0 -3\n"
	"11 0010 0000000f 1 R2 LDG.E 1 R4 4 0 0x0000000000001000 0x0000000000001100 0x0000000000000008 0x0000000000001404 0\n"
	"12 0020 0000ff00 0 STG.E.128 2 R6 R2 16 1 0x2000 16 0\n"
	"0 0030 00000007 1 R2 LDG.E.64 1 R4 8 2 0x3000 8 -16 0\n"
	"14 0050 fffffffe 0 STS.64 2 R6 R2 8 1 0x800 -8 2147483647\n"
	"\n"
	"warp = 1\n"
	"insts = 1\n"
	"13 0040 ffffffff 0 EXIT 0 0 0\n"
	"\n"
	"#END_TB\n"
	"\n"
	"#BEGIN_TB\n"
	"\n"
	"thread block = 1,0,0\n"
	"\n"
	"warp = 0\n"
	"insts = 1\n"
	"13 0040 ffffffff 0 EXIT 0 0 0\n"
	"\n"
	"#END_TB\n"
	"\n";

START_TEST(canonical_text_to_binary_to_text_is_identity)
{
	char t0[128], b[128], t1[128];
	char *out;
	lg_err e;

	kt_write(kt_tmp(t0, sizeof(t0), "rt0.txt"), canon);
	kt_tmp(b, sizeof(b), "rt.lgt");
	kt_tmp(t1, sizeof(t1), "rt1.txt");
	ck_assert_msg(lg_kt_convert(t0, NULL, b, false, NULL, NULL, 0, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_convert(b, NULL, t1, true, NULL, NULL, 0, &e) == 0, "%s", e.msg);
	out = kt_slurp(t1, NULL);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, canon);
	free(out);
	unlink(t0);
	unlink(b);
	unlink(t1);
}
END_TEST

START_TEST(accelsim_import_survives_lgt_and_back)
{
	char a[128], b[128], c[128];
	char *x, *y;
	lg_err e;

	kt_tmp(a, sizeof(a), "as-a.txt");
	kt_tmp(b, sizeof(b), "as-b.lgt");
	kt_tmp(c, sizeof(c), "as-c.txt");
	ck_assert_msg(lg_kt_convert(KT_FIX "/kernelslist.g", NULL, a, true, NULL, NULL, 0, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_convert(a, NULL, b, false, NULL, NULL, 0, &e) == 0, "%s", e.msg);
	ck_assert_msg(lg_kt_convert(b, NULL, c, true, NULL, NULL, 0, &e) == 0, "%s", e.msg);
	x = kt_slurp(a, NULL);
	y = kt_slurp(c, NULL);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	ck_assert_str_eq(x, y);
	/* the three kernels and the memcpy made it */
	ck_assert_ptr_nonnull(strstr(x, "memcpy 0x7f1000000000 16384\n"));
	ck_assert_ptr_nonnull(strstr(x, "-kernel name = _Z5deltaPfS_\n"));
	free(x);
	free(y);
	unlink(a);
	unlink(b);
	unlink(c);
}
END_TEST

/* Append varint v to b at *n. */
static void put_var(unsigned char *b, size_t *n, uint64_t v)
{
	while (v >= 0x80) {
		b[(*n)++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	b[(*n)++] = (unsigned char)v;
}

/* Append a record: tag, payload length, payload p[0..len). */
static void put_rec(unsigned char *b, size_t *n, int tag, const unsigned char *p, size_t len)
{
	b[(*n)++] = (unsigned char)tag;
	put_var(b, n, len);
	memcpy(b + *n, p, len);
	*n += len;
}

/* An opcode record: file index 0 is name. */
static void put_op0(unsigned char *b, size_t *n, const char *name)
{
	unsigned char p[32];
	size_t k = 0, l = strlen(name);

	p[k++] = 0;
	p[k++] = (unsigned char)l;
	memcpy(p + k, name, l);
	put_rec(b, n, 'O', p, k + l);
}

/*
 * Four warps of one instruction record with the same bytes, opcode index 0
 * defined as FFMA before the first and again as IMAD before the third; a
 * padding record of an unknown tag after them gives the reader the room it
 * decodes records fast in (and reuses the decoding of repeated bytes).
 * Warps 0 and 1 run FFMA, warps 2 and 3 IMAD.
 */
START_TEST(same_record_bytes_decode_with_the_opcode_defined_then)
{
	static const unsigned char kern[] = {
		1, 'k', 1, 1, 1, 1, 32, 1, 1, 0, 8, 90, 5, 0, 0, 0, 0, 0, 0,
	};
	static const unsigned char insn[] = { 1, 0, 16, 1, 3, 1, 4 }; /* FULL, op 0, pc, R3 <- R4 */
	unsigned char b[4096] = "LGKT\n\1\0", pad[1000] = { 0 }, end[2] = { 4, 4 };
	const char *want[4] = { "FFMA", "FFMA", "IMAD", "IMAD" };
	size_t n = 7;
	char path[128];
	lg_kt_reader *r;
	gzFile f;
	lg_err e;
	int ev, w = 0;

	put_var(b, &n, 0); /* no header keys */
	put_op0(b, &n, "FFMA");
	put_rec(b, &n, 'K', kern, sizeof(kern));
	for (unsigned i = 0; i < 4; i++) {
		unsigned char wh[5] = { 0, 0, 0, (unsigned char)i, 1 };

		if (i == 2)
			put_op0(b, &n, "IMAD");
		put_rec(b, &n, 'W', wh, sizeof(wh));
		put_rec(b, &n, 'I', insn, sizeof(insn));
	}
	put_rec(b, &n, 'Z', pad, sizeof(pad));
	put_rec(b, &n, 'E', end, sizeof(end));
	kt_tmp(path, sizeof(path), "redef.lgt");
	f = gzopen(path, "wb");
	ck_assert_int_eq(gzwrite(f, b, (unsigned)n), (int)n);
	gzclose(f);
	r = lg_kt_open(path, NULL, &e);
	ck_assert_msg(r != NULL, "%s", e.msg);
	while ((ev = lg_kt_next(r, &e)) > 0) {
		const lg_kt_warp *wp;

		if (ev != LG_KT_EV_WARP)
			continue;
		wp = lg_kt_cur_warp(r);
		ck_assert_uint_eq(wp->n, 1);
		ck_assert_uint_eq(wp->insn[0].pc, 16);
		ck_assert_str_eq(lg_kt_optab_get(lg_kt_reader_optab(r), wp->insn[0].op)->name, want[w]);
		w++;
	}
	ck_assert_msg(ev == 0, "%s", e.msg);
	ck_assert_int_eq(w, 4);
	lg_kt_close(r);
	unlink(path);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("401-ktrace-roundtrip");
	TCase *tc = tcase_create("roundtrip");

	tcase_add_test(tc, canonical_text_to_binary_to_text_is_identity);
	tcase_add_test(tc, accelsim_import_survives_lgt_and_back);
	tcase_add_test(tc, same_record_bytes_decode_with_the_opcode_defined_then);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
