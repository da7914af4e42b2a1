#!/usr/bin/env bash
# 409: `lgsim trace` end to end: generators are deterministic and every kind
# works; `trace info` prints the closed-form GEMM figures; convert reads
# Accel-Sim lists with .xz kernels; bad input exits 2 with FILE:LINE and
# leaves no output; unknown opcodes convert with a counted warning; the
# bundled traces still read and match their README.
set -euo pipefail
T=$(mktemp -d /tmp/lg-kt-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
FIX="$LG_ROOT/tests/data/accelsim"

# determinism: same arguments, same bytes
for kind in "gemm 256 256 128 --dtype fp8-e4m3" "rs --dies 4 --die 1 --bytes 64k" \
            "ag --dies 4 --die 2 --bytes 64k" "a2a --dies 4 --die 3 --bytes 64k" \
            "stream --bytes 64k" "random --count 100 --seed 7"; do
  "$LGSIM" trace gen $kind -o "$T/a.lgt"
  "$LGSIM" trace gen $kind -o "$T/b.lgt"
  cmp -s "$T/a.lgt" "$T/b.lgt" || fail "gen $kind is not deterministic"
  "$LGSIM" trace info "$T/a.lgt" > /dev/null || fail "info on gen $kind"
done

# the text form of a generated trace converts to the very same lgt bytes
"$LGSIM" trace gen gemm 256 256 64 --dtype fp16 --text -o "$T/g.txt"
"$LGSIM" trace gen gemm 256 256 64 --dtype fp16 -o "$T/g1.lgt"
"$LGSIM" trace convert "$T/g.txt" "$T/g2.lgt"
cmp -s "$T/g1.lgt" "$T/g2.lgt" || fail "gen --text then convert differs from gen"

# gemm closed form through the CLI: bf16 512x256x128, tile 128x128x32:
# A = 512*128*2*(256/128) = 262144, B = 128*256*2*(512/128) = 262144,
# C = 512*256*2 = 262144, MMA = 32*32*8 = 8192; unique bytes A 131072 +
# B 65536 + C 262144 = 458752 = 14336 sectors
"$LGSIM" trace gen gemm 512 256 128 --tile 128x128x32 -o "$T/g.lgt"
"$LGSIM" trace info "$T/g.lgt" > "$T/info"
grep -qx 'bytes.global.ld 524288 (1024 warp instructions)' "$T/info" || fail "gemm loads: $(cat "$T/info")"
grep -q '^bytes.global.st 262144 ' "$T/info" || fail "gemm stores"
grep -q '^class.mma 8192 ' "$T/info" || fail "gemm mma"
grep -qx 'footprint.sectors32 14336 (458752 bytes)' "$T/info" || fail "gemm footprint"

# ring reduce-scatter, 4 dies, 64 KiB: chunk 16 KiB; step 0 reads 1 chunk,
# steps 1..3 read 2 chunks each -> 7 chunks read, 4 written
"$LGSIM" trace gen rs --dies 4 --die 1 --bytes 64k -o "$T/rs.lgt"
"$LGSIM" trace info "$T/rs.lgt" > "$T/info"
grep -q '^kernels 4$' "$T/info" || fail "rs kernels"
grep -q '^bytes.global.ld 114688 ' "$T/info" || fail "rs reads: $(cat "$T/info")"
grep -q '^bytes.global.st 65536 ' "$T/info" || fail "rs writes"

# all-gather: D-1 = 3 steps of one 16 KiB chunk each way; a2a: all 4 chunks
"$LGSIM" trace gen ag --dies 4 --die 2 --bytes 64k -o "$T/ag.lgt"
"$LGSIM" trace info "$T/ag.lgt" > "$T/info"
grep -q '^kernels 3$' "$T/info" && grep -q '^bytes.global.ld 49152 ' "$T/info" && grep -q '^bytes.global.st 49152 ' "$T/info" \
  || fail "ag: $(cat "$T/info")"
"$LGSIM" trace gen a2a --dies 4 --die 3 --bytes 64k -o "$T/a2a.lgt"
"$LGSIM" trace info "$T/a2a.lgt" > "$T/info"
grep -q '^kernels 1$' "$T/info" && grep -q '^bytes.global.ld 65536 ' "$T/info" && grep -q '^bytes.global.st 65536 ' "$T/info" \
  || fail "a2a: $(cat "$T/info")"
# a2a: die 3 writes chunk j into die j's out buffer (j * 2^40 + 0x200000000)
# at slot 3 (3 * 16 KiB = 0xc000)
"$LGSIM" trace convert "$T/a2a.lgt" "$T/a2a.txt" --text
grep -q 'STG.E.128 2 R2 R4 16 1 0x1020000c000 16 0$' "$T/a2a.txt" || fail "a2a destination of chunk 1"

# Accel-Sim list with xz-compressed kernels converts like the plain one
mkdir -p "$T/xz"
for k in 1 2 3; do xz -c "$FIX/kernel-$k.traceg" > "$T/xz/kernel-$k.traceg.xz"; done
sed 's/\.traceg$/.traceg.xz/' "$FIX/kernelslist.g" > "$T/xz/kernelslist.g"
"$LGSIM" trace convert "$FIX/kernelslist.g" "$T/plain.txt" --text
"$LGSIM" trace convert "$T/xz/kernelslist.g" "$T/xz.txt" --text
cmp -s "$T/plain.txt" "$T/xz.txt" || fail "xz input differs from plain"
"$LGSIM" trace info "$FIX/kernelslist.g" > "$T/info"
grep -q '^kernels 3$' "$T/info" && grep -q '^warps 7$' "$T/info" && grep -q '^instructions 23$' "$T/info" \
  || fail "fixture counts: $(cat "$T/info")"
grep -qx 'kernel 2 ctas 1 warps 2 instructions 8 grid 1,1,1 block 64,1,1 name _Z6stridePfS_' "$T/info" \
  || fail "per-kernel line: $(cat "$T/info")"

# bad input: exit 2, one FILE:LINE line, no output file
printf 'LGKT-TEXT 1\n-kernel name = k\n#BEGIN_TB\nthread block = 0,0,0\nwarp = 0\ninsts = 1\n0000 ffffffff 0 LDG.E 0 4 1 0xzz 4\n#END_TB\n' > "$T/bad.txt"
set +e
"$LGSIM" trace convert "$T/bad.txt" "$T/out.lgt" 2> "$T/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "bad input exit $rc"
grep -qx "$T/bad.txt:7: expected base address and stride" "$T/err" || fail "message: $(cat "$T/err")"
[ ! -e "$T/out.lgt" ] || fail "partial output left behind"
[ "$(ls "$T" | grep -c tmp)" = 0 ] || fail "temporary file left behind"
head -c 3000 "$T/g.lgt" > "$T/cut.lgt"
set +e
"$LGSIM" trace info "$T/cut.lgt" 2> "$T/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "^$T/cut.lgt:[0-9]*: truncated" "$T/err" || fail "truncated lgt: $rc $(cat "$T/err")"

# unknown opcode: documented fallback, converts with a counted warning
printf 'LGKT-TEXT 1\n-kernel name = k\n#BEGIN_TB\nthread block = 0,0,0\nwarp = 0\ninsts = 2\n0000 ffffffff 0 NEWOP.X 0 0\n0010 ffffffff 0 EXIT 0 0\n#END_TB\n' > "$T/unk.txt"
"$LGSIM" trace convert "$T/unk.txt" "$T/unk.lgt" 2> "$T/err"
grep -qx "$T/unk.txt:7: warning: 1 instructions with unclassified opcodes (class 'unknown'), first here" "$T/err" \
  || fail "unknown-opcode warning: $(cat "$T/err")"
"$LGSIM" trace info "$T/unk.lgt" | grep -q '^class.unknown 1 ' || fail "unknown class count"

# bundled kernel traces read back with the counts their README gives
"$LGSIM" trace info "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" | grep -q '^class.mma 32768 ' || fail "bundled gemm"
"$LGSIM" trace info "$LG_ROOT/traces/rs_4die_die0_256k.lgt" | grep -q '^kernels 4$' || fail "bundled rs"
# a DRAM request trace gets request counts instead
"$LGSIM" trace info "$LG_ROOT/traces/stream_1ch.trace.gz" | grep -qx 'requests 20000' || fail "DRAM trace info"
echo ok
