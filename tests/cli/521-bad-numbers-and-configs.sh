#!/usr/bin/env bash
# 521 (issue 14): inputs that used to be taken silently or wrapped are
# one-line errors naming the file (and line or key), exit status 2, and no
# stats file: a directory, an empty file or a duplicate key as the config;
# INT values past 64 bits; a DRAM trace time whose ps value would wrap; a
# kernel grid of 2^32; a negative MemcpyHtoD size; lgcheck cycles past
# 10^18. And what must work: INT64_MAX where the key allows it, an
# Accel-Sim .traceg.xz given to `lgsim run -t` (found by its xz magic).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
OUT=$TMP/stats.json
GOOD=$TMP/good.trace
printf '0 R 0x0\n1 W 0x40\n' >"$GOOD"
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
fails=0

# expect NAME WANT CMD...: CMD exits 2 with one stderr line starting with WANT, no $OUT.
. "$LG_ROOT/tests/cli/lib/expect-error.sh"
expect() { local name=$1 want=$2; shift 2; expect_error "$name" "$want" "$OUT" "$@"; }
# works NAME CMD...: exit 0
works() {
  local name=$1; shift
  if "$@" >/dev/null 2>"$TMP/err"; then echo "ok   $name"; else echo "FAIL $name: $(cat "$TMP/err")"; fails=$((fails + 1)); fi
}
run() { "$LGSIM" run "$@" -o "$OUT"; }

# --- configs
mkdir "$TMP/confdir"
expect "config is a directory" "$TMP/confdir: is a directory, expected a config file" run -c "$TMP/confdir" -t "$GOOD"
: >"$TMP/empty.ini"
expect "empty config" "$TMP/empty.ini: empty config file" run -c "$TMP/empty.ini" -t "$GOOD"
printf '[system]\nchannels = 1\n\nchannels = 2\n' >"$TMP/dup.ini"
expect "duplicate key" "$TMP/dup.ini:4: duplicate key 'channels' in [system]" run -c "$TMP/dup.ini" -t "$GOOD"
expect "INT past 2^63" "-s: sim.watchdog_cycles: expected a decimal or 0x-hex integer that fits 64 bits, got '9223372036854775808'" \
  run -c "$CFG" -s sim.watchdog_cycles=9223372036854775808 -t "$GOOD"
expect "INT with garbage" "-s: system.channels: expected a decimal or 0x-hex integer" run -c "$CFG" -s system.channels=1x -t "$GOOD"
expect "INT with plus sign" "-s: system.channels: expected a decimal or 0x-hex integer" run -c "$CFG" -s system.channels=+1 -t "$GOOD"
# a per-bank refresh interval the REFpb spacing (tRRD) cannot keep up with
# ran forever (found by tests/checker/randcfg.py)
expect "tREFIb <= tRRD_L" "-s: timing.tREFIb: must be > tRRD_L (40) with per-bank refresh" \
  run -c "$CFG" -s system.refresh_policy=BANK_LEVEL_STAGGERED -s timing.tRRD_L=40 -s timing.tREFIb=30 -t "$GOOD"
# an all-bank refresh interval shorter than a bank's ACT-PRE cycle plus
# tRFC: REFab fell behind and the checker found refresh starvation
expect "tREFI <= tRC + tRFC" "-s: timing.tREFI: must be > tRC + tRFC (308)" \
  run -c "$CFG" -s timing.tREFI=300 -t "$GOOD"
expect "10^9 banks" "-s: dram_structure.banks_per_group: 1000000000 out of range" \
  run -c "$CFG" -s dram_structure.banks_per_group=1000000000 -t "$GOOD"
expect "2^60-entry queue" "-s: system.trans_queue_size: 1152921504606846976 out of range" \
  run -c "$CFG" -s system.trans_queue_size=0x1000000000000000 -t "$GOOD"
# the printed maximum of an INT64_MAX key is accepted (config keys = parser)
max=$("$LGSIM" config keys | awk '$1 == "sim.watchdog_cycles" { sub(/.*range=[0-9]+\.\./, ""); print $1 }')
[ "$max" = 9223372036854775807 ] || { echo "FAIL printed max is '$max'"; fails=$((fails + 1)); }
works "printed INT64_MAX accepted" run -c "$CFG" -s system.channels=1 -s "sim.watchdog_cycles=$max" -t "$GOOD"
works "DRAMsim3-style 08 is decimal 8" run -c "$CFG" -s system.channels=08 -t "$GOOD"

# --- DRAM trace times whose ps value would wrap
printf '0 R 0x0\n18446744073709551615 R 0x40\n' >"$TMP/t1.trace"
expect "lgsim time 2^64-1" "$TMP/t1.trace:2: expected <time> in cycles (digits, at most 10^13)" run -c "$CFG" -s system.channels=1 -t "$TMP/t1.trace"
printf '0x0 READ 18446744073709551615\n' >"$TMP/t2.trace"
expect "dramsim3 cycle 2^64-1" "$TMP/t2.trace:1: expected <cycle> as a decimal number of at most 10^13" run -c "$CFG" -s system.channels=1 -t "$TMP/t2.trace"

# --- kernel traces
printf -- '-kernel name = k\n-grid dim = (4294967296,1,1)\n' >"$TMP/g.traceg"
expect "grid 2^32" "$TMP/g.traceg:2: bad value for '-grid dim'" "$LGSIM" trace info "$TMP/g.traceg"
printf -- '-kernel name = k\n-grid dim = (-1,1,1)\n' >"$TMP/g2.traceg"
expect "grid -1" "$TMP/g2.traceg:2: bad value for '-grid dim'" "$LGSIM" trace info "$TMP/g2.traceg"
mkdir "$TMP/as"
cp "$LG_ROOT/tests/data/accelsim/kernel-1.traceg" "$TMP/as/"
printf 'MemcpyHtoD,0x1000,-64\nkernel-1.traceg\n' >"$TMP/as/kernelslist.g"
expect "MemcpyHtoD -64" "$TMP/as/kernelslist.g:1: expected 'MemcpyHtoD,0xADDR,BYTES'" "$LGSIM" trace info "$TMP/as/kernelslist.g"
printf 'MemcpyHtoD,0x1000,18446744073709551616\n' >"$TMP/as/kernelslist.g"
expect "MemcpyHtoD 2^64" "$TMP/as/kernelslist.g:1: expected 'MemcpyHtoD,0xADDR,BYTES'" "$LGSIM" trace info "$TMP/as/kernelslist.g"
xz -c "$LG_ROOT/tests/data/accelsim/kernel-1.traceg" >"$TMP/k.traceg.xz"
works ".traceg.xz with run -t" run -c "$CFG" -s system.channels=1 -t "$TMP/k.traceg.xz"

# --- lgcheck
if [ -x "$LGCHECK" ]; then
  printf '9223372036854775807 0 0 - - REFab - -\n' >"$TMP/c.log"
  expect "lgcheck cycle INT64_MAX" "$TMP/c.log:1: expected a cycle number of at most 10^18" "$LGCHECK" -c "$CFG" -s system.channels=1 "$TMP/c.log"
fi

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
