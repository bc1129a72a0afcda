#!/bin/sh
# bootstrap.sh - installs what benchtop needs to build and test (Debian packages), then builds it.
# Run it again at any time: it installs only what is missing and rebuilds only what changed.
# Extra arguments go to ./configure (e.g. ./bootstrap.sh --enable-werror).
set -eu
cd "$(dirname "$0")"

# Build: compiler and C library headers, autotools, libraries (libmicrohttpd, libcurl and zlib
# for /metrics, --push and gzip). Tests: tmux drives the dashboard,
# man-db renders the manual pages, procps (pgrep) looks for processes left behind.
packages="build-essential autoconf automake pkg-config libncurses-dev libstatgrab-dev libcjson-dev libsqlite3-dev libmicrohttpd-dev libcurl4-openssl-dev zlib1g-dev tmux man-db procps"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bootstrap: missing Debian packages:$missing" >&2
		echo "bootstrap: install them with: sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "bootstrap: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
	autoreconf -fi
fi
if [ ! -f Makefile ] || [ $# -gt 0 ]; then
	./configure "$@"
fi
make -j"$(nproc 2>/dev/null || echo 2)"
