#!/usr/bin/env bash
# bench/randcfg.sh BUILD_DIR [DRAWS] [SEED] -- many randomized configurations
# against the protocol checker (tests/checker/randcfg.py; make test runs 16
# draws of seed 1). Each draw is a legal config from the key table's ranges
# with random traces, run, checked by `lgcheck LOG` and rerun for identity.
# Prints every failing draw as the config file that reproduces it (kept
# with its traces in BUILD_DIR/randcfg-failures/), then
# "randcfg: D draws run, F failures (R rejected by lgsim, seed S)" and the
# draws per second. Defaults: 500 draws, seed 2.
set -euo pipefail
BUILD=${1:?usage: bench/randcfg.sh BUILD_DIR [DRAWS] [SEED]}
DRAWS=${2:-500}
SEED=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
KEEP=$BUILD/randcfg-failures
mkdir -p "$KEEP"
t0=$(date +%s.%N)
rc=0
python3 "$ROOT/tests/checker/randcfg.py" --lgsim "$BUILD/lgsim" --lgcheck "$BUILD/lgcheck" \
  --draws "$DRAWS" --seed "$SEED" --keep "$KEEP" || rc=$?
t1=$(date +%s.%N)
awk -v n="$DRAWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "randcfg: %.1f s, %.2f draws/s\n", b - a, n / (b - a) }'
exit $rc
