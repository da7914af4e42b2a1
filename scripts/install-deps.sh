#!/usr/bin/env bash
# Idempotent set-up: install the Debian packages lgsim needs, only those missing.
# Called by `make run` and `make test`; safe to run again and again.
#   --fuzz  also clang and its libFuzzer runtime (`make fuzz`, tests/fuzz);
#           without them the fuzz tests of `make test` are SKIPPED
#   --plot  also python3-matplotlib (scripts/estimates.sh draws docs/estimates.png,
#           scripts/validation.sh docs/validation-roofline.png; not used by make test)
set -euo pipefail
PKGS=(cmake make gcc g++ pkg-config zlib1g-dev check libinih-dev liblzma-dev
      xz-utils verilator libsystemc-dev yosys valgrind gzip python3)
if [ "${1:-}" = --plot ]; then
  PKGS+=(python3-matplotlib)
fi
if [ "${1:-}" = --fuzz ]; then
  PKGS+=(clang)
  # libFuzzer comes with clang's runtime package (libclang-rt-N-dev on Debian 12)
  v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
  [ -n "$v" ] && PKGS+=("libclang-rt-$v-dev")
fi
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
# a clang installed just now: its libFuzzer runtime, named after its version
if [ "${1:-}" = --fuzz ] && ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
   clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then
  v=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
  $SUDO apt-get install -y -qq --no-install-recommends "libclang-rt-$v-dev"
fi
