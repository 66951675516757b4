#!/usr/bin/env python3
"""Times `detente score` on one-row files whose text is one long statement (a speech pasted
as one field), against a baseline build, and prints the medians and their ratio.

    python3 benches/long_fields.py [--bin PATH] [--base PATH] [--bytes N] [--runs K]

Each file repeats a short pattern without sentence ends up to N bytes (default 1,000,000, just
under the default --max-field-bytes): hits only, hits with negations, conditionals,
congratulations, Spanish, approvals, and plain words. Time linear in the length keeps every
file near the plain one; a rule that reads the clause again for each hit shows as seconds.
The files are written to target/bench/long/. Without --base only --bin is timed.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

PATTERNS = {
    "plain": "we will talk with our friends and partners about trade ",
    "hits": "threat attack enemy thanks partner agreement sanctions war peace ",
    "negations": "not no never without threat nor ",
    "comparisons": "no greater threat bigger more than less than ",
    "conditionals": "if unless threat we will strike if they do not ",
    "congratulations": "congratulations on your threat attack enemy ",
    "spanish": "no es patio trasero de nadie según dijo amenaza guerra gracias ",
    "approvals": "agreement we support the agreement peace dialogue respect ",
}


def write_files(size):
    os.makedirs("target/bench/long", exist_ok=True)
    paths = {}
    for name, pattern in PATTERNS.items():
        text = (pattern * (size // len(pattern) + 1))[:size]
        path = f"target/bench/long/{name}-{size}.csv"
        with open(path, "w", encoding="utf-8") as f:
            f.write('id,text\n1,"' + text + '"\n')
        paths[name] = path
    return paths


def run(binary, path):
    start = time.perf_counter()
    subprocess.run(
        [binary, "score", "-q", "--threads", "1", path, "-o", "/dev/null"],
        check=True,
    )
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/detente")
    ap.add_argument("--base")
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    paths = write_files(a.bytes)
    builds = [("bin", a.bin)] + ([("base", a.base)] if a.base else [])
    print(f"one statement of {a.bytes:,} bytes, median of {a.runs} runs (s)")
    head = "| text | " + " | ".join(n for n, _ in builds) + (" | base / bin |" if a.base else " |")
    print(head)
    print("|---" * (len(builds) + 1 + bool(a.base)) + "|")
    for name, path in paths.items():
        times = {n: [] for n, _ in builds}
        # Interleaved, so that a slow minute of a shared machine hits every build alike.
        for _ in range(a.runs):
            for n, b in builds:
                times[n].append(run(b, path))
        med = {n: statistics.median(t) for n, t in times.items()}
        cells = " | ".join(f"{med[n]:.3f}" for n, _ in builds)
        ratio = f" | {med['base'] / med['bin']:.1f}x |" if a.base else " |"
        print(f"| {name} | {cells}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
