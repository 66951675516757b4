#!/usr/bin/env python3
"""VADER on detente's gold standard: the baseline `detente eval` is compared with.

Reads a gold CSV (tests/data/gold/gold.csv), scores each row's text with vaderSentiment 3.3.2's
compound score, and prints the measures `detente eval` prints, overall and per language, for
one split:

- Spearman (ties get average ranks) and Pearson correlation of compound with the label;
- mean absolute error of compound against label / 2 (both on -1..+1);
- three-class accuracy and confusion matrix (human class = sign of the label), twice:
  with VADER's usual thresholds (compound <= -0.05 negative, >= 0.05 positive) and with
  detente's (tone <= -0.15 hostile, >= 0.15 cooperative: TENSE_MAX and CONCILIATORY_MIN in
  src/score/rules.rs), so neither tool is judged by the other's neutral band.

It installs nothing. Set up and run:

    pip install vaderSentiment==3.3.2 && python3 benches/vader_eval.py tests/data/gold/gold.csv --split test

VADER is an English lexicon: on Spanish rows it sees mostly unknown words. That is part of the
comparison, not a bug in this script.
"""

import argparse
import csv
import json
import math
import sys

VADER_VERSION = "3.3.2"

# (name, hostile-side maximum, cooperative-side minimum), both inclusive.
THRESHOLDS = [
    ("vader", -0.05, 0.05),
    ("detente", -0.15, 0.15),
]
CLASSES = ["hostile", "neutral", "cooperative"]


def average_ranks(values):
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and values[order[end]] == values[order[start]]:
            end += 1
        rank = (start + 1 + end) / 2.0
        for i in order[start:end]:
            ranks[i] = rank
        start = end
    return ranks


def pearson(x, y):
    """Pearson's r, or None when undefined (fewer than two values, or no variance)."""
    n = len(x)
    if n != len(y) or n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= 0 or syy <= 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def spearman(x, y):
    return pearson(average_ranks(x), average_ranks(y))


def label_class(label):
    return 0 if label < 0 else (1 if label == 0 else 2)


def score_class(score, low, high):
    return 0 if score <= low else (2 if score >= high else 1)


def metrics(rows):
    """rows: list of (label, compound)."""
    labels = [float(l) for l, _ in rows]
    scores = [s for _, s in rows]
    n = len(rows)
    out = {
        "rows": n,
        "spearman": spearman(scores, labels),
        "pearson": pearson(scores, labels),
        "mae": sum(abs(s - l / 2.0) for l, s in rows) / n if n else None,
    }
    for name, low, high in THRESHOLDS:
        confusion = [[0, 0, 0] for _ in CLASSES]
        for l, s in rows:
            confusion[label_class(l)][score_class(s, low, high)] += 1
        right = sum(confusion[i][i] for i in range(3))
        out["accuracy_" + name] = right / n if n else None
        out["confusion_" + name] = confusion
    return out


def find_column(headers, wanted, role):
    for i, h in enumerate(headers):
        if h.strip().lower() == wanted.lower():
            return i
    if wanted.isdigit() and 1 <= int(wanted) <= len(headers):
        return int(wanted) - 1
    if role is None:
        return None
    sys.exit(
        f"vader_eval: no column named {wanted!r} for the {role}; the columns are: "
        + ", ".join(repr(h) for h in headers)
        + f"; name the right one with --{role}-col NAME"
    )


def read_gold(path, args):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            headers = next(reader)
        except StopIteration:
            sys.exit(f"vader_eval: {path}: the file is empty")
        label_col = find_column(headers, args.label_col, "label")
        text_col = find_column(headers, args.text_col, "text")
        lang_col = find_column(headers, args.lang_col, None)
        split_col = find_column(headers, args.split_col, None)
        rows = []
        for row_no, rec in enumerate(reader, start=1):
            line = reader.line_num
            if len(rec) != len(headers):
                sys.exit(f"vader_eval: {path}:{line} (row {row_no}): expected "
                         f"{len(headers)} fields like the header, found {len(rec)}")
            raw = rec[label_col].strip()
            try:
                label = int(raw)
            except ValueError:
                label = None
            if label is None or not -2 <= label <= 2:
                sys.exit(f"vader_eval: {path}:{line} (row {row_no}, column {label_col + 1} "
                         f"({headers[label_col]})): {raw!r} is not a label: an integer "
                         "from -2 (hostile) to 2 (cooperative)")
            rows.append({
                "label": label,
                "text": rec[text_col],
                "lang": rec[lang_col].strip().lower() if lang_col is not None else "",
                "split": rec[split_col].strip().lower() if split_col is not None else None,
            })
    return rows, split_col is not None


