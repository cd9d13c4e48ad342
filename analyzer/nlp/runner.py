"""Run the NLP pipeline over texts, streamed in batches, on one or more processes.

Texts arrive with an :class:`~analyzer.models.NlpContext`; each becomes a
``Doc`` carrying that context, so the components can resolve "next Friday"
against the message's own date and attribute what they find to the right
message and author.  The store is never touched here: results are returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from analyzer.models import Event, NlpContext, NlpResult, OfficialMention, Passage

PIPELINE_VERSION = 2


def nlp_version() -> str:
    """The version saved in ``nlp_runs``: NLP pipeline, then anatomy version.

    A message whose stored version differs is analysed again, by a local run, a
    Dask run or a Parquet import alike.
    """
    from analyzer.anatomy import VERSION as ANATOMY_VERSION

    return f"{PIPELINE_VERSION}.{ANATOMY_VERSION}"


def build_pipeline(model: str = "en_core_web_sm"):
    """The configured spaCy model with our components added."""
    from analyzer.nlp import components
    from analyzer.nlp.model import load_model

    return components.add_components(load_model(model))


def analyze_texts(
    nlp, items: Iterable[tuple[str, NlpContext]], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[NlpResult]:
    """Results in input order; ``n_process > 1`` uses spaCy's multiprocessing."""

    from analyzer.nlp.components import context_dict

    def docs():
        for text, context in items:
            doc = nlp.make_doc(text)
            doc._.context = context_dict(context)
            yield doc

    for doc in nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
        yield to_result(doc)


def to_result(doc) -> NlpResult:
    """Collect what the components stored on a processed doc."""
    context = doc._.context or {}
    return NlpResult(
        key=context.get("key", ""),
        officials=[OfficialMention(**o) for o in doc._.officials or []],
        passages=[Passage(**p) for p in doc._.passages or []],
        events=[Event(**e) for e in doc._.events or []],
    )
