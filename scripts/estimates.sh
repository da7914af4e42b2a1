#!/usr/bin/env bash
# Regenerate the Lite-GPU vs big-die tables and plot of docs/estimates.md.
#   scripts/estimates.sh [BUILD]        (BUILD defaults to build/)
# 1. `lgsim estimate` of the Lite-GPU preset (configs/lite-gpu.ini) against
#    the H100 preset (configs/h100.ini) at D0 = 0.1 /cm^2.
# 2. A token-sized workload from a run: one decode step's 4,096 x 4,096 bf16
#    projection for a batch of 16 tokens (`lgsim trace gen gemm 16 4096
#    4096`), run whole on the H100 preset and split over the 4 Lite dies of
#    the same compute, a quarter of the output columns each (`--dies 4
#    --die I`). Energy per token = the sum of the runs' dies[0].energy_pJ.total
#    / 16.
# 3. The two tables between the estimates-table and estimates-energy markers
#    of docs/estimates.md.
# 4. A sweep of dies scaled from the Lite-GPU one (CUs, L2, HBM stacks and
#    links in proportion) under the three yield models, plotted by
#    scripts/estimates_plot.py into docs/estimates.png (needs
#    python3-matplotlib; without it the tables are still rewritten).
# Work files go to BUILD/estimates/. The page is rewritten only when every
# step succeeded.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
LGSIM=$BUILD/lgsim
LITE=$ROOT/configs/lite-gpu.ini
BIG=$ROOT/configs/h100.ini
DOC=$ROOT/docs/estimates.md
W=$BUILD/estimates
[ -x "$LGSIM" ] || { echo "estimates.sh: $LGSIM not built (make build)" >&2; exit 2; }
mkdir -p "$W"
D0="-s estimate.d0_per_cm2=0.1"
TOKENS=16 HIDDEN=4096 NLITE=4

# 1. the estimates
"$LGSIM" estimate -c "$LITE" $D0 --vs "$BIG" -o "$W/cluster.json" > /dev/null
"$LGSIM" estimate -c "$BIG" $D0 -o "$W/big.json" > /dev/null

# 2. the token-sized runs
"$LGSIM" trace gen gemm $TOKENS $HIDDEN $HIDDEN --tile 16x32x64 -o "$W/decode.lgt"
"$LGSIM" run -c "$BIG" -t "$W/decode.lgt" -o "$W/run-big.json" > /dev/null
for i in $(seq 0 $((NLITE - 1))); do
  "$LGSIM" trace gen gemm $TOKENS $HIDDEN $HIDDEN --tile 16x32x64 --dies $NLITE --die "$i" \
    -o "$W/decode-$i.lgt"
  "$LGSIM" run -c "$LITE" -t "$W/decode-$i.lgt" -o "$W/run-lite-$i.json" > /dev/null
done

# 3. the tables
python3 - "$W" "$DOC" $TOKENS $NLITE <<'PY'
import json, sys
w, doc_path, tokens, nlite = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cl = json.load(open(f"{w}/cluster.json"))
big = json.load(open(f"{w}/big.json"))
lite = cl
n = cl["cluster"]["n_small"]
if n != nlite:
    sys.exit(f"estimates.sh: the cluster view has {n} Lite dies, the runs {nlite}")
rb = json.load(open(f"{w}/run-big.json"))
rl = [json.load(open(f"{w}/run-lite-{i}.json")) for i in range(nlite)]
eb = rb["dies"][0]["energy_pJ"]
el = [r["dies"][0]["energy_pJ"] for r in rl]
def pj_tok(es, k):
    return sum(e[k] for e in es) / tokens
