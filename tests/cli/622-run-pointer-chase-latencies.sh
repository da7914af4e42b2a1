#!/usr/bin/env bash
# 622: a pointer chase (`trace gen chase`: one thread, each load's address
# in the register the previous load wrote) sees the configured latencies
# of configs/lite-gpu.ini plus the stated path (docs/validation.md, "Pointer
# chase"). Per-load latency is the difference of two chases that differ
# only in loads of one kind, divided by their number:
#   L1 hit : 1 (LSU, the cycle after issue) + cu.l1_latency 32          = 33
#   L2 hit : 1 + cu.mem_latency 4 + xbar.req_latency 80 + l2.hit_latency 84
#            + xbar.resp_latency 80 (L2 clock = core clock)             = 249
#   DRAM   : the L2-hit path + the DRAM read of the sector. Row hit:
#            1 + CL 38 + burst 4 = 43 tCK; a closed bank adds tRCD 38 =
#            81 tCK; lines 128 B apart open a 1 KB row every 8th line:
#            (7 x 43 + 81) / 8 = 47.75 tCK x 0.384615 ns x 1.83 GHz
#            = 33.61 core cycles -> 282.61, plus up to 2 cycles of
#            clock-edge alignment (DRAM tCK edge -> L2 edge -> CU edge).
# Refresh is moved out of the run (timing.tREFI = 10^6 tCK).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LITE=$LG_ROOT/configs/lite-gpu.ini
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# kernel cycles of a chase of N loads over RANGE bytes, 128 B apart
chase() {
	"$LGSIM" trace gen chase --count "$1" --bytes "$2" --stride 128 -o "$TMP/c.lgt" || return 1
	"$LGSIM" run -c "$LITE" -s timing.tREFI=1000000 -t "$TMP/c.lgt" -o "$TMP/c.json" >/dev/null 2>&1 || return 1
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dies"][0]["kernels"][0]["cycles"])' "$TMP/c.json"
}
# check LABEL A_CYC B_CYC LOADS LO HI: (B - A) / LOADS in [LO, HI]
check() {
	python3 -c '
import sys
lab, a, b, n, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
d = (b - a) / n
print("%s: %.2f cycles per load (expected %s..%s)" % (lab, d, lo, hi))
sys.exit(0 if lo <= d <= hi else 1)' "$@" || fail "$1 latency"
}

# 4 KiB = 32 lines: loads 33.. are L1 hits
a=$(chase 64 4096) && b=$(chase 128 4096) || fail "L1 chase runs"
check "L1 hit" "$a" "$b" 64 33 33
# 64 KiB = 512 lines (more than the 32 KiB L1): the second pass hits in L2
a=$(chase 512 65536) && b=$(chase 1024 65536) || fail "L2 chase runs"
check "L2 hit" "$a" "$b" 512 249 249
# 1 MiB: every load a new line, from DRAM
a=$(chase 256 1048576) && b=$(chase 512 1048576) || fail "DRAM chase runs"
check "DRAM" "$a" "$b" 256 282.61 284.61

[ "$fails" -eq 0 ] || exit 1
echo "622 ok"
