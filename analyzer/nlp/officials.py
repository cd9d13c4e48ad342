"""Officials named in a text: who they are, their office, role, country and body.

An official is a *named* person holding public office or acting for a government,
parliament, regulator or intergovernmental body.  The evidence, strongest first:

* an office title right before the name ("Ambassador", "Deputy Minister", "Hon.",
  "senadora", "Secretário de Estado") or in apposition ("the Director General for
  cooperation, Mr. A …", "Mme B …, conseillère à la Représentation permanente …");
* a courtesy title or a bare name with a government body in apposition or in the
  same clause ("Mr. X of the Communications Authority", "Ms. Y from the WSIS+20
  secretariat", "Dr. Z" after "a meeting at the Federal Ministry … with");
* a signature or sign-off block that states a government office (a list member's own
  signature, or the signature of a forwarded letter).

Negative cues in the same apposition override titles: journalists, academics,
retired or former officials, a chapter's "Youth Ambassador", chapter officers,
Internet Society staff, ICANN/MAG community members.

A courtesy or ambiguous title with nothing official around it ("Mr. Diallo", "Director
Mensah") is returned as a *name-only* mention (no organisation, no role, no office
title): the corpus merge lets it join an official known from other messages and
never makes an official out of it alone (see ``merge.is_name_only``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyzer.models import NlpContext, OfficialMention
from analyzer.nlp import country as countries
from analyzer.nlp.merge import fold, is_name_only, same_person
from analyzer.nlp.terms import (
    ACADEMIC,
    AMBIGUOUS,
    BODIES,
    CAPITALS,
    COUNTRIES,
    COURTESY,
    GOVERNMENT_BODIES,
    HONOURS,
    INTERGOVERNMENTAL_BODIES,
    LOCAL_NAMES,
    OFFICES,
    PROCESSES,
    REGIONS,
)


def _alternatives(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


# -- titles -----------------------------------------------------------------------------------

_TITLE_KIND = {fold(t): kind for kind, words in (
    ("courtesy", COURTESY), ("academic", ACADEMIC), ("ambiguous", AMBIGUOUS),
    ("honour", HONOURS), ("office", OFFICES)) for t in words}
# Courtesy abbreviations are matched with their case ("M." is not "m."); offices in any case
# ("la senadora", "el asambleísta").
_ONE_TITLE = re.compile(
    rf"(?<![\w.’'])(?:(?P<c>{_alternatives(COURTESY + ACADEMIC + ['HE', 'MP', 'MEP'])})"
    rf"|(?i:(?P<o>{_alternatives(OFFICES + HONOURS + AMBIGUOUS)})))[ \t]*\n?[ \t]*$"
)


@lru_cache(maxsize=4096)
def title_kind(title: str) -> str:
    """``office``, ``honour``, ``ambiguous``, ``courtesy`` or ``academic``, by the title's head.

    "Director of Multilateral Affairs" is as ambiguous as "Director"; a free-text office
    from a signature ("Technical Adviser to the Minister") counts as an office.
    """
    folded = fold(title.strip())
    if not folded:
        return ""
    if folded in _TITLE_KIND:
        return _TITLE_KIND[folded]
    heads = [t for t in _TITLE_KIND if folded.startswith(t + " ")]
    return _TITLE_KIND[max(heads, key=len)] if heads else "office"


_TITLE_ANYWHERE = re.compile(rf"(?<![\w-])(?i:{_alternatives(OFFICES + AMBIGUOUS)})(?![\w-])")

# -- cue lexicons ---------------------------------------------------------------------------

_GOV = re.compile(
    r"(?i:\bminist(?:ry|ries|er|ers|ère|re|erio|ério|ro|ra|erstwo)\b|\bmission\b|\bmisión"
    r"|\bmissão|\bembass(?:y|ies)\b|\bambassade\b|\bembajada\b|\bembaixada\b|représentation"
    r" permanente|permanent representation|\bsenat(?:e|or|ors)\b|\bsénat|\bsenado"
    r"|\bparliament|\bparlement|\bparlamento|national assembly|assemblée nationale|\basamblea"
    r"|\bassembleia|\bcongress\b|\bcongreso\b|\bcongresso\b|house of (?:representatives"
    r"|commons|lords)|\blegislat|\bparliamentary|\bregulat(?:or|ory|ion)|\brégulat|\breguladora?"
    r"|\b(?:communications?|telecommunications?|data protection|competition|media|ict)"
    r" (?:authority|commission|agency)|\bautorit[ée] de|\bautoridad\b|\bautoridade\b"
    r"|\bagence nationale|\bagencia nacional|\bgovernment\b|\bgouvernement\b|\bgobierno\b"
    r"|\bgoverno\b|\bcabinet\b|\bgabinete\b|\bdepartment of\b|\bdepartamento de\b"
    r"|\bdirectorate\b|\bdirection générale|\bdirección general|\bsecretar[ií]a de estado"
    r"|\bsecretariat\b|\bsecrétariat\b|\bpresidency\b|\bprésidence\b|\bforeign affairs"
    r"|\baffaires étrangères|\brelaciones exteriores|\brelações exteriores|\bforeign office"
    r"|\bcancillería|\bdelegation\b|\bdélégation\b|\bdelegación\b|\bdelegação\b"
    r"|governmental advisory committee|\bstate secretary|\bsecretary of state|\bundersecretary"
    r"|\bdeputy minister|\bambassador\b|\bcommittee (?:chair|clerk)|\bcommission (?:chair|on)"
    r"|\bviceminister|\bpermanent representative|\bpublic service\b|\bcivil serv"
    r"|\badministration\b|\bstate department|\bdepartment for\b|\bcommission\b|\bcomisión"
    r"|\bcomissão|\bcommissione)"
    rf"|(?<![\w-])(?:{_alternatives([*GOVERNMENT_BODIES, 'GAC', 'MPs'])})(?![\w-])"
)
_IGO = re.compile(
    r"(?i:\bun desa\b|\bundesa\b|\bunited nations department|\bitu (?:general )?secretariat"
    r"|\bigf secretariat|\bwsis(?:\+20)? secretariat|\bun secretariat|united nations secretariat"
    r"|office of the (?:un )?secretary-general|\bsecretary-general's envoy|\bitu\b|\bunesco\b"
    r"|\bunctad\b|\bundp\b|\bohchr\b|\boecd\b|\bworld bank\b|\beuropean commission\b"
    r"|\bafrican union commission\b|\bcouncil of europe\b|\bsecretariat\b|\bun\b"
    r"|\bunited nations\b|\bnations unies\b|\bnaciones unidas\b)"
    rf"|(?<![\w-])(?:{_alternatives(INTERGOVERNMENTAL_BODIES)})(?![\w-])"
)
# Cues that make a national body out of an IGO-looking phrase ("Mission … to the United Nations").
_NATIONAL = re.compile(
    r"(?i:\bmission\b|\bmisión|\bmissão|représentation|\bembass|\bambassade|\bembajada|\bminist"
    r"|\bgovernment|\bgouvernement|\bgobierno|\bsenat|\bparliament|\bnational assembly"
    r"|\bregulat|\bdelegation)"
)
_NEGATIVE = re.compile(
    r"(?i:\bjournalist|\breporter|\bcorrespondent|\bcolumnist|\beditor\b|\bperiodista"
    r"|\bjournaliste|\bjornalista|\bnewspaper|\bprofess(?:or|eur|ora)|\bprofesora?\b|\bprof\b"
    r"|\blecturer|\bresearcher|\bacademic|\bscholar|\buniversit|\buniversidad|\bphd\b"
    r"|\bretired|\bformer\b|\bex-\w|\bex ?(?:minist|embajad|senad|diputad|ambassad|député)"
    r"|\bthe late\b|\bjubilad[oa]|\bretraité|\bour (?:chapter(?:'s|’s)? )?(?:vice[- ]?)?"
    r"(?:chair|president|secretary|treasurer|coordinator|board member|founder|director"
    r"|executive director|manager|lead)\b"
    r"|\baposentad[oa]|\bemerit|\bancien(?:ne)? (?:ministre|ambassad|député|sénat)"
    r"|\byouth(?: \w+)? (?:ambassador|representative|fellow|delegate|envoy|leader)"
    r"|\b(?:isoc|internet society|chapter|icann|community|goodwill|student|campus|brand)"
    r" ambassador|\bambassad(?:or|eur|rice) (?:jeunesse|youth)|\bembajador(?:a)? juvenil"
    r"|\bchapter(?:'s|’s)? (?:president|chair|secretary"
    r"|treasurer|board|member|officer|coordinator|lead|volunteer|youth)|\bour chapter(?:'s|’s)"
    r"|\b(?:from|of|in) (?:our|the) chapter\b"
    r"|\b(?:member|chair|president|secretary|treasurer|board) of (?:the|our) chapter"
    r"|\binternet society (?:staff|team|colleague)|\bisoc (?:staff|team)|\bof the internet"
    r" society|\bfrom the internet society|\bat the internet society|\bcivil society\b"
    r"|\bat-large\b|\balac\b|\bncuc\b|\bncsg\b|\bmag member|\bmember of the mag|\bon the mag\b"
    r"|\bicann community|\bcommunity (?:member|leader)|\bprivate sector|\bcompany\b|\bceo\b"
    r"|\bconsultant\b|\bngo\b|\bfoundation\b|\bactivist|\bblogger)"
)
_RETIRED = re.compile(r"(?i:\bretired|\bformer\b|\bex-|\bjubilad|\bretraité|\baposentad"
                      r"|\bancien(?:ne)?\b|\buntil \w+ \d{4}|\bemerit)")
_RETIRED_NOW = re.compile(r"(?i:\b(?:has|had|is now|was|recently) retired\b|\bse jubiló"
                          r"|\bse aposentou|\ba pris sa retraite|\best à la retraite)")
_SALUTATION = re.compile(
    r"(?i:^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|bonjour|bonsoir|cher|chère"
    r"|chers|hola|estimad[oa]s?|querid[oa]s?|prezad[oa]s?|olá|caro|cara|liebe[r]?|sehr geehrte[r]?"
    r"|attn\.?|to|exmo\.?|exma\.?)\b[^\n]*$)"
)
_SUCCESSOR = re.compile(r"(?i:\b(?:successor|predecessor|replacement|successeur|successeure"
                        r"|sucesora?|antecesora?|sucessora?|antecessora?|nachfolger(?:in)?)\b)")

_ORG_HEAD = (
    r"Permanent Mission|Mission permanente|Misión Permanente|Missão Permanente"
    r"|Représentation permanente|Mission|Embassy|Ambassade|Embajada|Embaixada|Ministry"
    r"|Ministère|Ministerio|Ministério|Department|Departamento|Secretariat|Secretaría|Senate"
    r"|Sénat|Senado|National Assembly|Assemblée nationale|Asamblea Nacional|Assembleia"
    r"|Parliament|Parlement|Parlamento|Congress|Congreso|Committee|Comisión|Commission"
    r"|Authority|Autorité|Autoridad|Autoridade|Agency|Agence|Agencia|Office|Cabinet|Gabinete"
    r"|Division|Directorate|Government|Gouvernement|Gobierno|Governo|Cancillería"
)
_CAP = r"[A-ZÀ-ÞŁŚŻŹĆŃ][\w&’'+-]*"
_NOT_DATE = (r"(?!(?:January|February|March|April|May|June|July|August|September|October"
             r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
_LINK = r"(?:of|for|on|and|the|de|des|du|la|le|del|da|do|das|dos|et|y|e|to|in|auprès des?|&)"

_ORG = re.compile(
    rf"(?:(?:{_CAP})\s+){{0,3}}(?:{_ORG_HEAD})\b(?:\s+(?:{_LINK}\s+){{0,2}}(?:l’|l')?{_NOT_DATE}{_CAP}"
    rf"(?:\s+\([^()\n]{{1,20}}\))?)*"
)
_ROLE = re.compile(
    r"(?i:(?:one of the (?:two|three|\w+) )?(?P<noun>(?:(?:committee|commission|senate"
    r"|board|working group|national) )?(?:co-?facilitators?|facilitators?|co-?chairs?"
    r"|vice-?chairs?|chair(?:person|man|woman)?s?|focal points?|(?:lead |chief )?negotiators?"
    r"|heads? of (?:the )?delegation|rapporteurs?|conveners?|presidentas?|presidentes?))"
    r"(?P<rest>(?:\s+(?:of|for|on|de|del|du|da|do)\s+[^,.;:()\n]{1,70})?))"
)
_WHO = re.compile(
    r"(?i:^\s*(?:who|qui|quien|que|que)\s+(?:is\s+|was\s+|est\s+|es\s+|é\s+)?(?P<clause>(?:listed"
    r" as|leads|heads|follows|chairs|coordinates|handles|sits (?:in|on)|manages|oversees|is in"
    r" charge of|is responsible for|dirige|coordonne|coordina|lidera|preside|chefia"
    r"|acompanha|sigue|suit)[^,.;:\n]{1,90}))"
)

# -- names ------------------------------------------------------------------------------------

_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den",
              "ter", "bin", "binti", "al", "el", "le", "la", "du", "zu", "af", "ibn", "ben"}
_NAME_ABBREVIATIONS = {"Md.", "Mohd.", "Muhd.", "Mohd", "Md"}
# Capitalised words that begin sentences, name months, bodies, places or offices: never a name.
_STOP_WORDS = """
    The A An We I You He She They It Our Your His Her Their My This That These Those In On At
    And But Or For From With To Of By As If So Yes No Not Thanks Thank Dear Hi Hello Best
    Regards Yesterday Today Tomorrow Last Next Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Internet Society Chapter Chapitre Capítulo ISOC IGF WSIS UN ITU MAG
    Ministry Ministère Ministerio Ministério Mission Embassy Secretariat Senate Senado Sénat
    Assembly Parliament Congress Committee Commission Authority Agency Office Cabinet Division
    Department Government Republic République República National Federal Foreign Affairs
    Council Permanent Representative Representation New York Geneva Genève Ginebra Brussels
    Please Also However Here There When Where What Who How Why Some Many All Both Each Any
    Cancillería Itamaraty Rev1 Zero Draft High Level Meeting General Director Directeur
    Directora Dirección Direction Secretary Chair President Presidente Présidente Head Mr Mrs
    Ms Dr Mme Madame Monsieur Sr Sra Pak Bu Ibu Eng Ing Hon Excellency Ambassador Minister
    Deputy Senator Senadora Counsellor Undersecretary Joint State Embajadora Sent Enviado
    Envoyé Kind Cordialement Saludos Abraços Cheers Merci Gracias Obrigado Programme Program
    Fellowship Fellows Fellow Initiative Project Forum Summit Conference Session Award Network
    Group Team Day Week Report Strategy Plan Act Law Policy Framework Agenda Declaration
    Statement Review Process Consultation Hearing Workshop Webinar Panel Board Foundation
    Institute Centre Center Association Alliance Coalition Union Digital Online Cyber Data
    Technology Telecommunications Communications Information Innovation Economy Development
    Public Services Service Court Tribunal Counsel Legal Office Administration Secretariat
    Delegation Mission Embassy Executive Officer Manager Specialist Analyst Assistant Staff
    Excellence Excellency Excelencia Excelência Agent Filename Subject Title Date Pages
