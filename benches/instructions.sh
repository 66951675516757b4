#!/usr/bin/env bash
# Instructions per row of `detente score` in steady state, deterministic where wall time is not:
# callgrind on the first ROWS rows of the 1,000,000-row bench corpus, one thread, --batch 512
# (records reused as in a long run), minus the same command on one row (start-up: loading and
# compiling the lexicons). Also prints md5 sums of the CSV and JSON Lines output of those rows
# and of the tuning gold files, so that a change meant to keep the output can be checked.
#
# Usage: benches/instructions.sh [ROWS]        (default 40000)
#   BIN=path/to/detente   a binary to measure instead of building target/release/detente
#   KEEP=DIR              where to leave callgrind.out files (default: a temporary directory);
#                         `callgrind_annotate DIR/cg.rows | head -40` shows where the time goes
#
# Needs valgrind (Debian package `valgrind`). The bench corpus is generated once, as
# benches/compare.sh does (target/bench/corpus-1000000.csv, seed 42).
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-40000}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "instructions.sh: valgrind is missing: apt-get install valgrind" >&2
  exit 2
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked -q --bin detente --example gen_corpus
  BIN=target/release/detente
fi
corpus=target/bench/corpus-1000000.csv
if [ ! -s "$corpus" ]; then
  mkdir -p target/bench
  target/release/examples/gen_corpus 1000000 >"$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
head -n $((rows + 1)) "$corpus" >"$work/rows.csv"
head -n 2 "$corpus" >"$work/one.csv"

count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "$BIN" score "$2" \
    --threads 1 --batch 512 -q -o "$work/out.$1.csv" 2>&1 |
    grep -o 'refs: *[0-9,]*' | tr -dc 0-9
}
all=$(count rows "$work/rows.csv")
one=$(count one "$work/one.csv")
"$BIN" score "$work/rows.csv" --format jsonl -q -o "$work/out.rows.jsonl"
for f in gold dev2 dev3 dev4 dev5; do
  "$BIN" score "tests/data/gold/$f.csv" -q -o "$work/gold.$f.csv"
  "$BIN" score "tests/data/gold/$f.csv" --format jsonl -q -o "$work/gold.$f.jsonl"
done

echo "instructions per row: $(((all - one) / (rows - 1)))"
echo "csv md5:   $(md5sum <"$work/out.rows.csv" | cut -c1-12)"
echo "jsonl md5: $(md5sum <"$work/out.rows.jsonl" | cut -c1-12)"
echo "gold md5:  $(cat "$work"/gold.* | md5sum | cut -c1-12)"
[ -n "${KEEP:-}" ] || rm -rf "$work"