def fmt(x, d=3):
    return "-" if x is None else f"{x:.{d}f}"


def render_text(report):
    print(f"vaderSentiment {report['vader_version']} on {report['input']}: split "
          f"{report['split']}, {report['groups']['overall']['rows']} rows")
    print()
    print(f"{'group':<8} {'rows':>5} {'spearman':>9} {'pearson':>8} {'mae':>6} "
          f"{'acc±0.05':>9} {'acc±0.15':>9}")
    for name, m in report["groups"].items():
        print(f"{name:<8} {m['rows']:>5} {fmt(m['spearman']):>9} {fmt(m['pearson']):>8} "
              f"{fmt(m['mae']):>6} {fmt(m['accuracy_vader']):>9} "
              f"{fmt(m['accuracy_detente']):>9}")
    print("spearman, pearson: compound vs label; mae: mean |compound - label/2|; "
          "acc±0.05: VADER's thresholds; acc±0.15: detente's")
    for name, low, high in THRESHOLDS:
        print()
        print(f"confusion with {name}'s thresholds (compound <= {low} hostile, >= {high} "
              "cooperative): rows human, columns VADER")
        groups = report["groups"]
        print(f"{'':<12}" + "".join(f"  {g:<14}" for g in groups).rstrip())
        print(f"{'human':<12}" + "".join("   hos  neu  coo" for _ in groups))
        for i, c in enumerate(CLASSES):
            print(f"{c:<12}" + "".join(
                " " + "".join(f" {n:>4}" for n in m["confusion_" + name][i])
                for m in groups.values()))


def main():
    p = argparse.ArgumentParser(
        description="Score a detente gold CSV with VADER's compound score and print the "
        "measures detente eval prints.",
        epilog="Setup: pip install vaderSentiment==3.3.2",
    )
    p.add_argument("gold", help="the gold CSV (for example tests/data/gold/gold.csv)")
    p.add_argument("--split", default=None,
                   help="rows to use: a value of the split column (test, dev, holdout, ...) "
                   "or all (default: test when the file has a split column)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--label-col", default="label")
    p.add_argument("--text-col", default="text")
    p.add_argument("--lang-col", default="lang")
    p.add_argument("--split-col", default="split")
    args = p.parse_args()

    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        sys.exit("vader_eval: vaderSentiment is not installed; run "
                 f"`pip install vaderSentiment=={VADER_VERSION}`")
    try:
        from importlib.metadata import version
        installed = version("vaderSentiment")
    except Exception:  # noqa: BLE001 - metadata is optional, the version check is advisory
        installed = "unknown"
    if installed != VADER_VERSION:
        print(f"vader_eval: warning: vaderSentiment {installed} installed; the documented "
              f"numbers are for {VADER_VERSION}", file=sys.stderr)

    rows, has_split = read_gold(args.gold, args)
    split = (args.split or ("test" if has_split else "all")).strip().lower()
    if split != "all":
        if not has_split:
            sys.exit(f"vader_eval: {args.gold}: no split column for --split {split}")
        rows = [r for r in rows if r["split"] == split]
    if not rows:
        sys.exit(f"vader_eval: {args.gold}: no rows in the split {split!r}")

    analyzer = SentimentIntensityAnalyzer()
    scored = [(r, analyzer.polarity_scores(r["text"])["compound"]) for r in rows]
    groups = {"overall": metrics([(r["label"], s) for r, s in scored])}
    for lang in sorted({r["lang"] for r in rows if r["lang"]}):
        groups[lang] = metrics([(r["label"], s) for r, s in scored if r["lang"] == lang])
    report = {
        "tool": "vaderSentiment",
        "vader_version": installed,
        "input": args.gold,
        "split": split,
        "thresholds": {name: {"hostile_max": lo, "cooperative_min": hi}
                       for name, lo, hi in THRESHOLDS},
        "groups": groups,
    }
    if args.format == "json":
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        render_text(report)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        # `... | head`: the reader left; like detente, end quietly.
        sys.stderr.close()
        sys.exit(0)
