#!/usr/bin/env bash
# 112: configs/hbm3.ini (JESD238 at 5.2 Gb/s) runs with one channel and with
# all 16, uses both pseudo-channels, and a lone read takes
# 1 + tRCD + CL + burst = 1 + 38 + 38 + 4 = 81 tCK of 0.384615 ns
# = 31.153815 ns (the preset's tCK is half of JESD238's CK, see its header).
# One channel peaks at 2 pseudo-channels x 32 B / (4 x 0.384615 ns) = 41.6 GB/s.
# The old 2 Gb/s preset with 64-bit pseudo-channels still runs: a lone read
# there takes 1 + 7 + 7 + 4 = 19 tCK of 1 ns.
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf '0 R 0x0\n' >"$TMP/one.trace"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -s system.channels=1 -t "$TMP/one.trace" -o "$TMP/one.json" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["dram"]["read_latency_ns"]["max"]; assert abs(m - 81 * 0.384615) < 1e-6, m; p=d["dram"]["peak_GBps"]; assert abs(p - 2 * 32 / (4 * 0.384615)) < 0.01, p' "$TMP/one.json"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3-ramulator2-2gbps.ini" -s system.channels=1 -t "$TMP/one.trace" -o "$TMP/old.json" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["dram"]["read_latency_ns"]["max"]; assert m == 19, m' "$TMP/old.json"
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "0 R 0x%x\n", i * 64 }' >"$TMP/s.trace"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -t "$TMP/s.trace" -o "$TMP/s.json" --cmdlog "$TMP/s.log" >/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["dies"][0]["channels"]; assert len(c) == 32, len(c); assert d["dram"]["requests"] == 4000' "$TMP/s.json"
awk '$3 == 1 { seen = 1 } END { exit !seen }' "$TMP/s.log" || { echo "FAIL pseudo-channel 1 unused"; exit 1; }
echo "ok   hbm3"
