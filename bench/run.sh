#!/usr/bin/env bash
# bench/run.sh BUILD_DIR -- DRAM-only replay benchmark (issue 2, section 11).
#
# 1. Generates deterministic 1M-request traces with BUILD_DIR/bench/gen_dram_trace
#    (lgsim text format, time 0 = issue as fast as the controllers accept,
#    64 B per request): stream, uniform random, and a 2:1 read:write random
#    mix, for 1 and 8 channels (addresses over channels x system.channel_size).
# 2. Replays each with
#      lgsim run -c configs/hbm2.ini -s system.channels=N -t T -o stats.json
#    and prints requests/s and ns/request (whole process: start-up, trace
#    parsing and simulation) from its CPU time (user + sys: on a shared
#    machine wall time varies 2x with the load; wall_s is printed too) and
#    dram.bandwidth_GBps from the stats.
# 3. Runs 100k-request versions under valgrind --tool=callgrind and prints
#    instructions per request = (Ir of the run - Ir of an empty-trace run) /
#    requests: the empty-trace run removes start-up (config, allocation).
# 4. Idle gap: the 1-channel random trace (100k) with and without a 10^9-cycle
#    gap after the first half; the two must cost about the same.
# 5. Parse-only cost: gen_dram_trace --check reads the trace through the same
#    readers without simulating.
#
# Environment: LG_BENCH_N (default 1000000), LG_BENCH_CG_N (100000),
# LG_BENCH_CALLGRIND=0 to skip callgrind, LG_BENCH_WORK (BUILD_DIR/bench/work).
# The traces stay in the work directory; they are regenerated only if missing.
set -euo pipefail

