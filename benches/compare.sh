#!/usr/bin/env bash
# Whole-command benchmark: on one generated corpus, times the csv floor (examples/csv_floor.rs),
# `detente score --threads 1`, `detente score` (all cores) and `detente report`, RUNS times each
# (interleaved, after one warm-up run each), and prints the median wall time, the ratio to the floor, the peak
# RSS (the largest over the runs) and the lowest CPU share of any run (GNU time's %P), with a
# warning when `score` on all cores did not get them. With Python's vaderSentiment installed, also times it (and
# detente) on a 20,000-row slice, per row against the floor. With `script` (util-linux), also
# times `score` on a pseudo-terminal with the progress bar drawn and without it. Also times
# `report` on 200,000 rows from 200,000 speakers and on ROWS rows from 2,000 speakers over a
# year (`gen_corpus --speakers`), for its memory: the first grows the names it keeps, the
# second the speaker-days, read twice beyond `--memory-budget`.
#
# Usage: benches/compare.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 5 runs)
#   BENCH_DIR=DIR  where the corpus and outputs go (default target/bench); the corpus for a
#                  row count is generated once (seed 42) and reused.
#
# Needs GNU time (/usr/bin/time; Debian package `time`). Builds with --release itself.
# Results and the machine they came from belong in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
runs=${2:-5}
work=${BENCH_DIR:-target/bench}
gnu_time=/usr/bin/time
if ! "$gnu_time" -f %e true >/dev/null 2>&1; then
  echo "compare.sh: GNU time is missing: apt-get install time" >&2
  exit 2
fi
mkdir -p "$work"

echo "building (release) ..." >&2
cargo build --release --locked -q --bin detente --example gen_corpus --example csv_floor
bin=target/release
corpus="$work/corpus-$rows.csv"
if [ ! -s "$corpus" ]; then
  echo "generating $corpus ..." >&2
  "$bin/examples/gen_corpus" "$rows" >"$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi

# Each command is an array cmd_NAME. measure NAME...: one warm-up run of each, then RUNS
# rounds that run every command once, in turn, so that a slow spell of the machine falls on
# all of them alike. Leaves "median_s peak_kb" in $work/NAME.result and every run's
# "seconds kb" in $work/NAME.runs.
measure() {
  local name
  for name in "$@"; do
    local -n cmd="cmd_$name"
    echo "warming up $name ..." >&2
    "${cmd[@]}" >/dev/null 2>>"$work/stderr.log"
    : >"$work/$name.runs"
  done
  for round in $(seq "$runs"); do
    echo "round $round of $runs ..." >&2
    for name in "$@"; do
      local -n cmd="cmd_$name"
      "$gnu_time" -f "%e %M %P" -o "$work/$name.t" "${cmd[@]}" >/dev/null 2>>"$work/stderr.log"
      tail -n 1 "$work/$name.t" >>"$work/$name.runs"
    done
  done
  for name in "$@"; do
    # Third field: the lowest CPU share over the runs (GNU time's %P), which shows when the
    # machine did not give a multi-threaded command all its cores.
    sort -n "$work/$name.runs" | awk '
      { t[NR] = $1; if ($2 > m) m = $2; p = $3 + 0; if (NR == 1 || p < low) low = p }
      END {
        med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%.3f %d %d\n", med, m, low
      }' >"$work/$name.result"
  done
}

cmd_floor=("$bin/examples/csv_floor" "$corpus")
cmd_score1=("$bin/detente" score "$corpus" --threads 1 -q)
cmd_score=("$bin/detente" score "$corpus" -q)
cmd_report=("$bin/detente" report "$corpus" --format html -o "$work/report.html" -q)
measure floor score1 score report

read -r floor_s _ _ <"$work/floor.result"
cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
size_mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.0f", b / 1e6 }')

echo
echo "$rows rows ($size_mb MB), $runs runs each, $cores cores ($cpu), $(date -u +%Y-%m-%d)"
echo
echo "| command | median (s) | x floor | peak RSS (MB) | lowest CPU (%) |"
echo "|---|---:|---:|---:|---:|"
row() {
  local label=$1 name=$2 s kb low
  read -r s kb low <"$work/$name.result"
  awk -v l="$label" -v s="$s" -v f="$floor_s" -v kb="$kb" -v low="$low" \
    'BEGIN { printf "| %s | %.3f | %.2f | %.1f | %d |\n", l, s, s / f, kb / 1024, low }'
}
row "floor: csv_floor (csv crate, touch text, one line per row)" floor
row "detente score --threads 1" score1
row "detente score (threads: $cores)" score
row "detente report --format html" report

