#!/usr/bin/env bash
# 305: `lgsim run` with [tracker] observe = true attaches the tracker C model
# to the writes the memory controller accepts; --tracker-trace records its
# inputs, and `lgsim cosim tracker --trace` replays that recording against
# the RTL in lockstep with zero mismatches and the same counters.
#
# Why the numbers are right (hand calculation):
#  A. Text trace, 1 channel, region 0x1000..0x10ff in 2 tiles of 128 B.
#     Writes: 0x1000 64 B, 0x1040 32 B, 0x1060 32 B (two half-burst
#     writes: 32 B each counted, not the 64 B burst), 0x1080 128 B (one
#     record, two 64 B bursts), 0x2000 64 B (outside: a miss).
#     Tile 0 gets 64 + 32 + 32 = 128 B -> trigger; tile 1 gets 128 B ->
#     trigger. 6 writes observed, 1 miss, 2 triggers, 0 untriggered.
#     The writes come at cycle 4: a write is observed in the cycle the
#     controller accepts it, and the two tiles' programs are taken at the
#     edges of cycles 0 and 1, so a write at cycle 0 would miss tile 0.
#  B. traces/gemm_bf16_512x512x256.lgt writes C = 512 x 512 bf16 = 512 KiB
#     at 0x300000000 exactly once, as 32 B sectors: 16,384 writes
#     (bytes.global.st 524,288 / 32). Tracking C in 32 KiB tiles (16 tiles,
#     16 entries, 1 channel) or 8 KiB tiles (64 tiles, 64 entries x 4 ports,
#     4 channels): every tile is programmed before any write (programs are
#     taken one per cycle from cycle 0; the first C write is accepted after
#     more than 1,800 cycles of A/B loads), so every tile triggers, and no write misses.
#  C. Undersized table: 16 entries for 128 tiles of 4 KiB. Invariants, not
#     exact counts (they depend on write order): triggers + untriggered =
#     128; a triggered tile took exactly its 4096 / 32 = 128 writes, an
#     armed one at most 127, so 16384 - 128 * programs <= misses <=
#     16384 - 128 * triggers; a program beyond the first 16 needs a freed
#     entry: programs <= 16 + triggers. And the replay agrees.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RUN=("$LGSIM" run -c "$LG_ROOT/configs/hbm2.ini" -s tracker.observe=true)

# field NAME FILE -> value of tracker.NAME in a stats JSON
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[2]))['tracker'][sys.argv[1]])" "$1" "$2"; }
# counter NAME TEXT -> value of a cosim coverage counter
counter() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
expect() { [ "$2" = "$3" ] || { echo "FAIL $1: got $2, expected $3" >&2; exit 1; }; }

# replay FILE ENTRIES PORTS JSON: lockstep replay agrees with the run
replay() {
	local out
	out=$("$LGSIM" cosim tracker --entries "$2" --ports "$3" --trace "$1" --cycles 100000000)
	grep -q "RESULT: 0 mismatches" <<<"$out" || { echo "$out" >&2; echo "FAIL replay $1" >&2; exit 1; }
	expect "replay fires" "$(counter fires "$out")" "$(field triggers "$4")"
	expect "replay observed" "$(counter observed "$out")" "$(field writes_observed "$4")"
	expect "replay misses" "$(counter misses "$out")" "$(field misses "$4")"
	expect "replay programs" "$(counter programs "$out")" "$(field programs "$4")"
}

# A: partial-burst writes count their own bytes
cat > "$tmp/a.trace" <<'T'
4 W 0x1000 64
4 W 0x1040 32
4 W 0x1060 32
4 W 0x1080 128
4 W 0x2000 64
T
"${RUN[@]}" -s system.channels=1 -s tracker.entries=16 -s tracker.ports=1 \
	-s tracker.region_base=0x1000 -s tracker.region_bytes=256 -s tracker.tile_bytes=128 \
	-t "$tmp/a.trace" -o "$tmp/a.json" --tracker-trace "$tmp/a.trk" > /dev/null
expect "A triggers" "$(field triggers "$tmp/a.json")" 2
expect "A observed" "$(field writes_observed "$tmp/a.json")" 6
expect "A misses" "$(field misses "$tmp/a.json")" 1
expect "A untriggered" "$(field tiles_not_triggered "$tmp/a.json")" 0
grep -q "^# replay: lgsim cosim tracker --entries 16 --ports 1" "$tmp/a.trk"
replay "$tmp/a.trk" 16 1 "$tmp/a.json"

