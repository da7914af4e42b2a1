# Sourced by CLI tests 621 and 626 (not a test itself: tests/cli/*.sh only).
# two_streams DIR: write DIR/k.txt, a streaming read kernel (64 CTAs of 4
# warps, 1 MiB, lgt-text), and DIR/two.txt: that kernel on stream 0, then
# the same body named "second" (id 2) on stream 1 reading other addresses;
# status 1 on failure.
two_streams() {
	"$LGSIM" trace gen stream --op read --bytes 1048576 --ctas 64 --warps 4 -o "$1/k.lgt" >/dev/null &&
		"$LGSIM" trace convert "$1/k.lgt" "$1/k.txt" --text || return 1
	{
		cat "$1/k.txt"
		sed -n '/^-kernel name/,$p' "$1/k.txt" |
			sed -e 's/^-kernel name = .*/-kernel name = second/' -e 's/^-kernel id = .*/-kernel id = 2/' \
			    -e 's/^-cuda stream id = .*/-cuda stream id = 1/' -e 's/0x1000\([0-9a-f]*\) /0x5000\1 /g'
	} >"$1/two.txt"
	grep -q '^-cuda stream id = 1' "$1/two.txt"
}
