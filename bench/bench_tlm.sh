#!/usr/bin/env bash
# bench/bench_tlm.sh BUILD_DIR -- the SystemC TLM-2.0 target against the
# direct replay (docs/systemc.md, "Speed").
#
# On the random 100k one-channel trace of bench/run.sh (gen_dram_trace
# random -n 100000 -c 1: untimed reads over one HBM2 channel), prints
#  - callgrind Ir per request of `lgsim run` and of the AT replay through
#    lgsim-tlm (trace player -> simple_target_socket -> lgsim::tlm_mem),
#    each less the Ir of an empty-trace run of the same program (start-up,
#    SystemC elaboration), and their ratio (target: at most 2);
#  - requests per second of both from the CPU time (user + sys) of a
#    1M-request run of the same kind (LG_BENCH_N).
# Both replays must give the same stats (checked: all but wall time).
# Environment: LG_BENCH_N (1000000), LG_BENCH_CG_N (100000),
# LG_BENCH_WORK (BUILD_DIR/bench/work).
set -euo pipefail
BUILD=${1:?usage: bench/bench_tlm.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LGSIM=$BUILD/lgsim
TLM=$BUILD/lgsim-tlm
GEN=$BUILD/bench/gen_dram_trace
CONFIG=$ROOT/configs/hbm2.ini
N=${LG_BENCH_N:-1000000}
CGN=${LG_BENCH_CG_N:-100000}
WORK=${LG_BENCH_WORK:-$BUILD/bench/work}
export SC_COPYRIGHT_MESSAGE=DISABLE
mkdir -p "$WORK"
for x in "$LGSIM" "$TLM" "$GEN"; do
  [ -x "$x" ] || { echo "bench_tlm: $x missing (build first; lgsim-tlm needs SystemC)" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "bench_tlm: valgrind missing" >&2; exit 2; }

# trace N -> path of the random 1-channel trace (same name as bench/run.sh)
trace() {
  local f=$WORK/random_1ch_$1.trace
  [ -s "$f" ] || "$GEN" random -n "$1" -c 1 -o "$f"
  echo "$f"
}
# ir CMD... -> total Ir under callgrind
ir() {
  local out=$WORK/cg_tlm.out
  rm -f "$out"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$WORK/cg_tlm.err" ||
    { echo "bench_tlm: callgrind failed: $(tail -1 "$WORK/cg_tlm.err")" >&2; exit 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$out"
}
# cpu CMD... -> user + sys seconds
cpu() {
  local TIMEFORMAT='%U %S' u s
  { time "$@" >/dev/null 2>"$WORK/cpu.err"; } 2>"$WORK/cpu.time"
  read -r u s <"$WORK/cpu.time"
  awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }'
}

EMPTY=$WORK/empty.trace
: >"$EMPTY"
T=$(trace "$CGN")
run=("$LGSIM" run -c "$CONFIG" -s system.channels=1)
tlm=("$TLM" -c "$CONFIG" -s system.channels=1)

"${run[@]}" -t "$T" -o "$WORK/run.json" >/dev/null
"${tlm[@]}" -t "$T" -o "$WORK/tlm.json" >/dev/null
diff <(grep -v wall_seconds "$WORK/run.json") <(grep -v wall_seconds "$WORK/tlm.json") >/dev/null ||
  { echo "bench_tlm: the AT replay's stats differ from lgsim run's" >&2; exit 1; }

run_ir=$(( ($(ir "${run[@]}" -t "$T" -o "$WORK/cg.json") - $(ir "${run[@]}" -t "$EMPTY" -o "$WORK/cg.json")) / CGN ))
tlm_ir=$(( ($(ir "${tlm[@]}" -t "$T" -o "$WORK/cg.json") - $(ir "${tlm[@]}" -t "$EMPTY" -o "$WORK/cg.json")) / CGN ))

TN=$(trace "$N")
run_s=$(cpu "${run[@]}" -t "$TN" -o "$WORK/run.json")
tlm_s=$(cpu "${tlm[@]}" -t "$TN" -o "$WORK/tlm.json")

printf 'lgsim TLM-2.0 target bench: random reads, 1 HBM2 channel (configs/hbm2.ini)\n'
printf 'Ir/req from callgrind on %s requests (less an empty-trace run); req/s from CPU time on %s\n\n' "$CGN" "$N"
printf '%-34s %10s %12s\n' replay Ir/req req/s
printf '%-34s %10s %12.0f\n' "lgsim run (direct)" "$run_ir" "$(awk -v n="$N" -v s="$run_s" 'BEGIN { print n / s }')"
printf '%-34s %10s %12.0f\n' "lgsim-tlm AT (tlm_mem)" "$tlm_ir" "$(awk -v n="$N" -v s="$tlm_s" 'BEGIN { print n / s }')"
printf '\nratio AT / direct: %.2f x Ir per request (target <= 2)\n' "$(awk -v a="$tlm_ir" -v b="$run_ir" 'BEGIN { print a / b }')"
