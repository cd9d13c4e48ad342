"""Find the signature at the end of the author's last block of new text.

Three shapes, in order of certainty:

1. the ``-- `` delimiter (RFC 3676): everything after it;
2. a mobile client's line ("Sent from my iPhone", "Enviado desde mi iPhone");
3. a sign-off ("Best,\\nIsra" or just "Akosua") followed, after a blank line, by a
   short block of name / title / organisation lines.

A single name line after a valediction is the sign-off itself and stays in the
text; a block is a signature only when it looks like one (few, short lines, the
first a person's name), so a closing paragraph of prose is never cut.
"""

from __future__ import annotations

import re
import unicodedata

from analyzer.anatomy import patterns as pat

MAX_BLOCK_LINES = 6
MAX_LINE = 130
_PARTICLES = {"de", "da", "do", "dos", "das", "del", "la", "le", "van", "von", "der", "den", "di",
              "du", "bin", "al", "el", "ter", "y", "e"}


def split_signature(lines: list[str]) -> tuple[list[str], str | None, int]:
    """(lines kept as text, signature text or None, index where the signature starts)."""
    for finder in (_after_delimiter, _mobile_line, _block_after_sign_off):
        found = finder(lines)
        if found is not None:
            sig_lines, cut = found
            signature = "\n".join(sig_lines).strip("\n")
            if signature.strip():
                return lines[:cut], signature, cut
    return lines, None, len(lines)


def split_disclaimer(lines: list[str]) -> tuple[list[str], int | None]:
    """Cut trailing legal-disclaimer paragraphs; return the rest and where they began."""
    cut = None
    end = _last_content(lines)
    while end is not None:
        start = end
        while start > 0 and lines[start - 1].strip():
            start -= 1
        paragraph = " ".join(lines[start:end + 1])
        words = {m.group(0).lower()[:8] for m in pat.DISCLAIMER_WORDS.finditer(paragraph)}
        if not (pat.DISCLAIMER_HEADING.match(lines[start]) or len(words) >= 2):
            break
        cut = start
        end = _last_content(lines[:start])
    return (lines if cut is None else lines[:cut]), cut


def _after_delimiter(lines: list[str]):
    for index in range(len(lines) - 1, -1, -1):
        if pat.SIGNATURE_DELIMITER.match(lines[index]):
            body = lines[index + 1:]
            if 0 < len([b for b in body if b.strip()]) <= MAX_BLOCK_LINES + 4:
                return body, index
    return None


def _mobile_line(lines: list[str]):
    content = _last_content(lines)
    if content is not None and pat.MOBILE_SIGNATURE.match(lines[content]):
        return [lines[content]], content
    return None


def _block_after_sign_off(lines: list[str]):
    """The last paragraph, when it follows a sign-off and looks like a signature."""
    end = _last_content(lines)
    if end is None:
        return None
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    block = lines[start:end + 1]
    if len(block) < 2 and not _is_name_with_title(block[0]):
        return None
    if len(block) > MAX_BLOCK_LINES or any(len(line) > MAX_LINE for line in block):
        return None
    if not _looks_like_name(block[0]):
        return None
    if not (_follows_sign_off(lines, start) or _is_formal_block(block)):
        return None
    return block, start


def _last_content(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            return index
    return None


def _follows_sign_off(lines: list[str], start: int) -> bool:
    """The paragraph before ``start`` ends with a valediction or a short name line."""
    index = start - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return False
    last = lines[index].strip()
    if pat.VALEDICTION.match(last):
        return True
    words = last.split()
    return 0 < len(words) <= 3 and len(last) <= 40 and not last.endswith((".", "?", ":"))


def _looks_like_name(line: str) -> bool:
    """A person's name, optionally followed by ``, Title`` or ``| Organisation``."""
    head = re.split(r"\s*[,|–—]\s*|\s+-\s+", line.strip(), maxsplit=1)[0]
    head = re.sub(r"^(?:Dr|Prof|Mr|Mrs|Ms|Eng|Hon)\.?\s+", "", head)
    words = head.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in head):
        return False
    return words[0][0].isupper() and all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters (combining accents included) or a particle."""
    if word.lower() in _PARTICLES:
        return True
    return word[0].isupper() and all(
        ch.isalpha() or ch in "'’.-" or unicodedata.combining(ch) for ch in word
    )


def _is_formal_block(block: list[str]) -> bool:
    """Name on its own line, then title/organisation lines: a letter's signature.

    Formal letters end with a sentence ("Veuillez agréer … distinguées.") rather
    than a sign-off, so the block must carry the evidence itself: a bare name
    of two to four words, then lines that are not sentences.
    """
    name = block[0].strip()
    if len(block) < 2 or not 2 <= len(name.split()) <= 4 or re.search(r"[,|:]", name):
        return False
    return all(not line.rstrip().endswith((".", "?", "!", ":")) or line.rstrip().endswith("e.V.")
               for line in block[1:])


def _is_name_with_title(line: str) -> bool:
    """``Isra Rosas, Director, Partnerships`` on one line is a signature on its own."""
    return bool(re.search(r"[,|]", line)) and _looks_like_name(line) and len(line.split()) >= 3
