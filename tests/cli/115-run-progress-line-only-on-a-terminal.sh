#!/usr/bin/env bash
# 115: a run longer than 2 s prints a "\rlgsim: N requests, T us simulated,
# S s" progress line on stderr when stderr is a terminal (here a pty made
# by script(1)), and nothing when it is not (a file): logs and captured
# stderr stay clean. 8M random reads on one HBM2 channel take about 4 s of
# CPU at the bench's 1.9 M requests/s, well past the 2 s threshold.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$LG_BUILD/bench/gen_dram_trace" random -n 8000000 -c 1 -o "$tmp/r.trace"
cmd="$LGSIM run -c $LG_ROOT/configs/hbm2.ini -s system.channels=1 -t $tmp/r.trace"
# on a terminal: the line appears, then the summary on a fresh line
script -qefc "$cmd" "$tmp/tty.log" > /dev/null
grep -a -q $'\rlgsim: [0-9]* requests, [0-9.]* us simulated, [0-9.]* s' "$tmp/tty.log" ||
	{ echo "FAIL: no progress line on a terminal" >&2; od -c "$tmp/tty.log" | head >&2; exit 1; }
grep -a -q "^requests  *8000000 " "$tmp/tty.log"
# not a terminal: stderr stays empty
$cmd > "$tmp/out" 2> "$tmp/err"
[ ! -s "$tmp/err" ] || { echo "FAIL: stderr not empty without a terminal:" >&2; cat -A "$tmp/err" | head >&2; exit 1; }
grep -q "^requests  *8000000 " "$tmp/out"
echo "115 ok"
