#!/usr/bin/env python3
"""Spark job: classify a table of messages with scamsift and write the verdicts as Parquet.

    spark-submit examples/spark_job.py INPUT OUTPUT [--text-column text] [--pack PACK] [--hits]
    python examples/spark_job.py INPUT OUTPUT --master 'local[2]'      # without a cluster

INPUT is JSONL (``*.jsonl``/``*.json``, one object a line) or Parquet (a file or a directory);
OUTPUT is a Parquet directory with the input's columns plus ``verdict``, ``score``, ``family``,
``flagged``, ``truncated``, ``families`` (one score per family), ``error`` and, with ``--hits``,
``hits``. The job then prints how many rows were flagged, per family.

``--pack`` takes a custom pack (a ``.toml`` file or TOML text, shipped to the executors; or a pack
directory that exists on every executor). Needs scamsift and pyarrow in the executors' Python.
"""

from __future__ import annotations

import argparse
from typing import Any, Optional

from pyspark.sql import SparkSession

import scamsift.spark


def main(argv: Optional[list[str]] = None, spark: Any = None) -> None:
    """Run the job; ``spark``: a session to use (then it is left running), else one is created."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSONL file(s) or Parquet file/directory")
    ap.add_argument("output", help="Parquet directory to write (overwritten)")
    ap.add_argument("--text-column", default="text")
    ap.add_argument("--pack", default=None, help="custom pack: .toml file, TOML text or pack directory")
    ap.add_argument("--no-builtin", action="store_true", help="with --pack: leave the built-in pack out")
    ap.add_argument("--hits", action="store_true", help="also write the hits column (rule, span, ...)")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: what spark-submit sets")
    args = ap.parse_args(argv)

    own = spark is None
    if spark is None:
        builder = SparkSession.builder.appName("scamsift")
        if args.master:
            builder = builder.master(args.master)
        spark = builder.getOrCreate()

    is_json = args.input.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz"))
    df = spark.read.json(args.input) if is_json else spark.read.parquet(args.input)
    out = scamsift.spark.classify(
        df, args.text_column, pack=args.pack, include_builtin=not args.no_builtin, hits=args.hits
    )
    out.write.mode("overwrite").parquet(args.output)

    # Read back what was written, so the counts are those of the output.
    written = spark.read.parquet(args.output)
    total = written.count()
    flagged = written.where("flagged").groupBy("family", "verdict").count().orderBy("family", "verdict").collect()
    errors = written.where("error IS NOT NULL").count()
    print(f"{total} rows written to {args.output}; {sum(r['count'] for r in flagged)} flagged, {errors} not UTF-8")
    print(f"{'family':<24} {'verdict':<12} {'rows':>10}")
    for r in flagged:
        print(f"{r['family'] or '-':<24} {r['verdict']:<12} {r['count']:>10}")
    if own:
        spark.stop()


if __name__ == "__main__":
    main()