"""
_STOP = (
    {fold(w) for w in _STOP_WORDS.split()}
    | {fold(c) for c in (*COUNTRIES, *LOCAL_NAMES, *COUNTRIES.values())}
    | {fold(w.strip(".")) for t in HONOURS + OFFICES + AMBIGUOUS + ACADEMIC for w in t.split()
       if w[:1].isupper()}
)
_NAME_LIKE_COUNTRIES = {"israel", "chad", "jordan", "georgia", "victoria"}
_PLACES = {fold(p) for p in (*CAPITALS, *REGIONS)}
_ACRONYMS = {*BODIES, *PROCESSES, *GOVERNMENT_BODIES, *INTERGOVERNMENTAL_BODIES, "ICT", "NGO",
             "CEO", "USA", "EU", "UK", "PDF", "FYI", "ASAP", "RSVP", "UTC", "GMT", "CC", "BCC"}


def _is_name_word(token) -> bool:
    """A capitalised word that can be part of a person's name."""
    text = token.text
    if text in _NAME_ABBREVIATIONS:
        return True
    if not text[:1].isupper() or not any(c.isalpha() for c in text) or token.like_url:
        return False
    if len(text) > 1 and text.replace(".", "").isupper():
        return False  # acronyms: ICT, DICT, UN
    if any(c.isdigit() for c in text) or "+" in text or "@" in text:
        return False
    return fold(text.rstrip(".")) not in _STOP or fold(text) in _NAME_LIKE_COUNTRIES


