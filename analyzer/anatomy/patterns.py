"""The line patterns message anatomy recognises, each with the reason it exists.

Mail clients differ per language, so every pattern lists the forms seen on
international lists (English, French, Spanish, German, Portuguese, plus the
Dutch, Italian, Polish and Nordic forms that appear in real archives).
"""

from __future__ import annotations

import re

# A quoted line: '>' at the start, possibly after a little indentation.  Mailman's
# HTML escapes it, our ingest restores it, so one form is enough here.
QUOTE = re.compile(r"^[ \t]{0,3}>")

# Attribution lines that introduce a quote: "On <date>, <name> wrote:" and its
# translations.  The verb at the end is what identifies them; the opening word
# keeps ordinary sentences that end in "wrote:" from matching.
# "A 06/11/2025, às 08:20, X escreveu:" is Apple Mail in Portuguese: "A" only
# counts when a date follows, so English sentences starting with "A" never match.
_OPENERS = (
    r"(?:On|Le|El|Am|Em|W dniu|Op|Il|Den|På|Dne|Στις|Quoting|Citando|Zitat von|No dia"
    r"|A(?=\s+\d))"
)
_VERBS = (
    r"(?:wrote|writes|said|a écrit|a ecrit|escribió|escribio|schrieb|escreveu|pisze"
    r"|napisał|schreef|ha scritto|skrev|kirjoitti|napsal|yazdı|έγραψε)"
)
# The verb ends the line ("... wrote:"), or a name follows it and a colon ends the
# line (German "Am 17.10.2025 um 14:20 schrieb Renée:").
ATTRIBUTION = re.compile(
    rf"^\s*{_OPENERS}\b.{{0,300}}\b{_VERBS}(?:\s*:?|\b[^\n.]{{0,80}}:)\s*$", re.IGNORECASE
)
# The first half of an attribution that a mail client wrapped onto two lines.
ATTRIBUTION_START = re.compile(rf"^\s*{_OPENERS}\b.{{0,300}}$", re.IGNORECASE)
ATTRIBUTION_END = re.compile(rf"^.{{0,200}}\b{_VERBS}\s*:?\s*$", re.IGNORECASE)

# Explicit forward markers (Gmail, Apple Mail, Thunderbird, Outlook in several
# languages).  After one of these the rest of the body is someone else's message.
FORWARD_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|Forwarded Message|Message transféré|Message transfere"
    r"|Mensaje reenviado|Weitergeleitete Nachricht|Mensagem encaminhada|Messaggio inoltrato"
    r"|Doorgestuurd bericht|Original Message|Message d'origine|Mensaje original"
    r"|Ursprüngliche Nachricht|Mensagem original)\s*-{2,}"
    r"|Begin forwarded message:|Début du message réexpédié\s?:|Inicio del mensaje reenviado:"
    r"|Anfang der weitergeleiteten Nachricht:|Início da mensagem reencaminhada:)\s*$",
    re.IGNORECASE,
)
# "-----Original Message-----" introduces a quoted reply unless the message is a
# forward; it is a marker of a header block rather than of a forward as such.
ORIGINAL_MESSAGE = re.compile(
    r"original message|message d'origine|mensaje original|ursprüngliche nachricht"
    r"|mensagem original",
    re.IGNORECASE,
)

# Outlook's reply separator line (a row of underscores) before its header block.
OUTLOOK_RULE = re.compile(r"^_{20,40}\s*$")

