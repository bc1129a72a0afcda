#!/bin/sh
# families.sh - each family grows by one new file and one line, as README's Layout section says:
# a copy of the sources gets a dummy kernel, stressor, source, exporter and dashboard key that
# way, the files that hold the lists are compiled again into a copy of libbenchtop.a, and the
# new benchtop's --list must show every dummy.
. "${top_srcdir:-.}/tests/lib.sh"
top=$top_srcdir
build=${top_builddir:-.}
command -v ar >/dev/null || { echo "ar is needed"; exit 77; }
[ -f "$build/libbenchtop.a" ] && [ -f "$build/src/main.o" ] || { echo "build benchtop first"; exit 77; }
# Not as part of the make that runs the tests: its jobserver and messages are not ours.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$build" print-build-flags \
	>"$scratch/flags" 2>/dev/null || { echo "no print-build-flags"; exit 77; }
cc=$(sed -n 's/^CC: //p' "$scratch/flags")
cflags=$(sed -n 's/^CFLAGS: //p' "$scratch/flags")
libs=$(sed -n 's/^LIBS: //p' "$scratch/flags")
[ -n "$cc" ] || { echo "no compiler in print-build-flags"; exit 77; }

# The man page names every stress option the generators' tables make.
"$BENCHTOP" --list >"$scratch/list0" 2>/dev/null
for o in $(sed -n 's/^ *\(--[a-z][a-z-]*\) [A-Z]* .*/\1/p' "$scratch/list0"); do
	grep -q -- "^\.BI $(echo "$o" | sed 's/-/\\\\-/g') " "$top/man/benchtop.1" || fail "man/benchtop.1 does not describe $o"
done
pass "man/benchtop.1 describes every stress option"

t=$scratch/tree
mkdir -p "$t"
cp -R "$top/src" "$top/suites" "$top/widgets" "$t/"
chmod -R u+w "$t"   # a distcheck's sources are read-only

# one_line FILE AFTER LINE: puts LINE after the first line matching AFTER, and checks that the
# file grew by exactly that one line.
one_line() {
	before=$(wc -l <"$1")
	awk -v after="$2" -v line="$3" '{ print } !done && index($0, after) { print line; done = 1 }' "$1" >"$1.new" &&
		mv "$1.new" "$1"
	[ $(($(wc -l <"$1") - before)) -eq 1 ] || fail "$1: the line did not go in after '$2'"
}

# A kernel.
cat >"$t/suites/kernel-dummy.c" <<'C'
#include "config.h"
#include "kernel-list.h"
static int dummy_iterate(struct kernel_ctx *k, double *value) { (void)k; *value = 1; return 0; }
const struct kernel_class kernel_dummy = { .name = "dummy.kernel", .help = "a dummy kernel",
	.metric = "time", .unit = "s", .iterate = dummy_iterate };
C
one_line "$t/suites/kernel-list.h" "#define KERNEL_LIST(X)" "	X(dummy) \\"

# A stressor.
cat >"$t/src/stress/stress-dummy.c" <<'C'
#include "config.h"
#include "stressor.h"
static const struct stress_param dummy_params[] = {
	{ .name = "", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = 8, .arg = "N", .help = "dummy workers" },
	{ .name = "knob", .type = SPARAM_NUMBER, .def = 1, .min = 0, .max = 2, .arg = "X", .help = "a dummy knob" },
	{ .name = NULL },
};
static int dummy_init(struct stress_gen *g, const struct stress_value *v, const struct stress_config *c,
                      char *why, size_t len) { (void)c, (void)why, (void)len; g->workers = (int)v[0].num; return 0; }
static int dummy_plan(struct stress_gen *g, char *why, size_t len) { (void)why, (void)len; g->want = 0; return 0; }
static void *dummy_run(void *w) { return stress_worker_end(w); }
static int dummy_adjust(struct stress_gen *g, int steps) { (void)g, (void)steps; return -1; }
static double dummy_rate(double dt, long long dw, long long db, int n) { (void)dt, (void)dw, (void)db, (void)n; return 0; }
static void dummy_summary(const struct stress_gen *g, char *buf, size_t len) { (void)g; buf[0] = len ? '\0' : 0; }
const struct stressor_class stressor_dummy = { .name = "dummy", .unit = "", .help = "a dummy stressor",
	.params = dummy_params, .init = dummy_init, .plan = dummy_plan, .run = dummy_run, .adjust = dummy_adjust,
	.rate = dummy_rate, .summary = dummy_summary };
