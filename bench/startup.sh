#!/usr/bin/env bash
# Start-up of short commands through ./quiver: the median and minimum wall time and the median CPU (user + sys)
# of N runs each of `quiver validate pipelines/iris.yaml` and the 5-row house-prices run, with and without the
# class-data-sharing archive, and the load average before and after. CPU is the steadier figure on a shared machine.
# Usage: bench/startup.sh [N]   (default 7; the distribution must be built: ./mvnw -B -o -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-7}"
out="$(mktemp -d)"
trap 'rm -rf -- "$out"' EXIT

measure() { # label, env assignment, quiver args...
    local label="$1" setting="$2"
    shift 2
    env "$setting" "$root/quiver" "$@" > /dev/null 2>&1 # warm-up
    for _ in $(seq "$n"); do
        /usr/bin/time -f '%e %U %S' -a -o "$out/$label" env "$setting" "$root/quiver" "$@" > /dev/null 2>&1
    done
    local wall cpu
    wall="$(cut -d' ' -f1 "$out/$label" | sort -n | awk '{ v[NR] = $1 } END { printf "median %.2f s, min %.2f s", v[int((NR + 1) / 2)], v[1] }')"
    cpu="$(awk '{ print $2 + $3 }' "$out/$label" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f s", v[int((NR + 1) / 2)] }')"
    printf '%-28s wall %s; CPU median %s\n' "$label" "$wall" "$cpu"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Only a run records the CDS archive (see ./quiver): record it first, as a user's first command would.
"$root/quiver" run "$root/pipelines/house-prices.yaml" --out "$out/record" > /dev/null 2>&1
measure "validate, no CDS" QUIVER_CDS=0 validate "$root/pipelines/iris.yaml"
measure "validate, CDS" QUIVER_CDS=1 validate "$root/pipelines/iris.yaml"
measure "house-prices run, no CDS" QUIVER_CDS=0 run "$root/pipelines/house-prices.yaml" --out "$out/run-a"
measure "house-prices run, CDS" QUIVER_CDS=1 run "$root/pipelines/house-prices.yaml" --out "$out/run-b"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