# B: the bundled GEMM trace, 1 channel (16 x 1) and 4 channels (64 x 4)
GEMM=(-t "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" -s tracker.region_base=0x300000000
      -s tracker.region_bytes=524288)
"${RUN[@]}" "${GEMM[@]}" -s system.channels=1 -s tracker.entries=16 -s tracker.ports=1 \
	-s tracker.tile_bytes=32768 -o "$tmp/b1.json" --tracker-trace "$tmp/b1.trk" > /dev/null
"${RUN[@]}" "${GEMM[@]}" -s system.channels=4 -s tracker.entries=64 -s tracker.ports=4 \
	-s tracker.tile_bytes=8192 -o "$tmp/b4.json" --tracker-trace "$tmp/b4.trk" > /dev/null
for c in "b1 16" "b4 64"; do
	read -r n tiles <<<"$c"
	expect "$n triggers" "$(field triggers "$tmp/$n.json")" "$tiles"
	expect "$n observed" "$(field writes_observed "$tmp/$n.json")" 16384
	expect "$n misses" "$(field misses "$tmp/$n.json")" 0
done
awk '!/^#/ && $2 != "P" && $2 > 3 {bad = 1} END {exit bad}' "$tmp/b4.trk"
awk '!/^#/ && $2 != "P" && $2 == 3 {n++} END {exit !(n > 0)}' "$tmp/b4.trk" # all 4 ports used
replay "$tmp/b1.trk" 16 1 "$tmp/b1.json"
replay "$tmp/b4.trk" 64 4 "$tmp/b4.json"

# C: an undersized table leaves tiles untriggered, and says so
"${RUN[@]}" "${GEMM[@]}" -s system.channels=1 -s tracker.entries=16 -s tracker.ports=1 \
	-s tracker.tile_bytes=4096 -o "$tmp/c.json" --tracker-trace "$tmp/c.trk" > /dev/null
trig=$(field triggers "$tmp/c.json"); progs=$(field programs "$tmp/c.json")
miss=$(field misses "$tmp/c.json"); untrig=$(field tiles_not_triggered "$tmp/c.json")
expect "C tiles" $((trig + untrig)) 128
[ "$untrig" -gt 0 ] && [ "$progs" -le $((16 + trig)) ] &&
	[ "$miss" -ge $((16384 - 128 * progs)) ] && [ "$miss" -le $((16384 - 128 * trig)) ] ||
	{ echo "FAIL C invariants: triggers $trig programs $progs misses $miss untriggered $untrig" >&2; exit 1; }
replay "$tmp/c.trk" 16 1 "$tmp/c.json"

# D: bad [tracker] settings are one line naming the key, exit 2, no outputs
bad() {
	local want=$1; shift
	set +e
	"$@" -o "$tmp/bad.json" 2> "$tmp/err" > /dev/null
	local rc=$?
	set -e
	[ $rc -eq 2 ] || { echo "FAIL: expected exit 2, got $rc for $*" >&2; exit 1; }
	[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q -- "$want" "$tmp/err" ||
		{ echo "FAIL: expected '$want' in:" >&2; cat "$tmp/err" >&2; exit 1; }
	[ ! -e "$tmp/bad.json" ] && [ ! -e "$tmp/bad.trk" ] && [ ! -e "$tmp/bad.trk.tmp" ]
}
bad "tracker.region_bytes: expected the size" "${RUN[@]}" -t "$tmp/a.trace" -s system.channels=1 \
	-s tracker.ports=1 --tracker-trace "$tmp/bad.trk"
bad "tracker.ports: expected at least 8 observe ports" "${RUN[@]}" -t "$tmp/a.trace" \
	-s tracker.region_bytes=256
bad "tracker.tile_bytes: expected at most 2^count_width - 1 = 65535" "${RUN[@]}" -t "$tmp/a.trace" \
	-s system.channels=1 -s tracker.ports=1 -s tracker.region_bytes=1048576 -s tracker.tile_bytes=65536
bad "tracker-trace needs tracker.observe = true" "$LGSIM" run -c "$LG_ROOT/configs/hbm2.ini" \
	-t "$tmp/a.trace" --tracker-trace "$tmp/bad.trk"
echo "305 ok"
