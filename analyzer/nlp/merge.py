"""Merge official mentions into one official per person, across the corpus.

"Ambassador Lokaale", "Ekitela Lokaale" and "H.E. Lokaale" are one person: the
surname (last name token) plus a compatible country and first name identify
them.  A mention with only a surname joins the single known person with that
surname (and country, when both say one); two different first names never merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_HONORIFICS = re.compile(
    r"^(?:(?:H\.?\s?E\.?|His|Her|Excellency|Hon\.?|Honourable|Honorable|Mr\.?|Mrs\.?|Ms\.?"
    r"|Dr\.?|Prof\.?|M\.|Mme\.?|Sr\.?|Sra\.?|Amb\.?|Sen\.?|Rep\.?)\s+)+"
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def name_tokens(name: str) -> list[str]:
    """The words of a name without honorifics."""
    return [t for t in _HONORIFICS.sub("", name.strip()).replace(",", " ").split() if t]


def merge_officials(mentions: Iterable[dict]) -> list[dict]:
    """Merged officials with aliases, mention counts, first/last seen and message ids.

    Each mention dict needs ``list, message_id, date, name, title, role, country,
    organization, aliases``.  Fuller names are seen first when possible so that a
    bare surname later joins them.
    """
    people: list[dict] = []
    ordered = sorted(mentions, key=lambda m: -len(name_tokens(m["name"])))
    for mention in ordered:
        person = _find(people, mention)
        if person is None:
            person = _new_person(mention)
            people.append(person)
        _absorb(person, mention)
    return [_finish(p) for p in people]


def _find(people: list[dict], mention: dict) -> dict | None:
    tokens = [fold(t) for t in name_tokens(mention["name"])]
    if not tokens:
        return None
    country = fold(mention.get("country") or "")
    candidates = []
    for person in people:
        if person["list"] != mention["list"] or person["surname"] != tokens[-1]:
            continue
        if country and person["country"] and fold(person["country"]) != country:
            continue
        if len(tokens) > 1 and person["first"] and tokens[0] != person["first"]:
            continue
        candidates.append(person)
    return candidates[0] if len(candidates) == 1 else None


def _new_person(mention: dict) -> dict:
    tokens = [fold(t) for t in name_tokens(mention["name"])]
    return {
        "list": mention["list"], "surname": tokens[-1], "first": tokens[0] if len(tokens) > 1
        else "", "name": " ".join(name_tokens(mention["name"])), "title": "", "role": "",
        "country": "", "organization": "", "aliases": set(), "message_ids": [], "dates": [],
        "mentions": 0,
    }


def _absorb(person: dict, mention: dict) -> None:
    """Add a mention; the longest name is the official's name, other forms aliases."""
    name = " ".join(name_tokens(mention["name"]))
    if len(name) > len(person["name"]):
        person["aliases"].add(person["name"])
        person["name"] = name
        person["first"] = fold(name_tokens(name)[0]) if len(name_tokens(name)) > 1 else ""
    for alias in [mention["name"], *mention.get("aliases", [])]:
        if alias and alias != person["name"]:
            person["aliases"].add(alias)
    for key in ("title", "role", "country", "organization"):
        if not person[key] and mention.get(key):
            person[key] = mention[key]
    person["mentions"] += 1
    if mention["message_id"] not in person["message_ids"]:
        person["message_ids"].append(mention["message_id"])
    if mention.get("date"):
        person["dates"].append(mention["date"])


def _finish(person: dict) -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(person["name"])).strip("-")
    country = re.sub(r"[^a-z0-9]+", "-", fold(person["country"])).strip("-")
    dates = sorted(person["dates"])
    return {
        "official_id": f"{person['list']}:{slug}" + (f"-{country}" if country else ""),
        "name": person["name"], "title": person["title"], "role": person["role"],
        "country": person["country"], "organization": person["organization"],
        "aliases": sorted(person["aliases"] - {person["name"]}), "mentions": person["mentions"],
        "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        "message_ids": person["message_ids"],
    }
