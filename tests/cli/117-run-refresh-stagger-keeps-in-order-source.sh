#!/usr/bin/env bash
# 117: the refresh stagger does not starve an in-order source. With
# sim.staging_depth=1 the replay waits whenever the unit of its next
# request is full, so it stalls while any of the 32 pseudo-channels of the
# HBM3 preset (16 channels) is refreshing. RANK_LEVEL_STAGGERED spreads
# the units' REFab over one tRFC (unit u of n first at tREFI + u tRFC / n,
# docs/dram.md "Refresh"), so the run must reach at least 90% of the
# bandwidth with RANK_LEVEL_SIMULTANEOUS (measured 96.6% on random reads;
# the stagger over a whole tREFI gave 42%). The command log must show the
# stagger: the first REFab of the 32 units at 32 distinct cycles, all
# within one tRFC (910 tCK) of the first.
set -uo pipefail
GEN=$LG_BUILD/bench/gen_dram_trace
CFG=$LG_ROOT/configs/hbm3.ini
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$GEN" random -n 40000 -c 16 --channel-mb 1024 -o "$TMP/r.trace" || exit 1
bw() { # policy -> GB/s
  "$LGSIM" run -c "$CFG" -s sim.staging_depth=1 -s system.refresh_policy="$1" \
    -t "$TMP/r.trace" -o "$TMP/$1.json" --cmdlog "$TMP/$1.log" >/dev/null || exit 1
  grep -m1 '"bandwidth_GBps"' "$TMP/$1.json" | tr -dc '0-9.'
}
st=$(bw RANK_LEVEL_STAGGERED)
si=$(bw RANK_LEVEL_SIMULTANEOUS)
awk -v a="$st" -v b="$si" 'BEGIN { exit !(a >= 0.9 * b) }' ||
  { echo "FAIL staggered $st GB/s < 90% of simultaneous $si GB/s"; exit 1; }
# first REFab per (channel, pseudo-channel): cycles distinct, span < tRFC
awk '$6 == "REFab" && !seen[$2 " " $3]++ { print $1 }' "$TMP/RANK_LEVEL_STAGGERED.log" | sort -n >"$TMP/first"
n=$(wc -l <"$TMP/first"); d=$(sort -u "$TMP/first" | wc -l)
span=$(( $(tail -1 "$TMP/first") - $(head -1 "$TMP/first") ))
[ "$n" -eq 32 ] && [ "$d" -eq 32 ] && [ "$span" -lt 910 ] ||
  { echo "FAIL first REFab: $n units, $d distinct cycles, span $span tCK"; exit 1; }
echo "ok   staggered $st GB/s, simultaneous $si GB/s; first REFab over $span tCK"
