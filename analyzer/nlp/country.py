"""Countries: the one an author speaks for, and the ones officials serve.

Authors state their chapter in signatures ("President, ISOC Ghana Chapter", "Capítulo
Brasil da Internet Society", "Internet Society – Chapitre du Québec", "ISOC Islamabad
Chapter"), in their address ("…@isoc-tt.example", "…@isocnepal.example") or in their
own words ("Here in Brazil", "Chez nous au Bénin").  Officials' countries come from the
body they serve ("Permanent Mission of the Republic of Trinidad and Tobago", "the Kenyan
ambassador", "Représentation permanente de la France").  Everything here is plain
string work so that it can run on any text, with or without spaCy.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from analyzer.nlp.terms import CAPITALS, COUNTRIES, ISO_CODES, LOCAL_NAMES, REGIONS

# Country names that are also first names: only a country when no capitalised word follows.
_NAME_LIKE = {"Israel", "Chad", "Jordan", "Georgia", "Mali", "Victoria", "Kenia", "Angola"}
_WEBMAIL = {
    "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "gmx", "icloud",
    "me", "mac", "aol", "proton", "protonmail", "mail", "wp", "o2", "orange", "free", "laposte",
    "web", "t-online", "yandex", "qq", "163", "126", "zoho", "fastmail", "hey", "tutanota",
    "rediffmail", "libero", "virgilio", "bluewin", "seznam", "uol", "bol", "terra", "sapo",
}
_PLACEHOLDER_TLDS = {"example", "invalid", "test", "localhost", "local"}
_GOV_LABELS = {"gov", "gouv", "gob", "go", "govt", "gv", "gub", "mil", "mofa", "mfa", "mission"}
STAFF_DOMAINS = {"isoc.org", "internetsociety.org"}

# "ISOC Ghana", "Internet Society Nepal Chapter", "Capítulo Brasil", "Chapitre du Québec",
# "ISOC Kenya Chapter", "Internet Society German Chapter", "Pacific Islands Chapter".
_PLACE = r"[A-ZÀ-Þ][\w’'&.\-]*(?:[ \t]+(?:and|&|of|the|de|du|d’|d'|[A-ZÀ-Þ][\w’'&.\-]*))*"
_CHAPTER = re.compile(
    rf"(?:ISOC|Internet Society)[ \t]*[–—-]?[ \t]*(?:Chapitre|Chapter|Capítulo|Capitulo)?"
    rf"[ \t]*(?:du|de|de la|of|of the|da|do)?[ \t]*(?P<a>{_PLACE})"
    rf"|(?:Chapitre|Chapter|Capítulo|Capitulo)[ \t]+(?:du|de|de la|of|of the|da|do|d’|d')?"
    rf"[ \t]*(?P<b>{_PLACE})"
    rf"|(?P<c>{_PLACE})[ \t]+(?:Chapter|Chapitre)\b",
)
# First-person location statements in an author's own text.
_HERE = re.compile(
    r"(?:[Hh]ere in|[Ii]n our country,|[Gg]reetings from|[Cc]hez nous(?:,)? (?:au|en|à)"
    r"|[Aa]quí en|[Aa]qui (?:no|na|em)|[Ee]n nuestro país|[Nn]o nosso país|[Pp]rogress from"
    r"|[Nn]ews from|[Rr]eport from|[Cc]omment from|[Uu]pdate from)\s+(?:the\s+)?(?P<p>"
    + _PLACE + ")"
)


def fold(text: str) -> str:
    """Lower case without accents, for comparing spellings."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=8)
