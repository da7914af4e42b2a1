#!/usr/bin/env bash
# 118: MCA makes progress whatever its starvation limit, also one longer
# than the refresh interval. tests/cli/data/mca-drain-livelock.{ini,trace}:
# a write drain of only COMM (NMC) requests, which the occupancy gate holds
# back, with COMPUTE reads waiting behind the drain. The drain's COMM
# requests go on COMPUTE's turn (docs/arbitration.md, "What MCA sees as
# ready"); a controller that waits for forced grants instead never ends
# when refreshes (every few thousand cycles here) reset the starvation
# count or close the row a grant opened. For each limit the run serves
# all 10 requests (6 COMPUTE reads, 4 COMM NMC) and lgcheck finds its
# command log clean.
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
D=$LG_ROOT/tests/cli/data
for lim in 100 5000 24482 65535; do
  if ! "$LGSIM" run -c "$D/mca-drain-livelock.ini" -t "$D/mca-drain-livelock.trace" \
      -s mc.mca_starve_limit=$lim -s sim.watchdog_cycles=200000 \
      -o "$TMP/s.json" --cmdlog "$TMP/c.log" >/dev/null 2>"$TMP/err"; then
    echo "FAIL limit $lim: run did not complete"; head -3 "$TMP/err"; exit 1
  fi
  "$LGCHECK" "$TMP/c.log" >"$TMP/chk" 2>&1 || { echo "FAIL limit $lim: lgcheck"; head "$TMP/chk"; exit 1; }
  python3 - "$TMP/s.json" "$lim" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
c = s["dram"]["classes"]
n = c["compute"]["requests"] + c["comm"]["requests"]
if n != 10 or c["comm"]["requests"] != 4:
    sys.exit(f"FAIL limit {sys.argv[2]}: {n} requests served ({c['comm']['requests']} COMM), expected 10 (4)")
PY
  echo "ok   limit $lim"
done
