#!/usr/bin/python3
"""Prints bench/run.sh's markdown table from the files of one run in bench/results/.

Quiver's figures come from each run's metrics.json and history.csv (per-epoch seconds); the anchors' from
anchors.json; the kernel's from kernel.txt; peak RSS from GNU time's report. "whole" is the run's
training.seconds, which includes reading the data from the source into the engine's buffers (and the JIT's
warm-up); "steady" leaves out the first epoch, as the anchors leave out building their in-memory tensors.
A workload that failed shows its .failed note instead of figures.

Usage: table.py RESULTS_DIR
"""
import csv, json, os, re, sys

out = sys.argv[1]
MACS_W2 = 784 * 256 + 256 * 128 + 128 * 10
FLOPS_PER_ROW_W2 = 3 * 2 * MACS_W2          # forward + backward, as anchors.py counts them
TRIBUO_EPOCHS = 5                           # w1-tribuo.yaml: options.epochs (Tribuo loops over epochs itself)


def failed(name):
    path = os.path.join(out, name + ".failed")
    return open(path).read().strip() if os.path.exists(path) else None


def load_json(*parts):
    path = os.path.join(out, *parts)
    return json.load(open(path)) if os.path.exists(path) else None


def history(name):
    path = os.path.join(out, name, "history.csv")
    if not os.path.exists(path):
        return []
    return [{"rows": int(r["rows"]), "seconds": float(r["seconds"])} for r in csv.DictReader(open(path))]


def si(x):
    if x is None:
        return "n/a"
    for unit, scale in (("M", 1e6), ("k", 1e3)):
        if abs(x) >= scale:
            return "%.2f %s" % (x / scale, unit)
    return "%.0f" % x


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(r):
    return "n/a" if r is None else "%.1fx" % r


def verdict(whole, steady, target):
    if whole is not None and whole >= target:
        return "**met**"
    if steady is not None and steady >= target:
        return "met on the steady figure only"
    return "**not met**" if whole is not None or steady is not None else "n/a"


anchors = load_json("anchors.json") or {}
rows = []   # (workload, target, quiver, anchor, ratio, verdict)

# W1 ------------------------------------------------------------------------------------------------------------
w1 = load_json("w1-logistic", "metrics.json")
if failed("w1-logistic") or not w1:
    rows.append(("W1 logistic regression", "", "failed: %s" % failed("w1-logistic"), "", "", ""))
else:
    whole = w1["training"]["rowsPerSecond"]
    later = history("w1-logistic")[1:]
    steady = sum(e["rows"] for e in later) / sum(e["seconds"] for e in later) if later else None
    epochs = history("w1-logistic")
    quiver = "%s (%s steady), acc %.3f" % (si(whole), si(steady), w1["train"]["accuracy"])
    if later:
        extra = epochs[0]["seconds"] - sum(e["seconds"] for e in later) / len(later)
        quiver += "; epoch 1 %.2f s, %.2f s more than a steady epoch" % (epochs[0]["seconds"], extra)
    for key, name, target in (("W1_torch_rows_per_s", "PyTorch", 3), ("W1_sklearn_rows_per_s",
                                                                     "scikit-learn SGDClassifier", 2)):
        a = anchors.get(key)
        rw, rs = ratio(whole, a), ratio(steady, a)
        rows.append(("W1 row-epochs/s vs %s" % name, ">= %dx" % target, quiver if target == 3 else "as above", si(a),
                     "%s (steady: %s)" % (fmt_ratio(rw), fmt_ratio(rs)), verdict(rw, rs, target)))
    tribuo = load_json("w1-tribuo", "metrics.json")
    if failed("w1-tribuo") or not tribuo:
        rows.append(("W1 row-epochs/s vs Tribuo", ">= 3x", quiver, "failed: %s" % failed("w1-tribuo"), "", ""))
    else:
        t = tribuo["training"]
        a = TRIBUO_EPOCHS * t["rows"] / t["seconds"]
        rw = ratio(whole, a)
        rows.append(("W1 row-epochs/s vs Tribuo 4.3.2 LogisticRegressionTrainer, same JVM", ">= 3x", "as above",
                     "%s (acc %.3f)" % (si(a), tribuo["train"]["accuracy"]),
                     "%s (whole vs whole)" % fmt_ratio(rw), verdict(rw, None, 3)))

# W2 ------------------------------------------------------------------------------------------------------------
w2 = history("w2-mlp")
if failed("w2-mlp") or not w2:
    rows.append(("W2 MLP 784-256-128-10", "", "failed: %s" % failed("w2-mlp"), "", "", ""))
