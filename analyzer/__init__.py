"""analyzer: mailing-list digest and thread analyzer.

Ingests Pipermail, HyperKitty and mbox archives into a threaded SQLite store.
For analysis in Python, the researchers' API (:mod:`analyzer.corpus`) gives the
export tables as pandas DataFrames::

    import analyzer
    corpus = analyzer.open_corpus("analyzer.sqlite")   # or analyzer.sample_corpus()
    corpus.activity("W")                               # posts per week
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["SAMPLE_ARCHIVE", "Corpus", "__version__", "open_corpus", "sample_corpus"]

if TYPE_CHECKING:
    from analyzer.corpus import SAMPLE_ARCHIVE, Corpus, open_corpus, sample_corpus


def __getattr__(name: str) -> Any:
    """Load the corpus API on first use, so the CLI's start-up imports stay minimal."""
    if name in {"SAMPLE_ARCHIVE", "Corpus", "open_corpus", "sample_corpus"}:
        from analyzer import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
