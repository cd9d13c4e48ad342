"""Dated events and deadlines: every sentence that ties something to a calendar day.

Chapter leaders write dates in many ways and several languages: "16 and 17 December",
"December 16-17, 2025", "le mercredi 15 octobre 2025", "el 4 de noviembre", "26 e 27 de
novembro", "14.10.2025", but also relative to the day they write: "last Thursday", "by
Tuesday", "avant mardi", "ayer", "na próxima sexta".  This module has its own small date
grammar for those forms (spaCy's DATE entities miss most non-English ones and do not
resolve anything) and uses the parse only where grammar is needed: the tense that decides
whether a bare "on Monday" is the last or the next one, and the noun phrase that says
*what* happens on the date.

Relative dates resolve against the message's ``Date:`` in the sender's own offset; a
missing year is the one that puts the day nearest to that date.  Vague times ("early
November", "last week", "in October"), bare years and times of day are not events, nor is a
date used as a name for an event introduced elsewhere ("the 14 November consultation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from analyzer.models import Event, NlpContext


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, so that it reads (and extends) like prose."""
    return frozenset(text.split())


# -- vocabulary -----------------------------------------------------------------------------

_MONTH_NAMES = {
    1: "january janvier enero janeiro januar jan janv ene",
    2: "february février fevrier febrero fevereiro februar feb févr fevr",
    3: "march mars marzo março marco märz mar",
    4: "april avril abril apr avr abr",
    5: "may mai mayo maio",
    6: "june juin junio junho juni jun",
    7: "july juillet julio julho juli jul juil",
    8: "august août aout agosto aug",
    9: "september septembre septiembre setiembre setembro sep sept",
    10: "october octobre octubre outubro oktober oct okt",
    11: "november novembre noviembre novembro nov",
    12: "december décembre decembre diciembre dezembro dezember dec déc dic dez",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
# Month words that are also ordinary words; accepted only when capitalised.
_AMBIGUOUS_MONTHS = {"may", "mar"}

_WEEKDAY_NAMES = {
    0: "monday lundi lunes segunda-feira segunda montag",
    1: "tuesday mardi martes terça-feira terca-feira terça terca dienstag",
    2: "wednesday mercredi miércoles miercoles quarta-feira quarta mittwoch",
    3: "thursday jeudi jueves quinta-feira quinta donnerstag",
    4: "friday vendredi viernes sexta-feira sexta freitag",
    5: "saturday samedi sábado sabado samstag",
    6: "sunday dimanche domingo sonntag",
}
_WEEKDAYS = {name: number for number, names in _WEEKDAY_NAMES.items() for name in names.split()}
_WEEKDAY = r"(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b"
# Portuguese short weekdays ("sexta", "segunda") are also ordinals; they need a cue word.
_SHORT_PT_WEEKDAYS = {"segunda", "terça", "terca", "quarta", "quinta", "sexta"}

# -- absolute date grammar ------------------------------------------------------------------

_ORD = r"(?:st|nd|rd|th|er|re|º|°|ª)?"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_OF = r"(?:of\s+|de\s+|del\s+)?"
_CONN = r"(?:\s*[-–—/]\s*|\s+(?:to|through|thru|till|until|and|&|au|et|a|al|y|e|ao|bis|und)\s+)"
_DAY_FIRST = re.compile(
    rf"(?<![\w.,:/+-])(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:\s+{_OF}(?P<m1>{_MONTH})(?:,?\s+{_OF}(?P<y1>{_YEAR}))?)?"
    rf"(?:{_CONN}(?P<d2>\d{{1,2}}){_ORD})?"
    rf"\s+{_OF}(?P<m2>{_MONTH})(?:,?\s+{_OF}(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"(?:{_CONN}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))?"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\w./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})(?![\w/-]|\.\d)")
_ISO = re.compile(r"(?<![\w./-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\w/-]|\.\d)")
_URL = re.compile(r"(?:https?://|www\.)\S+|<[^<>\s]+>|\S+@\S+")
_BETWEEN = re.compile(r"\b(?:between|entre|zwischen)\s+$", re.IGNORECASE)
# A weekday (with its article or modifier) right before a date is part of that date.
_WEEKDAY_BEFORE = re.compile(
    rf"(?:\b(?:this|next|last|on|le|ce|el|este|o|na|no|am)\s+)?\b{_WEEKDAY},?\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the 14 November consultation": a date naming an event, not dating one.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|this|that|our|your|their|its|his|her|these|those)\s+$", re.IGNORECASE)
_FUNCTION_AFTER = re.compile(
    r"\s+(?:at|in|on|to|and|or|from|is|was|will|would|for|until|by|as|with|of|through|when|"
    r"which|that|the|a|an|we|i|it|are|were|has|had|have|via|after|before|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)

# -- relative date grammar ------------------------------------------------------------------

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "deux": 2, "trois": 3, "dos": 2,
                 "tres": 3, "dois": 2, "duas": 2, "três": 3, "zwei": 2, "drei": 3}
