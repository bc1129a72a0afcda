#!/bin/sh
# A --push URL that cannot work is refused before anything runs: exit 2, one line saying what
# is wrong (the URL quoted with its password masked), in well under a second, and no run,
# report or push try. Good URLs (a name, IPv4, IPv6 in brackets, a port, a path,
# user:password@) are taken.
. "${top_srcdir}/tests/lib.sh"
suite="$top_srcdir/tests/suites/tiny.json"

refused() {  # URL WHAT: exit 2 with one line matching WHAT, quickly, and nothing written
	start=$(date +%s)
	expect_exit 2 "--push '$1' is refused" -- "$BENCHTOP" -H --no-history --run "$suite" --push "$1" -o "$scratch/rep"
	took=$(($(date +%s) - start))
	[ "$(wc -l <"$scratch/err")" -eq 1 ] && expect_grep "^benchtop: --push: '.*': $2" "$scratch/err" "  with one line: $2" \
		|| fail "--push '$1': stderr: $(cat "$scratch/err")"
	[ $took -le 2 ] && pass "  at once ($took s)" || fail "--push '$1' took $took s to be refused"
	[ ! -e "$scratch/rep" ] && pass "  before anything ran" || fail "--push '$1': $(ls "$scratch/rep")"
}
refused 'http://host:99999' 'the port must be a number from 1 to 65535'
refused 'http://host:0' 'the port must be a number from 1 to 65535'
refused 'http://host:9x' 'the port must be a number from 1 to 65535'
refused 'http://[::1' "'\\[' without '\\]'"
refused 'http://::1:9091' 'expected http://HOST'
refused 'http://[::1]x/' "expected ':PORT' or '/' after the host"
refused 'http://gw]:9091' "'\\]' has no place in a host name"
refused 'http:///metrics' 'expected http://HOST.* with a host'
refused 'gw:9091' 'expected an http:// or https:// URL'
# The refusal quotes the URL as the push lines do: its password masked.
refused 'http://user:secret@host:bad/' "the port must be a number from 1 to 65535"
expect_grep "'http://user:\\*\\*\\*@host:bad/'" "$scratch/err" "  the URL quoted with user:***@"
grep -q secret "$scratch/err" && fail "  the password is shown: $(cat "$scratch/err")" || pass "  and not the password"
refused 'http://user:pa#ss@host/' 'expected http://HOST.* with no query'
grep -q 'pa#ss' "$scratch/err" && fail "  the password is shown: $(cat "$scratch/err")" || pass "  a password holding '#' is masked too"

# Accepted: nothing runs here (no suite), so nothing is pushed and the exit is 0.
for url in 'http://127.0.0.1:9091' 'https://gw.example.com/base/' 'http://[::1]:9091' 'http://u:p@gw:1/' \
	'http://[fe80::1%25eth0]:65535'; do
	expect_exit 0 "--push '$url' is accepted" -- "$BENCHTOP" -H --no-history --push "$url" -d 0.2s
done
finish
