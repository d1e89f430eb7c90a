#!/usr/bin/env python3
"""Writes the 2-digit addition corpus of pipelines/addition-gpt.yaml.

Every sum a+b of 10 <= a, b <= 99 as one line "a+b=c", the sum written with three digits ("37+48=085"), so
every line is 10 characters and windows of the text source that are a multiple of 10 apart start on a line
(8100 lines). A seeded shuffle puts 90 % of them, in
shuffled order, in addition.txt (the training text of the pipeline) and the other 10 % in
addition-heldout.txt, which the model never sees: AdditionPipelineTest prompts it with each held-out "a+b=" and
counts exact completions. Run from this folder: python3 addition.py (the output does not depend on the machine).
"""
import random

rng = random.Random(2026)
pairs = [(a, b) for a in range(10, 100) for b in range(10, 100)]
rng.shuffle(pairs)
held = len(pairs) // 10
with open("addition-heldout.txt", "w", encoding="utf-8") as f:
    for a, b in pairs[:held]:
        f.write(f"{a}+{b}={a + b:03d}\n")
with open("addition.txt", "w", encoding="utf-8") as f:
    for a, b in pairs[held:]:
        f.write(f"{a}+{b}={a + b:03d}\n")