def _is_capitalised_surname(token) -> bool:
    """"DIOP" in "M. Moussa DIOP": an all-capitals surname after a first name, not an acronym."""
    text = token.text
    return (len(text) >= 3 and text.isalpha() and text.isupper()
            and text not in _ACRONYMS and fold(text) not in _STOP)


def _is_initial(token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _crossable_newline(doc, index: int) -> bool:
    """A hard wrap inside prose (long line before it) may split a name; a signature line not."""
    token = doc[index]
    if not token.is_space or token.text != "\n":
        return False  # a blank line or an indented next line is layout, not a wrapped name
    line_start = doc.text.rfind("\n", 0, token.idx) + 1
    return token.idx - line_start >= 45


def name_end(doc, start: int, limit: int = 5) -> int:
    """End (exclusive) of the person's name that starts at token ``start``."""
    end, words, i = start, 0, start
    while i < len(doc) and words < limit:
        token = doc[i]
        if _is_name_word(token) or (words and _is_capitalised_surname(token)) or (
                _is_initial(token) and words and i + 1 < len(doc) and _is_name_word(doc[i + 1])):
            words += 1
            i += 1
            end = i
            continue
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if (words and nxt is not None and token.text in {"-", "‐"} and not token.whitespace_
                and not doc[i - 1].whitespace_ and _is_name_word(nxt)):
            i += 1  # the hyphen of a compound surname
            continue
        if words and token.lower_ in _PARTICLES:
            j = i
            while j < len(doc) and doc[j].lower_ in _PARTICLES and j - i < 3:
                j += 1
            if j < len(doc) and _is_name_word(doc[j]) and fold(doc[j].text) not in _PLACES:
                i = j  # "van der", "de la" before the rest of a surname (not "de Dakar")
                continue
        if words and token.is_space and _crossable_newline(doc, i):
            i += 1
            continue
        break
    return end


# -- evidence around a name -------------------------------------------------------------------

_CHUNK_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s|\n\s*\n|[.!?][ \t]*\n|\n\s*[-*•]\s")
_DETERMINERS = {"the", "a", "an", "our", "his", "her", "their", "its", "my", "your", "la", "le",
                "les", "l", "el", "los", "las", "o", "os", "um", "uma", "un", "une", "-", "*", "•"}
_NOT_APPOSITION = {
    "and", "but", "or", "so", "then", "together", "with", "in", "on", "for", "after", "before",
    "during", "since", "while", "because", "as", "if", "when", "where", "although", "though",
    "et", "mais", "ou", "y", "pero", "e", "mas", "und", "aber", "said", "says", "told",
    "replied", "asked", "added", "noted", "explained", "confirmed", "promised", "agreed", "has",
    "had", "have", "is", "was", "will", "would", "can", "could", "did", "does", "we", "i",
    "they", "it", "he", "she", "nous", "je", "il", "elle", "nosotros", "él", "ella", "nós",
    "ele", "ela", "please", "thanks", "thank"}
_PRONOUN_CLAUSE = re.compile(r"(?i:(?:he|she|il|elle|él|ella|ele|ela|er|sie)\s+(?:is|was|heads"
                             r"|leads|chairs|works|serves|est|dirige|es|é|ist)\b)")
_PREPOSITIONS = {"of", "from", "at", "in", "with", "de", "du", "des", "da", "do", "del", "à",
                 "au", "en", "em", "no", "na", "für", "von", "bei", "for"}


@dataclass(slots=True)
class Evidence:
    """What the words around one name say about the person."""

    titles: list[str] = field(default_factory=list)
    prefix: str = ""
    before: str = ""
    after: str = ""
    attached: str = ""
    rest: str = ""
    tail: str = ""
    sentence: str = ""

    def kinds(self) -> set[str]:
        return {title_kind(t) for t in self.titles}

    def local(self) -> str:
        """The appositions and attached phrase: what describes this very person."""
        tail = " ".join([*self.prefix.split()[-3:], *self.titles])
        return " | ".join(p for p in (self.before, tail, self.attached, self.after) if p)

    def around(self) -> str:
        """The local phrases plus the clause that leads to the name."""
        return " | ".join(p for p in (self.before, self.prefix, self.attached, self.after) if p)


def _title_chain(text: str, start: int) -> tuple[list[str], int]:
    """Titles written right before offset ``start`` ("His Excellency Ambassador")."""
    titles, cut = [], start
    for _ in range(4):
        match = _ONE_TITLE.search(text, max(0, cut - 60), cut)
        if not match:
            break
        titles.insert(0, match.group("c") or match.group("o"))
        cut = match.start()
    return titles, cut


def _chunks(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, separator before) of the sentence's comma/colon/bracket-separated chunks."""
    bounds, last, separator = [], 0, ""
    for match in _CHUNK_BREAK.finditer(sentence):
        bounds.append((last, match.start(), separator))
        last, separator = match.end(), match.group(0).strip()
    bounds.append((last, len(sentence), separator))
    return bounds


_APPOSITIVE_SEPARATORS = {",", "(", ")", "–", "—", "-", ":"}


def _evidence(doc, start: int, end: int) -> Evidence:
    """Titles, appositions and the attached phrase of the name doc[start:end]."""
    sent = doc[start].sent
    base, text = sent.start_char, sent.text
    name_from, name_to = doc[start].idx - base, doc[end - 1].idx + len(doc[end - 1]) - base
    titles, cut = _title_chain(text, name_from)
    chunks = _chunks(text)
    index = next(i for i, (a, b, _) in enumerate(chunks) if a <= name_from <= b)
    a, b, separator = chunks[index]
    prefix, rest = text[a:cut].strip(), text[name_to:b].strip()
    found = Evidence(titles=titles, prefix=prefix, sentence=text)
    if (index > 0 and separator in _APPOSITIVE_SEPARATORS
            and all(w.lower().strip("'’") in _DETERMINERS for w in prefix.split())):
        before = " ".join(text[chunks[index - 1][0]:chunks[index - 1][1]].split()[-10:])
        if _describes_person(before):  # "the Director General, Mr. X", not "After we met, X"
            found.before = before
    if rest and rest.split()[0].lower() in _PREPOSITIONS:
        found.attached = _attached_phrase(rest)
    if ((not rest or re.fullmatch(r"\([^()]*\)", rest)) and index + 1 < len(chunks)
            and chunks[index + 1][2] in _APPOSITIVE_SEPARATORS):
        nxt = text[chunks[index + 1][0]:chunks[index + 1][1]].strip()
        first = nxt.split()[0].lower() if nxt else ""
        if first and first not in _NOT_APPOSITION and not _finite_verb_at(
                doc, base + chunks[index + 1][0]):
            found.after = nxt
    if not found.after and index + 1 < len(chunks) and not rest:
        nxt = text[chunks[index + 1][0]:chunks[index + 1][1]].strip()
        if _PRONOUN_CLAUSE.match(nxt):  # "Ms. X; she heads the unit at the Ministry"
            found.after = nxt
    found.tail = text[name_to:]
    if not found.after and rest in {"", ".", "!"} and index == len(chunks) - 1:
        found.after = _pronoun_sentence(doc, sent.end)  # "… met Ms. X. She is the Director …"
    found.rest = rest
    return found


_PERSON_NOUN = re.compile(
    r"(?i:\b(?:successor|predecessor|replacement|official|diplomat|delegate|aide|staffer"
    r"|representative|focal point|colleague|counterpart|négociat|negotiator|spokes(?:person|man"
    r"|woman)|contact|fonctionnaire|funcionari[oa]|servidor[a]?)s?\b)"
)


def _describes_person(phrase: str) -> bool:
    """An apposition before a name names what the person is: a title, a role, a job."""
    return bool(_TITLE_ANYWHERE.search(phrase) or _PERSON_NOUN.search(phrase)
                or _NEGATIVE.search(phrase) or _SUCCESSOR.search(phrase))


def _attached_phrase(rest: str) -> str:
    """"of the Permanent Mission of X and Y" after a name: the body, whole; else a few words."""
    body = _ORG.search(rest)
    if body and len(rest[:body.start()].split()) <= 3:
        return " ".join(rest[:body.end()].split())
    attached = re.split(r"\s(?:and|et|y|e|or|ou|but|who|which|qui|que)\s", rest)[0]
    return " ".join(attached.split()[:9])


def _finite_verb_at(doc, offset: int) -> bool:
    """Whether the chunk starting at ``offset`` opens with a finite verb ("…, met the …")."""
    token = doc.char_span(offset, len(doc.text), alignment_mode="expand")
    first = next((t for t in token or [] if not t.is_space), None)
    return first is not None and first.pos_ in {"VERB", "AUX"} and first.tag_ in {
        "VBD", "VBZ", "VBP", "MD"}


def _pronoun_sentence(doc, index: int) -> str:
    """The next sentence's first clause when it speaks of the same person as "she"/"he"."""
    if index >= len(doc):
        return ""
    following = doc[index].sent.text.strip()
    if not _PRONOUN_CLAUSE.match(following):
        return ""
    return _CHUNK_BREAK.split(following)[0]


# -- candidates -------------------------------------------------------------------------------


def _candidate_spans(doc) -> list[tuple[int, int]]:
    """Token spans that may be a person's name: after a title, PERSON entities, appositions."""
    spans: dict[int, int] = {}
    for token in doc:
        if not _is_name_word(token) or (token.text in _NAME_ABBREVIATIONS and token.i + 1 >= len(
                doc)):
            continue
        titled = _title_chain(doc.text, token.idx)[0]
        after_comma = token.i > 0 and doc[token.i - 1].text == ","
        if titled or after_comma:
            end = name_end(doc, token.i)
            if end > token.i and (titled or end - token.i >= 2):
                spans.setdefault(token.i, end)
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = next((t.i for t in ent if _is_name_word(t)
                      and fold(t.text) not in _TITLE_KIND), None)
        if start is not None:
            spans.setdefault(start, max(name_end(doc, start), spans.get(start, start)))
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans.items()):
        if out and start < out[-1][1]:
            continue  # inside a longer name already taken
        if end > start:
            out.append((start, end))
    return out


