#!/usr/bin/env bash
# 353: the one-die T3 scenario (docs/arbitration.md): a GEMM's tiles,
# tracked as they are written, reduced by the DMA engine (bf16 NMC) into a
# peer region, in data-carrying mode under each class policy (blind, prio,
# wrr, mca), on a die with CUs (a 128-CTA GEMM, 128 tiles) and on a
# DRAM-only die. Every run must match its reference bit for bit (the script
# exits 1 otherwise: 8 matches); and on the DRAM-only die the timing run
# under each policy must complete
# every tile: 16 descriptors done, 512 KiB reduced. With a tracker planted
# to fire after 1 KiB of each 32 KiB tile the same data run reports a
# wrong result (exit 3): the engine reads parts of a tile the GEMM has not
# written yet. The command logs under blind and mca are JEDEC-clean
# (lgcheck: 0 violations).
set -uo pipefail
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

LGSIM=$LGSIM "$LG_ROOT/scripts/t3_one_die.sh" --check "$LG_BUILD" >"$TMP/out" 2>&1 || fail "data check: $(cat "$TMP/out")"
[ "$(grep -c '^cu .*: data match$' "$TMP/out")" -eq 4 ] && [ "$(grep -c '^dram .*: data match$' "$TMP/out")" -eq 4 ] ||
	fail "expected 4 matching policies on each die: $(cat "$TMP/out")"

for p in blind prio wrr mca; do
	"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -t "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" \
		-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x300000000 \
		-s tracker.region_bytes=524288 -s tracker.tile_bytes=32768 -s tracker.peer_die=0 \
		-s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 -s dma.enable=true \
		-s mc.class_policy=$p -o "$TMP/$p.json" --cmdlog "$TMP/$p.log" >/dev/null 2>"$TMP/err" ||
		{ fail "$p: $(cat "$TMP/err")"; continue; }
	case $p in blind | mca)
		out=$("${LGCHECK:-$LG_BUILD/lgcheck}" -c "$LG_ROOT/configs/hbm3.ini" "$TMP/$p.log" 2>&1 | tail -1)
		[[ $out == *" 0 violations" ]] || fail "$p: lgcheck: $out" ;;
	esac
	python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
d = s['dies'][0]['dma']
assert d['descriptors_done'] == 16 and d['descriptors_from_triggers'] == 16, d
assert d['rx']['bytes_reduced'] == 524288, d['rx']
assert s['dram']['nmc']['bytes']['bf16'] == 524288, s['dram']['nmc']
assert s['dram']['classes']['comm']['bytes'] == 2 * 524288, s['dram']['classes']['comm']
" "$TMP/$p.json" || fail "$p: stats"
done

"$LGSIM" run -c "$LG_ROOT/configs/hbm3.ini" -t "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" \
	-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x300000000 \
	-s tracker.region_bytes=524288 -s tracker.tile_bytes=32768 -s tracker.peer_die=0 \
	-s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 -s dma.enable=true \
	-s sim.data=true -s tracker.expect_bytes=1024 -o "$TMP/early.json" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] && python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))['data']
assert not d['match'] and d['mismatch_bytes'] > 0, d
" "$TMP/early.json" || fail "early tracker on the GEMM: exit $rc, $(cat "$TMP/err")"

[ $fails -eq 0 ] && echo "353: ok"
exit $((fails > 0))
