/*
 * 406: bad input gives one "FILE:LINE: what was expected" message (for lgt,
 * LINE is the record number) and no output file; an unknown opcode is the
 * documented fallback (class "unknown", counted, first FILE:LINE kept), and
 * so are TMA instructions, whose transfer lists are read past. A damaged
 * lgt instruction record gives the same message wherever it is in the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "ktrace/kt_gen.h"
#include "ktrace/kt_info.h"
#include "kt_files.h"
#include "lg_check.h"

static const char head[] =
	"LGKT-TEXT 1\n"
	"-kernel name = k\n"
	"-grid dim = (1,1,1)\n"
	"-block dim = (32,1,1)\n"
	"#BEGIN_TB\n"
	"thread block = 0,0,0\n"
	"warp = 0\n";

/* Read text (head + body) to the end; return the error message. */
static void read_err(const char *body, char *msg, size_t n, char *path, size_t pn)
{
	char text[4096];
	lg_err e;
	lg_kt_reader *r;
	int ev = 0;

	snprintf(text, sizeof(text), "%s%s", head, body);
	kt_write(kt_tmp(path, pn, "bad.txt"), text);
	r = lg_kt_open(path, NULL, &e);
	if (r) {
		while ((ev = lg_kt_next(r, &e)) > 0)
			;
		lg_kt_close(r);
	}
	ck_assert_msg(!r || ev == -1, "no error for: %s", body);
	snprintf(msg, n, "%s", e.msg);
}

static void expect(const char *body, long line, const char *what)
{
	char msg[700], path[128], want[700];

	read_err(body, msg, sizeof(msg), path, sizeof(path));
	snprintf(want, sizeof(want), "%s:%ld: %s", path, line, what);
	ck_assert_str_eq(msg, want);
	unlink(path);
}

START_TEST(garbled_lines_name_file_line_and_what_was_expected)
{
	expect("insts = 1\n0000 zzzz 0 EXIT 0 0\n#END_TB\n", 9, "expected active mask in hex");
	expect("insts = 1\n0000 ffffffff 1 EXIT 0 0\n#END_TB\n", 9, "expected destination register R<n>");
	expect("insts = 1\n0000 ffffffff 0 LDG.E 0 4 0 0x10\n#END_TB\n", 9,
	       "expected 32 addresses for mask ffffffff");
	expect("insts = 1\n0000 ffffffff 0 LDG.E 0 4 3 0x10\n#END_TB\n", 9,
	       "expected address mode 0, 1 or 2");
	expect("insts = 1\n0000 ffffffff 0 EXIT 0 0 junk\n#END_TB\n", 9,
	       "expected immediate or end of line");
	expect("insts = 1\n0000 ffffffff 0 EXIT 0 0 0 junk\n#END_TB\n", 9,
	       "unexpected text after the instruction");
	expect("insts = 1\n0000 ffffffff 0 UTMALDG.2D 0 16 1 0x10 16\n#END_TB\n", 9,
	       "expected TMA address mode 3 or 4");
	expect("insts = 1\n0000 ffffffff 0 UTMALDG.2D 0 16 4 0x10 3 64\n#END_TB\n", 9,
	       "expected 3 TMA deltas");
	expect("insts = x\n", 8, "expected 'insts = N' with N at most 16777216");
	/* a warp claiming 10^9 instructions: refused before reading them */
	expect("insts = 1000000000\n", 8, "expected 'insts = N' with N at most 16777216");
	expect("bogus line\n", 8, "expected 'thread block = ', 'warp = ', 'insts = ' or #END_TB");
}
END_TEST

START_TEST(truncated_text_is_an_error)
{
	expect("insts = 3\n0000 ffffffff 0 EXIT 0 0\n", 10, "end of file after 1 of 3 instructions of warp 0");
	expect("insts = 1\n0000 ffffffff 0 EXIT 0 0\n", 10, "end of file inside a thread block (expected #END_TB)");
}
END_TEST

