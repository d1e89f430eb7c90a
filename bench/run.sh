#!/usr/bin/env bash
# Runs Quiver's benchmark workloads, the matmul kernel in isolation and the PyTorch / scikit-learn anchors in one
# go, then prints one markdown table with the figures side by side, the ratios, and the speed-up each is meant to reach
# (bench/table.py lists them, e.g. W1 at least 3x PyTorch).
#
#   bench/run.sh                        # everything: W1, W1 via Tribuo, W2, W3, kernel, anchors, streamed W1
#   W1_STREAM_GB=0.5 bench/run.sh       # a smaller streamed CSV
#   SKIP_STREAM=1 SKIP_ANCHORS=1 SKIP_KERNEL=1 bench/run.sh
#
# Needs Debian's python3-torch, python3-sklearn (apt-get install -y python3-torch python3-sklearn) for the anchors
# and the table, GNU time (/usr/bin/time) for peak RSS, and Maven for the kernel benchmark (engine test classes).
# Results, logs and the generated CSV go to bench/results/ (git-ignored); the CSV is kept for the next run.
#
# Figures are from one run: on a shared 2-core machine absolute times are noisy; compare ratios taken in the
# same run. Workloads run one after another, never in parallel.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/results"
quiver="$root/quiver"
py=/usr/bin/python3
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.log "$out"/*.time "$out"/*.failed "$out"/kernel.txt

say() { echo "== $*" >&2; }

# quiver_run NAME [ARGS...]: runs bench/NAME.yaml into results/NAME; a failure is recorded, not fatal, so one
# broken workload still leaves the others' figures.
quiver_run() {
  local name=$1; shift
  say "quiver $name $*"
  rm -rf "${out:?}/$name"
  "$quiver" run "$here/$name.yaml" --out "$out/$name" --json "$@" > "$out/$name.json" 2> "$out/$name.log"
  local status=$?
  if [ $status -ne 0 ]; then
    echo "exit $status from: quiver run bench/$name.yaml --out bench/results/$name --json $*" > "$out/$name.failed"
    tail -5 "$out/$name.log" >&2
  fi
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
    "($(grep -m1 -o 'avx512f' /proc/cpuinfo || echo 'no avx512'))"
  echo "jdk: $(java -version 2>&1 | head -2 | tail -1)"
  echo "python anchors: $($py -c 'import torch, sklearn; print("torch", torch.__version__, "/ scikit-learn", sklearn.__version__)' 2>&1 | tail -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine | tee "$out/machine.txt" >&2

say "building the distribution if missing"
"$quiver" --version > /dev/null   # builds pipelines/target/lib once, outside any timing

quiver_run w1-logistic
quiver_run w1-tribuo
# Two epochs: the first is the specified workload (it also reads the 60,000 x 784 rows from the synthetic source
# and warms the JIT); the second trains on data already in memory, as the PyTorch anchor does.
quiver_run w2-mlp --set training.epochs=2
quiver_run w3-digits

if [ -z "${SKIP_KERNEL:-}" ]; then
  say "matmul kernel in isolation (engine's KernelBench)"
  if (cd "$root" && mvn -o -q -B test-compile -pl plugins/engine \
        && mvn -o -q -B dependency:build-classpath -pl plugins/engine -Dmdep.outputFile="$out/engine.cp" \
             -Dmdep.includeScope=test) > "$out/kernel.log" 2>&1; then
    engine="$root/plugins/engine/target"
    java --add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED \
      -cp "$engine/classes:$engine/test-classes:$(cat "$out/engine.cp")" dev.quiver.engine.bench.KernelBench \
      > "$out/kernel.txt" 2>> "$out/kernel.log" || echo "KernelBench failed" > "$out/kernel.failed"
  else
    echo "could not build the engine's test classes (see kernel.log)" > "$out/kernel.failed"
  fi
fi

if [ -z "${SKIP_ANCHORS:-}" ]; then
  say "anchors (PyTorch, scikit-learn)"
  $py "$here/anchors.py" > "$out/anchors.json" 2> "$out/anchors.log" || echo "anchors failed" > "$out/anchors.failed"
fi

if [ -z "${SKIP_STREAM:-}" ]; then
  gb=${W1_STREAM_GB:-2}
  csv="$out/w1-stream.csv"
  rows=$($py -c "print(int($gb * 1e9 / 306))")   # GenerateCsv writes about 306 bytes a row
  if [ ! -f "$csv" ] || [ "$(wc -l < "$csv")" -ne $((rows + 1)) ]; then
    say "generating a $gb GB CSV ($rows rows)"
    java "$here/GenerateCsv.java" "$csv.tmp" "$rows" && mv "$csv.tmp" "$csv"
  fi
  say "streaming W1 from $(du -h "$csv" | cut -f1) with -Xmx256m"
  rm -rf "${out:?}/w1-stream"
  # Under script(1), a pseudo-terminal, so the log keeps the CLI's progress (stages, the epoch's rows/s): if a
  # later stage fails, the log still shows how training went.
  W1_STREAM_CSV="$csv" QUIVER_JAVA_OPTS="-Xmx256m" script -qec "/usr/bin/time -v -o '$out/w1-stream.time' \
    '$quiver' run '$here/w1-stream.yaml' --out '$out/w1-stream'" /dev/null > "$out/w1-stream.log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    echo "exit $status from: W1_STREAM_CSV=$csv QUIVER_JAVA_OPTS=-Xmx256m quiver run bench/w1-stream.yaml" \
      > "$out/w1-stream.failed"
    tail -5 "$out/w1-stream.log" >&2
  fi
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt" >&2
echo
sed 's/^/    /' "$out/machine.txt"
echo
$py "$here/table.py" "$out"
