#!/usr/bin/env bash
# End-to-end figures of pipelines/tiny-gpt.yaml through the command line, beside the same model in PyTorch
# (bench/transformer.py in tiny-gpt's shape), one after the other in this session. Prints the figures and uptime.
#
#   bench/transformer_e2e.sh          # SKIP_BUILD=1 reuses pipelines/target/lib
#
# Training tokens/s = the windows trained (metrics.json training.rowEpochs: steps x batchSize) x 64 predicted
# tokens each / the train stage's seconds, which include its ten validation passes. Generation tokens/s from
# `quiver generate` = 59 tokens / (wall time of --tokens 60 - wall time of --tokens 1), so the JVM's start and the
# bundle's load cancel out; the key/value cache is on (Quiver always uses it). 59 tokens: bench/transformer.py
# generates context - 5 = 59 after its 4-token prompt, within the context on both sides.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -o -q -pl pipelines -am package -DskipTests
fi
out="$(mktemp -d)"
trap 'rm -rf -- "$out"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "uptime before quiver run: $(uptime)"
./quiver run pipelines/tiny-gpt.yaml --out "$out/run" > "$out/run.log" 2>&1 || { cat "$out/run.log"; exit 1; }
python3 - "$out/run/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
t = m["training"]
print(f"quiver train: {t['rowEpochs']} windows in {t['seconds']:.1f} s = {t['rowEpochs'] * 64 / t['seconds']:.0f} tokens/s;"
      f" validation perplexity {m['validation']['perplexity']:.2f}")
PY
gen() { # wall seconds of one quiver generate of $1 tokens
    local s e
    s=$(date +%s.%N)
    ./quiver generate --model "$out/run" --prompt "The licenses" --tokens "$1" --temperature 0.8 --top-k 40 --seed 1 \
        > "$out/gen-$1.txt"
    e=$(date +%s.%N)
    python3 -c "print($e - $s)"
}
gen 1 > /dev/null # the first command after a build records the class-data archive: keep it out of the timing
one=$(gen 1)
sixty=$(gen 60)
python3 -c "print(f'quiver generate: 59 tokens in {$sixty - $one:.2f} s (60: {$sixty:.2f} s, 1: {$one:.2f} s) = {59 / ($sixty - $one):.1f} tokens/s')"
echo "uptime before PyTorch: $(uptime)"
# layers heads dim context batch vocab steps tokens: tiny-gpt's shape, 20 timed training steps, 200 asked
/usr/bin/python3 bench/transformer.py 2 4 64 64 16 384 20 200
echo "uptime after: $(uptime)"
