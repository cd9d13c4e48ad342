"""Our spaCy components, registered as factories with default configs.

* ``analyzer_paragraphs`` (before the parser): a blank line always ends a
  sentence and a single hard-wrap newline never starts one, so sentences match
  what a reader sees in mail written by clients that wrap at 72 columns.
* ``analyzer_domain_terms`` (before ``ner``): an entity ruler with the
  processes, bodies, events and countries of ``terms.py``.
* ``analyzer_officials``, ``analyzer_passages``, ``analyzer_events`` (last):
  read ``doc._.context`` (an :class:`~analyzer.models.NlpContext`) and write
  their records to ``doc._.officials``, ``doc._.passages``, ``doc._.events``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc

from analyzer.models import NlpContext
from analyzer.nlp import events, officials, passages
from analyzer.nlp.terms import entity_patterns

for _name, _default in (("context", None), ("officials", None), ("passages", None),
                        ("events", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


# Abbreviations after which a capitalised word is a name, not a new sentence.
_NO_BREAK_AFTER = {"Hon.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "H.E.", "Amb.", "Sen.", "Rep.",
                   "St.", "M.", "Mme.", "Sr.", "Sra.", "Dra.", "Hr.", "Fr.", "Gen.", "Lt.",
                   "Col.", "Rt.", "No.", "Nos.", "Art.", "para.", "e.g.", "i.e.", "cf.", "vs."}


def context_of(doc: Doc) -> NlpContext | None:
    """The doc's context; it travels between processes as a plain dict."""
    raw = doc._.context
    if raw is None:
        return None
    values = dict(raw)
    if values.get("date"):
        values["date"] = datetime.fromisoformat(values["date"])
    return NlpContext(**values)


def context_dict(context: NlpContext) -> dict:
    """The serialisable form stored on ``doc._.context``."""
    values = asdict(context)
    values["date"] = context.date.isoformat() if context.date else None
    return values


@Language.component("analyzer_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Blank lines end sentences; single newlines (hard wraps) do not start them."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if _abbreviation_before(doc, token.i):
            token.is_sent_start = False
        elif _blank_line_before(previous):
            token.is_sent_start = True
        elif previous.is_space and "\n" in previous.text and not _list_item(token):
            if not _ends_sentence(doc, token.i - 2):
                token.is_sent_start = False  # a hard wrap inside a sentence
        elif "\n" in previous.whitespace_ and not _ends_sentence(doc, token.i - 1):
            token.is_sent_start = False
    return doc


def _blank_line_before(previous) -> bool:
    return (previous.is_space and previous.text.count("\n") >= 2) or (
        "\n\n" in previous.whitespace_)


def _abbreviation_before(doc: Doc, index: int) -> bool:
    """``Hon.`` may be one token or ``Hon`` + ``.``; either way no break after it."""
    previous = doc[index - 1]
    if previous.text in _NO_BREAK_AFTER:
        return True
    return previous.text == "." and index >= 2 and f"{doc[index - 2].text}." in _NO_BREAK_AFTER


def _ends_sentence(doc: Doc, index: int) -> bool:
    """Whether the token at ``index`` closes a sentence (., !, ?, …, or a closing quote)."""
    if index < 0:
        return True
    text = doc[index].text
    if text in {'"', "”", "’", "'", ")"} and index > 0:
        text = doc[index - 1].text
    return text.endswith((".", "!", "?", "…", ":"))


def _list_item(token) -> bool:
    """Bulleted or numbered lines start a new sentence even after one newline."""
    return token.text in {"-", "*", "•", "–"} or (token.like_num and token.nbor(1).text in ".)")


@Language.factory("analyzer_domain_terms", default_config={"overwrite_ents": True})
def make_domain_terms(nlp: Language, name: str, overwrite_ents: bool):
    """An entity ruler preloaded with the domain vocabulary."""
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents,
                        phrase_matcher_attr="ORTH")
    ruler.add_patterns(entity_patterns())
    return ruler


class _Extractor:
    """Run one extraction function on every doc, with the doc's context."""

    def __init__(self, attribute: str, function):
        self.attribute = attribute
        self.function = function

    def __call__(self, doc: Doc) -> Doc:
        records = self.function(doc, context_of(doc))
        setattr(doc._, self.attribute, [asdict(record) for record in records])
        return doc


@Language.factory("analyzer_officials", default_config={})
def make_officials(nlp: Language, name: str):
    """Officials named in the text, with title, role, country and organisation."""
    return _Extractor("officials", officials.find_officials)


@Language.factory("analyzer_passages", default_config={})
def make_passages(nlp: Language, name: str):
    """Sentences that are engagement stories, challenges or calls to action."""
    return _Extractor("passages", passages.classify_passages)


@Language.factory("analyzer_events", default_config={})
def make_events(nlp: Language, name: str):
    """Dated meetings, consultations and deadlines, relative dates resolved."""
    return _Extractor("events", events.find_events)


def add_components(nlp: Language) -> Language:
    """Add our components to a loaded pipeline (idempotent)."""
    if "analyzer_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("analyzer_paragraphs", before=before)
    if "analyzer_domain_terms" not in nlp.pipe_names:
        before = "ner" if "ner" in nlp.pipe_names else None
        nlp.add_pipe("analyzer_domain_terms", before=before)
    for name in ("analyzer_officials", "analyzer_events", "analyzer_passages"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
