#!/bin/sh
# libcurl and libmicrohttpd are loaded only for --push and --listen: a run without them maps
# neither (nor their TLS stacks), --listen maps libmicrohttpd, and a library that cannot be
# loaded refuses its option before anything starts: exit 2, one line.
. "${top_srcdir}/tests/lib.sh"

# ---- a library that cannot be loaded: exit 2, one line naming the option and the library ----
none="$scratch/none"
BENCHTOP_MHD_LIB="$none/libmicrohttpd.so.12" expect_exit 2 "--listen without libmicrohttpd: exit 2" -- \
	"$BENCHTOP" -H -d 30 --listen 0
[ "$(wc -l < "$scratch/err")" -eq 1 ] &&
	grep -q "^benchtop: --listen: cannot load $none/libmicrohttpd.so.12: .*No such file" "$scratch/err" &&
	pass "--listen: one line naming the library" || fail "--listen: stderr: $(cat "$scratch/err")"
BENCHTOP_CURL_LIB="$none/libcurl.so.4" expect_exit 2 "--push without libcurl: exit 2" -- \
	"$BENCHTOP" -H -d 30 --push http://127.0.0.1:9/
[ "$(wc -l < "$scratch/err")" -eq 1 ] &&
	grep -q "^benchtop: --push: cannot load $none/libcurl.so.4: .*No such file" "$scratch/err" &&
	pass "--push: one line naming the library" || fail "--push: stderr: $(cat "$scratch/err")"
# A library without the functions benchtop calls is refused the same way.
BENCHTOP_MHD_LIB=libz.so.1 expect_exit 2 "--listen with a library that is not libmicrohttpd: exit 2" -- \
	"$BENCHTOP" -H -d 30 --listen 0
grep -q "^benchtop: --listen: cannot load libz.so.1: .*MHD_" "$scratch/err" &&
	pass "it names the missing function" || fail "not libmicrohttpd: stderr: $(cat "$scratch/err")"

# maps_after NAME ARGS...: starts benchtop -H ARGS, copies its /proc maps once it has sampled, stops it.
maps_after() {
	name=$1; shift
	"$BENCHTOP" -H -d 60 -i 0.1 "$@" >"$scratch/$name.out" 2>"$scratch/$name.err" &
	pid=$!
	i=0
	# A sample line (not a '#' note) means the run is under way: --listen has loaded by then.
	while ! grep -qv '^#' "$scratch/$name.out" && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	cp "/proc/$pid/maps" "$scratch/$name.maps" 2>/dev/null || : > "$scratch/$name.maps"
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -s "$scratch/$name.maps" ] || fail "$name: benchtop had no maps to read: $(cat "$scratch/$name.err")"
}

maps_after plain
for lib in libcurl libmicrohttpd libgnutls libssl libcrypto; do
	grep -q "/$lib[.-]" "$scratch/plain.maps" && fail "a plain run maps $lib" || pass "a plain run does not map $lib"
done
maps_after listen --listen 0
expect_grep '/libmicrohttpd\.so' "$scratch/listen.maps" "--listen maps libmicrohttpd"
expect_grep '^benchtop: metrics at http://127\.0\.0\.1:[0-9]+/metrics$' "$scratch/listen.err" "--listen serves"
grep -q '/libcurl[.-]' "$scratch/listen.maps" && fail "--listen alone maps libcurl" || pass "--listen alone does not map libcurl"
finish
