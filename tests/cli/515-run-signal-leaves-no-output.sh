#!/usr/bin/env bash
# 515: SIGINT or SIGTERM during `lgsim run` ends the run at the loop's next
# check (every 65,536 steps, a few ms) with exit status 128 + the signal
# (130, 143), a one-line note on stderr, and no output: neither the stats
# file, the command log nor any .tmp. The run replays 4M random reads on
# one HBM2 channel (about 2 s at the bench's ~2 M requests/s; much longer
# under sanitizers); the signal comes 0.5 s after the start, and the test
# fails if the run was already over.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$LG_BUILD/bench/gen_dram_trace" random -n 4000000 -c 1 -o "$TMP/r.trace" || exit 1
fails=0
for sig in INT TERM; do
	rm -f "$TMP"/out.* "$TMP"/*.tmp
	"$LGSIM" run -c "$LG_ROOT/configs/hbm2.ini" -s system.channels=1 -t "$TMP/r.trace" \
		-o "$TMP/out.json" --cmdlog "$TMP/out.log" >/dev/null 2>"$TMP/err" &
	pid=$!
	sleep 0.5
	kill -0 "$pid" 2>/dev/null || { echo "FAIL $sig: the run was over before the signal"; exit 1; }
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	want=$((128 + $(kill -l "$sig")))
	left=$(ls "$TMP" | grep -E '^out\.|\.tmp$')
	if [ $rc -ne $want ]; then
		echo "FAIL $sig: exit $rc, expected $want ($(cat "$TMP/err"))"; fails=$((fails + 1))
	elif [ -n "$left" ]; then
		echo "FAIL $sig: files left: $left"; fails=$((fails + 1))
	elif [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q "interrupted by signal" "$TMP/err"; then
		echo "FAIL $sig: stderr: $(cat "$TMP/err")"; fails=$((fails + 1))
	else
		echo "ok   SIG$sig: exit $rc, no output"
	fi
done
[ $fails -eq 0 ] || exit 1
echo "515 ok"
