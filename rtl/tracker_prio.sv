// tracker_prio: fixed-priority select over N request bits. Selects the
// lowest-index request (the highest with HIGH_FIRST = 1) and outputs its
// index and whether any request was set. The lowest set bit is isolated with
// req & -req (one carry chain, cheap in gates and in simulation); index bit
// b is the OR of the one-hot grant bits whose index has bit b set.
module tracker_prio #(
  parameter int unsigned N          = 16,
  parameter bit          HIGH_FIRST = 1'b0,
  localparam int unsigned IW        = (N > 1) ? $clog2(N) : 1
) (
  input  logic [N-1:0]  req_i,
  output logic [IW-1:0] idx_o,
  output logic          any_o
);

  logic [N-1:0]  req_r, gnt_r;
  logic [IW-1:0] idx_r;

  if (HIGH_FIRST) begin : g_rev
    for (genvar i = 0; i < N; i++) begin : g_bit
      assign req_r[i] = req_i[N-1-i];
    end
    assign idx_o = IW'(N - 1) - idx_r;
  end else begin : g_fwd
    assign req_r = req_i;
    assign idx_o = idx_r;
  end

  assign gnt_r = req_r & (~req_r + 1'b1);
  assign any_o = |req_i;

  // One-hot grant to index: bit b of the index is set for grant bits whose
  // position has bit b set.
  for (genvar b = 0; b < IW; b++) begin : g_idx
    logic [N-1:0] sel;
    for (genvar i = 0; i < N; i++) begin : g_sel
      assign sel[i] = ((i >> b) & 1) != 0;
    end
    assign idx_r[b] = |(gnt_r & sel);
  end

endmodule
