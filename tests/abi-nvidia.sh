#!/bin/sh
# abi-nvidia.sh - benchtop's own declarations of the CUDA driver API (src/gpu/cuda-api.h) and
# of NVML (src/sources/nvml-abi.h) against NVIDIA's cuda.h and nvml.h: every constant's value
# and every type's size and field offset is the same; every symbol benchtop loads with dlsym
# has, in NVIDIA's header, exactly the type benchtop calls it through; and where the header's
# plain name is bound to a versioned symbol (cuMemAlloc to cuMemAlloc_v2), benchtop loads that
# version. The headers are taken from a CUDA toolkit ($CUDA_HOME, /usr/local/cuda, /usr) or,
# for nvml.h, from Debian's non-free libnvidia-ml-dev fetched as root into a cache. Debian's
# cuda.h comes only in a 774 MB package, so without a toolkit the CUDA half is left out.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/nvidia-debs.sh"

cc=${CC:-cc}
cache=/var/cache/benchtop-tests
ours="-I$top_srcdir/src/gpu -I$top_srcdir/src/sources"

find_header() {   # find_header NAME: the directory that holds NAME, or nothing
	for d in ${CUDA_HOME:+"$CUDA_HOME/include"} /usr/local/cuda/include /usr/include "$cache/nvml/usr/include"; do
		[ -f "$d/$1" ] && { echo "$d"; return 0; }
	done
}
cuda_dir=$(find_header cuda.h)
nvml_dir=$(find_header nvml.h)
if [ -z "$nvml_dir" ] && nvidia_deb_fetch libnvidia-ml-dev "$cache/nvml"; then
	nvml_dir=$(find_header nvml.h)
fi
if [ -z "$cuda_dir" ] && [ -z "$nvml_dir" ]; then
	echo "skip: needs NVIDIA's cuda.h or nvml.h (a CUDA toolkit, or run as root to fetch Debian's libnvidia-ml-dev)"
	exit 77
fi

# values HEADER-DIR DEFINES INCLUDE LIST: compiles a program that prints "KEY VALUE" for each
# line of LIST (KEY EXPR, or KEY ?GUARD EXPR: left out where GUARD is not defined), once with
# benchtop's header and once with NVIDIA's, and compares. A key NVIDIA's header lacks (a
# newer struct) is said, not failed.
values() {
	dir=$1 api=$3 list=$4
	{
		echo "#include <stddef.h>"; echo "#include <stdio.h>"
		echo "#ifdef THEIRS"; echo "#include <$2>"; echo "#else"; echo "#include \"$api\""; echo "#endif"
		echo "int main(void) {"
		while read -r key guard expr; do
			[ -n "$key" ] || continue
			case $guard in
			\?*) echo "#if !defined(THEIRS) || defined(${guard#?})" ;;
			*) expr="$guard $expr"; echo "#if 1" ;;
			esac
			printf 'printf("%%s %%lld\\n", "%s", (long long)(%s));\n' "$key" "$expr"
			echo "#endif"
		done <"$list"
		echo "return 0; }"
	} >values.c
	$cc -std=c11 -Werror $ours -o ours values.c 2>cc.err ||
		{ fail "$api: values: $(grep error: cc.err | head -3)"; return; }
	$cc -std=c11 -Werror -DTHEIRS -I"$dir" -o theirs values.c 2>cc.err ||
		{ fail "$2: values: $(grep error: cc.err | head -3)"; return; }
	./ours | sort >ours.txt; ./theirs | sort >theirs.txt
	join -a 1 ours.txt theirs.txt | while read -r key mine nvidia; do
		if [ -z "$nvidia" ]; then echo "$2 has no $key: not compared"
		elif [ "$mine" != "$nvidia" ]; then echo "MISMATCH $key: benchtop $mine, $2 $nvidia"
		fi
	done >cmp.txt
	if grep -q MISMATCH cmp.txt; then fail "$(grep MISMATCH cmp.txt | tr '\n' ';')"
	else pass "$api: $(wc -l <theirs.txt) values, sizes and offsets as in $dir/$2"; fi
	grep -v MISMATCH cmp.txt
}

