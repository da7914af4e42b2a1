#!/usr/bin/env python3
"""
bench/ram2_model.py VERSION N [ref] [--no-drop]: an estimate of what
Ramulator 2 gives for N uniform random reads on one HBM3 channel (both
pseudo-channels), from a small model of its generic controller written
after reading its source (docs/dram.md, "HBM3 random reads against
Ramulator 2.1"); Ramulator itself cannot be installed here. Not its code,
and not checked against a run of it: the rules as read.

VERSION 2.0: HBM3.cpp's HBM3_2Gbps timing (configs/hbm3-ramulator2-2gbps.ini),
no refresh (its AllBank refresh finds no rank level in that model and never
refreshes). VERSION 2.1: HBM3_5.2Gbps with HBM3_8Gb_1R (configs/hbm3.ini);
"ref" adds its AllBank refresh as it acts on HBM3: a REFab every nREFI to
pseudo-channel 0 only, issued without closing the banks first.
--no-drop: leave out the rule that drops a PRE for the cycle when an
active-buffer request is on its bank.

Rules modelled (per channel, one controller, one command per cycle):
  - read buffer of 33 (ReqBuffer max_size 32, enqueue while size <= 32),
    active buffer (requests whose ACT issued) of 33;
  - each tick: best of the active buffer (ready first, then oldest) if it is
    ready; else the priority buffer head (refresh) -- if not ready, nothing
    issues; else best of the read buffer (ready first, then oldest) if ready;
    a closing command (PRE) is dropped for the cycle if an active-buffer
    request is on the same bank;
  - ACT moves the request to the active buffer; RD removes it; PRE leaves it;
  - the frontend offers one request per cycle.
Timing: the HBM3.cpp constraint table of the chosen version, by level.
"""
import sys, random
NODROP = '--no-drop' in sys.argv

def params(ver):
    if ver == "2.0":   # HBM3_2Gbps, tCK 1 ns, 64 B per RD
        v = dict(nBL=4, nCL=7, nRCDRD=7, nRP=7, nRAS=17, nRC=19, nRTPS=2, nRTPL=3,
                 nCCDS=1, nCCDL=2, nRRDS=2, nRRDL=3, nFAW=15, nRFC=350, nREFI=3900,
                 tck=1.0, bytes=64)
    else:              # 2.1 HBM3_5.2Gbps, tCK 0.769 ns, 32 B per RD
        v = dict(nBL=2, nCL=19, nRCDRD=19, nRP=19, nRAS=45, nRC=63, nRTPS=6, nRTPL=8,
                 nCCDS=2, nCCDL=4, nRRDS=2, nRRDL=4, nFAW=39, nRFC=456, nREFI=5070,
                 tck=0.769, bytes=32)
    return v

ACT, PRE, RD, REF = 0, 1, 2, 3