BUILD=${1:?usage: bench/run.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LGSIM=$BUILD/lgsim
GEN=$BUILD/bench/gen_dram_trace
CONFIG=$ROOT/configs/hbm2.ini
N=${LG_BENCH_N:-1000000}
CGN=${LG_BENCH_CG_N:-100000}
CALLGRIND=${LG_BENCH_CALLGRIND:-1}
WORK=${LG_BENCH_WORK:-$BUILD/bench/work}
GAP=1000000000
mkdir -p "$WORK"

[ -x "$GEN" ] || { echo "bench: $GEN missing (build first)" >&2; exit 2; }
[ -x "$LGSIM" ] || { echo "bench: $LGSIM missing (build first)" >&2; exit 2; }

# json_get FILE dotted.key -> value (jq if present, else python3).
json_get() {
  if command -v jq >/dev/null; then
    jq -r ".${2} // \"-\"" "$1"
  else
    python3 -c 'import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v=v.get(k,"-") if isinstance(v,dict) else "-"
print(v)' "$1" "$2"
  fi
}

# trace KIND N CHANNELS [extra gen args] -> path (generated once)
trace() {
  local kind=$1 n=$2 ch=$3; shift 3
  local tag=""; [ $# -gt 0 ] && tag="-gap"
  local f=$WORK/${kind}_${ch}ch_${n}${tag}.trace
  [ -s "$f" ] || "$GEN" "$kind" -n "$n" -c "$ch" "$@" -o "$f"
  echo "$f"
}

# calc EXPR -> value (awk: no bc needed); calc_int rounds down.
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
calc_int() { awk "BEGIN { printf \"%d\", $* }"; }

# timed OUTFILE CMD... -> "wall cpu" seconds on stdout (cpu = user + sys);
# CMD's stdout is dropped, its stderr goes to OUTFILE.err.
timed() {
  local out=$1; shift
  local TIMEFORMAT='%R %U %S' rc=0 r u s
  { time "$@" >/dev/null 2>"$out.err"; } 2>"$out.time" || rc=$?
  [ $rc -eq 0 ] || return $rc
  read -r r u s <"$out.time"
  echo "$r $(calc "$u + $s")"
}

# run_lgsim CHANNELS TRACE STATS -> "wall cpu" seconds on stdout
run_lgsim() {
  if ! timed "$3" "$LGSIM" run -c "$CONFIG" -s system.channels="$1" -t "$2" -o "$3"; then
    echo "bench: lgsim run failed on $2: $(head -1 "$3.err")" >&2
    return 1
  fi
}

# callgrind_ir CMD... -> total Ir
callgrind_ir() {
  local out=$WORK/cg.out
  rm -f "$out"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$WORK/cg.err" ||
    { echo "bench: callgrind failed: $(tail -1 "$WORK/cg.err")" >&2; return 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$out"
}

if ! "$LGSIM" run -c "$CONFIG" -s system.channels=1 -t /dev/null >/dev/null 2>"$WORK/probe.err" &&
   grep -q "not built yet" "$WORK/probe.err"; then
  echo "bench: 'lgsim run' is not built yet; only the parse-only rows can be measured" >&2
  RUN_OK=0
else
  RUN_OK=1
fi

EMPTY=$WORK/empty.trace
: >"$EMPTY"

cg_note="callgrind on $CGN"; [ "$CALLGRIND" = 1 ] || cg_note="callgrind off"
printf 'lgsim DRAM-only replay bench  (%s requests; %s; config %s)\n' "$N" "$cg_note" "configs/hbm2.ini"
printf 'Mreq/s and ns/req from the CPU time (user+sys) of the whole process; Ir/req = (Ir - Ir of an empty-trace run) / requests\n\n'
printf '%-8s %3s %9s %7s %7s %7s %8s %9s %10s   %s\n' trace ch requests wall_s cpu_s Mreq/s ns/req GB/s Ir/req "targets"

target() {
  case "$1/$2" in
    stream/1) echo "<=1500 Ir/req, ~29.4 GB/s";;
    random/1) echo "<=5000 Ir/req, >=1.5 Mreq/s, ~7.9 GB/s";;
    stream/*) echo "<=1500 Ir/req";;
    random/*|mix/*) echo "<=5000 Ir/req";;
  esac
}

base_ir=""
if [ "$RUN_OK" = 1 ] && [ "$CALLGRIND" = 1 ]; then
  base_ir=$(callgrind_ir "$LGSIM" run -c "$CONFIG" -s system.channels=1 -t "$EMPTY" -o "$WORK/empty.json")
fi

for kind in stream random mix; do
  for ch in 1 8; do
    t=$(trace "$kind" "$N" "$ch")
    if [ "$RUN_OK" = 1 ]; then
      read -r wall cpu < <(run_lgsim "$ch" "$t" "$WORK/stats.json")
      bw=$(json_get "$WORK/stats.json" dram.bandwidth_GBps)
      reqs=$(json_get "$WORK/stats.json" dram.requests)
      ir="-"
      if [ "$CALLGRIND" = 1 ]; then
        tc=$(trace "$kind" "$CGN" "$ch")
        tot=$(callgrind_ir "$LGSIM" run -c "$CONFIG" -s system.channels="$ch" -t "$tc" -o "$WORK/cg.json")
        ir=$(calc_int "($tot - $base_ir) / $CGN")
      fi
      printf '%-8s %3s %9s %7.3f %7.3f %7.3f %8.1f %9.2f %10s   %s\n' "$kind" "$ch" "$reqs" "$wall" "$cpu" \
        "$(calc "$N / $cpu / 1000000")" "$(calc "$cpu * 1000000000 / $N")" \
        "$bw" "$ir" "$(target "$kind" "$ch")"
    fi
  done
done

echo
echo "idle gap: 1-channel random, $CGN requests, requests $((CGN / 2)).. at cycle $GAP"
printf '%-10s %8s %8s %14s %12s\n' trace wall_s cpu_s simulated_ns Ir/req
if [ "$RUN_OK" = 1 ]; then
  for g in nogap gap; do
    if [ $g = gap ]; then
      t=$(trace random "$CGN" 1 --gap-at $((CGN / 2)) --gap $GAP)
    else
      t=$(trace random "$CGN" 1)
    fi
    read -r wall cpu < <(run_lgsim 1 "$t" "$WORK/stats-$g.json")
    sim=$(json_get "$WORK/stats-$g.json" sim.simulated_ns)
    ir="-"
    if [ "$CALLGRIND" = 1 ]; then
      tot=$(callgrind_ir "$LGSIM" run -c "$CONFIG" -s system.channels=1 -t "$t" -o "$WORK/cg.json")
      ir=$(calc_int "($tot - $base_ir) / $CGN")
    fi
    printf '%-10s %8.3f %8.3f %14s %12s\n' "$g" "$wall" "$cpu" "$sim" "$ir"
  done
  echo "target: the two rows cost about the same"
fi

echo
echo "trace parsing alone (gen_dram_trace --check: same readers, no simulation)"
printf '%-30s %8s %8s %9s %10s\n' trace wall_s cpu_s ns/req Ir/req
t=$(trace random "$N" 1)
gzip -c -1 "$t" >"$t.gz"
for f in "$t" "$t.gz"; do
  read -r wall cpu < <(timed "$WORK/check" "$GEN" --check "$f")
  ir="-"
  if [ "$CALLGRIND" = 1 ]; then
    tc=$(trace random "$CGN" 1)
    [ "${f%.gz}" != "$f" ] && { gzip -c -1 "$tc" >"$tc.gz"; tc=$tc.gz; }
    tot=$(callgrind_ir "$GEN" --check "$tc")
    ir=$(calc_int "$tot / $CGN")
  fi
  printf '%-30s %8.3f %8.3f %9.1f %10s\n' "$(basename "$f")" "$wall" "$cpu" "$(calc "$cpu * 1000000000 / $N")" "$ir"
done
echo
echo "reference (issue 2): DRAMsim3 / Ramulator 2 on the 1-channel random trace: ~118k Ir/req, ~78k req/s; streaming ~25k Ir/req"