read -r s1 _ _ <"$work/score1.result"
read -r sn _ sn_low <"$work/score.result"
read -r rp _ <"$work/report.result"
echo
awk -v a="$s1" -v b="$sn" -v r="$rp" -v c="$cores" 'BEGIN {
  printf "score: %d threads are %.2fx faster than 1; report takes %.2fx the time of score\n",
    c, a / b, r / b
}'
# A shared machine may not give a multi-threaded run all its cores; such a run's figures do
# not compare with others.
if [ "$cores" -gt 1 ] && [ "$sn_low" -lt $((cores * 75)) ]; then
  echo "warning: a run of score on $cores threads got only $sn_low% CPU (a busy machine, or an" \
    "input too small to keep $cores threads busy): its timings do not compare with quiet runs"
fi

# report's memory does not grow with rows. It grows with distinct speakers (their names and
# counts): the same kind of corpus with every one of 200,000 rows spoken by its own speaker.
# Speakers times days would make it grow too, but past --memory-budget report reads a file
# again and keeps day-by-day figures only for the speakers it shows: ROWS rows from 2,000
# speakers over a year (about 550,000 speaker-days and as many speaker-target-days).
many="$work/speakers-200000.csv"
days="$work/speakers-2000-$rows.csv"
for spec in "$many 200000 200000" "$days $rows 2000"; do
  read -r file n sp <<<"$spec"
  if [ ! -s "$file" ]; then
    echo "generating $file ..." >&2
    "$bin/examples/gen_corpus" "$n" --speakers "$sp" >"$file.tmp"
    mv "$file.tmp" "$file"
  fi
done
cmd_many=("$bin/detente" report "$many" --format html -o "$work/many.html" -q)
cmd_days=("$bin/detente" report "$days" --format html -o "$work/days.html" -q)
measure many days
read -r many_s many_kb _ <"$work/many.result"
read -r days_s days_kb _ <"$work/days.result"
echo
awk -v s="$many_s" -v kb="$many_kb" -v ds="$days_s" -v dkb="$days_kb" -v r="$rows" 'BEGIN {
  printf "report on 200,000 rows from 200,000 speakers: %.3f s, peak RSS %.1f MB\n", s, kb / 1024
  printf "report on %d rows from 2,000 speakers over a year: %.3f s, peak RSS %.1f MB\n", r, ds, dkb / 1024
}'

# The progress bar is drawn only on a terminal: `script` (util-linux) gives the command a
# pseudo-terminal, with the bar on and, for comparison, off (DETENTE_NO_PROGRESS=1).
if command -v script >/dev/null 2>&1; then
  cmd_bar=(script -qec "$bin/detente score $corpus -o $work/bar.csv" /dev/null)
  cmd_nobar=(script -qec "DETENTE_NO_PROGRESS=1 $bin/detente score $corpus -o $work/bar.csv" /dev/null)
  measure bar nobar
  read -r bar_s _ <"$work/bar.result"
  read -r nobar_s _ <"$work/nobar.result"
  echo
  awk -v a="$bar_s" -v b="$nobar_s" 'BEGIN {
    printf "progress bar (score on a pseudo-terminal): %.3f s with the bar, %.3f s without: %+.1f%%\n",
      a, b, (a / b - 1) * 100
  }'
fi

if python3 -c 'import vaderSentiment' 2>/dev/null; then
  slice="$work/slice-20000.csv"
  head -n 20001 "$corpus" >"$slice"
  cat >"$work/vader_score.py" <<'EOF'
import csv, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
out = sys.stdout
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    out.write("%.4f\n" % analyzer.polarity_scores(row["text"])["compound"])
EOF
  cmd_score20k=("$bin/detente" score "$slice" -q)
  cmd_vader20k=(python3 "$work/vader_score.py" "$slice")
  measure score20k vader20k
  # The floor on 20,000 rows is under GNU time's 10 ms resolution: compare per row with the
  # floor measured above on the whole corpus.
  echo
  echo "20,000-row slice (x floor: per row, against the floor's per-row time on $rows rows):"
  echo
  echo "| command | median (s) | per row (us) | x floor |"
  echo "|---|---:|---:|---:|"
  for pair in "detente score (with start-up):score20k" "Python vaderSentiment 3.3.2, compound only:vader20k"; do
    read -r s _ <"$work/${pair#*:}.result"
    awk -v l="${pair%%:*}" -v s="$s" -v f="$floor_s" -v n="$rows" \
      'BEGIN { printf "| %s | %.3f | %.1f | %.0f |\n", l, s, s / 20000 * 1e6, (s / 20000) / (f / n) }'
  done
fi
