#!/usr/bin/env bash
# bench/reader_ir.sh BUILD_DIR [LGSIM...] -- replay cost per request of each
# DRAM trace format: the bench's 1-channel stream and random traces
# (LG_BENCH_CG_N requests, default 100000, all at time 0, from
# BUILD_DIR/bench/gen_dram_trace) written in the lgsim, DRAMsim3 and
# Ramulator 2 formats, each replayed under callgrind by every LGSIM given
# (default BUILD_DIR/lgsim; give a reference binary too to compare):
# Ir/req = (Ir of the run - Ir of an empty-trace run) / requests, as
# bench/run.sh measures it. bench/identical.sh checks that the stats stay
# byte-identical.
set -euo pipefail
BUILD=$(cd "${1:?usage: bench/reader_ir.sh BUILD_DIR [LGSIM...]}" && pwd)
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BINS=("$@")
[ ${#BINS[@]} -gt 0 ] || BINS=("$BUILD/lgsim")
N=${LG_BENCH_CG_N:-100000}
W=${LG_BENCH_WORK:-$BUILD/bench/work}/readers
mkdir -p "$W"
CFG=$ROOT/configs/hbm2.ini
for k in stream random; do
  f=$W/${k}.lgsim
  [ -s "$f" ] || "$BUILD/bench/gen_dram_trace" "$k" -n "$N" -c 1 -o "$f"
  awk '{printf "%s %s %s\n", $3, ($2 == "R" ? "READ" : "WRITE"), $1}' "$f" >"$W/$k.dramsim3"
  awk '{printf "%s %s\n", ($2 == "R" ? "LD" : "ST"), $3}' "$f" >"$W/$k.ramulator"
done
: >"$W/empty.trace"
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$@" >/dev/null 2>"$W/cg.err"
  awk '/^summary:/ {print $2}' "$W/cg.out"
}
printf '%-28s %-8s %-10s %10s\n' binary trace format Ir/req
for bin in "${BINS[@]}"; do
  base=$(ir "$bin" run -c "$CFG" -s system.channels=1 -t "$W/empty.trace" -o "$W/e.json")
  for k in stream random; do
    for fmt in lgsim dramsim3 ramulator; do
      tot=$(ir "$bin" run -c "$CFG" -s system.channels=1 -t "$W/$k.$fmt" -o "$W/$k.$fmt.json")
      printf '%-28s %-8s %-10s %10d\n' "$(basename "$bin")" "$k" "$fmt" $(((tot - base) / N))
    done
  done
done