def _matcher(kinds: tuple[str, ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for all spellings of the requested kinds, longest first."""
    table: dict[str, str] = {}
    if "country" in kinds:
        table.update({c: c for c in COUNTRIES})
        table.update(LOCAL_NAMES)
    if "demonym" in kinds:
        table.update({d: c for c, d in COUNTRIES.items() if d not in table})
    if "place" in kinds:
        table.update({k: v for k, v in {**REGIONS, **CAPITALS}.items() if k not in table})
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w])")
    return pattern, table


def find_countries(text: str, kinds: tuple[str, ...] = ("country",)) -> list[tuple[int, str]]:
    """(offset, country) of every country spelled in ``text`` (names, demonyms, places)."""
    pattern, table = _matcher(kinds)
    out = []
    for match in pattern.finditer(text or ""):
        word = match.group(1)
        if word in _NAME_LIKE and re.match(r"\s+[A-ZÀ-Þ](?!hapter|hapitre|apítulo)",
                                           text[match.end():]):
            continue  # "Israel Rosas", "Chad Smith": a first name
        if table[word]:
            out.append((match.start(), table[word]))
    return out


def find_country(text: str, kinds: tuple[str, ...] = ("country",)) -> str:
    """The first country named in ``text`` (English or local spelling), else ''."""
    found = find_countries(text, kinds)
    return found[0][1] if found else ""


def place_country(phrase: str) -> str:
    """Country of a chapter or place phrase: a country, demonym, region or capital."""
    return (find_country(phrase) or find_country(phrase, ("demonym",))
            or find_country(phrase, ("place",)))


def chapter_country(text: str) -> str:
    """The country of the first chapter named in ``text`` ("ISOC Sénégal" → Senegal)."""
    for match in _CHAPTER.finditer(text or ""):
        place = match.group("a") or match.group("b") or match.group("c") or ""
        country = place_country(place)
        if country:
            return country
    return ""


def address_country(address: str) -> str:
    """Country shown by a chapter or government mail domain ("isoc-tt", "gouv.sn")."""
    address = (address or "").replace(" at ", "@")
    domain = address.rpartition("@")[2].lower().strip(" >")
    labels = [x for x in domain.split(".") if x and x not in _PLACEHOLDER_TLDS]
    if not labels or labels[0] in _WEBMAIL or ".".join(labels[-2:]) in STAFF_DOMAINS:
        return ""
    for label in labels:
        parts = label.split("-")
        if parts[0].startswith("isoc"):
            rest = "".join(parts[1:]) if len(parts) > 1 else parts[0][4:]
            country = ISO_CODES.get(rest) or _country_word(rest)
            if country:
                return country
        if any(p in _GOV_LABELS for p in parts) and len(parts) > 1:
            codes = [ISO_CODES[p] for p in parts if len(p) == 2 and p in ISO_CODES]
            if codes:
                return codes[0]
    for previous, label in itertools.pairwise(labels):
        if previous in _GOV_LABELS and label in ISO_CODES:
            return ISO_CODES[label]
    return ""


def _country_word(word: str) -> str:
    """A country, region or capital written as one lower-case word ("nepal", "quebec")."""
    word = fold(word).replace(" ", "")
    if len(word) < 4:
        return ""
    for table in ({c: c for c in COUNTRIES}, LOCAL_NAMES, REGIONS, CAPITALS):
        for name, country in table.items():
            if fold(name).replace(" ", "") == word and country:
                return country
    return ""


def is_staff(signature: str, address: str = "") -> bool:
    """Internet Society staff: a staff address, or a signature naming the Society, not a chapter."""
    domain = (address or "").replace(" at ", "@").rpartition("@")[2].lower()
    if any(domain == d or domain.endswith("." + d) for d in STAFF_DOMAINS):
        return True
    lines = [line.strip() for line in (signature or "").splitlines()]
    return any(re.fullmatch(r"(?:.*[|,–-]\s*)?Internet Society(?:\s*[|,].*)?", line)
               and not re.search(r"Chapter|Chapitre|Capítulo|ISOC \w", line) for line in lines)


def author_country(signature: str, new_text: str, address: str = "") -> str:
    """Chapter/country an author speaks for; '' for Internet Society staff or when unknown.

    The signature's chapter line wins, then a country or capital in the signature,
    then the mail domain, then a chapter or a "here in X" statement in the text.
    """
    if is_staff(signature, address):
        return ""
    return (chapter_country(signature) or place_country(signature or "")
            or address_country(address) or chapter_country(new_text) or here_country(new_text))


def here_country(text: str) -> str:
    """A country the author locates themselves in ("Here in Brazil", "Greetings from Bali")."""
    for match in _HERE.finditer(text or ""):
        country = place_country(match.group("p"))
        if country:
            return country
    return ""


# -- officials ------------------------------------------------------------------------------

def official_country(window: str, name_at: int = 0) -> str:
    """The country a phrase around an official names, nearest to the name first.

    Countries and demonyms count ("of Jamaica", "Kenya's", "the Swedish line"); a
    capital only when nothing else is said ("at the Ministry in Stockholm").
    """
    found = find_countries(window, ("country", "demonym"))
    if not found:
        found = find_countries(window, ("place",))
    if not found:
        return ""
    return min(found, key=lambda item: abs(item[0] - name_at))[1]
