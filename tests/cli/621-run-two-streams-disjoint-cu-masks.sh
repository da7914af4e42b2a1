#!/usr/bin/env bash
# 621: two kernels on two streams with disjoint CU masks on the full die
# (configs/lite-gpu.ini, stream.cu_masks = 0=0xffff,1=0xffff0000): both
# finish, each runs CTAs only on its allowed CUs (ctas_per_cu), and each
# takes no fewer cycles than when it runs alone with the same mask (they
# share L2 and DRAM, and nothing else speeds a kernel up). Dispatch order:
# both streams are known from the first tick (the scout finds stream 1 for
# the CUs stream 0 may not use), both kernels launch at 1,000 ns
# (kernel.launch_latency_ns), and one CTA starts per core cycle
# (kernel.ctas_per_cycle = 1). The core period is round(1e6 / 1830 MHz) =
# 546 ps, so the first edge at or after 1,000,000 ps is cycle
# ceil(1e6 / 546) = 1832, at 1832 x 546 = 1,000,272 ps. The stream tried
# first turns once per core cycle from stream 0 in cycle 0: stream
# 1832 mod 2 = 0 goes first there, stream 1 in cycle 1833 (1,000,818 ps).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/lite-gpu.ini
MASKS='stream.cu_masks=0=0xffff,1=0xffff0000'
. "$LG_ROOT/tests/cli/lib/two-streams.sh"

# one kernel per stream: the same kernel body, the second on stream 1 reading other addresses
two_streams "$TMP" || { echo "FAIL gen"; exit 1; }
sed -n '1,/^#BEGIN_TB/p' "$TMP/two.txt" | grep -q 'kernel' || { echo "FAIL trace"; exit 1; }
head -n "$(grep -n '^-kernel name = second' "$TMP/two.txt" | cut -d: -f1)" "$TMP/two.txt" | head -n -1 >"$TMP/one.txt"
{ sed -n '1,3p' "$TMP/two.txt"; echo; sed -n '/^-kernel name = second/,$p' "$TMP/two.txt"; } >"$TMP/second.txt"

"$LGSIM" run -c "$CFG" -s "$MASKS" -t "$TMP/two.txt" -o "$TMP/both.json" >/dev/null 2>"$TMP/err" ||
	{ echo "FAIL two kernels: $(cat "$TMP/err")"; exit 1; }
"$LGSIM" run -c "$CFG" -s "$MASKS" -t "$TMP/one.txt" -o "$TMP/a.json" >/dev/null 2>"$TMP/err" ||
	{ echo "FAIL first alone: $(cat "$TMP/err")"; exit 1; }
"$LGSIM" run -c "$CFG" -s "$MASKS" -t "$TMP/second.txt" -o "$TMP/b.json" >/dev/null 2>"$TMP/err" ||
	{ echo "FAIL second alone: $(cat "$TMP/err")"; exit 1; }
python3 - "$TMP/both.json" "$TMP/a.json" "$TMP/b.json" <<'PY' || exit 1
import json, sys
both, a, b = (json.load(open(f))["dies"][0]["kernels"] for f in sys.argv[1:4])
assert len(both) == 2, both
k0, k1 = both
c0, c1 = k0["ctas_per_cu"], k1["ctas_per_cu"]
assert sum(c0) == k0["ctas"] and sum(c1) == k1["ctas"], "not every CTA ran"
assert all(n == 0 for n in c0[16:]) and any(c0[:16]), c0
assert all(n == 0 for n in c1[:16]) and any(c1[16:]), c1
assert k0["cycles"] >= a[0]["cycles"], (k0["cycles"], a[0]["cycles"])
assert k1["cycles"] >= b[0]["cycles"], (k1["cycles"], b[0]["cycles"])
assert (k0["start_ps"], k1["start_ps"]) == (1000272, 1000818), (k0["start_ps"], k1["start_ps"])
print("621: together %d / %d cycles, alone %d / %d" % (k0["cycles"], k1["cycles"], a[0]["cycles"], b[0]["cycles"]))
PY
echo "621 ok"
