// tracker: the T3 DMA tracker (behaviour contract: docs/tracker.md).
// A table of ENTRIES address ranges observes up to PORTS accepted writes
// per cycle, counts bytes per range and raises a trigger carrying the
// range's DMA descriptor when a range has received its expected count.
// Triggers are held in the table (FIRED entries) until the DMA engine takes
// them; the lowest-index FIRED entry is presented first.
module tracker #(
  parameter int unsigned ENTRIES = 64,
  parameter int unsigned PORTS   = 4,
  parameter int unsigned AW      = 32,
  parameter int unsigned CW      = 16,
  localparam int unsigned BW     = 8,
  localparam int unsigned RW     = 4,
  localparam int unsigned DIEW   = 6,
  localparam int unsigned IW     = $clog2(ENTRIES),
  localparam int unsigned HW     = CW + 2
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // programming
  input  logic                     prog_valid_i,
  output logic                     prog_ready_o,
  output logic [IW-1:0]            prog_idx_o,
  input  logic [AW-1:0]            prog_base_i,
  input  logic [AW-1:0]            prog_len_i,
  input  logic [CW-1:0]            prog_expect_i,
  input  logic [AW-1:0]            prog_stride_i,
  input  logic [RW-1:0]            prog_rearm_i,
  input  logic [DIEW-1:0]          prog_die_i,
  input  logic [AW-1:0]            prog_dst_i,
  input  logic                     prog_op_i,
  input  logic [1:0]               prog_dtype_i,
  // observe ports, one accepted write per memory channel per cycle
  input  logic [PORTS-1:0]         obs_valid_i,
  input  logic [PORTS*AW-1:0]      obs_addr_i,
  input  logic [PORTS*BW-1:0]      obs_bytes_i,
  // trigger to the DMA engine
  output logic                     trig_valid_o,
  input  logic                     trig_ready_i,
  output logic [IW-1:0]            trig_idx_o,
  output logic [AW-1:0]            trig_base_o,
  output logic [DIEW-1:0]          trig_die_o,
  output logic [AW-1:0]            trig_dst_o,
  output logic                     trig_op_o,
  output logic [1:0]               trig_dtype_o,
  output logic                     trig_last_o,
  // statistics and co-simulation observation
  output logic [31:0]              miss_cnt_o,
  output logic [HW-1:0]            state_hash_o
);

  // Per-entry signals, flattened: entry e's field sits at [e*W +: W].
  logic [ENTRIES-1:0]            free, fired, alloc, take, trig_gnt;
  logic [ENTRIES*PORTS-1:0]      match, hit;     // entry-major
  logic [PORTS*ENTRIES-1:0]      match_t, hit_t; // port-major
  logic [PORTS-1:0]              port_any;
  logic [ENTRIES*2-1:0]          e_state, e_dtype;
  logic [ENTRIES*CW-1:0]         e_count;
  logic [ENTRIES*AW-1:0]         e_base, e_dst;
  logic [ENTRIES*DIEW-1:0]       e_die;
  logic [ENTRIES-1:0]            e_op, e_last;
  logic                          prog_any, take_any;
  logic [31:0]                   miss_cnt_q, miss_cnt_d;

  // Free-entry allocation: lowest-index FREE entry.
  tracker_prio #(.N(ENTRIES), .HIGH_FIRST(1'b0)) u_alloc_prio (
    .req_i (free),
    .gnt_o (alloc),
    .idx_o (prog_idx_o),
    .any_o (prog_any)
  );
  assign prog_ready_o = prog_any;

  // Trigger selection: lowest-index FIRED entry.
`ifdef TRACKER_MUTATE_WRONG_TRIGGER_PRIORITY
  localparam bit TrigHighFirst = 1'b1;
`else
  localparam bit TrigHighFirst = 1'b0;
