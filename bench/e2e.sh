#!/usr/bin/env bash
# Whole-process W1 from CSV (issue 11): `quiver run bench/w1-csv.yaml` beside bench/e2e_anchors.py (pandas +
# PyTorch, pandas + scikit-learn) on the same file, alternating, N runs each; prints the median wall and CPU of
# each, the ratios against Quiver from the same run, and the load average before and after every figure.
# Usage: bench/e2e.sh [N] [ROWS...]   (default 3 runs, 200000 and 2000000 rows; files go to bench/results/)
# QUIVER_LIB=dir runs the jars of another build (e.g. a copy of main's pipelines/target/lib) instead of ./quiver.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-3}"
shift || true
sizes=("${@:-200000 2000000}")
read -r -a sizes <<< "${sizes[*]}"
results="$root/bench/results"
mkdir -p "$results"
times="$(mktemp -d)"
trap 'rm -rf -- "$times"' EXIT

if [ -n "${QUIVER_LIB:-}" ]; then
    quiver=(java --add-opens=java.base/java.nio=ALL-UNNAMED --add-modules jdk.incubator.vector -cp "$QUIVER_LIB/*"
        dev.quiver.cli.Main)
else
    quiver=("$root/quiver")
fi

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

for rows in "${sizes[@]}"; do
    csv="$results/w1-$rows.csv"
    [ -f "$csv" ] || java "$root/bench/GenerateCsv.java" "$csv" "$rows"
    # warm-up: a run, since only a run records the CDS archive (see ./quiver)
    W1_CSV="$csv" "${quiver[@]}" run "$root/bench/w1-csv.yaml" --out "$results/w1-csv-run" --quiet > /dev/null 2>&1 || true
    echo "rows $rows ($(du -m "$csv" | cut -f1) MB), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for i in $(seq "$n"); do
        W1_CSV="$csv" /usr/bin/time -f '%e %U %S' -a -o "$times/quiver-$rows" \
            "${quiver[@]}" run "$root/bench/w1-csv.yaml" --out "$results/w1-csv-run" --quiet \
            >> "$results/w1-csv-$rows.log" 2>&1
        for anchor in w1-torch w1-sklearn; do
            /usr/bin/time -f '%e %U %S' -a -o "$times/$anchor-$rows" \
                /usr/bin/python3 "$root/bench/e2e_anchors.py" "$anchor" "$csv" 2>> "$results/$anchor-$rows.log"
        done
        echo "  run $i done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    done
    q="$(cut -d' ' -f1 "$times/quiver-$rows" | median)"
    qcpu="$(awk '{ print $2 + $3 }' "$times/quiver-$rows" | median)"
    printf '  %-22s wall median %6s s  CPU median %6s s\n' "quiver run" "$q" "$qcpu"
    for anchor in w1-torch w1-sklearn; do
        a="$(cut -d' ' -f1 "$times/$anchor-$rows" | median)"
        acpu="$(awk '{ print $2 + $3 }' "$times/$anchor-$rows" | median)"
        printf '  %-22s wall median %6s s  CPU median %6s s  Quiver speed-up %sx\n' "$anchor" "$a" "$acpu" \
            "$(awk -v a="$a" -v q="$q" 'BEGIN { printf "%.2f", a / q }')"
    done
    echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
