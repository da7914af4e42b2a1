#!/usr/bin/env bash
# 512: the same requests written in each trace format, plain and gzip, give
# identical stats from `lgsim run` (all but the wall time and the trace file
# names). lgsim lines at time 0 and dramsim3 lines at cycle 0 are both "issue
# as fast as accepted", which is what the untimed Ramulator format means, so
# the three must replay identically. Also pins --format on a file whose
# first line would probe as another format.
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
GEN=$LG_BUILD/bench/gen_dram_trace
CFG=$LG_ROOT/configs/hbm2.ini

"$GEN" mix -n 3000 -c 1 -o "$TMP/t.lgsim"
awk '{ print $3, ($2 == "W" ? "WRITE" : "READ"), $1 }' "$TMP/t.lgsim" >"$TMP/t.ds3"
awk '{ print ($2 == "W" ? "ST" : "LD"), $3 }' "$TMP/t.lgsim" >"$TMP/t.ram"
for f in lgsim ds3 ram; do gzip -c "$TMP/t.$f" >"$TMP/t.$f.gz"; done

# stats T [extra args] -> stats without the lines that may differ
stats() {
  local t=$1; shift
  "$LGSIM" run -c "$CFG" -s system.channels=1 -t "$t" "$@" -o "$TMP/s.json" >/dev/null
  grep -v -e wall_seconds -e "$TMP" "$TMP/s.json"
}

stats "$TMP/t.lgsim" >"$TMP/ref"
grep -q '"requests": 3000,' "$TMP/ref" || { echo "reference run lacks 3000 requests" >&2; cat "$TMP/ref" >&2; exit 1; }
for t in t.lgsim.gz t.ds3 t.ds3.gz t.ram t.ram.gz; do
  stats "$TMP/$t" >"$TMP/got"
  diff -u "$TMP/ref" "$TMP/got" >&2 || { echo "$t: stats differ from t.lgsim" >&2; exit 1; }
done
# forced format, same result
stats "$TMP/t.ram" --format ramulator >"$TMP/got"
diff -u "$TMP/ref" "$TMP/got" >&2
# a time gap changes the result (so the comparison above can fail)
awk 'NR == 1500 { $1 = 100000 } NR > 1500 { $1 = 100000 } { print }' "$TMP/t.lgsim" >"$TMP/gap.lgsim"
stats "$TMP/gap.lgsim" >"$TMP/got"
if diff -q "$TMP/ref" "$TMP/got" >/dev/null; then
  echo "a 100000-cycle gap did not change the stats" >&2; exit 1
fi
echo ok
