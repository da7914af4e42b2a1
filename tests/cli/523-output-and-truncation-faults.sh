#!/usr/bin/env bash
# 523 (issue 14): outputs that cannot be written and inputs cut short.
#  - trace gen / trace convert to /dev/full (a full disk), into a missing
#    folder, onto a directory, and (not as root) into a read-only folder:
#    one line on stderr, exit 2, nothing left behind (no OUT, no OUT.tmp*);
#    /dev/full itself stays a device.
#  - a DRAM trace that ends inside a record, a gzip trace cut short, an lgt
#    cut short, an Accel-Sim .traceg.xz cut short: exit 2, one line naming
#    the file and the position (line or record).
set -uo pipefail
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
fails=0
expect() {
  local name=$1 want=$2; shift 2
  local rc err
  "$@" >/dev/null 2>"$TMP/err"
  rc=$?
  err=$(cat "$TMP/err")
  if [ $rc -ne 2 ]; then echo "FAIL $name: exit $rc ($err)"; fails=$((fails + 1)); return; fi
  if [ "$(wc -l <"$TMP/err")" -ne 1 ]; then echo "FAIL $name: stderr: $err"; fails=$((fails + 1)); return; fi
  if ! grep -qE -- "$want" "$TMP/err"; then echo "FAIL $name: got '$err', want /$want/"; fails=$((fails + 1)); return; fi
  echo "ok   $name"
}
left() { # left NAME GLOB...: nothing may match
  local name=$1; shift
  for g in "$@"; do
    if compgen -G "$g" >/dev/null; then echo "FAIL $name: left $(compgen -G "$g" | head -1)"; fails=$((fails + 1)); return; fi
  done
}
LGT=$LG_ROOT/traces/rs_4die_die0_256k.lgt

# --- outputs
for text in "" --text; do
  expect "gen to /dev/full $text" "^/dev/full: cannot write output file: No space left on device" \
    "$LGSIM" trace gen gemm 128 128 64 -o /dev/full $text
  expect "convert to /dev/full $text" "^/dev/full: cannot write output file: No space left on device" \
    "$LGSIM" trace convert "$LGT" /dev/full $text
done
[ -c /dev/full ] || { echo "FAIL /dev/full is no longer a device"; fails=$((fails + 1)); }
left "/dev/full" "/dev/full.tmp*"
expect "gen into a missing folder" "^$TMP/no/such/x.lgt: cannot create output file: No such file or directory" \
  "$LGSIM" trace gen gemm 128 128 64 -o "$TMP/no/such/x.lgt"
expect "convert into a missing folder" "^$TMP/no/such/x.lgt: cannot create output file" \
  "$LGSIM" trace convert "$LGT" "$TMP/no/such/x.lgt"
mkdir "$TMP/adir"
expect "gen onto a directory" "^$TMP/adir: is a directory, expected an output file" \
  "$LGSIM" trace gen gemm 128 128 64 -o "$TMP/adir"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$TMP/ro" && chmod a-w "$TMP/ro"
  expect "gen into a read-only folder" "^$TMP/ro/x.lgt: cannot create output file: Permission denied" \
    "$LGSIM" trace gen gemm 128 128 64 -o "$TMP/ro/x.lgt"
  left "read-only" "$TMP/ro/*"
else
  echo "skip read-only folder case: root ignores permissions"
fi
left "outputs" "$TMP/no" "$TMP/adir/*"

# --- inputs cut short
CFG=(-c "$LG_ROOT/configs/hbm2.ini" -s system.channels=1)
printf '0 R 0x0\n1 W 0x40\n2 R 0x' >"$TMP/cut.trace"
expect "text trace ends inside a record" "^$TMP/cut.trace:3: expected <address>" \
  "$LGSIM" run "${CFG[@]}" -t "$TMP/cut.trace" -o "$TMP/s.json"
head -c 20000 "$LG_ROOT/traces/stream_1ch.trace.gz" >"$TMP/cut.trace.gz"
expect "gzip trace cut short" "^$TMP/cut.trace.gz:[0-9]+: truncated or corrupt gzip stream" \
  "$LGSIM" run "${CFG[@]}" -t "$TMP/cut.trace.gz" -o "$TMP/s.json"
head -c 10000 "$LG_ROOT/traces/gemm_bf16_512x512x256.lgt" >"$TMP/cut.lgt"
expect "lgt cut short" "^$TMP/cut.lgt:[0-9]+: truncated" "$LGSIM" trace convert "$TMP/cut.lgt" "$TMP/o.lgt"
left "convert of a cut lgt" "$TMP/o.lgt*"
xz -c "$LG_ROOT/tests/data/accelsim/kernel-1.traceg" | head -c 300 >"$TMP/cut.traceg.xz"
expect "xz trace cut short" "^$TMP/cut.traceg.xz:[0-9]+: truncated xz file" "$LGSIM" trace info "$TMP/cut.traceg.xz"
left "stats of failed runs" "$TMP/s.json*"
[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
