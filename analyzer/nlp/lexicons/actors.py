"""Who takes part in an engagement: government-side actors and the chapter side.

A story needs both sides; these words are how mail written by chapter leaders
names them.  Unknown acronyms (a ministry's or regulator's initials) are handled
in the classifier, not here.
"""

from __future__ import annotations

# Offices, bodies and roles of governments, parliaments, regulators and
# intergovernmental secretariats (stems: a word boundary is added at the start only).
GOVERNMENT = [
    # English
    r"minist(?:er|ry|ries|erial)", r"vice[- ]?minist", r"under-?secretar", r"secretary of state",
    r"state secretar", r"secretar(?:y|ies)\b",
    r"senat", r"parliament", r"\bMPs?\b", r"congress(?:wo)?m[ae]n", r"congress\b",
    r"national assembly", r"assembly member", r"house of (?:representatives|commons|lords)",
    r"committee", r"regulat(?:or|ory)", r"authority\b", r"agenc(?:y|ies)\b", r"missions?\b",
    r"embass(?:y|ies)", r"ambassador", r"envoys?\b", r"diplomats?\b",
    r"delegations?\b",
    r"government", r"cabinet\b", r"foreign affairs", r"department\b", r"division\b",
    r"directorate", r"director", r"head of (?:the |our |its |their )?(?:unit|regulator|"
    r"department|division|policy|delegation|international)", r"counsell?or",
    r"advis[eo]rs?\b", r"\baide\b", r"chief of staff", r"officials?\b", r"civil servants?",
    r"focal point", r"co-?facilitator", r"secretariat", r"\bUN\b", r"UN ?DESA", r"\bITU\b",
    r"UNESCO", r"ECOSOC", r"\bGAC\b", r"clerk", r"rapporteur", r"president(?:'s)? office",
    r"(?:minister|secretary|director|ambassador)'s office", r"(?:his|her) office",
    r"\bhis team\b", r"\bher team\b", r"bundestag", r"speaker(?:'s office| of the)\b",
    r"presiden(?:cy|tial)\b", r"prime minister", r"governor", r"mayor\b",
    r"\bH\.E\.", r"\bHon\.", r"excellency", r"state department", r"the house\b",
    # French
    r"ministère", r"ministre", r"sénat", r"parlement", r"assemblée nationale", r"député",
    r"commission", r"régulat", r"autorité", r"ambassad", r"mission permanente",
    r"représentation permanente", r"délégation", r"gouvernement", r"affaires étrangères",
    r"direct(?:eur|rice)", r"conseill(?:er|ère)", r"chargée? de mission", r"diplomate",
    r"fonctionnaire", r"cabinet du", r"secrétariat", r"secrétaire (?:général|d'état)",
    # Spanish
    r"ministeri", r"ministr[oa]", r"viceminist", r"subsecretar", r"senad", r"congreso",
    r"diputad", r"asamblea", r"asambleísta", r"comisión", r"regulador", r"autoridad",
    r"embajad", r"misión permanente", r"delegación", r"gobierno", r"cancillería",
    r"relaciones exteriores", r"director[a]?\b", r"asesor", r"funcionari", r"ponente",
    r"secretar[ií][ao] de", r"jefe de gabinete",
    # Portuguese
    r"ministério", r"secretári[oa] de estado", r"senado", r"câmara dos deputados", r"deputad",
    r"assembleia", r"comissão", r"regulador", r"autoridade", r"embaixad", r"missão permanente",
    r"delegação", r"governo", r"itamaraty", r"negócios estrangeiros", r"relações exteriores",
    r"diretor", r"assessor", r"conselheir", r"gabinete", r"conselho de administração",
    # German / Italian
    r"bundesministerium", r"ministerium", r"botschaft", r"ministero", r"ambasciat",
]