def _clean_name(text: str) -> str:
    return " ".join(re.sub(r"(?:'s|’s)$", "", text.strip()).split())


def _is_author(name: str, author: str, titles: list[str]) -> bool:
    """The text's author naming themselves; an official who shares a surname is not them."""
    mine, theirs = fold(name).split(), fold(author or "").split()
    if not mine or not theirs:
        return False
    if mine == theirs or (len(mine) > 1 and mine[0] == theirs[0] and mine[-1] == theirs[-1]):
        return True
    office = any(title_kind(t) in {"office", "honour"} for t in titles)
    return len(mine) == 1 and mine[0] in {theirs[0], theirs[-1]} and not office


# -- judging one name ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Record:
    """One sighting of a person in this text, before the sightings are grouped."""

    name: str
    surface: str
    title: str = ""
    role: str = ""
    country: str = ""
    organization: str = ""
    sentence: str = ""
    official: bool = True
    country_rank: int = 0  # 3 bracketed, 2 said locally or signed, 1 the author's, 0 nearby


def _judge(doc, start: int, end: int, context: NlpContext, home: str) -> _Record | None:
    """An official, a name-only sighting, or nothing, from the words around one name."""
    evidence = _evidence(doc, start, end)
    name = _clean_name(doc[start:end].text)
    if not name or _salutation(doc, start, evidence) or _is_author(
            name, context.author_name, evidence.titles):
        return None
    kinds, local = evidence.kinds(), evidence.local()
    if "academic" in kinds or _NEGATIVE.search(local) or _RETIRED.search(
            evidence.prefix[-25:]) or _RETIRED_NOW.search(evidence.tail.split(".")[0][:80]):
        return None
    appositive = _appositive_title(evidence)
    if not (evidence.titles or appositive or any(t.ent_type_ == "PERSON" for t in doc[start:end])):
        return None  # capitalised words after a comma, with nothing saying they are a person
    cues = evidence.around() if evidence.titles else local
    government = _GOV.search(cues) or _IGO.search(cues)
    successor = _SUCCESSOR.search(evidence.before or evidence.prefix) and _GOV.search(
        evidence.sentence)
    strong = kinds & {"office", "honour"} or title_kind(appositive) == "office"
    surface = " ".join(doc[start:end].text.split())
    if evidence.titles:
        surface = " ".join([*evidence.titles, surface])
    surface = _clean_name(surface)
    if not (strong or ((government or successor) and (evidence.titles or appositive
                                                       or len(name.split()) >= 2))):
        if evidence.titles:
            explicit = _explicit_country(doc, end)
            return _Record(name=name, surface=surface, official=False, sentence=evidence.sentence,
                           country=explicit.get("country", ""), country_rank=3 * bool(explicit))
        return None
    return _official_record(doc, end, evidence, name, surface, appositive, government, home)


