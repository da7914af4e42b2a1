#!/usr/bin/env python3
"""Plot of docs/estimates.md: yield and cost per TFLOP/s against die area.

usage: estimates_plot.py SWEEP.tsv LITE.json BIG.json OUT.png
SWEEP.tsv comes from scripts/estimates.sh (dies scaled from the Lite-GPU
preset, three yield models); the two JSON files mark the Lite-GPU and the
H100 presets.
"""
import csv
import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    sweep, lite_path, big_path, out = sys.argv[1:5]
    rows = list(csv.DictReader(open(sweep), delimiter="\t"))
    lite, big = json.load(open(lite_path)), json.load(open(big_path))
    fig, (ay, ac) = plt.subplots(1, 2, figsize=(10, 4))
    for model in ("poisson", "murphy", "negbin"):
        r = [x for x in rows if x["model"] == model]
        area = [float(x["area_mm2"]) for x in r]
        ay.plot(area, [float(x["yield"]) for x in r], marker="o", label=model)
        ac.plot(area, [float(x["cost_per_tflops"]) for x in r], marker="o", label=model)
    for d, name in ((lite, "lite-gpu.ini"), (big, "h100.ini")):
        a = d["area_mm2"]["total"]
        ay.annotate(name, (a, d["yield"]["value"]), textcoords="offset points", xytext=(5, 8))
        ac.annotate(name, (a, d["cost_usd"]["per_tflops"]), textcoords="offset points",
                    xytext=(5, 8))
        ay.plot([a], [d["yield"]["value"]], "k*", markersize=10)
        ac.plot([a], [d["cost_usd"]["per_tflops"]], "k*", markersize=10)
    ay.set_xlabel("die area (mm$^2$)")
    ay.set_ylabel("die yield")
    ay.set_title("Yield, D0 = 0.1 /cm$^2$ (TSMC N4 class)")
    ac.set_xlabel("die area (mm$^2$)")
    ac.set_ylabel("USD of silicon per dense bf16 TFLOP/s")
    ac.set_title("Cost per TFLOP/s of good dies")
    for ax in (ay, ac):
        ax.grid(True, alpha=0.3)
        ax.legend(title="yield model")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
