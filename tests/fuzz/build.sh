#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz) in folder $1 with clang, ASan and
# UBSan. Exit 77 (ctest: SKIPPED) when clang or its libFuzzer is missing:
# `scripts/install-deps.sh --fuzz` installs them.
set -euo pipefail
B=${1:?usage: build.sh BUILD_DIR}
ROOT=${LG_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v clang >/dev/null 2>&1 ||
   ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
     clang -fsanitize=fuzzer -x c - -o "${TMPDIR:-/tmp}/lgfz-probe.$$" >/dev/null 2>&1; then
  echo "SKIPPED: clang with libFuzzer is not installed (scripts/install-deps.sh --fuzz)"
  exit 77
fi
rm -f "${TMPDIR:-/tmp}/lgfz-probe.$$"
CXX=clang++
command -v clang++ >/dev/null 2>&1 || CXX=g++
CC=clang CXX=$CXX cmake -S "$ROOT" -B "$B" -DLG_FUZZ=ON -DLG_COSIM=OFF -DLG_MUTANTS=OFF \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$B" --target fuzz-all -j "${JOBS:-2}" -- --no-print-directory -s 2>&1 |
  grep -v '^\[' || true
ls "$B"/fuzz-* >/dev/null