def _official_record(doc, end: int, evidence: Evidence, name: str, surface: str,
                     appositive: str, government, home: str) -> _Record:
    """Title, role, organisation and country of a name judged to be an official."""
    record = _Record(name=name, surface=surface, sentence=evidence.sentence)
    record.title = _best_title(evidence.titles, appositive)
    record.role = _role(evidence)
    record.organization = _organization(evidence)
    if not (record.organization or record.role) and title_kind(record.title) in {
            "courtesy", "ambiguous"} and government:
        record.organization = government.group(0)
    explicit = _explicit_country(doc, end)
    if explicit:
        record.country, record.country_rank = explicit["country"], 3
    else:
        record.country, record.country_rank = _official_country(
            doc, evidence, record.organization, home)
    return record


def _salutation(doc, start: int, evidence: Evidence) -> bool:
    """"Dear Mr. Baptiste," addresses the reader; it says nothing about an office."""
    line_start = doc.text.rfind("\n", 0, doc[start].idx) + 1
    before = doc.text[line_start:doc[start].idx]
    return bool(_SALUTATION.match(before))


def _appositive_title(evidence: Evidence) -> str:
    """An office named in apposition: "the Director General …, Mr. X", "Ms. Y, Counsellor …"."""
    text = evidence.before
    match = None
    for match in _TITLE_ANYWHERE.finditer(text):  # noqa: B007 - the last one is the person's
        pass
    if not match and evidence.after:
        text = re.sub(r"^(?i:(?:he|she|il|elle|él|ella|ele|ela|er|sie)\s+(?:is|was|est|es|é"
                      r"|ist)\s+)?(?i:the|a|an|la|le|el|o|our)\s+", "", evidence.after)
        match = _TITLE_ANYWHERE.match(text)
    if not match:
        return ""
    title = match.group(0)
    if title_kind(title) == "ambiguous":  # "Director" says little: "… of X"
        complement = _COMPLEMENT.match(text, match.end())
        title += complement.group(0) if complement else ""
    return title


