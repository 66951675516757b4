#!/usr/bin/env bash
# The map step of DESIGN.md run on Apache Spark: examples/spark_score.py pipes the rows of a
# file through `detente score --header LINE` in Spark tasks (RDD.pipe, master local[2]), and
# its output must equal `detente score` on the file in one piece, byte for byte: the founding
# case (quoted commas, accents) in 3 partitions as CSV and as JSON Lines, and a generated
# corpus of 20,000 rows in 7 partitions, which `detente report` then reads. A row broken by
# a line break inside quotes must stop the job with detente's error, not vanish.
# Installs pyspark from PyPI when it is missing; needs Java 17 (on this machine kind).
#
# usage: tests/spark/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v java >/dev/null 2>&1; then
  echo "spark/run.sh: Java is missing (Spark needs it): apt-get install openjdk-17-jre-headless" >&2
  exit 1
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  echo "spark/run.sh: installing pyspark (pip)" >&2
  pip install -q --disable-pip-version-check "pyspark==3.5.3"
fi

cargo build --locked -q --bin detente --example gen_corpus
bin=$(realpath target/debug/detente)
# Spark binds to this address instead of guessing one from the host name.
export SPARK_LOCAL_IP=127.0.0.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/debug/examples/gen_corpus 20000 >"$work/corpus.csv"

# same NAME INPUT PARTITIONS SCORE-ARGS...: the Spark job's output against one `score` run.
same() {
  local name=$1 input=$2 parts=$3
  shift 3
  python3 examples/spark_score.py "$input" "$work/$name.spark" --detente "$bin" \
    --partitions "$parts" -- "$@" 2>"$work/$name.log" || {
    cat "$work/$name.log" >&2
    exit 1
  }
  "$bin" score "$input" -q "$@" >"$work/$name.one"
  if ! cmp -s "$work/$name.spark" "$work/$name.one"; then
    echo "spark/run.sh: $name: the Spark job's output differs from one scoring pass" >&2
    diff <(head -c 2000 "$work/$name.spark") <(head -c 2000 "$work/$name.one") >&2 || true
    exit 1
  fi
  echo "spark/run.sh: $name: $(wc -l <"$work/$name.one") lines, $(grep -o '[0-9]* partitions' "$work/$name.log"), the same bytes as one pass"
}

same founding examples/data/petro_trump_2026.csv 3
same founding-jsonl examples/data/petro_trump_2026.csv 3 --format jsonl
same corpus "$work/corpus.csv" 7 --text-col text

# --parts: the executors write part files; concatenated in name order they are the same bytes.
python3 examples/spark_score.py "$work/corpus.csv" "$work/parts" --parts --detente "$bin" \
  --partitions 7 -- --text-col text 2>"$work/parts.log" || {
  cat "$work/parts.log" >&2
  exit 1
}
cat "$work"/parts/part-* >"$work/parts.csv"
if [ ! -e "$work/parts/_SUCCESS" ] || ! cmp -s "$work/parts.csv" "$work/corpus.one"; then
  echo "spark/run.sh: --parts: the part files differ from one scoring pass" >&2
  exit 1
fi
echo "spark/run.sh: --parts: $(ls "$work"/parts/part-* | wc -l) part files, the same bytes as one pass"

"$bin" report "$work/corpus.spark" --format json -o "$work/report.json" -q
python3 - "$work/report.json" <<'PY' || exit 1
import json, sys
report = json.load(open(sys.argv[1]))
rows, rescored = report["rows"], report["method"]["rescored"]
if rows["read"] != 20000 or rows["used"] != 20000 or rescored:
    sys.exit(f"spark/run.sh: the report over the Spark output: rows {rows}, rescored {rescored}")
PY
echo "spark/run.sh: report read the Spark output's scores (20,000 rows, not rescored)"

# A quoted line break splits a record in two when a partition boundary falls inside it (8
# partitions of this short file): the task fails, the job with it, naming the broken row, and
# nothing is written. With --skip-bad-rows the job goes on and the other rows are scored.
printf 'id,text\n1,"We will respond\nwith force"\n2,Thank you\n3,We reject the threats\n' \
  >"$work/broken.csv"
if python3 examples/spark_score.py "$work/broken.csv" "$work/broken.spark" --detente "$bin" \
  --partitions 8 >"$work/broken.log" 2>&1; then
  echo "spark/run.sh: a record split by Spark went through without an error" >&2
  exit 1
fi
if [ -e "$work/broken.spark" ] || ! grep -q "(row 1): the input ends inside a quoted field" "$work/broken.log" ||
  ! grep -q "the job failed" "$work/broken.log"; then
  echo "spark/run.sh: the broken record's failure left output or named no row:" >&2
  grep -v '^\s*at ' "$work/broken.log" | tail -20 >&2
  exit 1
fi
echo "spark/run.sh: a record split across partitions stopped the job, naming the row"
python3 examples/spark_score.py "$work/broken.csv" "$work/skipped.spark" --detente "$bin" \
  --partitions 8 -- --skip-bad-rows >"$work/skipped.log" 2>&1 || {
  grep -v '^\s*at ' "$work/skipped.log" | tail -20 >&2
  exit 1
}
cut -d, -f1 "$work/skipped.spark" | tr '\n' ' ' | grep -qx 'id 2 3 ' || {
  echo "spark/run.sh: with --skip-bad-rows, expected the rows 2 and 3 under the header:" >&2
  cat "$work/skipped.spark" >&2
  exit 1
}
echo "spark/run.sh: with --skip-bad-rows the halves were set aside and rows 2 and 3 scored"
