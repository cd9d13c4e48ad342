"""Classify sentences as engagement stories, challenges or calls to action.

Rules over the parse plus multilingual cue lexicons (``analyzer.nlp.lexicons``):

* **story** – an engagement that happened or is under way between the chapter
  and a government, parliament, regulator or intergovernmental actor: an
  engagement verb in the past, perfect or progressive (not under a modal, a
  condition, a question or a negation) whose arguments include the chapter
  side, in a sentence that names a government side.
* **challenge** – a reported difficulty: difficulty lexicons, and negated
  engagement ("we have not received any reply").
* **call_to_action** – a request to list members: imperatives, "please",
  "could you", questions put to the list; advice and offers are not requests.

English sentences use the parse; French, Spanish, Portuguese, German and
Italian ones (which the English model cannot parse) use inflected-form cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from analyzer.models import NlpContext, Passage
from analyzer.nlp.lexicons import actors, difficulty, engagement, languages, requests


def _compile(fragments: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile("|".join(f"(?:{fragment})" for fragment in fragments), flags)


def _word_start(fragments: Iterable[str]) -> list[str]:
    return [f if f.startswith("\\b") else rf"\b{f}" for f in fragments]


_GOVERNMENT = _compile(_word_start(actors.GOVERNMENT))
_NOT_GOVERNMENT = _compile(_word_start(actors.NOT_GOVERNMENT))
_GOVERNMENT_EVENT = _compile(_word_start(actors.GOVERNMENT_EVENTS))
_HONORIFIC_NAME = re.compile(actors.HONORIFICS + r"\s+[A-ZÀ-Ý][\w'-]+")
_COURTESY_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Mme|M|Sr|Sra|Dra|Eng|Ing)\.?\s+[A-ZÀ-Ý][\w'-]+")
_WE_ENGAGED = _compile(engagement.WE_ENGAGED)
_THEY_ENGAGED_US = _compile(engagement.THEY_ENGAGED_US)
_OFFICIAL_FOLLOW_UP = _compile(engagement.OFFICIAL_FOLLOW_UP)
_DIFFICULTY = _compile(p for group in difficulty.DIFFICULTY.values() for p in group)
_NOT_DIFFICULTY = _compile(difficulty.NOT_DIFFICULTY)
_REQUEST = _compile(requests.REQUEST)
_NOT_REQUEST = _compile(requests.NOT_REQUEST)
_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:Md|Eng|Ing|Lic|Arq|Dr|Dra|Mr|Mrs|Ms|Mme|Mlle|Prof|Hon|Sr|Sra|Srta|St|Gen|Col|"
    r"Capt|Amb|Sen|Rep|Gov|Pres|Min|Sec|Dep|Mgr|Rev|Fr|Hr|Abg|Ir|Drs|Mx)\.$")
_FOREIGN_IF = re.compile(r"\W*(?:si|se|wenn|falls)\b", re.IGNORECASE)
_SUBJECT_LINE = re.compile(r"(?:re|fwd?|aw|sv|tr|rv|enc)\s*:", re.IGNORECASE)
_LEAD_WORDS = {"and", "so", "but", "also", "now", "then", "just", "meanwhile", "finally"}
_TIME_NOUNS = {"time", "moment", "day", "point", "week", "hour", "minute"}
_BULLETS = {"-", "*", "•", "–", "·"}
_LIST_MARKER = re.compile(r"^(?:[-*•–·]|\(?\d{1,2}[.)])\s+")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,2}[.)]?$")
_SENTENCE_END = re.compile(r"[.!?…:;)\"'”»]$")

_MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll",
           "'d", "wo", "ca"}
_CONDITIONS = {"if", "unless", "whether", "once"}
_ARGUMENT_DEPS = {"dobj", "dative", "prep", "agent", "attr", "nsubjpass", "pobj", "npadvmod",
                  "oprd", "xcomp", "acomp"}


def classify_passages(doc, context: NlpContext | None) -> list[Passage]:
    """Every sentence that is a story, a challenge or a call to action, once per kind."""
    part = context.part if context else "new_text"
    if part == "signature":
        return []
    officials = _official_names(doc)
    out: list[Passage] = []
    seen_actor = False
    recent: list[bool] = []
    for sent in passage_sentences(doc):
        text = _LIST_MARKER.sub("", doc.text[sent.start_char:sent.end_char].strip())
        if len(text) < 12 or _SUBJECT_LINE.match(text):
            continue
        facts = _Sentence(sent, officials, seen_actor, any(recent[-2:]))
        kinds = _kinds(facts, part)
        seen_actor = seen_actor or facts.government
        recent.append("story" in kinds)
        names = [name for name, forms in officials.items() if _mentions(facts.text, forms)]
        out.extend(Passage(kind=kind, text=text, officials=names) for kind in kinds)
    return out


def _kinds(facts: _Sentence, part: str) -> list[str]:
    """The labels of one sentence; forwarded texts are not addressed to the list."""
    kinds = []
    if is_story(facts):
        kinds.append("story")
    if is_challenge(facts):
        kinds.append("challenge")
    if part != "forwarded" and is_call(facts):
        kinds.append("call_to_action")
    return kinds


# --- sentences ------------------------------------------------------------------------

def passage_sentences(doc) -> Iterator:
    """The doc's sentences, with the parser's mid-sentence breaks mended.

    The statistical parser sometimes ends a sentence inside a line ("à la" |
    "Représentation permanente", "Joint Secretary Md." | "Habibur"); a piece
    that ends without punctuation, or with a short abbreviation, and continues on
    the same line is joined with the next one.  It also runs list items together;
    a bullet or item number at the start of a line starts a new sentence.
    """
    pending = None
    for sent in (piece for whole in doc.sents for piece in _list_items(whole)):
        if pending is not None and _continues(pending, sent):
            pending = doc[pending.start:sent.end]
            continue
        if pending is not None:
            yield pending
        pending = sent
    if pending is not None:
        yield pending


def _list_items(sent) -> Iterator:
    """Split a sentence before each bullet or item number that begins a line."""
    doc = sent.doc
    start = sent.start
    for token in sent[1:]:
        if _item_marker(token) and _line_start(token) and token.i > start:
            yield doc[start:token.i]
            start = token.i
    yield doc[start:sent.end]


def _item_marker(token) -> bool:
    """A bullet, or an item number such as "2." or "3)"."""
    if token.text in _BULLETS:
        return True
    if not _ITEM_NUMBER.match(token.text):
        return False
    return token.text[-1] in ".)" or (token.i + 1 < len(token.doc)
                                      and token.nbor(1).text in {".", ")"})


def _line_start(token) -> bool:
    """Whether a line break comes right before the token."""
    previous = token.doc[token.i - 1]
    return "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)


def _continues(first, second) -> bool:
    """Whether ``second`` is the rest of the sentence ``first`` on the same line."""
    text = first.text.rstrip()
    gap = first.doc.text[first.start_char + len(text):second.start_char]
    second_text = second.text
    gap += second_text[:len(second_text) - len(second_text.lstrip())]
    if not text or "\n" in gap:
        return False
    if not _SENTENCE_END.search(text):
        return True
    return bool(_ABBREVIATION_END.search(text)) and second.text[:1].isupper()


class _Sentence:
    """What the rules need to know about one sentence, computed once."""

    def __init__(self, sent, officials: dict[str, set[str]], seen_actor: bool,
                 previous_story: bool):
        self.span = sent
        self.text, self._offsets = _normalise(sent)
        self.lang = language(sent)
        self.seen_actor = seen_actor
        self.previous_story = previous_story
        self.official_forms = {form for group in officials.values() for form in group
                               if _mentions(self.text, [form])}
        self.government = government_mentioned(self.text, self.official_forms) or (
            _unknown_body(sent))
        pronoun = any(t.lower_ in actors.OFFICIAL_PRONOUNS and t.dep_ != "poss" for t in sent)
        self.actor = self.government or bool(_GOVERNMENT_EVENT.search(self.text)) or (
            seen_actor and pronoun)
        self.question = self.text.rstrip().endswith("?")
        self.request_first = _starts_with_imperative(sent)
        self.long_enough = len(self.text.split()) > 3

    def token_at(self, offset: int):
        """The token under a character offset of the normalised text."""
        span = self.span
        target = span.start_char + self._offsets[min(offset, len(self._offsets) - 1)]
        for token in span:
            if token.idx <= target < token.idx + max(len(token.text), 1):
                return token
        return span[0]


def _normalise(sent) -> tuple[str, list[int]]:
    """The sentence with runs of whitespace collapsed, and each character's offset in it."""
    chars: list[str] = []
    offsets: list[int] = []
    raw = sent.text
    start = len(raw) - len(raw.lstrip())
    for index in range(start, len(raw.rstrip())):
        char = raw[index]
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets or [0]


