#!/usr/bin/env bash
# 511: the benchmark trace generator writes traces the readers accept, with
# the requested number of requests, deterministically (the same command
# gives the same bytes), plain and gzip. The bench itself is not run here.
set -euo pipefail
GEN=$LG_BUILD/bench/gen_dram_trace
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for kind in stream random mix; do
  "$GEN" "$kind" -n 1000 -c 8 -o "$TMP/$kind.trace"
  out=$("$GEN" --check "$TMP/$kind.trace")
  [ "$out" = "$TMP/$kind.trace: 1000 requests, format lgsim" ] || { echo "bad check: $out" >&2; exit 1; }
  "$GEN" "$kind" -n 1000 -c 8 -o "$TMP/$kind.again"
  cmp -s "$TMP/$kind.trace" "$TMP/$kind.again" || { echo "$kind: not deterministic" >&2; exit 1; }
done

# 2:1 read:write mix: about a third writes (1000 draws: 333 +- 60).
w=$(grep -c ' W ' "$TMP/mix.trace")
[ "$w" -gt 273 ] && [ "$w" -lt 393 ] || { echo "mix has $w writes of 1000" >&2; exit 1; }
# random stays inside 8 channels x 1024 MiB and is 64 B aligned.
while read -r _ _ a; do
  (( a < 8 * 2**30 && a % 64 == 0 )) || { echo "random: bad address $a" >&2; exit 1; }
done <"$TMP/random.trace"
# stream is sequential 64 B reads from 0.
[ "$(head -2 "$TMP/stream.trace" | tr '\n' ' ')" = "0 R 0x0 0 R 0x40 " ] || { echo "stream start wrong" >&2; exit 1; }

# gzip output and the idle-gap option.
"$GEN" random -n 100 --gap-at 50 --gap 1000000000 -o "$TMP/gap.trace.gz"
[ "$("$GEN" --check "$TMP/gap.trace.gz")" = "$TMP/gap.trace.gz: 100 requests, format lgsim" ]
[ "$(zcat "$TMP/gap.trace.gz" | sed -n 50p | cut -d' ' -f1)" = 0 ]
[ "$(zcat "$TMP/gap.trace.gz" | sed -n 51p | cut -d' ' -f1)" = 1000000000 ]

# the bundled default trace reads back whole.
[ "$("$GEN" --check "$LG_ROOT/traces/stream_1ch.trace.gz")" = \
  "$LG_ROOT/traces/stream_1ch.trace.gz: 20000 requests, format lgsim" ]

# --check reports a bad trace as FILE:LINE with status 2.
printf '0 R 0x0\n0 Q 0x40\n' >"$TMP/bad.trace"
set +e
err=$("$GEN" --check "$TMP/bad.trace" 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 2 ] && [ "$err" = "$TMP/bad.trace:2: expected <op> R, W or N:<dtype>, got 'Q'" ] ||
  { echo "bad-trace check: rc $rc, '$err'" >&2; exit 1; }
echo ok
