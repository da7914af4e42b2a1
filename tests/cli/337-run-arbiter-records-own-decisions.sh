#!/usr/bin/env bash
# 337: `lgsim run --arbiter-trace FILE` records the class arbiter the
# controller runs (channel 0, pseudo-channel 0), and
# `lgsim cosim arbiter --trace FILE` replays that recording into the C
# function and the RTL with zero mismatches, to its end. Run on HBM3 with
# COMPUTE reads and writes and COMM (NMC) requests under prio, wrr and mca.
# Checks: the header and the P line carry the run's policy and parameters;
# the replay covers every recorded step (its cycle count is steps + the
# one init); under prio the recording shows cycles with both classes ready
# that issued COMPUTE, and none that issued COMM while COMPUTE was ready
# (the controller obeyed its arbiter); the class-blind policy is
# refused (one line, exit 2, no file); a recording whose header names
# another width is refused.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
awk 'BEGIN { s = 5; for (i = 0; i < 8000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
    op = (s % 3 == 0) ? "W" : ((s % 4 == 0) ? "N:fp32" : "R");
    printf "%d %s 0x%x\n", i / 4, op, (s % 65536) * 64 } }' >"$TMP/t.trace"
CFG=$LG_ROOT/configs/hbm3.ini
for pol in prio wrr mca; do
  "$LGSIM" run -c "$CFG" -s mc.class_policy=$pol -t "$TMP/t.trace" --arbiter-trace "$TMP/$pol.arb" \
    >/dev/null 2>"$TMP/err" || { echo "FAIL $pol: run: $(head -1 "$TMP/err")"; exit 1; }
  head -1 "$TMP/$pol.arb" | grep -qx "# lgcosim arbiter width=16" || { echo "FAIL $pol: header"; exit 1; }
  grep -q "^P $pol " "$TMP/$pol.arb" || { echo "FAIL $pol: no P line for $pol"; exit 1; }
  steps=$(grep -c -v -E '^(#|P)' "$TMP/$pol.arb")
  [ "$steps" -gt 1000 ] || { echo "FAIL $pol: only $steps steps recorded"; exit 1; }
  out=$("$LGSIM" cosim arbiter --trace "$TMP/$pol.arb" 2>&1)
  grep -q "RESULT: 0 mismatches in $((steps + 1)) cycles" <<<"$out" ||
    { echo "FAIL $pol: replay: $(grep RESULT <<<"$out" || echo "$out" | head -3)"; exit 1; }
done
# prio in the controller: a cycle with both classes ready issues COMPUTE
# (some such cycles exist), and COMM never issues while COMPUTE is ready
awk '$1 != "#" && $1 != "P" && $4 == 1 && $5 == 1 && $8 == "0" { n++ } END { exit !n }' "$TMP/prio.arb" ||
  { echo "FAIL prio: no cycle with both classes ready issuing COMPUTE"; exit 1; }
awk '$1 != "#" && $1 != "P" && $4 == 1 && $8 == "1" { n++ } END { exit n > 0 }' "$TMP/prio.arb" ||
  { echo "FAIL prio: COMM issued while COMPUTE was ready"; exit 1; }
"$LGSIM" run -c "$CFG" -t "$TMP/t.trace" --arbiter-trace "$TMP/blind.arb" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "class_policy" "$TMP/err" ||
  { echo "FAIL blind: exit $rc: $(cat "$TMP/err")"; exit 1; }
[ ! -e "$TMP/blind.arb" ] && [ ! -e "$TMP/blind.arb.tmp" ] || { echo "FAIL blind: file left"; exit 1; }
sed '1s/width=16/width=12/' "$TMP/mca.arb" >"$TMP/w12.arb"
"$LGSIM" cosim arbiter --trace "$TMP/w12.arb" >"$TMP/out" 2>&1 && { echo "FAIL width 12 accepted"; exit 1; }
grep -q "width=12" "$TMP/out" || { echo "FAIL width 12: $(head -2 "$TMP/out")"; exit 1; }
echo "ok   prio, wrr and mca recordings replay with 0 mismatches"
