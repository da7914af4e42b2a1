#!/usr/bin/env bash
# 620: `lgsim run` on a die with CUs (configs/lite-gpu.ini) runs a kernel
# trace: the bundled GEMM prints cycles, achieved TFLOP/s and DRAM GB/s,
# writes stats with the compute keys under dies[0] and a timeline that
# parses as JSON and holds kernel and CTA slices; the Accel-Sim traces run
# to completion from their kernelslist.g; a DRAM trace on a die with CUs
# is a one-line error (exit 2), while a kernel trace on a DRAM-only die is
# replayed memory-only (its global accesses as DRAM requests); the
# H100 preset (five stacks) runs; reruns give identical stats.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LITE=$LG_ROOT/configs/lite-gpu.ini
GEMM=$LG_ROOT/traces/gemm_bf16_512x512x256.lgt
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

"$LGSIM" run -c "$LITE" -t "$GEMM" -o "$TMP/s.json" --timeline "$TMP/t.json" >"$TMP/out" 2>"$TMP/err" ||
	fail "gemm run: $(cat "$TMP/err")"
for w in '^cycles ' 'TFLOP/s bf16' '^DRAM bandwidth .* GB/s'; do
	grep -q "$w" "$TMP/out" || fail "gemm summary lacks '$w'"
done
python3 - "$TMP/s.json" "$TMP/t.json" <<'PY' || fail "stats/timeline content"
import json, sys
s = json.load(open(sys.argv[1]))
d = s["dies"][0]
for k in ("cycles", "kernels", "tflops", "warp_stalls", "l1_hit_rate", "l2_hit_rate", "xbar", "dram_traffic", "channels"):
    assert k in d, k
k = d["kernels"][0]
# 512 x 512 x 256 bf16 GEMM: 2 x 512 x 512 x 256 = 134,217,728 MMA FLOPs
assert k["mma_flops"]["bf16"] == 2 * 512 * 512 * 256, k["mma_flops"]
assert k["end_ps"] > k["start_ps"] and d["cycles"] > 0
assert d["dram_traffic"]["bus_bytes"] > 0
t = json.load(open(sys.argv[2]))
cats = [e.get("cat") for e in t["traceEvents"] if e.get("ph") == "X"]
assert "kernel" in cats and "cta" in cats, set(cats)
assert any(e.get("ph") == "C" for e in t["traceEvents"])
PY
python3 -m json.tool "$TMP/t.json" >/dev/null || fail "timeline is not JSON"

"$LGSIM" run -c "$LITE" -t "$GEMM" -o "$TMP/s2.json" --timeline "$TMP/t2.json" >/dev/null 2>&1
python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for x in (a, b): del x['sim']['wall_seconds']
assert a == b
" "$TMP/s.json" "$TMP/s2.json" && cmp -s "$TMP/t.json" "$TMP/t2.json" || fail "rerun stats or timeline differ"

"$LGSIM" run -c "$LITE" -t "$LG_ROOT/tests/data/accelsim/kernelslist.g" >"$TMP/out" 2>"$TMP/err" &&
	grep -q '3 kernels' "$TMP/out" || fail "accelsim kernelslist.g: $(cat "$TMP/err")"
"$LGSIM" run -c "$LITE" -t "$LG_ROOT/tests/data/accelsim/old/kernelslist.g" >"$TMP/out" 2>"$TMP/err" ||
	fail "accelsim old/kernelslist.g: $(cat "$TMP/err")"

"$LGSIM" run -c "$LITE" -t "$LG_ROOT/traces/stream_1ch.trace.gz" >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "not a kernel trace" "$TMP/err" ||
	fail "DRAM trace on a CU die: $(cat "$TMP/err")"
"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -t "$GEMM" >"$TMP/out" 2>"$TMP/err" &&
	grep -q "^requests " "$TMP/out" ||
	fail "kernel trace on a DRAM-only die (memory-only replay): $(cat "$TMP/err")"

"$LGSIM" run -c "$LG_ROOT/configs/h100.ini" -t "$GEMM" -o "$TMP/h.json" >/dev/null 2>"$TMP/err" ||
	fail "h100 preset: $(cat "$TMP/err")"
[ -s "$TMP/h.json" ] && python3 -c "
import json,sys; d=json.load(open('$TMP/h.json'))['dies'][0]
assert d['mem_stacks'] == 5 and len(d['channels']) == 160 and len({c['stack'] for c in d['channels']}) == 5
assert all(c['requests'] > 0 for c in d['channels'][::32]), 'a stack got no requests'
" || fail "h100 stacks"

[ $fails -eq 0 ] || { echo "$fails case(s) failed"; exit 1; }
echo "620 ok"