_COMPLEMENT = re.compile(
    r"\s+(?:to|of|for|de|du|des|da|do|del|pour)\s+(?:[^\s,;:()]+\s+){0,6}?[^\s,;:()]+"
    r"(?=\s+(?:at|in|à|en|em|no|na|who|qui|que|,)\b|\s*[,;:()]|\s*$)"
)
_MINISTER_OF = re.compile(
    rf"\b(?P<head>Minister|Ministre|Ministro|Ministra)\s+(?P<of>(?:of|for|de la|des|du|de|da|do"
    rf"|del)\s+(?:the\s+)?{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*)"
)
_MINISTRY = {"Minister": "Ministry", "Ministre": "Ministère", "Ministro": "Ministerio",
             "Ministra": "Ministerio"}


def _best_title(titles: list[str], appositive: str) -> str:
    """The functional office first, then an honour, then a courtesy title."""
    ranked = [*titles, appositive] if appositive else list(titles)
    for wanted in ("office", "honour", "ambiguous", "courtesy"):
        for title in ranked:
            if title and title_kind(title) == wanted:
                return title
    return ranked[-1] if ranked else ""


def _explicit_country(doc, end: int) -> dict:
    """A country in brackets right after the name: "Ambassador X (Kenya)"."""
    tail = doc.text[doc[end - 1].idx + len(doc[end - 1]):][:60]
    match = re.match(r"\s*\(([^()\n]{2,40})\)", tail)
    found = countries.find_country(match.group(1)) if match else ""
    return {"country": found} if found else {}


def _role(evidence: Evidence) -> str:
    """The person's function in the process ("Co-Facilitator of the WSIS+20 review")."""
    who = _WHO.match(evidence.after)
    if who:
        clause = re.sub(r"^(?i:listed as)\s+", "", who.group("clause").strip())
        return re.sub(r"^(?i:the|a|an)\s+", "", clause)
    copula = re.match(r"(?i)(?:is|was|serves as|acts as|est|es|é|será|will be)\b", evidence.rest)
    texts = [evidence.after, evidence.rest if copula else "", evidence.before]
    if re.search(r"(?i)\bother\b|l['’]autre|\botr[oa]\b|\boutr[oa]\b", evidence.prefix):
        texts.append(evidence.sentence)
    for text in texts:
        match = _ROLE.search(text or "")
        if match:
            return _singular(match.group("noun")) + match.group("rest").rstrip()
    return ""


