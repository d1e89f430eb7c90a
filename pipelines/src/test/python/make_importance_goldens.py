"""Goldens for PermutationImportanceGoldenTest: scikit-learn's permutation_importance on diabetes.

The model is ordinary least squares on the raw columns, which Quiver's linear-regression (solver: least-squares)
fits to the same coefficients (the test checks them against the ones written here), so both sides score the same
fitted model on the same rows; only the random shuffles differ, hence the test compares within the spread.

Run from the repository root with the system Python (python3-sklearn):
    /usr/bin/python3 pipelines/src/test/python/make_importance_goldens.py
"""
import json

import numpy as np
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LinearRegression

with open("pipelines/data/diabetes.csv") as f:
    header = f.readline().strip().split(",")
table = np.loadtxt("pipelines/data/diabetes.csv", delimiter=",", skiprows=1)
features = [c for c in header if c != "progression"]
X, y = table[:, :-1], table[:, header.index("progression")]
assert header[-1] == "progression"
model = LinearRegression().fit(X, y)
out = {"sklearn": sklearn.__version__, "features": features, "coef": model.coef_.tolist(),
       "intercept": float(model.intercept_), "repeats": 30}
for scoring in ["r2", "neg_mean_squared_error"]:
    result = permutation_importance(model, X, y, scoring=scoring, n_repeats=30, random_state=0)
    out[scoring] = {"mean": result.importances_mean.tolist(), "std": result.importances_std.tolist()}
with open("pipelines/src/test/resources/golden/importance/diabetes-least-squares.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
