"""Header blocks of forwarded and quoted messages, and the dates written in them.

Forward headers are written by the forwarding client in its own language and
date style ("Saturday, November 1, 2025 at 8:11 AM", "jeu. 9 oct. 2025 à 08:30"),
never in RFC 2822, so they get their own small date reader.
"""

from __future__ import annotations

import re
from datetime import date

from analyzer.anatomy import patterns as pat
from analyzer.ingest.headers import parse_address, parse_date

_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{1,60}\]\s*)*(?:fwd?|fw|tr|wg|rv|enc|doorst)\s*:", re.IGNORECASE
)
_FIELD_OF = {key: field for field, keys in pat.HEADER_KEYS.items() for key in keys}


def subject_says_forward(subject: str) -> bool:
    """Whether the carrier's subject marks it as a forward (``Fwd:``, ``FW:``, ``TR:``…)."""
    return bool(_FORWARD_SUBJECT.match(subject or ""))


def parse_header_block(lines: list[str], index: int, end: int) -> tuple[dict[str, str], int]:
    """Read ``Key: value`` lines from ``index``; return fields and where the body starts.

    Leading blank lines are skipped (Apple Mail leaves one after its marker);
    a line that is not a header continues the previous value (clients wrap long
    subjects); the block ends at the first blank line.
    """
    while index < end and not lines[index].strip():
        index += 1
    fields: dict[str, str] = {}
    last = None
    while index < end and lines[index].strip():
        match = pat.HEADER_LINE.match(lines[index])
        if match and _FIELD_OF.get(match.group(1).lower()) not in (None, *fields):
            last = _FIELD_OF[match.group(1).lower()]
            fields[last] = match.group(2).strip()
        elif last is not None and _continues(lines, index, end):
            fields[last] = f"{fields[last]} {lines[index].strip()}"
        else:
            break  # no blank line between headers and body
        index += 1
    while index < end and not lines[index].strip():
        index += 1
    return _interpret(fields), index


def _continues(lines: list[str], index: int, end: int) -> bool:
    """A wrapped header value: indented, or followed by another header or a blank."""
    if lines[index][:1] in (" ", "\t"):
        return True
    following = lines[index + 1] if index + 1 < end else ""
    return not following.strip() or bool(pat.HEADER_LINE.match(following))


def _interpret(fields: dict[str, str]) -> dict[str, str]:
    """Add the sender's name/address and an ISO date to the raw fields."""
    out = dict(fields)
    if "from" in fields:
        out["from_name"], out["from_addr"] = _sender(fields["from"])
    if "date" in fields:
        iso = read_date(fields["date"])
        if iso:
            out["date_iso"] = iso
    return out


def _sender(value: str) -> tuple[str, str]:
    """Name and address; Outlook's ``x@y [mailto:x@y] On Behalf Of Name`` is untangled."""
    value = re.sub(r"\s*\[mailto:[^\]]*\]", "", value)
    behalf = re.split(r"\s+on behalf of\s+", value, flags=re.IGNORECASE)
    if len(behalf) == 2:
        _, addr = parse_address(behalf[0])
        name = behalf[1].strip()
        inner_name, inner_addr = parse_address(name)
        return (inner_name or name), (inner_addr or addr)
    return parse_address(value)


_MONTHS = {
    # English, French, Spanish, German, Portuguese, Dutch, Italian (full and short).
    "jan": 1, "janv": 1, "janvier": 1, "enero": 1, "ene": 1, "januar": 1, "jän": 1,
    "janeiro": 1, "januari": 1, "gennaio": 1, "gen": 1,
    "feb": 2, "févr": 2, "fevr": 2, "février": 2, "febrero": 2, "februar": 2, "fev": 2,
    "fevereiro": 2, "februari": 2, "febbraio": 2,
    "mar": 3, "mars": 3, "marzo": 3, "märz": 3, "mär": 3, "março": 3, "maart": 3, "mrt": 3,
    "apr": 4, "avr": 4, "avril": 4, "abril": 4, "abr": 4, "april": 4, "aprile": 4,
    "may": 5, "mai": 5, "mayo": 5, "maio": 5, "mei": 5, "maggio": 5, "mag": 5,
    "jun": 6, "juin": 6, "junio": 6, "juni": 6, "junho": 6, "giugno": 6, "giu": 6,
    "jul": 7, "juil": 7, "juillet": 7, "julio": 7, "juli": 7, "julho": 7, "luglio": 7,
    "lug": 7,
    "aug": 8, "août": 8, "aout": 8, "agosto": 8, "ago": 8, "augustus": 8,
    "sep": 9, "sept": 9, "septembre": 9, "septiembre": 9, "set": 9, "setembro": 9,
    "september": 9, "settembre": 9,
    "oct": 10, "octobre": 10, "octubre": 10, "okt": 10, "oktober": 10, "out": 10,
    "outubro": 10, "ottobre": 10, "ott": 10,
    "nov": 11, "novembre": 11, "noviembre": 11, "november": 11, "novembro": 11,
    "dec": 12, "déc": 12, "décembre": 12, "diciembre": 12, "dic": 12, "dez": 12,
    "dezember": 12, "dezembro": 12, "december": 12, "dicembre": 12,
    "january": 1, "february": 2, "march": 3, "june": 6, "july": 7, "august": 8,
    "october": 10,
}
_WORD = re.compile(r"[^\W\d_]+\.?")


def read_date(text: str) -> str | None:
    """ISO date (YYYY-MM-DD) of a forward header's date, in any common style."""
    parsed = parse_date(text)
    if parsed.utc is not None and parsed.offset is not None:
        return _local_day(text, parsed) or parsed.utc.date().isoformat()
    year = re.search(r"\b(19|20)\d{2}\b", text)
    if not year:
        return None
    month, day = _month_and_day(text)
    if month is None or day is None:
        return None
    try:
        return date(int(year.group(0)), month, day).isoformat()
    except ValueError:
        return None


def _local_day(text: str, parsed) -> str | None:
    """The calendar day as written (the sender's local day, not the UTC one)."""
    month, day = _month_and_day(text)
    year = re.search(r"\b(19|20)\d{2}\b", text)
    if month and day and year:
        try:
            return date(int(year.group(0)), month, day).isoformat()
        except ValueError:
            return None
    return None


def _month_and_day(text: str) -> tuple[int | None, int | None]:
    numeric = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2,4})\b", text)
    if numeric:  # day first: the common order outside the US in forward headers
        return int(numeric.group(2)), int(numeric.group(1))
    month = None
    for word in _WORD.findall(text.lower()):
        month = _MONTHS.get(word.rstrip("."))
        if month:
            break
    days = [int(d) for d in re.findall(r"\b(\d{1,2})\b(?!:)", re.sub(r"\d{1,2}:\d{2}", "", text))]
    day = next((d for d in days if 1 <= d <= 31), None)
    return month, day
