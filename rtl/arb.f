// class arbiter RTL file list (top: arb)
-Wall
rtl/arb.vlt
rtl/arb_wrr.sv
rtl/arb_mca.sv
rtl/arb.sv
--top-module arb
