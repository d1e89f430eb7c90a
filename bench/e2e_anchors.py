#!/usr/bin/python3
# Copy of the shared reference anchors (issue 11), kept in the repository so bench/ reads nothing outside it.
"""Whole-process anchors: what a Python user runs to get the same model from the same file.

Needs Debian's python3-torch, python3-sklearn, python3-pandas. Run each as its own process and time the process
(for example with /usr/bin/time), alternating with the Quiver command on the same file, and compare medians.

  e2e_anchors.py w1-torch FILE.csv    pandas.read_csv, then W1: logistic regression, Adam lr 1e-2, batch 256,
                                      5 epochs (PyTorch, 2 threads); the CSV's last column 'y' is the 0/1 label
  e2e_anchors.py w1-sklearn FILE.csv  pandas.read_csv, then SGDClassifier(log_loss, 5 epochs)
  e2e_anchors.py w2-torch FILE.npz    numpy.load of X (n x 784 float32) and y (int64), then W2: MLP
                                      784-256-128-10 ReLU, Adam lr 1e-3, batch 128, 1 epoch
Prints one line on stderr: read and train seconds, and the training accuracy.
"""
import sys, time
import numpy as np

what, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if what.startswith("w1"):
    import pandas as pd
    df = pd.read_csv(path)
    X = df.drop(columns="y").to_numpy(np.float32); y = df["y"].to_numpy()
else:
    z = np.load(path); X, y = z["X"].astype(np.float32), z["y"].astype(np.int64)
t1 = time.perf_counter()
if what == "w1-sklearn":
    from sklearn.linear_model import SGDClassifier
    m = SGDClassifier(loss="log_loss", max_iter=5, tol=None, random_state=0).fit(X, y); acc = m.score(X, y)
else:
    import torch
    torch.set_num_threads(2); torch.manual_seed(0)
    Xt = torch.from_numpy(X)
    if what == "w1-torch":
        yt = torch.from_numpy(y.astype(np.float32)).unsqueeze(1)
        m, lf, epochs, bs, lr = torch.nn.Linear(X.shape[1], 1), torch.nn.BCEWithLogitsLoss(), 5, 256, 1e-2
    else:
        yt = torch.from_numpy(y)
        m = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
        lf, epochs, bs, lr = torch.nn.CrossEntropyLoss(), 1, 128, 1e-3
    opt = torch.optim.Adam(m.parameters(), lr=lr); n = Xt.shape[0]
    for _ in range(epochs):
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            idx = perm[i:i + bs]; opt.zero_grad(); lf(m(Xt[idx]), yt[idx]).backward(); opt.step()
    with torch.no_grad():
        out = m(Xt)
        acc = float(((out > 0).float() == yt).float().mean()) if what == "w1-torch" else float((out.argmax(1) == yt).float().mean())
t2 = time.perf_counter()
print(f"{what}: read {t1 - t0:.2f}s train {t2 - t1:.2f}s accuracy {acc:.4f}", file=sys.stderr)
