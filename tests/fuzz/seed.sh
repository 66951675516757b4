#!/usr/bin/env bash
# Builds the starting corpora for the fuzz targets from the project's own files, in
# tests/fuzz/corpus/<target>/ (not committed: libFuzzer adds to them as it runs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$here/corpus"
mkdir -p "$corpus"/{score_text,score_csv,report_csv,lexicon_tsv,import,dates_events,eval_gold}

# score_text: every gold statement, one file each (the text column, via Python's csv).
python3 - "$root/tests/data/gold" "$corpus/score_text" <<'PY'
import csv, hashlib, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.csv")):
    for row in csv.DictReader(open(f, encoding="utf-8")):
        t = row["text"].encode()
        (out / hashlib.sha1(t).hexdigest()[:16]).write_bytes(t)
PY

# score_csv and report_csv: a knob byte (delimiter, options, batch size; see the targets)
# and then a whole file: the founding case, the report fixtures, a few gold files.
n=0
for f in "$root"/examples/data/*.csv "$root"/tests/fixtures/*.csv \
         "$root"/tests/data/gold/dev2.csv "$root"/tests/data/gold/dev20.csv; do
    for knob in 0 6 48; do
        n=$((n + 1))
        { printf "\\x$(printf %02x "$knob")"; cat "$f"; } > "$corpus/score_csv/$n"
        { printf "\\x$(printf %02x "$knob")"; cat "$f"; } > "$corpus/report_csv/$n"
    done
done
# report also reads scored files: the founding case scored.
if [ -x "$root/target/debug/detente" ] || [ -x "$root/target/release/detente" ]; then
    bin=$(ls "$root"/target/{release,debug}/detente 2>/dev/null | head -1)
    { printf '\x00'; "$bin" score -q "$root/examples/data/petro_trump_2026.csv"; } \
        > "$corpus/report_csv/scored"
fi

# lexicon_tsv: slices of the built-in lexicons (about 40 lines each), for each language knob.
for f in "$root"/lexicons/*/*.tsv "$root"/lexicons/categories.tsv; do
    base=$(basename "$(dirname "$f")")-$(basename "$f" .tsv)
    split -l 40 -d -a 3 "$f" "$corpus/lexicon_tsv/$base-"
done
for f in "$corpus"/lexicon_tsv/*; do
    { printf '\x00'; cat "$f"; } > "$f.k" && mv "$f.k" "$f"
done

# import: the fixtures in both formats (knob 0: VADER, 1: LIWC).
{ printf '\x00'; cat "$root/tests/fixtures/import/vader_format.txt"; } > "$corpus/import/vader"
{ printf '\x01'; cat "$root/tests/fixtures/import/liwc_format.dic"; } > "$corpus/import/liwc"
# dates_events: the events files in each date format (knob 0-4), and dates written every way.
for knob in 0 1 2 3 4; do
    for f in "$root/examples/data/petro_trump_events.csv" "$root/tests/fixtures/report_events.csv"; do
        { printf "\\x$(printf %02x "$knob")"; cat "$f"; } > "$corpus/dates_events/$knob-$(basename "$f")"
    done
    { printf "\\x$(printf %02x "$knob")"; printf '%s\n' 2026-01-04 04/01/2026 01/04/2026 \
        2026/01/04 1767484800 "4 de enero de 2026" "Jan 4, 2026" "4 Jan 2026" \
        2026-01-04T10:00Z "04/01/2026 10:30" 1767484800.5 0000-00-00 9999-12-31; } \
        > "$corpus/dates_events/$knob-dates"
done
# eval_gold: the gold files themselves (the first 40 rows of each, to keep inputs short).
for f in "$root"/tests/data/gold/*.csv; do
    head -n 41 "$f" > "$corpus/eval_gold/$(basename "$f")"
done
echo "seeded: $(for d in "$corpus"/*; do printf '%s %s  ' "$(basename "$d")" "$(ls "$d" | wc -l)"; done)"
