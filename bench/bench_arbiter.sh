#!/usr/bin/env bash
# Class arbiter lockstep speed: callgrind instructions per lockstep cycle
# (C function mc/class_arb.c + verilated rtl/arb.sv + stimulus + compare)
# and the rate in M cycles/s.
#   bench/bench_arbiter.sh [BUILD_DIR] [CYCLES] [CALLGRIND_CYCLES]
# Target (issue 12): at most 3,300 Ir/cycle. Ir/cycle is the difference of
# two callgrind runs (N and 2N cycles) divided by N, so start-up (model
# construction, option parsing) cancels out. The callgrind runs call
# lgsim-cosim, the program `lgsim cosim` runs, so valgrind measures it.
set -euo pipefail
BUILD=${1:-build}
CYC=${2:-10000000}
CG=${3:-200000}
LGSIM=$BUILD/lgsim
"$LGSIM" cosim arbiter --cycles "$CYC" --seed 7 | grep -E "^(lockstep|RESULT)"
"$LGSIM" cosim arbiter --cycles "$CYC" --seed 7 --threads 2 | grep -E "^lockstep"
if command -v valgrind > /dev/null && [ "${LG_BENCH_CALLGRIND:-1}" != 0 ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ir() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$BUILD/lgsim-cosim" arbiter \
      --cycles "$1" --seed 7 > /dev/null 2> "$tmp/log"
    awk '/refs:/ {gsub(",", "", $NF); print $NF}' "$tmp/log"
  }
  a=$(ir "$CG")
  b=$(ir $((2 * CG)))
  awk -v a="$a" -v b="$b" -v n="$CG" 'BEGIN {printf "callgrind: %.0f Ir per lockstep cycle (target <= 3300)\n", (b - a) / n}'
fi
