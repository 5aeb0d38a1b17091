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


def classify(
    series: _Any,
    classifier: _Optional[_ClassifierT] = None,
    *,
    threads: _Optional[int] = None,
) -> _Any:
    """Classify every text of a pandas Series.

    Returns a DataFrame with the same index and columns ``verdict`` (str), ``score`` (float) and
    ``family`` (str or None). Values that are not ``str`` (None, NaN, numbers) are not classified:
    their row holds ``verdict=None``, ``score=NaN``, ``family=None``.

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
    values = series.tolist()
    positions = [i for i, t in enumerate(values) if isinstance(t, str)]
    verdicts = classifier.classify_batch([values[i] for i in positions], threads=threads)
    n = len(values)
    verdict: list[_Optional[str]] = [None] * n
    score: list[float] = [_math.nan] * n
    family: list[_Optional[str]] = [None] * n
    for i, v in zip(positions, verdicts):
        verdict[i] = v.verdict
        score[i] = v.score
        family[i] = v.family
    return pd.DataFrame(
        {
            "verdict": pd.Series(verdict, index=series.index, dtype="object"),
            "score": pd.Series(score, index=series.index, dtype="float64"),
            "family": pd.Series(family, index=series.index, dtype="object"),
        },
        index=series.index,
    )
