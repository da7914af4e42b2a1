#!/usr/bin/env bash
# 803: the install rules (what `make install` runs: cmake --install) put
# liblgcm, liblgsim-systemc, <lgsim/tlm_mem.h>, lgsim-systemc.pc and the
# preset configs under a staged prefix (DESTDIR), and the user project of
# docs/systemc.md (systemc/examples/user-project, its own CMakeLists.txt
# finding lgsim through pkg-config) builds out of tree against it and runs:
# 100 LT accesses and 100 AT reads, 200 requests in the model's summary.
# Also checks that the top-level Makefile's install target is that command
# and that docs/systemc.md shows the project's files as they are.
set -euo pipefail
[ -x "$LG_BUILD/lgsim-tlm" ] || { echo "SKIP: SystemC not found at configure time"; exit 77; }
export SC_COPYRIGHT_MESSAGE=DISABLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PFX=/opt/lgsim-test

make -n -C "$LG_ROOT" install BUILD="$LG_BUILD" PREFIX=$PFX DESTDIR="$TMP/dest" >"$TMP/make-n"
grep -q "DESTDIR=$TMP/dest cmake --install $LG_BUILD --prefix $PFX" "$TMP/make-n" ||
  { echo "FAIL make install does not run cmake --install with PREFIX and DESTDIR"; exit 1; }
DESTDIR="$TMP/dest" cmake --install "$LG_BUILD" --prefix $PFX >"$TMP/install.log"
R=$TMP/dest$PFX
for f in include/lgsim/tlm_mem.h share/lgsim/configs/hbm2.ini; do
  [ -f "$R/$f" ] || { echo "FAIL $f not installed"; cat "$TMP/install.log"; exit 1; }
done
PC=$(find "$R" -name lgsim-systemc.pc)
[ -n "$PC" ] || { echo "FAIL lgsim-systemc.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$PC")
pkg-config --print-requires lgsim-systemc | grep -q '^systemc' || { echo "FAIL .pc lacks Requires: systemc"; exit 1; }
libs=$(pkg-config --libs lgsim-systemc)
[[ "$libs" == *-llgsim-systemc* && "$libs" == *-llgcm* && "$libs" == *-lsystemc* ]] ||
  { echo "FAIL pkg-config --libs: $libs"; exit 1; }
CFG=$(pkg-config --variable=configdir lgsim-systemc)/hbm2.ini
[ -f "$CFG" ] || { echo "FAIL configdir: $CFG"; exit 1; }

# A sanitized build installs instrumented libraries: the user links the runtime too.
extra=()
if grep -q '^LG_SANITIZE:BOOL=ON' "$LG_BUILD/CMakeCache.txt"; then
  extra=(-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined)
fi
# docs/systemc.md shows these very files
python3 - "$LG_ROOT" <<'PY'
import sys
root = sys.argv[1]
doc = open(root + "/docs/systemc.md").read()
for f in ("CMakeLists.txt", "main.cpp"):
    block = doc.split("<!-- user-project/%s -->" % f)[1].split("```", 2)[1]
    block = block.split("\n", 1)[1]
    assert block == open(root + "/systemc/examples/user-project/" + f).read(), f + ": docs/systemc.md differs"
print("ok   docs/systemc.md shows the user project's files")
PY
cp -r "$LG_ROOT/systemc/examples/user-project" "$TMP/src"
cmake -S "$TMP/src" -B "$TMP/bld" "${extra[@]}" >"$TMP/cfg.log" 2>&1 || { cat "$TMP/cfg.log"; exit 1; }
cmake --build "$TMP/bld" >"$TMP/bld.log" 2>&1 || { cat "$TMP/bld.log"; exit 1; }
"$TMP/bld/platform" "$CFG" system.channels=1 >"$TMP/out"
cat "$TMP/out"
grep -q '^platform: 100 LT accesses' "$TMP/out" && grep -q ', 100 AT reads' "$TMP/out" &&
  grep -q '^requests        200 ' "$TMP/out" || { echo "FAIL unexpected output"; exit 1; }
# bad config: one line naming the key, status 2
set +e
err=$("$TMP/bld/platform" "$CFG" system.channels=0 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 2 ] && [[ "$err" == *system.channels* ]] || { echo "FAIL bad override: status $rc '$err'"; exit 1; }
echo ok