_TODAY = r"\btoday\b|\baujourd['’]hui\b|\bhoy\b|\bhoje\b|\bheute\b"
_DAY_WORDS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(p, re.IGNORECASE), offset) for p, offset in [
        (r"\bthe\s+day\s+before\s+yesterday\b|\bavant-hier\b|\banteayer\b|\banteontem\b"
         r"|\bvorgestern\b", -2),
        (r"\bthe\s+day\s+after\s+tomorrow\b|\baprès-demain\b|\bpasado\s+mañana\b"
         r"|\bdepois\s+de\s+amanhã\b|\bübermorgen\b", 2),
        (r"\byesterday\b|\blast\s+night\b|\bayer\b|\bontem\b|\bgestern\b", -1),
        (r"\btomorrow\b|\bdemain\b|\bamanhã\b", 1),
        (r"\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|\bearlier\s+today\b"
         r"|\bce\s+matin\b|\bcet\s+après-midi\b|\bce\s+soir\b|\besta\s+(?:mañana|tarde|noche)\b"
         r"|\bn?esta\s+manhã\b|\bhoje\s+de\s+manhã\b|\bheute\s+(?:morgen|früh)\b", 0),
        (_TODAY, 0),
    ]
]
# Words that are a relative day only in one language ("hier" is "here" in German).
_LANGUAGE_DAY_WORDS = {
    "fr": [(re.compile(r"\bhier\b", re.IGNORECASE), -1)],
    "es": [(re.compile(r"(?<!esta )(?<!la )(?<!de )\bmañana\b", re.IGNORECASE), 1)],
    "de": [(re.compile(r"(?<!heute )(?<!gestern )\bmorgen\b"), 1)],
}
_DAYS_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|two|three|four|five)\s+days\s+ago\b"
    r"|\bil\s+y\s+a\s+(?P<fr>\d{1,2}|deux|trois)\s+jours\b"
    r"|\bhace\s+(?P<es>\d{1,2}|dos|tres)\s+días\b"
    r"|\bhá\s+(?P<pt>\d{1,2}|dois|duas|três)\s+dias\b"
    r"|\bvor\s+(?P<de>\d{1,2}|zwei|drei)\s+tagen\b",
    re.IGNORECASE,
)
# "We only received the invitation this morning", "n'avons reçu … que ce matin": the day
# says the news came late (a challenge); it does not date an event.
_RESTRICTIVE = re.compile(
    r"\b(?:only|just|not\s+until|n['’]|ne|solo|sólo|recién|apenas|só|erst)\b", re.IGNORECASE)
_NEWS_VERB = re.compile(
    r"\b(?:receiv|got\b|learn|heard|told|inform|notifi|found\s+out|recib|receb|reçu|appris"
    r"|eu\s+(?:la|le|les|l['’]|un|une|des|notre|votre)\b|erhalten|erfahren)", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:from|since|until|till|as\s+of|up\s+to)\s+$", re.IGNORECASE)
# "today" is often generic ("the Internet today"); it dates an event only next to one.
_TODAY_CUES = re.compile(
    r"\b(?:due|deadline|closes?|closing|opens?|ends?|starts?|begins?|published|posted|"
    r"circulated|released|sent|received|met|submitted|registered|held|will|going\s+to|"
    r"meeting|hearing|consultation|session|call|briefing|webinar|workshop|vote)\b",
    re.IGNORECASE,
)
_PAST_MODS = {"last", "past", "this past", "dernier", "passé", "pasado", "passada", "passado",
              "última", "último", "letzten", "vergangenen", "last week"}
_NEXT_MODS = {"next", "coming", "this coming", "prochain", "próximo", "proximo", "próxima",
              "proxima", "que viene", "que vem", "nächsten", "kommenden"}
_THIS_MODS = {"this", "ce", "este", "esta", "nesta", "neste", "diesen", "this week"}
_WEEKDAY_PHRASE = re.compile(
    r"(?:\b(?P<pre>this\s+coming|this\s+past|last|next|this|coming|past|ce|el\s+próximo"
    r"|el\s+proximo|el\s+pasado|este|próxima|proxima|próximo|proximo|última|último|nesta"
    r"|neste|esta|letzten|vergangenen|nächsten|kommenden|diesen)\s+)?"
    rf"\b(?P<wd>{_WEEKDAY})"
    r"(?P<post>\s+(?:prochain|dernier|passé|pasado|passada|passado|que\s+viene|que\s+vem)\b"
    r"|\s+(?:of\s+)?(?:next|this|last)\s+week\b)?",
    re.IGNORECASE,
)
_PT_CUE_BEFORE = re.compile(r"\b(?:na|no|até|ate|antes\s+de|desde)\s+$", re.IGNORECASE)
_RECURRING_BEFORE = re.compile(
    r"\b(?:every|each|chaque|tous\s+les|cada|los|todos\s+los|todas\s+as|jeden|cyber|black|good"
    r"|easter|ash|holy|patch|super|happy|bon|buen|feliz)\s+$", re.IGNORECASE)
