#!/usr/bin/env bash
# 210-checker-integration: every command log lgsim writes checks clean.
#
# Random, streaming, mixed read/write and write-then-read traces
# (tests/checker/gentrace.awk)
# run through `lgsim run --cmdlog` for every scheduler x page policy x
# refresh policy, on configs/hbm2.ini with 2 channels and on
# configs/hbm3.ini when present; lgcheck must find 0 violations in each log.
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
GEN=$LG_ROOT/tests/checker/gentrace.awk
N=${LG_CHECK_REQUESTS:-3000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT


for kind in random stream mixed wtr; do
  awk -v kind=$kind -v n="$N" -v seed=7 -f "$GEN" >"$tmp/$kind.trace"
done

configs=("$LG_ROOT/configs/hbm2.ini|-s system.channels=2")
[ -f "$LG_ROOT/configs/hbm3.ini" ] && configs+=("$LG_ROOT/configs/hbm3.ini|")

fail=0 runs=0 cmds=0
for entry in "${configs[@]}"; do
  ini=${entry%%|*}
  read -r -a extra <<<"${entry#*|}"
  for sched in fcfs frfcfs frfcfs_cap; do
    for page in OPEN_PAGE CLOSE_PAGE ADAPTIVE; do
      for ref in RANK_LEVEL_STAGGERED BANK_LEVEL_STAGGERED; do
        set_=(-c "$ini" "${extra[@]}" -s mc.scheduler=$sched
              -s system.row_buf_policy=$page -s system.refresh_policy=$ref)
        for kind in random stream mixed wtr; do
          what="$(basename "$ini") ${extra[*]} $sched $page $ref $kind"
          log=$tmp/cmd.log
          if ! "$LGSIM" run "${set_[@]}" -t "$tmp/$kind.trace" --cmdlog "$log" \
               -o "$tmp/s.json" >"$tmp/run.out" 2>&1; then
            echo "FAIL lgsim run ($what): $(tail -n 3 "$tmp/run.out")" >&2
            fail=1
            continue
          fi
          out=$("$LGCHECK" "${set_[@]}" "$log" 2>&1)
          rc=$?
          runs=$((runs + 1))
          cmds=$((cmds + $(wc -l <"$log")))
          if [ $rc -ne 0 ]; then
            echo "FAIL lgcheck ($what): rc=$rc" >&2
            head -n 5 <<<"$out" >&2
            tail -n 1 <<<"$out" >&2
            grep ' violated: ' <<<"$out" | sed 's/.* \([^ ]*\) violated: .*/\1/' |
              sort | uniq -c >&2
            fail=1
          fi
        done
      done
    done
  done
done
echo "$runs runs, $cmds commands checked"
exit $fail
