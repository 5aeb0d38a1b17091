"""scamsift: an explainable classifier for scam text.

Recruitment lures (fake job ads that traffic people into scam compounds), task scams and
pig-butchering, matched by a declarative indicator pack compiled into a Rust core.

>>> import scamsift
>>> clf = scamsift.Classifier()
>>> v = clf.classify("See you at lunch tomorrow?")
>>> v.verdict
'clean'

``Classifier`` is immutable and safe to share between threads; ``classify`` and ``classify_batch``
release the GIL. Hit offsets (``Hit.start``/``Hit.end``) are Python string indices.
"""

from ._core import ArrowVerdicts, Classifier, Entity, Hit, PackError, Verdict, __version__

__all__ = ["ArrowVerdicts", "Classifier", "Entity", "Hit", "PackError", "Verdict", "__version__"]