_WEEKDAY_RANGE_AFTER = re.compile(
    rf"^\s*(?:[-–]|(?:to|through|au|a|bis)\s)\s*{_WEEKDAY}", re.IGNORECASE)
_WEEKDAY_RANGE_BEFORE = re.compile(
    rf"{_WEEKDAY}\s*(?:[-–]|\s(?:to|through|au|a|bis))\s*$", re.IGNORECASE)
# "1 January every year": a recurring date, not an event.
_RECURRING_AFTER = re.compile(
    r"^,?\s+(?:of\s+)?(?:every|each)\s+(?:year|month)\b|^,?\s+(?:annually|yearly|chaque\s+année"
    r"|cada\s+año|todos\s+los\s+años|todos\s+os\s+anos|jedes\s+Jahr)\b", re.IGNORECASE)
# "2010-02-08 12:09:15", "Sep 24 2001, 05:28:47": a log or build timestamp, not an event.
_TIMESTAMP_AFTER = re.compile(r"^(?:,?\s+|T)\d{1,2}:\d{2}:\d{2}")
# "by the 20th": a day of the month without the month, nearest the message date.
_BARE_ORDINAL = re.compile(
    rf"\b(?:(?:by|on|before|until|from)\s+the|(?P<wd>{_WEEKDAY}),?(?:\s+the)?)"
    r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\b(?![:.,]?\d|\s*(?:h\d|%|am\b|pm\b|[ap]\.m\.))"
    r"(?=\s*(?:[,.;:)!?]|$|\s+(?:at|and|or|so|to|in|we|if|when|as|please|is|was|will|has"
    r"|had|were|are)\b))",
    re.IGNORECASE,
)

# -- tense and language ---------------------------------------------------------------------

_FUTURE_BEFORE = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than|avant|jusqu['’]au|d['’]ici|antes|hasta|até"
    r"|ate|bis)\s+(?:\S+\s+)?$", re.IGNORECASE)
_PAST_CLAUSE = {
    "fr": re.compile(r"\b(?:avons|ai|as|a|ont|avez|avait|avions|avaient)\s+(?:\w+\s+)?\w+"
                     r"(?:é|ée|és|ées|i|is|it|u|us|ue|ert)\b|\b(?:sommes|suis|était|étions)"
                     r"\s+(?:allée?s?|venue?s?|rendue?s?)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:hemos|he|ha|han|habíamos|había)\s+\w+(?:ado|ido|to|cho)\b"
                     r"|\b\w{2,}(?:ó|aron|ieron)\b", re.IGNORECASE),
    "pt": re.compile(r"\b(?:tínhamos|tinha|havíamos)\s+\w+(?:ado|ido)\b"
                     r"|\b(?!(?:sou|vou|estou|dou|seu|meu|teu|europeu)\b)\w{2,}"
                     r"(?:ou|eu|iu|aram|eram|iram)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:hatten|hatte|waren|war|haben|habe|hat)\b.*\bge\w+(?:t|en)\b",
                     re.IGNORECASE),
}
_STOPWORDS = {
    "en": _words("the and of to we our is was for with have has will this that you they"),
    "fr": _words("le la les des nous avons est une pour avec dans sur du au aux qui et je "
                 "vous cette mais sont être notre hier demain aujourd'hui merci avant prochain "
                 "dernier lundi mardi mercredi jeudi vendredi samedi dimanche"),
    "es": _words("el los las del nos una con para por que hemos está fue muy y es son pero "
                 "como lo al su sus nuestra nuestro hoy ayer mañana próximo pasado lunes martes "
                 "miércoles jueves viernes"),
    "pt": _words("os das dos nos uma com para pela pelo que não foi são ao às e o em na no do "
                 "da é nossa nosso ontem hoje amanhã próxima passada segunda terça quarta quinta "
                 "sexta feira"),
    "de": _words("der die das und wir ist mit für den dem ein eine nicht auf ich sie zu im "
                 "gestern heute"),
}
_MODAL_OR_FUTURE = {"will", "shall", "'ll", "’ll", "wo", "would", "must", "should", "can",
                    "could", "may", "might"}
_HEADER_LINE = re.compile(
    r"^\s*(?:Date|Sent|From|To|Cc|Subject|Envoyé|Enviado(?:\s+el)?|Fecha|Data|Gesendet|Datum"
    r"|De|Para|Objet|Asunto|Assunto|Von|Betreff)\s*:", re.IGNORECASE)
