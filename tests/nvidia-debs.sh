# nvidia-debs.sh - sourced by the tests that read NVIDIA's own tools and headers.
# nvidia_deb_fetch PACKAGE DIR: Debian's non-free PACKAGE, from the mirror and release the
# system's apt uses, unpacked into DIR with an apt source list of its own: nothing is
# installed and the system's apt sources stay as they are. Root only; 0 on success, else 1
# with apt's last words in $scratch/apt.log.
nvidia_deb_fetch() {
	[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || return 1
	a="$scratch/apt-$1"
	mkdir -p "$a/lists/partial" "$a/archives/partial" "$a/deb" || return 1
	mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/* *$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
	[ -n "$mirror" ] || mirror=$(sed -n 's/^deb  *\(http[^ ]*debian\)\/*  *[a-z]* .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
	[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
	release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}")
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $release non-free" >"$a/sources.list"
	set -- "$1" "$2" -o Dir::Etc::SourceList="$a/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a" -o APT::Sandbox::User=root -o Debug::NoLocking=1
	pkg=$1 dir=$2; shift 2
	{ apt-get "$@" -qq update && (cd "$a/deb" && apt-get "$@" -qq download "$pkg"); } >"$scratch/apt.log" 2>&1 &&
		rm -rf "$dir.$$" && mkdir -p "$dir.$$" && dpkg-deb -x "$a"/deb/"$pkg"_*.deb "$dir.$$" &&
		rm -rf "$dir" && mv "$dir.$$" "$dir"
}
