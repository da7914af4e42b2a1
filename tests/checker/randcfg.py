#!/usr/bin/env python3
"""Randomized configurations against the protocol checker (docs/checker.md).

Each draw is a legal lgsim configuration, its values taken from the ranges
of the config key table (`lgsim config keys`, cmodel/core/config_keys.def):
organisation (protocol, pseudo-channels, bank groups, banks, rows, columns,
burst length, bus width, channels, address map), every DRAM timing, queue
sizes and drain marks, scheduler, page and refresh policies, traffic-class
arbitration, front-end latency and staging; plus one to three random
traces (random, streaming, mixed, write-then-read or NMC records, sizes of
one burst or 1..4096 bytes, cycle or ns times). Each draw is run with
`lgsim run --cmdlog`, its log checked by `lgcheck LOG` (the config comes
from the log's header), and run again: the stats (less wall_seconds) and
the command log must be bit-identical.

A draw fails when lgsim crashes, hangs (--timeout), stops on its watchdog,
rejects the drawn config other than with one line naming the config file,
or when the log has violations or the rerun differs. A failing draw is
printed as the config file that reproduces it, with the command lines; with
--keep DIR its config and traces are kept in DIR/draw-<seed>-<n>/.

Values are drawn log-uniformly between the key's bounds (small and large
values both come up), with the relations lgsim enforces (tRAS >= tRCD,
tRC >= tRAS + tRP, long >= short, tREFI > tRFC, channel_size = the
organisation's size, ...) applied while drawing. The key table's upper
bounds are kept except where a bound would make a draw run for minutes
(the caps in CAPS, each with its reason).

usage: randcfg.py --lgsim L --lgcheck C [--draws N] [--seed S] [--only N]
                  [--requests R] [--timeout T] [--keep DIR]
Prints one line per failure and "randcfg: D draws run, F failures" (and
the rejected draws); exit 1 if any draw failed.
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

# Upper bounds tighter than the key table's, to keep one draw under a
# second or two; the reason for each is next to it.
CAPS = {
    "system.channels": 16,         # every channel refreshes for the whole run
    "dram_structure.rows": 1 << 16, # rows only widen the address space
    "timing.tREFI": 200000,        # refresh is seen in a run of ~1e5 cycles
    "timing.tREFIb": 200000,
    "system.trans_queue_size": 512, # deeper queues are scanned every cycle
    "mc.read_queue_depth": 512,
    "mc.write_queue_depth": 512,
    "sim.staging_depth": 4096,
    "mc.frontend_latency": 256,
}


def key_table(lgsim):
    """{'section.key': (type, lo, hi, choices)} from `lgsim config keys`."""
    out = subprocess.run([lgsim, "config", "keys"], check=True, capture_output=True,
                         text=True).stdout
    table = {}
    for line in out.splitlines():
        m = re.match(r"(\S+)\s+(\S+)\s+default=.*?\s+range=(\S+)", line)
        if not m:
            continue
        name, typ, rng = m.groups()
        if typ in ("int", "float"):
            lo, hi = rng.split("..")
            conv = int if typ == "int" else float
            table[name] = (typ, conv(lo), conv(hi), None)
        elif typ == "enum":
            table[name] = (typ, None, None, rng.split("|"))
        else:
            table[name] = (typ, None, None, None)
    return table


class Draw:
    """One configuration drawn with its own random generator."""

    def __init__(self, table, rng):
        self.t, self.r, self.v = table, rng, {}

    def bounds(self, key, lo=None, hi=None):
        _, klo, khi, _ = self.t[key]
        khi = min(khi, CAPS.get(key, khi))
        return max(klo, lo if lo is not None else klo), min(khi, hi if hi is not None else khi)

    def int(self, key, lo=None, hi=None):
        """An int of key's range (narrowed to [lo, hi]), log-uniform."""
        a, b = self.bounds(key, lo, hi)
        if b <= a:
            x = a
        else:
            x = int(round(math.exp(self.r.uniform(math.log(a + 1), math.log(b + 1))) - 1))
            x = min(max(x, a), b)
        self.v[key] = x
        return x

    def pow2(self, key, lo=None, hi=None):
        a, b = self.bounds(key, lo, hi)
        ea, eb = math.ceil(math.log2(max(a, 1))), math.floor(math.log2(b))
        x = 1 << self.r.randint(ea, eb)
        self.v[key] = x
        return x

    def float(self, key):
        a, b = self.bounds(key)
        x = math.exp(self.r.uniform(math.log(a), math.log(b)))
        self.v[key] = float("%.4g" % x)
        return self.v[key]

    def choice(self, key, among=None):
        x = self.r.choice(among or self.t[key][3])
        self.v[key] = x
        return x

    def bool(self, key):
        x = self.r.random() < 0.5
        self.v[key] = "true" if x else "false"
        return x

    def maybe(self, p=0.5):
        return self.r.random() < p


