#!/usr/bin/env bash
# 513: `lgsim run --help` (and -h) prints the usage on stdout with exit 0,
# naming every option the parser accepts; and every option it names is
# accepted by the parser (none is refused as unknown), so help and parser
# cannot drift apart.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL $*"; exit 1; }

for h in --help -h; do
	"$LGSIM" run "$h" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 0 ] || fail "run $h: exit $rc, expected 0"
	[ ! -s "$TMP/err" ] || fail "run $h wrote on stderr: $(cat "$TMP/err")"
	grep -q '^usage: lgsim run ' "$TMP/out" || fail "run $h: no usage line"
done
OPTS=(-c -s -t --format -o --cmdlog --tracker-trace --arbiter-trace -h --help)
for o in "${OPTS[@]}"; do
	grep -Eq -- "(^|[ ,])$o( |,|$)" "$TMP/out" || fail "--help does not list $o"
done
# every option in the help text is known to the parser
for o in $(grep -Eo -- '(^|  )(-[a-z]|--[a-z-]+)' "$TMP/out" | tr -d ' ' | sort -u); do
	case $o in -h|--help) continue;; esac
	"$LGSIM" run "$o" x >/dev/null 2>"$TMP/err"
	grep -q "unknown option" "$TMP/err" && fail "--help lists $o but the parser refuses it"
done
# an unknown option is a one-line usage error, exit 2
"$LGSIM" run --bogus x >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "unknown option '--bogus'" "$TMP/err" ||
	fail "unknown option: exit $rc, stderr $(cat "$TMP/err")"
echo "513 ok"
