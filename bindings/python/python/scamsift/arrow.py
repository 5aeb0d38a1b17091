"""Arrow helpers: classify a column of an Arrow table into pyarrow verdict columns.

``Classifier.classify_arrow`` does the work and needs no pyarrow: it reads any object that exports
the Arrow PyCapsule interface (pyarrow, polars, DuckDB, nanoarrow) and returns an
:class:`~scamsift.ArrowVerdicts`. These helpers wrap its result as pyarrow objects, so they need
pyarrow (``pip install 'scamsift[arrow]'``), imported when a function is called.

Result columns, one row per input row (a null or non-UTF-8 text gives a null row):

- ``verdict`` (string): ``clean``, ``suspicious`` or ``scam``
- ``score`` (float64): risk of the top family, 0-1
- ``family`` (string): the top family, null when there is no evidence
- ``flagged``, ``truncated`` (bool)
- ``families`` (struct of float64, one field per family of the classifier)
- ``hits`` (list of struct ``rule, category, family, weight, start, end, byte_start, byte_end``):
  ``start``/``end`` count code points (Python ``str`` indices, like ``Hit.start``);
  ``byte_start``/``byte_end`` are UTF-8 byte offsets into the Arrow value
- ``error`` (string): null, or why the row was not classified (its bytes are not valid UTF-8)
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any
from typing import Optional as _Optional

if _TYPE_CHECKING:
    from ._core import Classifier as _ClassifierT

__all__ = ["classify", "with_verdicts"]


def _pa() -> _Any:
    try:
        return _importlib.import_module("pyarrow")
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "scamsift.arrow needs pyarrow: pip install 'scamsift[arrow]' "
            "(Classifier.classify_arrow itself works without it)"
        ) from e


def classify(
    data: _Any,
    classifier: _Optional[_ClassifierT] = None,
    *,
    column: _Optional[str] = None,
    threads: _Optional[int] = None,
    hits: bool = True,
) -> _Any:
    """Classify an Arrow string column; returns a ``pyarrow.RecordBatch`` of verdict columns.

    ``data``: an Arrow array, chunked array, record batch or table from any library (a table needs
    ``column``); ``classifier`` defaults to the built-in one; ``threads`` as for ``classify_batch``;
    ``hits=False`` leaves out the ``hits`` column.

    >>> import pyarrow as pa, scamsift.arrow
    >>> scamsift.arrow.classify(pa.array(["See you at lunch?", None]))["verdict"].to_pylist()
    ['clean', None]
    """
    pa = _pa()
    from ._core import Classifier as _Classifier

    if classifier is None:
        classifier = _Classifier()
    return pa.record_batch(classifier.classify_arrow(data, column=column, threads=threads, hits=hits))


def with_verdicts(
    batch: _Any,
    column: str,
    classifier: _Optional[_ClassifierT] = None,
    *,
    threads: _Optional[int] = None,
    hits: bool = True,
    prefix: str = "",
) -> _Any:
    """Return ``batch`` (a ``pyarrow.RecordBatch``) with the verdict columns appended.

    The new columns are named ``prefix + name``; a name the batch already has raises ``ValueError``.
    """
    pa = _pa()
    from ._core import Classifier as _Classifier

    if classifier is None:
        classifier = _Classifier()
    out = pa.record_batch(classifier.classify_arrow(batch, column=column, threads=threads, hits=hits))
    names = [prefix + n for n in out.schema.names]
    clash = sorted(set(names) & set(batch.schema.names))
    if clash:
        raise ValueError(f"the input already has columns {clash}: pass prefix= to rename the verdict columns")
    return pa.RecordBatch.from_arrays(
        list(batch.columns) + list(out.columns),
        schema=pa.schema(list(batch.schema) + [f.with_name(prefix + f.name) for f in out.schema]),
    )
