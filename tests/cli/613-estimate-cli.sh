#!/usr/bin/env bash
# 613: `lgsim estimate`. --help lists every option; bad -c/-s input gives a
# one-line error and exit status 2 with no JSON left behind; a good run
# prints the tables and writes JSON in which no figure is a constant: every
# numeric value changes under at least one of a list of input changes.
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LITE=$LG_ROOT/configs/lite-gpu.ini
BIG=$LG_ROOT/configs/h100.ini
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# --help: exit 0, every option named
help=$("$LGSIM" estimate --help) || fail "--help exit status"
for o in -c -s -o --vs --gates --help; do
  grep -q -- "$o" <<<"$help" || fail "--help does not list $o"
done
"$LGSIM" --help | grep -q "estimate -c CONFIG" || fail "lgsim --help does not list estimate"

# expect NAME WANT ARGS...: exit 2, one stderr line starting with WANT, no JSON
. "$LG_ROOT/tests/cli/lib/expect-error.sh"
expect() { local name=$1 want=$2; shift 2; expect_error "$name" "$want" "$TMP/o.json" "$LGSIM" estimate "$@" -o "$TMP/o.json"; }
printf '[estimate]\nnode = n3\n' > "$TMP/badnode.ini"
printf '[estimate]\nwhitespace = 0.5\n' > "$TMP/badws.ini"
printf '[estimate]\nrtl_blocks = tracker,warp\n' > "$TMP/badblk.ini"
expect missing-config "$TMP/none.ini" -c "$TMP/none.ini"
expect bad-node "$TMP/badnode.ini:2: estimate.node" -c "$TMP/badnode.ini"
expect bad-whitespace "$TMP/badws.ini:2: estimate.whitespace" -c "$TMP/badws.ini"
expect unknown-block "$TMP/badblk.ini:2: estimate.rtl_blocks: unknown RTL block 'warp'" -c "$TMP/badblk.ini"
expect bad-set-key "-s: " -c "$LITE" -s estimate.nodes=n7
expect bad-set-value "-s: estimate.alpha" -c "$LITE" -s estimate.alpha=-1
expect bad-set-form "-s: " -c "$LITE" -s estimate.alpha
expect no-config "lgsim: estimate: -c CONFIG is required" -s estimate.alpha=2
expect unknown-option "lgsim: estimate: unknown or incomplete option '--frobnicate'" -c "$LITE" --frobnicate
expect bad-vs "$TMP/none.ini" -c "$LITE" --vs "$TMP/none.ini"

# a good run: tables on stdout, JSON written
out=$("$LGSIM" estimate -c "$LITE" --vs "$BIG" -o "$TMP/base.json") || fail "good run exit status"
for t in "area per component" "dies per wafer" "yield" "per good die" "per TFLOP/s" \
         "per TB/s" "energy per event" "cluster view" "blast radius"; do
  grep -q "$t" <<<"$out" || fail "output lacks '$t'"
done

# every numeric JSON value moves under at least one input change
i=0
for s in die.cus=20 cu.registers=32768 cu.smem_bytes=100000 l2.bytes=25165824 \
         estimate.node=n7 estimate.node=n45 estimate.hbm_stacks=2 estimate.link_GBps=900 \
         tracker.entries=32 estimate.d0_per_cm2=0.3 estimate.wafer_cost_usd=10000 \
         estimate.alpha=1 estimate.whitespace=1.3 estimate.yield_model=poisson \
         die.core_clock_mhz=1000 timing.tCK=1.0 estimate.spare_cus=10 \
         estimate.dram_io_pj_per_bit=1 estimate.link_elec_pj_per_bit=2 estimate.link_opt_pj_per_bit=3; do
  i=$((i + 1))
  "$LGSIM" estimate -c "$LITE" --vs "$BIG" -s "$s" -o "$TMP/v$i.json" >/dev/null ||
    fail "run with -s $s"
done
python3 - "$TMP" "$i" <<'PY' || fails=$((fails + 1))
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
def flat(o, p=""):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from flat(v, f"{p}.{k}" if p else k)
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from flat(v, f"{p}[{i}]")
    else:
        yield p, o
base = dict(flat(json.load(open(f"{tmp}/base.json"))))
vs = [dict(flat(json.load(open(f"{tmp}/v{i}.json")))) for i in range(1, n + 1)]
# fixed by definition: the wafer diameter, the big die's own inputs under -s
# of the small one's config, and the blast radius of a single big die
fixed = {"wafer.diameter_mm", "cluster.big.wafer.diameter_mm", "cluster.small.wafer.diameter_mm",
         "cluster.big.blast_radius"}
bad = [k for k, v in base.items()
       if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in fixed
       and not k.startswith("cluster.big.")
       and all(d.get(k) == v for d in vs)]
if bad:
    print("constant keys:", ", ".join(bad))
    sys.exit(1)
for k in ("area_mm2.total", "area_mm2.components.rtl.tracker", "cost_usd.per_good_die",
          "energy_per_event_pJ.mma_bf16_flop", "cluster.small.blast_radius"):
    if k not in base:
        print("missing key", k); sys.exit(1)
PY
[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "ok"
