#!/usr/bin/env bash
# 202: a command log carries the config it was made with, so `lgcheck LOG`
# alone checks it against the right bounds: runs with -s overrides (more
# channels than the file, a tRCD that stands in for tRCDRD/tRCDWR only
# because they are not given) check clean without repeating them, plain and
# gzip; -c with a config that differs from the log's warns on stderr,
# naming the key; a log without a header and without -c, and a header with
# a bad, unknown or repeated key, are bad input (one line LOG[:LINE], exit 2).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
fail=0
awk 'BEGIN { s = 11; for (i = 0; i < 4000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
  printf "%d %s 0x%x\n", i, (s % 3 == 0) ? "W" : "R", (s % 16777216) * 64 } }' >"$TMP/r.trace"

# alone NAME ARGS...: run with ARGS, then `lgcheck LOG` must be clean
alone() {
  local name=$1; shift
  "$LGSIM" run -c "${CFG}" "$@" -t "$TMP/r.trace" --cmdlog "$TMP/$name.log" >/dev/null ||
    { echo "FAIL $name: run"; fail=1; return; }
  out=$("$LGCHECK" "$TMP/$name.log" 2>&1) || { echo "FAIL $name: $(echo "$out" | tail -2)"; fail=1; return; }
  echo "ok   $name: $(echo "$out" | tail -1)"
}
alone ch2 -s system.channels=2 -s mc.scheduler=fcfs
# tRCD=8 applies to RD and WR because tRCDRD/tRCDWR are not given: with a
# header that marked every key as given the checker would use tRCDRD = 14
# and flag each RD issued 8 cycles after its ACT.
grep -v '^tRCD\(RD\|WR\) ' "$CFG" >"$TMP/no-trcdrd.ini"
CFG=$TMP/no-trcdrd.ini alone trcd -s system.channels=1 -s timing.tRCD=8 -s timing.tRAS=20 \
  -s system.row_buf_policy=CLOSE_PAGE
grep -q '^# cfg-default timing.tRCDRD=14$' "$TMP/trcd.log" || { echo "FAIL tRCDRD not marked defaulted"; fail=1; }
ch=$(grep -c ' ACT ' "$TMP/trcd.log")
[ "$ch" -gt 100 ] || { echo "FAIL trcd: only $ch ACTs"; fail=1; }
gzip -c "$TMP/ch2.log" >"$TMP/ch2.log.gz"
out=$("$LGCHECK" "$TMP/ch2.log.gz" 2>&1) || { echo "FAIL gzip: $out"; fail=1; }

# -c with the file alone (8 channels, not the run's 2): a warning naming the key
"$LGCHECK" -c "$CFG" -s mc.scheduler=fcfs "$TMP/ch2.log" >/dev/null 2>"$TMP/err"
grep -q "^lgcheck: warning: $TMP/ch2.log was made with system.channels=2, checked with 8 (1 keys differ" "$TMP/err" ||
  { echo "FAIL no warning for a differing -c: $(cat "$TMP/err")"; fail=1; }
"$LGCHECK" -c "$CFG" -s system.channels=2 -s mc.scheduler=fcfs "$TMP/ch2.log" >/dev/null 2>"$TMP/err" ||
  { echo "FAIL -c with the run's config"; fail=1; }
[ -s "$TMP/err" ] && { echo "FAIL warning for an equal config: $(cat "$TMP/err")"; fail=1; }
echo "ok   -c warns only when the config differs"

# bad NAME LINE: lgcheck on $TMP/NAME.log must fail with one line naming LOG[:LINE]
bad() {
  local name=$1 where=$2 rc
  "$LGCHECK" "$TMP/$name.log" >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ $rc -ne 2 ] || [ -s "$TMP/out" ] || [ "$(grep -c '' "$TMP/err")" -ne 1 ] ||
     ! grep -q "^$TMP/$name.log$where: " "$TMP/err"; then
    echo "FAIL $name: rc=$rc err=[$(cat "$TMP/err")]"; fail=1
  else
    echo "ok   $name: $(cat "$TMP/err")"
  fi
}
grep -v '^#' "$TMP/ch2.log" >"$TMP/nohdr.log"
bad nohdr ""
sed 's/^# cfg timing.tCK=.*/# cfg timing.tCK=fast/' "$TMP/ch2.log" >"$TMP/badval.log"
bad badval ":$(grep -n '^# cfg timing.tCK=' "$TMP/ch2.log" | cut -d: -f1)"
# the first defaulted key renamed, then given again after its line
dl=$(grep -n -m1 '^# cfg-default ' "$TMP/ch2.log" | cut -d: -f1)
sed "${dl}s/\.[A-Za-z_0-9]*=/.nope=/" "$TMP/ch2.log" >"$TMP/unknown.log"
bad unknown ":$dl"
sed "${dl}{p;s/^# cfg-default /# cfg /}" "$TMP/ch2.log" >"$TMP/twice.log"
bad twice ":$((dl + 1))"
exit $fail
