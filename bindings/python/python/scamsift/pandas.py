"""pandas helper: classify a Series of texts into a DataFrame.

pandas is not a dependency of scamsift; it is imported when :func:`classify` is called.
"""

from __future__ import annotations

# Private aliases: the module's public surface is `classify` alone (stubtest checks it).
import importlib as _importlib
import math as _math
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any
from typing import Optional as _Optional

if _TYPE_CHECKING:
    from ._core import Classifier as _ClassifierT

__all__ = ["classify"]


def _arrow_values(series: _Any) -> _Any:
    """The Series' texts as an Arrow array when pandas already stores them in Arrow, else None.

    Then they are classified straight from pandas' Arrow buffers (no ``str`` per row), which measured
    faster (``bench/bench_arrow.py``); an ``object`` Series goes through ``classify_batch``, which
    borrows each ``str``'s UTF-8 and was faster than converting it to Arrow first.
    """
    storage = getattr(series.dtype, "storage", None)
    pyarrow_dtype = getattr(series.dtype, "pyarrow_dtype", None)  # pd.ArrowDtype
    if storage not in ("pyarrow", "pyarrow_numpy") and pyarrow_dtype is None:
        return None
    try:
        pa: _Any = _importlib.import_module("pyarrow")
    except ImportError:
        return None
    values = pa.array(series.array)
    t = values.type
    if not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)):
        return None
    return values


def _from_arrow(pd: _Any, series: _Any, verdicts: _Any) -> _Any:
    pa: _Any = _importlib.import_module("pyarrow")
    rb = pa.record_batch(verdicts)
    return pd.DataFrame(
        {
            "verdict": pd.Series(rb.column("verdict").to_pylist(), index=series.index, dtype="object"),
            "score": pd.Series(
                rb.column("score").to_numpy(zero_copy_only=False), index=series.index, dtype="float64"
            ),
            "family": pd.Series(rb.column("family").to_pylist(), index=series.index, dtype="object"),
            "entities": pd.Series(
                [
                    None if row is None else [{k: e[k] for k in _ENTITY_KEYS} for e in row]
                    for row in rb.column("entities").to_pylist()
                ],
                index=series.index,
                dtype="object",
            ),
        },
        index=series.index,
    )


# The entity fields the DataFrame carries: what to act on and how to say it.
_ENTITY_KEYS = ("kind", "start", "end", "text", "value", "description")


def _entity_row(e: _Any) -> dict[str, _Any]:
    d = e.to_dict()
    return {
        "kind": d["kind"],
        "start": d["start"],
        "end": d["end"],
        "text": d["text"],
        "value": d.get("value", d["text"]),
        "description": d["description"],
    }


def classify(
    series: _Any,
    classifier: _Optional[_ClassifierT] = None,
    *,
    threads: _Optional[int] = None,
) -> _Any:
    """Classify every text of a pandas Series.

    Returns a DataFrame with the same index and columns ``verdict`` (str), ``score`` (float),
    ``family`` (str or None) and ``entities`` (a list of dicts with ``kind``, ``start``, ``end``
    (str indices), ``text``, ``value`` (what to act on: a contact's value, a wallet address) and
    ``description``). Values that are not ``str`` (None, NaN, numbers) are not classified: their row
    holds ``verdict=None``, ``score=NaN``, ``family=None``, ``entities=None``.

    ``classifier`` defaults to the built-in one; ``threads`` is passed to ``classify_batch``.

    >>> import pandas as pd, scamsift.pandas
    >>> scamsift.pandas.classify(pd.Series(["See you at lunch?"]))["verdict"].tolist()
    ['clean']
    """
    # Imported lazily (pandas is an optional dependency) and typed as Any (pandas ships no stubs).
    pd: _Any = _importlib.import_module("pandas")

    from ._core import Classifier as _Classifier

    if classifier is None:
        classifier = _Classifier()
    if not isinstance(series, pd.Series):
        series = pd.Series(series)
    arrow = _arrow_values(series)
    if arrow is not None:
        return _from_arrow(pd, series, classifier.classify_arrow(arrow, threads=threads, hits=False))
    values = series.tolist()
    positions = [i for i, t in enumerate(values) if isinstance(t, str)]
    verdicts = classifier.classify_batch([values[i] for i in positions], threads=threads)
    n = len(values)
    verdict: list[_Optional[str]] = [None] * n
    score: list[float] = [_math.nan] * n
    family: list[_Optional[str]] = [None] * n
    entities: list[_Optional[list[dict[str, _Any]]]] = [None] * n
    for i, v in zip(positions, verdicts):
        verdict[i] = v.verdict
        score[i] = v.score
        family[i] = v.family
        entities[i] = [_entity_row(e) for e in v.entities]
    return pd.DataFrame(
        {
            "verdict": pd.Series(verdict, index=series.index, dtype="object"),
            "score": pd.Series(score, index=series.index, dtype="float64"),
            "family": pd.Series(family, index=series.index, dtype="object"),
            "entities": pd.Series(entities, index=series.index, dtype="object"),
        },
        index=series.index,
    )