# "moved from 3 to 10 December": two dates, not a range.
_MOVED = re.compile(
    r"\b(?:moved|postponed|rescheduled|pushed\s+back|brought\s+forward|reporté\w*|aplazad\w*"
    r"|pospuest\w*|adiad\w*|verschoben)\b", re.IGNORECASE)

# -- what ------------------------------------------------------------------------------------

_EVENT_NOUNS = _words(
    "meeting hearing consultation consultations session sessions conference summit forum "
    "webinar workshop briefing call roundtable dialogue negotiations negotiation deadline "
    "submission submissions letter memorandum note statement publication launch event "
    "reception breakfast lunch dinner visit presentation panel vote revision draft "
    "seminar training debate discussion retreat registration interview "
    "réunion rencontre atelier séance audition consulta reunión audiencia sesión taller mesa "
    "reunião audiência sessão oficina encontro prazo"
)
# What a sentence without an event noun did on the date, named after its verb.
_VERB_NOUNS = {
    "meet": "meeting with", "brief": "briefing of", "present": "presentation of",
    "testify": "testimony", "submit": "submission of", "send": "sending of",
    "publish": "publication of", "post": "publication of", "circulate": "circulation of",
    "release": "publication of", "register": "registration", "speak": "conversation with",
    "reply": "reply", "call": "call", "visit": "visit to", "sign": "signature of",
    "adopt": "adoption of", "launch": "launch of", "receive": "receipt of",
    "deliver": "delivery of", "write": "letter", "hold": "", "attend": "attendance at",
    "join": "participation in", "check": "check with", "spend": "meeting", "invite": "invitation",
}
# Verbs that say only when something happens ("the review runs …"): its subject is the event.
_SUBJECT_VERBS = _words("be have take run last happen occur continue start begin end close "
                        "open resume conclude")
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than|due(?:\s+on)?|closes(?:\s+on)?|avant(?:\s+le)?"
    r"|au\s+plus\s+tard(?:\s+le)?|jusqu['’]au|antes\s+del?|hasta\s+el|até(?:\s+ao\s+dia)?"
    r"|até\s+(?:o|a)|bis(?:\s+zum)?)\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)
_EVENT_NOUN_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_EVENT_NOUNS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_ROMANCE_NOUN_TAIL = re.compile(
    r"(?:\s+(?:de|du|des|del|da|do|d['’])\s*(?:la\s+|l['’])?[^\W\d]+"
    r"|\s+[^\W\d]+(?:ale?s?|ique|iques|ica|ico|iva|ivo|elle|ário|ária|aire|ública|ublique))*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Mention:
    """A date expression found in a sentence: its characters and the days it names."""

    start: int
    end: int
    first: date
    last: date


def find_events(doc, context: NlpContext | None) -> list[Event]:
    """One event per distinct date or range in each sentence; none in signatures."""
    if context is not None and context.part == "signature":
        return []
    base = context.date.date() if context is not None and context.date else None
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(_sentence_events(sent, base))
    return events


def _sentence_events(sent, base: date | None) -> list[Event]:
    """Events of one sentence, the same date once even when written twice."""
    text = sent.text
    if not any(ch.isalnum() for ch in text) or _is_header(text):
        return []
    seen: set[tuple[date, date]] = set()
    events = []
    for mention in sorted(_mentions(sent, base), key=lambda m: m.start):
        if (mention.first, mention.last) in seen:
            continue
        seen.add((mention.first, mention.last))
        events.append(Event(what=_describe(sent, mention), date_start=mention.first.isoformat(),
                            date_end=mention.last.isoformat(), text=text.strip()))
    return events


def _is_header(text: str) -> bool:
    """Attribution lines ("On 7 Oct 2025, X wrote:") and header lines date a message."""
    stripped = text.strip()
    return bool(_HEADER_LINE.match(stripped) or re.search(
        r"\b(?:wrote|said|a écrit|escribió|escreveu|schrieb)\s*:\s*$", stripped) or (
        stripped.endswith((":", "：")) and re.search(r"@|\S\s+at\s+\S+\.\w|<[^<>]+>", stripped)))


def _mentions(sent, base: date | None) -> list[_Mention]:
    """Absolute dates first; relative expressions only where no absolute date was read."""
    text = _URL.sub(lambda m: " " * len(m.group()), sent.text)
    absolute = _absolute_mentions(text, base)
    for mention in absolute:
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    kept = [m for m in absolute if not _names_an_event(sent.text, m)
            and not _RECURRING_AFTER.match(sent.text[m.end:])]
    if base is None:
        return kept
    return kept + _relative_mentions(sent, text, base)


# -- absolute dates -------------------------------------------------------------------------


def _absolute_mentions(text: str, base: date | None) -> list[_Mention]:
    """Every absolute date or range, longest grammar first so forms do not overlap."""
    found: list[_Mention] = []
    taken = [False] * len(text)
    for pattern, read in ((_ISO, _read_iso), (_NUMERIC, _read_numeric),
                          (_DAY_FIRST, _read_named), (_MONTH_FIRST, _read_named)):
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]) or _TIMESTAMP_AFTER.match(
                    text[match.end():]):
                continue
            for first, last in read(match, text, base):
                start = _weekday_start(text, match.start())
                found.append(_Mention(start, match.end(), first, last))
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
    return found


