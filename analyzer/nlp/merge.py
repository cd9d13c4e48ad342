"""Merge official mentions into one official per person and list, across messages.

"Ambassador Kiprotich", "Amani Kiprotich" and "H.E. Kiprotich" are one person; so are
"Mr. Faye" and "Ousmane Faye" of Senegal, and "Senadora Ortega" and "Lucía Ortega
Ruiz".  The rules:

* two full names are the same person when their first names agree and the shorter
  name's other words appear, in order, in the longer one ("Peter Otieno" = "Peter
  Kibet Otieno"); different first names never merge, and a first name alone never
  joins anybody (except after an honorific used with given names: "Pak Budi");
* a surname alone joins the one known person of the list who carries that word after
  their first name, with a compatible country (both say one → the same one); when only
  one person carries it, a differing country (often the author's, guessed) does not
  split them;
* a *name-only* mention (no title, organisation or role: "Mr. Faye" said without
  anything official around it) joins a known official and never makes one.

Mentions are indexed by name word, so merging is linear in their number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_HONORIFICS = re.compile(
    r"^(?:(?:H\.?\s?E\.?|His|Her|Excellency|Hon\.?|Honourable|Honorable|Mr\.?|Mrs\.?|Ms\.?"
    r"|Dr\.?|Dra\.?|Prof\.?|M\.|Mme\.?|Sr\.?|Sra\.?|Amb\.?|Sen\.?|Rep\.?|Eng\.?|Pak|Bapak|Bu"
    r"|Ibu)\s+)+"
)
# Honorifics used with a given name rather than a surname.
GIVEN_NAME_HONORIFICS = {"pak", "bapak", "bu", "ibu", "sir", "dame", "don", "dona", "doña"}
# Words that abbreviate a first name and may be dropped ("Md. Habibur Rahman Sikder").
_NAME_ABBREVIATIONS = {"md.", "md", "mohd.", "mohd", "muhd."}
_WEAK_TITLE = re.compile(
    r"(?i)^(?:h\.?\s?e\.?|his excellency|her excellency|hon\.?|honourable|honorable|mr\.?"
    r"|mrs\.?|ms\.?|miss|dr\.?|dra\.?|m\.|mme\.?|madame|monsieur|sr\.?|sra\.?|eng\.?|ing\.?"
    r"|pak|bu|ibu)$"
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def name_tokens(name: str) -> list[str]:
    """The words of a name without honorifics."""
    return [t for t in _HONORIFICS.sub("", name.strip()).replace(",", " ").split() if t]


@lru_cache(maxsize=65536)
def _key_tokens(name: str) -> tuple[str, ...]:
    """Folded name words for comparison, first-name abbreviations dropped."""
    return tuple(fold(t) for t in name_tokens(name) if fold(t) not in _NAME_ABBREVIATIONS)


def _parts(token: str) -> set[str]:
    """A word and the halves of a hyphenated surname ("baptiste-joseph")."""
    return {token, *token.split("-")}


def same_person(a: str, b: str) -> bool:
    """Whether two written names can be one person (see the module rules)."""
    short, long = sorted((_key_tokens(a), _key_tokens(b)), key=len)
    if not short:
        return False
    if len(short) == 1:
        return short == long or any(short[0] == t or short[0] in _parts(t) for t in long[1:])
    if not _first_names_agree(short[0], long[0]):
        return False
    rest = iter(long[1:])
    return all(any(word == t for t in rest) for word in short[1:])


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    initial = a if len(a.rstrip(".")) == 1 else b if len(b.rstrip(".")) == 1 else ""
    other = b if initial == a else a
    return bool(initial) and other.startswith(initial.rstrip("."))


def is_name_only(mention) -> bool:
    """A mention that carries nothing but a name: evidence of a name, not of an office."""
    get = mention.get if isinstance(mention, dict) else lambda key: getattr(mention, key, "")
    return not (get("title") or get("organization") or get("role"))


def merge_officials(mentions: Iterable[dict]) -> list[dict]:
    """Merged officials with aliases, mention counts, first/last seen and message ids.

    Each mention dict needs ``list, message_id, date, name, title, role, country,
    organization, aliases``.  Full names are placed first, then surnames, then
    name-only mentions, so that a bare surname joins the person it abbreviates.
    """
    book = _Book()
    mentions = [m for m in mentions if _key_tokens(m.get("name") or "")]
    full = [m for m in mentions if not is_name_only(m) and len(_key_tokens(m["name"])) > 1]
    short = [m for m in mentions if not is_name_only(m) and len(_key_tokens(m["name"])) == 1]
    names_only = [m for m in mentions if is_name_only(m)]
    for mention in sorted(full, key=lambda m: -len(_key_tokens(m["name"]))) + short:
        person = book.find(mention)
        if person is None:
            person = book.add(mention)
        person.absorb(mention)
    for mention in names_only:
        person = book.find(mention) or book.find_by_given_name(mention)
        if person is not None:
            person.absorb(mention)
    return book.finish()


class _Person:
    """One official being assembled from mentions."""

    __slots__ = (
        "aliases",
        "countries",
        "dates",
        "list",
        "main_country",
        "mentions",
        "message_ids",
        "name",
        "organizations",
        "roles",
        "titles",
    )

    def __init__(self, mention: dict):
        self.list = mention["list"]
        self.name = " ".join(name_tokens(mention["name"]))
        self.mentions = 0
        self.countries: Counter[str] = Counter()
        self.main_country = ""
        self.titles: list[str] = []
        self.roles: list[str] = []
        self.organizations: Counter[str] = Counter()
        self.aliases: set[str] = set()
        self.message_ids: dict[str, str] = {}
        self.dates: list[str] = []

    def country(self) -> str:
        return self.main_country

    def absorb(self, mention: dict) -> None:
        name = " ".join(name_tokens(mention["name"]))
        if len(_key_tokens(name)) > len(_key_tokens(self.name)) or (
                len(_key_tokens(name)) == len(_key_tokens(self.name)) and len(name) > len(
                    self.name)):
            self.aliases.add(self.name)
            self.name = name
        self.aliases.update(a for a in [mention["name"], *(mention.get("aliases") or [])] if a)
        if mention.get("country") and not is_name_only(mention):
            self.countries[mention["country"]] += 1
            self.main_country = self.countries.most_common(1)[0][0]
        for values, key in ((self.titles, "title"), (self.roles, "role")):
            if mention.get(key) and mention[key] not in values:
                values.append(mention[key])
        if mention.get("organization"):
            self.organizations[mention["organization"]] += 1
        self.mentions += 1
        date = mention.get("date") or ""
        self.message_ids.setdefault(mention["message_id"], date)
        if date:
            self.dates.append(date)

    def record(self) -> dict:
        dates = sorted(self.dates)
        ordered = sorted(self.message_ids, key=lambda mid: (self.message_ids[mid] or "", mid))
        return {
            "name": self.name, "title": _best_title(self.titles),
            "role": max(self.roles, key=len) if self.roles else "", "country": self.country(),
            "organization": (self.organizations.most_common(1)[0][0]
                             if self.organizations else ""),
            "aliases": sorted(self.aliases - {self.name}), "mentions": self.mentions,
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "message_ids": ordered,
        }


def _best_title(titles: list[str]) -> str:
    """An office ("Deputy Minister") over an honorific ("Hon.") over a courtesy title."""
    offices = [t for t in titles if not _WEAK_TITLE.match(t.strip())]
    return (offices or titles or [""])[0]


class _Book:
    """The people found so far, indexed by list and name word."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self.by_word: dict[tuple[str, str], list[_Person]] = {}
        self.by_first: dict[tuple[str, str], list[_Person]] = {}

    def add(self, mention: dict) -> _Person:
        person = _Person(mention)
        self.people.append(person)
        tokens = _key_tokens(person.name)
        for token in tokens[1:] or tokens:
            for part in _parts(token):
                self.by_word.setdefault((person.list, part), []).append(person)
        if len(tokens) > 1:
            self.by_first.setdefault((person.list, tokens[0]), []).append(person)
        return person

    def find(self, mention: dict) -> _Person | None:
        """The one known person this mention can be, else None.

        Countries must agree, except for a bare surname or an identical full name that
        only one person of the list carries: an author's country guessed for "Ambassador
        X" must not split X in two.
        """
        tokens = _key_tokens(mention["name"])
        pool = [p for p in self.by_word.get((mention["list"], tokens[-1]), [])
                if same_person(p.name, mention["name"])]
        country = mention.get("country") or ""
        found = _single([p for p in pool if _compatible(p.main_country, country)], mention)
        if found is None and len(pool) == 1 and (
                len(tokens) == 1 or _key_tokens(pool[0].name) == tokens):
            found = pool[0]
        return found

    def find_by_given_name(self, mention: dict) -> _Person | None:
        """"Pak Rahmat": an honorific used with the given name finds that first name."""
        tokens = _key_tokens(mention["name"])
        forms = [fold(a).split() for a in mention.get("aliases") or []]
        if len(tokens) != 1 or not any(f and f[0] in GIVEN_NAME_HONORIFICS for f in forms):
            return None
        candidates = [p for p in self.by_first.get((mention["list"], tokens[0]), [])
                      if _compatible(p.country(), mention.get("country") or "")]
        return _single(candidates, mention)

    def finish(self) -> list[dict]:
        out, taken = [], Counter()
        for person in self.people:
            record = person.record()
            slug = re.sub(r"[^a-z0-9]+", "-", fold(record["name"])).strip("-")
            country = re.sub(r"[^a-z0-9]+", "-", fold(record["country"])).strip("-")
            base = f"{person.list}:{slug}" + (f"-{country}" if country else "")
            taken[base] += 1
            record["official_id"] = base if taken[base] == 1 else f"{base}-{taken[base]}"
            out.append(record)
        return out


def _compatible(a: str, b: str) -> bool:
    return not a or not b or fold(a) == fold(b)


def _single(candidates: list[_Person], mention: dict) -> _Person | None:
    """The candidate if there is exactly one (an exact country match breaks a tie)."""
    if len(candidates) > 1 and mention.get("country"):
        exact = [p for p in candidates if fold(p.country()) == fold(mention["country"])]
        candidates = exact or candidates
    unique = list(dict.fromkeys(candidates))
    return unique[0] if len(unique) == 1 else None
