#!/usr/bin/env bash
# bench_ktrace.sh: kernel-trace throughput (issue 4 targets).
#   1. Accel-Sim text -> lgt conversion, in MB/s of uncompressed input
#      (target >= 100 MB/s on one core). The input is generated here: a
#      bf16 GEMM from `lgsim trace gen`, written as lgt-text and turned into
#      an Accel-Sim kernelslist.g + kernel-1.traceg (same instruction lines;
#      only the header differs), plus a random-address kernel whose lines list
#      all 32 addresses (address mode 0), the costliest lines to parse.
#   2. Reading lgt, in instructions/s (target >= 20 M instr/s): `lgsim trace
#      info --no-footprint` on a large generated GEMM.
# Usage: bench/bench_ktrace.sh [LGSIM] [SIZE_MB]   (default build/lgsim, ~200 MB)
# Prints one "name value unit" line per figure, from the wall clock of the
# whole command (process start included) and from its CPU time (user+sys,
# less sensitive to other jobs sharing the machine; "cpu" in the name).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LGSIM=${1:-${LGSIM:-$ROOT/build/lgsim}}
SIZE_MB=${2:-200}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lg-bench-ktrace.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
# cpu CMD...: run CMD, leave its user+sys seconds in $CPU (its stdout kept in $TMP/cpu.out)
cpu() {
  local TIMEFORMAT='%U %S'
  { time "$@" > "$TMP/cpu.out" ; } 2> "$TMP/cpu.t"
  CPU=$(awk 'END { print $1 + $2 }' "$TMP/cpu.t")
}
crate() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { printf "%.1f", a / b / c }'; }
rate() { awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" 'BEGIN { printf "%.1f", a / b / (t1 - t0) }'; }

# --- 1. Accel-Sim text input, about SIZE_MB MB ------------------------------
# gemm M=N=2048 K=1024 is ~180 MB of text; K scales it linearly.
K=$(( (SIZE_MB * 1024 / 180 + 127) / 128 * 128 ))
[ "$K" -ge 128 ] || K=128
"$LGSIM" trace gen gemm 2048 2048 "$K" --dtype bf16 -o "$TMP/gemm.lgt"
"$LGSIM" trace gen random --count 65536 --bytes 1G -o "$TMP/rand.lgt"
mkdir -p "$TMP/as"
to_traceg() { # lgt-text -> Accel-Sim .traceg (tracer version 4 header)
  "$LGSIM" trace convert "$1" "$TMP/t.txt" --text
  sed -e '/^LGKT-TEXT/d' -e '/^meta /d' -e '/^-meta /d' \
      -e 's/^-accelsim tracer version = .*/-accelsim tracer version = 4/' "$TMP/t.txt" > "$2"
  rm -f "$TMP/t.txt"
}
to_traceg "$TMP/gemm.lgt" "$TMP/as/kernel-1.traceg"
to_traceg "$TMP/rand.lgt" "$TMP/as/kernel-2.traceg"
printf 'kernel-1.traceg\nkernel-2.traceg\n' > "$TMP/as/kernelslist.g"
BYTES=$(cat "$TMP/as/kernel-1.traceg" "$TMP/as/kernel-2.traceg" | wc -c)

t0=$(now)
cpu "$LGSIM" trace convert "$TMP/as/kernelslist.g" "$TMP/out.lgt"
t1=$(now)
echo "ktrace.convert_accelsim_input_MB $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
echo "ktrace.convert_accelsim_MBps $(rate "$BYTES" 1e6 "$t0" "$t1") MB/s"
echo "ktrace.convert_accelsim_cpu_MBps $(crate "$BYTES" 1e6 "$CPU") MB/s"
echo "ktrace.lgt_output_MB $(awk -v b="$(wc -c < "$TMP/out.lgt")" 'BEGIN { printf "%.2f", b / 1e6 }') MB"

# --- 2. lgt read rate --------------------------------------------------------
"$LGSIM" trace gen gemm 4096 4096 1024 --dtype fp8-e4m3 --tile 128x128x64 --warps 8 -o "$TMP/big.lgt"
t0=$(now)
cpu "$LGSIM" trace info "$TMP/big.lgt" --no-footprint
t1=$(now)
INSNS=$(awk '$1 == "instructions" { print $2 }' "$TMP/cpu.out")
echo "ktrace.read_lgt_instructions $INSNS"
echo "ktrace.read_lgt_Minstr_per_s $(rate "$INSNS" 1e6 "$t0" "$t1") M instr/s"
echo "ktrace.read_lgt_cpu_Minstr_per_s $(crate "$INSNS" 1e6 "$CPU") M instr/s"
t0=$(now)
cpu "$LGSIM" trace info "$TMP/big.lgt"
t1=$(now)
echo "ktrace.info_with_footprint_Minstr_per_s $(rate "$INSNS" 1e6 "$t0" "$t1") M instr/s"
echo "ktrace.info_with_footprint_cpu_Minstr_per_s $(crate "$INSNS" 1e6 "$CPU") M instr/s"
