// arb_wrr: weighted round robin between the two traffic classes
// (COMPUTE = 0, COMM = 1), the WRR policy of the class arbiter (arb.sv;
// rules in cmodel/mc/class_arb.c). The class holding the turn is granted
// alone; a turn whose class has nothing ready passes to the other class
// in the same cycle; each issue of the turn's class uses one of its
// weight's grants and the last one passes the turn. A weight of 0 counts
// as 1. State moves only while en_i (the WRR policy is selected).
module arb_wrr #(
  parameter int unsigned WW = 8
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          en_i,
  input  logic          init_i,
  input  logic [WW-1:0] weight0_i,
  input  logic [WW-1:0] weight1_i,
  input  logic [1:0]    ready_i,
  input  logic          issue_valid_i,
  input  logic          issue_cls_i,
  output logic          turn_o,
  output logic          cls_o,
  output logic [WW-1:0] left_o
);

  logic          cls_q, cls_d;
  logic [WW-1:0] left_q, left_d;
  logic [WW-1:0] w0, w1, wturn, wother, left_p;
  logic          pass, turn;

  assign w0 = (weight0_i == '0) ? WW'(1) : weight0_i;
  assign w1 = (weight1_i == '0) ? WW'(1) : weight1_i;

  // The turn passes when its class has nothing ready and the other has.
  assign pass   = !ready_i[cls_q] && ready_i[!cls_q];
  assign turn   = pass ? !cls_q : cls_q;
  assign wturn  = turn ? w1 : w0;
  assign wother = turn ? w0 : w1;
  assign left_p = pass ? wturn : left_q;

  always_comb begin
    cls_d  = turn;
    left_d = left_p;
    if (issue_valid_i && (issue_cls_i == turn)) begin
      if (left_p > WW'(1)) begin
        left_d = left_p - WW'(1);
      end else begin
        cls_d  = !turn;
        left_d = wother;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_state
    if (!rst_ni) begin
      cls_q  <= 1'b0;
      left_q <= '0;
    end else if (init_i) begin
      cls_q  <= 1'b0;
      left_q <= w0;
    end else if (en_i) begin
      cls_q  <= cls_d;
      left_q <= left_d;
    end
  end

  assign turn_o = turn;
  assign cls_o  = cls_q;
  assign left_o = left_q;

endmodule
