#!/usr/bin/env bash
# 801: the SystemC example platform (build/lgsim-tlm) replaying a trace in
# AT mode through lgsim::tlm_mem gives the same stats JSON (all but
# sim.wall_seconds) and the same command log as `lgsim run` on that trace
# (docs/systemc.md, "Equivalence"): the three bundled formats (lgsim text
# gzip, DRAMsim3 timed with gaps, Ramulator untimed) under several
# scheduler / page-policy / front-end settings, on 1 and 8 channels and on
# HBM3 (pseudo-channels), and with the tracker observing writes. Skipped (77) when SystemC was not found.
set -euo pipefail
TLM=$LG_BUILD/lgsim-tlm
[ -x "$TLM" ] || { echo "SKIP: lgsim-tlm not built (no SystemC)"; exit 77; }
export SC_COPYRIGHT_MESSAGE=DISABLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
H2=$LG_ROOT/configs/hbm2.ini
H3=$LG_ROOT/configs/hbm3.ini
STREAM=$LG_ROOT/traces/stream_1ch.trace.gz
DS3=$LG_ROOT/tests/data/sample_dramsim3.trace
RAM=$LG_ROOT/tests/data/sample_ramulator.trace

# same CFG TRACE [args]: run both, compare stats (less wall time) and command logs
same() {
  local cfg=$1 t=$2; shift 2
  "$LGSIM" run -c "$cfg" -t "$t" "$@" -o "$TMP/a.json" --cmdlog "$TMP/a.log" >"$TMP/a.sum"
  "$TLM" -c "$cfg" -t "$t" "$@" -o "$TMP/b.json" --cmdlog "$TMP/b.log" >"$TMP/b.sum"
  grep -v wall_seconds "$TMP/a.json" >"$TMP/a.j"
  grep -v wall_seconds "$TMP/b.json" >"$TMP/b.j"
  diff -u "$TMP/a.j" "$TMP/b.j" >&2 || { echo "FAIL stats differ: $t $*"; exit 1; }
  cmp -s "$TMP/a.log" "$TMP/b.log" || { echo "FAIL command logs differ: $t $*"; exit 1; }
  diff <(grep -v '^wall time' "$TMP/a.sum") <(grep -v '^wall time' "$TMP/b.sum") >&2 ||
    { echo "FAIL summaries differ: $t $*"; exit 1; }
  echo "ok   $(basename "$t") $(basename "$cfg") $*"
}

# The acceptance run of the issue.
same "$H2" "$STREAM" -s system.channels=1
grep -q '"requests": 20000,' "$TMP/b.json" || { echo "FAIL stream: not 20000 requests"; exit 1; }
same "$H2" "$STREAM" -s system.channels=1 -s mc.scheduler=fcfs -s system.row_buf_policy=CLOSE_PAGE
for t in "$DS3" "$RAM"; do
  same "$H2" "$t" -s system.channels=1
  same "$H2" "$t" -s system.channels=1 -s mc.scheduler=fcfs
  same "$H2" "$t" -s system.channels=1 -s mc.scheduler=frfcfs_cap -s system.row_buf_policy=CLOSE_PAGE
  same "$H2" "$t"                                   # 8 channels: per-unit staging
  same "$H2" "$t" -s sim.staging_depth=1 -s mc.scheduler=fcfs
done
same "$H3" "$DS3"
# times in ns, off the tCK edges (rounded up to an edge on entry), with a gap
awk '{ printf "%.1fns %s %s\n", NR * 0.7 + (NR > 700 ? 5000 : 0), ($1 == "ST" ? "W" : "R"), $2 }' "$RAM" >"$TMP/ns.trace"
same "$H2" "$TMP/ns.trace" -s system.channels=1
same "$H2" "$TMP/ns.trace"
same "$H3" "$RAM" -s system.row_buf_policy=CLOSE_PAGE

# With the tracker watching the writes (32-byte sector writes: partial
# bursts), the tracker's stats and its recording are the same too.
awk 'BEGIN { for (i = 0; i < 2048; i++) { printf "%d W 0x%x 32\n", i * 2, 1048576 + i * 32
  printf "%d R 0x%x\n", i * 2, 4194304 + i * 64 } }' >"$TMP/trk.trace"
TRK=(-s system.channels=1 -s tracker.observe=true -s tracker.entries=16 -s tracker.ports=1
     -s tracker.region_base=0x100000 -s tracker.region_bytes=65536)
"$LGSIM" run -c "$H2" -t "$TMP/trk.trace" "${TRK[@]}" --tracker-trace "$TMP/a.trk" >/dev/null
"$TLM" -c "$H2" -t "$TMP/trk.trace" "${TRK[@]}" --tracker-trace "$TMP/b.trk" >/dev/null
cmp -s "$TMP/a.trk" "$TMP/b.trk" || { echo "FAIL tracker recordings differ"; exit 1; }
same "$H2" "$TMP/trk.trace" "${TRK[@]}"
# The tracker saw every write (the trace has 2048 writes, i < 2048) and
# fired. The number of triggers is the die's (cmodel/die/trk.c), not the
# target's, and is compared with `lgsim run` above: with the tracker as it is,
# the first write, accepted in cycle 0, is observed in cycle 0
# before tile 0's program of that cycle (a miss), so only tile 1 triggers.
grep -q '"writes_observed": 2048,' "$TMP/b.json" || { echo "FAIL tracker: expected 2048 writes observed"; exit 1; }
grep -q '"triggers": [1-9][0-9]*,' "$TMP/b.json" || { echo "FAIL tracker: expected a trigger"; exit 1; }

# The comparison can fail: another policy gives other stats.
"$TLM" -c "$H2" -t "$RAM" -s system.channels=1 -s mc.scheduler=fcfs -o "$TMP/c.json" >/dev/null
"$LGSIM" run -c "$H2" -t "$RAM" -s system.channels=1 -o "$TMP/d.json" >/dev/null
if diff -q <(grep -v wall_seconds "$TMP/c.json") <(grep -v wall_seconds "$TMP/d.json") >/dev/null; then
  echo "FAIL fcfs and frfcfs gave identical stats: the comparison proves nothing"; exit 1
fi
echo ok
