#!/usr/bin/env python3
"""Looks for rules that take more than linear time on long statements: scores one-statement
files that repeat a lexicon entry, or a random mix of entries and modifier and context
words, and lists the slowest.

    python3 benches/long_sweep.py entries [--bin PATH] [--bytes N]
    python3 benches/long_sweep.py mixes [--bin PATH] [--bytes N] [--count K] [--seed S]

`entries` repeats every tone entry of both built-in lexicons (a wildcard's `*` as "s") up to N
bytes (default 60,000): about 9,200 runs. `mixes` repeats K (default 300) random mixes of two
to four entries of different categories and up to three modifier or context words, joined by
a space, a comma or "and"/"y", up to N bytes (default 300,000). Each file is scored on one
thread with its lexicon's language; start-up is about 20 ms of each time, so a linear rule
keeps every file near the median, and a rule that reads the clause again for every hit shows
as tenths of a second or more (it found the endorsement rule: 400 KB of "agreement" 1.1 s).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def rows(lang, name):
    with open(os.path.join(ROOT, "lexicons", lang, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def time_one(binary, lang, pattern, size, path):
    text = (pattern * (size // len(pattern) + 1))[:size].replace('"', "")
    with open(path, "w", encoding="utf-8") as f:
        f.write('id,text\n1,"' + text + '"\n')
    start = time.perf_counter()
    subprocess.run(
        [binary, "score", "-q", "--threads", "1", "--lang", lang, path, "-o", "/dev/null"],
        check=True,
    )
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["entries", "mixes"])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/detente"))
    ap.add_argument("--bytes", type=int)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    os.makedirs(os.path.join(ROOT, "target/bench/long"), exist_ok=True)
    path = os.path.join(ROOT, "target/bench/long/sweep.csv")
    by_cat, others = {}, {"en": [], "es": []}
    for lang in ("en", "es"):
        for f in rows(lang, "tone.tsv"):
            if len(f) >= 3:
                by_cat.setdefault((lang, f[2]), []).append(f[0].replace("*", "s"))
        for name in ("modifiers.tsv", "context.tsv"):
            others[lang] += [f[0] for f in rows(lang, name)]
    cases = []
    if a.mode == "entries":
        size = a.bytes or 60_000
        cases = [(lang, t + " ") for (lang, _), terms in by_cat.items() for t in terms]
    else:
        size = a.bytes or 300_000
        rng = random.Random(a.seed)
        for _ in range(a.count):
            lang = rng.choice(["en", "es"])
            cats = [k for k in by_cat if k[0] == lang]
            words = [rng.choice(by_cat[rng.choice(cats)]) for _ in range(rng.randint(2, 4))]
            words += [rng.choice(others[lang]) for _ in range(rng.randint(0, 3))]
            rng.shuffle(words)
            cases.append((lang, " ".join(words) + rng.choice([" ", " , ", " and ", " y "])))
    times = sorted(
        ((time_one(a.bin, lang, p, size, path), lang, p) for lang, p in cases), reverse=True
    )
    median = statistics.median(t for t, _, _ in times)
    print(f"{len(times)} files of {size:,} bytes; median {median:.3f} s; slowest:")
    for t, lang, p in times[:10]:
        print(f"{t:.3f}  {lang}  {p!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
