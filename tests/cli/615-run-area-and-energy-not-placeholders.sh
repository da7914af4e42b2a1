#!/usr/bin/env bash
# 615: the area_mm2 and dies[0].energy_pJ keys of `lgsim run` stats on the
# two presets with CUs are computed, not placeholders. For configs/lite-gpu.ini
# and configs/h100.ini (five stacks over 80 channels): the run's area_mm2 is
# the same object as `lgsim estimate -o` writes for the config (total > 0,
# one entry per component); dies[0].energy_pJ has every modelled component
# and its total is their sum; and every numeric key under both moves under
# at least one change of the inputs (the other preset, another node,
# another trace size, NMC reductions), so none is a constant.
# dies[0].energy_pJ.nmc by hand: the tracker sends the 16x512 bf16 output
# (16,384 bytes) to the die's own memory as NMC updates, each byte reduced
# once at 0.2 pJ (nmc.pj_per_byte_bf16): 3,276.8 pJ, the same figure as
# dram.nmc.alu_energy_pJ; without NMC it is 0.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LITE=$LG_ROOT/configs/lite-gpu.ini
BIG=$LG_ROOT/configs/h100.ini
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

"$LGSIM" trace gen gemm 16 512 512 --tile 16x32x64 -o "$TMP/a.lgt" >/dev/null || fail "trace gen a"
"$LGSIM" trace gen gemm 32 512 1024 --tile 16x32x64 -o "$TMP/b.lgt" >/dev/null || fail "trace gen b"
run() { # NAME CONFIG TRACE [-s ...]
  local name=$1 cfg=$2 t=$3; shift 3
  "$LGSIM" run -c "$cfg" -t "$t" "$@" -o "$TMP/$name.json" >/dev/null 2>"$TMP/err" ||
    fail "run $name: $(cat "$TMP/err")"
}
run lite "$LITE" "$TMP/a.lgt"
run big "$BIG" "$TMP/a.lgt"
run lite_n7 "$LITE" "$TMP/a.lgt" -s estimate.node=n7
run lite_b "$LITE" "$TMP/b.lgt"
run lite_nmc "$LITE" "$TMP/a.lgt" -s tracker.observe=true -s tracker.entries=128 -s tracker.ports=32 \
  -s tracker.region_base=0x300000000 -s tracker.region_bytes=16384 -s tracker.tile_bytes=4096 \
  -s tracker.peer_die=0 -s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 \
  -s dma.enable=true
"$LGSIM" estimate -c "$LITE" -o "$TMP/est-lite.json" >/dev/null || fail "estimate lite"
"$LGSIM" estimate -c "$BIG" -o "$TMP/est-big.json" >/dev/null || fail "estimate big"

python3 - "$TMP" <<'PY' || fails=$((fails + 1))
import json, sys
tmp = sys.argv[1]
ld = lambda n: json.load(open(f"{tmp}/{n}.json"))
runs = {n: ld(n) for n in ("lite", "big", "lite_n7", "lite_b", "lite_nmc")}
bad = []
nmc = runs["lite_nmc"]
if abs(nmc["dies"][0]["energy_pJ"]["nmc"] - 3276.8) > 1e-6 or nmc["dram"]["nmc"]["alu_energy_pJ"] != nmc["dies"][0]["energy_pJ"]["nmc"]:
    bad.append(f"lite_nmc: energy_pJ.nmc {nmc['dies'][0]['energy_pJ']['nmc']}, dram.nmc {nmc['dram']['nmc']} (want 3276.8 in both)")
if runs["lite"]["dies"][0]["energy_pJ"]["nmc"] != 0:
    bad.append("lite: energy_pJ.nmc without NMC requests is not 0")
for n, est in (("lite", ld("est-lite")), ("big", ld("est-big")), ("lite_nmc", None)):
    a = runs[n]["area_mm2"]
    if est and a != est["area_mm2"]:  # the tracker's settings change its area
        bad.append(f"{n}: run area_mm2 differs from lgsim estimate's")
    if not a["total"] > 0 or not a["components"]:
        bad.append(f"{n}: area_mm2 total {a['total']} / components {a['components']}")
    e = runs[n]["dies"][0].get("energy_pJ")
    want = {"total", "alu", "mma", "rf", "smem", "l1", "l2", "xbar", "dram_core", "dram_io", "nmc"}
    if e is None or set(e) != want:
        bad.append(f"{n}: dies[0].energy_pJ keys {sorted(e or {})}")
        continue
    s = sum(v for k, v in e.items() if k != "total")
    if abs(s - e["total"]) > 1e-6 * e["total"] or not e["total"] > 0:
        bad.append(f"{n}: energy_pJ.total {e['total']} is not the sum {s}")
def flat(o, p):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from flat(v, f"{p}.{k}")
    elif isinstance(o, (int, float)) and not isinstance(o, bool):
        yield p, o
def keys(r):
    return dict(list(flat(r["area_mm2"], "area_mm2")) + list(flat(r["dies"][0]["energy_pJ"], "energy_pJ")))
base = keys(runs["lite"])
others = [keys(runs[n]) for n in ("big", "lite_n7", "lite_b", "lite_nmc")]
# the whitespace factor is an input (estimate.whitespace), the same in every run here
for k, v in base.items():
    if k != "area_mm2.whitespace_factor" and all(o.get(k) == v for o in others):
        bad.append(f"{k} = {v} in every run: a constant")
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "615 ok"
