// tracker RTL file list (top: tracker)
-Wall
rtl/tracker.vlt
rtl/tracker_prio.sv
rtl/tracker.sv
--top-module tracker
// the reset loops over the entry arrays are unrolled up to 128 entries
--unroll-count 256
// and the per-port loops up to 32 ports (their bodies hold non-blocking
// writes to the count array, which Verilator only accepts unrolled)
--unroll-stmts 1000000
