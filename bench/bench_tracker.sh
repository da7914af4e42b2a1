#!/usr/bin/env bash
# Tracker speed: lockstep co-simulation (C model + verilated RTL, FST tracing
# compiled in but off) and the C model alone, for 16x1 and 64x4.
#   bench/bench_tracker.sh [BUILD_DIR] [LOCKSTEP_CYCLES] [C_CYCLES]
# Targets (issue 3): lockstep >= 5 M cycles/s and C model >= 30 M cycles/s
# at 64 entries x 4 ports. The C-model-alone figure replays recorded random
# stimulus so that it times the model, not the random number generator.
set -euo pipefail
BUILD=${1:-build}
LCYC=${2:-1000000}
CCYC=${3:-50000000}
LGSIM=$BUILD/lgsim
for set in "16 1" "64 4"; do
  read -r e p <<<"$set"
  "$LGSIM" cosim tracker --entries "$e" --ports "$p" --cycles "$LCYC" --seed 7 | grep -E "^(lockstep|RESULT)"
  # the same run with the RTL on a second thread (needs a second free CPU)
  "$LGSIM" cosim tracker --entries "$e" --ports "$p" --cycles "$LCYC" --seed 7 --threads 2 | grep -E "^lockstep"
  "$LGSIM" cosim tracker --entries "$e" --ports "$p" --cycles "$CCYC" --seed 7 --c-only
done
