// tracker_prio: fixed-priority select over N request bits. Grants the
// lowest-index request (the highest with HIGH_FIRST = 1); outputs the grant
// one-hot, its index and whether any request was set.
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

  always_comb begin
    gnt_o = '0;
    idx_o = '0;
    any_o = 1'b0;
    if (HIGH_FIRST) begin
      for (int unsigned i = 0; i < N; i++) begin
        if (req_i[i]) begin
          gnt_o      = '0;
          gnt_o[i]   = 1'b1;
          idx_o      = IW'(i);
          any_o      = 1'b1;
        end
      end
    end else begin
      for (int i = int'(N) - 1; i >= 0; i--) begin
        if (req_i[i]) begin
          gnt_o      = '0;
          gnt_o[i]   = 1'b1;
          idx_o      = IW'(i);
          any_o      = 1'b1;
        end
      end
    end
  end

endmodule
