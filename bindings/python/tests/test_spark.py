"""``scamsift.spark`` in Spark local mode: the verdict columns equal ``classify_batch`` on the same texts.

One local[2] session for the module. Skipped when pyspark, pyarrow or Java is missing.
"""

from __future__ import annotations

import collections
import os
import pathlib
import shutil
import sys
from collections.abc import Iterator
from typing import Any, Optional

import pytest

import scamsift

pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (PySpark needs Java 17+)", allow_module_level=True)

import scamsift.spark  # noqa: E402

from .test_arrow import TEXTS, corpus_texts  # noqa: E402

# Rows with an id, so results can be compared after Spark reorders nothing (mapInArrow keeps order
# within a partition, but the test does not rely on it).
FIXTURE: list[tuple[int, Optional[str]]] = list(enumerate(TEXTS * 5))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # The workers must run this interpreter (the one scamsift is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("scamsift-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def frame(spark: Any, rows: list[tuple[int, Optional[str]]]) -> Any:
    return spark.createDataFrame(rows, "id long, text string").repartition(2)


def counts(verdicts: list[Optional[scamsift.Verdict]]) -> tuple[collections.Counter[Any], collections.Counter[Any]]:
    by_verdict = collections.Counter(None if v is None else v.verdict for v in verdicts)
    by_family = collections.Counter(v.family for v in verdicts if v is not None and v.flagged)
    return by_verdict, by_family


def spark_counts(out: Any) -> tuple[collections.Counter[Any], collections.Counter[Any]]:
    by_verdict = collections.Counter({r["verdict"]: r["count"] for r in out.groupBy("verdict").count().collect()})
    flagged = out.where("flagged").groupBy("family").count().collect()
    return by_verdict, collections.Counter({r["family"]: r["count"] for r in flagged})


def batch_verdicts(clf: scamsift.Classifier, texts: list[Optional[str]]) -> list[Optional[scamsift.Verdict]]:
    present = clf.classify_batch([t for t in texts if t is not None])
    it = iter(present)
    return [None if t is None else next(it) for t in texts]


def test_fixture_rows_equal_classify(spark: Any, builtin: scamsift.Classifier) -> None:
    out = scamsift.spark.classify(frame(spark, FIXTURE), "text")
    assert out.columns[:2] == ["id", "text"] and "verdict" in out.columns and "hits" in out.columns
    got = {r["id"]: r for r in out.collect()}
    assert len(got) == len(FIXTURE)
    for i, text in FIXTURE:
        r = got[i]
        if text is None:
            assert r["verdict"] is None and r["hits"] is None
            continue
        v = builtin.classify(text)
        assert (r["verdict"], r["score"], r["family"], r["flagged"]) == (v.verdict, v.score, v.family, v.flagged)
        assert [(h["rule"], h["start"], h["end"]) for h in r["hits"]] == [(h.rule, h.start, h.end) for h in v.hits]
        assert r["families"].asDict() == {f: v.families.get(f, 0.0) for f in builtin.families}
    assert spark_counts(out) == counts(batch_verdicts(builtin, [t for _, t in FIXTURE]))


def test_real_texts_counts_equal_classify_batch(spark: Any, builtin: scamsift.Classifier) -> None:
    texts: list[Optional[str]] = list(corpus_texts(3000))
    texts += [t for _, t in FIXTURE]
    out = scamsift.spark.classify(frame(spark, list(enumerate(texts))), "text", hits=False)
    assert "hits" not in out.columns
    assert spark_counts(out) == counts(batch_verdicts(builtin, texts))


def test_custom_pack_text_and_file(spark: Any, acme: scamsift.Classifier, acme_text: str, tmp_path: pathlib.Path) -> None:
    rows: list[tuple[int, Optional[str]]] = [(0, "act now"), (1, "hello"), (2, None), (3, "Please pay the fee in gift cards")]
    pack = tmp_path / "acme.toml"
    pack.write_text(acme_text, encoding="utf-8")
    want = [None if t is None else acme.classify(t).verdict for _, t in rows]
    for spec in [acme_text, str(pack), pack]:
        out = scamsift.spark.classify(frame(spark, rows), "text", pack=spec, include_builtin=False, prefix="ss_")
        got = {r["id"]: r["ss_verdict"] for r in out.collect()}
        assert [got[i] for i, _ in rows] == want
        assert "ss_families" in out.columns


def test_clear_errors(spark: Any) -> None:
    df = spark.createDataFrame([(1, "x", "y")], "id long, text string, verdict string")
    with pytest.raises(ValueError, match="prefix="):
        scamsift.spark.classify(df, "text")
    with pytest.raises(ValueError, match="no column 'body'"):
        scamsift.spark.classify(df, "body")
    with pytest.raises(scamsift.PackError):
        scamsift.spark.classify(df, "text", pack="[pack]\nname = 1\n", prefix="ss_")


def test_one_classifier_per_worker(spark: Any) -> None:
    # Many small batches (maxRecordsPerBatch=500) and tasks: each Python worker process compiles
    # the classifier once, however many batches it runs through scamsift.spark's own function.
    def worker_ids(batches: Iterator[Any]) -> Iterator[Any]:
        # Local, so Spark's cloudpickle ships it by value (the tests package is not on the workers).
        import pyarrow as pa

        spec = scamsift.spark._spec(None, True)
        for b in scamsift.spark._run(spec, "text", False, "", batches):
            n = b.num_rows
            yield pa.record_batch({"pid": [os.getpid()] * n, "builds": [scamsift.spark._BUILDS[spec]] * n})

    df = spark.range(6000).selectExpr("CAST(id AS STRING) AS text").repartition(4)
    rows = df.mapInArrow(worker_ids, "pid long, builds long").groupBy("pid").agg({"builds": "max", "*": "count"}).collect()
    assert sum(r["count(1)"] for r in rows) == 6000
    assert rows and all(r["max(builds)"] == 1 for r in rows), rows
    spec = scamsift.spark._spec(None, True)
    assert scamsift.spark._classifier(spec) is scamsift.spark._classifier(spec)


def test_example_job(spark: Any, tmp_path: pathlib.Path, builtin: scamsift.Classifier, capsys: Any) -> None:
    # examples/spark_job.py end to end on the test's session: JSONL in, Parquet out, counts printed.
    import importlib.util
    import json

    import pyarrow.parquet as pq

    path = pathlib.Path(__file__).resolve().parents[3] / "examples" / "spark_job.py"
    spec = importlib.util.spec_from_file_location("spark_job", path)
    assert spec is not None and spec.loader is not None
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    src = tmp_path / "in.jsonl"
    texts = [t for t in TEXTS if t is not None]
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    job.main([str(src), str(tmp_path / "out"), "--hits"], spark=spark)
    printed = capsys.readouterr().out
    flagged = [v for v in builtin.classify_batch(texts) if v.flagged]
    assert f"{len(texts)} rows written" in printed and f"{len(flagged)} flagged" in printed, printed
    for fam in {v.family for v in flagged}:
        assert fam is not None and fam in printed
    out = pq.read_table(tmp_path / "out").sort_by("id")
    assert out.column("verdict").to_pylist() == [builtin.classify(t).verdict for t in texts]
    assert "hits" in out.schema.names and "families" in out.schema.names
