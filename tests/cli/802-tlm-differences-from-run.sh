#!/usr/bin/env bash
# 802: what differs between the SystemC example platform and `lgsim run`,
# as docs/systemc.md ("Differences inherent to TLM") says:
#  - sim.wall_seconds (host time) differs; every other key is equal (801);
#  - an address past the configured capacity: `lgsim run` wraps it (address
#    bits above the mapping are ignored, as DRAMsim3 does) while the TLM
#    target answers TLM_ADDRESS_ERROR_RESPONSE: lgsim-tlm stops with
#    "TRACE:LINE: ..." and status 2, no stats file, no command log;
#  - LT mode (b_transport) serialises the accesses of one initiator: the
#    same requests and bytes, but each read waits for the previous one, so
#    the run is longer, the bandwidth lower and the read latency lower
#    (no queueing) than the AT replay of the same trace;
#  - --direct (END_REQ only once in the controller's queue) changes nothing
#    on one channel (the staging FIFO only matters across units);
#  - the traffic generator answers every request (N completions).
set -euo pipefail
TLM=$LG_BUILD/lgsim-tlm
[ -x "$TLM" ] || { echo "SKIP: lgsim-tlm not built (no SystemC)"; exit 77; }
export SC_COPYRIGHT_MESSAGE=DISABLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG=$LG_ROOT/configs/hbm2.ini
RAM=$LG_ROOT/tests/data/sample_ramulator.trace
j() { python3 -c 'import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$@"; }

# wall time is the only key that differs
"$LGSIM" run -c "$CFG" -s system.channels=1 -t "$RAM" -o "$TMP/a.json" >/dev/null
"$TLM" -c "$CFG" -s system.channels=1 -t "$RAM" -o "$TMP/b.json" >/dev/null
python3 - "$TMP/a.json" "$TMP/b.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
wa, wb = a["sim"].pop("wall_seconds"), b["sim"].pop("wall_seconds")
assert wa > 0 and wb > 0, (wa, wb)
assert a == b, "stats differ beyond sim.wall_seconds"
print("ok   only sim.wall_seconds differs")
PY

# address past the capacity (1 channel = 1 GiB)
printf '0 R 0x40\n0 R 0x40000040\n' >"$TMP/big.trace"
"$LGSIM" run -c "$CFG" -s system.channels=1 -t "$TMP/big.trace" -o "$TMP/big.json" >/dev/null
[ "$(j "$TMP/big.json" dram.requests)" = 2 ] || { echo "FAIL lgsim run should wrap the address"; exit 1; }
set +e
err=$("$TLM" -c "$CFG" -s system.channels=1 -t "$TMP/big.trace" -o "$TMP/t.json" --cmdlog "$TMP/t.log" 2>&1 >/dev/null)
rc=$?
set -e
# Under LG_SANITIZE, ASan warns (3 lines) when the SystemC kernel switches
# an SC_THREAD's coroutine stack on the way out of sc_stop(); that is
# libsystemc's user-level threading, not lgsim: those lines are dropped.
err=$(printf '%s\n' "$err" | grep -v -e 'ASan is ignoring requested __asan_handle_no_return' \
  -e '^False positive error reports may follow' -e 'github.com/google/sanitizers/issues/189' || true)
[ $rc -eq 2 ] && [[ "$err" == "$TMP/big.trace:2: "*ADDRESS_ERROR* ]] && [ "$(echo "$err" | wc -l)" = 1 ] ||
  { echo "FAIL address error: status $rc, '$err'"; exit 1; }
[ ! -e "$TMP/t.json" ] && [ ! -e "$TMP/t.log" ] && [ ! -e "$TMP/t.log.tmp" ] ||
  { echo "FAIL output files left after an error"; ls "$TMP"; exit 1; }
echo "ok   past the capacity: lgsim run wraps, lgsim-tlm: $err"

# a bad trace line: the reader's one-line message, status 2, no output (as lgsim run)
printf '0 R 0x40\n5 Q 0x80\n' >"$TMP/bad.trace"
set +e
out=$("$TLM" -c "$CFG" -t "$TMP/bad.trace" -o "$TMP/bad.json" 2>"$TMP/bad.err"); rc=$?
set -e
[ $rc -eq 2 ] && [ -z "$out" ] && [ ! -e "$TMP/bad.json" ] && grep -q "bad.trace:2: expected <op>" "$TMP/bad.err" ||
  { echo "FAIL bad trace: status $rc, stdout '$out'"; cat "$TMP/bad.err"; exit 1; }
echo "ok   bad trace line: $(grep bad.trace "$TMP/bad.err")"

# LT serialises
"$TLM" -c "$CFG" -s system.channels=1 -t "$RAM" --mode lt -o "$TMP/lt.json" >/dev/null
python3 - "$TMP/b.json" "$TMP/lt.json" <<'PY'
import json, sys
at = json.load(open(sys.argv[1])); lt = json.load(open(sys.argv[2]))
for k in ("requests", "reads", "writes", "bytes"):
    assert at["dram"][k] == lt["dram"][k], k
assert lt["sim"]["simulated_ns"] > 2 * at["sim"]["simulated_ns"], "LT not serialised"
assert lt["dram"]["bandwidth_GBps"] < at["dram"]["bandwidth_GBps"] / 2
assert lt["dram"]["read_latency_ns"]["mean"] < at["dram"]["read_latency_ns"]["mean"]
assert lt["dram"]["queue_full_rejections"] == 0, "one access at a time never fills a queue"
print("ok   LT: same requests, %.0f ns vs %.0f ns AT, latency %.1f vs %.1f ns" % (
    lt["sim"]["simulated_ns"], at["sim"]["simulated_ns"],
    lt["dram"]["read_latency_ns"]["mean"], at["dram"]["read_latency_ns"]["mean"]))
PY

# --direct on one channel: the same as the staged front end
"$TLM" -c "$CFG" -s system.channels=1 -t "$RAM" --direct -o "$TMP/d.json" >/dev/null
diff <(grep -v wall_seconds "$TMP/b.json") <(grep -v wall_seconds "$TMP/d.json") >&2 ||
  { echo "FAIL --direct differs on one channel"; exit 1; }
echo "ok   --direct equals the staged front end on one channel"

# traffic generator: 2000 random requests, 8 outstanding, all answered
"$TLM" -c "$CFG" -s system.channels=1 --gen 2000 --outstanding 8 --pattern random --writes 30 \
  -o "$TMP/g.json" >"$TMP/g.sum"
grep -q '^generator       2000 requests, 8 outstanding, .* 0 errors$' "$TMP/g.sum" ||
  { echo "FAIL generator"; cat "$TMP/g.sum"; exit 1; }
[ "$(j "$TMP/g.json" dram.requests)" = 2000 ] || { echo "FAIL generator: not 2000 DRAM requests"; exit 1; }
echo "ok   traffic generator: $(grep '^generator' "$TMP/g.sum")"
