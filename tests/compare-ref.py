"""Checks benchtop's Mann-Whitney U test against scipy.stats.mannwhitneyu and its bootstrap
interval against this file's own rendering of the documented algorithm (bootstrap.h), to 1e-9.
Usage: compare-ref.py PATH-TO-test-compare-ref"""
import math
import random
import subprocess
import sys

from scipy.stats import mannwhitneyu

RESAMPLES = 2000
MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def resample_median(values, state):
    n = len(values)
    idx = []
    for _ in range(n):
        state, r = splitmix64(state)
        idx.append(((r >> 32) * n) >> 32)
    idx.sort()
    lo, hi = values[idx[(n - 1) // 2]], values[idx[n // 2]]
    return state, lo if lo == hi else (lo + hi) / 2.0


def percentile(sorted_v, p):
    h = (len(sorted_v) - 1) * p / 100.0
    lo = int(h)
    if lo >= len(sorted_v) - 1:
        return sorted_v[-1]
    return sorted_v[lo] + (h - lo) * (sorted_v[lo + 1] - sorted_v[lo])


def bootstrap(a, b, seed):
    a, b = sorted(a), sorted(b)
    if len(a) < 2 or len(b) < 2 or a[0] <= 0:
        return math.nan, math.nan
    state, ratios = seed, []
    for _ in range(RESAMPLES):
        state, mo = resample_median(a, state)
        state, mn = resample_median(b, state)
        ratios.append(mn / mo)
    ratios.sort()
    return percentile(ratios, 2.5), percentile(ratios, 97.5)


def cases():
    rng = random.Random(20261201)
    out = [
        ([1, 2, 3], [4, 5, 6]),
        ([1, 2, 3, 4], [5, 6, 7, 8]),
        ([3.1, 1.2, 5.5, 4.4], [2.2, 6.1, 7.3]),
        ([1, 2, 2, 3, 3, 3, 4], [2, 3, 4, 4, 5, 5, 6]),
        ([5, 5, 5, 5], [5, 5, 5, 5]),
        ([1, 1, 2, 2], [2, 2, 3, 3]),
        ([7], [8]),
        ([0.5, 0.6], [0.7, 0.8, 0.9, 1.0, 1.1]),
    ]
    for _ in range(60):          # small samples without ties: exact
        m, n = rng.randint(1, 12), rng.randint(1, 12)
        out.append(([rng.uniform(1, 2) for _ in range(m)], [rng.uniform(1.1, 2.1) for _ in range(n)]))
    for _ in range(40):          # ties (values rounded to a coarse grid): normal approximation
        m, n = rng.randint(2, 40), rng.randint(2, 40)
        out.append(([round(rng.gauss(10, 1)) for _ in range(m)], [round(rng.gauss(10.5, 1)) for _ in range(n)]))
    for _ in range(10):          # larger samples, past the exact count
        m, n = rng.randint(40, 120), rng.randint(40, 120)
        out.append(([rng.lognormvariate(0, 0.1) for _ in range(m)], [rng.lognormvariate(0.02, 0.1) for _ in range(n)]))
    for _ in range(10):          # middle sizes without ties, exact by both
        m, n = rng.randint(13, 25), rng.randint(13, 25)
        out.append(([rng.uniform(1, 2) for _ in range(m)], [rng.uniform(1.05, 2.05) for _ in range(n)]))
    return out


def main():
    tests = cases()
    lines = []
    for i, (a, b) in enumerate(tests):
        lines.append("%s;%s;%d" % (",".join(repr(float(v)) for v in a), ",".join(repr(float(v)) for v in b), i + 1))
    res = subprocess.run([sys.argv[1]], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    got = res.stdout.split("\n")
    failures = 0
    nexact = 0
    for i, (a, b) in enumerate(tests):
        u, p, exact, lo, hi = got[i].split()
        u, p, exact, lo, hi = float(u), float(p), int(exact), float(lo), float(hi)
        ties = len(set(a + b)) < len(a) + len(b)
        want_exact = (not ties and math.comb(len(a) + len(b), len(a)) < 2 ** 63
                      and len(a) * len(b) <= 1000000)
        ref = mannwhitneyu(a, b, alternative="two-sided", use_continuity=True,
                           method="exact" if want_exact else "asymptotic")
        blo, bhi = bootstrap(a, b, i + 1)
        nexact += want_exact
        ok = (exact == want_exact and u == float(ref.statistic) and abs(p - ref.pvalue) <= 1e-9
              and (math.isnan(blo) and math.isnan(lo) or abs(lo - blo) <= 1e-9 * abs(blo))
              and (math.isnan(bhi) and math.isnan(hi) or abs(hi - bhi) <= 1e-9 * abs(bhi)))
        if not ok:
            failures += 1
            print("FAIL case %d (%d and %d values, exact %d): benchtop U %r p %r [%r, %r]; reference U %r p %r [%r, %r]"
                  % (i, len(a), len(b), want_exact, u, p, lo, hi, float(ref.statistic), ref.pvalue, blo, bhi))
    print("%d cases (%d exact), %d failures" % (len(tests), nexact, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
