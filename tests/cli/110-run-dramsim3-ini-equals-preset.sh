#!/usr/bin/env bash
# 110: DRAMsim3's HBM2_8Gb_x128.ini (tests/data, unchanged) loads and runs,
# and since its values equal configs/hbm2.ini's, the stats are identical
# except sim.wall_seconds and sim.config. Also for a DRAMsim3-format trace.
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
awk 'BEGIN { s = 12345; for (i = 0; i < 3000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
  printf "%d %s 0x%x\n", i * 3, (s % 3 == 0) ? "W" : "R", (s % 16777216) * 64 } }' >"$TMP/mix.trace"
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "0x%x %s %d\n", i * 64, (i % 4 == 0) ? "WRITE" : "READ", i }' >"$TMP/ds3.trace"

strip() { python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); del d["sim"]["wall_seconds"]; del d["sim"]["config"]
print(json.dumps(d, sort_keys=True))' "$1"; }

for t in mix ds3; do
  for ch in 1 8; do
    "$LGSIM" run -c "$LG_ROOT/tests/data/dramsim3_HBM2_8Gb_x128.ini" -s system.channels=$ch \
      -t "$TMP/$t.trace" -o "$TMP/a.json" >/dev/null
    "$LGSIM" run -c "$LG_ROOT/configs/hbm2.ini" -s system.channels=$ch \
      -t "$TMP/$t.trace" -o "$TMP/b.json" >/dev/null
    if [ "$(strip "$TMP/a.json")" != "$(strip "$TMP/b.json")" ]; then
      echo "FAIL $t ${ch}ch: DRAMsim3 ini and configs/hbm2.ini give different stats"
      diff <(strip "$TMP/a.json" | tr ',' '\n') <(strip "$TMP/b.json" | tr ',' '\n') | head
      exit 1
    fi
    echo "ok   $t ${ch}ch identical"
  done
done
