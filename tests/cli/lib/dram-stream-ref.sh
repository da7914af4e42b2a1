# Sourced by CLI tests 623 and 625 (not a test itself: tests/cli/*.sh only).
# dram_stream_ref CONFIG TMPDIR: print the bandwidth (GB/s) that CONFIG's
# controller reaches on a DRAM-only streaming trace (`gen_dram_trace
# stream -n 200000 -c 16`, `lgsim run -s die.cus=0`), the memory roof of
# docs/validation.md; nothing and status 1 on failure.
dram_stream_ref() {
	local gen ref
	gen=$(dirname "$LGSIM")/bench/gen_dram_trace
	[ -x "$gen" ] || return 1
	"$gen" stream -n 200000 -c 16 -o "$2/dram-stream.tr" || return 1
	ref=$("$LGSIM" run -c "$1" -s die.cus=0 -t "$2/dram-stream.tr" |
		sed -n 's/^bandwidth *\([0-9.]*\) GB\/s.*/\1/p')
	[ -n "$ref" ] || return 1
	echo "$ref"
}
