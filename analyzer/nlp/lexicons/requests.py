"""Request cues: how a message asks list members to do something.

English imperatives are found on the parse; these patterns cover the
polite forms ("please", "could you", "would you be willing"), questions put to
the list ("does anyone know", "has any chapter"), first-person wishes that ask
for help ("I would be grateful for volunteers") and the same in French,
Spanish, Portuguese, German and Italian.
"""

from __future__ import annotations

# Any of these makes a sentence a request unless it is advice or an offer.
REQUEST = [
    r"\bplease\b(?! (?:see|find|refer to|note)\b)", r"\bpls\b",
    r"\bkindly (?:send|share|reply|let|register|confirm|tell)\b",
    r"\b(?:could|can|would|will) (?:you|someone|anyone|somebody|any chapter|others|those of"
    r" you|the internet society|isoc|chapters)\b(?! imagine)",
    r"\bwould you (?:be willing|mind|consider)\b", r"\blet (?:me|us) know\b",
    r"\bdoes anyone\b", r"\bdo any of you\b", r"\bhas anyone\b", r"\bhave any of you\b",
    r"\bhas any (?:chapter|of you|one)\b", r"\bis anyone\b", r"\bis there anyone\b",
    r"\bdid anyone\b", r"\bcan anyone\b", r"\banyone (?:who|with|here)\b.*\?",
    r"\bhow (?:have|do|did) other chapters\b", r"\bhow do others\b",
    r"\b(?:any|all) (?:help|tips|advice|suggestions|input|comments|feedback|pointers|ideas)"
    r"\b.*\b(?:welcome|appreciated|great|grateful|helpful)\b",
    r"\b(?:tips|advice|suggestions|ideas|pointers|input|help|comments|feedback)\b[^.]{0,20}"
    r"\b(?:are|is|would be|will be) (?:very |most |more than |really )?(?:welcome|appreciated)\b",
    r"\bi (?:would|'d) (?:\w+ )?(?:be (?:very )?grateful|love|appreciate|welcome)\b.*"
    r"\b(?:for|any|your|if|help|tips|volunteers|input|comments|advice)\b",
    r"\bwe (?:would|'d) (?:\w+ )?(?:be (?:very )?grateful|appreciate) (?:if (?:you|any|"
    r"other|chapters)|your|any|help|volunteers)\b",
    r"\byou (?:will )?(?:need|have|must|should) to (?:register|send|sign|submit|apply|reply|"
    r"confirm|share|fill|write|contact)\b",
    r"^\W*if (?:you|your chapter|any chapter|anyone)\b[^.;]*\b(?:send|share|forward|email|"
    r"write|tell)\b[^.;]*,\s*(?:I|we)(?:'ll| will)\b",
    r"\blooking for (?:\w+ ){0,2}(?:volunteers|help|someone|chapters|reviewers)\b",
    r"\b(?:we|i) (?:urgently |still )?need (?:\w+ ){0,2}(?:volunteers|help|people|someone|"
    r"reviewers|readers|your)\b",
    r"\bit (?:will|would) be (?:essential|important|great) (?:that|for) (?:those|you|chapters|"
    r"everyone|all)\b", r"\b(?:thanks|thank you) in advance\b",
    # French
    r"\bmerci de\b", r"\bmerci d'avance de\b", r"\bje vous (?:prie|remercie) de\b",
    r"\bn'hésitez pas à\b", r"\bpourriez-vous\b", r"\bpouvez-vous\b", r"\bquelqu'un (?:\w+ )?"
    r"(?:a|aurait|peut|pourrait|connaît|sait)\b", r"\bsi (?:vous|certains|quelqu'un)\b.*"
    r"\b(?:merci|envoyez|partagez|écrivez|contactez|faites)\b", r"\bs'il vous plaît\b",
    r"\bsvp\b", r"\benvoyez(?:-moi|-nous)?\b", r"\bpartagez\b", r"\binscrivez-vous\b",
    # Spanish
    r"\bpor favor\b", r"\b¿?alguien (?:\w+ ){0,2}(?:podría|puede|tiene|sabe|conoce|ha)\b",
    r"\b¿?algún (?:capítulo|colega|miembro)\b.*\?", r"\bpodrían\b", r"\bpodrías\b",
    r"\bpueden (?:enviar|compartir|ayudar)", r"\bles agradecería\b", r"\bagradecería\b",
    r"\benvíen(?:me|nos)?\b", r"\bcompartan\b", r"\binscríbanse\b", r"\bescríbanme\b",
    # Portuguese
    r"\bpor favor\b", r"\bpoderiam\b", r"\bpodem (?:enviar|partilhar|compartilhar|ajudar)",
    r"\balguém (?:\w+ )?(?:tem|pode|poderia|sabe|conhece)\b", r"\benviem-(?:nos|me)\b",
    r"^\W*enviem\b",
    r"\bpartilhem\b", r"\bcompartilhem\b", r"\bmanda(?:-nos|-me)\b", r"\bagradecia\b",
    r"\bagradeceria\b",
    # German / Italian
    r"\bbitte\b", r"\bkönnt ihr\b", r"\bkönnten sie\b", r"\bper favore\b", r"\bpotreste\b",
]

# Advice, offers and pleasantries that look like requests but ask nothing of the list.
NOT_REQUEST = [
    r"^\s*(?:please )?feel free\b", r"\bplease (?:be patient|bear with|note that|excuse|"
    r"forgive)\b(?!.*\bplease\b)",
    r"^\s*(?:please )?find (?:attached|below)\b", r"\bveuillez agréer\b",
    r"\bthank(?:s| you)\b(?! in advance)(?!.*\b(?:please|could you|can you)\b)",
    r"^\s*(?:please )?(?:excuse|forgive|pardon)\b", r"\bif it helps, feel free\b",
    r"^\s*(?:try|bring|keep|remember|avoid|make sure|don't|do not|never|always|consider)\b",
    r"^\s*(?:worth|good luck|congratulations|well done|best of luck)\b",
    r"^\W*(?:(?:one|a|my|our|quick|small|last|another) )?(?:(?:small|quick|practical|short) )?"
    r"(?:tip|advice|suggestion|lesson|consejo|conseil|dica|aviso|recomendación)s?\b[^:]{0,40}:",
    r"^\W*in short\b", r"\bwhat we are asking for\b", r"\bour (?:three |main )?asks\b",
]

# Imperative verbs that address the list (English; the parse must agree).
IMPERATIVE_VERBS = {
    "send", "share", "reply", "register", "sign", "tell", "let", "post", "write", "email",
    "e-mail", "contact", "introduce", "join", "forward", "add", "get", "submit",
    "brief", "comment", "help", "check", "confirm", "mail", "drop", "reach", "fill",
    "complete", "nominate", "apply", "vote", "read", "review", "suggest", "circulate",
    "volunteer", "think", "consider", "do", "use", "ask", "invite", "tag", "respond",
    "answer", "give", "put", "include", "coordinate", "alert", "flag", "connect", "look",
    "keep", "speak", "talk", "attend", "come", "mention",
}
