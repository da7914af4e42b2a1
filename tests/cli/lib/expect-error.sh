# Sourced by CLI tests 510, 521 and 613 (not a test itself: tests/cli/*.sh only).
# expect_error NAME WANT OUT CMD...: CMD must fail the way bad input must
# (README: exit status 2, one line on stderr starting with WANT) and leave
# neither OUT nor OUT.tmp behind (OUT empty: no output file to check).
# Prints "ok   NAME" or "FAIL NAME: why" and counts failures in $fails;
# stderr goes to $TMP/err.
expect_error() {
  local name=$1 want=$2 out=$3 rc err
  shift 3
  [ -z "$out" ] || rm -f "$out" "$out.tmp"
  "$@" >/dev/null 2>"$TMP/err"
  rc=$?
  err=$(cat "$TMP/err")
  if [ $rc -ne 2 ]; then
    echo "FAIL $name: exit status $rc, expected 2 ($err)"; fails=$((fails + 1)); return
  fi
  if [ "$(wc -l <"$TMP/err")" -ne 1 ]; then
    echo "FAIL $name: stderr is not one line: $err"; fails=$((fails + 1)); return
  fi
  if [[ "$err" != "$want"* ]]; then
    echo "FAIL $name: got '$err', want '$want...'"; fails=$((fails + 1)); return
  fi
  if [ -n "$out" ] && { [ -e "$out" ] || [ -e "$out.tmp" ]; }; then
    echo "FAIL $name: an output file was left at $out"; fails=$((fails + 1)); return
  fi
  echo "ok   $name"
}