C
one_line "$t/src/stress/stressor-list.h" "STRESSOR(hdd)" "STRESSOR(dummy)"

# A source.
cat >"$t/src/sources/source-dummy.c" <<'C'
#include "config.h"
#include <stdio.h>
#include "source.h"
static int dummy_open(const struct source_env *env, void **priv, char *why, size_t len)
{ (void)env, (void)priv; snprintf(why, len, "it is a dummy"); return -1; }
static void dummy_sample(void *priv, struct frame *f) { (void)priv, (void)f; }
static void dummy_close(void *priv) { (void)priv; }
const struct source_class source_dummy = { .name = "dummy", .help = "a dummy source",
	.open = dummy_open, .sample = dummy_sample, .close = dummy_close };
C
one_line "$t/src/sources/sources.c" "#define SOURCE_LIST(X)" "	X(dummy) \\"

# An exporter.
cat >"$t/src/report/export-dummy.c" <<'C'
#include "config.h"
#include "export.h"
static int dummy_write(FILE *f, const struct run_results *r, char *why, size_t len)
{ (void)r, (void)why, (void)len; return fputs("dummy\n", f) < 0 ? -1 : 0; }
const struct exporter_class export_dummy = { .name = "dummy", .ext = "dummy", .help = "a dummy report",
	.write = dummy_write };
C
one_line "$t/src/report/export.h" "#define EXPORTER_LIST(X)" "	X(dummy) \\"

# A dashboard key: one row of tui_keys.
one_line "$t/src/view/tui.c" "const struct tui_key_row tui_keys[] = {" \
	'	{ { 0x7a }, "z", 0, NULL, NULL, "a dummy key", key_help },'

# Build: the files that changed, the new ones, into a copy of the library.
cp "$build/libbenchtop.a" "$scratch/lib.a"
objs=
for f in suites/kernels.c suites/kernel-dummy.c src/stress/stress-engine.c src/stress/stress-config.c src/stress/stress-dummy.c \
	src/sources/sources.c src/sources/source-dummy.c src/report/export.c src/report/export-dummy.c src/view/tui.c src/core/app-list.c src/core/cli.c; do
	o=$scratch/$(basename "$f" .c).o
	# shellcheck disable=SC2086
	$cc $(find "$t/src" -type d | sed "s/^/-I/") -I"$t/suites" -I"$t/widgets" $cflags -c "$t/$f" -o "$o" 2>>"$scratch/cc.log" ||
		fail "$f does not compile: $(tail -5 "$scratch/cc.log")"
	objs="$objs $o"
done
# shellcheck disable=SC2086
ar r "$scratch/lib.a" $objs 2>>"$scratch/cc.log"
# shellcheck disable=SC2086
$cc $cflags -o "$scratch/benchtop" "$build/src/main.o" "$scratch/lib.a" $libs 2>>"$scratch/cc.log" ||
	fail "link: $(tail -5 "$scratch/cc.log")"
[ "$failures" -eq 0 ] || finish

BENCHTOP=$scratch/benchtop
expect_exit 0 "the benchtop with the dummies lists" -- "$BENCHTOP" --list
cp "$scratch/out" "$scratch/list"
expect_grep '^  dummy\.kernel ' "$scratch/list" "a kernel: suites/kernel-NAME.c and X(NAME) in suites/kernel-list.h"
expect_grep '^  dummy +a dummy stressor' "$scratch/list" "a stressor: src/stress/stress-NAME.c and STRESSOR(NAME) in src/stress/stressor-list.h"
expect_grep 'dummy-knob X' "$scratch/list" "the stressor's params table gives its options"
expect_grep '^  dummy +a dummy source' "$scratch/list" "a source: src/sources/source-NAME.c and X(NAME) in src/sources/sources.c"
expect_grep '^  \.dummy +a dummy report' "$scratch/list" "an exporter: src/report/export-NAME.c and X(NAME) in src/report/export.h"
expect_grep '^  z +a dummy key' "$scratch/list" "a key: one row of tui_keys in src/view/tui.c"
expect_exit 0 "--dummy-knob is an option" -- "$BENCHTOP" --dummy 1 --dummy-knob 2 --help
"$BENCHTOP" --help >"$scratch/help" 2>&1
expect_grep 'report PATH .*[.]dummy' "$scratch/help" "--help names the new report format"
finish