def government_mentioned(text: str, official_forms: Iterable[str] = ()) -> bool:
    """A government body, office or official named in ``text``."""
    if any(_mentions(text, [form]) for form in official_forms):
        return True
    text = _NOT_GOVERNMENT.sub(" ", text)
    return bool(_GOVERNMENT.search(text) or _HONORIFIC_NAME.search(text))


# --- language -------------------------------------------------------------------------

def language(sent) -> str:
    """The sentence's language by function words; English unless another clearly wins."""
    words = [t.lower_.strip("'’") for t in sent if t.is_alpha or "'" in t.text]
    scores = {lang: sum(w in stops for w in words)
              for lang, stops in languages.FUNCTION_WORDS.items()}
    english = scores.pop("en")
    best = max(scores, key=scores.get)
    if scores[best] >= 2 and scores[best] > english:
        return best
    return "en"


# --- stories --------------------------------------------------------------------------

def is_story(facts: _Sentence) -> bool:
    """An engagement reported as done or under way, with the chapter and an official side."""
    if facts.question or facts.request_first:
        return False
    if facts.lang != "en" or (facts.actor and _WE_ENGAGED.search(facts.text)):
        return _foreign_story(facts)
    return story_verb(facts) is not None


def _foreign_story(facts: _Sentence) -> bool:
    """Inflected-form cues: "nous a reçus" alone; "nous avons rencontré" with an official."""
    if _THEY_ENGAGED_US.search(facts.text):
        return True
    if _OFFICIAL_FOLLOW_UP.search(facts.text) and (facts.actor or facts.previous_story):
        return True
    return bool(_WE_ENGAGED.search(facts.text)) and facts.actor


