"""Regenerates the SALib / scipy reference fixtures of SweepAnalysisTests.

Run from this folder with SALib 1.6.0 (numpy, scipy) installed:
    python3 -m venv /tmp/venv-a && /tmp/venv-a/bin/pip install SALib
    /tmp/venv-a/bin/python make_fixtures.py
Every number is written with 17 significant digits (repr), so Swift reads the exact doubles.
"""
import json

import numpy as np
from scipy import special, stats
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami, Sobol_G


def write_csv(path, header, matrix):
    matrix = np.atleast_2d(np.asarray(matrix, dtype=float))
    if matrix.shape[0] == 1 and len(header) == 1:
        matrix = matrix.T
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in matrix:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def plain(value):
    """numpy → JSON-able, NaN → None."""
    a = np.asarray(value, dtype=float)
    return [None if np.isnan(v) else float(v) for v in a.ravel()] if a.ndim == 1 else [plain(r) for r in a]


# 1. Sobol' on Ishigami: unscrambled Saltelli design, N = 256, second order.
ishigami = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
X = sobol_sample.sample(ishigami, 256, calc_second_order=True, scramble=False)
Y = Ishigami.evaluate(X)
Si = sobol_analyze.analyze(ishigami, Y, calc_second_order=True, print_to_console=False, seed=1)
write_csv("sobol_ishigami_samples.csv", ishigami["names"], X)
write_csv("sobol_ishigami_outputs.csv", ["Y"], Y)
with open("sobol_ishigami_salib.json", "w") as f:
    json.dump({k: plain(Si[k]) for k in ["S1", "S1_conf", "ST", "ST_conf", "S2", "S2_conf"]}, f, indent=1)
with open("ishigami.problem", "w") as f:
    f.write("# Ishigami (a = 7, b = 0.1): name lower upper\n")
    for name in ishigami["names"]:
        f.write(f"{name} {-np.pi!r} {np.pi!r}\n")

# 2. Morris on Ishigami: 40 random trajectories, 4 levels.
X = morris_sample.sample(ishigami, 40, num_levels=4, seed=11)
Y = Ishigami.evaluate(X)
Mi = morris_analyze.analyze(ishigami, X, Y, num_levels=4, seed=12)
write_csv("morris_ishigami_samples.csv", ishigami["names"], X)
write_csv("morris_ishigami_outputs.csv", ["Y"], Y)
with open("morris_ishigami_salib.json", "w") as f:
    json.dump({k: plain(Mi[k]) for k in ["mu", "mu_star", "sigma", "mu_star_conf"]}, f, indent=1)

# 3. Morris with groups on the Sobol' G function, k = 6 in 3 groups.
a6 = np.array([0, 1, 4.5, 9, 99, 99])
gproblem = {"num_vars": 6, "names": [f"x{i + 1}" for i in range(6)], "bounds": [[0, 1]] * 6,
            "groups": ["g1", "g1", "g2", "g3", "g3", "g3"]}
X = morris_sample.sample(gproblem, 30, num_levels=4, seed=21)
Y = Sobol_G.evaluate(X, a6)
Gi = morris_analyze.analyze(gproblem, X, Y, num_levels=4, seed=22)
write_csv("morris_groups_samples.csv", gproblem["names"], X)
write_csv("morris_groups_outputs.csv", ["Y"], Y)
with open("morris_groups_salib.json", "w") as f:
    json.dump({"names": list(Gi["names"]), "groups": gproblem["groups"],
               **{k: plain(Gi[k]) for k in ["mu", "mu_star", "sigma", "mu_star_conf"]}}, f, indent=1)

# 4. PRCC on a monotone model with noise, by the residual method, p-values from scipy's t.
rng = np.random.default_rng(31)
n, k = 60, 4
X = rng.random((n, k))
Y = 3 * X[:, 0] - np.exp(X[:, 1]) + 0.3 * X[:, 2] ** 3 + 0.2 * rng.standard_normal(n)
R = np.column_stack([stats.rankdata(X[:, j]) for j in range(k)])
ry = stats.rankdata(Y)
prcc, p = [], []
for j in range(k):
    Z = np.column_stack([np.ones(n), np.delete(R, j, axis=1)])
    ex = R[:, j] - Z @ np.linalg.lstsq(Z, R[:, j], rcond=None)[0]
    ey = ry - Z @ np.linalg.lstsq(Z, ry, rcond=None)[0]
    r = stats.pearsonr(ex, ey)[0]
    df = n - k - 1
    t = r * np.sqrt(df / (1 - r * r))
    prcc.append(float(r))
    p.append(float(2 * stats.t.sf(abs(t), df)))
write_csv("prcc_samples.csv", [f"x{i + 1}" for i in range(k)], X)
write_csv("prcc_outputs.csv", ["Y"], Y)
with open("prcc_scipy.json", "w") as f:
    json.dump({"PRCC": prcc, "p_value": p}, f, indent=1)

# 5. Student's t and the regularized incomplete beta from scipy.
cases = [(t, df) for df in [1, 2, 5, 30, 57, 1000] for t in [-40.0, -3.5, -1.0, -0.01, 0.0, 0.3, 2.1, 8.0, 60.0]]
betas = [(x, a, b) for (x, a, b) in [(0.001, 0.5, 0.5), (0.3, 2.0, 3.0), (0.5, 0.5, 10.0), (0.9, 15.0, 0.5),
                                      (0.2, 100.0, 200.0), (0.999, 3.0, 0.5), (1e-8, 0.5, 28.5)]]
with open("studentt_scipy.json", "w") as f:
    json.dump({
        "t": [{"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)), "p2": float(2 * stats.t.sf(abs(t), df))} for t, df in cases],
        "betainc": [{"x": x, "a": a, "b": b, "I": float(special.betainc(a, b, x))} for x, a, b in betas],
    }, f, indent=1)