def _weekday_start(text: str, start: int) -> int:
    """Include "Thursday" or "le mercredi" written just before a date in its mention."""
    before = _WEEKDAY_BEFORE.search(text[:start])
    return before.start() if before else start


def _read_iso(match: re.Match, text: str, base: date | None) -> list[tuple[date, date]]:
    """2025-11-14."""
    day = _make_date(int(match[1]), int(match[2]), int(match[3]))
    return [(day, day)] if day else []


def _read_numeric(match: re.Match, text: str, base: date | None) -> list[tuple[date, date]]:
    """14.10.2025 or 14/10/2025, day first unless only month-first is a valid date."""
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    day = _make_date(year, second, first) or _make_date(year, first, second)
    return [(day, day)] if day else []


def _read_named(match: re.Match, text: str, base: date | None) -> list[tuple[date, date]]:
    """A date or range written with a month name, in either order, in several languages."""
    if not _month_word_ok(match, "m1") or not _month_word_ok(match, "m2"):
        return []
    m1, m2, d1, d2, y1, y2 = (_group_number(match, g) for g in ("m1", "m2", "d1", "d2", "y1",
                                                                   "y2"))
    if match.re is _DAY_FIRST:
        start_month, end_month = m1 or m2, m2
    else:
        start_month, end_month = m1, m2 or m1
    if y1 is None and y2 is not None and start_month and end_month and start_month > end_month:
        y1 = y2 - 1  # "30 December – 2 January 2026" starts in 2025
    start = _complete(d1, start_month, y1 or y2, base)
    if start is None:
        return []
    end = _complete(d2, end_month, y2, start) if d2 is not None else None
    if end is None or end <= start:
        return [(start, start)]
    joined_by_and = _connector(match) in {"and", "&", "et", "y", "e", "und"}
    if not joined_by_and and _MOVED.search(text):
        return [(start, start), (end, end)]  # "moved from 3 to 10 December"
    if joined_by_and and not _BETWEEN.search(text[: match.start()]) and (end - start).days != 1:
        return [(start, start), (end, end)]  # "on 3 and 10 November": two separate days
    return [(start, end)]


def _group_number(match: re.Match, group: str) -> int | None:
    """A group as a number: months by name, days and years as written; None when absent."""
    value = match.group(group)
    if not value:
        return None
    return _MONTHS[_month_key(value)] if group.startswith("m") else int(value)


def _month_key(word: str) -> str:
    return word.lower().rstrip(".")


def _month_word_ok(match: re.Match, group: str) -> bool:
    """"may" or "mar" are month names only when capitalised."""
    word = match.group(group)
    return not word or _month_key(word) not in _AMBIGUOUS_MONTHS or word[0].isupper()


def _connector(match: re.Match) -> str:
    """The word or dash between the two days of a range ("-" when it is only punctuation)."""
    first_part = [g for g in ("y1", "m1", "d1") if match.group(g)]
    if match.re is _MONTH_FIRST:
        first_part = [g for g in ("y1", "d1") if match.group(g)]
    between = match.string[match.end(first_part[0]): match.start("d2")]
    words = [w.lower() for w in re.findall(r"[^\W\d]+|&|[-–—]", between.replace(".", " "))]
    words = [w for w in words if _month_key(w) not in _MONTHS and w not in
             {"st", "nd", "rd", "th", "er", "re", "de", "of"}]
    return words[0] if words else "-"


def _complete(day: int, month: int | None, year: int | None, near: date | None) -> date | None:
    """The date with its year, or the year nearest ``near`` when the text gives none."""
    if month is None:
        return None
    if year is not None:
        return _make_date(year, month, day)
    if near is None:
        return None
    candidates = [d for d in (_make_date(near.year + k, month, day) for k in (-1, 0, 1)) if d]
    return min(candidates, key=lambda d: abs((d - near).days), default=None)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _names_an_event(text: str, mention: _Mention) -> bool:
    """"the 14 November consultation": the date is the name of an event dated before.

    A deadline stays an event ("the 2 December deadline"): saying it is the news.
    """
    if not _DETERMINER_BEFORE.search(text[: mention.start]):
        return False
    after = text[mention.end:]
    if after.startswith(("'s", "’s")):
        return True
    if re.match(r"\s+(?:\S+\s+)?deadline\b", after, re.IGNORECASE):
        return False
    return bool(re.match(r"\s+[^\W\d]", after)) and not _FUNCTION_AFTER.match(after)


