#!/usr/bin/env python3
"""What a lexicon or rule change moves on the bundled gold files, judged the way
docs/EVALUATION.md describes: rows of the tuning splits may be read, the others only counted.

Usage (from the repository root):

    cargo build --release
    python3 benches/gold_compare.py snapshot /tmp/base          # score every gold file
    # ... change a lexicon or a rule, cargo build --release ...
    python3 benches/gold_compare.py snapshot /tmp/cur
    python3 benches/gold_compare.py diff /tmp/base /tmp/cur          # counts per split
    python3 benches/gold_compare.py diff /tmp/base /tmp/cur --rows   # and the tuning rows

`snapshot DIR [--bin PATH]` writes each gold file's scores as JSON Lines into DIR (the
detente binary is target/release/detente unless --bin names another, such as a copy of an
earlier build).

`diff BASE CUR` reads two snapshots and prints, for each split of benches/eval_tables.py's
SPLITS, how many rows changed score (by 0.0005 or more), how many moved towards their label
(label / 2) and how many into or out of their class (hostile <= -0.15 < neutral < 0.15 <=
cooperative, detente's classes). The splits marked "tuned on" are summed as the tuning rows;
with --rows every tuning row that moved is listed (T towards its label, A away; + into its
class, - out of it). Every other split (the holdouts, dev2check, the test split, blind files
not tuned on yet) is only counted: no row of them is printed, so reading this output keeps
them blind. A change is worth keeping when the tuning rows gain and the blind splits do not
lose; a change that moves only tuning rows fixes the files it was made on (docs/EVALUATION.md,
"A sixth holdout").
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_tables import SPLITS  # noqa: E402

MOVED = 0.0005


def cls(tone):
    return -1 if tone <= -0.15 else (1 if tone >= 0.15 else 0)


def side(label):
    return (label > 0) - (label < 0)


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def snapshot(out_dir, binary):
    os.makedirs(out_dir, exist_ok=True)
    for path in sorted({f for f, _, _ in SPLITS}):
        dest = os.path.join(out_dir, stem(path) + ".jsonl")
        subprocess.run(
            [binary, "score", path, "--format", "jsonl", "-q", "-o", dest], check=True
        )
    print(f"scored {len({f for f, _, _ in SPLITS})} gold files into {out_dir}")


def load(snap, path, split):
    rows = {}
    with open(os.path.join(snap, stem(path) + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("split") == split:
                rows[r["id"]] = r
    return rows


def compare(base, cur):
    """Counts for one split, and the moved rows as (line, key) for sorting."""
    c = {"rows": 0, "moved": 0, "towards": 0, "into": 0, "out": 0, "before": 0, "after": 0}
    lines = []
    for key, r in cur.items():
        b = base.get(key)
        if b is None:
            continue
        label = int(r["label"])
        want = side(label)
        c["rows"] += 1
        c["before"] += cls(b["tone"]) == want
        c["after"] += cls(r["tone"]) == want
        if abs(r["tone"] - b["tone"]) < MOVED:
            continue
        c["moved"] += 1
        towards = abs(r["tone"] - label / 2) < abs(b["tone"] - label / 2)
        c["towards"] += towards
        came = cls(r["tone"]) == want and cls(b["tone"]) != want
        went = cls(b["tone"]) == want and cls(r["tone"]) != want
        c["into"] += came
        c["out"] += went
        mark = ("T" if towards else "A") + ("+" if came else ("-" if went else " "))
        lines.append(
            f"{mark} {key:10} L{label:+d} {b['tone']:+.2f} -> {r['tone']:+.2f}  {r['text'][:100]}"
        )
    return c, lines


def summary(name, c):
    return (
        f"{name:10} {c['rows']:5} rows, in class {c['before']} -> {c['after']}; moved "
        f"{c['moved']}: towards {c['towards']}, away {c['moved'] - c['towards']}; into class "
        f"{c['into']}, out of class {c['out']}"
    )


def diff(base_dir, cur_dir, show_rows):
    total = None
    rows = []
    blind = []
    missing = []
    for path, split, what in SPLITS:
        name = stem(path) + ".jsonl"
        if not all(os.path.exists(os.path.join(d, name)) for d in (base_dir, cur_dir)):
            missing.append(split)
            continue
        c, lines = compare(load(base_dir, path, split), load(cur_dir, path, split))
        if what.startswith("tuned on"):
            total = c if total is None else {k: total[k] + c[k] for k in c}
            rows += [f"{split:7} {line}" for line in lines]
        else:
            blind.append(summary(split, c))
    if total is not None:
        print(summary("tuning", total))
    if show_rows:
        for line in sorted(rows):
            print("  " + line)
    print("splits kept blind (counts only):")
    for line in blind:
        print("  " + line)
    if missing:
        print(f"not in both snapshots (take them again): {', '.join(missing)}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot", help="score every gold file into DIR")
    s.add_argument("dir")
    s.add_argument("--bin", default="target/release/detente")
    d = sub.add_parser("diff", help="what moved between two snapshots")
    d.add_argument("base")
    d.add_argument("cur")
    d.add_argument("--rows", action="store_true", help="list the tuning rows that moved")
    a = p.parse_args()
    if a.cmd == "snapshot":
        snapshot(a.dir, a.bin)
    else:
        diff(a.base, a.cur, a.rows)


if __name__ == "__main__":
    main()
