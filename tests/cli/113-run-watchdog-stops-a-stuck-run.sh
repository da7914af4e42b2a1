#!/usr/bin/env bash
# 113: the watchdog. With tRFC = 4000 tCK and sim.watchdog_cycles = 1000, a
# read queued behind an all-bank refresh sees no progress for 4000 cycles:
# the run must stop with exit status 1, print the watchdog line and one
# state line per channel on stderr, and write no stats file and no command
# log (nor its .tmp). With the
# default watchdog (10^6) the same run completes.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
printf '7999 R 0x0\n8001 R 0x40\n' >"$TMP/t.trace"
S=(-s system.channels=2 -s timing.tRFC=4000 -s timing.tREFI=8000 -s system.refresh_policy=RANK_LEVEL_SIMULTANEOUS)
"$LGSIM" run -c "$CFG" "${S[@]}" -s sim.watchdog_cycles=1000 -t "$TMP/t.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL exit status $rc, expected 1"; cat "$TMP/err"; exit 1; }
grep -q 'watchdog: no progress for 1000 cycles' "$TMP/err" || { echo "FAIL no watchdog line"; cat "$TMP/err"; exit 1; }
[ "$(grep -c ' ch [0-9]* pc 0: ' "$TMP/err")" -eq 2 ] || { echo "FAIL expected one state line per channel"; cat "$TMP/err"; exit 1; }
[ ! -e "$TMP/s.json" ] || { echo "FAIL stats file written"; exit 1; }
[ ! -e "$TMP/c.log" ] && [ ! -e "$TMP/c.log.tmp" ] || { echo "FAIL command log (or .tmp) left by a watchdog stop"; exit 1; }
"$LGSIM" run -c "$CFG" "${S[@]}" -t "$TMP/t.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" >/dev/null || { echo "FAIL default watchdog run"; exit 1; }
[ -s "$TMP/c.log" ] && [ ! -e "$TMP/c.log.tmp" ] || { echo "FAIL complete run: no command log, or its .tmp left"; exit 1; }
echo "ok   watchdog"
