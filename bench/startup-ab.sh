#!/usr/bin/env bash
# Start-up of two checkouts side by side, interleaved so both see the same load: `quiver validate
# pipelines/iris.yaml` and the 5-row house-prices run through each checkout's own ./quiver (each with its own CDS
# archive, recorded by one run first), N rounds; prints the median and minimum wall and the median CPU of each.
# Usage: bench/startup-ab.sh BEFORE_ROOT AFTER_ROOT [N]   (both distributions built: ./mvnw -B -o -DskipTests package)
set -euo pipefail
before="$1" after="$2" n="${3:-7}"
out="$(mktemp -d)"
trap 'rm -rf -- "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for root in "$before" "$after"; do
    "$root/quiver" run "$root/pipelines/house-prices.yaml" --out "$out/record" > /dev/null 2>&1
done
for _ in $(seq "$n"); do
    for side in before after; do
        root="${!side}"
        /usr/bin/time -f '%e %U %S' -a -o "$out/$side validate" \
            "$root/quiver" validate "$root/pipelines/iris.yaml" > /dev/null 2>&1
        /usr/bin/time -f '%e %U %S' -a -o "$out/$side run" \
            "$root/quiver" run "$root/pipelines/house-prices.yaml" --out "$out/run" > /dev/null 2>&1
    done
done
for label in "before validate" "after validate" "before run" "after run"; do
    wall="$(cut -d' ' -f1 "$out/$label" | sort -n | awk '{ v[NR] = $1 } END { printf "median %.2f s, min %.2f s", v[int((NR + 1) / 2)], v[1] }')"
    cpu="$(awk '{ print $2 + $3 }' "$out/$label" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f s", v[int((NR + 1) / 2)] }')"
    printf '%-16s wall %s; CPU median %s\n' "$label" "$wall" "$cpu"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