us_big = rb["sim"]["simulated_ns"] / 1e3
us_lite = max(r["sim"]["simulated_ns"] for r in rl) / 1e3
rows = [
    ("die area (mm^2)", "%.1f" % big["area_mm2"]["total"], "%.1f" % lite["area_mm2"]["total"]),
    ("dies in the unit", "1", str(n)),
    ("gross dies per 300 mm wafer", str(big["wafer"]["dies_per_wafer"]), str(lite["wafer"]["dies_per_wafer"])),
    ("yield (%s, D0 = 0.1 /cm^2, alpha %g)" % (lite["yield"]["model"], lite["yield"]["alpha"]),
     "%.3f" % big["yield"]["value"], "%.3f" % lite["yield"]["value"]),
    ("good dies per wafer", "%.1f" % big["wafer"]["good_dies_per_wafer"], "%.1f" % lite["wafer"]["good_dies_per_wafer"]),
    ("cost per good die (USD)", "%.0f" % big["cost_usd"]["per_good_die"], "%.0f" % lite["cost_usd"]["per_good_die"]),
    ("silicon cost of the unit (USD)", "%.0f" % big["cost_usd"]["per_good_die"],
     "%.0f" % cl["cluster"]["small"]["silicon_usd"]),
    ("dense bf16 TFLOP/s of the unit", "%.0f" % big["throughput"]["tflops_bf16_dense"],
     "%.0f" % cl["cluster"]["small"]["tflops_bf16_dense_total"]),
    ("cost per TFLOP/s (USD)", "%.3f" % big["cost_usd"]["per_tflops"], "%.3f" % lite["cost_usd"]["per_tflops"]),
    ("DRAM TB/s of the unit", "%.2f" % big["throughput"]["dram_TBps"], "%.2f" % (n * lite["throughput"]["dram_TBps"])),
    ("cost per TB/s (USD)", "%.1f" % big["cost_usd"]["per_TBps"], "%.1f" % lite["cost_usd"]["per_TBps"]),
    ("wafers per unit", "%.4f" % cl["cluster"]["big"]["wafers"], "%.4f" % cl["cluster"]["small"]["wafers"]),
    ("blast radius of one die failure", "%.2f" % cl["cluster"]["big"]["blast_radius"],
     "%.2f" % cl["cluster"]["small"]["blast_radius"]),
    ("energy per token, decode-step projection (uJ, from a run)",
     "%.2f" % (pj_tok([eb], "total") / 1e6), "%.2f" % (pj_tok(el, "total") / 1e6)),
    ("simulated time of the step (us)", "%.1f" % us_big, "%.1f" % us_lite),
]
table = ["| | H100 preset x 1 | Lite-GPU preset x %d |" % n, "|---|---:|---:|"]
table += ["| %s | %s | %s |" % r for r in rows]
energy = ["| `energy_pJ` key | H100 preset x 1, nJ/token | Lite-GPU preset x %d, nJ/token |" % n,
          "|---|---:|---:|"]
energy += ["| `%s` | %s | %s |" % (k, "{:,.1f}".format(pj_tok([eb], k) / 1e3),
                                  "{:,.1f}".format(pj_tok(el, k) / 1e3)) for k in eb if k != "total"]
energy += ["| **total** | **%s** | **%s** |" % ("{:,.1f}".format(pj_tok([eb], "total") / 1e3),
                                              "{:,.1f}".format(pj_tok(el, "total") / 1e3))]
doc = open(doc_path).read()
for name, t in (("estimates-table", table), ("estimates-energy", energy)):
    b, e = "<!-- %s begin -->\n" % name, "<!-- %s end -->" % name
    i, j = doc.index(b) + len(b), doc.index(e)
    doc = doc[:i] + "\n".join(t) + "\n" + doc[j:]
open(doc_path + ".tmp", "w").write(doc)
print("\n".join(table))
print()
print("\n".join(energy))
PY

# 4. the sweep: k CUs, the rest of the Lite-GPU die scaled by k/32
sweep=$W/sweep.tsv
printf 'model\tcus\tarea_mm2\tyield\tcost_per_good_die\tcost_per_tflops\n' > "$sweep"
for model in poisson murphy negbin; do
  for k in 8 16 24 32 48 66 88 110 132; do
    spare=$(( (k + 7) / 8 ))
    l2=$(( 13107200 * k / 32 )); sl2=$(( 2621440 * k / 32 ))
    stacks=$(( (k + 31) / 32 ))
    link=$(( 450 * k / 32 ))
    "$LGSIM" estimate -c "$LITE" $D0 -s estimate.yield_model=$model -s die.cus=$k \
      -s estimate.spare_cus=$spare -s l2.bytes=$l2 -s estimate.spare_l2_bytes=$sl2 \
      -s estimate.hbm_stacks=$stacks -s estimate.link_GBps=$link -o "$W/sweep.json" > /dev/null
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\t".join([sys.argv[2], sys.argv[3], "%.3f" % d["area_mm2"]["total"], "%.5f" % d["yield"]["value"], "%.3f" % d["cost_usd"]["per_good_die"], "%.5f" % d["cost_usd"]["per_tflops"]]))' \
      "$W/sweep.json" $model $k >> "$sweep"
  done
done
mv "$DOC.tmp" "$DOC"
PLOTPY=
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import matplotlib' 2>/dev/null; then PLOTPY=$py; break; fi
done
if [ -n "$PLOTPY" ]; then
  "$PLOTPY" "$ROOT/scripts/estimates_plot.py" "$sweep" "$W/cluster.json" "$W/big.json" "$ROOT/docs/estimates.png"
else
  echo "estimates.sh: python3-matplotlib missing, docs/estimates.png not redrawn" >&2
fi
