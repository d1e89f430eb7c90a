#!/usr/bin/python3
"""Writes naive Bayes golden files from scikit-learn (Debian python3-sklearn 1.2, numpy).

Run: /usr/bin/python3 plugins/naive-bayes/src/test/python/make_goldens.py
Each <case>.txt under src/test/resources/golden holds predict_proba of a model fitted on a bundled dataset
(pipelines/data) and applied to its own rows, or to the probe rows of probes.csv: a header line
'# class class...' and one line of space-separated probabilities per row, printed with repr() so that Java
reads back the exact doubles.
"""
import csv
import os

import numpy as np
from sklearn.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "..", "pipelines", "data"))
OUT = os.path.join(HERE, "..", "resources", "golden")

# Messages to classify with the spam models: free+winner+click, a work message, and an empty message.
PROBES = [
    {"free": 1, "winner": 1, "click": 1},
    {"meeting": 1, "project": 1, "report": 1},
    {},
]


def load(name):
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    x = np.array([[float(v) for v in r[:-1]] for r in body])
    y = np.array([r[-1] for r in body])
    return header[:-1], x, y


def write(name, model, x):
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("# " + " ".join(str(c) for c in model.classes_) + "\n")
        for row in model.predict_proba(x):
            f.write(" ".join(repr(float(p)) for p in row) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    _, x, y = load("iris.csv")
    write("gaussian-iris", GaussianNB().fit(x, y), x)
    write("gaussian-iris-priors", GaussianNB(priors=[0.2, 0.3, 0.5], var_smoothing=1e-3).fit(x, y), x)
    write("bernoulli-iris", BernoulliNB(alpha=0.5, binarize=2.5).fit(x, y), x)

    words, x, y = load("spam.csv")
    probes = np.array([[p.get(w, 0) for w in words] for p in PROBES], dtype=float)
    with open(os.path.join(OUT, "probes.csv"), "w") as f:
        f.write(",".join(words) + "\n")
        for row in probes:
            f.write(",".join(str(int(v)) for v in row) + "\n")
    multinomial = MultinomialNB(alpha=1.0).fit(x, y)
    write("multinomial-spam", multinomial, x)
    write("multinomial-spam-probes", multinomial, probes)
    write("multinomial-spam-uniform", MultinomialNB(alpha=0.5, fit_prior=False).fit(x, y), x)
    bernoulli = BernoulliNB(alpha=1.0).fit(x, y)
    write("bernoulli-spam", bernoulli, x)
    write("bernoulli-spam-probes", bernoulli, probes)

    spam = list(multinomial.classes_).index("spam")
    p = multinomial.predict_proba(probes)[:, spam]
    assert p[0] > 0.9 and p[1] < 0.1, p  # the example the tests and docs promise


if __name__ == "__main__":
    main()
