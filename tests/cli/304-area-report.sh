#!/usr/bin/env bash
# 304: `lgsim area` prints the committed gate-count table (rtl/area/gates.tsv,
# kept in step with the RTL by test 616) converted with area.nand2_um2:
# um^2 = NAND2 equivalents x nand2_um2 (checked on every row), the config's
# tracker set marked, the class arbiter listed; a table it cannot read is
# refused with one line and exit 2.
set -euo pipefail
out=$("$LGSIM" area -s area.nand2_um2=2.0 -s tracker.entries=64 -s tracker.ports=4)
echo "$out"
awk 'NR > 2 { if ($7 != 2 * $6) { print "um^2 " $7 " is not 2 x " $6 " in: " $0; bad = 1 } }
     END { exit bad }' <<<"$out"
row=$(awk '$1 == "tracker" && $3 == "ENTRIES=64,PORTS=4"' <<<"$out")
[ -n "$row" ] || { echo "no tracker 64x4 row" >&2; exit 1; }
grep -q "<- \[tracker\] entries x ports" <<<"$row"
[ "$(grep -c '<- \[tracker\]' <<<"$out")" -eq 1 ] || { echo "not exactly one marked row" >&2; exit 1; }
[ "$(awk '$1 == "arb"' <<<"$out" | wc -l)" -ge 1 ] || { echo "no arbiter row" >&2; exit 1; }
# the marked row's GE are the committed ones
ge=$(awk -F'\t' '$1 == "tracker" && $3 == "ENTRIES=64,PORTS=4" {print $6}' "$LG_ROOT/rtl/area/gates.tsv" | head -1)
[ "$(awk '{print $6}' <<<"$row")" = "$ge" ] || { echo "GE differ from gates.tsv ($ge)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "tracker fast" > "$tmp/bad.tsv"
rc=0; "$LGSIM" area --gates "$tmp/bad.tsv" 2>"$tmp/err" >/dev/null || rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] || { echo "bad table: rc $rc" >&2; cat "$tmp/err" >&2; exit 1; }
echo "304 ok"
