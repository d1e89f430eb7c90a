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

# Partial dependence of the same least-squares model (kind="average", scikit-learn's default grid).
from sklearn.inspection import partial_dependence

pd_out = {}
for name in ["bmi", "sex", "s5"]:
    j = features.index(name)
    result = partial_dependence(model, X, [j], kind="average", grid_resolution=20)
    pd_out[name] = {"grid": result["values"][0].tolist(), "average": result["average"][0].tolist()}
with open("pipelines/src/test/resources/golden/importance/diabetes-partial-dependence.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "grid_resolution": 20, "features": pd_out}, f, indent=1)
    f.write("\n")

# Clustering scores of k-means on standardized iris, and the summary of iris' columns (pandas' describe: ddof 1).
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import StandardScaler

with open("pipelines/data/iris.csv") as f:
    iris_header = f.readline().strip().split(",")
    iris_rows = [line.strip().split(",") for line in f if line.strip()]
iris_x = np.array([[float(v) for v in row[:4]] for row in iris_rows])
species = sorted({row[4] for row in iris_rows})
iris_y = np.array([species.index(row[4]) for row in iris_rows])
Z = StandardScaler().fit_transform(iris_x)
labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(Z)
clusters = {
    "sklearn": sklearn.__version__,
    "points": Z.tolist(),
    "labels": labels.tolist(),
    "species": iris_y.tolist(),
    "silhouette": float(silhouette_score(Z, labels)),
    "davies_bouldin": float(davies_bouldin_score(Z, labels)),
    "adjusted_rand": float(adjusted_rand_score(iris_y, labels)),
    "summary": {name: {"mean": float(iris_x[:, i].mean()), "std": float(iris_x[:, i].std(ddof=1)),
                       "min": float(iris_x[:, i].min()), "max": float(iris_x[:, i].max())}
                for i, name in enumerate(iris_header[:4])},
}
with open("pipelines/src/test/resources/golden/importance/iris-clusters.json", "w") as f:
    json.dump(clusters, f)
    f.write("\n")
