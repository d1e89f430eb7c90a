#!/usr/bin/python3
"""Golden values for OneVsRestTest: scikit-learn's one-vs-rest logistic regression read on fixed weights.
Training results differ by design (scikit-learn fits with lbfgs and L2 C=1), so the test compares the formula
that turns logits into predictions. Run:
    /usr/bin/python3 plugins/engine/src/test/python/ovr_goldens.py
and paste the printed arrays into OneVsRestTest; the test itself needs no Python."""
import numpy as np
from sklearn.linear_model import LogisticRegression

W = np.array([[1.5, -0.5], [-0.25, 2.0], [-1.0, -1.0]])
b = np.array([0.1, -0.2, 0.3])
X = np.array([[0.0, 0.0], [2.0, 1.0], [-1.0, 3.0], [-2.0, -2.0], [0.5, 0.5], [10.0, -10.0], [-30.0, -40.0]])

model = LogisticRegression(multi_class="ovr")
model.classes_ = np.array(["a", "b", "c"])
model.coef_ = W
model.intercept_ = b
np.set_printoptions(precision=17)
print("probabilities", repr(model.predict_proba(X).flatten().tolist()))
print("labels", model.predict(X).tolist())