def _singular(noun: str) -> str:
    if noun.lower().startswith("heads of"):
        return noun[:4] + noun[5:]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _organization(evidence: Evidence) -> str:
    """The government or intergovernmental body the text ties the person to."""
    for text in (evidence.attached, evidence.after, evidence.before, evidence.prefix):
        match = _ORG.search(text or "")
        if match:
            return re.sub(r"^(?:The|the|Our|our|La|Le|El)\s+", "", match.group(0)).strip()
        minister = _MINISTER_OF.search(text or "")
        if minister:
            return f"{_MINISTRY[minister.group('head')]} {minister.group('of')}"
        acronym = _BODY_NAME.search(text or "")
        if acronym:
            return acronym.group(0)
    return ""


_BODY_NAME = re.compile(
    rf"(?<![\w-])(?:{_alternatives(GOVERNMENT_BODIES + INTERGOVERNMENTAL_BODIES)})(?![\w-])")


def _official_country(doc, evidence: Evidence, organization: str,
                      home: str) -> tuple[str, int]:
    """Country said next to the name, else none for IGO staff, else the author's, else nearby.

    Returns the country and how sure it is (see ``_Record.country_rank``).
    """
    local = " | ".join(p for p in (evidence.before, evidence.attached, evidence.after,
                                    organization) if p)
    said = countries.official_country(local)
    if said:
        return said, 2
    body = f"{organization} {evidence.attached} {evidence.after} {evidence.before}"
    if _IGO.search(body) and not _NATIONAL.search(body):
        return "", 2
    if home:
        return home, 1
    nearby = re.sub(r"\([^()\n]{2,40}\)", " ", evidence.sentence)  # others' bracketed countries
    return (countries.find_country(nearby, ("country", "demonym"))
            or countries.find_country(doc.text, ("country", "demonym", "place"))), 0


# -- signatures and sign-off blocks -------------------------------------------------------------

_MAIN_BODY = re.compile(
    r"(?i:\bministr|\bministère|\bministerio|\bministério|\bmission\b|\bmisión|\bmissão"
    r"|représentation|\bembass|\bambassade|\bembajada|\bsenat|\bsénat|\bsenado|\bparliament"
    r"|\bparlement|\bnational assembly|\basamblea|\bauthority|\bautorit|\bcommission\b"
    r"|\bregulat|\bgovernment of|\bgouvernement d|\bgobierno de|\bunited nations department"
    r"|\bun desa\b|\bsecretariat\b)"
)
_CHAPTER_LINE = re.compile(r"(?i:\bisoc\b|internet society|\bchapter\b|\bchapitre\b|\bcap[ií]tulo"
                           r"|\bboard\b)")
_VALEDICTION = re.compile(
    r"(?i:^(?:kind(?:est)? regards|best regards|best wishes|regards|best|sincerely|yours"
    r" sincerely|yours faithfully|yours truly|respectfully|warm wishes|with best regards|with"
    r" kind regards|warm regards|many thanks|thank you|thanks|cordialement|bien cordialement"
    r"|très cordialement|bien à vous|salutations|sincères salutations|atentamente|saludos"
    r"|cordiales saludos|saludos cordiales|un saludo|un cordial saludo|com os melhores"
    r" cumprimentos|cumprimentos|atenciosamente|mit freundlichen grüßen|viele grüße)[,.!]?$)"
)


def _signoff_block(text: str) -> str:
    """The lines after a letter's valediction (name, title, body, city), or a closing block.

    Without a short valediction ("Veuillez agréer … l'expression de …" is a sentence), a
    last paragraph of a few short lines that starts with a name is taken as the block.
    """
    lines = text.rstrip().splitlines()
    for i in range(len(lines) - 1, max(-1, len(lines) - 10), -1):
        if _VALEDICTION.match(lines[i].strip()):
            return "\n".join(lines[i + 1:])
    last = text.rstrip().rsplit("\n\n", 1)[-1].strip().splitlines()
    if 2 <= len(last) <= 6 and all(len(x) < 90 for x in last) and _name_line(last[0]):
        return "\n".join(last)
    return ""


def _name_line(line: str) -> str:
    """The line as a person's name (courtesy title dropped), or '' if it is not one."""
    words = line.strip().split()
    while words and fold(words[0]) in _TITLE_KIND and _TITLE_KIND[fold(words[0])] in {
            "courtesy", "academic"}:
        words = words[1:]
    if not 2 <= len(words) <= 5:
        return ""
    for word in words:
        if word.lower() in _PARTICLES or re.fullmatch(r"[A-ZÀ-Þ]\.", word):
            continue
        if not word[0].isupper() or not re.fullmatch(r"[\w’'.-]+", word) or fold(
                word.strip(".")) in _STOP or (word.isupper() and len(word) < 3):
            return ""
    return " ".join(words)


def _signed(doc, context: NlpContext, home: str) -> list[_Record]:
    """Officials who sign this text: a list member's own signature, a forwarded letter's."""
    blocks: list[str] = []
    if context.part == "signature":
        blocks.append(doc.text)
    elif context.part == "forwarded":
        blocks += [context.signature or "", _signoff_block(doc.text)]
    out = []
    for block in blocks:
        record = _signature_record(block, context, home)
        if record is not None:
            out.append(record)
    return out


