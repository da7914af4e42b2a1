#!/usr/bin/env bash
# The one-die T3 scenario (docs/arbitration.md, "One-die T3 scenario"), on
# two dies:
#
# CU die: configs/lite-gpu.ini (32 CUs, L2, one HBM3 stack) runs a bf16
#   GEMM made by `lgsim trace gen gemm 4096 512 256` (128 CTAs, C = 4 MiB
#   at 0x300000000). The tracker watches C in 128 tiles of 32 KiB (the L2
#   writes C through, docs/l2.md) and each completed tile triggers a DMA
#   that reduces it (bf16 NMC) into a peer region at 0x400000000 of the
#   same memory. Rows: the GEMM alone; the tracker alone (write-through
#   cost, no DMA); then T3 under each class policy.
# DRAM-only die: the bundled GEMM (traces/gemm_bf16_512x512x256.lgt,
#   C = 512 KiB) replayed memory-only on configs/hbm3.ini, 16 tiles.
#
#   scripts/t3_one_die.sh [BUILD]          print both tables and rewrite them in docs/arbitration.md
#   scripts/t3_one_die.sh --check [BUILD]  data-carrying runs of both under every policy; exit 1 unless all match
# BUILD is the build directory (default build).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mode=table
if [ "${1:-}" = "--check" ]; then
	mode=check
	shift
fi
BUILD=${1:-$ROOT/build}
LGSIM=${LGSIM:-$BUILD/lgsim}
POLICIES="blind prio wrr mca"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the tracker on C at 0x300000000 (BYTES), tiles reduced into 0x400000000
tracker() {
	echo -s tracker.observe=true -s tracker.entries=128 -s tracker.ports=32 \
		-s tracker.region_base=0x300000000 -s tracker.region_bytes="$1" \
		-s tracker.tile_bytes=32768 -s tracker.peer_die=0
}
T3DMA=(-s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 -s dma.enable=true)
"$LGSIM" trace gen gemm 4096 512 256 --dtype bf16 -o "$TMP/gemm.lgt" >/dev/null
CU=(-c "$ROOT/configs/lite-gpu.ini" -t "$TMP/gemm.lgt")
DO=(-c "$ROOT/configs/hbm3.ini" -t "$ROOT/traces/gemm_bf16_512x512x256.lgt")
read -ra CU_T3 <<<"$(tracker 4194304)"
read -ra DO_T3 <<<"$(tracker 524288)"

if [ $mode = check ]; then
	bad=0
	for die in cu dram; do
		if [ $die = cu ]; then args=("${CU[@]}" "${CU_T3[@]}"); else args=("${DO[@]}" "${DO_T3[@]}"); fi
		for p in $POLICIES; do
			if "$LGSIM" run "${args[@]}" "${T3DMA[@]}" -s mc.class_policy=$p -s sim.data=true \
				-o "$TMP/$p.json" >/dev/null 2>"$TMP/$p.err"; then
				echo "$die $p: data match"
			else
				echo "$die $p: exit $?: $(cat "$TMP/$p.err")"
				bad=1
			fi
		done
	done
	exit $bad
fi

"$LGSIM" run "${CU[@]}" -o "$TMP/cu-alone.json" >/dev/null
"$LGSIM" run "${CU[@]}" "${CU_T3[@]}" -o "$TMP/cu-wt.json" >/dev/null
"$LGSIM" run "${DO[@]}" -s dma.enable=true -o "$TMP/dram-alone.json" >/dev/null  # an idle engine: trace_done_ns
for p in $POLICIES; do
	"$LGSIM" run "${CU[@]}" "${CU_T3[@]}" "${T3DMA[@]}" -s mc.class_policy=$p -o "$TMP/cu-$p.json" >/dev/null
	"$LGSIM" run "${DO[@]}" "${DO_T3[@]}" "${T3DMA[@]}" -s mc.class_policy=$p -o "$TMP/dram-$p.json" >/dev/null
