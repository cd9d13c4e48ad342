"""Engagement verbs: what a chapter and a government do with each other.

English verbs are lemmas checked on the parse (tense, modality and negation
come from the parse); other languages are matched as inflected forms, because
the English model cannot analyse them: first-person past forms ("nous avons
rencontré", "presentamos", "reunimo-nos") and actions directed at the chapter
("nous a reçus", "nos invitó", "nos convidou").
"""

from __future__ import annotations

# Lemmas of English verbs that report contact when a government actor is involved.
ENGAGE_VERBS = {
    "meet", "brief", "write", "send", "present", "submit", "testify", "call", "phone",
    "speak", "talk", "invite", "receive", "reply", "respond", "answer", "host", "attend",
    "join", "participate", "appear", "give", "deliver", "hand", "share", "forward", "pass",
    "ask", "request", "agree", "offer", "confirm", "acknowledge", "accept", "comment",
    "consult", "contact", "reach", "visit", "email", "e-mail", "discuss", "raise",
    "copy", "circulate", "publish", "include", "annex", "listen", "apologise",
    "apologize", "approach", "engage", "lobby", "address", "spend", "go", "put",
    "thank", "cite", "welcome", "follow", "transmit", "provide", "inform",
    "register", "sit", "chair", "open", "adopt", "incorporate", "grant",
    "schedule", "set", "arrange", "organise", "organize", "hold", "take", "have", "get",
    "come", "sign", "endorse", "support", "interview", "lead", "check", "read",
    "work", "cooperate", "collaborate", "partner", "represent",
}

# Verbs too generic to report contact on their own: they need the chapter and a
# government actor as their own arguments, not just somewhere in the sentence.
WEAK_VERBS = {"have", "get", "take", "go", "come", "put", "hold", "set", "say",
              "follow", "lead", "open", "support", "include", "sit", "spend", "give",
              "provide", "schedule", "arrange", "organise", "organize", "explain", "chair",
              "publish", "adopt", "incorporate", "grant", "sign", "endorse", "tell", "ask",
              "share", "pass", "forward", "circulate", "copy", "agree", "offer", "confirm",
              "check", "read", "register", "work", "cooperate", "collaborate",
              "partner", "represent"}

# What an official does after a meeting the previous sentence reported ("He confirmed
# ...", "Director X agreed to forward our brief", "They sent one within a week").
FOLLOW_UP_VERBS = {
    "agree", "offer", "confirm", "accept", "acknowledge", "ask", "share", "forward", "pass",
    "circulate", "copy", "read", "listen", "join", "send", "reply", "respond", "answer",
    "invite", "receive", "promise", "call", "write", "thank", "welcome", "request", "transmit",
    "include", "cite", "publish",
}

# Verbs whose official subject implies the chapter as the other side ("she replied").
REPLY_VERBS = {"reply", "respond", "answer", "call", "acknowledge", "write"}

# Nouns that make "we had a ___ with", "we got a ___ from" an engagement.
CONTACT_NOUNS = {"meeting", "call", "conversation", "briefing", "hearing", "audience",
                 "reply", "response", "answer", "letter", "invitation", "roundtable",
                 "consultation", "session", "exchange", "discussion", "chat", "breakfast",
                 "lunch", "dinner", "visit", "evidence", "testimony", "submission",
                 "comments", "memorandum", "note", "brief", "statement", "intervention",
                 "slot", "message", "receipt", "questions", "email", "e-mail",
                 "acknowledgement"}

