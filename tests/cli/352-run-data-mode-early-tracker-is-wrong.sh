#!/usr/bin/env bash
# 352: data-carrying mode (sim.data, docs/dma.md) on a DRAM-only die with
# the tracker driving the DMA engine. A timed trace writes two 4 KiB tiles,
# the first half of each at 100 ns and the second half at 5,000 ns. With
# the tracker expecting whole tiles the DMA moves each tile after its last
# write: the result equals the reference (data.match true, exit 0), for a
# copy and for a bf16 NMC reduction. A planted tracker expecting 2,048
# bytes fires after the first halves: the DMA carries bytes never written,
# so the run reports the wrong result (data.match false, mismatching bytes
# > 0, exit 3, one line on stderr) while its stats are still written.
# Config descriptors are checked the same way; reruns give identical stats
# (a die with CUs: test 355).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HBM3=$LG_ROOT/configs/hbm3.ini
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

for t in 0 1; do
	for half in 0 1; do
		for i in $(seq 0 63); do
			printf '%dns W 0x%x 32\n' $((100 + half * 4900)) $((0x10000 + t * 4096 + half * 2048 + i * 32))
		done
	done
done | sort -s -n -k1,1 >"$TMP/tiles.trace"

S=(-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x10000
   -s tracker.region_bytes=8192 -s tracker.tile_bytes=4096 -s tracker.peer_die=0
   -s tracker.dst_base=0x100000 -s dma.enable=true -s sim.data=true)

check() { # name expected-rc expected-match extra-args...
	local name=$1 want=$2 match=$3
	shift 3
	"$LGSIM" run -c "$HBM3" -t "$TMP/tiles.trace" "${S[@]}" "$@" -o "$TMP/$name.json" >"$TMP/$name.out" 2>"$TMP/$name.err"
	local rc=$?
	[ $rc -eq "$want" ] || { fail "$name: exit $rc, expected $want: $(cat "$TMP/$name.err")"; return; }
	python3 - "$TMP/$name.json" "$match" <<'PY' || fail "$name: stats"
import json, sys
s = json.load(open(sys.argv[1]))
want = sys.argv[2] == "true"
d = s["dies"][0]
assert s["data"] == d["data"], "top-level data is die 0's"
assert d["data"]["match"] is want, d["data"]
assert (d["data"]["mismatch_bytes"] == 0) == want, d["data"]
assert ("first_mismatch" in d["data"]) == (not want), d["data"]
dma = d["dma"]
assert dma["descriptors"] == 2 and dma["descriptors_done"] == 2, dma
assert dma["descriptors_from_triggers"] == 2, dma
assert dma["bytes_read"] == 8192 and dma["bytes_sent"] == 8192, dma
assert dma["rx"]["bursts"] == 256, dma
assert s["dram"]["classes"]["comm"]["requests"] == 512, s["dram"]["classes"]["comm"]
PY
}

check copy 0 true -s tracker.op=copy
check nmc 0 true -s tracker.op=nmc -s tracker.dtype=bf16
check early-copy 3 false -s tracker.op=copy -s tracker.expect_bytes=2048
check early-nmc 3 false -s tracker.op=nmc -s tracker.dtype=bf16 -s tracker.expect_bytes=2048
[ "$(wc -l <"$TMP/early-nmc.err")" -eq 1 ] && grep -q "data check failed" "$TMP/early-nmc.err" ||
	fail "early tracker: stderr is not one line: $(cat "$TMP/early-nmc.err")"
grep -q "^data .*MISMATCH" "$TMP/early-nmc.out" || fail "early tracker: summary lacks the mismatch"
grep -q "^data .*match" "$TMP/nmc.out" || fail "summary lacks the data line"
python3 -c "
import json, sys
n = json.load(open(sys.argv[1]))['dies'][0]['dma']['rx']
assert n['bytes_reduced'] == 8192 and n['bytes_copied'] == 0, n
" "$TMP/nmc.json" || fail "nmc run reduced no bytes"

# rerun: identical stats
"$LGSIM" run -c "$HBM3" -t "$TMP/tiles.trace" "${S[@]}" -s tracker.op=nmc -o "$TMP/again.json" >/dev/null 2>&1
python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for x in (a, b): del x['sim']['wall_seconds']
assert a == b
" "$TMP/nmc.json" "$TMP/again.json" || fail "rerun stats differ"

# config descriptors only (no tracker): a copy and a reduction of memory never written
"$LGSIM" run -c "$HBM3" -t "$TMP/tiles.trace" -s dma.enable=true -s sim.data=true \
	-s dma.descriptors=0x200000:0x300000:4096:copy,0x210000:0x310000:1000:nmc-fp16 \
	-o "$TMP/desc.json" >/dev/null 2>"$TMP/desc.err" || fail "descriptors: $(cat "$TMP/desc.err")"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))['dies'][0]
assert d['data']['match'] and d['dma']['descriptors_done'] == 2, d
assert d['dma']['bytes_read'] == 5096, d['dma']
" "$TMP/desc.json" || fail "descriptors: stats"
"$LGSIM" run -c "$HBM3" -t "$TMP/tiles.trace" -s dma.enable=true -s dma.descriptors=0x200010:0x300000:64:copy \
	>/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "dma.descriptors" "$TMP/err" && grep -q "aligned" "$TMP/err" || fail "unaligned descriptor: $(cat "$TMP/err")"

[ $fails -eq 0 ] && echo "352: ok"
exit $((fails > 0))
