#!/usr/bin/python3
"""Goldens of the report's calibration curve and per-class table, with scikit-learn 1.2.

Run from the runtime module folder:  /usr/bin/python3 src/test/python/make_report_table_goldens.py
Output: src/test/resources/golden/report-tables.json:
  calibration: labels, probabilities, and calibration_curve(labels, p, n_bins=10, strategy="uniform") (prob_pred,
               prob_true); the probabilities include values on the bin edges (0.1, 0.5), which numpy's searchsorted
               puts in the lower bin;
  per_class:   actual and predicted class indices (3 classes), and precision_recall_fscore_support(zero_division=0)
               per class.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import precision_recall_fscore_support

rng = np.random.RandomState(3)
labels = (rng.rand(200) < 0.4).astype(int)
p = np.clip(0.3 + 0.35 * labels + 0.25 * rng.randn(200), 0, 1)
p[:4] = [0.1, 0.5, 0.0, 1.0]
prob_true, prob_pred = calibration_curve(labels, p, n_bins=10, strategy="uniform")

actual = rng.randint(0, 3, 60)
predicted = np.where(rng.rand(60) < 0.7, actual, (actual + 1) % 2)
precision, recall, f1, support = precision_recall_fscore_support(actual, predicted, labels=[0, 1, 2], zero_division=0)

out = {"sklearn": sklearn.__version__,
       "calibration": {"labels": labels.tolist(), "probabilities": p.tolist(), "prob_pred": prob_pred.tolist(),
                       "prob_true": prob_true.tolist()},
       "per_class": {"actual": actual.tolist(), "predicted": predicted.tolist(), "precision": precision.tolist(),
                     "recall": recall.tolist(), "f1": f1.tolist(), "support": support.tolist()}}
with open(os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "report-tables.json"), "w") as f:
    json.dump(out, f)
    f.write("\n")