START_TEST(unknown_opcode_is_counted_with_its_first_place)
{
	char path[128];
	const char *where;
	char want[200];
	lg_err e;
	lg_kt_reader *r;
	int ev;

	kt_write(kt_tmp(path, sizeof(path), "unk.txt"),
		 "LGKT-TEXT 1\n-kernel name = k\n#BEGIN_TB\nthread block = 0,0,0\nwarp = 0\n"
		 "insts = 5\n0000 ffffffff 0 FROB.X 0 0\n0010 ffffffff 0 FROB.X 0 0\n"
		 "0018 00000001 0 UTMALDG.2D 1 R2 16 3 2 0x1000 0x2000\n"
		 "0019 00000001 0 UBLKCP.S.G 1 R2 16 4 0x1000 3 64 64 7\n"
		 "0020 ffffffff 0 EXIT 0 0\n#END_TB\n");
	r = lg_kt_open(path, NULL, &e);
	ck_assert_ptr_nonnull(r);
	while ((ev = lg_kt_next(r, &e)) > 0)
		;
	ck_assert_int_eq(ev, 0);
	/* two FROB.X and two TMA instructions (their transfers are not kept) */
	ck_assert_uint_eq(lg_kt_reader_unknown(r, &where), 4);
	ck_assert_uint_eq(lg_kt_cur_warp(r)->n, 5);
	ck_assert_uint_eq(lg_kt_cur_warp(r)->insn[2].amode, LG_KT_AMODE_NONE);
	ck_assert_int_eq(lg_kt_cur_warp(r)->insn[3].imm, 7);
	snprintf(want, sizeof(want), "%s:7", path);
	ck_assert_str_eq(where, want);
	ck_assert_uint_eq(lg_kt_optab_get(lg_kt_reader_optab(r), 0)->cls, LG_KT_UNKNOWN);
	lg_kt_close(r);
	unlink(path);
}
END_TEST

/* Write the default GEMM as lgt to path. */
static void gen_gemm(const char *path)
{
	lg_kt_gemm g;
	lg_kt_writer *w;
	lg_err e;

	lg_kt_gemm_defaults(&g);
	w = lg_kt_writer_open(path, false, &e);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(lg_kt_gen_gemm(w, &g, &e), 0);
	ck_assert_int_eq(lg_kt_writer_commit(w, &e), 0);
}

/* Re-write the decompressed content of src to dst, keeping only keep bytes. */
static void cut_lgt(const char *src, const char *dst, double keep)
{
	size_t cap = 1 << 22;
	char *buf = malloc(cap);
	gzFile in = gzopen(src, "rb"), out;
	int n = gzread(in, buf, (unsigned)cap);

	ck_assert_int_gt(n, 0);
	gzclose(in);
	out = gzopen(dst, "wb");
	gzwrite(out, buf, (unsigned)(n * keep));
	gzclose(out);
	free(buf);
}

START_TEST(truncated_lgt_is_an_error_not_a_short_trace)
{
	char p[128], q[128], cmd[400];
	lg_kt_stats st;
	lg_err e;
	int rc;

	kt_tmp(p, sizeof(p), "t.lgt");
	kt_tmp(q, sizeof(q), "cut.lgt");
	gen_gemm(p);
	/* cut inside the decompressed stream, recompressed cleanly */
	cut_lgt(p, q, 0.5);
	ck_assert_int_eq(lg_kt_info(q, NULL, true, NULL, &st, &e), -1);
	ck_assert_msg(strstr(e.msg, q) == e.msg && strstr(e.msg, "truncated"), "%s", e.msg);
	/* cut exactly at a record boundary is still caught: no end record */
	cut_lgt(p, q, 0.999999);
	ck_assert_int_eq(lg_kt_info(q, NULL, true, NULL, &st, &e), -1);
	ck_assert_msg(strstr(e.msg, "truncated") || strstr(e.msg, "end record"), "%s", e.msg);
	/* the gzip stream itself cut short */
	snprintf(cmd, sizeof(cmd), "head -c 2000 %s > %s", p, q);
	rc = system(cmd);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(lg_kt_info(q, NULL, true, NULL, &st, &e), -1);
	ck_assert_msg(strstr(e.msg, "truncated"), "%s", e.msg);
	unlink(p);
	unlink(q);
}
END_TEST

/* Write the decompressed content of src to dst as two gzip members (cut at
 * byte cut), then tail (raw bytes) after them. */
static void two_members(const char *src, const char *dst, size_t cut, const char *tail)
{
	size_t cap = 1 << 22;
	char *buf = malloc(cap);
	gzFile in = gzopen(src, "rb"), out;
	int n = gzread(in, buf, (unsigned)cap);
	FILE *f;

	ck_assert_int_gt(n, (int)cut);
	gzclose(in);
	out = gzopen(dst, "wb");
	gzwrite(out, buf, (unsigned)cut);
	gzclose(out);
	out = gzopen(dst, "ab");
	gzwrite(out, buf + cut, (unsigned)(n - (int)cut));
	gzclose(out);
	f = fopen(dst, "ab");
	fputs(tail, f);
	fclose(f);
	free(buf);
}

/* Write the len bytes of d (from kt_slurp) to path, then free d. */
static void put_and_free(const char *path, char *d, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(d, 1, len, f), len);
	fclose(f);
	free(d);
}

