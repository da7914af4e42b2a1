#!/usr/bin/env bash
# Gate counts of the RTL blocks, cached by content (`make area`, `make area-full`).
#   rtl/area/area.sh [ROOT] [--full] [--check]
# For every block of rtl/area/blocks.tsv and each of its parameter sets
# (or the sets in $LG_AREA_SETS, e.g. "16x1 64x4"), synthesize with yosys:
# the light flow rtl/area/area_fast.ys by default, the full flow
# rtl/area/area.ys with --full. Results go to rtl/area/gates.tsv (read by
# `lgsim estimate`), one row per block, flow and set, with a key: the
# SHA-256 of the flow script, the yosys version, the block's row, the set
# and every source file's content. A row whose key still matches is not
# synthesized again, so a rerun without RTL changes costs nothing; rows
# whose key no longer matches (the RTL changed) are dropped.
# LG_AREA_NOCACHE=1 ignores the cache; LG_AREA_JOBS (default 2) yosys jobs
# run at a time. `lgsim area` prints the table. --check synthesizes nothing: it exits 1
# naming every default set whose cached row no longer matches the RTL (the
# committed gates.tsv is stale), 77 when the cache was made by another yosys
# version (keys cannot be compared), 0 when every row matches.
set -euo pipefail
ROOT=
FLOW=fast
CHECK=0
for a in "$@"; do
  case $a in
    --full) FLOW=full ;;
    --check) CHECK=1 ;;
    -*) echo "area.sh: unknown option $a (usage: area.sh [ROOT] [--full] [--check])" >&2; exit 2 ;;
    *) ROOT=$a ;;
  esac
done
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
command -v yosys >/dev/null || { echo "area.sh: yosys not found (scripts/install-deps.sh installs it)" >&2; exit 2; }
if [ "$FLOW" = full ]; then YS=rtl/area/area.ys; else YS=rtl/area/area_fast.ys; fi
BLOCKS=rtl/area/blocks.tsv
OUT=rtl/area/gates.tsv
JOBS=${LG_AREA_JOBS:-2}
YVER=$(yosys -V)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# key BLOCKROW SET FLOWSCRIPT: the cache key of one synthesis
key() {
  local row=$1 set=$2 ys=$3 srcs
  srcs=$(cut -f3 <<<"$row" | tr ',' ' ')
  { cat "$ys"; echo "$YVER"; echo "$row"; echo "$set"; for s in $srcs; do cat "$s"; done; } |
    sha256sum | cut -c1-16
}

# params NAMES SET: "ENTRIES=16,PORTS=1" from "ENTRIES,PORTS" and "16x1"
params() {
  paste -d= <(tr ',' '\n' <<<"$1") <(tr 'x' '\n' <<<"$2") | paste -sd,
}

# synth JOB BLOCKROW SET: run yosys, leave $tmp/JOB.log
synth() {
  local job=$1 row=$2 set=$3 top srcs names chp=""
  top=$(cut -f2 <<<"$row"); srcs=$(cut -f3 <<<"$row" | tr ',' ' '); names=$(cut -f4 <<<"$row")
  while IFS== read -r n v; do chp="$chp -chparam $n $v"; done < <(params "$names" "$set" | tr ',' '\n')
  sed "s|@SOURCES@|$srcs|; s|@TOP@|$top|g; s|@CHPARAM@|$chp|" "$YS" > "$tmp/$job.ys"
  if ! yosys -q -l "$tmp/$job.log" -s "$tmp/$job.ys" > /dev/null 2>&1; then
    echo "area.sh: yosys failed for $job, log tail:" >&2; tail -5 "$tmp/$job.log" >&2; return 1
  fi
}

# result JOB: "cells flops nand2_eq" from a yosys log (the top's totals)
result() {
  local log=$tmp/$1.log part
  if grep -q '=== design hierarchy ===' "$log"; then
    part=$(awk '/=== design hierarchy ===/ {h = 1} h' "$log")
  else
    part=$(awk '/Printing statistics/ {h = 1} h' "$log")
  fi
  awk '/Number of cells:/ {c = $NF} $1 == "DFFR" {f = $2}
       /Chip area for (top )?module/ {a = $NF}
       END {printf "%d\t%d\t%.0f\n", c, f, a}' <<<"$part"
}

