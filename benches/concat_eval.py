#!/usr/bin/env python3
"""How tone behaves as statements get longer: joins n gold statements (drawn with a fixed
seed from the tuning files, one language) into one text, scores it with `detente score`,
and prints the mean of the joined statements' labels beside the tone of the whole.

    python3 benches/concat_eval.py [--bin PATH] [--lang en|es] [--draws K] [--sizes 1,3,10,30,100]
                                   [--mode whole|sentences]

A speech is many statements in one field: its tone is the tone of such a join. The labels of
the joined statements say what a reader would call the whole (their mean, on -2..+2); the
tone is what detente says (on -1..+1). With `--mode sentences` the joined text is cut into
sentences after `.`, `!` or `?` and a space, each is scored as a row, and the tone of the
whole is the mean of the sentences' tones: what scoring a speech a sentence per row and
averaging gives. See docs/EVALUATION.md, "Long statements".
"""
import argparse
import csv
import glob
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

# Spearman's rank correlation with average ranks for ties, as the evaluation tables compute it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_tables import spearman  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/detente")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--draws", type=int, default=20)
    ap.add_argument("--sizes", default="1,3,10,30,100")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=["whole", "sentences"], default="whole")
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    rows = []
    for f in sorted(glob.glob("tests/data/gold/dev*.csv")):
        for r in csv.DictReader(open(f, encoding="utf-8")):
            if r["lang"] == a.lang:
                rows.append(r)
    rng = random.Random(a.seed)
    sizes = [int(s) for s in a.sizes.split(",")]
    joined = []
    for n in sizes:
        for k in range(a.draws):
            pick = rng.sample(rows, n)
            mean = statistics.mean(int(r["label"]) for r in pick)
            joined.append((n, k, mean, " ".join(r["text"] for r in pick)))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "joined.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "text"])
            for i, (_, _, _, text) in enumerate(joined):
                parts = [text]
                if a.mode == "sentences":
                    parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
                for p in parts:
                    w.writerow([i, p])
        out = subprocess.run(
            [a.bin, "score", "-q", "--lang", a.lang, path],
            check=True, capture_output=True, text=True,
        ).stdout
    per = {}
    for r in csv.DictReader(out.splitlines()):
        per.setdefault(int(r["id"]), []).append(float(r["tone"]))
    tones = [statistics.mean(per[i]) for i in range(len(joined))]
    print(
        f"{len(rows)} {a.lang} tuning statements; {a.draws} draws of each size, seed {a.seed}; "
        f"tone of the {'whole text' if a.mode == 'whole' else 'mean of its sentences'}"
    )
    print("| statements joined | mean label (mean of draws) | tone (mean of draws) | mean abs(tone) | draws with abs(tone) > 0.9 | draws hostile (tone < -0.5) | draws whose mean label is < 0 | Spearman (mean label, tone) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        idx = [i for i, j in enumerate(joined) if j[0] == n]
        labels = [joined[i][2] for i in idx]
        t = [tones[i] for i in idx]
        print(
            f"| {n} | {statistics.mean(labels):+.2f} | {statistics.mean(t):+.2f} | "
            f"{statistics.mean(abs(x) for x in t):.2f} | {sum(abs(x) > 0.9 for x in t)} | "
            f"{sum(x < -0.5 for x in t)} | {sum(m < 0 for m in labels)} | "
            f"{spearman(labels, t):+.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
