#!/usr/bin/env bash
# 623: a streaming-load kernel on configs/lite-gpu.ini reaches >= 85 % of
# the DRAM bandwidth the same controller reaches on a DRAM-only streaming
# trace (docs/validation.md, "Streaming-load kernel"). The kernel's
# bandwidth is its DRAM bytes over its own time (first CTA to last CTA:
# the launch latency is not in it); the reference is `lgsim run` on
# `gen_dram_trace stream` with die.cus = 0 (the same controller, fed by
# the replay front). Fails if an L2 slice's full DRAM queue holds back its
# requests for the other units again (47 % before the per-unit offers).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LITE=$LG_ROOT/configs/lite-gpu.ini
. "$LG_ROOT/tests/cli/lib/dram-stream-ref.sh"
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

ref=$(dram_stream_ref "$LITE" "$TMP") || { echo "FAIL DRAM-only reference run"; exit 1; }
"$LGSIM" trace gen stream --op read --bytes 16M --ctas 256 --warps 8 -o "$TMP/k.lgt" || fail "gen stream"
"$LGSIM" run -c "$LITE" -t "$TMP/k.lgt" -o "$TMP/k.json" >/dev/null 2>&1 || fail "kernel run"
python3 - "$TMP/k.json" "$ref" <<'PY' || fail "streaming kernel bandwidth"
import json, sys
d = json.load(open(sys.argv[1]))["dies"][0]
ref = float(sys.argv[2])
k = d["kernels"][0]
b = d["dram_traffic"]["bus_bytes"]
assert b == 16 << 20, b  # every byte read once, nothing written
gbps = b / ((k["end_ps"] - k["start_ps"]) / 1000.0)
print("streaming kernel %.1f GB/s, DRAM-only stream %.1f GB/s: %.1f %%" % (gbps, ref, 100 * gbps / ref))
assert gbps >= 0.85 * ref
PY

[ "$fails" -eq 0 ] || exit 1
echo "623 ok"
