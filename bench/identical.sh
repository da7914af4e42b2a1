#!/usr/bin/env bash
# bench/identical.sh BUILD_DIR REF_FILE -- behaviour-preservation check for
# performance work on the DRAM path.
#
# Replays a fixed set of traces through BUILD_DIR/lgsim for every
# combination of
#   config        configs/hbm2.ini, configs/hbm3-ramulator2-2gbps.ini (the DRAM path
#                 baselines were taken with it; configs/hbm3.ini is JESD238)
#   mc.scheduler  fcfs, frfcfs, frfcfs_cap
#   page policy   OPEN_PAGE, CLOSE_PAGE, ADAPTIVE   (system.row_buf_policy)
#   refresh       RANK_LEVEL_SIMULTANEOUS, RANK_LEVEL_STAGGERED,
#                 BANK_LEVEL_STAGGERED              (system.refresh_policy)
# and records one line per run: the combination, the md5 of the stats JSON
# without its "wall_seconds" line, and the md5 of the --cmdlog commands
# (its "#" header lines, which name the config, left out).
#
# If REF_FILE does not exist it is written (the reference, taken before a
# change). If it exists, the runs are repeated and every line is compared
# with it; the script prints the number of identical and differing runs and
# exits 1 if any differs.
#
# Traces (generated once into LG_IDENT_WORK, default BUILD_DIR/bench/ident):
# the bench's stream/random/mix traces on 1 and 8 channels (LG_IDENT_N
# requests, default 100000, all at time 0), the random 1-channel trace with
# a 10^9-cycle gap in the middle, a mix trace with spread-out times written
# in the lgsim, DRAMsim3 and Ramulator 2 formats (plain), the same lgsim
# trace gzip-compressed, and traces/stream_1ch.trace.gz.
set -euo pipefail

BUILD=${1:?usage: bench/identical.sh BUILD_DIR REF_FILE}
REF=${2:?usage: bench/identical.sh BUILD_DIR REF_FILE}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LGSIM=$BUILD/lgsim
GEN=$BUILD/bench/gen_dram_trace
N=${LG_IDENT_N:-100000}
WORK=${LG_IDENT_WORK:-$BUILD/bench/ident}
mkdir -p "$WORK"
[ -x "$GEN" ] && [ -x "$LGSIM" ] || { echo "identical: build $BUILD first" >&2; exit 2; }

# gen KIND CH [gen args] -> trace path (generated once)
gen() {
  local kind=$1 ch=$2; shift 2
  local tag=""; [ $# -gt 0 ] && tag="-gap"
  local f=$WORK/${kind}_${ch}ch_${N}${tag}.trace
  [ -s "$f" ] || "$GEN" "$kind" -n "$N" -c "$ch" "$@" -o "$f"
  echo "$f"
}

# timed_mix -> base path of the spread-out-time mix trace in three formats:
# times advance by 0..3 cycles per line with a 5000-cycle pause every 7000
# lines, so the front end sees both bursts and idle stretches.
timed_mix() {
  local b=$WORK/mixtimed_1ch_$N
  if [ ! -s "$b.ram" ]; then
    "$GEN" mix -n "$N" -c 1 --seed 7 -o "$b.src"
    awk '{ t += (NR * 7) % 4; if (NR % 7000 == 0) t += 5000; print t, $2, $3 }' "$b.src" >"$b.lgsim"
    awk '{ print $3, ($2 == "W" ? "WRITE" : "READ"), $1 }' "$b.lgsim" >"$b.ds3"
    gzip -c -1 "$b.lgsim" >"$b.lgsim.gz"
    awk '{ print ($2 == "W" ? "ST" : "LD"), $3 }' "$b.lgsim" >"$b.ram"
    rm -f "$b.src"
  fi
  echo "$b"
}

# Trace list: "CHANNELS PATH"
TRACES=()
for kind in stream random mix; do
  for ch in 1 8; do TRACES+=("$ch $(gen "$kind" "$ch")"); done
done
TRACES+=("1 $(gen random 1 --gap-at $((N / 2)) --gap 1000000000)")
tm=$(timed_mix)
for ext in lgsim ds3 ram lgsim.gz; do TRACES+=("1 $tm.$ext"); done
TRACES+=("1 $ROOT/traces/stream_1ch.trace.gz")

OUT=$(mktemp)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP" "$OUT"' EXIT

# one_run CFG CH TRACE SCHED PAGE REFRESH -> one result line on stdout
one_run() {
  local cfg=$1 ch=$2 t=$3 s=$4 p=$5 r=$6 st cl
  "$LGSIM" run -c "$ROOT/configs/$cfg" -s system.channels="$ch" -s mc.scheduler="$s" \
    -s system.row_buf_policy="$p" -s system.refresh_policy="$r" \
    -t "$t" -o "$TMP/s.json" --cmdlog "$TMP/c.log" >/dev/null 2>"$TMP/err" ||
    { echo "$cfg $(basename "$t") $s $p $r FAILED $(head -1 "$TMP/err")"; return; }
  st=$(grep -v wall_seconds "$TMP/s.json" | md5sum | cut -c1-32)
  cl=$(grep -v '^#' "$TMP/c.log" | md5sum | cut -c1-32) # commands only: the header names the config
  echo "$cfg $(basename "$t") $s $p $r $st $cl"
}

for cfg in hbm2.ini hbm3-ramulator2-2gbps.ini; do
  for tr in "${TRACES[@]}"; do
    read -r ch t <<<"$tr"
    for s in fcfs frfcfs frfcfs_cap; do
      for p in OPEN_PAGE CLOSE_PAGE ADAPTIVE; do
        for r in RANK_LEVEL_SIMULTANEOUS RANK_LEVEL_STAGGERED BANK_LEVEL_STAGGERED; do
          one_run "$cfg" "$ch" "$t" "$s" "$p" "$r" >>"$OUT"
        done
      done
    done
  done
done

runs=$(wc -l <"$OUT")
if grep -q FAILED "$OUT"; then
  echo "identical: some runs failed:" >&2; grep FAILED "$OUT" >&2
fi
if [ ! -e "$REF" ]; then
  cp "$OUT" "$REF"
  echo "identical: reference written to $REF ($runs runs)"
  exit 0
fi
cp "$OUT" "$REF.last"
same=$(comm -12 <(sort "$REF") <(sort "$OUT") | wc -l)
echo "identical: $same of $runs runs byte-identical to $REF (stats without wall_seconds, cmdlog)"
if [ "$same" -ne "$runs" ] || [ "$(wc -l <"$REF")" -ne "$runs" ]; then
  diff "$REF" "$OUT" | head -20 >&2
  exit 1
fi