done

python3 - "$TMP" "$ROOT/docs/arbitration.md" $POLICIES <<'PY'
import json, sys
tmp, doc, pols = sys.argv[1], sys.argv[2], sys.argv[3:]
ld = lambda n: json.load(open(f"{tmp}/{n}.json"))

def lat(c):
    l = c["read_latency_ns"]
    return f"{l['mean']:.1f} / {l['p99']:.1f}" if l["count"] else "-"

def energy(s):
    return (s["energy_pJ"]["total"] + s["dram"].get("nmc", {}).get("alu_energy_pJ", 0)) / 1e6

def landed(s):
    d = s["dies"][0].get("dma")
    return f"{d['rx']['last_landed_ns']:.1f}" if d else "-"

def cu_table():
    rows = ["| run | GEMM kernel (cycles) | vs alone | GEMM ends (ns) | first / last trigger (ns) | last reduction lands (ns) | DRAM bytes COMPUTE | DRAM bytes COMM | COMPUTE read latency mean / p99 (ns) | COMM read latency mean / p99 (ns) | L2 DRAM refusals | COMM held (unit-cycles) | DRAM + NMC energy (uJ) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    a = ld("cu-alone")["dies"][0]["kernels"][0]["cycles"]
    for n, name in [("cu-alone", "GEMM alone"), ("cu-wt", "tracker only (no DMA)")] + [(f"cu-{p}", p) for p in pols]:
        s = ld(n)
        d = s["dies"][0]
        k = d["kernels"][0]
        c = s["dram"]["classes"]
        t = s.get("tracker")
        trig = f"{t['first_trigger_ns']:.1f} / {t['last_trigger_ns']:.1f}" if t and "first_trigger_ns" in t else "-"
        rows.append(f"| {name} | {k['cycles']} | {k['cycles'] / a:.3f} | {k['end_ps'] / 1000:.1f} | {trig} | {landed(s)} | "
                    f"{c['compute']['bytes']} | {c['comm']['bytes']} | {lat(c['compute'])} | {lat(c['comm'])} | "
                    f"{d['l2']['mem_refusals']} | {c['comm']['held_cycles']} | {energy(s):.2f} |")
    return rows

def dram_table():
    rows = ["| policy | GEMM done (ns) | vs alone | last reduction lands (ns) | DRAM bytes COMPUTE | DRAM bytes COMM | COMPUTE read latency mean / p99 (ns) | COMM read latency mean / p99 (ns) | DRAM + NMC energy (uJ) |",
            "|---|---|---|---|---|---|---|---|---|"]
    alone = ld("dram-alone")
    a_ns = alone["dies"][0]["trace_done_ns"]
    c = alone["dram"]["classes"]
    rows.append(f"| GEMM alone | {a_ns:.1f} | 1.000 | - | {c['compute']['bytes']} | {c['comm']['bytes']} | {lat(c['compute'])} | - | {energy(alone):.2f} |")
    for p in pols:
        s = ld(f"dram-{p}")
        d = s["dies"][0]
        c = s["dram"]["classes"]
        rows.append(f"| {p} | {d['trace_done_ns']:.1f} | {d['trace_done_ns'] / a_ns:.3f} | {landed(s)} | "
                    f"{c['compute']['bytes']} | {c['comm']['bytes']} | {lat(c['compute'])} | {lat(c['comm'])} | {energy(s):.2f} |")
    return rows

text = open(doc).read()
for tag, rows in (("t3-cu-die", cu_table()), ("t3-one-die", dram_table())):
    table = "\n".join(rows)
    print(table + "\n")
    b, e = f"<!-- {tag} table begin -->", f"<!-- {tag} table end -->"
    if b in text and e in text:
        i, j = text.index(b) + len(b), text.index(e)
        text = text[:i] + "\n" + table + "\n" + text[j:]
open(doc, "w").write(text)
PY
