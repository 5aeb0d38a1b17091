"""Apache Spark: add scamsift's verdict columns to a DataFrame.

:func:`classify` runs through ``DataFrame.mapInArrow``: each executor's Python worker receives Arrow
record batches, classifies the text column straight from the Arrow buffers
(``Classifier.classify_arrow``, no Python ``str`` per row) and appends the verdict columns. The
classifier is compiled once per Python worker process and reused for every batch and task it runs.

Requirements on the cluster: scamsift (and pyarrow, which PySpark needs for Arrow) installed in the
executors' Python. A custom pack given as a file path or TOML text is read on the driver and shipped
to the executors as text; a pack *directory* must exist at the same path on every executor.

pyspark is not a dependency of scamsift; this module imports it when :func:`classify` is called.
"""

from __future__ import annotations

import functools as _functools
import importlib as _importlib
import os as _os
import threading as _threading
from collections.abc import Iterator as _Iterator
from typing import Any as _Any
from typing import Optional as _Optional
from typing import Union as _Union

__all__ = ["classify"]

# (kind, payload, include_builtin): kind is "builtin", "text" (TOML text) or "dir" (a path).
_Spec = tuple[str, str, bool]

# One classifier per pack spec and Python worker process, shared by the batches (and tasks) it runs.
_CLASSIFIERS: dict[_Spec, _Any] = {}
_LOCK = _threading.Lock()
# How many times this process compiled each spec's classifier (the tests check it stays at one).
_BUILDS: dict[_Spec, int] = {}


def _spec(pack: _Union[str, "_os.PathLike[str]", None], include_builtin: bool) -> _Spec:
    if pack is None:
        return ("builtin", "", True)
    s = _os.fspath(pack)
    if "\n" not in s and _os.path.isdir(s):
        return ("dir", _os.path.abspath(s), include_builtin)
    if "\n" not in s and _os.path.isfile(s):
        with open(s, encoding="utf-8") as f:
            return ("text", f.read(), include_builtin)
    return ("text", s, include_builtin)


def _classifier(spec: _Spec) -> _Any:
    with _LOCK:
        clf = _CLASSIFIERS.get(spec)
        if clf is None:
            from ._core import Classifier

            kind, payload, include_builtin = spec
            clf = Classifier() if kind == "builtin" else Classifier.from_pack(payload, include_builtin=include_builtin)
            _CLASSIFIERS[spec] = clf
            _BUILDS[spec] = _BUILDS.get(spec, 0) + 1
        return clf


def _run(spec: _Spec, column: str, hits: bool, prefix: str, batches: _Iterator[_Any]) -> _Iterator[_Any]:
    """The function each Python worker runs over its Arrow batches."""
    from .arrow import with_verdicts

    clf = _classifier(spec)
    for batch in batches:
        # One thread: Spark already runs one task per executor core.
        yield with_verdicts(batch, column, clf, threads=1, hits=hits, prefix=prefix)


def classify(
    df: _Any,
    column: str,
    *,
    pack: _Union[str, "_os.PathLike[str]", None] = None,
    include_builtin: bool = True,
    hits: bool = True,
    prefix: str = "",
) -> _Any:
    """Return ``df`` with scamsift's verdict columns appended, computed from the string ``column``.

    Columns (see ``scamsift.arrow``): ``verdict``, ``score``, ``family``, ``flagged``, ``truncated``,
    ``families`` (struct, one float per family), ``hits`` (array of struct; left out with
    ``hits=False``) and ``error``, each named ``prefix + name``. A null text gives null verdict
    columns. ``pack``: a custom pack (TOML text, a ``.toml`` file, or a directory present on every
    executor), with the built-in pack too unless ``include_builtin=False``.

    >>> from scamsift.spark import classify            # doctest: +SKIP
    >>> out = classify(spark.read.parquet("messages/"), "text", hits=False)
    >>> out.where("flagged").groupBy("family").count().show()
    """
    pd_types = _importlib.import_module("pyspark.sql.pandas.types")
    from .arrow import _pa

    pa = _pa()
    spec = _spec(pack, include_builtin)
    # Built on the driver too (milliseconds): it checks the pack and gives the result schema.
    clf = _classifier(spec)
    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame; its columns are {df.columns}")
    result = pa.schema(clf.arrow_schema(hits=hits))
    names = [prefix + n for n in result.names]
    clash = sorted(set(names) & set(df.columns))
    if clash:
        raise ValueError(f"the DataFrame already has columns {clash}: pass prefix= to rename the verdict columns")
    out_fields = list(df.schema.fields) + list(
        pd_types.from_arrow_schema(pa.schema([f.with_name(prefix + f.name) for f in result])).fields
    )
    schema = _importlib.import_module("pyspark.sql.types").StructType(out_fields)
    return df.mapInArrow(_functools.partial(_run, spec, column, hits, prefix), schema)
