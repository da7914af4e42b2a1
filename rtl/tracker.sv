// tracker: the T3 DMA tracker (behaviour contract: docs/tracker.md).
// A table of ENTRIES address ranges observes up to PORTS accepted writes
// per cycle, counts bytes per range and raises a trigger carrying the
// range's DMA descriptor when a range has received its expected count.
// Triggers are held in the table (FIRED entries) until the DMA engine takes
// them; the lowest-index FIRED entry is presented first.
//
// Structure (chosen for both gates and simulation speed, see "Speed" in
// docs/tracker.md): the entry fields are register files (unpacked arrays);
// the entry states are two ENTRIES-bit vectors (armed_q, fired_q: FREE 00,
// ARMED 01, FIRED 10). Per port, a priority scan finds the lowest-index
// ARMED entry whose range holds the address; a shared adder per port
// updates that entry's count (ports that hit the same entry add up). An
// entry armed with expect 0 fires in its first ARMED cycle (zexp_q). Every
// input-dependent next-state term is computed inside the one always_ff
// process, so a cycle-based simulator evaluates it once per clock edge.
module tracker #(
  parameter int unsigned ENTRIES = 64,
  parameter int unsigned PORTS   = 4,
  parameter int unsigned AW      = 64,
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
  // observe ports, one accepted write or NMC update per memory channel
  // (pseudo-channel) per cycle; obs_nmc_i marks an NMC update, which
  // counts like a write and also in nmc_cnt_o
  input  logic [PORTS-1:0]         obs_valid_i,
  input  logic [PORTS-1:0]         obs_nmc_i,
  input  logic [PORTS*AW-1:0]      obs_addr_i,
  input  logic [PORTS*BW-1:0]      obs_bytes_i,
  // trigger to the DMA engine
  output logic                     trig_valid_o,
  input  logic                     trig_ready_i,
  output logic [IW-1:0]            trig_idx_o,
  output logic [AW-1:0]            trig_base_o,
  output logic [AW-1:0]            trig_len_o,
  output logic [DIEW-1:0]          trig_die_o,
  output logic [AW-1:0]            trig_dst_o,
  output logic                     trig_op_o,
  output logic [1:0]               trig_dtype_o,
  output logic                     trig_last_o,
  // statistics and co-simulation observation
  output logic [31:0]              miss_cnt_o,
  output logic [31:0]              nmc_cnt_o,
  output logic [HW-1:0]            state_hash_o
);

  // Bytes of all ports in one cycle: PORTS * 255 fits in SW bits.
  localparam int unsigned SW = BW + $clog2(PORTS + 1);
  // HW-bit chunks of an ENTRIES-bit state vector (for the state hash).
  localparam int unsigned NCH = (ENTRIES + HW - 1) / HW;

  // Entry register files.
  logic [ENTRIES-1:0] armed_q, fired_q, zexp_q;
  logic [AW-1:0]      base_q   [ENTRIES];
  logic [AW-1:0]      len_q    [ENTRIES];
  logic [AW-1:0]      stride_q [ENTRIES];
  logic [AW-1:0]      dst_q    [ENTRIES];
  logic [CW-1:0]      expect_q [ENTRIES];
  logic [CW-1:0]      count_q  [ENTRIES];
  logic [RW-1:0]      rearm_q  [ENTRIES];
  logic [DIEW-1:0]    die_q    [ENTRIES];
  logic [1:0]         dtype_q  [ENTRIES];
  logic [ENTRIES-1:0] op_q;
  logic [31:0]        miss_cnt_q, nmc_cnt_q;

  logic [ENTRIES-1:0] free;
  logic               take_any;

  // Free-entry allocation: lowest-index FREE entry.
  assign free = ~(armed_q | fired_q);
  tracker_prio #(.N(ENTRIES), .HIGH_FIRST(1'b0)) u_alloc_prio (
    .req_i (free),
    .idx_o (prog_idx_o),
    .any_o (prog_ready_o)
  );

  // Trigger selection: lowest-index FIRED entry.
  tracker_prio #(.N(ENTRIES), .HIGH_FIRST(1'b0)) u_trig_prio (
    .req_i (fired_q),
    .idx_o (trig_idx_o),
    .any_o (trig_valid_o)
  );

  assign take_any = trig_valid_o && trig_ready_i;

  // Trigger payload: the presented entry's fields (all zero when idle).
  assign trig_base_o  = trig_valid_o ? base_q[trig_idx_o]  : '0;
  assign trig_len_o   = trig_valid_o ? len_q[trig_idx_o]   : '0;
  assign trig_die_o   = trig_valid_o ? die_q[trig_idx_o]   : '0;
  assign trig_dst_o   = trig_valid_o ? dst_q[trig_idx_o]   : '0;
  assign trig_op_o    = trig_valid_o && op_q[trig_idx_o];
  assign trig_dtype_o = trig_valid_o ? dtype_q[trig_idx_o] : '0;
  assign trig_last_o  = trig_valid_o && (rearm_q[trig_idx_o] == '0);

  // Observe, count, fire, take and program: one clock-edge process. The
  // per-port terms are blocking temporaries local to this process.
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_table
    logic [PORTS-1:0]   hit;
    logic [IW-1:0]      hidx [PORTS];
    logic [SW-1:0]      tot;
    logic [CW:0]        sum;
    logic [CW-1:0]      sat;
    logic [32:0]        macc, nacc;
    logic [ENTRIES-1:0] armed_d, fired_d, fire;
    logic [IW-1:0]      ti;

    if (!rst_ni) begin
      armed_q    <= '0;
      fired_q    <= '0;
      zexp_q     <= '0;
      op_q       <= '0;
      miss_cnt_q <= '0;
      nmc_cnt_q  <= '0;
      for (int unsigned e = 0; e < ENTRIES; e++) begin
        base_q[e]   <= '0;
        len_q[e]    <= '0;
        stride_q[e] <= '0;
        dst_q[e]    <= '0;
        expect_q[e] <= '0;
        count_q[e]  <= '0;
        rearm_q[e]  <= '0;
        die_q[e]    <= '0;
        dtype_q[e]  <= '0;
      end
    end else begin
      // Per port: the lowest-index ARMED entry whose range holds the
      // address wins the write; unmatched valid writes are misses.
      macc = {1'b0, miss_cnt_q};
      nacc = {1'b0, nmc_cnt_q};
      for (int unsigned p = 0; p < PORTS; p++) begin
        hit[p]  = 1'b0;
        hidx[p] = '0;
        if (obs_valid_i[p]) begin
          for (int e = ENTRIES - 1; e >= 0; e--) begin
            if (armed_q[e] && ((obs_addr_i[p*AW +: AW] - base_q[e]) < len_q[e])) begin
              hit[p]  = 1'b1;
              hidx[p] = IW'(e);
            end
          end
          macc = macc + 33'(!hit[p]);
          nacc = nacc + 33'(obs_nmc_i[p]);
        end
      end
      miss_cnt_q <= macc[32] ? 32'hFFFF_FFFF : macc[31:0];
      nmc_cnt_q  <= nacc[32] ? 32'hFFFF_FFFF : nacc[31:0];

      // Armed with expect 0: fires in this cycle with or without bytes.
      fire = armed_q & zexp_q;
      // Per port: the hit entry adds the bytes of every port that hit it.
      for (int unsigned p = 0; p < PORTS; p++) begin
        if (hit[p]) begin
          tot = '0;
          for (int unsigned q = 0; q < PORTS; q++) begin
            if (hit[q] && hidx[q] == hidx[p]) begin
              tot = tot + SW'(obs_bytes_i[q*BW +: BW]);
            end
          end
          sum = {1'b0, count_q[hidx[p]]} + (CW + 1)'(tot);
          sat = sum[CW] ? {CW{1'b1}} : sum[CW-1:0];
          count_q[hidx[p]] <= sat;
          if (sat >= expect_q[hidx[p]]) fire[hidx[p]] = 1'b1;
        end
      end
      armed_d = armed_q & ~fire;
      fired_d = fired_q | fire;

      // The presented trigger is taken: re-arm or free its entry.
      if (take_any) begin
        ti = trig_idx_o;
        fired_d[ti] = 1'b0;
        count_q[ti] <= '0;
        if (rearm_q[ti] != '0) begin
          armed_d[ti]  = 1'b1;
          base_q[ti]  <= base_q[ti] + stride_q[ti];
          dst_q[ti]   <= dst_q[ti] + stride_q[ti];
          rearm_q[ti] <= rearm_q[ti] - 1'b1;
        end
      end

      // Program the lowest-index FREE entry.
      if (prog_valid_i && prog_ready_o) begin
        armed_d[prog_idx_o]  = 1'b1;
        zexp_q[prog_idx_o]   <= (prog_expect_i == '0);
        base_q[prog_idx_o]   <= prog_base_i;
        len_q[prog_idx_o]    <= prog_len_i;
        stride_q[prog_idx_o] <= prog_stride_i;
        expect_q[prog_idx_o] <= prog_expect_i;
        count_q[prog_idx_o]  <= '0;
        rearm_q[prog_idx_o]  <= prog_rearm_i;
        die_q[prog_idx_o]    <= prog_die_i;
        dst_q[prog_idx_o]    <= prog_dst_i;
        op_q[prog_idx_o]     <= prog_op_i;
        dtype_q[prog_idx_o]  <= prog_dtype_i;
      end
      armed_q <= armed_d;
      fired_q <= fired_d;
    end
  end
  assign miss_cnt_o = miss_cnt_q;
  assign nmc_cnt_o  = nmc_cnt_q;

  // Observation hash: XOR over entries e of rotl({state_e, count_e}, e mod
  // HW) in HW bits. Rotation is linear over XOR, so it is computed in parts:
  // the counts, each shifted left by e mod HW into a 2*HW-bit accumulator
  // whose upper half is folded onto the lower (the bits a rotation wraps);
  // the state bits, whose rotation depends only on e mod HW, by folding the
  // ARMED and FIRED vectors into HW-bit chunks (entries with equal e mod HW
  // land on one bit) and rotating the folds once. Same value as the
  // per-entry rotation, one shift and one XOR per entry.
  always_comb begin
    logic [2*HW-1:0] acc;
    logic [HW-1:0]   fa, ff;
    logic [NCH*HW-1:0] ap, fp;
    acc = '0;
    for (int unsigned e = 0; e < ENTRIES; e++) begin
      acc = acc ^ ((2*HW)'(count_q[e]) << (e % HW));
    end
    ap = (NCH*HW)'(armed_q);
    fp = (NCH*HW)'(fired_q);
    fa = '0;
    ff = '0;
    for (int unsigned k = 0; k < NCH; k++) begin
      fa = fa ^ ap[k*HW +: HW];
      ff = ff ^ fp[k*HW +: HW];
    end
    state_hash_o = acc[HW-1:0] ^ acc[2*HW-1:HW] ^
                   HW'({fa, fa} >> 2) ^ HW'({ff, ff} >> 1);
  end

endmodule