START_TEST(gzip_members_read_on_and_a_bad_crc_is_refused)
{
	char p[128], q[128];
	lg_kt_stats st, st2;
	size_t len = 0;
	char *d;
	lg_err e;

	kt_tmp(p, sizeof(p), "m.lgt");
	kt_tmp(q, sizeof(q), "m2.lgt");
	gen_gemm(p);
	ck_assert_int_eq(lg_kt_info(p, NULL, false, NULL, &st, &e), 0);
	/* cut mid-record into two members, with trailing bytes that are no
	 * member (ignored, as gzip -d does): the same trace */
	two_members(p, q, 1001, "trailing");
	ck_assert_int_eq(lg_kt_info(q, NULL, false, NULL, &st2, &e), 0);
	ck_assert_uint_eq(st2.insns, st.insns);
	ck_assert_uint_eq(st2.warps, st.warps);
	/* one bit of the CRC-32 in the trailer flipped: refused */
	d = kt_slurp(p, &len);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_gt(len, 8);
	d[len - 8] ^= 1;
	put_and_free(q, d, len);
	ck_assert_int_eq(lg_kt_info(q, NULL, false, NULL, &st2, &e), -1);
	ck_assert_msg(strstr(e.msg, q) == e.msg && strstr(e.msg, "corrupt compressed data"), "%s",
		      e.msg);
	unlink(p);
	unlink(q);
}
END_TEST

/*
 * Deflate data damaged right after the gzip header (bytes 12..39 set to
 * 0xff: an invalid block header) is a decompression error, whether the
 * format is detected or given as "lgt": the message names the file and
 * zlib's complaint, never "not an lgt file (bad magic)".
 */
START_TEST(damaged_gzip_lgt_says_corrupt_not_bad_magic)
{
	static const char *const fmts[] = { NULL, "lgt" };
	char p[128], q[128];
	size_t len = 0;
	char *d;
	lg_err e;

	kt_tmp(p, sizeof(p), "d.lgt");
	kt_tmp(q, sizeof(q), "d2.lgt");
	gen_gemm(p);
	d = kt_slurp(p, &len);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_gt(len, 40);
	memset(d + 12, 0xff, 28);
	put_and_free(q, d, len);
	for (int i = 0; i < 2; i++) {
		lg_kt_reader *r = lg_kt_open(q, fmts[i], &e);

		ck_assert_ptr_null(r);
		ck_assert_msg(strstr(e.msg, q) == e.msg && strstr(e.msg, "corrupt compressed data"),
			      "format %s: %s", fmts[i] ? fmts[i] : "detected", e.msg);
	}
	unlink(p);
	unlink(q);
}
END_TEST

/*
 * A member that ends exactly where the reader's first fill of 64 KiB ends,
 * then an empty member (header, an empty final block, trailer): the reader
 * follows on into the next member at its next fill, and the trace reads as
 * the single-member one does.
 */
START_TEST(gzip_member_ending_a_fill_and_an_empty_member_read_on)
{
	static const unsigned char empty[20] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0 };
	char p[128], q[128];
	size_t cap = 1 << 22, cut = 65536;
	char *buf = malloc(cap);
	lg_kt_stats st, st2;
	gzFile in, out;
	FILE *f;
	lg_err e;
	int n;

	kt_tmp(p, sizeof(p), "f.lgt");
	kt_tmp(q, sizeof(q), "f2.lgt");
	gen_gemm(p);
	ck_assert_int_eq(lg_kt_info(p, NULL, false, NULL, &st, &e), 0);
	in = gzopen(p, "rb");
	n = gzread(in, buf, (unsigned)cap);
	gzclose(in);
	ck_assert_int_gt(n, (int)cut);
	out = gzopen(q, "wb");
	gzwrite(out, buf, (unsigned)cut);
	gzclose(out);
	f = fopen(q, "ab");
	fwrite(empty, 1, sizeof(empty), f);
	fclose(f);
	out = gzopen(q, "ab");
	gzwrite(out, buf + cut, (unsigned)(n - (int)cut));
	gzclose(out);
	ck_assert_int_eq(lg_kt_info(q, NULL, false, NULL, &st2, &e), 0);
	ck_assert_uint_eq(st2.insns, st.insns);
	ck_assert_uint_eq(st2.warps, st.warps);
	free(buf);
	unlink(p);
	unlink(q);
}
END_TEST

/* A varint at *p, for walking lgt records here. */
static uint64_t tvar(const unsigned char **p)
{
	uint64_t v = 0;
	unsigned sh = 0;

	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7f) << sh;
		sh += 7;
		++*p;
	}
	v |= (uint64_t)**p << sh;
	++*p;
	return v;
}

/* The payload offset of the first instruction record starting at or after
 * byte from of the decompressed lgt b[0..n); its record number (1-based,
 * as errors give it) and payload length. */
