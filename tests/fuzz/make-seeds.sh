#!/usr/bin/env bash
# Regenerate the seed corpora tests/fuzz/corpus/<target>/ from the files in
# tests/data, tests/checker/data, configs/ and traces/ (kept small: at most
# 64 KiB each, so that libFuzzer's default input length stays short).
# LGSIM (default build/lgsim) converts an lgt trace to lgt-text and writes
# a command log.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LGSIM=${LGSIM:-$ROOT/build/lgsim}
C=$ROOT/tests/fuzz/corpus
rm -rf "$C"
mkdir -p "$C"/{config,dtrace_lgsim,dtrace_dramsim3,dtrace_ramulator,kt_lgt,kt_text,kt_accelsim,tracker_replay,lgcheck_log}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# config: the presets, DRAMsim3's HBM2 file, the checker's edge config
cp "$ROOT"/configs/*.ini "$C/config/"
cp "$ROOT"/tests/data/*.ini "$ROOT"/tests/checker/data/edge.ini "$C/config/"

# DRAM traces: the head of the bundled stream trace in each format, plain and gzip
{ zcat "$ROOT/traces/stream_1ch.trace.gz" || true; } | head -300 >"$T/s.txt"
cp "$T/s.txt" "$C/dtrace_lgsim/stream.trace"
printf '# every field\n0 R 0x0\n1 W 0x40 64\n2 N:bf16 0x80 32 # nmc\n\n3 N:fp8-e4m3 0x100\n' \
  >"$C/dtrace_lgsim/fields.trace"
printf '1ns R 0x0\n1.5ns W 0x40\n2.125ns N:fp32 0x80 4096\n' >"$C/dtrace_lgsim/ns.trace"
awk '{printf "%s %s %s\n", $3, ($2 == "R" ? "READ" : "WRITE"), $1}' "$T/s.txt" \
  >"$C/dtrace_dramsim3/stream.trace"
awk '{printf "%s %s\n", ($2 == "R" ? "LD" : "ST"), $3}' "$T/s.txt" >"$C/dtrace_ramulator/stream.trace"
printf 'LD 4096\nST 0X40\n# c\nLD 0x80\n' >"$C/dtrace_ramulator/dec.trace"
for d in dtrace_lgsim dtrace_dramsim3 dtrace_ramulator; do
  head -40 "$C/$d/stream.trace" | gzip -9n >"$C/$d/stream-head.trace.gz"
done

# lgt: the decompressed bundled traces (the harness compresses them again)
{ zcat "$ROOT/traces/rs_4die_die0_256k.lgt" || true; } | head -c 65536 >"$C/kt_lgt/rs.lgt.raw"
{ zcat "$ROOT/traces/gemm_bf16_512x512x256.lgt" || true; } | head -c 65536 >"$C/kt_lgt/gemm-head.lgt.raw"
cp "$ROOT/traces/rs_4die_die0_256k.lgt" "$C/kt_lgt/rs.lgt.gz"
"$LGSIM" trace convert "$ROOT/traces/rs_4die_die0_256k.lgt" "$T/rs.lgtt" --text
head -c 65536 "$T/rs.lgtt" >"$C/kt_text/rs.lgtt"
"$LGSIM" trace convert "$ROOT/tests/data/accelsim/kernelslist.g" "$T/as.lgtt" --text
cp "$T/as.lgtt" "$C/kt_text/accelsim.lgtt"

# Accel-Sim: a list, "%%", a .traceg (the list may name kernel-1.traceg and kernel-2.traceg.xz)
A=$ROOT/tests/data/accelsim
for k in 1 2 3; do
  { printf 'MemcpyHtoD,0x00007f1000000000,16384\nkernel-1.traceg\nMemcpyDtoH,0x1000,64\nkernel-2.traceg.xz\n%%%%\n'
    cat "$A/kernel-$k.traceg"; } >"$C/kt_accelsim/kernel-$k"
done
{ cat "$A/old/kernelslist.g"; printf '%%%%\n'; cat "$A/old/kernel-2.traceg"; } >"$C/kt_accelsim/old"
sed -i '1s/.*/kernel-1.traceg/' "$C/kt_accelsim/old"

# tracker replay: the hand-written trace of test 302
cat >"$C/tracker_replay/t.trk" <<'T'
# cycle P hex-base len expect [stride rearm die hex-dst op dtype]
0 P 1000 256 256 256 1 3 80000 1 0
0 P 4000 128 128
2 0 1000 128
3 0 1080 128       # entry 0 step 0 complete
4 1 4000 64
10 3 11ff 1
11 0 dead0 32
T

# lgcheck: the checker's edge and state logs, and the start of a log of
# lgsim run (its config header and the first commands)
for f in "$ROOT"/tests/checker/data/edge/*.log "$ROOT"/tests/checker/data/state/*; do
  cp "$f" "$C/lgcheck_log/$(basename "$(dirname "$f")")-$(basename "$f")"
done
(cd "$ROOT" && "$LGSIM" run -c configs/hbm2.ini -s system.channels=1 -t traces/stream_1ch.trace.gz \
  --cmdlog "$T/run.log" >/dev/null)
head -300 "$T/run.log" >"$C/lgcheck_log/run-header.log"
du -sh "$C"
