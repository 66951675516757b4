#!/usr/bin/env python3
"""Score a quotes CSV with detente as the map step of an Apache Spark job (`RDD.pipe`).

    python3 examples/spark_score.py INPUT.csv OUTPUT [options] [-- DETENTE-SCORE-ARGS]

    python3 examples/spark_score.py quotes.csv scored.csv --partitions 8
    detente report scored.csv -o report.html

Every partition of INPUT's lines (its header left out) is piped through one
`detente score --header HEADER -q DETENTE-SCORE-ARGS` process on the executors, HEADER being
INPUT's first line, so each task finds its columns by name as one pass over the whole file
would. The driver writes, in order, the header that `detente score` gives INPUT's header
(none for `--format jsonl`) and the partitions' outputs. OUTPUT is then byte for byte what
`detente score INPUT` writes in one piece, whatever the number of partitions, and
`detente report` reads it without scoring again.

Any `score` option goes after `--`: `--text-col quote`, `--lang es`, `--format jsonl`,
`--lexicon FILE` (with a path every executor can read).

A task whose detente fails (exit 2: a bad row, a bad option) fails the job, and OUTPUT is not
written: no row is left out silently. With `--skip-bad-rows` after `--`, a task sets bad rows
aside instead (each reported on its stderr, the executor's log) and goes on.

One record per line, as for any line-based engine: Spark's `textFile` splits the input into
partitions at line breaks, so a quoted field holding a line break goes through whole only when
no split falls inside it. When one does, each half reaches a different task as a broken row:
the job stops on it, naming it (or, with `--skip-bad-rows`, both halves are set aside).

Needs pyspark (`pip install pyspark`, with Java 17) and a detente binary on every executor:
`--detente PATH` (default: `detente` on the PATH). `--master` defaults to `local[2]`, this
machine's cores; on a cluster, give the cluster's master URL or run the script with
spark-submit. OUTPUT is written to a temporary file beside it and renamed into place when
complete. For outputs too large for the driver, `--parts` makes OUTPUT a directory (a local
path or any Hadoop file system URL, `hdfs://...`, `s3a://...`) of part files written by the
executors (`saveAsTextFile`): `part-00000` holds the header alone, and the parts concatenated
in name order are the scored file (`cat OUTPUT/part-* > scored.csv`); a failed job leaves no
`_SUCCESS` marker. INPUT may be such a URL too (its first line is read through Spark).

CI runs this on Spark (tests/spark/run.sh) and checks the byte-for-byte promise.
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Score a quotes CSV with detente as the map step of a Spark job.",
        epilog="Arguments after -- go to every `detente score` process, e.g. -- --lang es",
    )
    parser.add_argument("input", help="the quotes CSV, one record per line, with a header")
    parser.add_argument("output", help="where the scored CSV goes")
    parser.add_argument("--master", default="local[2]", help="Spark master URL (default: local[2])")
    parser.add_argument(
        "--partitions", type=int, default=None, help="minimum number of input partitions"
    )
    parser.add_argument(
        "--detente", default="detente", help="the detente binary on the executors (default: detente)"
    )
    parser.add_argument(
        "--parts",
        action="store_true",
        help="OUTPUT is a directory (any Hadoop file system URL) of part files, written by the "
        "executors: concatenated in name order they are the scored file, header first",
    )
    own, rest = argv, []
    if "--" in argv:
        cut = argv.index("--")
        own, rest = argv[:cut], argv[cut + 1 :]
    args = parser.parse_args(own)
    args.score_args = rest
    return args


def output_header(detente, score_args, header_line):
    """The header `detente score` writes for the input's header line (and nothing else)."""
    done = subprocess.run(
        [detente, "score", "-q", *score_args],
        input=(header_line + "\n").encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(
            "spark_score: detente could not read the header: "
            + done.stderr.decode("utf-8", "replace").strip()
        )
    return done.stdout


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext

    conf = (
        SparkConf()
        .setMaster(args.master)
        .setAppName("detente score")
        .set("spark.ui.enabled", "false")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        source = args.input if "://" in args.input else os.path.abspath(args.input)
        lines = sc.textFile(source, minPartitions=args.partitions)
        header_line = lines.first() if not lines.isEmpty() else ""
        if not header_line:
            sys.exit(f"spark_score: {args.input} is empty: it needs a header line")
        head = output_header(args.detente, args.score_args, header_line)
        # The header is the first line of the first partition: left out there only.
        body = lines.mapPartitionsWithIndex(
            lambda index, it: _drop_first(it) if index == 0 else it
        )
        command = [args.detente, "score", "--header", header_line, "-q", *args.score_args]
        if "--skip-bad-rows" in args.score_args:
            # detente exits 1 when it set rows aside: that task still did its work.
            command = ["sh", "-c", 'status=0; "$@" || status=$?; [ "$status" -le 1 ]', "sh"] + command
        # `pipe` splits its command as a shell would: quoted here so that arguments with
        # spaces (the header line) stay whole. checkCode: a task whose detente fails fails
        # the job, rather than leaving its rows out.
        scored = body.pipe(shlex.join(command), checkCode=True)
        if args.parts:
            write_parts(sc, head, scored, args)
            return
        directory = os.path.dirname(os.path.abspath(args.output))
        fd, tmp = tempfile.mkstemp(prefix=".spark_score-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(head)
                # In partition order, a partition at a time: the driver holds one at most.
                for line in scored.toLocalIterator():
                    out.write(line.encode("utf-8"))
                    out.write(b"\n")
            os.replace(tmp, args.output)
        except Exception as e:
            os.unlink(tmp)
            first = str(e).strip().splitlines()[:1]
            sys.exit(
                f"spark_score: the job failed, {args.output} not written (detente's error, if "
                f"it was one, is printed above): {first[0] if first else type(e).__name__}"
            )
        except BaseException:
            os.unlink(tmp)
            raise
        print(
            f"spark_score: {lines.getNumPartitions()} partitions scored into {args.output}",
            file=sys.stderr,
        )
    finally:
        sc.stop()


def write_parts(sc, head, scored, args):
    """The output as part files written by the executors, the header alone in the first."""
    header = [head.decode("utf-8").rstrip("\n")] if head else []
    target = args.output if "://" in args.output else os.path.abspath(args.output)
    try:
        # A union keeps its parts' partitions in order: the header's comes first.
        sc.parallelize(header, 1).union(scored).saveAsTextFile(target)
    except Exception as e:
        first = str(e).strip().splitlines()[:1]
        sys.exit(
            f"spark_score: the job failed, {args.output} has no _SUCCESS marker (detente's "
            f"error, if it was one, is printed above): {first[0] if first else type(e).__name__}"
        )
    print(f"spark_score: scored into the part files of {args.output}", file=sys.stderr)


def _drop_first(it):
    next(it, None)
    return it


if __name__ == "__main__":
    main(sys.argv[1:])
