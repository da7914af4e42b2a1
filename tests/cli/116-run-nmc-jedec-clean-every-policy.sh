#!/usr/bin/env bash
# 116: runs with NMC requests (N:<dtype> records, class COMM, mixed with
# COMPUTE reads and writes) keep every JEDEC constraint under every class
# policy x scheduler x page policy, on HBM2 and on HBM3 (two pseudo-channels
# sharing a command bus): lgcheck finds zero violations in each command log.
# Each NMC request must show up as its RD and WR: the log holds at least as
# many RD as reads + NMC requests and as many WR as writes + NMC requests
# (from the stats), and the NMC count is the number of N records.
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
# 6000 records: 1/3 W, about 2/15 N (fp32, bf16, fp16, fp8-e4m3 in turn), the
# rest R; two requests per cycle, addresses over 1 GiB
awk 'BEGIN { s = 11; split("fp32 bf16 fp16 fp8-e4m3", dt, " ");
  for (i = 0; i < 6000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
    op = (s % 3 == 0) ? "W" : ((s % 5 == 0) ? "N:" dt[1 + (i % 4)] : "R");
    printf "%d %s 0x%x\n", i / 2, op, (s % 16777216) * 64 } }' >"$TMP/n.trace"
nn=$(grep -c ' N:' "$TMP/n.trace")
[ "$nn" -gt 500 ] || { echo "FAIL trace has only $nn NMC records"; exit 1; }
runs=0
for cfg in hbm2 hbm3; do
  for pol in blind prio wrr mca; do
    for s in fcfs frfcfs frfcfs_cap; do
      for p in OPEN_PAGE CLOSE_PAGE ADAPTIVE; do
        tag="$cfg $pol $s $p"
        if ! "$LGSIM" run -c "$LG_ROOT/configs/$cfg.ini" -s mc.class_policy=$pol -s mc.scheduler=$s \
            -s system.row_buf_policy=$p -t "$TMP/n.trace" -o "$TMP/s.json" --cmdlog "$TMP/c.log" \
            >/dev/null 2>"$TMP/err"; then
          echo "FAIL $tag: run failed: $(head -1 "$TMP/err")"; fail=1; continue
        fi
        out=$("$LGCHECK" -c "$LG_ROOT/configs/$cfg.ini" "$TMP/c.log" 2>&1 | tail -1)
        case $out in
          *", 0 violations") ;;
          *) echo "FAIL $tag: $out"; fail=1 ;;
        esac
        nmcs=$(grep -m1 '"nmc_requests"' "$TMP/s.json" | tr -dc 0-9)
        [ "$nmcs" = "$nn" ] || { echo "FAIL $tag: nmc_requests $nmcs, expected $nn"; fail=1; }
        runs=$((runs + 1))
      done
    done
  done
done
[ $fail -eq 0 ] && echo "ok   $runs runs with NMC requests, 0 violations"
exit $fail
