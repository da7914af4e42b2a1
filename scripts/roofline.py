#!/usr/bin/env python3
"""Roofline plot of docs/validation.md from `lgsim run -o` stats.

usage: roofline.py OUT.png PEAK_TFLOPS BW_PEAK_GBPS BW_STREAM_GBPS LABEL=STATS.json...

Each STATS.json (dies[0]) is one point: x = the run's MMA FLOPs over its
DRAM bus bytes (fills, write-backs and the end-of-run flush), y = the
TFLOP/s of the run's last kernel (with `trace gen gemm --repeat 2`, the
warm-L2 launch). Two memory roofs: the DRAM peak and the bandwidth the
same controller reaches on a DRAM-only streaming trace; one compute roof.
Prints each point's figures and its share of the lower roof.
"""
import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def point(path):
    """(intensity FLOP/B, achieved TFLOP/s) of one stats file."""
    d = json.load(open(path))["dies"][0]
    flops = sum(sum(k["mma_flops"].values()) for k in d["kernels"])
    bytes_ = d["dram_traffic"]["bus_bytes"]
    tflops = sum(d["kernels"][-1]["tflops"].values())
    if not bytes_:
        raise SystemExit("%s: no DRAM bytes" % path)
    return flops / bytes_, tflops


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__.strip().splitlines()[2])
    out = sys.argv[1]
    peak, bw_peak, bw_stream = (float(v) for v in sys.argv[2:5])
    pts = []
    for arg in sys.argv[5:]:
        label, _, path = arg.partition("=")
        x, y = point(path)
        roof = min(peak, x * bw_stream / 1000.0)
        print("%s: %.1f FLOP/B, %.2f TFLOP/s, %.1f %% of the streaming roof (%.1f)"
              % (label, x, y, 100.0 * y / roof, roof))
        pts.append((label, x, y))
    xs = [10 ** (i / 20.0) for i in range(20, 81)]  # 10 .. 10^4 FLOP/B
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(xs, [min(peak, x * bw_peak / 1000.0) for x in xs], "k--",
            label="DRAM peak %.1f GB/s" % bw_peak)
    ax.plot(xs, [min(peak, x * bw_stream / 1000.0) for x in xs], "k-",
            label="DRAM streaming %.1f GB/s, MMA peak %.1f TFLOP/s" % (bw_stream, peak))
    for (label, x, y), m in zip(pts, "osD^vP*X"):
        ax.plot([x], [y], m, markersize=8, label="%s: %.1f TFLOP/s" % (label, y))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("arithmetic intensity (MMA FLOP per DRAM byte)")
    ax.set_ylabel("achieved TFLOP/s (bf16)")
    ax.set_title("Lite-GPU die (configs/lite-gpu.ini): roofline")
    ax.grid(True, which="both", alpha=0.3)
    ax.set_ylim(1, 2 * peak)
    ax.legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
