#!/usr/bin/env bash
# 302: `lgsim cosim tracker --trace FILE` replays observe-port activity into
# both the C model and the RTL: they agree, and the hand-computed triggers
# happen (entry 0 re-arms once: 2 triggers; entry 1: 1 trigger; 3 fires).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/t.trace" <<'T'
# lgcosim tracker entries=64 ports=4 addr_width=64 count_width=16
# cycle P hex-base len expect [stride rearm die hex-dst op dtype]
0 P 1000 256 256 256 1 3 80000 1 0
0 P 4000 128 128
# cycle port hex-addr bytes
2 0 1000 128
3 0 1080 128       # entry 0 step 0 complete
4 1 4000 64
4 2 4040 64        # two ports, entry 1 complete
9 0 1100 255
10 3 11ff 1        # entry 0 step 1 complete (base 0x1100)
11 0 dead0 32      # a miss
T
out=$("$LGSIM" cosim tracker --entries 64 --ports 4 --trace "$tmp/t.trace")
echo "$out"
grep -q "RESULT: 0 mismatches" <<<"$out"
grep -q "^fires  *3$" <<<"$out"
grep -q "^rearms  *1$" <<<"$out"
grep -q "^misses  *1$" <<<"$out"
# the same trace on a 1-port build is bad input (port 1..3): exit 2
set +e
"$LGSIM" cosim tracker --entries 16 --ports 1 --trace "$tmp/t.trace" 2> "$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || { echo "expected exit 2, got $rc" >&2; exit 1; }
grep -q "t.trace:1: recorded with entries=64, expected entries=16" "$tmp/err"