def story_verb(facts: _Sentence):
    """The verb that reports the engagement, if any."""
    root_negated = any(negated(t) for t in facts.span if t.dep_ == "ROOT")
    for verb in facts.span:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        if root_negated and not _main_clause(verb):
            continue
        if (_reports_engagement(verb, facts) or _continues_story(verb, facts)
                or _official_replied(verb, facts)):
            return verb
    return None


def _reports_engagement(verb, facts: _Sentence) -> bool:
    """An engagement verb, reported, with the chapter among its arguments."""
    if not _engagement_verb(verb):
        return False
    arguments = _arguments(verb)
    if not any(_chapter_side(t) for t in arguments):
        return False
    if verb.lemma_.lower() in engagement.WEAK_VERBS and not _contact_object(verb):
        return _government_argument(arguments, facts)
    if _adverbial(verb):
        return _government_argument(arguments, facts)
    return facts.actor


def _adverbial(verb) -> bool:
    """"when we spoke", "by the time we arrived", "the officials we met": background.

    Such clauses count only when an official is among the verb's own arguments.
    """
    if verb.dep_ == "advcl":
        return True
    return verb.dep_ == "relcl" and (verb.head.lower_ in _TIME_NOUNS
                                     or government_mentioned(verb.head.text))


def _continues_story(verb, facts: _Sentence) -> bool:
    """After a story, a named official's own action ("He confirmed ...", "They sent one ...")."""
    if not facts.previous_story or not _engagement_verb(verb):
        return False
    if verb.lemma_.lower() not in engagement.FOLLOW_UP_VERBS and not _contact_object(verb):
        return False
    subject = _subject(verb)
    if subject is None or not _definite_actor(subject):
        return False
    return _government_argument(list(subject.subtree), facts)


