"""Officials named in a text (first version: a title followed by a person's name)."""

from __future__ import annotations

import re

from analyzer.models import NlpContext, OfficialMention

_TITLES = re.compile(
    r"\b(Ambassador|Minister|Deputy Minister|Senator|Permanent Representative|Director-General"
    r"|Director General|Undersecretary|Secretary|H\.E\.|Hon\.)\s*$"
)


def find_officials(doc, context: NlpContext | None) -> list[OfficialMention]:
    """PERSON entities directly preceded by a public-office title."""
    out: dict[str, OfficialMention] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        before = doc[max(0, ent.start - 4):ent.start].text
        title = _TITLES.search(before)
        if title:
            found = out.setdefault(ent.text, OfficialMention(name=ent.text, title=title.group(1)))
            found.sentence = found.sentence or ent.sent.text
    return list(out.values())
