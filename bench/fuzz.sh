#!/usr/bin/env bash
# Run the libFuzzer targets of tests/fuzz (clang, ASan, UBSan).
#
#   bench/fuzz.sh [--build DIR] [--no-build] [SECONDS] [TARGET...]
#
# SECONDS per target (default 3600); TARGET names from tests/fuzz/README.md
# (default: all). Each target starts from a working copy of its seed corpus
# (DIR/corpus/<t>, kept between runs) with its dictionary; a crash, hang,
# leak or sanitizer report is saved in DIR/crashes/<t>/ and the target is
# restarted until its time is up. Prints per target the run time, the
# executions, executions per second, the edges covered ("cov" of
# libFuzzer) and the crashes found; exits 1 if any, 77 (SKIPPED) without
# clang. DIR defaults to build-fuzz/ (built with tests/fuzz/build.sh).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build-fuzz
BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --build) B=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
SECS=${1:-3600}
[ $# -gt 0 ] && shift
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(config dtrace_lgsim dtrace_dramsim3 dtrace_ramulator kt_lgt kt_text kt_accelsim
           tracker_replay lgcheck_log)
fi
if [ $BUILD -eq 1 ] || [ ! -x "$B/fuzz-${TARGETS[0]}" ]; then
  bash "$ROOT/tests/fuzz/build.sh" "$B"
  rc=$?
  [ $rc -ne 0 ] && exit $rc
fi
FZ=$ROOT/tests/fuzz
found=0
printf '%-16s %8s %12s %9s %7s %8s\n' target seconds execs exec/s edges crashes
for t in "${TARGETS[@]}"; do
  bin=$B/fuzz-$t
  [ -x "$bin" ] || { echo "fuzz.sh: no $bin"; exit 2; }
  corpus=$B/corpus/$t
  crashes=$B/crashes/$t
  mkdir -p "$corpus" "$crashes"
  [ -n "$(ls -A "$corpus")" ] || cp "$FZ/corpus/$t"/* "$corpus"/ 2>/dev/null
  opts=(-timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
        -artifact_prefix="$crashes/")
  [ -f "$FZ/dict/$t.dict" ] && opts+=(-dict="$FZ/dict/$t.dict")
  before=$(ls "$crashes" | wc -l)
  start=$(date +%s)
  execs=0 cov=0
  log=$B/fuzz-$t.log
  : >"$log"
  while :; do
    left=$((SECS - ($(date +%s) - start)))
    [ $left -le 0 ] && break
    "$bin" "${opts[@]}" -max_total_time=$left "$corpus" >"$log.run" 2>&1
    cat "$log.run" >>"$log"
    n=$(grep -a 'stat::number_of_executed_units' "$log.run" | tail -1 | awk '{print $2}')
    execs=$((execs + ${n:-0}))
    c=$(grep -ao 'cov: [0-9]*' "$log.run" | tail -1 | awk '{print $2}')
    [ -n "$c" ] && [ "$c" -gt "$cov" ] && cov=$c
    # a clean end means the time is up; otherwise a finding was saved: go on
    grep -aq 'ERROR: \|runtime error\|deadly signal' "$log.run" || break
  done
  rm -f "$log.run"
  el=$(($(date +%s) - start))
  new=$(($(ls "$crashes" | wc -l) - before))
  found=$((found + new))
  printf '%-16s %8d %12d %9d %7d %8d\n' "$t" "$el" "$execs" $((execs / (el > 0 ? el : 1))) "$cov" "$new"
  [ $new -gt 0 ] && ls "$crashes" | tail -n $new | sed "s|^|  finding: $crashes/|"
done
[ $found -gt 0 ] && exit 1
exit 0