# Which syntheses are needed.
: > "$tmp/keep"; : > "$tmp/todo"
while IFS=$'\t' read -r block top srcs names sets; do
  [[ -z "$block" || "$block" == \#* ]] && continue
  row=$(printf '%s\t%s\t%s\t%s\t%s' "$block" "$top" "$srcs" "$names" "$sets")
  for s in ${LG_AREA_SETS:-$sets}; do
    k=$(key "$row" "$s" "$YS")
    if [ "${LG_AREA_NOCACHE:-0}" != 1 ] && [ -f "$OUT" ] &&
       awk -F'\t' -v k="$k" '$7 == k {f = 1} END {exit !f}' "$OUT"; then
      echo "cached  $block $FLOW $s"
    else
      printf '%s\t%s\t%s\n' "$block" "$s" "$k" >> "$tmp/todo"
    fi
  done
done < "$BLOCKS"
if [ "$CHECK" = 1 ]; then
  if ! head -1 "$OUT" | grep -qF "yosys ${YVER#Yosys };"; then
    echo "area.sh: $OUT was made by another yosys version than ${YVER#Yosys }: keys not comparable"
    exit 77
  fi
  if [ -s "$tmp/todo" ]; then
    while IFS=$'\t' read -r block s k; do
      echo "area.sh: $OUT: no row for $block $FLOW $s with key $k (the RTL changed: run make area)"
    done < "$tmp/todo"
    exit 1
  fi
  echo "area.sh: every $FLOW row of $OUT matches the RTL"
  exit 0
fi
# Rows of earlier runs stay while their key still matches the block's RTL
# and their flow script; the others are stale and dropped.
if [ -f "$OUT" ]; then
  while IFS=$'\t' read -r block flow par cells flops ge k; do
    [[ -z "$block" || "$block" == \#* ]] && continue
    row=$(awk -F'\t' -v b="$block" '$1 == b' "$BLOCKS")
    [ -n "$row" ] || continue
    fys=rtl/area/area.ys; [ "$flow" = fast ] && fys=rtl/area/area_fast.ys
    s=$(tr ',' '\n' <<<"$par" | cut -d= -f2 | paste -sd x)
    [ "$(key "$row" "$s" "$fys")" = "$k" ] &&
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$block" "$flow" "$par" "$cells" "$flops" "$ge" "$k" >> "$tmp/keep"
  done < "$OUT"
fi

# Run the needed syntheses, JOBS at a time.
pids=()
while IFS=$'\t' read -r block s k; do
  row=$(awk -F'\t' -v b="$block" '$1 == b' "$BLOCKS")
  echo "synth   $block $FLOW $s"
  synth "$block-$s" "$row" "$s" & pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done < "$tmp/todo"
for p in "${pids[@]}"; do wait "$p"; done

# Merge: new rows replace kept rows of the same block, flow and set.
: > "$tmp/new"
while IFS=$'\t' read -r block s k; do
  names=$(awk -F'\t' -v b="$block" '$1 == b {print $4}' "$BLOCKS")
  printf '%s\t%s\t%s\t%s\t%s\n' "$block" "$FLOW" "$(params "$names" "$s")" "$(result "$block-$s")" "$k" >> "$tmp/new"
done < "$tmp/todo"
{
  echo "# block	flow	params	cells	flops	nand2_eq	key   (rtl/area/area.sh; yosys ${YVER#Yosys }; lg_ge.lib NAND2 = 1.0)"
  awk -F'\t' 'NR == FNR {n[$1 FS $2 FS $3] = 1; print; next} !n[$1 FS $2 FS $3]' "$tmp/new" "$tmp/keep" |
    sort -t$'\t' -k1,1 -k2,2 -k3,3V
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"

echo
echo "| block | flow | parameters | cells | flops | NAND2 eq. (GE) |"
echo "|---|---|---|---:|---:|---:|"
awk -F'\t' '!/^#/ {printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$OUT"