def _signature_record(block: str, context: NlpContext, home: str) -> _Record | None:
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    if not lines:
        return None
    name = _name_line(lines[0])
    rest = lines[1:] if name else lines
    name = name or _name_line(context.author_name or "")
    offices = [line for line in rest if (_GOV.search(line) or _IGO.search(line)
                                         or _STATE_LINE.match(line)
                                         or title_kind(_leading_title(line)) == "office")
               and not _CHAPTER_LINE.search(line) and not _RETIRED.search(line)]
    if not name or not offices:
        return None
    organization = _signature_body(offices)
    title = _signature_title(rest, organization)
    record = _Record(name=name, surface=name, title=title or organization,
                     organization=organization, sentence=block.strip())
    body = " ".join(offices)
    record.country_rank = 2
    if _IGO.search(body) and not _NATIONAL.search(body):
        record.country = ""
    else:
        record.country = (countries.official_country(body) or countries.official_country(
            "\n".join(lines)) or countries.address_country(context.author_addr) or home)
    return record


_STATE_LINE = re.compile(r"(?i:(?:the )?(?:republic|république|república|kingdom|royaume|reino"
                         r"|state|état|estado|government|gouvernement|gobierno|governo)\b"
                         r"(?: of| du| de| do| da)?\s+\S)")


def _leading_title(line: str) -> str:
    match = _TITLE_ANYWHERE.match(line.strip())
    return match.group(0) if match else ""


def _signature_body(offices: list[str]) -> str:
    """The ministry, mission or UN body of a signature (a main body over its division)."""
    segments = []
    for line in offices:
        segments += [line] if _ORG.match(line) else [s.strip() for s in re.split(r"[,|]", line)]
    for pattern in (_MAIN_BODY, _ORG, _GOV, _IGO):
        for segment in segments:
            if pattern.search(segment) and not _TITLE_ANYWHERE.match(segment):
                return segment
    return segments[0] if segments else ""


def _signature_title(lines: list[str], organization: str) -> str:
    """The office line of a signature: the first line, or line part, that is not a body."""
    for line in lines:
        for segment in re.split(r"[,|]", line):
            segment = segment.strip()
            if not segment or segment in organization or _CHAPTER_LINE.search(segment):
                continue
            if _ORG.match(segment) and not _TITLE_ANYWHERE.match(segment):
                continue
            if countries.place_country(segment) and not _TITLE_ANYWHERE.search(segment):
                continue
            return segment
    return ""


# -- grouping the sightings of one text ----------------------------------------------------------


def _group(records: list[_Record], text: str) -> list[OfficialMention]:
    """One mention per person in this text: the fullest name, the other forms as aliases."""
    groups: list[tuple[_Record, list[str]]] = []
    ordered = sorted(records, key=lambda r: (not r.official, -len(r.name.split())))
    for record in ordered:
        for head, aliases in groups:
            if same_person(head.name, record.name) and _compatible(head, record):
                _absorb(head, record, aliases)
                break
        else:
            groups.append((record, [record.surface]))
    out = []
    for head, aliases in groups:
        aliases += _title_aliases(head, groups, text)
        mention = OfficialMention(
            name=head.name, title=head.title if head.official else "", role=head.role,
            country=head.country, organization=head.organization,
            aliases=sorted({a for a in aliases if a and a != head.name}), sentence=head.sentence)
        if head.official or is_name_only(mention):
            out.append(mention)
    return out


def _compatible(head: _Record, record: _Record) -> bool:
    """Countries conflict only when both were said about the person, not guessed."""
    if min(head.country_rank, record.country_rank) < 2 or not (head.country and record.country):
        return True
    return head.country == record.country


def _absorb(head: _Record, record: _Record, aliases: list[str]) -> None:
    aliases.append(record.surface)
    if record.official and not head.official:
        head.official, head.title = True, record.title
    if len(record.name) > len(head.name):
        aliases.append(head.name)
        head.name = record.name
    for key in ("role", "organization"):
        if not getattr(head, key) and getattr(record, key):
            setattr(head, key, getattr(record, key))
    if record.country_rank > head.country_rank:
        head.country, head.country_rank = record.country, record.country_rank
    if title_kind(head.title) != "office" and title_kind(record.title) == "office":
        head.title = record.title


def _title_aliases(head: _Record, groups: list, text: str) -> list[str]:
    """"The Deputy Minister" when only one person in the text holds that office."""
    if not head.official or _TITLE_KIND.get(fold(head.title)) != "office":
        return []  # a lexicon office only: "the Secretary of the Division" may be someone else
    if sum(1 for other, _ in groups if other.title == head.title) != 1:
        return []
    match = re.search(rf"\b[Tt]he {re.escape(head.title)}\b(?![\w-]| of| for)", text)
    return [match.group(0)] if match else []


# -- entry point --------------------------------------------------------------------------------


def home_country(doc, context: NlpContext) -> str:
    """The country of the text's author, the default for officials they mention."""
    if context.part == "signature":
        return countries.author_country(doc.text, "", context.author_addr)
    if context.part == "forwarded":
        signature = context.signature or _signoff_block(doc.text)
        return countries.author_country(signature, doc.text, context.author_addr)
    return countries.author_country(context.signature, doc.text, context.author_addr)


def find_officials(doc, context: NlpContext | None) -> list[OfficialMention]:
    """Officials named or signing in ``doc``, one mention per person, with attributes."""
    context = context or NlpContext(key="", message_id="")
    home = home_country(doc, context)
    records = [r for r in (_judge(doc, s, e, context, home) for s, e in _candidate_spans(doc))
               if r is not None]
    records += _signed(doc, context, home)
    return _group(records, doc.text)
