#!/bin/sh
# include-cycles.sh - fails on a cycle of #include "..." between the parts of the program.
# A part is a name: src/core/store.c and src/core/store.h are the part "store". An edge goes from a part to
# each part whose header it includes; a cycle (a includes b, b includes a, through any chain)
# means neither can be understood or built alone. Known cycles still to be untied are listed
# in ALLOWED, each as its parts in sorted order; a cycle not listed fails the test. A header
# that holds the insides of a part (the generators' side of the stress engine, the dashboard's
# shared state, the runner's and the suite loader's private halves) belongs to that part:
# INNER maps it.
top=${top_srcdir:-$(dirname "$0")/..}
ALLOWED="${INCLUDE_CYCLES_ALLOWED-}"
INNER="stressor=stress tui-view=tui runner-private=runner suite-private=suite"
headers=$(find "$top/src" "$top/suites" "$top/widgets" -name '*.h' | sed 's|.*/||; s|\.h$||' | tr '\n' ' ')
find "$top/src" "$top/suites" "$top/widgets" -name '*.[ch]' | sort | xargs grep -H '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' |
awk -v inner="$INNER" -v headers="$headers" '
	BEGIN {
		n = split(inner, m, " "); for (i = 1; i <= n; i++) { split(m[i], kv, "="); alias[kv[1]] = kv[2] }
		n = split(headers, h, " "); for (i = 1; i <= n; i++) ours[h[i]]
	}
	function part(x) { return (x in alias) ? alias[x] : x }
	{
		f = $0; sub(/:.*/, "", f); sub(/.*\//, "", f); sub(/\.[ch]$/, "", f)
		to = $0; sub(/^[^"]*"/, "", to); sub(/".*/, "", to); sub(/.*\//, "", to)
		if (to !~ /\.h$/) next
		sub(/\.h$/, "", to)
		if (!(to in ours)) next
		a = part(f); b = part(to)
		if (a != b) print a, b
	}' | sort -u | awk -v allowed="$ALLOWED" '
	{ adj[$1] = adj[$1] " " $2; nodes[$1]; nodes[$2] }
	# Tarjan: every strongly connected part with more than one name is a cycle.
	function visit(v,    n, ws, i, w) {
		index_[v] = low[v] = ++counter; stack[++sp] = v; on[v] = 1
		n = split(adj[v], ws, " ")
		for (i = 1; i <= n; i++) {
			w = ws[i]
			if (!(w in index_)) { visit(w); if (low[w] < low[v]) low[v] = low[w] }
			else if (on[w] && index_[w] < low[v]) low[v] = index_[w]
		}
		if (low[v] == index_[v]) {
			k = 0; delete comp
			do { w = stack[sp--]; on[w] = 0; comp[++k] = w } while (w != v)
			if (k > 1) {
				for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (comp[j] < comp[i]) { t = comp[i]; comp[i] = comp[j]; comp[j] = t }
				s = comp[1]; for (i = 2; i <= k; i++) s = s " " comp[i]
				if (index(";" allowed ";", ";" s ";")) print "known cycle (to untie): " s
				else { print "FAIL: include cycle: " s; bad = 1 }
			}
		}
	}
	END {
		for (v in nodes) if (!(v in index_)) visit(v)
		if (bad) exit 1
		print "ok: no include cycle but the known ones"
	}'
