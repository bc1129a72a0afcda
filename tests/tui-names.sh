#!/bin/sh
# Test names with wide characters (CJK, an emoji) in the dashboard's tests table, driven in
# tmux: every row is exactly as wide as the screen, the status keeps its space, on the first
# draw, after a resize and after coming back.
. "${top_srcdir}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
. "${top_srcdir}/tests/tmux-lib.sh"

# rows_fit W WHAT: the tests table's rows (those of the suite, named by its heading's glyph or
# its tests) are W display columns and end with the box's right border.
rows_fit() {
	bad=""
	grep -E '(wide \([0-9]\)|🚀|key=)' "$scratch/screen" > "$scratch/rows"
	while IFS= read -r line; do
		cols=$(printf '%s\n' "$line" | LC_ALL=C.UTF-8 wc -L)
		case $line in *│) ;; *) bad="$bad
no border: $line" ;; esac
		[ "$cols" -eq "$1" ] || bad="$bad
$cols columns: $line"
	done < "$scratch/rows"
	[ -s "$scratch/rows" ] && [ -z "$bad" ] && pass "$2: the table's rows are $1 columns with their border" \
		|| fail "$2: $bad $(cat "$scratch/screen")"
}

start 80 24 "" --run "$top_srcdir/tests/suites/wide.json"
wait_for 'run finished' 30 || fail "the suite did not finish: $(cat "$scratch/screen")"
wait_for '🚀 +pass' 5 && pass "the status keeps its space after a wide name" || fail "first draw: $(cat "$scratch/screen")"
rows_fit 80 "80x24"
t resize-window -t bt -x 100 -y 30
sleep 1; screen
grep -qE '🚀 +pass' "$scratch/screen" && pass "100x30 keeps the space" || fail "100x30: $(cat "$scratch/screen")"
rows_fit 100 "after a resize to 100x30"
t resize-window -t bt -x 80 -y 24
sleep 1; screen
rows_fit 80 "back at 80x24"
t send-keys -t bt q
wait_exit 5

# A long name with wide characters and a long variant, cut in their middles by columns.
start 80 24 "" --run "$top_srcdir/tests/suites/wide-long.json"
wait_for 'run finished' 30 || fail "the long suite did not finish: $(cat "$scratch/screen")"
wait_for 'key=b +pass' 5 && pass "a long name keeps its variant" || fail "long: $(cat "$scratch/screen")"
rows_fit 80 "long names at 80x24"
# The detail view's title names the variant and escapes as the table does.
t send-keys -t bt Home Down d   # the group row, then its first variant
wait_for '│p5 .* p95 ' 5 || fail "detail: $(cat "$scratch/screen")"
expect_grep '─ a long name.* key=a-very-long' "$scratch/screen" \
	"the detail view names the variant as the table does"
grep -q '{"key"' "$scratch/screen" && fail "the detail view shows raw JSON: $(grep '{"key"' "$scratch/screen")" \
	|| pass "the detail view shows no raw JSON"
t send-keys -t bt Escape
t resize-window -t bt -x 100 -y 30
sleep 1; screen
rows_fit 100 "long names at 100x30"
t send-keys -t bt q

# The same names in ASCII (--ascii): cut with "...", measured as drawn, so every row is still
# exactly as wide as the screen; the spread's heading is "+-", and nothing is drawn as "~".
start 80 24 "" --ascii --run "$top_srcdir/tests/suites/wide-long.json"
wait_for 'run finished' 30 || fail "--ascii: the suite did not finish: $(cat "$scratch/screen")"
wait_for 'key=b +pass' 5 && pass "--ascii: a long name keeps its variant" || fail "--ascii long: $(cat "$scratch/screen")"
grep -E 'key=' "$scratch/screen" > "$scratch/rows"
bad=""
while IFS= read -r line; do
	case $line in *'...'*'|') ;; *) bad="$bad
not cut with ... or no border: $line" ;; esac
	[ "${#line}" -eq 80 ] || bad="$bad
${#line} columns: $line"
done < "$scratch/rows"
[ -s "$scratch/rows" ] && [ -z "$bad" ] && pass "--ascii: cut names fit, rows are 80 columns with their border" \
	|| fail "--ascii rows: $bad $(cat "$scratch/screen")"
expect_grep '^\|test +status +median +\+- ' "$scratch/screen" "--ascii: the spread's heading is +-"
grep -q '~' "$scratch/screen" && fail "--ascii drew a ~: $(grep -n '~' "$scratch/screen" | head -3)" \
	|| pass "--ascii draws no ~ for an ellipsis or a +-"
t send-keys -t bt q
wait_exit 5

# Escapes and a wide name at 80x24: the suite's group row shows ESC as \x1b as its test rows
# do; a long name with wide letters is cut once, in its middle, its end whole.
start 80 24 "" --no-history --run "$top_srcdir/tests/suites/odd-names.json"
wait_for 'run finished' 30 || fail "odd names: the suite did not finish: $(cat "$scratch/screen")"
expect_grep '^│▸ odd\\x1b\[31mred \(3\)' "$scratch/screen" "the group row shows ESC as \\x1b"
grep -q '▸ odd?' "$scratch/screen" && fail "the group row shows ESC as ?" || pass "no ? for ESC on the group row"
expect_grep '^│  寿司テスト [a-z ]*…[^…]*goes on and on +pass' "$scratch/screen" \
	"a long wide name is cut once, in its middle, its end whole"
t send-keys -t bt q
wait_exit 5

# The detail view of a test still running before any sample landed says it is running, not
# that it was too short (-i 30: no sample lands while it runs).
start 80 24 "" --no-history -i 30 --run "$top_srcdir/tests/suites/slow.json"
wait_for 'run [1-9][0-9]*/50' 30 || fail "slow did not start: $(cat "$scratch/screen")"
t send-keys -t bt d
wait_for 'during: ' 5 || fail "detail: $(cat "$scratch/screen")"
expect_grep 'during: still running' "$scratch/screen" "the detail of a running test says it is still running"
grep -q 'shorter than the interval' "$scratch/screen" && fail "a running test called too short" \
	|| pass "a running test is not called shorter than the interval"
t send-keys -t bt Escape q y
wait_exit 5
t kill-server 2>/dev/null
finish
