#!/usr/bin/env bash
# W1 on Spark (issue 14): the local engine versus Spark local[2] versus a 2-executor standalone cluster (Master and
# Worker processes on 127.0.0.1 and free ports, stopped afterwards), full-batch Adam so one epoch is one step (one
# Spark job). Each CSV is run for two epoch counts; the slope of wall time over epochs is the per-step cost, the
# intercept the fixed per-run cost. The small CSV's per-step cost is Spark's fixed per-job overhead; the large
# one's minus it, over the rows, is the per-row cost (docs/benchmarks.md, "W1 on Spark").
#
#   bench/spark.sh                          # 1k and 1M rows, 1 and 41 epochs
#   W1_SPARK_ROWS=10000000 bench/spark.sh   # 10M rows instead of 1M
#   W1_EPOCHS=1,11 W1_ENGINES=local,cluster bench/spark.sh   # other epoch counts, some engines only
# Do not build the reactor while it runs: the cluster's executors read the modules' jars from target/.
#
# Builds runtime/spark with the spark profile (offline Maven, a private local repository under bench/results/m2
# whose tail is ~/.m2, so nothing is installed into the shared one). The table goes to bench/results/spark-w1.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/results"
mkdir -p "$out"
rows=${W1_SPARK_ROWS:-1000000}
small="$out/w1-spark-1000.csv"
large="$out/w1-spark-$rows.csv"
[ -f "$small" ] || java "$here/GenerateCsv.java" "$small" 1000
[ -f "$large" ] || java "$here/GenerateCsv.java" "$large" "$rows"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/spark-w1-machine.txt" >&2
cd "$root"
W1_CSVS="$small,$large" W1_BENCH_OUT="$out/spark-w1.md" W1_EPOCHS="${W1_EPOCHS:-1,41}" W1_ENGINES="${W1_ENGINES:-local,local[2],cluster}" \
  ./mvnw -B -o -Pspark -Dmaven.repo.local="$out/m2" -Dmaven.repo.local.tail="$HOME/.m2/repository" \
  verify -pl runtime/spark -am -Dtest=SparkW1Bench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Djacoco.skip=true > "$out/spark-w1.log" 2>&1 \
  || { tail -40 "$out/spark-w1.log" >&2; exit 1; }
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/spark-w1-machine.txt" >&2
cat "$out/spark-w1.md"
