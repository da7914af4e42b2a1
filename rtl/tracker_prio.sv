// tracker_prio: fixed-priority select over N request bits. Grants the
// lowest-index request (the highest with HIGH_FIRST = 1); outputs the grant
// one-hot, its index and whether any request was set. The lowest set bit is
// isolated with req & -req (one carry chain, cheap in gates and in
// simulation); the index is the OR of the indices of the grant's set bits.
module tracker_prio #(
  parameter int unsigned N          = 16,
  parameter bit          HIGH_FIRST = 1'b0,
  localparam int unsigned IW        = (N > 1) ? $clog2(N) : 1
) (
  input  logic [N-1:0]  req_i,
  output logic [N-1:0]  gnt_o,
  output logic [IW-1:0] idx_o,
  output logic          any_o
);

  logic [N-1:0] req_r, gnt_r;

  for (genvar i = 0; i < N; i++) begin : g_order
    if (HIGH_FIRST) begin : g_rev
      assign req_r[i]            = req_i[N-1-i];
      assign gnt_o[N-1-i]        = gnt_r[i];
    end else begin : g_fwd
      assign req_r[i]            = req_i[i];
      assign gnt_o[i]            = gnt_r[i];
    end
  end

  assign gnt_r = req_r & (~req_r + 1'b1);
  assign any_o = |req_i;

  // One-hot grant to index: OR of the indices of the set bits.
  always_comb begin
    idx_o = '0;
    for (int unsigned i = 0; i < N; i++) begin
      if (gnt_o[i]) idx_o = idx_o | IW'(i);
    end
  end

endmodule