# -- relative dates -------------------------------------------------------------------------


def _relative_mentions(sent, text: str, base: date) -> list[_Mention]:
    """Yesterday/today/tomorrow, "N days ago", weekdays and "the 20th", against ``base``."""
    language = _language(text)
    day_words = _day_word_mentions(sent, text, base, language)
    mentions = list(day_words)
    for match in _WEEKDAY_PHRASE.finditer(text):
        if any(_adjacent(text, m, match.start(), match.end()) for m in day_words):
            continue  # "yesterday (Tuesday)": the weekday only names the day again
        day = _resolve_weekday(sent, text, match, base, language)
        if day is not None:
            mentions.append(_Mention(match.start(), match.end(), day, day))
    for match in _BARE_ORDINAL.finditer(text):
        if not match["wd"] and not re.search(r"(?:st|nd|rd|th)$", text[: match.end()]):
            continue  # "by the 20" is not a date; "Monday 10" and "by the 20th" are
        weekday = _WEEKDAYS[match["wd"].lower()] if match["wd"] else None
        day = _nearest_day_of_month(int(match["d"]), base, weekday)
        if day is not None:
            mentions.append(_Mention(match.start(), match.end(), day, day))
    return _without_overlaps(mentions)


def _adjacent(text: str, mention: _Mention, start: int, end: int) -> bool:
    """Whether only spaces, commas or brackets separate a mention from ``start:end``."""
    gap = text[mention.end:start] if mention.end <= start else text[end:mention.start]
    return len(gap) <= 4 and not gap.strip(" ,()–-")


def _day_word_mentions(sent, text: str, base: date, language: str) -> list[_Mention]:
    """"yesterday", "ce matin", "ontem", "two days ago" … as days."""
    mentions = []
    for pattern, offset in _DAY_WORDS + _LANGUAGE_DAY_WORDS.get(language, []):
        for match in pattern.finditer(text):
            if _late_news(text, match.start()):
                continue
            if _generic_day(text, match) or (
                    pattern.pattern == _TODAY and not _dated_today(sent, text, match.start())):
                continue
            day = base + timedelta(days=offset)
            mentions.append(_Mention(match.start(), match.end(), day, day))
    for match in _DAYS_AGO.finditer(text):
        count = next(g for g in match.groups() if g)
        number = int(count) if count.isdigit() else _NUMBER_WORDS.get(count.lower(), 0)
        day = base - timedelta(days=number)
        mentions.append(_Mention(match.start(), match.end(), day, day))
    return mentions


def _late_news(text: str, char_start: int) -> bool:
    """"We only received it yesterday": a receiving verb restricted to a recent day."""
    before = _clause_before(text, char_start)
    return bool(_RESTRICTIVE.search(before) and _NEWS_VERB.search(before))


def _generic_day(text: str, match: re.Match) -> bool:
    """"the leaders of tomorrow", "today's Internet", "as of today": no particular day."""
    word = match.group().lower()
    if word == "today" and _SINCE_BEFORE.search(text[: match.start()]):
        return True  # "as of today", "two weeks from today": a reference point
    if word in ("today", "tomorrow") and re.search(r"\bof\s+$", text[: match.start()], re.I):
        return True
    after = text[match.end():]
    if word in ("today", "tomorrow") and after.startswith(("'s", "’s")):
        return not re.match(r"['’]s\s+(?:\w+\s+)?(?:meeting|hearing|consultation|session|call"
                            r"|briefing|webinar|workshop|vote|deadline|event|debate)\b",
                            after, re.IGNORECASE)
    return False


def _dated_today(sent, text: str, char_start: int) -> bool:
    """"Rev1 was circulated today" dates an event; "the Internet today" does not."""
    if _language(text) != "en" or text[char_start:].lower().startswith(("today's", "today’s")):
        return True
    if _TODAY_CUES.search(_clause(text, char_start)):
        return True
    verb = _governing_verb(sent, char_start)
    return verb is not None and (verb.tag_ == "VBD" or any(
        c.dep_ == "aux" and (c.tag_ == "VBD" or c.lower_ in {"will", "shall", "'ll", "’ll"})
        for c in verb.children))


