#!/usr/bin/env bash
# 200: lgcheck pins each rule on both sides of its edge.
#
# tests/checker/data/edge/*.log each end with one command placed exactly at
# its earliest legal cycle ("# edge RULE" names the rule that binds there):
# as written the log has 0 violations; with that last command moved one
# cycle earlier it has exactly one, of RULE, at the last line, naming the
# original cycle as the earliest legal one.
# tests/checker/data/state/*.log carry "# expect RULE LINE" (exactly that
# one violation) or "# expect none" (bank-state rules, refresh windows).
# "# args ..." lines add -s overrides to tests/checker/data/edge.ini.
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
DATA=$LG_ROOT/tests/checker/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() { echo "FAIL $1: $2" >&2; fail=1; }

# run LOG ARGS...: lgcheck output in $out, exit status in $rc
run() {
  local log=$1
  shift
  out=$("$LGCHECK" -c "$DATA/edge.ini" "$@" "$log" 2>&1)
  rc=$?
}

for log in "$DATA"/edge/*.log; do
  name=$(basename "$log")
  rule=$(sed -n 's/^# edge \([^:]*\):.*/\1/p' "$log")
  read -r -a args <<<"$(sed -n 's/^# args //p' "$log")"
  [ -n "$rule" ] || { bad "$name" "no '# edge RULE:' line"; continue; }
  run "$log" "${args[@]}"
  if [ $rc -ne 0 ] || ! grep -q ', 0 violations$' <<<"$out"; then
    bad "$name" "legal at the edge, expected 0 violations, got rc=$rc: $out"
  fi
  last=$(grep -c '' "$log")
  edge=$(tail -n 1 "$log" | cut -d' ' -f1)
  awk -v n="$last" 'NR == n { $1 = $1 - 1 } { print }' "$log" >"$tmp/$name"
  run "$tmp/$name" "${args[@]}"
  nviol=$(grep -c ' violated: ' <<<"$out")
  want="^$tmp/$name:$last: $rule violated: .* at cycle $((edge - 1)), earliest legal $edge "
  if [ $rc -ne 1 ] || [ "$nviol" -ne 1 ] || ! grep -q "$want" <<<"$out"; then
    bad "$name" "one cycle early, expected exactly '$rule' at line $last (earliest $edge), got rc=$rc: $out"
  fi
done

for log in "$DATA"/state/*.log; do
  name=$(basename "$log")
  expect=$(sed -n 's/^# expect \([^:]*\):.*/\1/p' "$log")
  read -r -a args <<<"$(sed -n 's/^# args //p' "$log")"
  run "$log" "${args[@]}"
  nviol=$(grep -c ' violated: ' <<<"$out")
  if [ "$expect" = none ]; then
    [ $rc -eq 0 ] && [ "$nviol" -eq 0 ] || bad "$name" "expected 0 violations, got rc=$rc: $out"
  else
    read -r rule line <<<"$expect"
    if [ $rc -ne 1 ] || [ "$nviol" -ne 1 ] || ! grep -q "^$log:$line: $rule violated: " <<<"$out"; then
      bad "$name" "expected exactly '$rule' at line $line, got rc=$rc: $out"
    fi
  fi
done
[ $fail -eq 0 ] && echo "all edge and state logs behave"
exit $fail