def run(ver, nreq, refresh, seed=1, bufmax=32):
    p = params(ver)
    rng = random.Random(seed)
    npc, nbg, nba, nrow = 2, 4, 4, 32768
    # earliest cycle per command: channel, pc (incl. the 2.1 rank level), bg, bank
    ch = [0] * 4
    pc = [[0] * 4 for _ in range(npc)]
    bg = [[[0] * 4 for _ in range(nbg)] for _ in range(npc)]
    bk = [[[[0] * 4 for _ in range(nba)] for _ in range(nbg)] for _ in range(npc)]
    faw = [[-10**9] * 4 for _ in range(npc)]   # last four ACTs of a pc, newest first
    openrow = [[[-1] * nba for _ in range(nbg)] for _ in range(npc)]
    reqs = [(rng.randrange(npc), rng.randrange(nbg), rng.randrange(nba), rng.randrange(nrow))
            for _ in range(nreq)]
    rbuf, abuf, prio = [], [], []
    nxt = 0
    done = 0
    last_depart = 0
    clk = 0
    nact = 0
    rl = p["nCL"] + p["nBL"]

    def cmd_of(r):
        _, a, b, c, row = r
        o = openrow[a][b][c]
        if o < 0:
            return ACT
        return RD if o == row else PRE

    def ready(cmd, r):
        _, a, b, c, _ = r
        if cmd == ACT:
            t = max(ch[ACT], pc[a][ACT], faw[a][3] + p["nFAW"], bg[a][b][ACT], bk[a][b][c][ACT])
        elif cmd == PRE:
            t = max(ch[PRE], bk[a][b][c][PRE])
        else:
            t = max(pc[a][RD], bg[a][b][RD], bk[a][b][c][RD])
        return clk >= t

    def best(buf):
        cand, cr = None, False
        for r in buf:
            c = cmd_of(r)
            rd = ready(c, r)
            if cand is None or (rd and not cr) or (rd == cr and r[0] < cand[0]):
                cand, cc, cr = r, c, rd
        return (cand, cc, cr) if cand is not None else (None, None, False)

    def issue(cmd, r):
        nonlocal nact
        _, a, b, c, row = r
        if cmd == ACT:
            nact += 1
            for k in (ACT, PRE):
                ch[k] = max(ch[k], clk + 2)
            pc[a][ACT] = max(pc[a][ACT], clk + p["nRRDS"])
            faw[a] = [clk] + faw[a][:3]
            bg[a][b][ACT] = max(bg[a][b][ACT], clk + p["nRRDL"])
            x = bk[a][b][c]
            x[ACT] = max(x[ACT], clk + p["nRC"])
            x[RD] = max(x[RD], clk + p["nRCDRD"])
            x[PRE] = max(x[PRE], clk + p["nRAS"])
            openrow[a][b][c] = row
        elif cmd == PRE:
            x = bk[a][b][c]
            x[ACT] = max(x[ACT], clk + p["nRP"])
            openrow[a][b][c] = -1
        else:
            pc[a][RD] = max(pc[a][RD], clk + max(p["nBL"], p["nCCDS"]))
            bg[a][b][RD] = max(bg[a][b][RD], clk + p["nCCDL"])
            x = bk[a][b][c]
            x[PRE] = max(x[PRE], clk + max(p["nRTPS"], p["nRTPL"]))

    while done < nreq:
        clk += 1
        # frontend: one request per cycle
        if nxt < nreq and len(rbuf) <= bufmax:
            a, b, c, row = reqs[nxt]
            rbuf.append((clk * 1000 + nxt, a, b, c, row))
            nxt += 1
        if refresh and clk % p["nREFI"] == 0:
            prio.append(clk)
        found = None
        r, c, rd = best(abuf)
        if r is not None and rd:
            found = (abuf, r, c)
        if found is None and prio:
            # 2.1: REFab to pseudo-channel 0, no precharge first; ready after an ACT's 2 cycles
            if clk >= ch[ACT]:
                pc[0][ACT] = max(pc[0][ACT], clk + p["nRFC"])
                prio.pop(0)
            continue
        if found is None:
            r, c, rd = best(rbuf)
            if r is not None and rd:
                found = (rbuf, r, c)
        if found is not None and found[2] == PRE and not NODROP:
            _, a, b, cc, _ = found[1]
            if any(x[1] == a and x[2] == b and x[3] == cc for x in abuf):
                found = None
        if found is None:
            continue
        buf, r, c = found
        issue(c, r)
        if c == RD:
            buf.remove(r)
            done += 1
            last_depart = clk + rl
        elif c == ACT:
            buf.remove(r)
            abuf.append(r)
    cycles = last_depart
    gbps = nreq * p["bytes"] / (cycles * p["tck"])
    return gbps, nact / nreq, cycles

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--no-drop"]
    if len(args) < 2 or args[0] not in ("2.0", "2.1"):
        sys.exit("usage: ram2_model.py 2.0|2.1 N [ref] [--no-drop]")
    ver = args[0]
    n = int(args[1])
    refresh = len(args) > 2 and args[2] == "ref"
    g, a, cyc = run(ver, n, refresh)
    print("ramulator %s model: %d reads, %d cycles, %.2f GB/s per channel, %.4f ACT/read%s"
          % (ver, n, cyc, g, a, " (refresh: REFab to pc 0 only)" if refresh else " (no refresh)"))