static size_t find_insn(const unsigned char *b, size_t n, size_t from, long *rec, size_t *len)
{
	const unsigned char *p = b + 7;
	uint64_t kv = tvar(&p);

	for (uint64_t i = 0; i < 2 * kv; i++)
		p += tvar(&p);
	for (*rec = 1; p < b + n; ++*rec) {
		unsigned char tag = *p++;
		uint64_t l = tvar(&p);

		if (tag == 'I' && (size_t)(p - b) >= from) {
			*len = (size_t)l;
			return (size_t)(p - b);
		}
		p += l;
	}
	ck_abort_msg("no instruction record after byte %zu", from);
	return 0;
}

/* gzip b[0..n) to path; read it to its error; the message without the path. */
static void lgt_err_of(const char *path, const unsigned char *b, size_t n, char *msg, size_t cap)
{
	gzFile out = gzopen(path, "wb");
	lg_kt_reader *r;
	lg_err e;
	int ev = 0;

	ck_assert_int_eq(gzwrite(out, b, (unsigned)n), (int)n);
	gzclose(out);
	r = lg_kt_open(path, NULL, &e);
	ck_assert_ptr_nonnull(r);
	while ((ev = lg_kt_next(r, &e)) > 0)
		;
	lg_kt_close(r);
	ck_assert_int_eq(ev, -1);
	ck_assert_msg(strstr(e.msg, path) == e.msg, "%s", e.msg);
	snprintf(msg, cap, "%s", e.msg + strlen(path));
}

/*
 * A damaged instruction record far from the end of the file (read by the
 * decoder's fast path, which has room to read past a record) gives the
 * message the same record gets as the file's last (read with a check per
 * varint): an undefined opcode, a varint running past the record's end, an
 * address mode that does not exist.
 */
START_TEST(corrupt_record_mid_file_reported_as_at_the_end)
{
	char p[128], q[128], m1[700], m2[700], want[64];
	size_t cap = 1 << 22, len, off;
	unsigned char *buf = malloc(cap), *d = malloc(cap);
	gzFile in;
	int n;
	long rec;

	kt_tmp(p, sizeof(p), "mid.lgt");
	kt_tmp(q, sizeof(q), "end.lgt");
	gen_gemm(p);
	in = gzopen(p, "rb");
	n = gzread(in, buf, (unsigned)cap);
	gzclose(in);
	ck_assert_int_gt(n, 20000);
	for (int at = 1; at <= 3; at++) {
		off = find_insn(buf, (size_t)n, (size_t)n * (size_t)at / 5, &rec, &len);
		for (int k = 0; k < 3; k++) {
			memcpy(d, buf, (size_t)n);
			if (k == 0)
				d[off + 1] = 0x7f;          /* opcode index (one byte) */
			else if (k == 1)
				d[off + len - 1] |= 0x80;   /* last varint runs on */
			else
				d[off] = (unsigned char)(d[off] | 0x38); /* memory, mode 3 */
			lgt_err_of(p, d, (size_t)n, m1, sizeof(m1));
			lgt_err_of(q, d, off + len, m2, sizeof(m2));
			ck_assert_str_eq(m1, m2);
			snprintf(want, sizeof(want), ":%ld: ", rec);
			ck_assert_msg(strstr(m1, want) == m1, "record %ld: %s", rec, m1);
			ck_assert_msg(strstr(m1, k == 0 ? "undefined opcode 127" : "corrupt instruction record"),
				      "%s", m1);
		}
	}
	free(buf);
	free(d);
	unlink(p);
	unlink(q);
}
END_TEST

START_TEST(failed_convert_leaves_no_output_file)
{
	char in[128], out[128];
	lg_err e;

	kt_write(kt_tmp(in, sizeof(in), "bad-conv.txt"), "LGKT-TEXT 1\n-kernel name = k\n#BEGIN_TB\nwarp = x\n");
	kt_tmp(out, sizeof(out), "bad-conv.lgt");
	unlink(out);
	ck_assert_int_eq(lg_kt_convert(in, NULL, out, false, NULL, NULL, 0, &e), -1);
	ck_assert_int_ne(access(out, F_OK), 0);
	unlink(in);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("406-ktrace-bad-input");
	TCase *tc = tcase_create("bad");

	tcase_add_test(tc, garbled_lines_name_file_line_and_what_was_expected);
	tcase_add_test(tc, truncated_text_is_an_error);
	tcase_add_test(tc, unknown_opcode_is_counted_with_its_first_place);
	tcase_add_test(tc, truncated_lgt_is_an_error_not_a_short_trace);
	tcase_add_test(tc, gzip_members_read_on_and_a_bad_crc_is_refused);
	tcase_add_test(tc, gzip_member_ending_a_fill_and_an_empty_member_read_on);
	tcase_add_test(tc, corrupt_record_mid_file_reported_as_at_the_end);
	tcase_add_test(tc, failed_convert_leaves_no_output_file);
	tcase_add_test(tc, damaged_gzip_lgt_says_corrupt_not_bad_magic);
	suite_add_tcase(s, tc);
	return s;
}

LG_CHECK_MAIN()
