#!/usr/bin/env bash
# 626: two kernels on two streams that may both use every CU
# (configs/lite-gpu.ini, no stream.cu_masks). Stream 0's reader meets
# stream 1's kernel header while it reads (the scout never runs: stream 0
# claims every CU), so the second stream is found in the middle of
# reading the first; both kernels must finish with every CTA run, none
# before the launch at 1,000 ns. One CTA starts per core cycle (546 ps):
# stream 0's reader meets the second header when it stages the first
# kernel's 64th CTA, in the cycle its 63rd starts, so the second kernel
# starts at least 63 cycles after the first.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/lite-gpu.ini
. "$LG_ROOT/tests/cli/lib/two-streams.sh"

two_streams "$TMP" || { echo "FAIL gen"; exit 1; }

"$LGSIM" run -c "$CFG" -t "$TMP/two.txt" -o "$TMP/both.json" >/dev/null 2>"$TMP/err" ||
	{ echo "FAIL two kernels (status $?): $(cat "$TMP/err")"; exit 1; }
python3 - "$TMP/both.json" <<'PY' || exit 1
import json, sys
k0, k1 = json.load(open(sys.argv[1]))["dies"][0]["kernels"]
assert (k0["stream"], k1["stream"]) == (0, 1), (k0["stream"], k1["stream"])
for k in (k0, k1):
    assert k["ctas"] == 64 and sum(k["ctas_per_cu"]) == 64, k["ctas_per_cu"]
    assert k["start_ps"] >= 1000000 and k["end_ps"] > k["start_ps"], (k["start_ps"], k["end_ps"])
assert k1["start_ps"] >= k0["start_ps"] + 63 * 546, (k0["start_ps"], k1["start_ps"])
print("626: start %d / %d ps, end %d / %d ps" % (k0["start_ps"], k1["start_ps"], k0["end_ps"], k1["end_ps"]))
PY
echo "626 ok"