def _nearest_day_of_month(day: int, base: date, weekday: int | None = None) -> date | None:
    """The date with that day number in the month before, of or after the message.

    With a weekday ("Monday 10") the month where the two agree wins.
    """
    months = [(base.year + (base.month + k - 1) // 12, (base.month + k - 1) % 12 + 1)
              for k in (-1, 0, 1)]
    candidates = [d for d in (_make_date(y, m, day) for y, m in months) if d]
    agreeing = [d for d in candidates if weekday is None or d.weekday() == weekday]
    return min(agreeing or candidates, key=lambda d: abs((d - base).days), default=None)


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """"the day before yesterday" also contains "yesterday": keep the longer reading."""
    kept: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _resolve_weekday(sent, text: str, match: re.Match, base: date,
                     language: str) -> date | None:
    """A weekday's date: its modifier decides the direction, else the sentence's tense."""
    word = match["wd"].lower()
    before = text[: match.start("wd")]
    if (_RECURRING_BEFORE.search(before) or _WEEKDAY_RANGE_BEFORE.search(before)
            or _WEEKDAY_RANGE_AFTER.match(text[match.end():])):
        return None
    modifier = " ".join(f"{match['pre'] or ''} {match['post'] or ''}".lower().split())
    modifier = modifier.removeprefix("el ").removeprefix("of ")
    if word in _SHORT_PT_WEEKDAYS and not modifier and not _PT_CUE_BEFORE.search(before):
        return None
    target = _WEEKDAYS[word]
    if modifier.endswith("week"):
        return _in_week(base, target, modifier.split()[0])
    if modifier in _PAST_MODS:
        return _step(base, target, past=True, same_day=False)
    if modifier in _NEXT_MODS:
        return _step(base, target, past=False, same_day=False)
    past = _is_past(sent, text, match.start(), language)
    return _step(base, target, past=past, same_day=modifier in _THIS_MODS)


def _step(base: date, weekday: int, *, past: bool, same_day: bool) -> date:
    """The nearest such weekday before (or after) ``base``; ``base`` itself if allowed."""
    if past:
        delta = (base.weekday() - weekday) % 7
        return base - timedelta(days=delta if delta or same_day else 7)
    delta = (weekday - base.weekday()) % 7
    return base + timedelta(days=delta if delta or same_day else 7)


def _in_week(base: date, weekday: int, which: str) -> date:
    """"Tuesday next week": the weekday of the calendar week (Monday first) named."""
    monday = base - timedelta(days=base.weekday())
    shift = {"next": 7, "last": -7}.get(which, 0)
    return monday + timedelta(days=shift + weekday)


def _language(text: str) -> str:
    """The language with the most stop words in the sentence (English on a tie)."""
    words = re.findall(r"[^\W\d]+", text.lower())
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] else "en"


def _is_past(sent, text: str, char_start: int, language: str) -> bool:
    """Whether a bare weekday ("on Monday") points back: the clause reports a done thing.

    English uses the parse: simple past or past perfect governs the day. Present perfect
    ("we have been given a slot … on Friday") cannot take a past day, so the day belongs to
    something ahead. Other languages use their past-tense forms in the same clause.
    """
    if _FUTURE_BEFORE.search(text[:char_start]):
        return False
    if re.search(r"\b(?:since|depuis|desde|seit)\s+$", text[:char_start], re.IGNORECASE):
        return True
    if language != "en":
        pattern = _PAST_CLAUSE.get(language)
        return bool(pattern and pattern.search(_clause(text, char_start)))
    verb = _finite_verb(sent, char_start)
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODAL_OR_FUTURE for a in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def _finite_verb(sent, char_start: int):
    """The nearest verb above a position that carries tense ("was … sprinting" → "was")."""
    verb = _governing_verb(sent, char_start)
    while verb is not None:
        has_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        if has_aux or verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or verb.head is verb:
            return verb
        above = _governing_verb(sent, verb.head.idx - sent.start_char)
        if above is None or above is verb:
            return verb
        verb = above
    return None


def _clause_before(text: str, char_start: int) -> str:
    """The part of the clause around ``char_start`` that precedes it."""
    left = max(text.rfind(sep, 0, char_start) for sep in (",", ";", ":", " – ", " and "))
    return text[left + 1: char_start]


def _clause(text: str, char_start: int) -> str:
    """The stretch of the sentence between the separators around a position."""
    left = max(text.rfind(sep, 0, char_start) for sep in (",", ";", ":", " – ", " and "))
    right_candidates = [i for i in (text.find(sep, char_start) for sep in (",", ";", " – "))
                        if i >= 0]
    return text[left + 1: min(right_candidates, default=len(text))]


def _governing_verb(sent, char_start: int):
    """The verb the token at ``char_start`` depends on (walking up the parse)."""
    token = _token_at(sent, char_start)
    for _ in range(8):
        if token is None:
            return None
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _token_at(sent, char_start: int):
    """The sentence token covering a character offset of ``sent.text``."""
    offset = sent.start_char + char_start
    for token in sent:
        if token.idx <= offset < token.idx + max(len(token.text), 1):
            return token
    return None


# -- what -----------------------------------------------------------------------------------


