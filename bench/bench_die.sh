#!/usr/bin/env bash
# bench/bench_die.sh BUILD_DIR -- cost of the full die (docs/validation.md).
#
# 1. callgrind instructions per simulated warp-instruction: `lgsim run` of
#    the bundled GEMM (traces/gemm_bf16_512x512x256.lgt) on
#    configs/lite-gpu.ini under valgrind --tool=callgrind; Ir of the whole
#    process / the warp-instructions the run reports (target <= 5,000).
#    Also the rate in warp-instructions per second of wall time, natively:
#    the median of LG_BENCH_RUNS (default 7) runs, for the whole process
#    and for the loop alone (sim.wall_seconds), of the bundled GEMM and of
#    the 160-CTA GEMM of part 2. The target (2 M/s) is stated for a host
#    that replays DRAM traces at about 10 G Ir/s, so part 3 measures this
#    host's DRAM replay rate (Ir of a 100k-request random trace over its
#    median wall time) and prints the target scaled to it. Part 4 repeats
#    the comparison in alternating pairs (die run, DRAM run) and prints the
#    median fraction of the scaled target: the figure other load on the
#    host moves least.
# 2. peak RSS (GNU time, maxresident) of two GEMMs with the same warps and
#    the same resident warps, one ten times longer: gemm 512 5120 256 (160
#    CTAs; at most 4 resident per CU, cu.ctas_peak) and gemm 512 51200
#    256 (1,600 CTAs); target: within 10 %. The bundled GEMM (16 CTAs) is
#    printed beside them: it leaves half the CUs empty (64 resident warps
#    against up to 512), so it is no base for a length comparison. A warp is decoded whole into
#    memory (docs/trace-format.md), so a GEMM with a 10x longer K (10x
#    longer warps) needs about 10x the memory per resident warp;
#    LG_BENCH_LONG_K=1 measures that variant (512x512x2560) against the
#    bundled GEMM instead.
set -euo pipefail
BUILD=${1:?usage: bench/bench_die.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LGSIM=$(cd "$BUILD" && pwd)/lgsim
CFG=$ROOT/configs/lite-gpu.ini
GEMM=$ROOT/traces/gemm_bf16_512x512x256.lgt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

insns() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dies'][0]['cu']['issued'])" "$1"; }

# 1. Ir per warp-instruction, and the native rate
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" \
	"$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/s.json" >/dev/null 2>"$TMP/vg.err"
ir=$(grep -E '^(summary|totals):' "$TMP/cg.out" | head -1 | awk '{ print $2 }')
n=$(insns "$TMP/s.json")
RUNS=${LG_BENCH_RUNS:-7}
# median wall seconds of RUNS runs of a command: whole process, and the
# loop alone if it writes its stats to $TMP/w.json (else 0)
wall() {
	rm -f "$TMP/w.json"
	python3 - "$RUNS" "$TMP/w.json" "$@" <<'PY'
import json, os, statistics, subprocess, sys, time
runs, stats, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
tot, loop = [], []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    tot.append(time.perf_counter() - t)
    if os.path.exists(stats):
        loop.append(json.load(open(stats))['sim']['wall_seconds'])
print('%.6f %.6f' % (statistics.median(tot), statistics.median(loop) if loop else 0))
PY
}
rate() { # NAME WARP_INSNS WALL LOOP_WALL
	python3 -c "import sys; n, w, l = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]); print('bench_die: %s: %.2f M warp-instructions/s for the whole process (%.1f ms), %.2f M/s in the loop (%.1f ms); medians of %s runs' % (sys.argv[1], n / w / 1e6, w * 1e3, n / l / 1e6, l * 1e3, sys.argv[5]))" "$@" "$RUNS"
}
/usr/bin/time -f '%M' -o "$TMP/t1" "$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/s.json" >/dev/null
rss1=$(cat "$TMP/t1")
echo "bench_die: $ir Ir / $n warp-instructions = $(( ir / n )) Ir per warp-instruction (target <= 5000)"
read -r wall lwall < <(wall "$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/w.json")
rate "bundled GEMM" "$n" "$wall" "$lwall"

# 2. peak RSS: the same resident warps, a 10x longer trace
peak() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dies'][0]['cu']['ctas_peak'])" "$1"; }
rss() { # TRACE STATS -> peak RSS in KiB
	/usr/bin/time -f '%M' -o "$TMP/t" "$LGSIM" run -c "$CFG" -t "$1" -o "$2" >/dev/null
	cat "$TMP/t"
}
if [ "${LG_BENCH_LONG_K:-0}" = 1 ]; then
	"$LGSIM" trace gen gemm 512 512 2560 --dtype bf16 -o "$TMP/long.lgt"
	base=$GEMM
else
	"$LGSIM" trace gen gemm 512 5120 256 --dtype bf16 -o "$TMP/base.lgt"
	"$LGSIM" trace gen gemm 512 51200 256 --dtype bf16 -o "$TMP/long.lgt"
	base=$TMP/base.lgt
	echo "bench_die: peak RSS of the bundled GEMM: $rss1 KiB ($n warp-insns, at most $(peak "$TMP/s.json") CTAs per CU)"
fi
rb=$(rss "$base" "$TMP/sb.json")
if [ "${LG_BENCH_LONG_K:-0}" != 1 ]; then
	read -r wall lwall < <(wall "$LGSIM" run -c "$CFG" -t "$base" -o "$TMP/w.json")
	rate "GEMM 512x5120x256 (160 CTAs)" "$(insns "$TMP/sb.json")" "$wall" "$lwall"
fi
rl=$(rss "$TMP/long.lgt" "$TMP/sl.json")
python3 -c "print('bench_die: peak RSS %d KiB (%d warp-insns, at most %d CTAs per CU) vs %d KiB (%d warp-insns, at most %d): ratio %.3f (target <= 1.10)' % ($rb, $(insns "$TMP/sb.json"), $(peak "$TMP/sb.json"), $rl, $(insns "$TMP/sl.json"), $(peak "$TMP/sl.json"), $rl / $rb))"

# 3. this host's DRAM replay rate, and the rate target scaled to it
"$BUILD/bench/gen_dram_trace" random -n 100000 -c 1 -o "$TMP/random.lgsim"
DCFG=$ROOT/configs/hbm2.ini
valgrind --tool=callgrind --callgrind-out-file="$TMP/cgd.out" \
	"$LGSIM" run -c "$DCFG" -s system.channels=1 -t "$TMP/random.lgsim" -o "$TMP/d.json" >/dev/null 2>"$TMP/vg.err"
dir=$(grep -E '^(summary|totals):' "$TMP/cgd.out" | head -1 | awk '{ print $2 }')
read -r dwall _ < <(wall "$LGSIM" run -c "$DCFG" -s system.channels=1 -t "$TMP/random.lgsim" -o "$TMP/d.json")
python3 -c "import sys; ir, w = int(sys.argv[1]), float(sys.argv[2]); g = ir / w / 1e9; print('bench_die: this host replays DRAM traces at %.1f G Ir/s (%d Ir in %.1f ms: 100k random requests, 1 HBM2 channel); the target, 2 M warp-instructions/s at 10 G Ir/s, is %.2f M/s at this rate' % (g, ir, w * 1e3, 2 * g / 10))" "$dir" "$dwall"

# 4. the same comparison in pairs: each run of the bundled GEMM followed by
# one of the DRAM trace, whole processes, so that both see the same load on
# the host; per pair the die's rate over the target scaled to that pair's
# DRAM rate. The median of the pairs is the figure least moved by other
# load (1.0 meets the target).
python3 - "$RUNS" "$n" "$dir" "$LGSIM" "$CFG" "$GEMM" "$DCFG" "$TMP" <<'PY'
import statistics, subprocess, sys, time
runs, n, dir_ = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
lgsim, cfg, gemm, dcfg, tmp = sys.argv[4:9]
def t(cmd):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - s
fr = []
for _ in range(runs):
    td = t([lgsim, 'run', '-c', cfg, '-t', gemm, '-o', tmp + '/p.json'])
    tr = t([lgsim, 'run', '-c', dcfg, '-s', 'system.channels=1', '-t', tmp + '/random.lgsim', '-o', tmp + '/q.json'])
    fr.append((n / td) / (2e6 * (dir_ / tr) / 1e10))
print('bench_die: bundled GEMM against the target scaled to the DRAM rate, in %d alternating pairs: median %.2f of the target (range %.2f-%.2f)' % (runs, statistics.median(fr), min(fr), max(fr)))
PY