# entries HEADER-DIR HEADER API ALL-NAMES-DEFINE: each line of entries.txt is "TYPE NAME..."
# (the names one pointer is loaded from, newest first); a TYPE @F is that of struct cuda_api's
# field F. With ALL-NAMES-DEFINE, which makes the
# header declare every version under its own name, each name is assigned to a pointer of TYPE:
# the compiler refuses a type that differs. Without it, the plain name's binding must be a
# name benchtop loads.
entries() {
	dir=$1 hdr=$2 api=$3 all=$4
	{
		echo "#include <$hdr>"; echo "#define BENCHTOP_ABI_NVIDIA"; echo "#include \"$api\""
		echo "typedef CUresult (*cu_init_fn)(unsigned int);"
		echo "typedef CUresult (*cu_version_fn)(int *);"
		n=0
		while read -r type names; do
			case $type in @*) type="__typeof__(((struct cuda_api *)0)->${type#@})" ;; esac
			for name in $names; do
				n=$((n + 1))
				echo "void check_$n(void); void check_$n(void) { $type p = $name; (void)p; } /* $name */"
			done
		done <entries.txt
	} >types.c
	$cc -std=c11 -c -D"$all" -Werror=incompatible-pointer-types -I"$dir" $ours -o types.o types.c 2>types.err
	before=$failures checked=0
	for name in $(cut -d' ' -f2- entries.txt); do
		line=$(grep -n "/\\* $name \\*/" types.c | head -1 | cut -d: -f1)
		if grep -q "types.c:$line:.*error" types.err; then
			if grep "types.c:$line:.*error" types.err | grep -q "undeclared\|unknown type"; then
				echo "$hdr does not declare $name: not compared"
			else
				fail "$name: $(grep "types.c:$line:.*error" types.err | head -1 | sed 's/.*error: //')"
			fi
		else
			checked=$((checked + 1))
		fi
	done
	[ "$failures" -eq "$before" ] && pass "$hdr: $checked symbols have the type benchtop calls them through"
	before=$failures
	# The plain name's binding: cuMemAlloc is cuMemAlloc_v2 in cuda.h.
	{
		echo "#include <$hdr>"; echo "#define S(x) #x"; echo "#define X(x) S(x)"
		for base in $(cut -d' ' -f2- entries.txt | tr ' ' '\n' | sed 's/_v[0-9]*$//' | sort -u); do
			echo "binds plain_$base X($base)"   # plain_: the first word is not expanded
		done
	} >bind.c
	$cc -E -P -I"$dir" bind.c 2>/dev/null | sed -n 's/^binds plain_\([A-Za-z0-9_]*\) "\(.*\)"$/\1 \2/p' >bind.txt
	all_names=$(cut -d' ' -f2- entries.txt | tr ' ' '\n')
	while read -r base bound; do
		[ "$base" = "$bound" ] && continue
		echo "$all_names" | grep -qxF "$bound" || fail "$hdr binds $base to $bound, which benchtop does not load"
	done <bind.txt
	[ "$failures" -eq "$before" ] && pass "$hdr: benchtop loads the version of each call that $hdr binds ($(grep -vc '^\([A-Za-z0-9_]*\) \1$' bind.txt) versioned)"
}

if [ -n "$cuda_dir" ]; then
	echo "cuda.h: $cuda_dir ($(sed -n 's/^#define CUDA_VERSION \([0-9]*\).*/CUDA_VERSION \1/p' "$cuda_dir/cuda.h"))"
	# Every constant of cuda-api.h's own part, and the sizes of its types.
	sed -n '/^#ifndef BENCHTOP_ABI_NVIDIA/,/^#endif/p' "$top_srcdir/src/gpu/cuda-api.h" |
		sed -n 's/^[[:space:]]*\(CU[A-Z0-9_]*\) = .*/\1 \1/p; s/^#define \(CU[A-Z0-9_]*\) .*/\1 \1/p' >list.txt
	for t in CUresult CUdevice CUdeviceptr CUuuid CUdevice_attribute CUjit_option; do
		echo "sizeof($t) sizeof($t)"
	done >>list.txt
	values "$cuda_dir" cuda.h cuda-api.h list.txt
	# struct cuda_api's fields and the names each is loaded from.
	tr '\n' ' ' <"$top_srcdir/src/gpu/cuda-api.c" | grep -o 'CUDA_\(SYM\|OPT\)([A-Za-z0-9]*, *"[^)]*)' |
		sed 's/CUDA_...(\([A-Za-z0-9]*\), */@\1 /; s/[",)]//g; s/[[:space:]][[:space:]]*/ /g; s/ $//' >entries.txt
	echo "cu_init_fn cuInit" >>entries.txt
	echo "cu_version_fn cuDriverGetVersion" >>entries.txt
	want=$(grep -o '"cu[A-Z][A-Za-z0-9_]*"' "$top_srcdir/src/gpu/cuda-api.c" | sort -u | wc -l)
	got=$(cut -d' ' -f2- entries.txt | tr ' ' '\n' | grep -c .)
	[ "$want" -eq "$got" ] || fail "cuda-api.c names $want symbols, the test found $got in its CUDA_SYM lines"
	entries "$cuda_dir" cuda.h cuda-api.h __CUDA_API_VERSION_INTERNAL
