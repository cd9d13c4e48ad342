"""Classify sentences as engagement stories, challenges or calls to action (first version)."""

from __future__ import annotations

import re

from analyzer.models import NlpContext, Passage

_STORY = re.compile(r"\b(we|I)\s+(met|briefed|wrote|presented|submitted|testified|called)\b",
                    re.IGNORECASE)
_CHALLENGE = re.compile(r"\b(difficult|problem|no reply|not received|no budget|visa|challenge)",
                        re.IGNORECASE)
_CALL = re.compile(r"\b(please|could you|can you|let me know)\b", re.IGNORECASE)


def classify_passages(doc, context: NlpContext | None) -> list[Passage]:
    """Every sentence that matches a category's cues, once per category."""
    out = []
    for sent in doc.sents:
        text = sent.text.strip()
        for kind, cue in (("story", _STORY), ("challenge", _CHALLENGE),
                          ("call_to_action", _CALL)):
            if cue.search(text):
                out.append(Passage(kind=kind, text=text))
    return out
