#!/usr/bin/env bash
# Include arrows point one way: trace/ (DRAM request readers) includes no
# kernel-trace code; ktrace/ and cu/ include nothing of trace/ or ktdreq/;
# the memory-only replay of kernel traces (ktdreq/) sits above them all.
set -euo pipefail
cd "$LG_ROOT/cmodel"
bad=0
check() { # folder pattern what
  if grep -n "#include \"$2" "$1"/*.[ch]; then
    echo "FAIL: $1/ includes $2 ($3)"
    bad=1
  fi
}
check trace ktrace/ "trace/ must not depend on the kernel-trace reader"
check trace ktdreq/ "trace/ must not depend on the kernel-trace adaptor"
check trace cu/ "trace/ must not depend on the CU"
check ktrace trace/ "ktrace/ must not depend on the DRAM request readers"
check ktrace ktdreq/ "ktrace/ must not depend on the adaptor"
check cu trace/ "cu/ must not depend on the DRAM request readers"
check cu ktdreq/ "cu/ must not depend on the adaptor"
[ ! -e ktrace/ktrace_dreq.c ] || { echo "FAIL: ktrace/ktrace_dreq.c is back"; bad=1; }
exit $bad
