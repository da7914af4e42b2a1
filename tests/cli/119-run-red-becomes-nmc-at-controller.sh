#!/usr/bin/env bash
# 119: RED -> NMC end to end. A kernel trace whose one warp issues 16
# RED.E.ADD.F32 (32 lanes x 4 B, contiguous: one 128 B line each, 16
# consecutive lines = 2 KiB at 0x400000), run on the die of
# configs/lite-gpu.ini (CUs, L2, HBM3 controller):
#  - with nmc.enable = true each RED leaves the CU as one NMC request and
#    reaches the controller as NMC requests of the DRAM burst (32 B on the
#    32-bit HBM3 pseudo-channel): 2048 / 32 = 64 NMC requests, 2048 fp32
#    bytes reduced, no DRAM read or write for them; the command log holds
#    one RD and one WR per NMC request (64 each) and lgcheck finds no
#    violation;
#  - with nmc.enable = false no NMC request reaches the controller (the
#    reductions are read-modify-writes through the L2: 64 reads of 32 B).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
CFG=$LG_ROOT/configs/lite-gpu.ini
{
  printf 'LGKT-TEXT 1\n-kernel name = red\n-kernel id = 1\n-grid dim = (1,1,1)\n-block dim = (32,1,1)\n'
  printf -- '-shmem = 0\n-nregs = 32\n-binary version = 90\n-cuda stream id = 0\n'
  printf -- '-shmem base_addr = 0x7f0000000000\n-local mem base_addr = 0x7e0000000000\n'
  printf -- '-accelsim tracer version = 4\n-enable lineinfo = 0\n#BEGIN_TB\nthread block = 0,0,0\nwarp = 0\ninsts = 17\n'
  for k in $(seq 0 15); do
    printf '%04x ffffffff 0 RED.E.ADD.F32.FTZ.RN 2 R4 R1 4 1 0x%x 4 0\n' $((k * 16)) $((0x400000 + k * 128))
  done
  printf '0100 ffffffff 0 EXIT 0 0 0\n#END_TB\n'
} >"$TMP/red.txt"
get() { python3 -c 'import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$1" "$2"; }
"$LGSIM" run -c "$CFG" -s nmc.enable=true -t "$TMP/red.txt" -o "$TMP/on.json" --cmdlog "$TMP/on.log" \
  >/dev/null 2>"$TMP/err" || { echo "FAIL run (nmc on): $(head -1 "$TMP/err")"; exit 1; }
[ "$(get "$TMP/on.json" dram.nmc.nmc_requests)" = 64 ] || { echo "FAIL nmc_requests $(get "$TMP/on.json" dram.nmc.nmc_requests), expected 64"; exit 1; }
[ "$(get "$TMP/on.json" dram.nmc.bytes.fp32)" = 2048 ] || { echo "FAIL fp32 bytes reduced"; exit 1; }
[ "$(get "$TMP/on.json" dram.reads)" = 0 ] && [ "$(get "$TMP/on.json" dram.writes)" = 0 ] ||
  { echo "FAIL reads/writes at the controller with NMC on"; exit 1; }
[ "$(awk '$6 == "RD"' "$TMP/on.log" | wc -l)" -eq 64 ] && [ "$(awk '$6 == "WR" || $6 == "WRA"' "$TMP/on.log" | wc -l)" -eq 64 ] ||
  { echo "FAIL command log: expected 64 RD and 64 WR"; exit 1; }
out=$("$LGCHECK" -c "$CFG" "$TMP/on.log" 2>&1 | tail -1)
case $out in *", 0 violations") ;; *) echo "FAIL lgcheck: $out"; exit 1 ;; esac
"$LGSIM" run -c "$CFG" -s nmc.enable=false -t "$TMP/red.txt" -o "$TMP/off.json" >/dev/null 2>"$TMP/err" ||
  { echo "FAIL run (nmc off): $(head -1 "$TMP/err")"; exit 1; }
[ "$(get "$TMP/off.json" dram.nmc.nmc_requests)" = 0 ] && [ "$(get "$TMP/off.json" dram.reads)" = 64 ] ||
  { echo "FAIL nmc off: nmc $(get "$TMP/off.json" dram.nmc.nmc_requests), reads $(get "$TMP/off.json" dram.reads)"; exit 1; }
echo "ok   16 RED -> 64 NMC requests at the controller, 0 violations; none with nmc off"
