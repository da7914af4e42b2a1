#!/usr/bin/env bash
# 304: `lgsim area` prints the committed yosys table converted with
# area.nand2_um2: um^2 = NAND2 equivalents x nand2_um2 (checked on one row).
set -euo pipefail
out=$("$LGSIM" area -s area.nand2_um2=2.0)
echo "$out"
row=$(awk '$1 == 64 && $2 == 4' <<<"$out")
[ -n "$row" ] || { echo "no 64x4 row" >&2; exit 1; }
ge=$(awk '{print $5}' <<<"$row")
um=$(awk '{print $6}' <<<"$row")
[ "$um" = "$((ge * 2))" ] || { echo "um^2 $um is not 2 x $ge" >&2; exit 1; }
grep -q "<- \[tracker\] entries x ports" <<<"$row"
