#!/usr/bin/env bash
# 120: uniform random reads on one HBM3 channel (both pseudo-channels) reach
# the hand-derived bounds of docs/dram.md ("HBM3 random reads against
# Ramulator 2.1") and never exceed them; lgcheck checks the command-bus hold.
#
# Every read of a random trace is a row conflict: PRE, ACT, RD.
# configs/hbm3-ramulator2-2gbps.ini (tCK 1 ns, 64 B per read, ACT holds the
# shared row bus 2 tCK, PRE 1): 3 row-bus tCK per read, so one channel
# delivers at most 64 B / 3 ns = 21.333 GB/s (tFAW: 2 x 4 x 64 B / 15 ns =
# 34.1; data buses: 32). With refresh (RANK_LEVEL_STAGGERED: pseudo-channel
# 1 starts tRFC / 2 = 175 tCK after pseudo-channel 0; each is blocked for
# at least tRP + tRFC = 357 tCK per tREFI = 3900): per tREFI 182 tCK with
# both blocked, 350 with one (the other: one read per 4 tCK, its data bus),
# 3368 with none (3 row-bus tCK per read, 2 for the at most 32 reads that
# find their bank closed by a refresh), so at most
# 350 / 4 + (3368 + 32) / 3 = 1220.8 reads of 64 B per 3900 ns = 20.03 GB/s.
# configs/hbm3.ini (tCK 0.384615 ns, 32 B per read): tFAW binds, 4 ACTs per
# 78 tCK per pseudo-channel: 2 x 4 x 32 B / (78 x 0.384615 ns) = 8.533 GB/s
# (row bus: 6 tCK per read, 13.9 GB/s).
# Refresh is moved out of the run with timing.tREFI=1000000 where the
# bound has none. Lower limit: 98 % of the bound (the 50k-read run
# includes the first fill and the last drain). With the ACT holding the
# row bus one tCK, as before, the first check gives 30.8 GB/s and fails.
set -euo pipefail
GEN=$LG_BUILD/bench/gen_dram_trace
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$GEN" random -n 50000 -c 1 -o "$TMP/r.trace"

# bw CONFIG [-s ...]: GB/s of the channel (sum of its pseudo-channels)
bw() {
  local cfg=$1; shift
  "$LGSIM" run -c "$LG_ROOT/configs/$cfg" -s system.channels=1 "$@" -t "$TMP/r.trace" \
    -o "$TMP/s.json" >/dev/null
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(c["bandwidth_GBps"] for c in d["dies"][0]["channels"]))' "$TMP/s.json"
}

# within NAME VALUE LOW HIGH
within() {
  python3 -c 'import sys; v,lo,hi=map(float,sys.argv[2:]); sys.exit(0 if lo <= v <= hi else 1)' "$@" ||
    { echo "FAIL $1: $2 GB/s not in [$3, $4]" >&2; exit 1; }
  echo "ok   $1: $2 GB/s in [$3, $4]"
}

b=$(bw hbm3-ramulator2-2gbps.ini -s timing.tREFI=1000000)
within "2gbps row-bus bound" "$b" "$(python3 -c 'print(0.98 * 64 / 3)')" "$(python3 -c 'print(64 / 3)')"
b=$(bw hbm3-ramulator2-2gbps.ini)
within "2gbps with refresh" "$b" "$(python3 -c 'print(0.98 * 20.03)')" 20.03
b=$(bw hbm3.ini -s timing.tREFI=1000000)
within "hbm3 tFAW bound" "$b" "$(python3 -c 'print(0.98 * 2 * 4 * 32 / (78 * 0.384615))')" \
  "$(python3 -c 'print(2 * 4 * 32 / (78 * 0.384615))')"

# The command log keeps the bus hold (lgcheck), and lgcheck flags a row
# command one tCK after an ACT (shared row bus, other pseudo-channel),
# while a column command in the ACT's second tCK is legal.
LGCHECK=$LG_BUILD/lgcheck
"$LGSIM" run -c "$LG_ROOT/configs/hbm3-ramulator2-2gbps.ini" -s system.channels=1 \
  -t "$TMP/r.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" >/dev/null
"$LGCHECK" "$TMP/c.log" >/dev/null || { echo "FAIL lgcheck on the 2gbps run" >&2; exit 1; }
cat >"$TMP/bad.log" <<'EOF'
0 0 0 0 0 ACT 5 -
12 0 1 0 0 ACT 7 -
13 0 0 0 0 RD 5 0
13 0 0 0 1 ACT 9 -
EOF
set +e
out=$("$LGCHECK" -c "$LG_ROOT/configs/hbm3-ramulator2-2gbps.ini" -s system.channels=1 "$TMP/bad.log")
rc=$?
set -e
[ $rc -eq 1 ] && echo "$out" | grep -q 'bad.log:4: command-bus violated: ACT at cycle 13, earliest legal 14' &&
  echo "$out" | grep -q '1 violations' ||
  { echo "FAIL lgcheck bus hold: rc $rc: $out" >&2; exit 1; }
echo "ok   lgcheck bus hold"
