#!/usr/bin/env bash
# 002: docs/config.md is exactly what `lgsim config doc` prints from the key
# table. Fails when someone adds a key and forgets `make docs`.
set -euo pipefail
if ! diff -u "$LG_ROOT/docs/config.md" <("$LGSIM" config doc); then
  echo "docs/config.md is stale: run 'make docs'" >&2
  exit 1
fi
keys=$("$LGSIM" config keys)
grep -q '^timing.tRCDRD ' <<<"$keys" || { echo "config keys lacks timing.tRCDRD" >&2; exit 1; }
