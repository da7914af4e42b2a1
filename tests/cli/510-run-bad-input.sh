#!/usr/bin/env bash
# 510: `lgsim run` on bad input (issue 2, section 12): each malformed trace
# or config case exits with status 2, prints exactly one line on stderr of
# the form FILE[:LINE]: ..., and leaves no stats file (nor its temporary)
# at the -o path.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
OUT=$TMP/stats.json
GOOD=$TMP/good.trace
printf '0 R 0x0\n0 W 0x40\n' >"$GOOD"
fails=0

# expect NAME WANT ARGS...: run with ARGS, -o OUT; stderr must start with WANT.
. "$LG_ROOT/tests/cli/lib/expect-error.sh"
expect() { local name=$1 want=$2; shift 2; expect_error "$name" "$want" "$OUT" "$LGSIM" run "$@" -o "$OUT"; }

# trace T TEXT: write TEXT (printf format) to $TMP/T and print the path.
trace() { printf "$2" >"$TMP/$1"; echo "$TMP/$1"; }

R1=(-c "$CFG" -s system.channels=1)

# --- the good trace really runs (so the failures below are about the input)
rm -f "$OUT"
if ! "$LGSIM" run "${R1[@]}" -t "$GOOD" -o "$OUT" >/dev/null 2>"$TMP/err" || [ ! -s "$OUT" ]; then
  echo "FAIL good trace does not run: $(cat "$TMP/err")"; exit 1
fi

# --- malformed traces
T=$(trace op.trace '0 R 0x0\n0 X 0x40\n')
expect "bad op" "$T:2: expected <op> R, W or N:<dtype>, got 'X'" "${R1[@]}" -t "$T"
T=$(trace addr.trace '# c\n0 R 0x0\n\n0 R 40\n')
expect "address without 0x" "$T:4: expected <address> as hex with a 0x prefix, got '40'" "${R1[@]}" -t "$T"
T=$(trace big.trace '0 R 0x10000000000000000\n')
expect "address over 64 bits" "$T:1: address does not fit in 64 bits" "${R1[@]}" -t "$T"
T=$(trace missing.trace '0 R\n')
expect "missing address" "$T:1: expected <address> as hex with a 0x prefix, got end of line" "${R1[@]}" -t "$T"
T=$(trace extra.trace '0 R 0x0 64 junk\n')
expect "trailing garbage" "$T:1: expected end of line or '#' comment after the request, got 'junk'" "${R1[@]}" -t "$T"
T=$(trace order.trace '5 R 0x0\n4 R 0x40\n')
expect "decreasing time" "$T:2: time 4 cycles is earlier than 5 cycles on line 1" "${R1[@]}" -t "$T"
T=$(trace dtype.trace '0 N:int4 0x0\n')
expect "unknown dtype" "$T:1: expected an NMC dtype" "${R1[@]}" -t "$T"
T=$(trace ds3.trace '0x0 READ 0\n0x40 LOAD 1\n')
expect "dramsim3 bad type" "$T:2: expected READ or WRITE, got 'LOAD'" "${R1[@]}" -t "$T"
T=$(trace ram.trace 'LD 0x0\nST 0x40 7\n')
expect "ramulator extra field" "$T:2: expected end of line after 'LD|ST <address>', got '7'" "${R1[@]}" -t "$T"
T=$(trace unknown.trace 'hello\n')
expect "undetectable format" "$T:1: cannot tell the trace format" "${R1[@]}" -t "$T"
T=$TMP/long.trace
{ printf '0 R 0x0 #'; head -c 5000 /dev/zero | tr '\0' x; echo; } >"$T"
expect "line too long" "$T:1: line longer than 4096 characters" "${R1[@]}" -t "$T"

# truncated gzip: cut a 50k-line trace in the middle
T=$TMP/cut.trace.gz
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "%d R 0x%x\n", i, i * 64 }' | gzip -c >"$TMP/full.gz"
head -c $(( $(wc -c <"$TMP/full.gz") / 2 )) "$TMP/full.gz" >"$T"
expect "truncated gzip" "$T:" "${R1[@]}" -t "$T"
grep -Eq "^$T:[0-9]+: truncated or corrupt gzip stream\$" "$TMP/err" ||
  { echo "FAIL truncated gzip message: $(cat "$TMP/err")"; fails=$((fails + 1)); }

# missing trace, unknown --format
expect "missing trace" "$TMP/nope.trace: No such file or directory" "${R1[@]}" -t "$TMP/nope.trace"
expect "unknown --format" "" "${R1[@]}" --format bogus -t "$GOOD"
grep -q "bogus" "$TMP/err" || { echo "FAIL --format message does not name it: $(cat "$TMP/err")"; fails=$((fails + 1)); }

# --- bad config
expect "unknown key" "-s: unknown key 'tBOGUS' in [timing]" "${R1[@]}" -s timing.tBOGUS=3 -t "$GOOD"
expect "out of range" "-s: system.channels: 0 out of range" -c "$CFG" -s system.channels=0 -t "$GOOD"
expect "contradictory watermarks" "" "${R1[@]}" -s mc.write_low_pct=90 -s mc.write_high_pct=50 -t "$GOOD"
grep -q "write_low_pct\|write_high_pct" "$TMP/err" ||
  { echo "FAIL watermark message names neither key: $(cat "$TMP/err")"; fails=$((fails + 1)); }
C=$TMP/empty-value.ini
printf '[timing]\ntRP =\n' >"$C"
expect "missing config value" "$C:2: timing.tRP:" -c "$C" -t "$GOOD"
C=$TMP/syntax.ini
printf '[timing]\nthis is not a key\n' >"$C"
expect "config syntax" "$C:2: " -c "$C" -t "$GOOD"
C=$TMP/unknown.ini
printf '[system]\nchannels = 1\n[timing]\ntXYZ = 4\n' >"$C"
expect "unknown key in file" "$C:4: unknown key 'tXYZ' in [timing]" -c "$C" -t "$GOOD"
expect "missing config file" "$TMP/nope.ini: " -c "$TMP/nope.ini" -t "$GOOD"

# --- --cmdlog: a trace error after thousands of commands leaves neither the
# command log nor its .tmp (no partial log presented as complete)
LOG=$TMP/cmd.log
T=$TMP/late.trace
{ awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%d R 0x%x\n", i, i * 64 }'; echo '3000 R zz'; } >"$T"
rm -f "$LOG" "$LOG.tmp"
expect "late error with --cmdlog" "$T:3001: expected <address>" "${R1[@]}" -t "$T" --cmdlog "$LOG"
if [ -e "$LOG" ] || [ -e "$LOG.tmp" ]; then
  echo "FAIL late error with --cmdlog: a command log (or .tmp) was left"; fails=$((fails + 1))
fi
# the same run without the bad line writes the log, and no .tmp
head -n 3000 "$T" >"$TMP/late-ok.trace"
if ! "$LGSIM" run "${R1[@]}" -t "$TMP/late-ok.trace" --cmdlog "$LOG" >/dev/null 2>"$TMP/err" ||
   [ ! -s "$LOG" ] || [ -e "$LOG.tmp" ]; then
  echo "FAIL good run with --cmdlog: no log, or .tmp left ($(cat "$TMP/err"))"; fails=$((fails + 1))
fi

[ $fails -eq 0 ] || { echo "$fails case(s) failed"; exit 1; }
