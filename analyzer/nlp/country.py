"""The country or chapter an author speaks for, from their signature and text."""

from __future__ import annotations

import re

from analyzer.nlp.terms import COUNTRIES

# Chapter names and local spellings seen in signatures ("ISOC Sénégal", "Capítulo
# Brasil", "Chapitre du Québec"): local name → English country name.
LOCAL_NAMES = {
    "Sénégal": "Senegal", "Bénin": "Benin", "Brasil": "Brazil", "México": "Mexico",
    "Perú": "Peru", "Tunisie": "Tunisia", "Maroc": "Morocco", "Québec": "Canada",
    "Côte d’Ivoire": "Côte d'Ivoire", "Deutschland": "Germany", "España": "Spain",
    "Polska": "Poland", "Cameroun": "Cameroon", "Liban": "Lebanon", "Moçambique": "Mozambique",
    "Islamabad": "Pakistan", "Trinidad & Tobago": "Trinidad and Tobago", "UK": "United Kingdom",
    "USA": "United States", "Argentine": "Argentina",
}
_NAMES = {**{c: c for c in COUNTRIES}, **LOCAL_NAMES}
_CHAPTER = re.compile(
    r"(?:ISOC|Internet Society|Chapter|Chapitre|Capítulo|Chapitre du|Chapitre de)\s+(?:du\s+|de\s+"
    r"|of\s+|the\s+)?([A-ZÀ-Ý][\w’'&.\- ]{1,40})"
)


def find_country(text: str) -> str:
    """The first country named in ``text`` (English or local spelling), else ''."""
    best = None
    for local, country in _NAMES.items():
        match = re.search(rf"(?<!\w){re.escape(local)}(?!\w)", text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), country)
    return best[1] if best else ""


def author_country(signature: str, new_text: str, address: str = "") -> str:
    """Chapter/country from the signature first, then a chapter named in the text."""
    for source in (signature, new_text[-400:]):
        for match in _CHAPTER.finditer(source or ""):
            country = find_country(match.group(0))
            if country:
                return country
        if source is signature:
            country = find_country(signature or "")
            if country:
                return country
    return ""
