#!/usr/bin/env bash
# The one-die T3 scenario (docs/arbitration.md, "One-die T3 scenario").
#
# A bf16 GEMM (traces/gemm_bf16_512x512x256.lgt, C at 0x300000000, 512 KiB)
# is replayed memory-only on one HBM3 stack (configs/hbm3.ini: its DRAM
# traffic, no CUs); the tracker watches C in 16 tiles of 32 KiB and each
# completed tile triggers a DMA that reduces it (bf16 NMC) into a peer
# region at 0x400000000 of the same memory. Run alone, then under each
# class policy (blind, prio = strict COMPUTE priority, wrr, mca).
#
#   scripts/t3_one_die.sh [BUILD]          print the table and rewrite it in docs/arbitration.md
#   scripts/t3_one_die.sh --check [BUILD]  data-carrying runs under every policy; exit 1 unless all match
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
CFG=$ROOT/configs/hbm3.ini
GEMM=$ROOT/traces/gemm_bf16_512x512x256.lgt
POLICIES="blind prio wrr mca"
T3=(-s tracker.observe=true -s tracker.ports=32 -s tracker.region_base=0x300000000
    -s tracker.region_bytes=524288 -s tracker.tile_bytes=32768 -s tracker.peer_die=0
    -s tracker.dst_base=0x400000000 -s tracker.op=nmc -s tracker.dtype=bf16 -s dma.enable=true)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ $mode = check ]; then
	bad=0
	for p in $POLICIES; do
		if "$LGSIM" run -c "$CFG" -t "$GEMM" "${T3[@]}" -s mc.class_policy=$p -s sim.data=true \
			-o "$TMP/$p.json" >/dev/null 2>"$TMP/$p.err"; then
			echo "$p: data match"
		else
			echo "$p: exit $?: $(cat "$TMP/$p.err")"
			bad=1
		fi
	done
	exit $bad
fi

"$LGSIM" run -c "$CFG" -t "$GEMM" -o "$TMP/alone.json" >/dev/null
for p in $POLICIES; do
	"$LGSIM" run -c "$CFG" -t "$GEMM" "${T3[@]}" -s mc.class_policy=$p -o "$TMP/$p.json" >/dev/null
done

python3 - "$TMP" "$ROOT/docs/arbitration.md" $POLICIES <<'PY'
import json, sys
tmp, doc, pols = sys.argv[1], sys.argv[2], sys.argv[3:]
ld = lambda n: json.load(open(f"{tmp}/{n}.json"))
alone = ld("alone")
a_ns = alone["dies"][0]["trace_done_ns"]
rows = ["| policy | GEMM done (ns) | vs alone | last reduction lands (ns) | DRAM bytes COMPUTE | DRAM bytes COMM | COMPUTE read latency mean / p99 (ns) | COMM read latency mean / p99 (ns) | DRAM + NMC energy (uJ) |",
        "|---|---|---|---|---|---|---|---|---|"]
def lat(c):
    l = c["read_latency_ns"]
    return f"{l['mean']:.1f} / {l['p99']:.1f}"
c = alone["dram"]["classes"]
rows.append(f"| GEMM alone | {a_ns:.1f} | 1.000 | - | {c['compute']['bytes']} | {c['comm']['bytes']} | {lat(c['compute'])} | - | {alone['energy_pJ']['total'] / 1e6:.2f} |")
for p in pols:
    s = ld(p)
    d = s["dies"][0]
    c = s["dram"]["classes"]
    e = s["energy_pJ"]["total"] + s["dram"]["nmc"]["alu_energy_pJ"]
    rows.append(f"| {p} | {d['trace_done_ns']:.1f} | {d['trace_done_ns'] / a_ns:.3f} | {d['dma']['rx']['last_landed_ns']:.1f} | "
                f"{c['compute']['bytes']} | {c['comm']['bytes']} | {lat(c['compute'])} | {lat(c['comm'])} | {e / 1e6:.2f} |")
table = "\n".join(rows)
print(table)
text = open(doc).read()
b, e = "<!-- t3-one-die table begin -->", "<!-- t3-one-die table end -->"
if b in text and e in text:
    i, j = text.index(b) + len(b), text.index(e)
    open(doc, "w").write(text[:i] + "\n" + table + "\n" + text[j:])
PY
