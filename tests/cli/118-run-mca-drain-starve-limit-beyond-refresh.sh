#!/usr/bin/env bash
# 118: MCA's starvation limit guarantees progress also when it is longer
# than the refresh interval. tests/cli/data/mca-drain-livelock.{ini,trace}:
# a write drain of only COMM (NMC) requests, held back by the occupancy
# gate, with reads waiting behind it. A refresh (COMM not ready for tRFC)
# must not reset the starvation count, a forced grant must be spent on a
# COMM command (not on one another filter rejects), and a row the grant
# opened must be served before the next refresh closes it; otherwise the
# run never ends (it did for any limit above about 2000 cycles). For each
# limit the run serves all 10 requests (6 COMPUTE reads, 4 COMM NMC),
# lgcheck finds its command log clean, and the stats count a forced grant
# (the gate never opens: COMM can only start by one).
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
if c["forced_cycles"] < 1:
    sys.exit(f"FAIL limit {sys.argv[2]}: no forced grant counted")
PY
  echo "ok   limit $lim"
done
