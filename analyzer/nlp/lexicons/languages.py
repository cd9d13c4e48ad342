"""Function words that tell the languages of chapter mail apart, sentence by sentence.

The English model parses only English; other sentences are matched with
inflected-form cues, so the classifier first needs to know which is which.
Words shared by French, Spanish and Portuguese ("de", "que") appear in each of
their sets, so that they outweigh English without deciding between them.
"""

from __future__ import annotations

FUNCTION_WORDS = {
    "en": {"the", "and", "we", "our", "to", "of", "is", "with", "for", "was", "that", "it",
           "they", "this", "us", "have", "has", "were", "you", "on", "at", "in", "a", "but",
           "will", "would", "from", "by", "which", "who", "their", "been", "be", "are"},
    "fr": {"nous", "le", "les", "des", "du", "et", "est", "avec", "pour", "une", "au", "aux",
           "notre", "qui", "sur", "pas", "ne", "je", "vous", "été", "à", "l", "d", "qu", "il",
           "elle", "ils", "nos", "mais", "aussi", "très", "dans", "ce", "cette", "ces", "avons",
           "sommes", "ont", "leur", "malheureusement", "toujours", "n", "j", "c", "s", "y",
           "la", "en", "de", "que", "un"},
    "es": {"el", "los", "las", "con", "una", "para", "del", "y", "nos", "nuestro", "nuestra",
           "por", "pero", "muy", "fue", "hemos", "es", "lo", "al", "como", "más", "ya", "sólo",
           "solo", "nuestros", "nuestras", "sin", "embargo", "también", "porque", "cuando",
           "está", "están", "fueron", "le", "les", "su", "sus", "este", "esta", "ese", "esa",
           "tenemos", "hay", "alguien", "gracias", "pasado", "pasada", "semana", "la", "en",
           "de", "que", "un", "se", "así", "aun"},
    "pt": {"os", "com", "uma", "para", "do", "da", "dos", "das", "e", "não", "em", "ao",
           "nossa", "nosso", "nossos", "nossas", "foi", "também", "pelo", "pela", "é", "na",
           "no", "à", "mas", "muito", "já", "ainda", "está", "são", "foram", "tem", "têm",
           "seu", "sua", "isso", "apenas", "infelizmente", "obrigado", "obrigada", "porque",
           "quando", "depois", "nós", "ninguém", "alguém", "dia", "semana", "passada", "de",
           "que", "um", "se", "o"},
    "de": {"und", "der", "die", "das", "wir", "mit", "für", "ist", "nicht", "ein", "eine",
           "es", "gibt", "auf", "unser", "unsere", "unseren", "vom", "zum", "zur", "dem", "den",
           "ich", "haben", "hat", "wurde", "leider", "aber", "auch", "noch", "keine", "kein",
           "bei", "von", "nach", "wie", "im", "letzte", "letzten", "woche", "uns"},
    "it": {"il", "gli", "che", "con", "della", "abbiamo", "non", "sono", "per", "alla", "ci",
           "nostro", "nostra", "nostri", "purtroppo", "ancora", "anche", "dei", "delle", "nel",
           "è", "ha", "hanno", "settimana", "scorsa"},
}
