#!/usr/bin/env bash
# Idempotent set-up: install the Debian packages lgsim needs, only those missing.
# Called by `make run` and `make test`; safe to run again and again.
set -euo pipefail
PKGS=(cmake make gcc g++ pkg-config zlib1g-dev check libinih-dev liblzma-dev
      xz-utils verilator libsystemc-dev yosys valgrind gzip)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
