# sass-loop.awk - the first loop of one kernel in `cuobjdump -sass` output: the instructions from
# the target of the first backward branch to that branch. Prints
#   instructions=N fma=F loads=L
# N the loop's instructions (NOPs left out), F its FFMA and DFMA, and L the 16-byte global loads
# it issues before the first instruction matching -v consumer (an opcode prefix such as STG): the
# loads one thread has in flight at once.
function hex(s,    i, n) {
	n = 0; s = tolower(s); sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++)
		n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return n
}
match($0, /\/\*[0-9a-f]+\*\/ +(@!?U?P[0-9T] +)?[A-Z][A-Z0-9.]*/) {
	split(substr($0, RSTART, RLENGTH), w, /[ \t]+/)
	addr[n] = hex(substr(w[1], 3, length(w[1]) - 4))
	op[n] = w[2] ~ /^@/ ? w[3] : w[2]
	target[n] = -1
	if (op[n] == "BRA" && match($0, /BRA 0x[0-9a-f]+/))
		target[n] = hex(substr($0, RSTART + 4, RLENGTH - 4))
	n++
}
END {
	for (b = 0; b < n; b++)
		if (target[b] >= 0 && target[b] < addr[b])
			break
	if (b == n) { print "no loop"; exit 1 }
	ins = fma = loads = 0; consumed = 0
	for (i = 0; i < n; i++) {
		if (addr[i] < target[b] || i > b || op[i] ~ /^NOP/)
			continue
		ins++
		if (op[i] ~ /^[FD]FMA/) fma++
		if (consumer != "" && index(op[i], consumer) == 1) consumed = 1
		if (!consumed && op[i] ~ /^LDG.*\.128/) loads++
	}
	printf "instructions=%d fma=%d loads=%d\n", ins, fma, loads
}