def _definite_actor(subject) -> bool:
    """A name, a pronoun or "the ministry" – one actor, not "several delegations"."""
    if subject.pos_ == "PROPN" or subject.lower_ in {"he", "she", "they"}:
        return True
    return subject.tag_ == "NN" and any(c.lower_ in {"the", "his", "her", "its", "our"}
                                        for c in subject.children)


def _official_replied(verb, facts: _Sentence) -> bool:
    """"She replied within a week", "his office called": replying implies the chapter wrote."""
    if verb.lemma_.lower() not in engagement.REPLY_VERBS or not _engagement_verb(verb):
        return False
    if any(child.dep_ == "dobj" and not _chapter_side(child)
           and child.lemma_.lower() not in engagement.CONTACT_NOUNS for child in verb.children):
        return False
    subject = _subject(verb)
    return subject is not None and _government_argument(list(subject.subtree), facts)


def _engagement_verb(verb) -> bool:
    """An engagement lemma, reported, not negated, not a reported question, not "you"."""
    if verb.lemma_.lower() not in engagement.ENGAGE_VERBS:
        return False
    if not is_reported(verb) or negated(verb) or _embedded_question(verb):
        return False
    subject = _subject(verb)
    return subject is None or subject.lower_ not in {"you", "your"}


def _subject(verb):
    """The verb's subject, inherited from the first conjunct; relative pronouns resolved."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass", "expl"}:
                if child.lower_ in {"who", "that", "which"} and node.dep_ == "relcl":
                    return node.head
                return child
        if node.dep_ != "conj":
            break
        node = node.head
    return None


def _arguments(verb) -> list:
    """Tokens of the verb's subject, objects, complements and prepositional phrases."""
    tokens = []
    subject = _subject(verb)
    if subject is not None:
        tokens.extend(subject.subtree)
    for child in verb.children:
        if child.dep_ in _ARGUMENT_DEPS:
            tokens.extend(child.subtree)
    return tokens


def _chapter_side(token) -> bool:
    """First person, the chapter and its people ("our board"), or what is ours ("our note")."""
    lower = token.lower_
    if lower in actors.FIRST_PERSON:
        return True
    if lower in {"our", "my"} and token.dep_ == "poss":
        head = token.head
        return not (government_mentioned(head.text) or head.lemma_.lower() in actors.CONTACTS)
    if lower not in actors.CHAPTER_NOUNS:
        return False
    modifiers = {child.lower_ for child in token.children}
    if modifiers & actors.OTHER_DETERMINERS or any(government_mentioned(m) for m in modifiers):
        return False
    if lower in {"chapter", "chapters", "isoc"}:
        return True
    return bool(modifiers & {"our", "my", "chapter", "isoc"})


def _government_argument(tokens: list, facts: _Sentence) -> bool:
    """An official, a government body, or a pronoun standing for one, among ``tokens``."""
    text = " ".join(t.text for t in tokens)
    if government_mentioned(text, facts.official_forms):
        return True
    if facts.seen_actor and _COURTESY_NAME.search(text):
        return True
    if any(t.ent_type_ == "ORG" and _unknown_acronym(t.text) for t in tokens):
        return True
    return facts.seen_actor and any(
        t.lower_ in actors.OFFICIAL_PRONOUNS and t.dep_ in {"nsubj", "nsubjpass"} for t in tokens)


