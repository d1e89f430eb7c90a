"""Goldens for ClassifierImportanceGoldenTest: scikit-learn's permutation_importance of a classifier.

The model is Gaussian naive Bayes on wine (13 columns, 178 rows, 3 cultivars), which Quiver's naive-bayes
(kind: gaussian, the same varSmoothing 1e-9) fits to the same model: the plugin's own goldens check predict_proba
against GaussianNB, and the test checks that both score the same baseline accuracy. Both sides then permute the
same rows with different random generators (numpy's is not Java's), hence the test compares within the spread.

Run from the repository root with the system Python (python3-sklearn):
    /usr/bin/python3 pipelines/src/test/python/make_classifier_importance_goldens.py
"""
import json

import numpy as np
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.naive_bayes import GaussianNB

with open("pipelines/data/wine.csv") as f:
    header = f.readline().strip().split(",")
    rows = [line.strip().split(",") for line in f if line.strip()]
assert header[-1] == "cultivar"
features = header[:-1]
X = np.array([[float(v) for v in row[:-1]] for row in rows])
y = np.array([row[-1] for row in rows])
model = GaussianNB().fit(X, y)
result = permutation_importance(model, X, y, scoring="accuracy", n_repeats=30, random_state=0)
out = {
    "sklearn": sklearn.__version__,
    "features": features,
    "rows": len(rows),
    "repeats": 30,
    "baseline": float(model.score(X, y)),
    "accuracy": {"mean": result.importances_mean.tolist(), "std": result.importances_std.tolist()},
}
with open("pipelines/src/test/resources/golden/importance/wine-gaussian-nb.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
