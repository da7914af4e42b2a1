// tracker RTL file list (top: tracker)
-Wall
rtl/tracker.vlt
rtl/tracker_prio.sv
rtl/tracker_entry.sv
rtl/tracker.sv
--top-module tracker
