#!/usr/bin/env bash
# 354: the DMA engine on a die with CUs (timing only), and its timeline.
# While the bundled GEMM runs, a config descriptor copies 64 KiB into a
# region the tracker watches in two 32 KiB tiles; the tracker sees the
# engine's own writes arrive (as it sees a peer's updates), and each
# complete tile triggers a second copy onward: 3 descriptors done, 2
# triggers, 128 KiB moved. --timeline has a "tracker" track with one
# instant per trigger, and a slice per descriptor on "dma q<slot>" tracks
# that starts when the descriptor was accepted (0 for the config one, the
# trigger's time for the others) and ends when its last burst landed.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

"$LGSIM" run -c "$LG_ROOT/configs/lite-gpu.ini" -t "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" \
	-s dma.enable=true -s dma.descriptors=0x500000000:0x600000000:65536:copy \
	-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x600000000 \
	-s tracker.region_bytes=65536 -s tracker.tile_bytes=32768 -s tracker.peer_die=0 \
	-s tracker.dst_base=0x700000000 --timeline "$TMP/t.json" -o "$TMP/s.json" >"$TMP/out" 2>"$TMP/err" ||
	fail "run: $(cat "$TMP/err")"
grep -q '^dma  *3 of 3 descriptors done, 131072 bytes' "$TMP/out" || fail "summary: $(cat "$TMP/out")"
python3 - "$TMP/s.json" "$TMP/t.json" <<'PY' || fail "stats/timeline"
import json, sys
s = json.load(open(sys.argv[1]))
d = s["dies"][0]
assert d["dma"]["descriptors_done"] == 3 and d["dma"]["descriptors_from_triggers"] == 2, d["dma"]
assert d["tracker"]["triggers"] == 2, d["tracker"]
assert d["dma"]["rx"]["bytes_copied"] == 131072, d["dma"]
t = json.load(open(sys.argv[2]))["traceEvents"]
names = {e["tid"]: e["args"]["name"] for e in t if e.get("ph") == "M" and e.get("name") == "thread_name"}
trig = [e for e in t if e.get("cat") == "trigger"]
dma = sorted((e for e in t if e.get("cat") == "dma"), key=lambda e: e["ts"])
assert len(trig) == 2 and all(e["ph"] == "i" and names[e["tid"]] == "tracker" for e in trig), trig
assert len(dma) == 3 and all(e["ph"] == "X" and names[e["tid"]].startswith("dma q") for e in dma), dma
assert dma[0]["ts"] == 0 and dma[0]["name"].startswith("copy 65536 B 0x500000000"), dma[0]
assert [e["ts"] for e in dma[1:]] == [e["ts"] for e in trig], (dma, trig)
last = max(e["ts"] + e["dur"] for e in dma)
assert abs(last - d["dma"]["rx"]["last_landed_ns"] / 1000) < 1e-6, (last, d["dma"])
PY
[ $fails -eq 0 ] && echo "354: ok"
exit $((fails > 0))
