#!/usr/bin/env python3
"""Throughput of the Arrow path and of Spark local mode against the Rust core, on real SMS.

Usage:  python bench/bench_arrow.py [--n 100000] [--repeat 3] [--corpora DIR] [--no-spark]

Texts: the SMS corpora (as ``bench_batch.py``), cycled up to ``--n`` messages. It measures, best of
``--repeat`` runs, rows per second of:

* **core**: the core's own ``classify_batch`` on the same texts (``_core._bench_core``: texts already
  Rust strings, verdicts dropped, no Python objects);
* **(a) classify_batch**: ``Classifier.classify_batch(list_of_str)``, building ``Verdict`` objects;
* **(b) arrow**: ``Classifier.classify_arrow(pyarrow string array)``, result as Arrow columns
  (with and without the ``hits`` column);
* **pandas**: ``scamsift.pandas.classify`` on an ``object`` Series and on a ``string[pyarrow]`` one;
* **(c) spark**: ``scamsift.spark.classify`` in ``local[2]`` over a Parquet file of the texts,
  forced with the ``noop`` writer (hits left out, as a job writing verdict columns would), and,
  for scale, an identity ``mapInArrow`` on the same DataFrame: Spark's own JVM-Python Arrow round trip.

Targets: arrow with one thread within 10 % of the core's single-thread throughput; Spark local[2]
at least 1.5x one thread of ``classify_batch``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pathlib
import platform
import random
import sys
import tempfile
import time
from typing import Any, Callable

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from bench_batch import corpora_dir, load_real, synthetic  # noqa: E402

import scamsift  # noqa: E402
from scamsift import _core  # noqa: E402


def best(repeat: int, f: Callable[[], Any]) -> float:
    """Best wall time of ``repeat`` runs after one warm-up run."""
    f()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        runs.append(time.perf_counter() - t0)
    return min(runs)


def _identity(batches: Any) -> Any:
    yield from batches


def spark_rates(texts: list[str], repeat: int) -> tuple[float, float]:
    """Rows/s of scamsift.spark.classify, and of an identity mapInArrow (Spark's own Arrow round trip)."""
    from pyspark.sql import SparkSession

    spark_mod = importlib.import_module("scamsift.spark")

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("scamsift-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "texts.parquet")
        # Two row groups, so both local cores get a partition.
        pq.write_table(pa.table({"id": list(range(len(texts))), "text": texts}), path, row_group_size=len(texts) // 2 + 1)
        df = spark.read.parquet(path).repartition(2).cache()
        df.count()

        def run() -> None:
            spark_mod.classify(df, "text", hits=False).write.format("noop").mode("overwrite").save()

        dt = best(repeat, run)
        floor = best(repeat, lambda: df.mapInArrow(_identity, df.schema).write.format("noop").mode("overwrite").save())
    spark.stop()
    return len(texts) / dt, len(texts) / floor


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpora", default=None)
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()

    d = corpora_dir(args.corpora)
    base = load_real(d) if d else []
    source = f"SMS corpora in {d} ({len(base)} distinct messages, cycled)" if base else "synthetic messages"
    if not base:
        base = synthetic(5_000)
    texts = [base[i % len(base)] for i in range(args.n)]
    random.Random(0).shuffle(texts)
    n = len(texts)
    arr = pa.array(texts, type=pa.string())
    clf = scamsift.Classifier()

    paths: dict[str, Callable[[], Any]] = {}
    for t in (1, 2):
        paths[f"core t={t}"] = lambda t=t: _core._bench_core(clf, texts, threads=t)
        paths[f"(a) classify_batch t={t}"] = lambda t=t: clf.classify_batch(texts, threads=t)
        paths[f"(b) arrow t={t}"] = lambda t=t: clf.classify_arrow(arr, threads=t)
        paths[f"(b) arrow, no hits t={t}"] = lambda t=t: clf.classify_arrow(arr, threads=t, hits=False)
    paths["pa.array(list of str), conversion only"] = lambda: pa.array(texts, type=pa.string())
    try:
        pd = importlib.import_module("pandas")
        sp = importlib.import_module("scamsift.pandas")
        obj = pd.Series(texts, dtype="object")
        arrow_backed = obj.astype("string[pyarrow]")
        paths["pandas helper, object Series t=2"] = lambda: sp.classify(obj, clf)
        paths["pandas helper, string[pyarrow] Series t=2"] = lambda: sp.classify(arrow_backed, clf)
    except ImportError:
        pass
    # Interleaved (every path once per round), so a change in machine load hits all paths alike;
    # best wall time and best process CPU time (all threads) of the rounds.
    for f in paths.values():
        f()
    wall: dict[str, list[float]] = {k: [] for k in paths}
    cpu: dict[str, list[float]] = {k: [] for k in paths}
    for _ in range(args.repeat):
        for k, f in paths.items():
            w0, c0 = time.perf_counter(), time.process_time()
            f()
            wall[k].append(time.perf_counter() - w0)
            cpu[k].append(time.process_time() - c0)
    rate = {k: n / min(v) for k, v in wall.items()}
    cpu_rate = {k: n / min(v) for k, v in cpu.items()}
    if not args.no_spark:
        rate["(c) spark local[2], no hits"], rate["spark local[2], identity mapInArrow (floor)"] = spark_rates(
            texts, args.repeat
        )

    mean_bytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / n
    print(f"scamsift {scamsift.__version__}, pack {clf.pack_name} {clf.pack_version}; pyarrow {pa.__version__}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} logical CPUs")
    print(f"{n:,} messages from {source}; mean {mean_bytes:.0f} bytes; best of {args.repeat}")
    print()
    core1, ccore1 = rate["core t=1"], cpu_rate["core t=1"]
    print("| path | rows/s (wall) | vs core t=1 | rows per CPU-second | vs core t=1 |")
    print("|---|---:|---:|---:|---:|")
    for k, v in rate.items():
        c = cpu_rate.get(k)
        cpu_cols = f"{c:,.0f} | {c / ccore1:.2f}x" if c else "- | -"
        print(f"| {k} | {v:,.0f} | {v / core1:.2f}x | {cpu_cols} |")
    print()
    print(f"arrow, 1 thread / core, 1 thread: {rate['(b) arrow t=1'] / core1:.3f} wall, "
          f"{cpu_rate['(b) arrow t=1'] / ccore1:.3f} CPU (target >= 0.90)")
    if "(c) spark local[2], no hits" in rate:
        s = rate["(c) spark local[2], no hits"] / rate["(a) classify_batch t=1"]
        print(f"spark local[2] / classify_batch 1 thread: {s:.2f}x (target >= 1.5x)")


if __name__ == "__main__":
    main()