def _contact_object(verb) -> bool:
    """"had a meeting", "went through a hearing", "gave evidence": the noun is the contact."""
    nouns = [child for child in verb.children if child.dep_ in {"dobj", "nsubjpass"}]
    nouns += [grand for child in verb.children if child.dep_ == "prep"
              for grand in child.children if grand.dep_ == "pobj"]
    return any(noun.lemma_.lower() in engagement.CONTACT_NOUNS for noun in nouns)


def _main_clause(verb) -> bool:
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _embedded_question(verb) -> bool:
    """"how other chapters are approaching", "who you met": reported questions, not events."""
    node = verb
    for _ in range(3):
        if any(child.tag_ in {"WRB", "WP"} and child.i < node.i and child.lower_ != "when"
               and child.dep_ != "nsubj" for child in node.children):
            return True
        if any(child.dep_ == "mark" and child.lower_ == "whether" for child in node.children):
            return True
        if node.dep_ != "conj":
            break
        node = node.head
    return False


def is_reported(verb) -> bool:
    """Past, perfect, passive past or progressive, and not modal, conditional or planned."""
    if _under_modal_or_condition(verb):
        return False
    aux = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
    if "be" in aux:
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VB":
        return bool(aux & {"did"})
    if verb.tag_ == "VBN":
        return bool(aux & {"have", "has", "had", "'ve", "was", "were", "been", "is", "are",
                           "'s"}) or verb.dep_ in {"conj", "relcl", "acl"}
    if verb.tag_ == "VBG":
        return bool(aux & {"am", "is", "are", "was", "were", "'re", "'m", "been"}) and (
            verb.lemma_.lower() not in {"write", "send", "share", "tell"}) and not _going_to(verb)
    return False


def _going_to(verb) -> bool:
    """"We are going to write ...": a plan, not a journey under way."""
    return verb.lemma_.lower() == "go" and any(
        child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.children)
        for child in verb.children)


def _under_modal_or_condition(verb) -> bool:
    """A modal, "going to" or an "if" clause on the verb or the clauses above it."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in _MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
                return True
            if child.dep_ == "aux" and child.lower_ == "to" and node is verb:
                return True
        if node.dep_ in {"conj", "xcomp", "ccomp", "advcl"} and node.head is not node:
            node = node.head
            continue
        break
    return False


def negated(verb) -> bool:
    """"not", "never", or an object with "no" ("received no reply")."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "not", "n't"}:
            return True
        if child.dep_ == "dobj" and any(d.lower_ in {"no", "nothing", "none"}
                                        for d in child.subtree):
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"nobody", "nothing",
                                                                    "none", "noone"}:
            return True
    return False


# --- challenges -----------------------------------------------------------------------

def is_challenge(facts: _Sentence) -> bool:
    """Difficulty cues, or an engagement that did not happen, reported rather than supposed."""
    if facts.question or facts.request_first or not facts.long_enough:
        return False
    text = _NOT_DIFFICULTY.sub(lambda match: " " * len(match.group()), facts.text)
    if any(not _supposed(facts, match.start()) for match in _DIFFICULTY.finditer(text)):
        return True
    if facts.lang == "en" and facts.actor:
        return any(_failed_engagement(verb) for verb in facts.span)
    return False


def _supposed(facts: _Sentence, offset: int) -> bool:
    """A cue inside an "if" clause, or said of the reader in a request ("if you hit a wall")."""
    if facts.lang != "en":
        comma = facts.text.find(",")
        return bool(_FOREIGN_IF.match(facts.text)) and (comma < 0 or offset < comma)
    token = facts.token_at(offset)
    request = is_call(facts)
    for node in [token, *token.ancestors]:
        children = list(node.children)
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in children):
            return True
        if request and node.pos_ in {"VERB", "AUX"} and any(
                c.dep_ == "nsubj" and c.lower_ in {"you", "others", "anyone"} for c in children):
            return True
        if request and node.dep_ == "relcl" and node.head.lower_ in {"others", "those"}:
            return True
    return False


def _failed_engagement(verb) -> bool:
    lemma = verb.lemma_.lower()
    return (lemma in {"reply", "respond", "answer", "receive", "hear", "send", "meet",
                      "acknowledge", "invite", "know", "read", "follow", "include"}
            and negated(verb) and not _under_modal_or_condition(verb))


