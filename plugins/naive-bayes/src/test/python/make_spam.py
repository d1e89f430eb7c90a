#!/usr/bin/python3
"""Writes pipelines/data/spam.csv, the textbook naive Bayes example as a small table of word counts.

The messages are synthetic: each is a handful of words drawn (with a fixed seed, so the file is reproducible)
mostly from a "spam" vocabulary (free, winner, click...) or a "work" vocabulary (meeting, project, lunch...),
with some crossover ("free lunch", "click the report link") so that no single word decides. One row per
message: how often each word occurs, and the label spam or ham.

Run: /usr/bin/python3 plugins/naive-bayes/src/test/python/make_spam.py
"""
import os
import random

SPAM_WORDS = ["free", "winner", "click", "money", "offer", "prize", "urgent"]
HAM_WORDS = ["meeting", "project", "lunch", "report", "team", "schedule", "deadline"]
VOCABULARY = SPAM_WORDS + HAM_WORDS
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..",
                   "pipelines", "data", "spam.csv")


def message(rng, own, other, crossover):
    counts = dict.fromkeys(VOCABULARY, 0)
    for _ in range(rng.randint(3, 7)):
        words = other if rng.random() < crossover else own
        counts[rng.choice(words)] += 1
    return counts


def main():
    rng = random.Random(7)
    rows = [(message(rng, SPAM_WORDS, HAM_WORDS, 0.15), "spam") for _ in range(20)]
    rows += [(message(rng, HAM_WORDS, SPAM_WORDS, 0.10), "ham") for _ in range(28)]
    rng.shuffle(rows)
    with open(os.path.normpath(OUT), "w") as f:
        f.write(",".join(VOCABULARY + ["label"]) + "\n")
        for counts, label in rows:
            f.write(",".join(str(counts[w]) for w in VOCABULARY) + "," + label + "\n")


if __name__ == "__main__":
    main()
