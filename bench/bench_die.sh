#!/usr/bin/env bash
# bench/bench_die.sh BUILD_DIR -- cost of the full die (docs/validation.md).
#
# 1. callgrind instructions per simulated warp-instruction: `lgsim run` of
#    the bundled GEMM (traces/gemm_bf16_512x512x256.lgt) on
#    configs/lite-gpu.ini under valgrind --tool=callgrind; Ir of the whole
#    process / the warp-instructions the run reports (target <= 5,000).
#    Also the rate in warp-instructions per second of wall time, natively.
# 2. peak RSS (GNU time, maxresident) of two GEMMs with the same warps and
#    the same resident warps, one ten times longer: gemm 512 5120 256 (160
#    CTAs; at most 4 resident per CU, cu.ctas_peak) and gemm 512 51200
#    256 (1,600 CTAs); target: within 10 %. The bundled GEMM (16 CTAs) is
#    printed beside them: it leaves half the CUs empty (64 resident warps
#    against up to 512), so it is no base for a length comparison. A warp is decoded whole into
#    memory (docs/trace-format.md), so a GEMM with a 10x longer K (10x
#    longer warps) needs about 10x the memory per resident warp;
#    LG_BENCH_LONG_K=1 measures that variant (512x512x2560) against the
#    bundled GEMM instead.
set -euo pipefail
BUILD=${1:?usage: bench/bench_die.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LGSIM=$(cd "$BUILD" && pwd)/lgsim
CFG=$ROOT/configs/lite-gpu.ini
GEMM=$ROOT/traces/gemm_bf16_512x512x256.lgt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

insns() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dies'][0]['cu']['issued'])" "$1"; }

# 1. Ir per warp-instruction, and the native rate
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
	"$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/s.json" >/dev/null 2>"$TMP/vg.err"
ir=$(grep -E '^(summary|totals):' "$TMP/cg.out" | head -1 | awk '{ print $2 }')
n=$(insns "$TMP/s.json")
/usr/bin/time -f '%e %M' -o "$TMP/t1" "$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/s.json" >/dev/null
read -r wall rss1 <"$TMP/t1"
echo "bench_die: $ir Ir / $n warp-instructions = $(( ir / n )) Ir per warp-instruction (target <= 5000)"
python3 -c "print('bench_die: %.0f warp-instructions/s (%s s wall)' % ($n / max($wall, 0.01), '$wall'))"

# 2. peak RSS: the same resident warps, a 10x longer trace
peak() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dies'][0]['cu']['ctas_peak'])" "$1"; }
rss() { # TRACE STATS -> peak RSS in KiB
	/usr/bin/time -f '%M' -o "$TMP/t" "$LGSIM" run -c "$CFG" -t "$1" -o "$2" >/dev/null
	cat "$TMP/t"
}
if [ "${LG_BENCH_LONG_K:-0}" = 1 ]; then
	"$LGSIM" trace gen gemm 512 512 2560 --dtype bf16 -o "$TMP/long.lgt"
	base=$GEMM
else
	"$LGSIM" trace gen gemm 512 5120 256 --dtype bf16 -o "$TMP/base.lgt"
	"$LGSIM" trace gen gemm 512 51200 256 --dtype bf16 -o "$TMP/long.lgt"
	base=$TMP/base.lgt
	echo "bench_die: peak RSS of the bundled GEMM: $rss1 KiB ($n warp-insns, at most $(peak "$TMP/s.json") CTAs per CU)"
fi
rb=$(rss "$base" "$TMP/sb.json")
rl=$(rss "$TMP/long.lgt" "$TMP/sl.json")
python3 -c "print('bench_die: peak RSS %d KiB (%d warp-insns, at most %d CTAs per CU) vs %d KiB (%d warp-insns, at most %d): ratio %.3f (target <= 1.10)' % ($rb, $(insns "$TMP/sb.json"), $(peak "$TMP/sb.json"), $rl, $(insns "$TMP/sl.json"), $(peak "$TMP/sl.json"), $rl / $rb))"
