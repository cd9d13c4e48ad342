"""Difficulty cues: what chapter leaders report as obstacles.

Grouped by the phenomena the labelling rules name (no reply, unawareness,
budget, visas, language, political sensitivity, deadlines, issue trading,
turnover, connectivity), plus capacity and exclusion, officials' frank
admissions, and the generic words for a problem.  Each entry is a
regular-expression fragment matched case-insensitively on the sentence (with
runs of whitespace collapsed).
"""

from __future__ import annotations

_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|" \
          r"thirty|forty|a few|a couple of)"
_LANGUAGES = r"(?:english|french|spanish|portuguese|russian|arabic|chinese|german)"

DIFFICULTY = {
    "generic": [
        r"\bdifficult(?:y|ies)?\b", r"\bproblems?\b", r"\bobstacles?\b", r"\bchallenges?\b",
        r"\bhurdles?\b", r"\bbarriers?\b", r"\bsetbacks?\b", r"\bthe hard(?:est)? part\b",
        r"\bthe catch\b", r"\bthe (?:less happy|bad|sad|downside) (?:part|news|side)\b",
        r"\bworr(?:y|ies|ied|ying)\b", r"\bconcern(?:ed|ing|s)?\b", r"\bdisappoint",
        r"\bunfortunately\b", r"\bhit a wall\b", r"\bharder than\b",
        r"\bdelicate\b", r"\btroubl", r"\bimpossible\b", r"\bstruggl", r"\bstuck\b",
        r"\bstalled\b", r"\bblocked\b",
        # French, Spanish, Portuguese, German, Italian
        r"\bdifficile", r"\bdifficulté", r"\bproblème", r"\bcompliqu", r"\bmalheureusement\b",
        r"\bobstacle", r"\binquiét", r"\bdifícil", r"\bdificultad", r"\bproblema",
        r"\bcomplicad", r"\bdesafortunadamente\b", r"\blamentablemente\b", r"\bpreocupa",
        r"\bdificuldade", r"\binfelizmente\b", r"\bschwierig", r"\bproblem\b", r"\bleider\b",
        r"\bdifficoltà\b", r"\bpurtroppo\b",
    ],
    "no_reply": [
        r"\bno (?:reply|replies|response|answer|feedback|acknowledg\w+|follow-up)\b",
        r"\bnever (?:replied|answered|responded|heard back|got back|acknowledged)",
        r"\b(?:not|nothing) (?:yet |since )?(?:heard|received|got)(?: back| any| a| from)?\b",
        r"\b(?:has|have|had)n't (?:heard|received|replied|responded|answered|got)",
        r"\b(?:has|have|had) yet to (?:reply|respond|answer|hear|receive|acknowledge)",
        r"\bstill waiting\b", r"\bwaiting (?:for|on) (?:a|any|their|his|her) (?:reply|answer|"
        r"response)", r"\bwithout (?:a |any )?(?:reply|response|answer|explanation)\b",
        r"\bunanswered\b", r"\bignored\b", r"\b(?:got|get|gets|getting) lost\b",
        r"\b(?:go|goes|gone|went) missing\b", r"\bwent silent\b", r"\bno one got back\b",
        r"\bnobody (?:has )?(?:replied|answered|responded|got back)\b",
        r"\bnot (?:replied|responded|answered)\b",
        r"\b(?:did|does|do) not (?:reply|respond|answer|send anyone|show up|turn up|attend)\b",
        r"\b(?:didn't|doesn't|don't) (?:reply|respond|answer|send anyone|show up|turn up)\b",
        r"\bsans (?:réponse|explication|suite)", r"\bpas (?:de|reçu de|eu de) réponse",
        r"\bne (?:nous )?répond", r"\baucune réponse\b", r"\bsin respuesta\b",
        r"\bno (?:ha|han|nos ha|nos han) (?:respondido|contestado)\b",
        r"\bno (?:hemos|he) recibido\b", r"\bninguna respuesta\b", r"\bsem resposta\b",
        r"\bnão (?:respondeu|responderam|recebemos|obtivemos)\b", r"\bnenhuma resposta\b",
        r"\bkeine antwort\b", r"\bnessuna risposta\b",
    ],
    "unaware": [
        r"\b(?:did|do|does|had|have|has) not (?:even )?(?:know|heard|read|followed|understand|"
        r"seen|realised|realized)\b",
        r"\b(?:didn't|don't|doesn't|hadn't|haven't|hasn't) (?:even )?(?:know|heard|read|followed|"
        r"understand|seen)",
        r"\bnever heard of\b", r"\b(?:had|has|have) (?:never|not) (?:even )?heard\b",
        r"\b(?:nobody|no one|(?:none|neither|not one) of (?:them|the \w+|our \w+)|"
        r"hardly anyone)\b(?: \w+){0,4} (?:knows?|knew|had (?:ever )?(?:read|heard|seen)|"
        r"has (?:read|seen)|read|heard|understands?|understood|owns?|feels|was aware|"
        r"were aware)\b",
        r"\bfew (?:people|officials|senators|mps|members|participants|delegates|diplomats|"
        r"staff)\b(?: \w+){0,3} (?:know|knew|understand|understood|had (?:read|seen|heard)|"
        r"have (?:read|seen|heard)|read)\b",
        r"\b(?:unaware|unfamiliar)\b", r"\bconfus(?:ed|es|ing|ion)\b",
        r"\bnot (?:aware|familiar)\b", r"\bno idea\b",
        r"\b(?:thought|think|believed|assumed|mistook)\b[^.]{0,30}\b(?:IGF|WSIS|ISOC|Internet "
        r"Society)\b[^.]{0,12}\b(?:was|is|were|for) (?:a|an)\b",
        r"\bnot a priority\b", r"\blow (?:on|in) (?:anyone's|the|their) (?:list|agenda|"
        r"priorities)\b", r"\bnot (?:worked|dealt) (?:on|with)\b", r"\bnew to the (?:file|topic)\b",
        r"\bfrom (?:the )?basics\b", r"\bfrom zero\b", r"\bfrom scratch\b",
        r"\bstart(?:ing)? (?:again|over)\b", r"\bdiscover(?:ing|ed)\b",
        r"\bpersonne ne (?:sait|savait|connaît|connaissait|avait lu)", r"\bdécouvr",
        r"\bne (?:savait|savaient|connaissait|connaissaient) pas\b",
        r"\bnadie\b(?: \w+){0,5} (?:sabía|sabe|conocía|conoce|había (?:leído|oído))\b",
        r"\bno (?:sabía|sabían|conocía|conocían)\b",
        r"\bninguém\b(?: \w+){0,5} (?:sabia|sabe|conhecia|conhece|tinha lido|nos avisou)\b",
        r"\bnão (?:sabia|sabiam|conhecia|conheciam)\b",
    ],
    "budget": [
        r"\bno (?:\w+ )?budget\b", r"\bbudget (?:cuts?|line)\b", r"\bcut (?:the|its|their) "
        r"budget\b", r"\bno (?:funds|funding|money|paid staff|resources|sponsor)\b",
        r"\b(?:too |very )?expensive\b", r"\b(?:cannot|can't|could not|couldn't) afford\b",
        r"\black(?:s|ed|ing)? (?:of )?(?:the )?(?:funds|money|resources|budget|funding|staff|"
        r"capacity)\b", r"\bat (?:their|our|my) own (?:cost|expense)\b", r"\bcosts?\b",
        r"\bsponsors? (?:pulled out|withdrew|left)\b", r"\bfunding (?:dried up|ended|was cut)\b",
        r"\bpas de (?:budget|financement|moyens)\b", r"\bsans (?:budget|financement|moyens)\b",
        r"\bcoût", r"\bsin (?:presupuesto|fondos|financiación)\b", r"\bcaro\b", r"\bcostos?\b",
        r"\bsem (?:orçamento|fundos|financiamento)\b", r"\bcustos?\b",
    ],
    "visa": [r"\bvisas?\b", r"\bvisto\b", r"\bschengen\b", r"\bdenied entry\b",
             r"\btravel ban\b"],
    "language": [
        rf"\bonly (?:available |published |exists? )?in {_LANGUAGES}\b",
        rf"\b{_LANGUAGES} only\b", r"\blanguage barrier",
        r"\bprefer(?:s|red)? (?:to (?:discuss|work|speak|read) )?(?:\w+ ){0,3}in "
        r"(?:their own language|[a-z]+)\b", r"\bprefer(?:s|red)? (?:\w+ ){0,2}(?:[a-z]+(?:ian|"
        r"ese|ish|ali|ic|ik))\b",
        r"\bno (?:official )?(?:\w+ )?translations?\b", r"\btranslation (?:is )?[\"“]?in progress",
        r"\bqu'en (?:anglais|français|espagnol)\b", r"\bn'existe qu'en\b",
        r"\b(?:solo|sólo|únicamente) (?:\w+ )?en (?:inglés|francés)\b",
        r"\b(?:todos|todas) (?:\w+ ){0,5}en inglés\b",
        r"\b(?:só|apenas|somente) (?:\w+ )?em (?:inglês|francês)\b", r"\bnur (?:auf )?englisch\b",
        r"\bsolo in inglese\b",
    ],
    "candour": [
        r"\bfrankly\b", r"\bcandid(?:ly)?\b", r"\badmitted\b", r"\b(?:was|were) honest\b",
        r"\bfranchement\b", r"\ba (?:reconnu|admis|avoué)\b", r"\bfrancamente\b",
        r"\breconoció\b", r"\badmitió\b", r"\badmitiu\b", r"\breconheceu\b",
    ],
    "politics": [
        r"\bpolitical(?:ly)? (?:sensitiv|risk|context|situation|agreement|climate|tension|"
        r"pressure)", r"\bsensitive\b", r"\brisky\b", r"\bcontroversial\b", r"\bsuspicious\b",
        r"\bcrackdown\b", r"\bcensor", r"\bopposed by\b",
        r"\basked us (?:not )?to (?:stop|remove|drop|avoid|delete|tone down|soften|not)\b",
        r"\b(?:opposition|resistance|pushback) (?:from|by)\b", r"\bsensible\b",
        r"\bpolíticamente\b", r"\bpolitiquement\b", r"\bdélicat", r"\bpoliticamente\b",
    ],
    "time": [
        r"\bshort notice\b", r"\blittle notice\b", r"\blast[- ]minute\b",
        rf"\bonly {_NUMBER} (?:\w+ )?(?:hours?|days?|minutes?|weeks?)\b",
        rf"\b{_NUMBER} (?:hours?|days?) in advance\b", r"\bbarely\b", r"\bvery little time\b",
        r"\bno time\b", r"\b(?:tight|short|impossible) deadlines?\b",
        r"\b(?:very|too|extremely|rather) (?:short|tight|rushed)\b", r"\b(?:très|trop) courte?s?\b",
        r"\bdélais? (?:très |trop )?courts?\b", r"\b(?:jours|heures|minutes|semaines) seulement\b",
        r"\b(?:muy|demasiado) cort[oa]s?\b", r"\b(?:muito|demasiado) curt[oa]s?\b",
        r"\bonly (?:this|that|the same|the previous) (?:morning|afternoon|evening|day)\b",
        r"\bonly the (?:evening|night|day) before\b", r"\b(?:a )?day or two before\b",
        r"\bran (?:late|over)\b", r"\b(?:started|began|was) (?:\w+ )?(?:hours?|minutes?) "
        r"(?:late|behind)\b", r"\b(?:changed|moved|postponed) (?:the date|twice|again)\b",
        rf"\btook (?:us |them |him |her )?(?:almost |nearly |over |more than )?{_NUMBER} "
        r"(?:weeks|months)\b",
        r"\b(?:tardamos|tardaron|tardó|demoraron|demorou|levou) (?:casi |más de |quase )?"
        r"(?:\w+ )?(?:meses|semanas)\b", r"\bqu[e']\s*(?:ce|le) (?:matin|soir)\b",
        r"\b(?:apenas|sólo|solo|seulement|nur|solamente) (?:\w+ )?(?:minutos|minutes|minuten|"
        r"minuti|horas|heures|stunden|días|dias|jours|tage|giorni)\b",
        r"\bn'(?:avons|avions|avaient|avait) (?:eu )?que\b", r"\bno tenemos tiempo\b",
        r"\bcambiaron la fecha\b", r"\bsans préavis\b", r"\b(?:un|dos) días? de aviso\b",
        r"\bvont très vite\b", r"\bdéjà adopté\b",
        r"\balready (?:adopted|decided|agreed|closed|full|finali[sz]ed)\b",
        r"\b(?:announced|notified|informed|told|invited|circulated|sent|shared|received|"
        r"published)\b[^.]{0,40}\b(?:for )?the (?:following|next) (?:day|morning|monday|tuesday|"
        r"wednesday|thursday|friday)\b",
        r"\bstill pending\b", r"\bpending (?:for|since|after) (?:\w+ )?(?:weeks|months)\b",
    ],
    "trading": [
        r"\bpackage deal\b", r"\bhorse-?trading\b", r"\btraded?\b", r"\btrade-?offs?\b",
        r"\bin exchange for\b", r"\bbargaining chip\b", r"\bmarchandage\b",
        r"\bmoneda de cambio\b", r"\bmoeda de troca\b",
    ],
    "turnover": [
        r"\bturnover\b", r"\breshuffle", r"\bmoved (?:between|to another|on)\b", r"\bretired\b",
        r"\bvacant\b", r"\b(?:have|has) (?:since )?left\b", r"\bleft (?:the|his|her|their) "
        r"(?:ministry|post|job|office|department)\b", r"\bnobody has been (?:named|appointed)\b",
        r"\bnot (?:yet )?(?:been )?replaced\b",
        r"\b(?:transferred|reassigned|rotated|posted|moved) (?:to|out|abroad|elsewhere)\b",
        r"\b(?:different|new) desks?\b",
        r"\b(?:three|several|many) (?:desks|secretaries|ministers|directors) in\b",
        r"\bcambio de (?:gobierno|ministro|equipo)\b",
        r"\bremaniement\b", r"\bmudança de (?:governo|ministro|equipa)\b",
    ],
    "connectivity": [
        r"\bconnect(?:ion|ivity)\b.*\b(?:unstable|dropp|poor|bad|lost|problem|obstacle|weak|"
        r"slow)", r"\bpower (?:cuts?|outages?)\b",
        r"\bno (?:electricity|power|internet|connectivity|bandwidth|signal)\b",
        r"\bblackouts?\b", r"\bload[- ]shedding\b",
        r"\b(?:stream|connection|line|call) (?:drops|dropped|failed|froze)\b",
        r"\bcould not (?:connect|log in|get online)\b", r"\bcoupures?\b",
        r"\b(?:is|was|has been|have been|were) (?:down|offline|inaccessible|unreachable)\b",
        r"\bcortes? de (?:luz|energía|electricidad)\b", r"\bcortes? de energia\b",
    ],
    "capacity": [
        r"\bvolunteers (?:are )?(?:exhausted|stretched|overwhelmed)\b",
        r"\bonly (?:\w+ )?volunteers\b", r"\b(?:done|run) by volunteers\b",
        r"\b(?:cannot|can't|could not|couldn't) (?:even )?(?:join|attend|speak|travel|take part|"
        r"be there|get|follow|keep up|access|download|reach|help)\b", r"\bnone of us could\b",
        r"\b(?:nobody|no one|none of us)\b[^.]{0,30}\b(?:could|can|was able to) (?:afford|"
        r"attend|travel|go|join|speak)\b",
        r"\bkept (?:failing|crashing|rejecting|refusing|bouncing|changing)\b",
        r"\bpoor(?:ly)? (?:quality|translated)\b",
        r"\b(?:will|would) (?:miss|not be able to (?:attend|join|speak|travel|take part))\b",
        r"\bno(?:body| one)? (?:\w+ )?(?:in|on) the (?:national )?delegation\b",
        r"\bin person only\b",
        rf"\bonly (?:{_NUMBER}|a single|a handful of) (?:people|persons|seats|delegates|speakers|"
        r"diplomats?|officials?|staff|person|officers?)\b",
        r"\b(?:solo|sólo) podemos\b", r"\bpedir permiso\b", r"\bworking (?:day|hours)\b",
        r"\bat the same time as\b", r"\bnot in a position\b", r"\b(?:cannot|can't) promise\b",
        r"\b(?:cannot|can't|could not|would not|will not|won't) (?:reopen|commit)\b",
        r"\bno se comprometió\b", r"\bnão se comprometeu\b", r"\bne s'est pas engagé",
        r"\b(?:has|have) the final (?:word|say)\b", r"\bno (?:direct )?(?:line|contact)\b",
        r"\bno accreditation\b", r"\b(?:we|our chapter|the chapter|our members) (?:do|does|did) "
        r"not have\b", r"\bwe (?:don't|didn't) have\b", r"\bnous n'avons (?:pas|aucun)",
        r"\bno tenemos\b", r"\bnão temos\b", r"\brefused\b", r"\breject(?:ed|ing)\b", r"\bdenied\b",
        r"\brechaz", r"\brefus", r"\brecus", r"\bnão pudemos\b", r"\bno pudimos\b",
        r"\bn'avons pas pu\b", r"\bexcluded\b", r"\bexclu",
    ],
}

# Phrases that contain a difficulty word without reporting a difficulty: the chapter's
# policy concerns conveyed to an official ("she listened to our concerns").
NOT_DIFFICULTY = [
    r"\b(?:not|no|never|without(?: any)?|n't) (?:\w+ )?(?:worried|concerned|problems?|"
    r"difficult(?:y|ies)|issues?|obstacles?|challenges?|trouble)\b",
    r"\b(?:challenge|difficulty|task|job) (?:now |ahead |for us )?is to\b",
    r"\bdifficult (?:questions?)\b",
    r"\b(?:listen\w*|rais\w*|shar\w*|address\w*|hear\w*|not\w*|explain\w*|present\w*|"
    r"underst\w*|took|take\w*|escuch\w*|atend\w*|entend\w*|écout\w*|ouvi\w*) (?:to |a |à )?"
    r"(?:our|their|the|his|her|these|those|nuestras|sus|las|nos|leurs|as|nossas) "
    r"(?:main |key |principales |principais )?(?:concerns|preocupaciones|préoccupations|"
    r"preocupações|inquiétudes)\b",
]