# First-person (chapter) past engagement, as inflected forms: English phrases the
# parse does not see as one verb, then French, Spanish, Portuguese, German, Italian.
WE_ENGAGED = [
    r"\b(?:we|i)(?:'ve| have| had)? been (?:in (?:touch|contact|talks|discussions|dialogue|"
    r"conversation)|working|meeting|talking|speaking|engaging) with\b",
    # French: passé composé with nous / j' / on, optional adverb, optional "été"
    r"\b(?:nous\s+(?:l[ae]s?\s+|lui\s+|leur\s+)?(?:avons|sommes)|on\s+a)\s+(?:\w+\s+)?(?:été\s+)?"
    r"(?:rencontr|écrit|envoy|présent|remis|transmis|soumis|particip|reçu|invit|assist|"
    r"témoign|appel|briefé|discut|parlé|échang|déposé|adress|contact|expliqu|défendu|"
    r"intervenu|allés?|rendu)",
    r"\bj'ai\s+(?:\w+\s+)?(?:rencontr|écrit|envoy|présent|remis|transmis|particip|parlé|"
    r"appel|discut|contact|assist|reçu)",
    r"\bque nous avons (?:remis|envoy|transmis|présent|soumis)",
    # Spanish: first-person preterite (plural and singular)
    r"\b(?:nos\s+)?(?:reunimos|presentamos|enviamos|mandamos|escribimos|participamos|"
    r"recibimos|entregamos|hablamos|tuvimos|asistimos|comentamos|sometimos|remitimos|"
    r"llamamos|visitamos|comparecimos|expusimos|conseguimos|solicitamos|pedimos|"
    r"intervinimos|fuimos (?:invitad|recibid)|hemos (?:enviado|presentado|participado|"
    r"recibido|escrito|hablado|tenido|sido invitad))\b",
    r"\b(?:presenté|envié|escribí|hablé|me reuní|participé|asistí|recibí|llamé|entregué)\b",
    # Portuguese: first-person preterite
    r"\b(?:reunimo-nos|reunimos|enviámos|enviamos|submetemos|apresentámos|apresentamos|"
    r"escrevemos|participámos|participamos|recebemos|entregámos|entregamos|comentámos|"
    r"comentamos|falámos|falamos com|tivemos|fomos (?:convidad|recebid)|"
    r"temos (?:enviado|participado))\b",
    r"\b(?:apresentei|enviei|escrevi|falei|participei|recebi|reuni-me)\b",
    # German / Italian
    r"\bwir haben\s+(?:\w+\s+){0,6}(?:getroffen|geschrieben|geschickt|vorgestellt|"
    r"präsentiert|eingereicht|gesprochen|teilgenommen|erhalten)",
    r"\babbiamo\s+(?:\w+\s+)?(?:incontrato|scritto|inviato|presentato|partecipato|ricevuto)",
]

# Non-English: a government actor acting towards the chapter ("nous a reçus", "nos invitó").
THEY_ENGAGED_US = [
    r"\bnous\s+(?:a|ont)\s+(?:\w+\s+)?(?:reçu|invit|répondu|demandé|contact|appel|écrit|"
    r"transmis|envoy|remerci|consult|sollicit|convoqu)",
    r"\b(?:a|ont) reçu (?:notre|nos|le chapitre|l'ISOC)", r"\ba été reçue?s?\b",
    r"\bont été reçus\b", r"\bj'ai l'honneur (?:d'inviter|de vous inviter)\b",
    r"\bnos\s+(?:\w+\s+)?(?:invitó|invitaron|invita|recibió|recibieron|pidió|pidieron|citó|"
    r"escribió|respondió|contestó|llamó|convocó|consultó|agradeció)\b",
    r"\b(?:nos|nos\s+\w+)\s+(?:convidou|convidaram|convida|recebeu|receberam|pediu|pediram|"
    r"respondeu|enviou|escreveu|contactou|consultou|agradeceu)\b",
]

# Non-English: an official's follow-up on what the chapter gave ("il a transmis nos
# recommandations"); it needs a government actor in the sentence or a story just before.
OFFICIAL_FOLLOW_UP = [
    r"\bl'(?:a|ont) (?:transmise?|envoyée?|fait suivre)\b",
    r"\b(?:a|ont) (?:accepté|promis|proposé|confirmé|transmis|accusé réception|repris|cité|"
    r"intégré)\b[^.;]*\b(?:nos|notre|nous)\b",
    r"\b(?:aceptó|aceptaron|prometió|prometieron|confirmó|transmitió|acusó recibo|citó|"
    r"incluyó)\b[^.;]*\b(?:nuestr[oa]s?|nos)\b",
    r"\b(?:aceitou|aceitaram|prometeu|prometeram|confirmou|transmitiu|acusou a receção|citou|"
    r"incluiu)\b[^.;]*\b(?:noss[oa]s?|nos)\b",
    r"\b(?:incorporou|incluiu|acolheu|incorporó|incluyó|acogió|a intégré|a repris)\s+"
    r"(?:\w+\s+){0,2}(?:nossas|nuestras|nos|nossos|nuestros)\b",
]