else:
    first = FLOPS_PER_ROW_W2 * w2[0]["rows"] / w2[0]["seconds"] / 1e9
    second = FLOPS_PER_ROW_W2 * w2[1]["rows"] / w2[1]["seconds"] / 1e9 if len(w2) > 1 else None
    quiver = "%.1f (%.1f s); epoch 2: %s (%s s)" % (
        first, w2[0]["seconds"], "n/a" if second is None else "%.1f" % second,
        "n/a" if second is None else "%.1f" % w2[1]["seconds"])
    rows.append(("W2 effective GFLOP/s", ">= 40", quiver, "", "", verdict(first, second, 40)))
    a = anchors.get("W2_torch_gflops")
    rw, rs = ratio(first, a), ratio(second, a)
    rows.append(("W2 effective GFLOP/s vs PyTorch", ">= 5x", "as above",
                 "n/a" if a is None else "%.2f (%.1f s)" % (a, anchors["W2_torch_s"]),
                 "%s (epoch 2: %s)" % (fmt_ratio(rw), fmt_ratio(rs)), verdict(rw, rs, 5)))

# W3 ------------------------------------------------------------------------------------------------------------
w3 = load_json("w3-digits", "metrics.json")
if failed("w3-digits") or not w3:
    rows.append(("W3 digits MLP 64-64-10", "", "failed: %s" % failed("w3-digits"), "", "", ""))
else:
    acc = w3["test"]["accuracy"]
    a = anchors.get("W3_torch_acc")
    rows.append(("W3 digits MLP 64-64-10, test accuracy", ">= 0.97",
                 "%.4f (%.2f s)" % (acc, w3["training"]["seconds"]),
                 "n/a" if a is None else "PyTorch %.4f (%.1f s)" % (a, anchors["W3_torch_s"]),
                 "speed %.1fx" % (anchors["W3_torch_s"] / w3["training"]["seconds"]) if a is not None else "",
                 verdict(acc, None, 0.97)))

# Streamed W1 ---------------------------------------------------------------------------------------------------
stream = load_json("w1-stream", "metrics.json")
csv_path = os.path.join(out, "w1-stream.csv")
if os.path.exists(os.path.join(out, "w1-stream.time")):
    report = open(os.path.join(out, "w1-stream.time")).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", report).group(1)
    size = os.path.getsize(csv_path) / 1e9 if os.path.exists(csv_path) else float("nan")
    if failed("w1-stream") or not stream:
        # The CLI's progress (run under a pseudo-terminal) tells how far the run got before it failed.
        log = open(os.path.join(out, "w1-stream.log"), errors="replace").read().replace("\r", "")
        stages = re.findall(r"^\[(\w+)\]", log, re.M)
        epochs = re.findall(r"^epoch \d+ .*rows/s", log, re.M)
        error = next((l.strip() for l in log.splitlines() if re.search(r"Error|Exception|^error", l)), "see log")
        rows.append(("W1 streamed from a %.2f GB CSV, -Xmx256m" % size, "completes; peak RSS",
                     "failed in stage '%s' (progress: %s): %s; peak RSS %.0f MiB; %s wall" % (
                         stages[-1] if stages else "?", "; ".join(epochs) or "no epoch finished", error, rss,
                         wall), "", "", "**not met**"))
    else:
        t = stream["training"]
        rows.append(("W1 streamed from a %.2f GB CSV, -Xmx256m, 1 epoch" % size, "completes; peak RSS",
                     "%s rows, %s row-epochs/s, acc %.3f; peak RSS %.0f MiB; %s wall" % (
                         si(t["rowEpochs"]), si(t["rowsPerSecond"]), stream["train"]["accuracy"], rss, wall),
                     "", "", "**met**"))

print("| workload | target | Quiver | anchor | Quiver / anchor | verdict |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
print("whole: training.seconds, which includes reading the source into the engine's buffers and the JIT warm-up;"
      " steady: the epochs after the first (W1 2-5, W2 2); the anchors time training on tensors built beforehand.")

kernel = os.path.join(out, "kernel.txt")
if os.path.exists(kernel):
    print()
    print("Matmul kernel in isolation (engine's KernelBench, GFLOP/s; nn = forward, tn = weight gradient,"
          " nt = input gradient):")
    print()
    figures = re.findall(r"(\w+) (\d+x\d+x\d+): ([\d.]+) GFLOP/s", open(kernel).read())
    shapes = list(dict.fromkeys(s for _, s, _ in figures))
    print("| shape (n x k x m) | nn | tn | nt |")
    print("|---|---|---|---|")
    for s in shapes:
        got = {f: g for f, sh, g in figures if sh == s}
        print("| %s | %s |" % (s, " | ".join(got.get(f, "") for f in ("nn", "tn", "nt"))))
elif failed("kernel"):
    print("\nKernel benchmark failed: " + failed("kernel"))
if failed("anchors"):
    print("\nAnchors failed: " + failed("anchors"))
