#!/usr/bin/env bash
# Load test of `quiver serve` beside a Python baseline, in one run: many concurrent clients (bench/ServeLoad.java,
# the same load generator for every server), 1-row and 100-row JSON requests, Quiver with micro-batching off and
# on, and scikit-learn served by Flask and by the standard library's http.server (bench/serve_baseline.py). Every
# server serves the same kind of model: min-max scaling then softmax (multinomial logistic) regression on iris.
# Fails (exit 1) when any request of any configuration is an error.
#
#   bench/serve.sh                      # CLIENTS=16 REQUESTS_1=4000 REQUESTS_100=1000
#   CLIENTS=32 bench/serve.sh
#
# Needs Debian's python3-sklearn and python3-flask (apt-get install -y python3-sklearn python3-flask). Builds the
# CLI's classpath with `./mvnw -o -DskipTests package -pl pipelines -am` (nothing is installed into ~/.m2).
# Results go to bench/results/serve-*.json (git-ignored). The load generator runs on the same 2 cores as the
# server, so absolute figures are low and noisy; compare rows within one run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/results"
py=/usr/bin/python3
clients=${CLIENTS:-16}
requests_1=${REQUESTS_1:-4000}
requests_100=${REQUESTS_100:-1000}
run="$root/pipelines/src/test/resources/golden/1/softmax/run"   # min-max + softmax regression on iris
mkdir -p "$out"
rm -f "$out"/serve-*.json "$out"/serve-*.log

say() { echo "== $*" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the CLI classpath"
  (cd "$root" && ./mvnw -B -q -o -DskipTests package -pl pipelines -am)
fi
javac -d "$out/load" "$here/ServeLoad.java"

pid=""
stop_server() { if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop_server EXIT

free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

await() { # await LOG PATTERN
  for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server did not start: $(cat "$1")" >&2; exit 1
}

load() { # load NAME URL
  local name=$1 url=$2
  java -cp "$out/load" ServeLoad "$url" 1 "$clients" "$requests_1" 500 > "$out/serve-$name-1.json"
  java -cp "$out/load" ServeLoad "$url" 100 "$clients" "$requests_100" 100 > "$out/serve-$name-100.json"
}

start_quiver() { # start_quiver NAME [FLAGS...]
  local name=$1; shift
  local port; port=$(free_port)
  # shellcheck disable=SC2086
  java --add-opens=java.base/java.nio=ALL-UNNAMED --add-modules jdk.incubator.vector ${SERVER_JAVA_OPTS:-} \
    -cp "$root/pipelines/target/lib/*" \
    dev.quiver.cli.Main serve --model "iris=$run" --port "$port" "$@" > "$out/serve-$name.log" 2>&1 &
  pid=$!
  await "$out/serve-$name.log" "Serving"
  url="http://127.0.0.1:$port/v1/models/iris/predict"
}

start_python() { # start_python NAME flask|http.server
  local port; port=$(free_port)
  "$py" "$here/serve_baseline.py" "$root/pipelines/data/iris.csv" "$port" "$2" > "$out/serve-$1.log" 2>&1 &
  pid=$!
  await "$out/serve-$1.log" "ready"
  url="http://127.0.0.1:$port/v1/models/iris/predict"
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "jdk: $(java -version 2>&1 | sed -n 2p)"
echo "python: $("$py" -c 'import sklearn, flask, sys; print(sys.version.split()[0], "scikit-learn", sklearn.__version__)') flask $("$py" -c 'import importlib.metadata as m; print(m.version("flask"))')"
echo "clients: $clients, requests: $requests_1 of 1 row, $requests_100 of 100 rows (after 500 / 100 warm-up)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

say "quiver serve, micro-batching off"
start_quiver quiver --threads 4
load quiver "$url"
stop_server
say "quiver serve, Nagle's algorithm on (the JDK's default, which Quiver turns off)"
SERVER_JAVA_OPTS=-Dsun.net.httpserver.nodelay=false start_quiver quiver-nagle --threads 4
load quiver-nagle "$url"
stop_server
say "quiver serve, micro-batching on (--batch-window-ms 2)"
start_quiver quiver-batch --threads 16 --batch-window-ms 2 --max-batch-rows 1024
load quiver-batch "$url"
stop_server
say "scikit-learn + Flask"
start_python flask flask
load flask "$url"
stop_server
say "scikit-learn + http.server"
start_python stdlib http.server
load stdlib "$url"
stop_server
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$py" - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
names = [("quiver", "quiver serve"), ("quiver-nagle", "quiver serve, Nagle on (JDK default)"),
         ("quiver-batch", "quiver serve, micro-batching 2 ms"),
         ("flask", "scikit-learn + Flask"), ("stdlib", "scikit-learn + http.server")]
print()
print("| server | rows/request | requests/s | rows/s | p50 ms | p99 ms | errors | vs Flask (requests/s) |")
print("|---|---|---|---|---|---|---|---|")
failed = False
for rows in (1, 100):
    base = json.load(open(os.path.join(out, f"serve-flask-{rows}.json")))
    for key, label in names:
        r = json.load(open(os.path.join(out, f"serve-{key}-{rows}.json")))
        failed |= r["errors"] > 0
        print(f"| {label} | {rows} | {r['rps']:.0f} | {r['rows_per_s']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} |"
              f" {r['errors']} | {r['rps'] / base['rps']:.1f}x |")
sys.exit(1 if failed else 0)
PY
