#!/usr/bin/env bash
# 303: bad input to `lgsim cosim tracker` is one line FILE:LINE: ..., exit 2.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect2() {
  set +e
  "$@" > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  set -e
  [ $rc -eq 2 ] || { echo "expected exit 2 from: $*, got $rc" >&2; cat "$tmp/err" >&2; exit 1; }
}
printf '0 P 1000 256 256\n5 0 zz\n' > "$tmp/bad.trace"
expect2 "$LGSIM" cosim tracker --entries 16 --ports 1 --trace "$tmp/bad.trace"
grep -q "bad.trace:2: expected '<cycle> <port> <hex-addr> <bytes 0..255>'" "$tmp/err"
printf '5 0 1000 4\n3 0 1000 4\n' > "$tmp/order.trace"
expect2 "$LGSIM" cosim tracker --entries 16 --ports 1 --trace "$tmp/order.trace"
grep -q "order.trace:2: expected non-decreasing cycles" "$tmp/err"
expect2 "$LGSIM" cosim tracker --entries 7 --ports 3
grep -q "no RTL build for 7 entries x 3 ports" "$tmp/err"
expect2 "$LGSIM" cosim tracker --cycles -5
expect2 "$LGSIM" cosim tracker --trace "$tmp/missing.trace"
