#!/usr/bin/env bash
# 303: bad input to `lgsim cosim` is one line FILE:LINE: ..., exit 2, and a
# replay refuses what it cannot check: no header, a header whose
# parameters differ from the RTL build's, a directory, a value wider than
# its port, a too-long line.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect2() {
  set +e
  "$@" > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  set -e
  [ $rc -eq 2 ] || { echo "expected exit 2 from: $*, got $rc" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || { echo "expected one error line from: $*" >&2; cat "$tmp/err" >&2; exit 1; }
  ! grep -q "RESULT" "$tmp/out" || { echo "a refused replay printed a result: $*" >&2; exit 1; }
}
H16='# lgcosim tracker entries=16 ports=1 addr_width=64 count_width=16'
T=("$LGSIM" cosim tracker --entries 16 --ports 1 --trace)
printf '%s\n0 P 1000 256 256\n5 0 zz\n' "$H16" > "$tmp/bad.trace"
expect2 "${T[@]}" "$tmp/bad.trace"
grep -q "bad.trace:3: expected a hex address" "$tmp/err"
printf '%s\n5 0 1000 4\n3 0 1000 4\n' "$H16" > "$tmp/order.trace"
expect2 "${T[@]}" "$tmp/order.trace"
grep -q "order.trace:3: expected non-decreasing cycles" "$tmp/err"
# no header
printf '0 P 1000 256 256\n' > "$tmp/nohdr.trace"
expect2 "${T[@]}" "$tmp/nohdr.trace"
grep -q "nohdr.trace:1: expected the header '# lgcosim tracker" "$tmp/err"
# recorded with count_width=20: refused by the 16-bit build
printf '# lgcosim tracker entries=16 ports=1 addr_width=64 count_width=20\n0 P 1000 256 256\n' > "$tmp/cw20.trace"
expect2 "${T[@]}" "$tmp/cw20.trace"
grep -q "cw20.trace:1: recorded with count_width=20, expected count_width=16" "$tmp/err"
# a directory
expect2 "${T[@]}" "$tmp"
grep -q "expected a recording file, not a directory" "$tmp/err"
# over-wide values: an expect beyond count_width, an address beyond 64 bits, bytes > 255
printf '%s\n0 P 1000 256 70000\n' "$H16" > "$tmp/wide1.trace"
expect2 "${T[@]}" "$tmp/wide1.trace"
grep -q "wide1.trace:2: expected an expect below 2^16" "$tmp/err"
printf '%s\n0 0 10000000000000000 64\n' "$H16" > "$tmp/wide2.trace"
expect2 "${T[@]}" "$tmp/wide2.trace"
grep -q "wide2.trace:2: expected a hex address" "$tmp/err"
# recorded with 32-bit addresses: refused by the 64-bit build
printf '# lgcosim tracker entries=16 ports=1 addr_width=32 count_width=16\n' > "$tmp/aw32.trace"
expect2 "${T[@]}" "$tmp/aw32.trace"
grep -q "aw32.trace:1: recorded with addr_width=32, expected addr_width=64" "$tmp/err"
printf '%s\n0 0 1000 256\n' "$H16" > "$tmp/wide3.trace"
expect2 "${T[@]}" "$tmp/wide3.trace"
grep -q "wide3.trace:2: expected a byte count 0..255 below 2^8" "$tmp/err"
# options
expect2 "$LGSIM" cosim tracker --entries 7 --ports 3
grep -q "no RTL build for entries=7 ports=3" "$tmp/err" || { cat "$tmp/err"; exit 1; }
expect2 "$LGSIM" cosim tracker --cycles -5
expect2 "${T[@]}" "$tmp/missing.trace"
grep -q "missing.trace: cannot open" "$tmp/err"
# the arbiter: a recording without its header, a bad policy
printf 'P mca 1 1 4 8 16 4\n' > "$tmp/a.arb"
expect2 "$LGSIM" cosim arbiter --trace "$tmp/a.arb"
grep -q "a.arb:1: expected the header '# lgcosim arbiter" "$tmp/err"
printf '# lgcosim arbiter width=16\nP mca 1 1 4 8 16 4\n0 70000 0 1 1 0 0 -\n' > "$tmp/b.arb"
expect2 "$LGSIM" cosim arbiter --trace "$tmp/b.arb"
grep -q "b.arb:3: expected a number below 2^16" "$tmp/err"
expect2 "$LGSIM" cosim arbiter --policy fifo
grep -q "expected blind, prio, wrr or mca" "$tmp/err"
