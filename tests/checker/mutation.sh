#!/usr/bin/env bash
# 22x-mutation-<m>: lgcheck catches a controller built with one constraint
# shortened by one tCK (-DLG_MUTATE_<M> in cmodel/dram/dram_timing.c).
#
#   mutation.sh M        with LGSIM = the mutant lgsim, LGCHECK, LG_ROOT
#
# The mutant runs a trace chosen to make that constraint bind; lgcheck must
# exit 1 and report at least one violation of the named rule.
set -uo pipefail
m=$1
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
GEN=$LG_ROOT/tests/checker/gentrace.awk
INI=$LG_ROOT/configs/hbm2.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT


# Trace kind, request count, extra settings and accepted rule names.
set_=(-c "$INI" -s system.channels=1)
case $m in
  trcd) kind=random n=3000 rules='tRCD' ;;
  tfaw) kind=random n=3000 rules='tFAW' set_+=(-s system.row_buf_policy=CLOSE_PAGE) ;;
  twtr) kind=wtr n=3000 rules='tWTR_S|tWTR_L' ;;
  trfc) kind=random n=6000 rules='tRFC' ;;
  trp) kind=random n=3000 rules='tRP' ;;
  tccd) kind=stream n=3000 rules='tCCD_S|tCCD_L' ;;
  trrd) kind=random n=3000 rules='tRRD_S|tRRD_L' set_+=(-s system.row_buf_policy=CLOSE_PAGE) ;;
  tras) kind=random n=3000 rules='tRAS' ;;
  *) echo "mutation.sh: unknown mutation '$m'" >&2; exit 2 ;;
esac
awk -v kind=$kind -v n=$n -v seed=11 -f "$GEN" >"$tmp/t.trace"
"$LGSIM" run "${set_[@]}" -t "$tmp/t.trace" --cmdlog "$tmp/cmd.log" -o "$tmp/s.json" \
  >"$tmp/run.out" 2>&1 || { echo "FAIL: mutant lgsim run: $(tail -n 3 "$tmp/run.out")" >&2; exit 1; }
"$LGCHECK" "${set_[@]}" "$tmp/cmd.log" >"$tmp/check.out" 2>&1
rc=$?
hits=$(grep -cE " ($rules) violated: " "$tmp/check.out")
echo "mutation $m: lgcheck rc=$rc, $hits violations of $rules; $(tail -n 1 "$tmp/check.out")"
grep -E " ($rules) violated: " "$tmp/check.out" | head -n 2
if [ $rc -ne 1 ] || [ "$hits" -lt 1 ]; then
  echo "FAIL: the $m mutant was not caught" >&2
  exit 1
fi
