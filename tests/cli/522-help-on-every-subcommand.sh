#!/usr/bin/env bash
# 522 (issue 14): `--help` on every subcommand prints its usage and options
# on stdout and exits 0; the generators' options are printed by `trace gen
# KIND --help` (they were only in docs/trace-format.md).
set -uo pipefail
LGCHECK=${LGCHECK:-$LG_BUILD/lgcheck}
fails=0
# check WORDS... -- CMD...: exit 0, "usage:" and every word on stdout.
check() {
  local words=()
  while [ "$1" != -- ]; do words+=("$1"); shift; done
  shift
  local out rc
  out=$("$@" 2>/dev/null); rc=$?
  if [ $rc -ne 0 ]; then echo "FAIL $*: exit $rc"; fails=$((fails + 1)); return; fi
  for w in usage: "${words[@]}"; do
    grep -qF -- "$w" <<<"$out" || { echo "FAIL $*: no '$w'"; fails=$((fails + 1)); return; }
  done
  echo "ok   $*"
}
check run trace config -- "$LGSIM" --help
check info convert gen -- "$LGSIM" trace --help
check --format --no-footprint -- "$LGSIM" trace info --help
check --format --text -- "$LGSIM" trace convert --help
check gemm random -- "$LGSIM" trace gen --help
check --dtype --tile --warps --dies "default 128x128x32" -- "$LGSIM" trace gen gemm --help
check --bytes --die-stride --data --out -- "$LGSIM" trace gen rs --help
check --bytes --die-stride -- "$LGSIM" trace gen a2a -h
check --op --bytes -- "$LGSIM" trace gen stream --help
check --count --seed -- "$LGSIM" trace gen random --help
check -c -s -t --cmdlog -- "$LGSIM" run --help
check --bytes --die-stride -- "$LGSIM" trace gen ag --help
check --cycles --seed --trace --wave -- "$LGSIM" cosim tracker --help
check --policy --width -- "$LGSIM" cosim arbiter --help
check keys doc -- "$LGSIM" config keys --help
check -c -s --vs -- "$LGSIM" estimate --help
check keys doc -- "$LGSIM" config --help
check --gates -- "$LGSIM" area --help
[ -x "$LGCHECK" ] && check --timing "-c CONFIG" -- "$LGCHECK" --help
[ $fails -eq 0 ] || exit 1
