#!/usr/bin/env bash
# 336: `lgsim cosim arbiter --record FILE` writes a random run through the
# recording writer the controller uses (rec/carb_rec.h); `--trace FILE`
# replays it to its end into the C function and the RTL: zero mismatches,
# the same number of cycles (minus the init cycles, which the recording
# holds as P lines, plus them again as init cycles: the same total) and
# the same coverage counters. A recording longer than the default 10^6
# cycles replays to its end.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
counters() { sed -n '/^coverage/,/^lockstep/p' <<<"$1" | grep -v -E '^(lockstep|coverage|resets)'; }
a=$("$LGSIM" cosim arbiter --cycles 1200000 --seed 5 --policy mca --record "$tmp/r.arb")
grep -q "RESULT: 0 mismatches in 1200000 cycles" <<<"$a"
head -1 "$tmp/r.arb" | grep -qx "# lgcosim arbiter width=16"
b=$("$LGSIM" cosim arbiter --trace "$tmp/r.arb")
echo "$b"
# resets are not recorded (the controller has none): the replay runs the
# same steps without them, so its cycle count is the steps plus the inits
steps=$(grep -c -v -E '^(#|P)' "$tmp/r.arb")
inits=$(grep -c '^P' "$tmp/r.arb")
grep -q "RESULT: 0 mismatches in $((steps + inits)) cycles" <<<"$b"
[ $((steps + inits)) -gt 1000000 ]
[ "$(counters "$a")" = "$(counters "$b")" ] || { echo "counters differ" >&2; exit 1; }
[ "$(awk '$1 == "forced" {print $2}' <<<"$b")" -gt 0 ]