def _describe(sent, mention: _Mention) -> str:
    """A short name for what happens on the date: "deadline: …", the event noun, the act."""
    text = sent.text
    english = _language(text) == "en"
    noun = _event_noun_phrase(sent, mention) if english else _romance_event_noun(text)
    if _DEADLINE_BEFORE.search(text[: mention.start]):
        action = _deadline_action(sent, mention) if english else _words_before(text, mention)
        return f"deadline: {action}" if action else f"deadline for {noun}" if noun else "deadline"
    if noun:
        return noun
    act = _act(sent, mention) if english else ""
    return act or _squash(_clause(text, mention.start))[:80]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _event_noun_phrase(sent, mention: _Mention) -> str:
    """The event noun the date hangs on, else the nearest one ("virtual consultation")."""
    anchor = _token_at(sent, mention.start)
    if anchor is None:
        return ""
    covered = range(sent.start_char + mention.start, sent.start_char + mention.end)
    token = anchor
    for _ in range(8):  # up the parse: "the meeting on 4 November", "is set for …"
        if token.idx not in covered and _is_event_noun(token):
            return _phrase(token, covered)
        for child in token.children if token.pos_ in ("VERB", "AUX") else ():
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _is_event_noun(child):
                return _phrase(child, covered)
        if token.head is token:
            break
        token = token.head
    nouns = [t for t in sent if _is_event_noun(t) and t.idx not in covered]
    if not nouns:
        return ""
    return _phrase(min(nouns, key=lambda t: abs(t.i - anchor.i)), covered)


def _is_event_noun(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and (
        token.lemma_.lower() in _EVENT_NOUNS or token.lower_ in _EVENT_NOUNS)


def _phrase(noun, covered: range) -> str:
    """A noun with its modifiers and a following "on/with/of/for …" phrase, no determiner."""
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "nummod", "poss")
            and t.ent_type_ not in ("DATE", "TIME") and t.idx not in covered]
    start = min([t.left_edge.i for t in left] + [noun.i])
    while start < noun.i and noun.doc[start].dep_ == "det":
        start += 1
    text = noun.doc[start: noun.i + 1].text
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"on", "with", "of", "for", "to"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"
                       and c.ent_type_ not in ("DATE", "TIME") and c.idx not in covered]
            if objects:
                text += f" {prep.text} {_object_text(objects[0])}"
            break
    return " ".join(_squash(text).split()[:10])


def _act(sent, mention: _Mention) -> str:
    """"meeting with Mrs. Osei-Tutu" for "Yesterday we met Mrs. Osei-Tutu": the verb, named."""
    verb = _governing_verb(sent, mention.start)
    if verb is None:
        return ""
    lemma = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ in ("NOUN", "PROPN")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    passive = subject is not None and subject.dep_ == "nsubjpass"
    if lemma in _SUBJECT_VERBS or (passive and lemma not in _VERB_NOUNS):
        return _object_text(subject) if subject is not None else ""
    name = _VERB_NOUNS.get(lemma, lemma)
    target = subject if passive else obj
    if target is None:
        return name.split(" ")[0]
    return " ".join(f"{name} {_object_text(target)}".split()[:10])


def _object_text(token) -> str:
    """A noun with its modifiers and the rest of a name ("Hon. Kofi Mensah-Adjei").

    The parse often splits titled names in two, so the phrase runs on over name-like tokens
    up to the first comma, bracket, verb or preposition, whatever the tree says.
    """
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and doc[start].dep_ in ("det", "poss") and doc[start].tag_ != "NNP":
        start += 1
    end = token.i + 1
    while end < len(doc) and end - start < 8 and (
            doc[end].pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or doc[end].tag_ == "POS"
            or (doc[end].text in {".", "-", "‐"} and end + 1 < len(doc)
                and doc[end + 1].pos_ in ("PROPN", "NOUN"))):
        end += 1
    return _squash(doc[start:end].text)


def _romance_event_noun(text: str) -> str:
    """For sentences the English parser cannot chunk: an event word and its complements."""
    match = _EVENT_NOUN_WORD.search(text)
    if not match:
        return ""
    tail = _ROMANCE_NOUN_TAIL.match(text, match.end())
    return _squash(match.group(0) + (tail.group(0) if tail else ""))


def _words_before(text: str, mention: _Mention) -> str:
    """The last words of the clause before a deadline preposition ("confirmer sa venue")."""
    cue = _DEADLINE_BEFORE.search(text[: mention.start])
    return " ".join(_clause_before(text, cue.start() if cue else mention.start).split()[-5:])


def _deadline_action(sent, mention: _Mention) -> str:
    """"send comments" for "please send comments by Friday"; "the memorandum" when due."""
    verb = _governing_verb(sent, mention.start)
    if verb is None:
        return ""
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _object_text(verb.head)  # "the next revision expected by 7 November"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return " ".join(f"{verb.lemma_} {_object_text(obj)}".split()[:8])
    for prep in verb.children:  # "asked for any written input by 31 October"
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.lower_ == "for" and pobj is not None and pobj.pos_ == "NOUN":
            return _object_text(pobj)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is not None:
        return _object_text(subject)
    return verb.lemma_ if verb.pos_ == "VERB" else ""
