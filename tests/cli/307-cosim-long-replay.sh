#!/usr/bin/env bash
# 307: a replay runs to the end of its recording, not to the default 10^6
# cycles. One entry at 0x300000000 (above 4 GiB: full-width addresses)
# expects 128 B; its two 64 B writes arrive at cycles 1,500,000 (a write)
# and 1,500,001 (an NMC update). The run must see both (fires 1, nmc 1,
# observed 2) and end two cycles later (1,500,002 + the edge that takes
# the trigger = 1,500,003 cycles). With --cycles 1000 it stops at 1,000
# cycles and has seen nothing.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/long.trk" <<'T'
# lgcosim tracker entries=16 ports=1 addr_width=64 count_width=16
0 P 300000000 128 128
1500000 0 300000000 64
1500001 0 300000040 64 N
T
counter() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
out=$("$LGSIM" cosim tracker --entries 16 --ports 1 --trace "$tmp/long.trk")
echo "$out"
grep -q "RESULT: 0 mismatches in 1500003 cycles" <<<"$out"
[ "$(counter fires "$out")" = 1 ] && [ "$(counter nmc "$out")" = 1 ] && [ "$(counter observed "$out")" = 2 ]
[ "$(counter misses "$out")" = 0 ]
out=$("$LGSIM" cosim tracker --entries 16 --ports 1 --trace "$tmp/long.trk" --cycles 1000)
grep -q "RESULT: 0 mismatches in 1000 cycles" <<<"$out"
[ "$(counter observed "$out")" = 0 ]
