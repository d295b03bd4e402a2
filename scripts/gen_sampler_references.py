#!/usr/bin/env python3
"""Reference values for tests/samplers, computed with scipy.stats.qmc (Debian's python3-scipy
1.10.1, numpy 1.24.2). Run from the repository root with Debian's python3:
    /usr/bin/python3 scripts/gen_sampler_references.py
Writes into tests/data/samplers/ (see tests/data/PROVENANCE.md)."""
import json
import numpy as np
import scipy
from scipy.stats import qmc

OUT = "tests/data/samplers/"
SCALE = 2 ** 30  # scipy's default bits = 30: unscrambled Sobol points are k / 2^30

# Sobol, d = 1000, first 64 points: selected rows in full, as integers x * 2^30.
s = qmc.Sobol(d=1000, scramble=False).random(64)
rows = [1, 2, 3, 5, 8, 13, 21, 34, 55, 63]
with open(OUT + "sobol_d1000_rows.csv", "w") as f:
    f.write("row," + ",".join("x%d" % j for j in range(1000)) + "\n")
    for r in rows:
        ints = np.rint(s[r] * SCALE).astype(np.int64)
        assert np.all(ints / SCALE == s[r])
        f.write("%d," % r + ",".join(str(int(v)) for v in ints) + "\n")

# Sobol, d = 21201 (scipy's maximum), first 64 points: per row the exact sum and XOR of all
# 21201 integers, plus the first and last 5 dimensions in full.
s = qmc.Sobol(d=21201, scramble=False).random(64)
ints = np.rint(s * SCALE).astype(np.int64)
assert np.all(ints / SCALE == s)
with open(OUT + "sobol_d21201_summary.csv", "w") as f:
    head = ["row", "sum", "xor"] + ["x%d" % j for j in list(range(5)) + list(range(21196, 21201))]
    f.write(",".join(head) + "\n")
    for r in range(64):
        x = 0
        for v in ints[r]:
            x ^= int(v)
        sel = list(ints[r, :5]) + list(ints[r, -5:])
        f.write(",".join(str(int(v)) for v in [r, int(ints[r].sum()), x] + sel) + "\n")

# Halton unscrambled: d = 8, 200 points and d = 50, 64 points (repr doubles).
for d, n in [(8, 200), (50, 64)]:
    h = qmc.Halton(d=d, scramble=False).random(n)
    with open(OUT + "halton_unscrambled_%dx%d.csv" % (n, d), "w") as f:
        f.write(",".join("x%d" % j for j in range(d)) + "\n")
        for row in h:
            f.write(",".join(repr(float(v)) for v in row) + "\n")

# Discrepancies of the Halton set and of two fixed sets in higher dimensions.
pts = np.loadtxt(OUT + "points_200x5.csv", delimiter=",")
h8 = np.loadtxt(OUT + "halton_unscrambled_200x8.csv", delimiter=",", skiprows=1)
res = {"scipy_version": scipy.__version__, "numpy_version": np.__version__}
for name, arr in [("halton_unscrambled_200x8.csv", h8),
                  ("points_200x5.csv first 50 rows", pts[:50]),
                  ("points_200x5.csv first 1 row", pts[:1])]:
    res[name] = {m: float(qmc.discrepancy(arr, method=m)) for m in ["CD", "WD", "MD", "L2-star"]}
# qmc.scale
res["scale"] = {"sample": pts[:2].tolist(), "l_bounds": [-1, 0, 2, 10, -5], "u_bounds": [1, 1, 3, 20, 5],
                "scaled": qmc.scale(pts[:2], [-1, 0, 2, 10, -5], [1, 1, 3, 20, 5]).tolist()}
with open(OUT + "discrepancy_extra.json", "w") as f:
    json.dump(res, f, indent=1)
print("ok")

# Randomized designs cannot match scipy bit for bit (numpy's generator): compare the
# distribution of their centered discrepancy instead: mean and std over 40 seeds.
def cd_stats(make, n):
    v = [qmc.discrepancy(make(s).random(n), method="CD") for s in range(40)]
    return {"mean": float(np.mean(v)), "std": float(np.std(v, ddof=1)), "seeds": 40, "n": n}

rand = {
    "scipy_version": scipy.__version__,
    "sobol_scrambled_d8_n1024": cd_stats(lambda s: qmc.Sobol(d=8, scramble=True, seed=s), 1024),
    "halton_scrambled_d8_n1000": cd_stats(lambda s: qmc.Halton(d=8, scramble=True, seed=s), 1000),
    "lhs_d8_n1000": cd_stats(lambda s: qmc.LatinHypercube(d=8, seed=s), 1000),
    "lhs_centered_d8_n1000": cd_stats(lambda s: qmc.LatinHypercube(d=8, scramble=False, seed=s), 1000),
}
with open(OUT + "randomized_cd.json", "w") as f:
    json.dump(rand, f, indent=1)
print("ok2")
