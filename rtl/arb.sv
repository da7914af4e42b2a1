// arb: the traffic-class arbiter of one memory-controller unit (channel or
// pseudo-channel). Each controller cycle it tells the scheduler which
// traffic classes (bit 0 COMPUTE, bit 1 COMM) may issue a command; the
// scheduler then issues at most one command of an allowed class and
// reports it on issue_*. The C twin is cmodel/mc/class_arb.c (the very
// function the controller runs), compared with this RTL every cycle by
// `lgsim cosim arbiter`; the rules are written there and in
// docs/arbitration.md ("The arbiter in RTL").
//
// policy_i: 0 BLIND (both allowed), 1 PRIO (COMM only when no COMPUTE
// command is ready), 2 WRR (arb_wrr), 3 MCA (arb_mca). The parameters are
// quasi-static inputs; init_i loads the initial state of the policies
// (lg_carb_init) and takes priority over everything else at the edge.
// The state of the policy not selected holds.
module arb #(
  parameter int unsigned CW = 16,  // occupancy, thresholds, counters
  parameter int unsigned AW = 8,   // arrivals per cycle
  parameter int unsigned WW = 8    // WRR weights
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          init_i,
  // parameters
  input  logic [1:0]    policy_i,
  input  logic [WW-1:0] wrr_weight0_i,
  input  logic [WW-1:0] wrr_weight1_i,
  input  logic [CW-1:0] thr_min_i,
  input  logic [CW-1:0] thr_max_i,
  input  logic [CW-1:0] window_i,
  input  logic [CW-1:0] starve_limit_i,
  // what the unit shows this cycle
  input  logic [CW-1:0] occ0_i,
  input  logic [CW-1:0] occ1_i,
  input  logic [1:0]    ready_i,
  input  logic [AW-1:0] arrived0_i,
  input  logic          issue_valid_i,
  input  logic          issue_cls_i,
  // decision
  output logic [1:0]    allow_o,
  output logic          forced_o,
  // state, observed by the co-simulation
  output logic [CW-1:0] threshold_o,
  output logic [CW-1:0] epoch_cycle_o,
  output logic [CW-1:0] epoch_arrivals_o,
  output logic [CW-1:0] starve_o,
  output logic          wrr_cls_o,
  output logic [WW-1:0] wrr_left_o
);

  localparam logic [1:0] PolBlind = 2'd0;
  localparam logic [1:0] PolPrio  = 2'd1;
  localparam logic [1:0] PolWrr   = 2'd2;
  localparam logic [1:0] PolMca   = 2'd3;

  logic       wrr_turn;
  logic [1:0] mca_allow;
  logic       mca_forced;

  arb_wrr #(
    .WW (WW)
  ) u_wrr (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .en_i          (policy_i == PolWrr),
    .init_i        (init_i),
    .weight0_i     (wrr_weight0_i),
    .weight1_i     (wrr_weight1_i),
    .ready_i       (ready_i),
    .issue_valid_i (issue_valid_i),
    .issue_cls_i   (issue_cls_i),
    .turn_o        (wrr_turn),
    .cls_o         (wrr_cls_o),
    .left_o        (wrr_left_o)
  );

  arb_mca #(
    .CW (CW),
    .AW (AW)
  ) u_mca (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .en_i             (policy_i == PolMca),
    .init_i           (init_i),
    .thr_min_i        (thr_min_i),
    .thr_max_i        (thr_max_i),
    .window_i         (window_i),
    .starve_limit_i   (starve_limit_i),
    .occ0_i           (occ0_i),
    .occ1_i           (occ1_i),
    .comm_ready_i     (ready_i[1]),
    .arrived0_i       (arrived0_i),
    .allow_o          (mca_allow),
    .forced_o         (mca_forced),
    .threshold_o      (threshold_o),
    .epoch_cycle_o    (epoch_cycle_o),
    .epoch_arrivals_o (epoch_arrivals_o),
    .starve_o         (starve_o)
  );

  always_comb begin
    forced_o = 1'b0;
    allow_o  = 2'b11;
    unique case (policy_i)
      PolBlind: allow_o = 2'b11;
      PolPrio:  allow_o = {!ready_i[0], 1'b1};
      PolWrr:   allow_o = wrr_turn ? 2'b10 : 2'b01;
      PolMca: begin
        allow_o  = mca_allow;
        forced_o = mca_forced;
      end
      default:  allow_o = 2'b11;
    endcase
  end

endmodule
