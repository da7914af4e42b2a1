#!/usr/bin/env bash
# 524 (issue 14): the README tour is copy-pasteable. Every command of the
# README's fenced ```sh blocks (continuation lines joined) runs from a
# folder laid out like the repository root (configs, traces, tests and
# build/ linked), in order, and exits 0. `make ...` lines are left out (they
# install and build: the test runs inside a build), and so are `cosim`
# commands when this build has no co-simulation (LG_COSIM=OFF: no
# lgsim-cosim next to lgsim).
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
for d in configs traces tests docs rtl; do ln -s "$LG_ROOT/$d" "$d"; done
ln -s "$LG_BUILD" build
cosim=1 # `lgsim cosim` runs lgsim-cosim from lgsim's folder, built with LG_COSIM=ON
[ -x "$(dirname "$LGSIM")/lgsim-cosim" ] || cosim=0
awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$LG_ROOT/README.md" |
  sed -e 's/[[:space:]]*#.*$//' | awk '{ if (sub(/\\$/, "")) { acc = acc $0 } else { print acc $0; acc = "" } }' \
  >cmds.txt
n=0 fails=0
while IFS= read -r cmd; do
  [ -z "${cmd// }" ] && continue
  case $cmd in make\ *) continue ;; esac
  if [ $cosim = 0 ] && [[ $cmd == *" cosim "* ]]; then echo "skip (no cosim in this build): $cmd"; continue; fi
  n=$((n + 1))
  if bash -c "$cmd" >out.txt 2>&1; then
    echo "ok   $cmd"
  else
    echo "FAIL $cmd"; sed 's/^/     /' out.txt | head -5; fails=$((fails + 1))
  fi
done <cmds.txt
[ $n -ge 8 ] || { echo "FAIL only $n commands found in the README"; exit 1; }
[ $fails -eq 0 ] || exit 1
