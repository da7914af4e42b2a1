#!/usr/bin/env bash
# 201: lgcheck on malformed logs prints one line "LOG:LINE: expected ...",
# nothing on stdout (not even violations of earlier lines), and exits 2;
# a gzip log is read like the plain one; a truncated gzip is bad input.
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
INI=$LG_ROOT/tests/checker/data/edge.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# case NAME LINE TEXT: the log TEXT must be rejected at LINE
case_bad() {
  local name=$1 line=$2
  printf '%b' "$3" >"$tmp/$name.log"
  "$LGCHECK" -c "$INI" "$tmp/$name.log" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne 2 ] || [ -s "$tmp/out" ] || [ "$(grep -c '' "$tmp/err")" -ne 1 ] ||
     ! grep -q "^$tmp/$name.log:$line: expected " "$tmp/err"; then
    echo "FAIL $name: rc=$rc out=[$(cat "$tmp/out")] err=[$(cat "$tmp/err")]" >&2
    fail=1
  fi
}

# The first line violates tRCD (RD too early) but its report must not show.
early='0 0 0 0 0 ACT 5 -\n1 0 0 0 0 RD 5 0\n'
case_bad fields 3 "${early}5 0 0 0 0 ACT 5\n"
case_bad toomany 3 "${early}5 0 0 0 1 ACT 5 - -\n"
case_bad cmd 3 "${early}5 0 0 0 1 ACTIVATE 5 -\n"
case_bad cycle 1 "x 0 0 0 0 ACT 5 -\n"
case_bad negative 1 "-1 0 0 0 0 ACT 5 -\n"
case_bad channel 1 "0 1 0 0 0 ACT 5 -\n"
case_bad pc 1 "0 0 1 0 0 ACT 5 -\n"
case_bad bankgroup 1 "0 0 0 4 0 ACT 5 -\n"
case_bad bank 1 "0 0 0 0 4 ACT 5 -\n"
case_bad row 1 "0 0 0 0 0 ACT 32768 -\n"
case_bad act-col 1 "0 0 0 0 0 ACT 5 0\n"
case_bad pre-row 1 "0 0 0 0 0 PRE 5 -\n"
case_bad prea-bank 1 "0 0 0 0 0 PREA - -\n"
case_bad refab-bank 1 "0 0 0 0 - REFab - -\n"
case_bad rd-dash 1 "0 0 0 0 0 RD 5 -\n"

# gzip: same answer as plain; truncated gzip is bad input.
printf '0 0 0 0 0 ACT 5 -\n12 0 0 0 0 RD 5 0\n' >"$tmp/ok.log"
gzip -c "$tmp/ok.log" >"$tmp/ok.log.gz"
out=$("$LGCHECK" -c "$INI" "$tmp/ok.log.gz" 2>&1) ||
  { echo "FAIL gzip: $out" >&2; fail=1; }
[ "$out" = "lgcheck: 2 commands, 0 violations" ] || { echo "FAIL gzip: $out" >&2; fail=1; }
for i in $(seq 1 2000); do echo "$((i * 50)) 0 0 0 0 ACT 5 -"; echo "$((i * 50 + 30)) 0 0 0 0 PRE - -"; done |
  gzip -c >"$tmp/big.gz"
head -c 2000 "$tmp/big.gz" >"$tmp/trunc.gz"
"$LGCHECK" -c "$INI" "$tmp/trunc.gz" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 2 ] || [ -s "$tmp/out" ] || ! grep -q "^$tmp/trunc.gz:[0-9]*: expected " "$tmp/err"; then
  echo "FAIL truncated gzip: rc=$rc err=[$(cat "$tmp/err")]" >&2
  fail=1
fi

# Usage errors exit 2 too.
"$LGCHECK" >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL usage" >&2; fail=1; }
"$LGCHECK" -c "$INI" "$tmp/missing.log" >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL missing log" >&2; fail=1; }
"$LGCHECK" -c "$INI" -s timing.nosuch=1 "$tmp/ok.log" >/dev/null 2>&1; [ $? -eq 2 ] || { echo "FAIL bad -s" >&2; fail=1; }
[ $fail -eq 0 ] && echo "bad input rejected as expected"
exit $fail
