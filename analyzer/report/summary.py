"""Extractive thread summaries: LexRank over the thread's own new words.

Only new text goes in (anatomy already removed quotes, forwards, signatures and
list footers), so a summary can never repeat what a reply quoted.  Sentences are
nodes of a graph weighted by TF-IDF cosine similarity; the stationary
distribution of a damped random walk over it (power iteration) ranks the
sentences most "central" to the discussion (Erkan & Radev 2004, continuous
LexRank).  Sentences that NLP marked as a story, challenge or call to action are
what a digest reader came for, so their score is boosted.  The best 2-3, free of
near-duplicates (bilingual messages say everything twice), are returned in the
order they were written.

No spaCy here: a regex sentence splitter and word tokens keep a week's summaries
in milliseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

DAMPING = 0.85
BOOST = 1.5
REDUNDANT = 0.6
MIN_CHARS, MAX_CHARS = 30, 400
MIN_WORDS = 5
MAX_SENTENCES = 300

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its just me more
most my no nor not now of off on once only or other our ours out over own same she should so
some such than that the their theirs them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you
your yours us let please thanks thank hi hello dear all regards best cheers
le la les un une des du de et ou en au aux ce ces cet cette il elle ils elles nous vous je tu
est sont pour par sur dans avec qui que quoi dont ne pas plus se sa son ses leur leurs mais
el los las y o del al lo su sus es son por para con sin que como pero más nos les una unos
uno se ya muy hay este esta estos estas ese esa
o os um uma uns umas da das do dos no na nos nas ao aos é são com sem não mas pelo pela
der die das ein eine und oder ist sind für mit von zu auf nicht wir ihr sie es im dem den
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BOUNDARY = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+(?=[¿¡\"'“‘(\[]?[^\W\d_a-zß-ÿ])"
)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# A full stop after these (the last word so far) does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?i:mr|mrs|ms|dr|dra|prof|st|hon|amb|sen|rep|sr|sra|mme|eng|md|jr|nr|approx|vs|cf"
    r"|e\.g|i\.e|h\.e|u\.s|u\.n)\.|[A-Z]\."
)


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rsplit(None, 1)[-1].lstrip("([{\"'“‘") if text.strip() else ""
    return bool(_ABBREVIATION.fullmatch(last))


def split_sentences(text: str) -> list[str]:
    """Sentences of a message's new text: paragraphs, bullet lines, then punctuation.

    Wrapped lines are joined first; a full stop after a title ("Mr.", "H.E.") or an
    initial does not end a sentence.
    """
    out = []
    for block in _units(text):
        pieces = _BOUNDARY.split(block)
        current = ""
        for piece in pieces:
            current = f"{current} {piece}".strip() if current else piece.strip()
            if not _ends_with_abbreviation(current):
                out.append(current)
                current = ""
        if current:
            out.append(current)
    return out


def _units(text: str) -> list[str]:
    """Paragraphs with wrapped lines joined; a bullet or a quote marker starts a new unit."""
    units: list[list[str]] = [[]]
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            units.append([])
            continue
        if _BULLET.match(line):
            units.append([])
            stripped = _BULLET.sub("", line).strip()
        units[-1].append(stripped)
    return [" ".join(u) for u in units if u]


def tokens(sentence: str) -> list[str]:
    """Lower-cased word tokens without stopwords (Latin, Cyrillic, … alike)."""
    return [w for w in _WORD.findall(sentence.casefold()) if len(w) > 1 and w not in STOPWORDS]


def is_candidate(sentence: str) -> bool:
    """Long enough to say something, short enough to quote; not a greeting or a link."""
    words = sentence.split()
    return (MIN_CHARS <= len(sentence) <= MAX_CHARS and len(words) >= MIN_WORDS
            and not sentence.rstrip().endswith(",") and "://" not in sentence)


def inverse_document_frequencies(sentences: Iterable[list[str]]) -> dict[str, float]:
    """Smoothed IDF over a set of tokenised sentences (a whole period's, typically)."""
    df: Counter[str] = Counter()
    total = 0
    for words in sentences:
        df.update(set(words))
        total += 1
    return {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in df.items()}


def lexrank(matrix: np.ndarray, iterations: int = 100, tol: float = 1e-6) -> np.ndarray:
    """Stationary scores of a damped walk over a similarity matrix (diagonal ignored)."""
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    weights = matrix.copy()
    np.fill_diagonal(weights, 0.0)
    sums = weights.sum(axis=1, keepdims=True)
    transition = np.where(sums > 0, weights / np.where(sums > 0, sums, 1.0), 1.0 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - DAMPING) / n + DAMPING * scores @ transition
        if np.abs(updated - scores).sum() < tol:
            return updated
        scores = updated
    return scores


def _similarity(bags: list[list[str]], idf: Mapping[str, float]) -> np.ndarray:
    """Cosine similarity of TF-IDF rows (log-scaled term frequency).

    Words used by one sentence only count towards its length but cannot link two
    sentences, so their columns are dropped after normalising: the matrix shrinks
    to the few shared words.  ``einsum`` rather than BLAS: for matrices this
    small, waking BLAS threads costs more than the product (10+ ms per call on a
    busy machine).
    """
    shared = Counter(w for bag in bags for w in set(bag))
    vocab = {w: i for i, w in enumerate(sorted(w for w, n in shared.items() if n > 1))}
    matrix = np.zeros((len(bags), max(len(vocab), 1)))
    norms = np.ones(len(bags))
    for row, bag in enumerate(bags):
        counts: dict[str, int] = {}
        for word in bag:
            counts[word] = counts.get(word, 0) + 1
        weights = {w: (1 + math.log(c)) * idf.get(w, 1.0) for w, c in counts.items()}
        norms[row] = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for word, weight in weights.items():
            if word in vocab:
                matrix[row, vocab[word]] = weight
    matrix /= norms[:, None]
    similarity = np.einsum("ij,kj->ik", matrix, matrix)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def candidates(texts: Iterable[str]) -> list[str]:
    """Distinct candidate sentences of some new texts, in the order they were written."""
    found = [s for text in texts for s in split_sentences(text) if is_candidate(s)]
    return list(dict.fromkeys(found))[:MAX_SENTENCES]


def summarize(texts: list[str], highlights: Iterable[str] = (), *,
              idf: Mapping[str, float] | None = None, count: int | None = None) -> list[str]:
    """The 2-3 most central sentences of some new texts, in the order they were written.

    ``highlights`` are passage sentences (stories, challenges, calls) to favour;
    ``count`` defaults to 3 for threads with at least six candidate sentences.
    """
    sentences = candidates(texts)
    return _pick(sentences, [tokens(x) for x in sentences], highlights, idf, count)


def summarize_threads(threads: Mapping[str, list[str]],
                      highlights: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Summaries of many threads, with IDF taken over all of them (a week's vocabulary).

    A word every thread uses ("WSIS") says little about any one of them; IDF over
    one thread alone cannot see that.
    """
    sentences = {key: candidates(texts) for key, texts in threads.items()}
    bags = {key: [tokens(x) for x in found] for key, found in sentences.items()}
    idf = inverse_document_frequencies(bag for found in bags.values() for bag in found)
    return {key: _pick(found, bags[key], highlights.get(key, ()), idf, None)
            for key, found in sentences.items()}


def _pick(sentences: list[str], bags: list[list[str]], highlights: Iterable[str],
          idf: Mapping[str, float] | None, count: int | None) -> list[str]:
    """Rank by LexRank x boost; take the best non-redundant ones, in written order."""
    if not sentences:
        return []
    similarity = _similarity(bags, idf or inverse_document_frequencies(bags))
    scores = lexrank(similarity) * _boosts(sentences, highlights)
    wanted = count or (3 if len(sentences) >= 6 else 2)
    chosen: list[int] = []
    for index in np.argsort(-scores, kind="stable"):
        if all(similarity[index, c] < REDUNDANT for c in chosen):
            chosen.append(int(index))
        if len(chosen) == wanted:
            break
    return [sentences[i] for i in sorted(chosen)]


def _boosts(sentences: list[str], highlights: Iterable[str]) -> np.ndarray:
    """BOOST for sentences that overlap a highlighted passage, else 1."""
    marked = [" ".join(h.split()) for h in highlights if h and h.strip()]
    return np.array([
        BOOST if any(m in s or s in m for m in marked) else 1.0 for s in sentences
    ])
