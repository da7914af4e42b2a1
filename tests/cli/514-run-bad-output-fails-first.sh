#!/usr/bin/env bash
# 514: every output of `lgsim run` (-o, --cmdlog, --tracker-trace) is opened
# before the run starts. A path that cannot be created fails at once --
# before the config or the traces are read, so a bad output path is the
# error reported even when the trace does not exist -- with exactly one
# line naming the path, exit status 2, and no output file (nor .tmp) left
# at the other, good paths.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
BAD=$TMP/nonexistent/dir/x
fails=0

# check NAME ARGS...: exit 2, one line naming $BAD, nothing left in $TMP
check() {
	local name=$1; shift
	"$LGSIM" run -c "$CFG" -s system.channels=1 "$@" >/dev/null 2>"$TMP/err"
	local rc=$?
	if [ $rc -ne 2 ] || [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q "^$BAD" "$TMP/err"; then
		echo "FAIL $name: exit $rc, stderr: $(cat "$TMP/err")"; fails=$((fails + 1)); return
	fi
	if [ -n "$(ls "$TMP" | grep -v '^err$\|^nonexistent$\|^t.trace$')" ]; then
		echo "FAIL $name: files left: $(ls "$TMP")"; fails=$((fails + 1)); return
	fi
	echo "ok   $name"
}

printf '0 R 0x0\n0 W 0x40\n' >"$TMP/t.trace"
check "bad -o" -t "$TMP/t.trace" -o "$BAD.json" --cmdlog "$TMP/c.log"
check "bad --cmdlog" -t "$TMP/t.trace" -o "$TMP/s.json" --cmdlog "$BAD.log"
check "bad --tracker-trace" -t "$TMP/t.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" \
	-s tracker.observe=true -s tracker.ports=1 -s tracker.region_bytes=256 --tracker-trace "$BAD.trk"
# outputs come first: a missing trace is not what is reported
check "bad -o before a missing trace" -t "$TMP/nope.trace" -o "$BAD.json"
# the same runs with good paths work and leave no .tmp
"$LGSIM" run -c "$CFG" -s system.channels=1 -t "$TMP/t.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" \
	>/dev/null 2>"$TMP/err" && [ -s "$TMP/s.json" ] && [ -s "$TMP/c.log" ] &&
	[ -z "$(ls "$TMP" | grep '\.tmp$')" ] || { echo "FAIL good run: $(cat "$TMP/err")"; fails=$((fails + 1)); }
[ $fails -eq 0 ] || { echo "$fails case(s) failed"; exit 1; }
echo "514 ok"
