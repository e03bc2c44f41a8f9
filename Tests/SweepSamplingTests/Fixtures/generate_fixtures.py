"""Regenerates the reference designs in this folder (scipy 1.17.1, SALib 1.6.0, numpy 2.4.6):

    python3 -m venv /tmp/venv-s && /tmp/venv-s/bin/pip install scipy SALib
    /tmp/venv-s/bin/python generate_fixtures.py

Floats are written with repr(), Python's shortest round-trip form, so the CSV holds the exact
doubles.
"""
import warnings

import numpy as np
from scipy.stats import qmc
from SALib.sample import sobol

warnings.simplefilter("ignore")


def write(path, header, matrix):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in matrix:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


# The bare sequence: first 64 points in 10 dimensions, from the origin.
points = qmc.Sobol(10, scramble=False).random(64)
write("sobol-scipy-10d-64.csv", [f"x{j}" for j in range(10)], points)

# Saltelli cross designs; the problem is also in problem-3.txt (SALib text format).
problem = {
    "num_vars": 3,
    "names": ["x1", "Second Factor", "x3"],
    "bounds": [[-3.141592653589793, 3.141592653589793], [0.0, 1.0], [10.0, 30.0]],
}
for second, tag in [(True, "second-order"), (False, "first-order")]:
    X = sobol.sample(problem, 16, calc_second_order=second, scramble=False)
    write(f"saltelli-salib-{tag}-n16.csv", problem["names"], X)
X = sobol.sample(problem, 16, calc_second_order=False, scramble=False, skip_values=16)
write("saltelli-salib-first-order-n16-skip16.csv", problem["names"], X)

# Groups: members of a group move together; layout factors = number of groups (3 here).
grouped = {
    "num_vars": 4,
    "names": ["a", "b", "c", "d"],
    "bounds": [[0.0, 1.0], [1.0, 2.0], [-1.0, 1.0], [5.0, 7.5]],
    "groups": ["g1", "g2", "g1", "g3"],
}
X = sobol.sample(grouped, 8, calc_second_order=True, scramble=False)
write("saltelli-salib-groups-second-order-n8.csv", grouped["names"], X)
