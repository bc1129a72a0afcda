#!/bin/sh
# The U test and the bootstrap interval against scipy (Debian's python3-scipy, installed here when
# root; without it and without root the test is skipped).
. "${top_srcdir}/tests/lib.sh"
py=/usr/bin/python3
if ! "$py" -c 'import scipy.stats' 2>/dev/null; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: needs python3-scipy (apt-get install python3-scipy), and this is not root"
		exit 77
	fi
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq python3-scipy >"$scratch/apt" 2>&1 ||
		{ echo "SKIP: could not install python3-scipy: $(tail -n 2 "$scratch/apt")"; exit 77; }
fi
if "$py" "$top_srcdir/tests/compare-ref.py" "$top_builddir/tests/test-compare-ref"; then
	pass "U test p values and bootstrap intervals match the reference to 1e-9"
else
	fail "U test or bootstrap differs from the reference"
fi
finish
