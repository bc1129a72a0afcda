#!/bin/sh
# ptxas.sh - benchtop's PTX through NVIDIA's own assembler, the one the driver's JIT runs on a
# real GPU. For each compute capability ptxas knows, the module benchtop would load assembles
# without an error, a warning or a spill; and its machine code has the shape the kernels'
# figures rest on: the FMA loops are nearly all FMAs, and the memory kernels have four 16-byte
# loads a thread in flight. Every ptxas found is used ($PTXAS, the one on PATH, a CUDA toolkit
# of any release), each for the targets it knows; the machine code is read with the cuobjdump
# and nvdisasm beside it. Where none has them, Debian's non-free nvidia-cuda-toolkit is fetched as
# root into a cache (apt with a source list of its own: nothing is installed and the system's
# apt sources stay as they are). Without any ptxas the test is skipped.
. "${top_srcdir:-.}/tests/lib.sh"

dump="$top_builddir/tests/ptx-dump"
awkf="$top_srcdir/tests/sass-loop.awk"
cache=/var/cache/benchtop-tests/cuda-toolkit

. "$top_srcdir/tests/nvidia-debs.sh"
# The three binaries of Debian's toolkit that the test uses, in $cache/bin.
fetch_toolkit() {
	nvidia_deb_fetch nvidia-cuda-toolkit "$scratch/x" || return 1
	mkdir -p "$cache.$$/bin" && cp "$scratch/x/usr/bin/ptxas" "$scratch/x/usr/bin/cuobjdump" \
		"$scratch/x/usr/bin/nvdisasm" "$cache.$$/bin/" && rm -rf "$cache" && mv "$cache.$$" "$cache"
}

# The ptxas binaries to use, one per line; Debian's is fetched when none has a cuobjdump
# and nvdisasm to read its machine code with.
found=
for p in "${PTXAS:-}" "$(command -v ptxas || true)" "$cache/bin/ptxas"; do
	[ -n "$p" ] && [ -x "$p" ] && ! echo "$found" | grep -qxF "$p" && found="$found$p
"
done
with_objdump=$(echo "$found" | while read -r p; do [ -n "$p" ] && [ -x "$(dirname "$p")/cuobjdump" ] && [ -x "$(dirname "$p")/nvdisasm" ] && echo "$p"; done)
if [ -z "$with_objdump" ] && [ "$(id -u)" -eq 0 ]; then
	if fetch_toolkit; then
		found="$found$cache/bin/ptxas
"
	else
		echo "could not fetch nvidia-cuda-toolkit: $(tail -2 "$scratch/apt.log" 2>/dev/null)"
	fi
fi
if [ -z "$(echo "$found" | tr -d '\n')" ]; then
	echo "skip: needs NVIDIA's ptxas (Debian's non-free nvidia-cuda-toolkit; run as root to fetch it)"
	exit 77
fi

# assemble DRIVER MAJOR MINOR: the module for that device, assembled into k.cubin. Returns 2,
# saying nothing, when this ptxas does not know the target.
assemble() {
	"$dump" "$@" >k.ptx || { fail "ptx-dump $*"; return 1; }
	arch=$(sed -n 's/^\.target \(sm_[0-9]*\)$/\1/p' k.ptx)
	echo "$archs" | grep -qxF "$arch" || return 2
	if ! "$ptxas" -arch="$arch" -v -o k.cubin k.ptx >ptxas.log 2>&1; then
		fail "$rel, driver $1, cc $2.$3 ($arch): ptxas refused the module: $(grep -i error ptxas.log | head -3)"
		return 1
	fi
	if grep -qi warning ptxas.log; then
		fail "$rel, driver $1, cc $2.$3 ($arch): ptxas warned: $(grep -i warning ptxas.log | head -3)"
	elif grep -q '[1-9][0-9]* bytes spill' ptxas.log; then
		fail "$rel, driver $1, cc $2.$3 ($arch): registers spilled: $(grep spill ptxas.log | sort -u)"
	else
		pass "$rel, driver $1, cc $2.$3: $arch, PTX $(sed -n 's/^\.version //p' k.ptx) assembles clean"
	fi
}

# loop KERNEL CONSUMER: the shape of the kernel's first loop in k.cubin.
# cuobjdump reads the machine code with the nvdisasm beside it.
loop() { PATH="${cuobjdump%/*}:$PATH" "$cuobjdump" -sass -fun "$1" k.cubin | awk -v consumer="$2" -f "$awkf"; }

# sass_checks: the loops of every kernel, for the cubin of $arch.
sass_checks() {
	for k in bt_fma_f32 bt_fma_f64; do
		set -- $(loop "$k" FMA | tr '=' ' ')
		# instructions N fma F loads L: 128 FMAs a trip, and the trip's overhead under 5 %.
		if [ "${4:-0}" -eq 128 ] && [ $(($4 * 100 / $2)) -ge 95 ]; then
			pass "$rel $arch $k: $4 of the loop's $2 instructions are FMAs"
		else
			fail "$rel $arch $k: loop $(loop "$k" FMA)"
		fi
	done
	for kc in bt_copy:STG bt_triad:FFMA bt_compare:ISETP.NE; do
		k=${kc%%:*}
		set -- $(loop "$k" "${kc#*:}" | tr '=' ' ')
		if [ "${6:-0}" -ge 4 ]; then
			pass "$rel $arch $k: $6 16-byte loads a thread in flight"
		else
			fail "$rel $arch $k: fewer than 4 loads before their use: $(loop "$k" "${kc#*:}")"
		fi
	done
}

echo "$found" | while read -r ptxas; do
	[ -n "$ptxas" ] || continue
	rel=$("$ptxas" --version | sed -n 's/.*release \([0-9]*\.[0-9]*\),.*/CUDA \1/p')
	[ -n "$rel" ] || { fail "$ptxas: no release in: $("$ptxas" --version)"; continue; }
	echo "$ptxas: $rel"
	# The newest CUDA this ptxas knows, as the driver version ptx-dump takes (11.8: 11080).
	driver=$(echo "${rel#CUDA }" | awk -F. '{ printf "%d", $1 * 1000 + $2 * 10 }')
	archs=$("$ptxas" --help | grep -o "'sm_[0-9]*'" | tr -d "'" | sort -u)
	for cc in 5.0 5.2 5.3 6.0 6.1 6.2 7.0 7.2 7.5 8.0 8.6 8.7 8.9 9.0 10.0 10.3 11.0 12.0 12.1; do
		assemble "$driver" "${cc%.*}" "${cc#*.}"
	done
	# Older drivers: the device's target when the driver knows it, an older one when not.
	assemble 9000 7 0; assemble 10020 8 0; assemble 11000 9 0
	cuobjdump=$(dirname "$ptxas")/cuobjdump
	if [ ! -x "$cuobjdump" ] || [ ! -x "${cuobjdump%/*}/nvdisasm" ]; then
		echo "$ptxas: no cuobjdump and nvdisasm beside it: its machine code is not read"
		continue
	fi
	seen=
	for cc in 7.0 8.0 9.0 10.0 12.0; do
		assemble "$driver" "${cc%.*}" "${cc#*.}" >/dev/null || continue
		case " $seen " in *" $arch "*) continue ;; esac
		seen="$seen $arch"
		sass_checks
	done
	# failures counted in this subshell reach finish through the exit status
	[ "$failures" -eq 0 ] || exit 1
done || failures=$((failures + 1))
finish