# Header keys of quoted/forwarded header blocks, by field, in the languages seen.
HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "from": ("from", "von", "de", "da", "van", "od", "från", "fra"),
    "date": ("date", "sent", "gesendet", "datum", "envoyé", "envoye", "enviado", "fecha",
             "data", "verzonden", "wysłano", "skickat", "sendt"),
    "to": ("to", "an", "à", "a", "para", "aan", "do", "till", "til"),
    "cc": ("cc", "kopie", "copie", "cco"),
    "subject": ("subject", "betreff", "objet", "asunto", "assunto", "oggetto", "onderwerp",
                "temat", "ämne", "emne"),
}
_ALL_KEYS = sorted({k for keys in HEADER_KEYS.values() for k in keys}, key=len, reverse=True)
HEADER_LINE = re.compile(
    r"^\s*\*?(" + "|".join(re.escape(k) for k in _ALL_KEYS) + r")\*?\s*:\s*(.*)$",
    re.IGNORECASE,
)
FROM_LINE = re.compile(
    r"^\s*\*?(" + "|".join(HEADER_KEYS["from"]) + r")\*?\s*:\s*\S", re.IGNORECASE
)

# Pipermail and list artefacts: the scrubber's separator, the list footer, the
# footer link of a saved page rendering, and digest boilerplate.
NEXT_PART = re.compile(r"^-{10,}\s*next part\s*-{10,}\s*$", re.IGNORECASE)
LIST_FOOTER_RULE = re.compile(r"^_{30,}\s*$")
LIST_FOOTER_TEXT = re.compile(r"mailing list|listinfo|unsubscribe", re.IGNORECASE)
MORE_INFORMATION = re.compile(r"^More information about the .+ mailing list\s*$")
# The notice Pipermail's scrubber leaves where an attachment or HTML part was.
SCRUBBED = re.compile(
    r"^(?:An HTML attachment was scrubbed|A non-text attachment was scrubbed"
    r"|An embedded message was scrubbed|An embedded and charset-unspecified text was scrubbed"
    r"|Skipped content of type|HTML attachment scrubbed and removed)"
)
DIGEST_START = re.compile(r"^Send \S+ mailing list submissions to\s*$")

# The signature delimiter "-- " (RFC 3676); many clients drop the trailing space.
SIGNATURE_DELIMITER = re.compile(r"^--[ \t]?$")

# Lines mobile clients append.
MOBILE_SIGNATURE = re.compile(
    r"^\s*(?:Sent from|Sent with|Sent via|Get Outlook for|Enviado desde|Enviado do|Envoyé de"
    r"|Envoyé depuis|Envoye de|Von meinem|Gesendet von|Inviato da|Verzonden vanaf"
    r"|Wysłane z|Skickat från)\b.{0,60}$",
    re.IGNORECASE,
)

# Valedictions that close a message; the words after them are a sign-off, and a
# block after the sign-off is a signature.
VALEDICTION = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|kindest|many|with best|all the best)?\s*"
    r"(?:regards|wishes|thanks|thank you|cheers|best)|best regards|regards|thanks|cheers"
    r"|sincerely|yours sincerely|yours|saludos|un abrazo|abrazos|abraços|atentamente"
    r"|cordialement|bien cordialement|amitiés|amicalement|merci|bien à vous|salutations"
    r"|viele grüße|viele grüsse|beste grüße|mit freundlichen grüßen|lg|grüße|grüsse"
    r"|pozdrawiam|pozdrowienia|groeten|met vriendelijke groet|cordiali saluti|saluti"
    r"|um abraço|atenciosamente|obrigad[oa]|gracias|danke|hälsningar|mvh|hilsen"
    r")\b[^\n]{0,30}$",
    re.IGNORECASE,
)

# Legal disclaimers that mail servers append: a paragraph is one when it opens
# with a notice heading or uses at least two of these words.
DISCLAIMER_HEADING = re.compile(
    r"^\s*(?:disclaimer|confidentiality notice|confidentiality|legal notice|aviso legal"
    r"|aviso de confidencialidad|avis de confidentialit[ée]|avertissement|haftungsausschluss"
    r"|vertraulichkeitshinweis)\b",
    re.IGNORECASE,
)
DISCLAIMER_WORDS = re.compile(
    r"confidential|privileged|intended recipient|addressee|disclos|virus|liability"
    r"|destinataire|confidentiel|confidencial|destinatario|vertraulich|empfänger"
    r"|delete (?:this|the) (?:e-?mail|message)|notify the sender",
    re.IGNORECASE,
)