# Capitalised honorifics that introduce an official's name in several languages.
HONORIFICS = r"(?:Hon\.|H\.E\.|Amb\.|Sen\.|Senator|Senadora?|Sénat(?:eur|rice)|Embajadora?|" \
             r"Ambassador|Ambassadrice|Embaixadora?|Minister|Ministra|Ministro|Ministre|" \
             r"Deputy Minister|Vice-?Minist\w+|Viceminist\w+|Undersecretary|Secretary|" \
             r"Director|Directeur|Directora?|Diretora?|Counsell?or|Conseill\w+|Commissioner|" \
             r"Asambleísta|Dip\.|Diputad[oa]|Deputad[oa]|Pak|Ibu)"

# Third-person pronouns that usually refer back to an official just named.
OFFICIAL_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "il", "elle", "ils",
                     "elles", "él", "ella", "ele", "ela"}

# People on the government side that chapter leaders call "our ___".
CONTACTS = {"contact", "counterpart", "interlocutor", "liaison", "host", "hosts"}

# The chapter side: first person, the chapter, its members (regex fragments).
CHAPTER = [
    r"\bwe\b", r"\bus\b", r"\bour\b", r"\bours\b", r"\bI\b", r"\bme\b", r"\bmy\b",
    r"chapters?\b", r"\bISOC\b", r"internet society", r"our board", r"members?\b",
    r"\bnous\b", r"\bnotre\b", r"\bnos\b", r"\bj'", r"\bje\b", r"\bmoi\b", r"capitulo",
    r"capítulo", r"chapitre", r"\bnosotr[oa]s\b", r"\bnuestr[oa]s?\b", r"\bnós\b",
    r"\bnoss[oa]s?\b", r"-nos\b", r"\bwir\b", r"\bunser", r"\bnoi\b", r"\bci\b",
]

# Phrases that contain a government word but name someone who is not an official
# (they are blanked out before the government patterns run).
NOT_GOVERNMENT = [
    r"youth ambassadors?", r"(?:chapter|board|list|our|my|club|association) "
    r"(?:secretary|president|chair|director)",
    r"(?:retired|former) (?:ambassador|minister|senator|official)s?",
    r"(?:embajador|embajadora|ambassadeur|ambassadrice|embaixador|embaixadora)s? jubilad[oa]s?",
    r"advisory (?:council|board|group)", r"executive director", r"board of directors",
    r"managing director", r"programme director", r"program director", r"regional director",
    r"multistakeholder advisory group", r"organising committee", r"organizing committee",
    r"steering committee", r"program committee", r"programme committee",
]

# Contact events run by a government that the chapter can only attend.
GOVERNMENT_EVENTS = [
    r"consultations?\b", r"hearings?\b", r"negotiations?\b", r"audiencias?\b", r"audiências?\b",
    r"consultas? públicas?", r"audition", r"atelier (?:national|de validation)",
    r"mesa de trabajo", r"validation workshop",
]

# Initials of the community's own bodies and processes: never a government actor.
COMMUNITY_ACRONYMS = {
    "isoc", "icann", "igf", "ietf", "mag", "wsis", "wsis+20", "rev1", "alac", "apnic", "afrinic",
    "lacnic", "arin", "ngo", "utc", "ict", "fgi", "smsi", "cmsi", "gdc", "iab", "oecd", "eu", "au",
    "pdf", "faq", "tbd", "ok", "fyi", "cc", "bcc",
}

# Words for the chapter side as a verb's argument (with "our", "my" or "chapter").
CHAPTER_NOUNS = {"chapter", "chapters", "board", "members", "member", "team", "colleagues",
                 "volunteers", "president", "chair", "isoc", "representatives", "delegation",
                 "representative", "secretary", "delegates", "leaders"}
FIRST_PERSON = {"we", "us", "i", "me", "ourselves", "myself"}
# Determiners that make a chapter noun someone else's ("your chapter", "other chapters").
OTHER_DETERMINERS = {"your", "other", "any", "each", "every", "which", "their", "some", "his",
                     "her", "its"}