else
	echo "no cuda.h (no CUDA toolkit; Debian's nvidia-cuda-dev is 774 MB and is not fetched): CUDA not compared"
fi

if [ -n "$nvml_dir" ]; then
	echo "nvml.h: $nvml_dir ($(sed -n 's/^#define NVML_API_VERSION_STR *\(.*\)/NVML API \1/p' "$nvml_dir/nvml.h"))"
	{
		sed -n '/^#ifndef BENCHTOP_ABI_NVIDIA/,/^#endif/p' "$top_srcdir/src/sources/nvml-abi.h" |
			sed -n 's/.*[{,] *\(NVML_[A-Z0-9_]*\) = .*/\1 \1/p; s/^[[:space:]]*\(NVML_[A-Z0-9_]*\) = .*/\1 \1/p;
			        s/^#define \([A-Za-z0-9_]*\) .*/\1 \1/p'
		for f in busIdLegacy domain bus device pciDeviceId pciSubSystemId busId; do
			echo "nvmlPciInfo_t.$f offsetof(nvmlPciInfo_t,$f)"
		done
		for f in version total reserved free used; do echo "nvmlMemory_v2_t.$f offsetof(nvmlMemory_v2_t,$f)"; done
		for f in total free used; do echo "nvmlMemory_t.$f offsetof(nvmlMemory_t,$f)"; done
		for f in gpu memory; do echo "nvmlUtilization_t.$f offsetof(nvmlUtilization_t,$f)"; done
		for f in device eventType eventData gpuInstanceId computeInstanceId; do
			echo "nvmlEventData_t.$f offsetof(nvmlEventData_t,$f)"
		done
		for f in version sensorType temperature; do
			echo "nvmlTemperature_v1_t.$f ?nvmlTemperature_v1 offsetof(nvmlTemperature_v1_t,$f)"
		done
		echo "sizeof(nvmlTemperature_v1_t) ?nvmlTemperature_v1 sizeof(nvmlTemperature_v1_t)"
		for t in nvmlReturn_t nvmlPciInfo_t nvmlMemory_v2_t nvmlMemory_t nvmlUtilization_t nvmlEventData_t \
			nvmlTemperatureSensors_t nvmlClockType_t; do
			echo "sizeof($t) sizeof($t)"
		done
	} | sort -u >list.txt
	# Every struct of nvml-abi.h's own part is among those compared.
	for t in $(sed -n 's/^} \(nvml[A-Za-z0-9_]*_t\);$/\1/p' "$top_srcdir/src/sources/nvml-abi.h"); do
		grep -q "^sizeof($t) " list.txt || fail "nvml-abi.h declares $t, which the test does not compare"
	done
	values "$nvml_dir" nvml.h nvml-abi.h list.txt
	# The pointer types and names of every NVML symbol benchtop loads.
	cat "$top_srcdir/src/sources/source-nvml.c" "$top_srcdir/src/sources/nvml-peer.c" | tr '\n' ' ' |
		grep -o '(nvml_[a-z0-9]*_fn) *\(NVML_SYM\|peer_sym\)([^)]*)' |
		sed 's/^(\(nvml_[a-z0-9]*_fn\)) *[A-Za-z_]*([^,]*, */\1 /; s/NULL//; s/[",)]//g; s/[[:space:]][[:space:]]*/ /g; s/ $//' |
		sort -u >entries.txt
	want=$(cat "$top_srcdir/src/sources/source-nvml.c" "$top_srcdir/src/sources/nvml-peer.c" |
		grep -o '"nvml[A-Z][A-Za-z0-9_]*"' | sort -u | wc -l)
	got=$(cut -d' ' -f2- entries.txt | tr ' ' '\n' | grep . | sort -u | wc -l)
	[ "$want" -eq "$got" ] || fail "the NVML sources name $want symbols, the test found $got loaded through a typed pointer"
	entries "$nvml_dir" nvml.h nvml-abi.h NVML_NO_UNVERSIONED_FUNC_DEFS
fi
finish
