#!/usr/bin/env bash
# 355: data-carrying mode (sim.data, docs/dma.md) on a die with CUs
# (configs/lite-gpu.ini) running the bundled bf16 GEMM (C = 512 KiB at
# 0x300000000). Alone, C leaves the write-back L2 at the end-of-run flush
# and memory equals the reference built from the kernel's stores (exit 0).
# As the one-die T3 scenario (the tracker on C in 16 tiles of 32 KiB, each
# reduced by the DMA engine, bf16 NMC, into 0x400000000) the L2 writes C
# through (docs/l2.md, "Written-through ranges"): l2.wt_writes = 16,384 =
# 512 KiB / 32 B (each 32 B sector of C is stored once and lite-gpu's DRAM
# request is 32 B), no write-backs, and the result matches its reference
# bit for bit under blind, prio, wrr and mca, every tile reduced. A tracker
# planted to fire after 1 KiB of each tile (tracker.expect_bytes = 1024)
# makes the engine read parts of tiles not yet written: data.match false,
# exit 3. A rerun gives identical stats.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
RUN=("$LGSIM" run -c "$LG_ROOT/configs/lite-gpu.ini" -t "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" -s sim.data=true)
T3=(-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x300000000
    -s tracker.region_bytes=524288 -s tracker.tile_bytes=32768 -s tracker.peer_die=0
    -s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 -s dma.enable=true)

"${RUN[@]}" -o "$TMP/alone.json" >/dev/null 2>"$TMP/err" || fail "alone: exit $?: $(cat "$TMP/err")"
python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s['data']['match'] and s['data']['bytes_compared'] == 524288, s['data']
l2 = s['dies'][0]['l2']
assert l2['wt_writes'] == 0 and l2['flush_writebacks'] > 0, l2
" "$TMP/alone.json" || fail "alone: stats"

for p in blind prio wrr mca; do
	"${RUN[@]}" "${T3[@]}" -s mc.class_policy=$p -o "$TMP/$p.json" >/dev/null 2>"$TMP/err" ||
		{ fail "$p: exit $?: $(cat "$TMP/err")"; continue; }
	python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s['data']['match'] and s['data']['mismatch_bytes'] == 0, s['data']
assert s['data']['bytes_compared'] == 2 * 524288, s['data']
d = s['dies'][0]
assert d['l2']['wt_writes'] == 16384 and d['l2']['writebacks'] == 0, d['l2']
assert d['dma']['descriptors_done'] == 16 and d['dma']['rx']['bytes_reduced'] == 524288, d['dma']
" "$TMP/$p.json" || fail "$p: stats"
done

"${RUN[@]}" "${T3[@]}" -s tracker.expect_bytes=1024 -o "$TMP/early.json" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))['data']
assert not d['match'] and d['mismatch_bytes'] > 0, d
" "$TMP/early.json" || fail "early tracker: exit $rc, $(cat "$TMP/err")"

"${RUN[@]}" "${T3[@]}" -s mc.class_policy=mca -o "$TMP/again.json" >/dev/null 2>&1 || fail "rerun"
python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for x in (a, b): del x['sim']['wall_seconds']
assert a == b, 'stats differ'
" "$TMP/mca.json" "$TMP/again.json" || fail "rerun: stats differ"

[ $fails -eq 0 ] && echo "355: ok"
exit $((fails > 0))
