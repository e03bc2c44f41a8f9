"""Regenerates the SALib 1.6 references of the eFAST, RBD-FAST, DGSM and PAWN tests.

Run from this folder with SALib 1.6.0 installed (see README.md):
    /tmp/venv-a/bin/python make_method_fixtures.py
Every number is written with 17 significant digits (repr), so Swift reads the exact doubles.
"""
import json
import math

import numpy as np
from SALib.analyze import delta, dgsm, fast, pawn, rbd_fast
from SALib.sample import fast_sampler, finite_diff, latin
from SALib.test_functions import Ishigami

from make_fixtures import plain, write_csv

ishigami = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}


def dump(path, result, keys, **extra):
    with open(path, "w") as f:
        json.dump({**extra, **{k: plain(result[k]) for k in keys}}, f, indent=1)


# eFAST: N = 1000 points per curve, M = 4; the phases SALib drew (default_rng(5).random()).
X = fast_sampler.sample(ishigami, 1000, M=4, seed=5)
rng = np.random.default_rng(5)
phases = [2 * math.pi * rng.random() for _ in range(3)]
Y = Ishigami.evaluate(X)
Si = fast.analyze(ishigami, Y, M=4, seed=6)
write_csv("efast_ishigami_samples.csv", ishigami["names"], X)
write_csv("efast_ishigami_outputs.csv", ["Y"], Y)
dump("efast_ishigami_salib.json", Si, ["S1", "ST", "S1_conf", "ST_conf"], phases=phases)

# RBD-FAST and PAWN on one Latin hypercube of 1000 points.
X = latin.sample(ishigami, 1000, seed=7)
Y = Ishigami.evaluate(X)
write_csv("lhs_ishigami_samples.csv", ishigami["names"], X)
write_csv("lhs_ishigami_outputs.csv", ["Y"], Y)
dump("rbd_fast_ishigami_salib.json", rbd_fast.analyze(ishigami, X, Y, M=10, seed=8), ["S1", "S1_conf"])
dump("pawn_ishigami_salib.json", pawn.analyze(ishigami, X, Y, S=10, seed=11), ["minimum", "mean", "median", "maximum", "CV", "stdev"])

# DGSM: finite differences from the unscrambled Sobol' sequence, N = 500, delta = 0.01.
X = finite_diff.sample(ishigami, 500, delta=0.01, seed=9)
Y = Ishigami.evaluate(X)
write_csv("dgsm_ishigami_samples.csv", ishigami["names"], X)
write_csv("dgsm_ishigami_outputs.csv", ["Y"], Y)
dump("dgsm_ishigami_salib.json", dgsm.analyze(ishigami, X, Y, seed=10), ["vi", "vi_std", "dgsm", "dgsm_conf"])

# delta on the same Latin hypercube. SALib 1.6 takes its point values from one resample; the
# references here are its own estimator on the full sample (calc_delta, sobol_first), which is
# what SDSweep reports, and SALib's analyze for the size of the intervals.
from SALib.analyze.delta import calc_delta, sobol_first

X = latin.sample(ishigami, 1000, seed=7)
Y = Ishigami.evaluate(X)
N = Y.size
exp = 2.0 / (7.0 + np.tanh((1500.0 - N) / 500.0))
M = int(np.round(min(int(np.ceil(N ** exp)), 48)))
m = np.linspace(0, N, M + 1)
Ygrid = np.linspace(np.min(Y), np.max(Y), 100)
full = {"delta_raw": [calc_delta(Y, Ygrid, X[:, i], m) for i in range(3)],
        "S1": [sobol_first(Y, X[:, i], m) for i in range(3)], "classes": M}
Si = delta.analyze(ishigami, X, Y, num_resamples=100, seed=12, method="all")
with open("delta_ishigami_salib.json", "w") as f:
    json.dump({**full, "delta_raw_conf": plain(Si["delta_raw_conf"]), "S1_conf": plain(Si["S1_conf"]),
               "salib_delta_raw": plain(Si["delta_raw"])}, f, indent=1)
