#!/usr/bin/env bash
# Reproduce the measured column of docs/validation.md and redraw
# docs/validation-roofline.png (scripts/roofline.py, needs
# python3-matplotlib: `scripts/install-deps.sh --plot`; without it the
# numbers are still printed). A few minutes on one core.
#   usage: scripts/validation.sh [BUILD_DIR]   (default build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
LGSIM=$BUILD/lgsim
LITE=$ROOT/configs/lite-gpu.ini
OUT=$BUILD/validation
mkdir -p "$OUT"
cd "$OUT"

# kernel figures of a stats file: cycles, TFLOP/s, % of the MMA peak
show() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["dies"][0]
for k in d["kernels"]:
    t = sum(k["tflops"].values())
    gbps = d["dram_traffic"]["bus_bytes"] / ((k["end_ps"] - k["start_ps"]) / 1000.0)
    print("%-34s kernel %d: %d cycles, %.2f TFLOP/s (%.1f %% of 239.9), run DRAM bytes / kernel time %.1f GB/s"
          % (sys.argv[2], k["id"], k["cycles"], t, 100 * t / 239.9, gbps))
print("%-34s run: %d cycles, DRAM %d B, L2 read hit rate %.3f, stalls %s"
      % (sys.argv[2], d["cycles"], d["dram_traffic"]["bus_bytes"], d["l2_hit_rate"], d["warp_stalls"]))
PY
}

"$BUILD/bench/gen_dram_trace" stream -n 200000 -c 16 -o dstream.tr
ref=$("$LGSIM" run -c "$LITE" -s die.cus=0 -t dstream.tr | sed -n 's/^bandwidth *\([0-9.]*\) GB\/s.*/\1/p')
echo "DRAM-only stream: $ref GB/s"

"$LGSIM" trace gen stream --op read --bytes 64M --ctas 256 --warps 8 -o stream.lgt
"$LGSIM" run -c "$LITE" -t stream.lgt -o stream.json > /dev/null
show stream.json "stream read 64 MiB"

"$LGSIM" trace gen gemm 2048 2048 1024 --mma wgmma --tile 128x256x64 --warps 8 -o big.lgt
"$LGSIM" run -c "$LITE" -t big.lgt -o big.json > /dev/null
show big.json "gemm 2048x2048x1024 wgmma"

"$LGSIM" trace gen gemm 2048 2048 1024 --dtype bf16 -o bigsync.lgt
"$LGSIM" run -c "$LITE" -t bigsync.lgt -o bigsync.json > /dev/null
show bigsync.json "gemm 2048x2048x1024 sync"

"$LGSIM" trace gen gemm 1024 1024 2048 --mma wgmma --tile 128x256x64 --warps 8 --repeat 2 -o warm.lgt
"$LGSIM" run -c "$LITE" -t warm.lgt -o warm.json > /dev/null
show warm.json "gemm 1024x1024x2048 x2"
"$LGSIM" run -c "$LITE" -s xbar.input_window=1 -t warm.lgt -o warmv.json > /dev/null
show warmv.json "gemm 1024x1024x2048 x2, FIFO inputs"

"$LGSIM" trace gen gemm 4096 128 4096 --mma wgmma --tile 128x128x64 --warps 4 -o skinny.lgt
"$LGSIM" run -c "$LITE" -t skinny.lgt -o skinny.json > /dev/null
show skinny.json "gemm 4096x128x4096 wgmma"

PLOTPY=
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import matplotlib' 2>/dev/null; then PLOTPY=$py; break; fi
done
if [ -n "$PLOTPY" ]; then
  "$PLOTPY" "$ROOT/scripts/roofline.py" "$ROOT/docs/validation-roofline.png" 239.9 665.6 "$ref" \
    "large GEMM 2048x2048x1024, cold=big.json" "GEMM 1024x1024x2048, warm=warm.json" \
    "same, FIFO crossbar inputs=warmv.json" "skinny GEMM 4096x128x4096=skinny.json"
else
  echo "validation.sh: python3-matplotlib missing, docs/validation-roofline.png not redrawn" >&2
fi