def draw_org(d):
    """Organisation: powers of two whose size is a whole number of MB."""
    for _ in range(1000):
        d.v.clear()
        d.choice("dram_structure.protocol")
        pcs = d.pow2("dram_structure.pseudo_channels")
        bgs = d.pow2("dram_structure.bankgroups")
        bpg = d.pow2("dram_structure.banks_per_group")
        rows = d.pow2("dram_structure.rows")
        bl = d.pow2("dram_structure.BL")
        cols = d.pow2("dram_structure.columns", lo=max(2, bl // 2))
        width = d.pow2("dram_structure.device_width", lo=8)
        d.v["system.bus_width"] = width
        d.bool("dram_structure.bankgroup_enable")
        d.bool("dram_structure.hbm_dual_cmd")
        d.pow2("system.channels")
        size = 2 * cols * width // 8 * rows * bgs * bpg * pcs
        if size % (1 << 20) == 0 and 1 <= size >> 20 <= d.t["system.channel_size"][2]:
            d.v["system.channel_size"] = size >> 20
            fields = ["ch", "pc", "ra", "bg", "ba", "ro", "co"]
            d.r.shuffle(fields)
            d.v["system.address_mapping"] = "".join(fields)
            return size
    raise RuntimeError("no organisation of a whole number of MB in 1000 tries")


def draw_timing(d):
    """Every timing key, with the relations lgsim checks (dram_spec.c)."""
    d.float("timing.tCK")
    for k in ("AL", "CL", "CWL", "tRP", "tWR", "tRTRS", "tRPRE", "tWPRE"):
        d.int("timing." + k)
    # tRCD alone (stands in for tRCDRD/tRCDWR) or the specific ones
    rcd = d.int("timing.tRCD")
    if d.maybe():
        rcd = max(d.int("timing.tRCDRD"), d.int("timing.tRCDWR"))
    ras = d.int("timing.tRAS", lo=max(rcd, d.v.get("timing.tRCDRD", rcd)))
    if d.maybe():
        d.int("timing.tRC", lo=ras + d.v["timing.tRP"])
    else:
        d.v["timing.tRC"] = 0
    for s, l in (("tRRD_S", "tRRD_L"), ("tCCD_S", "tCCD_L"), ("tWTR_S", "tWTR_L")):
        d.int("timing." + l, lo=d.int("timing." + s))
    if d.maybe(0.2):
        d.v["timing.tFAW"] = 0
    else:
        d.int("timing.tFAW", lo=d.v["timing.tRRD_S"])
    # tRTP alone, tRTP_L alone, or both (the checker takes the smaller)
    which = d.r.randrange(3)
    if which != 1:
        d.int("timing.tRTP")
    if which != 0:
        d.int("timing.tRTP_S")
        d.int("timing.tRTP_L")
    # refresh: the interval well above the refresh time, so that requests
    # get through (an interval of tRFC + 1 is legal but all refresh)
    rfc = d.int("timing.tRFC")
    d.int("timing.tREFI", lo=2 * rfc + 4 * ras)
    rfcb = d.int("timing.tRFCb")
    d.int("timing.tREFIb", lo=2 * rfcb + ras)


def draw_mc(d):
    """Queues, drain marks, policies, class arbitration, front end."""
    d.int("system.trans_queue_size")
    for k in ("mc.read_queue_depth", "mc.write_queue_depth"):
        if d.maybe():
            d.int(k, lo=1)
    hi = d.int("mc.write_high_pct")
    d.int("mc.write_low_pct", hi=hi - 1)
    d.int("mc.row_hit_cap")
    d.int("mc.frontend_latency")
    d.choice("mc.scheduler")
    d.choice("system.row_buf_policy")
    d.choice("system.refresh_policy")
    d.choice("system.queue_structure")
    d.choice("mc.class_policy")
    d.int("mc.wrr_weight_compute")
    d.int("mc.wrr_weight_comm")
    d.int("mc.mca_thr_max", lo=d.int("mc.mca_thr_min"))
    d.int("mc.mca_window")
    # up to twice the refresh interval, so limits past it (test 118's case)
    # are drawn; larger limits only make runs long
    refi = d.v["timing.tREFI"] - d.v["timing.tRFC"]
    d.int("mc.mca_starve_limit", hi=max(1, 2 * refi))
    d.int("nmc.alu_cycles")
    if d.maybe():
        d.int("sim.staging_depth")
    if d.maybe(0.3):
        d.int("sim.max_outstanding", lo=1)


def draw_config(table, rng):
    d = Draw(table, rng)
    size = draw_org(d)
    draw_timing(d)
    draw_mc(d)
    return d.v, size * d.v["system.channels"]


def write_ini(path, values, header):
    """values {'section.key': v} as an INI file, header as ';' comments."""
    sections = {}
    for k, v in values.items():
        s, n = k.split(".", 1)
        sections.setdefault(s, []).append((n, v))
    with open(path, "w") as f:
        for h in header:
            f.write("; %s\n" % h)
        for s, kv in sections.items():
            f.write("[%s]\n" % s)
            for n, v in kv:
                f.write("%s = %s\n" % (n, v))


def write_trace(path, rng, n, capacity, burst):
    """
    n random requests in the lgsim text format, addresses below capacity,
    sizes of at most four bursts of burst bytes (a draw's burst can be 2 B:
    a 4096 B request would be 2048 bursts).
    """
    kind = rng.choice(["random", "stream", "mixed", "wtr", "nmc"])
    ns = rng.random() < 0.2
    sized = rng.random() < 0.3
    span = min(capacity, 1 << 34)
    t, addr = 0, rng.randrange(0, span) & ~63
    lines = []
    for i in range(n):
        t += rng.choice([0, 0, 1, 2, 5, 20]) if rng.random() < 0.97 else rng.randrange(1000, 50000)
        if kind == "random" or (kind == "mixed" and i % 16 == 0):
            addr = rng.randrange(0, span) & ~31
        else:
            addr = (addr + 64) % span
        op = "R"
        if kind in ("random", "mixed"):
            op = "W" if rng.random() < 0.4 else "R"
        elif kind == "wtr":
            op = "W" if i % 2 == 0 else "R"
        elif kind == "nmc" and rng.random() < 0.5:
            op = "N:" + rng.choice(["fp32", "bf16", "fp16", "fp8-e4m3"])
        size = ""
        if sized:
            want = rng.choice([1, burst // 2, burst, burst + 3, 2 * burst, 4 * burst])
            size = " %d" % max(1, min(want, 4096, span - addr))
        lines.append("%s %s 0x%x%s\n" % ("%dns" % t if ns else t, op, addr, size))
    with open(path, "w") as f:
        f.writelines(lines)
    return kind


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout


def stats_less_wall(path):
    with open(path) as f:
        s = json.load(f)
    s.get("sim", {}).pop("wall_seconds", None)
    return s


def one_draw(a, table, n, tmp):
    """Run draw n; returns (status, message): ok, rejected or FAIL."""
    rng = random.Random("%d/%d" % (a.seed, n))
    values, capacity = draw_config(table, rng)
    d = os.path.join(tmp, "draw-%d-%d" % (a.seed, n))
    os.makedirs(d, exist_ok=True)
    traces, kinds = [], []
    for i in range(rng.choice([1, 1, 1, 2, 3])):
        traces.append(os.path.join(d, "t%d.trace" % i))
        burst = values["system.bus_width"] // 8 * values["dram_structure.BL"]
        kinds.append(write_trace(traces[-1], rng, rng.randrange(a.requests // 4, a.requests + 1),
                                 capacity, burst))
    ini = os.path.join(d, "cfg.ini")
    me = os.path.relpath(__file__)
    write_ini(ini, values, ["randcfg draw %d of seed %d (traces: %s)" % (n, a.seed, " ".join(kinds)),
                            "reproduce: %s --lgsim L --lgcheck C --seed %d --only %d --keep DIR"
                            % (me, a.seed, n)])
    base = [a.lgsim, "run", "-c", ini] + sum([["-t", t] for t in traces], [])
    outs = []
    for k in (1, 2):
        cmd = base + ["-o", os.path.join(d, "s%d.json" % k), "--cmdlog", os.path.join(d, "c%d.log" % k)]
        rc, out, err = run(cmd, a.timeout)
        if k == 1 and rc == 2 and err.count("\n") == 1 and err.startswith(ini + ":"):
            return "rejected", d, err.strip()
        if rc != 0:
            return "FAIL", d, "lgsim run (%s) exit %s: %s" % (" ".join(cmd), rc, err.strip()[:300])
        outs.append(out)
    rc, out, err = run([a.lgcheck, os.path.join(d, "c1.log")], a.timeout)
    if rc != 0:
        viol = [l for l in out.splitlines() if " violated: " in l][:3]
        return "FAIL", d, "lgcheck exit %s: %s %s" % (rc, "; ".join(viol), (out.splitlines() or [""])[-1] + err.strip())
    with open(os.path.join(d, "c1.log"), "rb") as f1, open(os.path.join(d, "c2.log"), "rb") as f2:
        if f1.read() != f2.read():
            return "FAIL", d, "rerun: command logs differ"
    if stats_less_wall(os.path.join(d, "s1.json")) != stats_less_wall(os.path.join(d, "s2.json")):
        return "FAIL", d, "rerun: stats differ"
    return "ok", d, out.strip().splitlines()[-1]


def report(a, n, d, msg):
    """A failing draw: the reason, its config file, where it is kept."""
    print("FAIL draw %d (seed %d): %s" % (n, a.seed, msg))
    with open(os.path.join(d, "cfg.ini")) as f:
        print("".join("     " + l for l in f))
    if a.keep:
        dst = os.path.join(a.keep, os.path.basename(d))
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(d, dst, ignore=shutil.ignore_patterns("*.log", "*.json", "*.tmp"))
        print("     kept in %s" % dst)
    sys.stdout.flush()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lgsim", required=True)
    p.add_argument("--lgcheck", required=True)
    p.add_argument("--draws", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", type=int, default=None, help="run draw N alone")
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--timeout", type=int, default=60)
    p.add_argument("--keep", default=None, help="keep failing draws here")
    p.add_argument("-v", "--verbose", action="store_true")
    a = p.parse_args()
    table = key_table(a.lgsim)
    tmp = tempfile.mkdtemp(prefix="randcfg.")
    draws = [a.only] if a.only is not None else range(a.draws)
    nrun = nrej = nfail = 0
    try:
        for n in draws:
            status, d, msg = one_draw(a, table, n, tmp)
            nrej += status == "rejected"
            nrun += status != "rejected"
            if status == "FAIL":
                nfail += 1
                report(a, n, d, msg)
            elif a.verbose:
                print("%-8s draw %d: %s" % (status, n, msg))
            shutil.rmtree(d, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("randcfg: %d draws run, %d failures (%d rejected by lgsim, seed %d)"
          % (nrun, nfail, nrej, a.seed))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
