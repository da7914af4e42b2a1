// tracker_entry: one tracker table entry (see docs/tracker.md).
// Holds an address range, the expected and seen byte counts, the re-arm
// state and the DMA descriptor. States: FREE, ARMED (counting), FIRED
// (trigger pending until taken).
module tracker_entry #(
  parameter int unsigned PORTS = 1,
  parameter int unsigned AW    = 32,
  parameter int unsigned CW    = 16,
  parameter int unsigned BW    = 8,
  parameter int unsigned RW    = 4,
  parameter int unsigned DIEW  = 6
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // programming: alloc_i loads the prog_* fields
  input  logic                   alloc_i,
  input  logic [AW-1:0]          prog_base_i,
  input  logic [AW-1:0]          prog_len_i,
  input  logic [CW-1:0]          prog_expect_i,
  input  logic [AW-1:0]          prog_stride_i,
  input  logic [RW-1:0]          prog_rearm_i,
  input  logic [DIEW-1:0]        prog_die_i,
  input  logic [AW-1:0]          prog_dst_i,
  input  logic                   prog_op_i,
  input  logic [1:0]             prog_dtype_i,
  // observe ports
  input  logic [PORTS-1:0]       obs_valid_i,
  input  logic [PORTS*AW-1:0]    obs_addr_i,
  input  logic [PORTS*BW-1:0]    obs_bytes_i,
  output logic [PORTS-1:0]       match_o,   // raw range match per port
  input  logic [PORTS-1:0]       hit_i,     // this entry won the port
  // trigger
  input  logic                   take_i,    // trigger taken this cycle
  output logic                   free_o,
  output logic                   fired_o,
  output logic [1:0]             state_o,
  output logic [CW-1:0]          count_o,
  output logic [AW-1:0]          base_o,
  output logic [DIEW-1:0]        die_o,
  output logic [AW-1:0]          dst_o,
  output logic                   op_o,
  output logic [1:0]             dtype_o,
  output logic                   last_o
);

  localparam logic [1:0] StFree  = 2'd0;
  localparam logic [1:0] StArmed = 2'd1;
  localparam logic [1:0] StFired = 2'd2;
  localparam int unsigned SW = BW + $clog2(PORTS + 1);

  logic [1:0]      state_q, state_d;
  logic [AW-1:0]   base_q, base_d, len_q, len_d, stride_q, stride_d;
  logic [CW-1:0]   expect_q, expect_d, count_q, count_d;
  logic [RW-1:0]   rearm_q, rearm_d;
  logic [DIEW-1:0] die_q, die_d;
  logic [AW-1:0]   dst_q, dst_d;
  logic            op_q, op_d;
  logic [1:0]      dtype_q, dtype_d;

  logic [SW-1:0]   add;
  logic [CW:0]     sum;
  logic [CW-1:0]   sat;

  // Raw match: ARMED and start address inside [base, base+len).
  always_comb begin
    for (int unsigned p = 0; p < PORTS; p++) begin
      match_o[p] = (state_q == StArmed) && obs_valid_i[p] &&
                   ((obs_addr_i[p*AW +: AW] - base_q) < len_q);
    end
  end

  // Bytes of every port this entry won in this cycle.
  always_comb begin
    add = '0;
    for (int unsigned p = 0; p < PORTS; p++) begin
`ifdef TRACKER_MUTATE_WRONG_PORT_PRIORITY
      if (hit_i[p]) add = SW'(obs_bytes_i[p*BW +: BW]);
`else
      if (hit_i[p]) add = add + SW'(obs_bytes_i[p*BW +: BW]);
`endif
    end
  end

  assign sum = {1'b0, count_q} + (CW + 1)'(add);
  assign sat = sum[CW] ? {CW{1'b1}} : sum[CW-1:0];

  // Next state.
  always_comb begin
    state_d  = state_q;
    base_d   = base_q;
    len_d    = len_q;
    stride_d = stride_q;
    expect_d = expect_q;
    count_d  = count_q;
    rearm_d  = rearm_q;
    die_d    = die_q;
    dst_d    = dst_q;
    op_d     = op_q;
    dtype_d  = dtype_q;
    unique case (state_q)
      StFree: begin
        if (alloc_i) begin
          state_d  = StArmed;
          base_d   = prog_base_i;
          len_d    = prog_len_i;
          stride_d = prog_stride_i;
          expect_d = prog_expect_i;
          count_d  = '0;
          rearm_d  = prog_rearm_i;
          die_d    = prog_die_i;
          dst_d    = prog_dst_i;
          op_d     = prog_op_i;
          dtype_d  = prog_dtype_i;
        end
      end
      StArmed: begin
        count_d = sat;
`ifdef TRACKER_MUTATE_THRESHOLD_OFF_BY_ONE
        if (sat > expect_q) state_d = StFired;
`else
        if (sat >= expect_q) state_d = StFired;
`endif
      end
      StFired: begin
        if (take_i) begin
          if (rearm_q != '0) begin
            state_d = StArmed;
            base_d  = base_q + stride_q;
            dst_d   = dst_q + stride_q;
            count_d = '0;
            rearm_d = rearm_q - 1'b1;
          end else begin
            state_d = StFree;
            count_d = '0;
          end
        end
      end
      default: state_d = StFree;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q  <= StFree;
      base_q   <= '0;
      len_q    <= '0;
      stride_q <= '0;
      expect_q <= '0;
      count_q  <= '0;
      rearm_q  <= '0;
      die_q    <= '0;
      dst_q    <= '0;
      op_q     <= 1'b0;
      dtype_q  <= '0;
    end else begin
      state_q  <= state_d;
      base_q   <= base_d;
      len_q    <= len_d;
      stride_q <= stride_d;
      expect_q <= expect_d;
      count_q  <= count_d;
      rearm_q  <= rearm_d;
      die_q    <= die_d;
      dst_q    <= dst_d;
      op_q     <= op_d;
      dtype_q  <= dtype_d;
    end
  end

  assign free_o  = (state_q == StFree);
  assign fired_o = (state_q == StFired);
  assign state_o = state_q;
  assign count_o = count_q;
  assign base_o  = base_q;
  assign die_o   = die_q;
  assign dst_o   = dst_q;
  assign op_o    = op_q;
  assign dtype_o = dtype_q;
  assign last_o  = (rearm_q == '0);

endmodule
