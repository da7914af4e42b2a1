// arb_mca: T3's memory-controller arbitration (MCA) for the class arbiter
// (arb.sv; rules in cmodel/mc/class_arb.c). COMPUTE is always allowed;
// COMM while the unit's queue occupancy is below threshold_q. A COMM class
// that is ready but held back for starve_limit_i cycles since it was last
// granted (cycles with COMM queued but not ready hold the count) is
// granted alone (forced_o). Every window_i cycles the threshold becomes
// thr_max - min(COMPUTE arrivals in the window, thr_max - thr_min): one
// queue entry less for COMM per COMPUTE arrival. Counters saturate at
// 2^CW - 1. State moves only while en_i (the MCA policy is selected).
module arb_mca #(
  parameter int unsigned CW = 16,
  parameter int unsigned AW = 8
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          en_i,
  input  logic          init_i,
  input  logic [CW-1:0] thr_min_i,
  input  logic [CW-1:0] thr_max_i,
  input  logic [CW-1:0] window_i,
  input  logic [CW-1:0] starve_limit_i,
  input  logic [CW-1:0] occ0_i,
  input  logic [CW-1:0] occ1_i,
  input  logic          comm_ready_i,
  input  logic [AW-1:0] arrived0_i,
  output logic [1:0]    allow_o,
  output logic          forced_o,
  output logic [CW-1:0] threshold_o,
  output logic [CW-1:0] epoch_cycle_o,
  output logic [CW-1:0] epoch_arrivals_o,
  output logic [CW-1:0] starve_o
);

  localparam logic [CW-1:0] SatMax = '1;

  logic [CW-1:0] threshold_q, threshold_d;
  logic [CW-1:0] epoch_cycle_q, epoch_cycle_d;
  logic [CW-1:0] epoch_arrivals_q, epoch_arrivals_d;
  logic [CW-1:0] starve_q, starve_d;

  logic [CW:0]   occ, arr_sum, ecyc_next;
  logic [CW-1:0] arr, lo, span, cut;
  logic          open, forced;

  // The gate and the starvation limit.
  assign occ    = {1'b0, occ0_i} + {1'b0, occ1_i};
  assign open   = occ < {1'b0, threshold_q};
  assign forced = comm_ready_i && !open && (starve_limit_i != '0) &&
                  (starve_q >= starve_limit_i);
  assign allow_o  = forced ? 2'b10 : {open, 1'b1};
  assign forced_o = forced;
  assign starve_d = (comm_ready_i && !allow_o[1]) ?
                    ((starve_q == SatMax) ? SatMax : starve_q + CW'(1)) :
                    (comm_ready_i || occ1_i == '0) ? '0 : starve_q;

  // The window: count COMPUTE arrivals, adapt the threshold at its end.
  assign arr_sum   = {1'b0, epoch_arrivals_q} + (CW + 1)'(arrived0_i);
  assign arr       = arr_sum[CW] ? SatMax : arr_sum[CW-1:0];
  assign lo        = (thr_min_i > thr_max_i) ? thr_max_i : thr_min_i;
  assign span      = thr_max_i - lo;
  assign cut       = (arr < span) ? arr : span;
  assign ecyc_next = {1'b0, epoch_cycle_q} + (CW + 1)'(1);

  always_comb begin
    if (ecyc_next >= {1'b0, window_i}) begin
      threshold_d      = thr_max_i - cut;
      epoch_cycle_d    = '0;
      epoch_arrivals_d = '0;
    end else begin
      threshold_d      = threshold_q;
      epoch_cycle_d    = ecyc_next[CW-1:0];
      epoch_arrivals_d = arr;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_state
    if (!rst_ni) begin
      threshold_q      <= '0;
      epoch_cycle_q    <= '0;
      epoch_arrivals_q <= '0;
      starve_q         <= '0;
    end else if (init_i) begin
      threshold_q      <= thr_max_i;
      epoch_cycle_q    <= '0;
      epoch_arrivals_q <= '0;
      starve_q         <= '0;
    end else if (en_i) begin
      threshold_q      <= threshold_d;
      epoch_cycle_q    <= epoch_cycle_d;
      epoch_arrivals_q <= epoch_arrivals_d;
      starve_q         <= starve_d;
    end
  end

  assign threshold_o      = threshold_q;
  assign epoch_cycle_o    = epoch_cycle_q;
  assign epoch_arrivals_o = epoch_arrivals_q;
  assign starve_o         = starve_q;

endmodule
