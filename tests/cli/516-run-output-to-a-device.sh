#!/usr/bin/env bash
# 516: an output of `lgsim run` that is a device is written in place, never
# replaced: a full one (/dev/full: every write fails with ENOSPC) gives one
# line "DEV: write error on the ..." and exit 2 after the summary was
# printed (the results of the run are not lost), leaves no DEV.tmp, and
# the device is still a device; /dev/null takes any output and the run
# exits 0. As root the devices are made in a temporary folder with mknod
# (the same major/minor numbers), so a regression that renamed a file over
# the output could not replace the system's /dev/full or /dev/null.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
FULL=/dev/full NULL=/dev/null
if [ "$(id -u)" -eq 0 ] && mknod "$TMP/full" c 1 7 2>/dev/null && mknod "$TMP/null" c 1 3 2>/dev/null; then
  FULL=$TMP/full NULL=$TMP/null
elif [ "$(id -u)" -eq 0 ]; then
  echo "SKIP: root without mknod: would risk the system's devices"; exit 0
fi
printf '0 R 0x0\n1 W 0x40\n2 W 0x100000\n' >"$TMP/t.trace"
RUN=(-c "$CFG" -s system.channels=1 -t "$TMP/t.trace")
TRK=(-s tracker.observe=true -s tracker.ports=1 -s tracker.region_bytes=256)
fails=0

# full NAME WHAT ARGS...: exit 2, one stderr line, summary printed, device
# kept, the other output ($TMP/good) not left behind
full() {
  local name=$1 what=$2 rc; shift 2
  "$LGSIM" run "${RUN[@]}" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
  if [ $rc -ne 2 ] || [ "$(grep -c '' "$TMP/err")" -ne 1 ] ||
     ! grep -qx "$FULL: write error on the $what" "$TMP/err"; then
    echo "FAIL $name: exit $rc, stderr: $(cat "$TMP/err")"; fails=$((fails + 1)); return
  fi
  grep -q '^bandwidth ' "$TMP/out" || { echo "FAIL $name: no summary"; fails=$((fails + 1)); return; }
  [ -c "$FULL" ] && [ ! -e "$FULL.tmp" ] || { echo "FAIL $name: $FULL replaced or .tmp left"; fails=$((fails + 1)); return; }
  [ ! -e "$TMP/good" ] && [ ! -e "$TMP/good.tmp" ] || { echo "FAIL $name: the other output was left"; fails=$((fails + 1)); return; }
  echo "ok   $name"
}
full "-o" "stats file" -o "$FULL" --cmdlog "$TMP/good"
full "--cmdlog" "command log" --cmdlog "$FULL" -o "$TMP/good"
full "--tracker-trace" "tracker recording" "${TRK[@]}" --tracker-trace "$FULL" -o "$TMP/good"

"$LGSIM" run "${RUN[@]}" "${TRK[@]}" -o "$NULL" --cmdlog "$NULL" --tracker-trace "$NULL" >/dev/null 2>"$TMP/err" ||
  { echo "FAIL /dev/null outputs: $(cat "$TMP/err")"; fails=$((fails + 1)); }
[ -c "$NULL" ] && [ ! -e "$NULL.tmp" ] || { echo "FAIL $NULL replaced or .tmp left"; fails=$((fails + 1)); }
[ $fails -eq 0 ] && echo "ok   /dev/null outputs"
exit $fails
