#!/usr/bin/python3
"""Writes the transforms' golden files from scikit-learn (Debian python3-sklearn 1.2, numpy).

Run from anywhere: /usr/bin/python3 plugins/transforms/src/test/python/make_goldens.py
It writes src/test/resources/golden/table.csv (the input, a small table with missing cells) and one
<case>.txt per transform configuration: one line per row, cells separated by spaces, 'nan' for missing.
Floats are printed with repr(), which round-trips exactly through Java's Double.parseDouble.
"""
import csv
import os

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")

AGE = [25.0, 32.5, None, 47.0, 51.0, 23.0, None, 36.0, 29.0, 60.0, 41.0, 33.0]
INCOME = [31000, 42000, 38000, 91000, 67000, 25000, 55000, 48000, 39000, 120000, 73000, 44000]
CONST = [3.0] * 12
COLOR = ["red", "blue", "green", None, "red", "blue", "red", "green", "blue", "red", None, "green"]
LABEL = ["no", "no", "yes", "yes", "yes", "no", "yes", "no", "no", "yes", "yes", "no"]


def write_table():
    with open(os.path.join(OUT, "table.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["age", "income", "const", "color", "label"])
        for row in zip(AGE, INCOME, CONST, COLOR, LABEL):
            w.writerow(["" if v is None else v for v in row])


def cell(v):
    if isinstance(v, str):
        return v
    v = float(v)
    return "nan" if np.isnan(v) else repr(v)


def write(name, matrix, header):
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("# " + " ".join(header) + "\n")
        for row in matrix:
            f.write(" ".join(cell(v) for v in row) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    write_table()
    numeric = np.array([[np.nan if a is None else a, i, c] for a, i, c in zip(AGE, INCOME, CONST)], dtype=float)
    cols = ["age", "income", "const"]

    write("standardize", StandardScaler().fit_transform(numeric), cols)
    write("standardize-no-mean", StandardScaler(with_mean=False).fit_transform(numeric), cols)
    write("min-max", MinMaxScaler().fit_transform(numeric), cols)
    write("min-max-range", MinMaxScaler(feature_range=(-1, 1)).fit_transform(numeric), cols)

    colors = np.array([[c] for c in COLOR], dtype=object)
    enc = OneHotEncoder(handle_unknown="ignore").fit(colors)
    cats = list(enc.categories_[0])
    onehot = enc.transform(colors).toarray()
    keep = [j for j, c in enumerate(cats) if c is not None]  # Quiver encodes a missing cell as all zeros
    write("one-hot", onehot[:, keep], ["color=" + cats[j] for j in keep])
    probe = np.array([["red"], ["purple"]], dtype=object)
    write("one-hot-unknown", enc.transform(probe).toarray()[:, keep], ["color=" + cats[j] for j in keep])

    for strategy in ["mean", "median", "most_frequent"]:
        imputed = SimpleImputer(strategy=strategy).fit_transform(numeric[:, :2])
        write("impute-" + strategy.replace("_", "-"), imputed, cols[:2])
    for strategy in ["most_frequent", "constant"]:
        imputed = SimpleImputer(strategy=strategy, missing_values=None).fit_transform(colors)
        write("impute-color-" + strategy.replace("_", "-"), imputed, ["color"])


if __name__ == "__main__":
    main()