# --- calls to action ------------------------------------------------------------------

def is_call(facts: _Sentence) -> bool:
    """A request to list members: polite forms, questions to the list, imperatives."""
    if _NOT_REQUEST.search(facts.text):
        return False
    if _REQUEST.search(facts.text):
        return True
    if facts.lang != "en":
        return False
    first = _first_word(facts.span)
    if first is not None and _capitalised_imperative(first, facts.span):
        return True
    return any(imperative(token, facts.span) for token in facts.span)


def imperative(token, span) -> bool:
    """A bare verb with no subject heading its clause: "send it to me", "tell us"."""
    if token.tag_ not in {"VB", "VBP"} or token.lemma_.lower() not in requests.IMPERATIVE_VERBS:
        return False
    if token.tag_ == "VBP" and token.lower_ != token.lemma_.lower():
        return False
    for child in token.children:
        if child.dep_ in {"aux", "auxpass", "nsubjpass"}:
            return False
        if child.dep_ == "nsubj" and not _vocative(child, token):
            return False
    if _piece_root(token, span):
        return True
    return token.dep_ == "conj" and _piece_root(token.head, span) and imperative(token.head, span)


def _piece_root(token, span) -> bool:
    """The root of the sentence, or of a list item the parser ran into its neighbours."""
    return token.dep_ == "ROOT" or not span.start <= token.head.i < span.end


def _vocative(subject, verb) -> bool:
    """"Luís and others who cannot join: send me ..." – a name addressed, then the verb."""
    between = subject.doc[subject.i:verb.i]
    return subject.i < verb.i and any(t.text in {":", ","} for t in between) and (
        subject.lower_ not in actors.FIRST_PERSON | {"you", "they", "he", "she", "it"})


def _starts_with_imperative(sent) -> bool:
    """The first word (after "and", "so", a bullet) is a bare verb: advice or a request."""
    first = _first_word(sent)
    if first is None or any(c.dep_ in {"nsubj", "aux"} for c in first.children):
        return False
    if first.tag_ == "VB":
        return True
    return _capitalised_imperative(first, sent)


def _first_word(sent):
    for token in sent:
        if token.is_punct or token.is_space or token.like_num or token.lower_ in _LEAD_WORDS:
            continue
        return token
    return None


def _capitalised_imperative(token, span) -> bool:
    """"Register on the website ...": the tagger takes a capitalised first verb for a name."""
    if token.lower_ not in requests.IMPERATIVE_VERBS or not _piece_root(token, span):
        return False
    if token.tag_ not in {"NN", "NNP", "VBP", "VB"}:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in {"of", "from", ":", "for", "-", "–"}


# --- officials and bodies -------------------------------------------------------------

def _official_names(doc) -> dict[str, set[str]]:
    """Each official's name with the surface forms that identify them in a sentence."""
    names: dict[str, set[str]] = {}
    for record in doc._.officials or []:
        name = (record.get("name") or "").strip()
        if not name:
            continue
        forms = {name, *(a for a in record.get("aliases") or () if a)}
        last = name.split()[-1]
        if len(last) > 2:
            forms.add(last)
        names.setdefault(name, set()).update(forms)
    return names


def _mentions(text: str, forms: Iterable[str]) -> bool:
    """Whether any of the surface forms occurs in ``text`` as whole words."""
    return any(_form_pattern(form).search(text) for form in forms)


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def _unknown_acronym(text: str) -> bool:
    """Initials such as a ministry's or regulator's that are not the community's own."""
    return len(text) >= 3 and text.isupper() and text.lower() not in actors.COMMUNITY_ACRONYMS


def _unknown_body(sent) -> bool:
    """An organisation the model found whose name is unknown initials (DICT, ARCEP)."""
    return any(ent.label_ == "ORG" and _unknown_acronym(ent.text) for ent in sent.ents)
