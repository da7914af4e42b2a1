#!/usr/bin/env bash
# 112: configs/hbm3.ini runs with one channel and with all 16, uses both
# pseudo-channels, and a lone read takes 1 + tRCD + CL + burst = 1 + 7 + 7 + 4
# = 19 tCK = 19 ns.
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf '0 R 0x0\n' >"$TMP/one.trace"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -s system.channels=1 -t "$TMP/one.trace" -o "$TMP/one.json" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["dram"]["read_latency_ns"]["max"]; assert m == 19, m' "$TMP/one.json"
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "0 R 0x%x\n", i * 64 }' >"$TMP/s.trace"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -t "$TMP/s.trace" -o "$TMP/s.json" --cmdlog "$TMP/s.log" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["dies"][0]["channels"]; assert len(c) == 32, len(c); assert d["dram"]["requests"] == 4000' "$TMP/s.json"
awk '$3 == 1 { seen = 1 } END { exit !seen }' "$TMP/s.log" || { echo "FAIL pseudo-channel 1 unused"; exit 1; }
echo "ok   hbm3"
