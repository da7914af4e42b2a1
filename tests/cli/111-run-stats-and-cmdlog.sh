#!/usr/bin/env bash
# 111: lgsim run writes every stats key scripts rely on (docs/stats.md), two
# runs give identical stats except sim.wall_seconds, the command log has
# the documented 8-field format in issue order, --timeline on a DRAM-only
# die is refused with exit status 2 (it needs CUs), and an NMC record runs
# (one RD and one WR on the row, no data on the channel: dram.bytes counts
# only the read).
set -euo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
awk 'BEGIN { s = 7; for (i = 0; i < 5000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
  printf "0 %s 0x%x\n", (s % 3 == 0) ? "W" : "R", (s % 16777216) * 64 } }' >"$TMP/r.trace"

"$LGSIM" run -c "$CFG" -s system.channels=1 -t "$TMP/r.trace" -o "$TMP/a.json" --cmdlog "$TMP/a.log" >"$TMP/sum"
"$LGSIM" run -c "$CFG" -s system.channels=1 -t "$TMP/r.trace" -o "$TMP/b.json" --cmdlog "$TMP/b.log" >/dev/null
grep -q '^bandwidth ' "$TMP/sum" || { echo "FAIL summary lacks bandwidth"; exit 1; }

python3 - "$TMP/a.json" "$TMP/b.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
need = ["sim.simulated_ns", "sim.wall_seconds", "dram.requests", "dram.reads", "dram.writes",
        "dram.bandwidth_GBps", "dram.read_latency_ns.mean", "dram.read_latency_ns.p50",
        "dram.read_latency_ns.p99", "dram.read_latency_ns.max", "dram.row_hit_rate",
        "dram.commands.ACT", "dram.commands.PRE", "dram.commands.RD", "dram.commands.WR",
        "dram.commands.REF", "energy_pJ.total", "energy_pJ.dram.act", "area_mm2.total",
        "area_mm2.components"]
for k in need:
    v = a
    for p in k.split("."):
        v = v[p]
# a DRAM-only run counts only the memory side it builds: the HBM PHYs
assert list(a["area_mm2"]["components"]) == ["hbm_phy"], a["area_mm2"]
assert a["area_mm2"]["total"] > a["area_mm2"]["components"]["hbm_phy"] > 0
# average power: pJ per ns is mW
w = a["energy_pJ"]["total"] / a["sim"]["simulated_ns"] / 1e3
assert abs(a["power_W"] - w) <= 1e-9 * w and w > 0, (a["power_W"], w)
assert a["dram"]["requests"] == 5000, a["dram"]["requests"]
assert len(a["dies"][0]["channels"]) == 1
assert a["dies"][0]["channels"][0]["requests"] == 5000
del a["sim"]["wall_seconds"]; del b["sim"]["wall_seconds"]
assert a == b, "two runs differ"
print("ok   stats keys present, runs identical")
PY
cmp -s "$TMP/a.log" "$TMP/b.log" || { echo "FAIL command logs differ"; exit 1; }
awk '
  /^#/ { if (cmds) { print "FAIL line " NR ": comment after the first command"; bad = 1; exit } next }
  { cmds++ }
  NF != 8 { print "FAIL line " NR ": " NF " fields"; bad = 1; exit }
  $1 < last { print "FAIL line " NR ": cycle goes back"; bad = 1; exit }
  { last = $1 }
  $6 !~ /^(ACT|PRE|PREA|RD|RDA|WR|WRA|REFab|REFpb)$/ { print "FAIL line " NR ": command " $6; bad = 1; exit }
  ($6 == "PREA" || $6 == "REFab") && ($4 != "-" || $5 != "-" || $7 != "-" || $8 != "-") { print "FAIL line " NR; bad = 1; exit }
  $6 == "ACT" && ($7 == "-" || $8 != "-") { print "FAIL line " NR; bad = 1; exit }
  $6 == "PRE" && ($7 != "-" || $8 != "-") { print "FAIL line " NR; bad = 1; exit }
  END { exit bad }' "$TMP/a.log"
grep -q ' REFab ' "$TMP/a.log" || { echo "FAIL no refresh in the command log"; exit 1; }
# the config header: one line per key of the table, and the run's options
nk=$("$LGSIM" config keys | grep -c '')
[ "$(grep -c '^# cfg\(-default\)\? ' "$TMP/a.log")" -eq "$nk" ] ||
  { echo "FAIL config header: not $nk key lines"; exit 1; }
grep -qx "# made with: -c $CFG -s system.channels=1" "$TMP/a.log" ||
  { echo "FAIL config header: no 'made with' line"; exit 1; }
echo "ok   command log format"

set +e
"$LGSIM" run -c "$CFG" -t "$TMP/r.trace" --timeline "$TMP/tl" 2>/dev/null; rc=$?
[ $rc -eq 2 ] || { echo "FAIL --timeline accepted (status $rc)"; exit 1; }
echo "ok   --timeline refused"
printf '0 R 0x0\n1 N:fp32 0x40\n' >"$TMP/n.trace"
"$LGSIM" run -c "$CFG" -t "$TMP/n.trace" -o "$TMP/n.json" --cmdlog "$TMP/n.log" >/dev/null ||
  { echo "FAIL NMC run"; exit 1; }
[ "$(grep -c ' RD ' "$TMP/n.log")" -eq 2 ] && [ "$(grep -c ' WR' "$TMP/n.log")" -eq 1 ] &&
  grep -q '"bytes": 64,' "$TMP/n.json" ||
  { echo "FAIL NMC: expected 2 RD, 1 WR, 64 bytes"; cat "$TMP/n.log"; exit 1; }
set -e
echo "ok   NMC record runs"