`endif
  tracker_prio #(.N(ENTRIES), .HIGH_FIRST(TrigHighFirst)) u_trig_prio (
    .req_i (fired),
    .gnt_o (trig_gnt),
    .idx_o (trig_idx_o),
    .any_o (trig_valid_o)
  );

`ifdef TRACKER_MUTATE_DROP_BACKPRESSURED_TRIGGER
  // Planted bug: with two or more pending triggers and ready low, the
  // presented trigger is treated as taken (lost).
  assign take_any = trig_valid_o &&
                    (trig_ready_i || (|(fired & (fired - 1'b1))));
`else
  assign take_any = trig_valid_o && trig_ready_i;
`endif
  assign take = take_any ? trig_gnt : '0;

  // Per port: the lowest-index matching entry wins the write.
  for (genvar e = 0; e < ENTRIES; e++) begin : g_xpose_e
    for (genvar p = 0; p < PORTS; p++) begin : g_xpose_p
      assign match_t[p*ENTRIES+e] = match[e*PORTS+p];
      assign hit[e*PORTS+p]       = hit_t[p*ENTRIES+e];
    end
  end

  for (genvar p = 0; p < PORTS; p++) begin : g_port
    logic [IW-1:0] unused_idx;
    tracker_prio #(.N(ENTRIES), .HIGH_FIRST(1'b0)) u_port_prio (
      .req_i (match_t[p*ENTRIES +: ENTRIES]),
      .gnt_o (hit_t[p*ENTRIES +: ENTRIES]),
      .idx_o (unused_idx),
      .any_o (port_any[p])
    );
  end

  for (genvar e = 0; e < ENTRIES; e++) begin : g_entry
    tracker_entry #(
      .PORTS (PORTS),
      .AW    (AW),
      .CW    (CW),
      .BW    (BW),
      .RW    (RW),
      .DIEW  (DIEW)
    ) u_entry (
      .clk_i         (clk_i),
      .rst_ni        (rst_ni),
      .alloc_i       (prog_valid_i && alloc[e]),
      .prog_base_i   (prog_base_i),
      .prog_len_i    (prog_len_i),
      .prog_expect_i (prog_expect_i),
      .prog_stride_i (prog_stride_i),
      .prog_rearm_i  (prog_rearm_i),
      .prog_die_i    (prog_die_i),
      .prog_dst_i    (prog_dst_i),
      .prog_op_i     (prog_op_i),
      .prog_dtype_i  (prog_dtype_i),
      .obs_valid_i   (obs_valid_i),
      .obs_addr_i    (obs_addr_i),
      .obs_bytes_i   (obs_bytes_i),
      .match_o       (match[e*PORTS +: PORTS]),
      .hit_i         (hit[e*PORTS +: PORTS]),
      .take_i        (take[e]),
      .free_o        (free[e]),
      .fired_o       (fired[e]),
      .state_o       (e_state[e*2 +: 2]),
      .count_o       (e_count[e*CW +: CW]),
      .base_o        (e_base[e*AW +: AW]),
      .die_o         (e_die[e*DIEW +: DIEW]),
      .dst_o         (e_dst[e*AW +: AW]),
      .op_o          (e_op[e]),
      .dtype_o       (e_dtype[e*2 +: 2]),
      .last_o        (e_last[e])
    );
  end

  // Trigger payload: AND-OR mux on the one-hot grant (all zero when idle).
  always_comb begin
    trig_base_o  = '0;
    trig_die_o   = '0;
    trig_dst_o   = '0;
    trig_op_o    = 1'b0;
    trig_dtype_o = '0;
    trig_last_o  = 1'b0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      trig_base_o  |= e_base[e*AW +: AW]     & {AW{trig_gnt[e]}};
      trig_die_o   |= e_die[e*DIEW +: DIEW]  & {DIEW{trig_gnt[e]}};
      trig_dst_o   |= e_dst[e*AW +: AW]      & {AW{trig_gnt[e]}};
      trig_op_o    |= e_op[e]                & trig_gnt[e];
      trig_dtype_o |= e_dtype[e*2 +: 2]      & {2{trig_gnt[e]}};
      trig_last_o  |= e_last[e]              & trig_gnt[e];
    end
  end

  // Misses: valid writes that matched no entry, saturating.
  always_comb begin
    logic [32:0] acc;
    acc = {1'b0, miss_cnt_q};
    for (int unsigned p = 0; p < PORTS; p++) begin
      acc = acc + 33'(obs_valid_i[p] && !port_any[p]);
    end
    miss_cnt_d = acc[32] ? 32'hFFFF_FFFF : acc[31:0];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      miss_cnt_q <= '0;
    end else begin
      miss_cnt_q <= miss_cnt_d;
    end
  end
  assign miss_cnt_o = miss_cnt_q;

  // Observation hash: XOR of rotl({state, count}, e mod HW).
  always_comb begin
    logic [HW-1:0] v;
    state_hash_o = '0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      v = {e_state[e*2 +: 2], e_count[e*CW +: CW]};
      state_hash_o ^= HW'((v << (e % HW)) | (v >> ((HW - (e % HW)) % HW)));
    end
  end

endmodule
