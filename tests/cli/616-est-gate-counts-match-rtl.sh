#!/usr/bin/env bash
# 616: the committed gate counts (rtl/area/gates.tsv, read by `lgsim
# estimate` and the run stats' area_mm2) were synthesized from the RTL as it
# is now: `rtl/area/area.sh --check` recomputes every default set's cache
# key from the RTL sources and the flow script, without synthesizing, and
# fails naming each set whose row is stale (the RTL changed and `make area`
# was not rerun). Exit 77 (skipped) without yosys or when the table was made
# by another yosys version, whose keys cannot be compared.
set -uo pipefail
command -v yosys > /dev/null || { echo "SKIPPED: yosys not found"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a copy of the tree's area inputs, so that the check never rewrites the tree
mkdir -p "$TMP/rtl"
cp -r "$LG_ROOT/rtl/." "$TMP/rtl/"
bash "$TMP/rtl/area/area.sh" "$TMP" --check > "$TMP/out" 2>&1
rc=$?
grep -v '^cached ' "$TMP/out"
exit $rc
