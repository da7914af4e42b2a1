#!/usr/bin/env bash
# bench_cu.sh: speed of the CU model (issue 11 target: <= 5,000 callgrind
# instructions per simulated warp-instruction for the full die).
#   1. Ir per warp-instruction: the bundled GEMM
#      (traces/gemm_bf16_512x512x256.lgt, 44,608 warp-instructions) through
#      the kernel scheduler, CUS CUs and a fixed-latency fake memory
#      (bench_cu), under valgrind --tool=callgrind. The count is the whole
#      process: start-up, reading the trace (about 770 Ir per
#      warp-instruction of it), the CUs.
#   2. The rate, from the CPU time (user+sys less sensitive to other jobs
#      than wall time) of bench_cu on the bundled GEMM and on a larger one
#      generated here (gemm 2048 2048 512, 1,410,048 warp-instructions).
#   3. Peak RSS of two GEMMs with the same warps and 4x the CTAs.
# Usage: bench/bench_cu.sh [BUILD_DIR] [CUS] [MEM_LATENCY]  (build, 8, 300)
# Prints "name value unit" lines.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
CUS=${2:-8}
LAT=${3:-300}
BENCH=$BUILD/bench/bench_cu
LGSIM=$BUILD/lgsim
GEMM=$ROOT/traces/gemm_bf16_512x512x256.lgt
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lg-bench-cu.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

[ -x "$BENCH" ] || { echo "bench_cu.sh: $BENCH missing (cmake --build $BUILD --target bench_cu)" >&2; exit 2; }

field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

# --- 1. callgrind Ir per warp-instruction ------------------------------------
if command -v valgrind > /dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
    "$BENCH" "$GEMM" "$CUS" "$LAT" > "$TMP/cg.txt" 2> "$TMP/cg.err"
  IR=$(awk '/^summary:|^totals:/ { print $2; exit }' "$TMP/cg.out")
  N=$(field warp_insns "$TMP/cg.txt")
  echo "gemm_512x512x256_warp_insns $N"
  echo "gemm_512x512x256_ir_total $IR Ir"
  awk -v a="$IR" -v b="$N" 'BEGIN { printf "gemm_512x512x256_ir_per_warp_insn %.0f Ir\n", a / b }'
else
  echo "bench_cu.sh: valgrind not found, Ir skipped" >&2
fi

# --- 2. rate -------------------------------------------------------------------
rate() { # name trace
  local TIMEFORMAT='%U %S'
  { time "$BENCH" "$2" "$CUS" "$LAT" > "$TMP/r.txt" ; } 2> "$TMP/r.t"
  local cpu n
  cpu=$(awk 'END { print $1 + $2 }' "$TMP/r.t")
  n=$(field warp_insns "$TMP/r.txt")
  echo "${1}_cycles $(field cycles "$TMP/r.txt")"
  awk -v n="$n" -v c="$cpu" -v nm="$1" \
    'BEGIN { printf "%s_cpu %.3f s\n%s_rate %.2f M warp-insn/s\n", nm, c, nm, n / c / 1e6 }'
}
rate gemm_512x512x256 "$GEMM"
"$LGSIM" trace gen gemm 2048 2048 512 -o "$TMP/g2k.lgt"
rate gemm_2048x2048x512 "$TMP/g2k.lgt"

# --- 3. memory bounded by the resident warps, not the trace length ---------------
# gemm 2048x2048x256 and 4096x4096x256: the same warps, 4x the CTAs; the CUs
# are full in both, so the peak RSS should be the same.
if [ -x /usr/bin/time ]; then
  for mn in 2048 4096; do
    "$LGSIM" trace gen gemm "$mn" "$mn" 256 -o "$TMP/m.lgt"
    /usr/bin/time -f '%M' -o "$TMP/rss" "$BENCH" "$TMP/m.lgt" "$CUS" "$LAT" > /dev/null
    echo "gemm_${mn}x${mn}x256_maxrss $(cat "$TMP/rss") KB"
  done
fi
