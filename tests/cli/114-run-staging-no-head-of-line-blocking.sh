#!/usr/bin/env bash
# 114: the replay front-end stages requests per channel (docs/dram.md,
# "Replay front-end"), so a full queue on one channel does not hold back
# requests to other channels. HBM2 preset, 8 channels, mapping
# rorabgbachco (ch = address bits 11-13, row = bits 18+). The trace puts
# 200 row conflicts on channel 0 (each needs PRE + ACT: thousands of
# cycles in all), then one read to channel 1 at time 0 and one read to
# channel 2 at cycle 3000. 200 fit in channel 0's queue (16) plus its
# staging FIFO (default 256).
#  - default staging: channel 1's first command comes within a few cycles;
#  - sim.staging_depth=1 (the old in-order front-end, head-of-line
#    blocking): it comes only after channel 0 took most of its backlog;
#  - the timed read enters no earlier than its time: channel 2's first
#    command is in [3000, 3030) (its ACT needs one tCK of scheduling);
#  - per-channel order is kept: with fcfs, channel 0 opens rows 0..199 in
#    trace order (a row re-opened after a refresh counts once);
#  - two runs give identical stats (except wall time) and command logs.
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
T=$TMP/t.trace
{ awk 'BEGIN { for (i = 0; i < 200; i++) printf "0 R 0x%x\n", i * 262144 }'
  echo "0 R 0x800"
  echo "3000 R 0x1000"; } >"$T"

# first_cmd LOG CH: cycle of the first ACT on channel CH (refreshes come on their own)
first_cmd() { awk -v c="$2" '$2 == c && $6 == "ACT" { print $1; exit }' "$1"; }

"$LGSIM" run -c "$CFG" -t "$T" -o "$TMP/a.json" --cmdlog "$TMP/a.log" >/dev/null
"$LGSIM" run -c "$CFG" -t "$T" -o "$TMP/b.json" --cmdlog "$TMP/b.log" >/dev/null
"$LGSIM" run -c "$CFG" -s sim.staging_depth=1 -t "$T" --cmdlog "$TMP/hol.log" >/dev/null

c1=$(first_cmd "$TMP/a.log" 1)
[ "$c1" -le 5 ] || { echo "FAIL channel 1 waited behind channel 0: first command at cycle $c1"; exit 1; }
h1=$(first_cmd "$TMP/hol.log" 1)
[ "$h1" -ge 1000 ] || { echo "FAIL staging_depth=1 should block channel 1 behind channel 0, first command at $h1"; exit 1; }
c2=$(first_cmd "$TMP/a.log" 2)
{ [ "$c2" -ge 3000 ] && [ "$c2" -lt 3030 ]; } ||
  { echo "FAIL timed read to channel 2 (cycle 3000): first command at cycle $c2"; exit 1; }
echo "ok   no head-of-line blocking (ch1 at $c1, $h1 with staging_depth=1; ch2 at $c2)"

"$LGSIM" run -c "$CFG" -s mc.scheduler=fcfs -t "$T" --cmdlog "$TMP/f.log" >/dev/null
awk '$2 == 0 && $6 == "ACT" { print $7 }' "$TMP/f.log" | uniq >"$TMP/rows" # a refresh may close a row: re-opened
seq 0 199 | cmp -s - "$TMP/rows" || { echo "FAIL channel 0 rows not opened in trace order"; exit 1; }
echo "ok   per-channel order kept"

grep -v wall_seconds "$TMP/a.json" >"$TMP/a.j"
grep -v wall_seconds "$TMP/b.json" >"$TMP/b.j"
cmp -s "$TMP/a.j" "$TMP/b.j" || { echo "FAIL stats differ between two runs"; exit 1; }
cmp -s "$TMP/a.log" "$TMP/b.log" || { echo "FAIL command logs differ between two runs"; exit 1; }
echo "ok   deterministic"
