# gentrace.awk: small deterministic DRAM request traces for the checker's
# integration and mutation tests, in the lgsim text format
# "<cycle> R|W 0xADDR" (DESIGN.md), 64 B requests.
#
#   awk -v kind=KIND -v n=N [-v seed=S] [-v gap=G] -f gentrace.awk
#
# KIND: random  uniform addresses in 1 GiB, 2:1 reads:writes
#       stream  sequential reads
#       mixed   sequential runs of 16 with random jumps, half writes
#       wtr     pairs "W addr, R addr+64": write then read, same row
# A request issues every 1..G cycles (default 2). Park-Miller LCG, so every
# awk gives the same trace for the same seed.
function rnd(m) {
	state = (state * 16807) % 2147483647
	return state % m
}
BEGIN {
	if (seed == "") seed = 1
	if (gap == "") gap = 2
	state = seed + 0
	cyc = 0; addr = 0
	for (i = 0; i < n; i++) {
		cyc += 1 + rnd(gap)
		if (kind == "random") {
			a = rnd(16777216) * 64
			op = rnd(3) == 0 ? "W" : "R"
		} else if (kind == "stream") {
			a = i * 64
			op = "R"
		} else if (kind == "mixed") {
			if (i % 16 == 0) addr = rnd(16777216) * 64
			a = addr; addr += 64
			op = rnd(2) ? "W" : "R"
		} else if (kind == "wtr") {
			if (i % 2 == 0) { addr = rnd(16777216) * 64; a = addr; op = "W" }
			else { a = addr + 64; op = "R" }
		} else {
			print "gentrace.awk: unknown kind " kind > "/dev/stderr"
			exit 2
		}
		printf "%d %s 0x%x\n", cyc, op, a
	}
}
