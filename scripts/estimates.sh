#!/usr/bin/env bash
# Regenerate the Lite-GPU vs big-die table and plot of docs/estimates.md.
#   scripts/estimates.sh [BUILD]        (BUILD defaults to build/)
# 1. `lgsim estimate` of the Lite-like die against the H100-like one at
#    D0 = 0.1 /cm^2 (tests/data/est/*.ini) -> BUILD/estimates.json, and the
#    table between the estimates-table markers of docs/estimates.md.
# 2. A sweep of dies scaled from the Lite-like one (CUs, L2, HBM stacks and
#    links in proportion) under the three yield models -> BUILD/estimates-sweep.tsv,
#    plotted by scripts/estimates_plot.py into docs/estimates.png (needs
#    python3-matplotlib; without it the table is still rewritten).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
LGSIM=$BUILD/lgsim
LITE=$ROOT/tests/data/est/lite-like.ini
BIG=$ROOT/tests/data/est/h100-like.ini
DOC=$ROOT/docs/estimates.md
[ -x "$LGSIM" ] || { echo "estimates.sh: $LGSIM not built (make build)" >&2; exit 2; }
D0="-s estimate.d0_per_cm2=0.1"

"$LGSIM" estimate -c "$LITE" $D0 --vs "$BIG" -o "$BUILD/estimates.json" > /dev/null
# the big die's own figures at the same D0
"$LGSIM" estimate -c "$BIG" $D0 -o "$BUILD/estimates-big.json" > /dev/null
python3 - "$BUILD/estimates.json" "$BUILD/estimates-big.json" "$DOC" <<'PY'
import json, sys
lite_all = json.load(open(sys.argv[1]))
big = json.load(open(sys.argv[2]))
lite = lite_all
n = lite_all["cluster"]["n_small"]
rows = [
    ("die area (mm^2)", "%.1f" % big["area_mm2"]["total"], "%.1f" % lite["area_mm2"]["total"]),
    ("dies in the unit", "1", str(n)),
    ("gross dies per 300 mm wafer", str(big["wafer"]["dies_per_wafer"]), str(lite["wafer"]["dies_per_wafer"])),
    ("yield (%s, D0 = 0.1 /cm^2, alpha %g)" % (lite["yield"]["model"], lite["yield"]["alpha"]),
     "%.3f" % big["yield"]["value"], "%.3f" % lite["yield"]["value"]),
    ("good dies per wafer", "%.1f" % big["wafer"]["good_dies_per_wafer"], "%.1f" % lite["wafer"]["good_dies_per_wafer"]),
    ("cost per good die (USD)", "%.0f" % big["cost_usd"]["per_good_die"], "%.0f" % lite["cost_usd"]["per_good_die"]),
    ("silicon cost of the unit (USD)", "%.0f" % big["cost_usd"]["per_good_die"],
     "%.0f" % lite_all["cluster"]["small"]["silicon_usd"]),
    ("dense bf16 TFLOP/s of the unit", "%.0f" % big["throughput"]["tflops_bf16_dense"],
     "%.0f" % lite_all["cluster"]["small"]["tflops_bf16_dense_total"]),
    ("cost per TFLOP/s (USD)", "%.3f" % big["cost_usd"]["per_tflops"], "%.3f" % lite["cost_usd"]["per_tflops"]),
    ("DRAM TB/s of the unit", "%.2f" % big["throughput"]["dram_TBps"], "%.2f" % (n * lite["throughput"]["dram_TBps"])),
    ("cost per TB/s (USD)", "%.1f" % big["cost_usd"]["per_TBps"], "%.1f" % lite["cost_usd"]["per_TBps"]),
    ("wafers per unit", "%.4f" % lite_all["cluster"]["big"]["wafers"], "%.4f" % lite_all["cluster"]["small"]["wafers"]),
    ("blast radius of one die failure", "%.2f" % lite_all["cluster"]["big"]["blast_radius"],
     "%.2f" % lite_all["cluster"]["small"]["blast_radius"]),
]
table = ["| | H100-like die x 1 | Lite-like die x %d |" % n, "|---|---:|---:|"]
table += ["| %s | %s | %s |" % r for r in rows]
doc = open(sys.argv[3]).read()
b, e = "<!-- estimates-table begin -->\n", "<!-- estimates-table end -->"
i, j = doc.index(b) + len(b), doc.index(e)
open(sys.argv[3], "w").write(doc[:i] + "\n".join(table) + "\n" + doc[j:])
print("\n".join(table))
PY

# the sweep: k/33 of the Lite-like die for k CUs
sweep=$BUILD/estimates-sweep.tsv
printf 'model\tcus\tarea_mm2\tyield\tcost_per_good_die\tcost_per_tflops\n' > "$sweep"
for model in poisson murphy negbin; do
  for k in 8 16 24 33 48 66 88 110 132; do
    spare=$(( (k + 10) / 11 ))
    l2=$(( 12582912 * k / 33 )); sl2=$(( 3145728 * k / 33 ))
    stacks=$(( (k + 32) / 33 )); [ $k -ge 132 ] && stacks=5
    link=$(( 450 * k / 33 ))
    "$LGSIM" estimate -c "$LITE" $D0 -s estimate.yield_model=$model -s die.cus=$k \
      -s estimate.spare_cus=$spare -s l2.bytes=$l2 -s estimate.spare_l2_bytes=$sl2 \
      -s estimate.hbm_stacks=$stacks -s estimate.link_GBps=$link -o "$BUILD/sweep.json" > /dev/null
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\t".join([sys.argv[2], sys.argv[3], "%.3f" % d["area_mm2"]["total"], "%.5f" % d["yield"]["value"], "%.3f" % d["cost_usd"]["per_good_die"], "%.5f" % d["cost_usd"]["per_tflops"]]))' \
      "$BUILD/sweep.json" $model $k >> "$sweep"
  done
done
if python3 -c 'import matplotlib' 2>/dev/null; then
  python3 "$ROOT/scripts/estimates_plot.py" "$sweep" "$BUILD/estimates.json" "$BUILD/estimates-big.json" "$ROOT/docs/estimates.png"
else
  echo "estimates.sh: python3-matplotlib missing, docs/estimates.png not redrawn" >&2
fi
