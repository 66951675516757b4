#!/usr/bin/env python3
"""Peak memory and time of `detente score` (one thread and two) and `detente report` on files
of long statements (speeches pasted as one field), for this build and optionally another.

    python3 benches/long_memory.py [--bin PATH] [--base PATH] [--runs K]

The files (written to target/bench/long/):
  hits8     8 statements of 1,000,000 bytes made of hits, hostile ones and cooperative ones
  mixed16   16 statements of 1,048,000 bytes, 8 hostile and 8 cooperative (the report's two
            lists of most hostile and most cooperative statements are then all long ones)
  half16    16 statements of 500,000 bytes (two of them fit the long statements' budget at
            once)
  speeches  200 statements of 100,000 bytes with sentence ends (under LONG_STATEMENT)
Each command runs K times (default 3); the table gives the median wall time and the largest
peak RSS (GNU time). DESIGN.md's memory target is 64 MB whatever the input size. "split x2" is
`score --split sentences` on two threads; a build without the option shows "n/a".
"""
import argparse
import os
import statistics
import subprocess
import sys

HITS = "threat attack enemy thanks partner agreement sanctions war peace "
HOSTILE = "threat attack enemy sanctions war invasion punish destroy "
COOPERATIVE = "thanks partner agreement peace dialogue cooperation respect friendship "
SPEECH = HITS + "we will talk with our friends. "


def text(pattern, size):
    return (pattern * (size // len(pattern) + 1))[:size]


def write_files():
    os.makedirs("target/bench/long", exist_ok=True)
    files = {
        "hits8": [text(HITS, 1_000_000)] * 8,
        "mixed16": [text(HOSTILE if i % 2 == 0 else COOPERATIVE, 1_048_000) for i in range(16)],
        "half16": [text(HITS, 500_000)] * 16,
        "speeches": [text(SPEECH, 100_000)] * 200,
    }
    paths = {}
    for name, texts in files.items():
        path = f"target/bench/long/{name}.csv"
        with open(path, "w", encoding="utf-8") as f:
            f.write("id,date,speaker,target,text\n")
            for i, t in enumerate(texts):
                f.write(f'{i},2026-01-{i % 28 + 1:02d},A{i % 3},B,"{t}"\n')
        paths[name] = path
    return paths


def measure(cmd):
    """Wall seconds and peak RSS (MB) of one run; None when the command fails (an option an
    older build lacks)."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if out.returncode != 0:
        return None
    wall, kb = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/detente")
    ap.add_argument("--base")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    paths = write_files()
    builds = [("bin", a.bin)] + ([("base", a.base)] if a.base else [])
    commands = {
        "score x1": lambda b, p: [b, "score", "-q", "--threads", "1", p, "-o", "/dev/null"],
        "score x2": lambda b, p: [b, "score", "-q", "--threads", "2", p, "-o", "/dev/null"],
        "report": lambda b, p: [b, "report", "-q", p, "-o", "target/bench/long/report.html"],
        "split x2": lambda b, p: [
            b, "score", "-q", "--threads", "2", "--split", "sentences", p, "-o", "/dev/null",
        ],
    }
    print(f"median wall time (s) / largest peak RSS (MB) of {a.runs} runs")
    print("| file | command | " + " | ".join(n for n, _ in builds) + " |")
    print("|---|---" + "|---" * len(builds) + "|")
    for name, path in paths.items():
        for cname, cmd in commands.items():
            cells = []
            for _, b in builds:
                runs = [measure(cmd(b, path)) for _ in range(a.runs)]
                if any(r is None for r in runs):
                    cells.append("n/a")
                    continue
                wall = statistics.median(r[0] for r in runs)
                rss = max(r[1] for r in runs)
                cells.append(f"{wall:.2f} / {rss:.0f}")
            print(f"| {name} | {cname} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
