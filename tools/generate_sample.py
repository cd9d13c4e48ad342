#!/usr/bin/env python3
"""Generate the bundled, entirely fictional Pipermail sample archive ``chapter-leaders``.

The sample imitates a GNU Mailman 2.1 (Pipermail 0.09) public archive of a list where
Internet Society chapter leaders discuss how they engage their governments (WSIS+20, the
IGF and its MAG, ITU meetings, national bills and consultations).  Every person, chapter
officer, official and address is invented; the real processes are only background.

Output (default ``corpora/sample/``):

* ``chapter-leaders/`` - list TOC ``index.html``; per month ``PERIOD.txt`` and
  ``PERIOD.txt.gz``; ``PERIOD/`` with ``thread.html``, ``date.html``, ``subject.html``,
  ``author.html``, ``index.html`` (a copy of ``thread.html``) and message pages
  ``NNNNNN.html`` numbered across months, all written the way Mailman 2.1 writes them
  (threading per month by In-Reply-To, then References, then subject);
* ``expected.json`` - facts and labels tests can check (per-message gold);
* ``README.md`` - what the sample contains, with counts.

The output is deterministic: fixed content, no wall-clock time (a fixed "Archived on"
date), gzip with mtime 0.  Regenerate with::

    .venv/bin/python tools/generate_sample.py            # writes corpora/sample/
    .venv/bin/python tools/generate_sample.py --out DIR  # writes elsewhere
"""

from __future__ import annotations

import argparse
import base64
import email.header
import gzip
import hashlib
import json
import re
import shutil
import string
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

LIST_NAME = "chapter-leaders"
REAL_NAME = "Chapter-leaders"
HOST = "lists.chapternet.example"
LIST_ADDR = f"{LIST_NAME}@{HOST}"
LISTINFO = f"http://{HOST}/mailman/listinfo/{LIST_NAME}"
ARCHIVE_URL = f"http://{HOST}/pipermail/{LIST_NAME}/"
CHARSET = "utf-8"
ARCHIVED_ON = "Mon Nov 24 03:27:00 UTC 2025"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "corpora" / "sample"

# ---------------------------------------------------------------------------
# Content: people, officials and messages (all fictional)
# ---------------------------------------------------------------------------
#
# Message texts use a light annotation syntax that the generator strips:
#   [[TAGS|text]]  with TAGS a comma-separated list of
#     S  story (engagement with a government/parliament/regulator/IGO that happened)
#     C  challenge            A  call to action
#     E=YYYY-MM-DD or E=YYYY-MM-DD/YYYY-MM-DD   dated event or deadline
#     O=<official id>         N=<why>  named person who is NOT an official
# Annotations nest (an official inside a story sentence).  In the source, consecutive
# lines of a paragraph are joined with a space when the first one is at least 50
# characters long and the next one is not a list item; shorter lines stay separate
# (greetings, sign-offs).  People with ``wrap`` hard-wrap their text at that width.

P = {
    "rafael": {
        "name": "Rafael Montoya-Strand", "addr": "rmontoya-strand@isoc.org",
        "zone": "US_EAST", "client": "outlook", "country": None, "staff": True,
        "sig": "Rafael Montoya-Strand\nSenior Advisor, Chapter Policy Engagement\n"
               "Internet Society\nWashington, DC",
    },
    "priya": {
        "name": "Priya Venkataraman-Holt", "addr": "venkataraman-holt@isoc.org",
        "zone": "EU_CENTRAL", "client": "gmail_gb", "country": None, "staff": True,
        "sig": "Priya Venkataraman-Holt\nPolicy Engagement Manager\nInternet Society | Geneva",
    },
    "brenda": {
        "name": "Brenda Akiror Nabukeera", "addr": "bnabukeera@isoc-ug.example",
        "zone": "+0300", "client": "gmail_gb", "country": "Uganda",
        "sig": "Brenda Akiror Nabukeera\nChair, ISOC Uganda Chapter\nKampala",
    },
    "adelaide": {
        "name": "Adélaïde Mbarga Essomba", "addr": "adelaide.mbarga@isoc-cm.example",
        "zone": "+0100", "client": "gmail_fr", "country": "Cameroon",
        "sig": "Adélaïde Mbarga Essomba\nPrésidente, ISOC Cameroun\nYaoundé",
    },
    "itzel": {
        "name": "Itzel Carranza Olmedo", "addr": "itzel.carranza@isoc-mx.example",
        "zone": "-0600", "client": "gmail_es", "country": "Mexico",
        "sig": "Itzel Carranza Olmedo\nPresidenta, Capítulo México de Internet Society\n"
               "Ciudad de México",
    },
    "julian": {
        "name": "Julián Andrés Quiñones", "addr": "jaquinones@isoc-co.example",
        "zone": "-0500", "client": "gmail_es", "country": "Colombia",
        "sig": "Julián Andrés Quiñones\nCoordinador, Capítulo Colombia de Internet Society\nBogotá",
    },
    "mariajose": {
        "name": "María José de la Torre", "addr": "mjdelatorre@isoc-ec.example",
        "zone": "-0500", "client": "apple_es", "country": "Ecuador",
        "sig": "María José de la Torre\nCapítulo Ecuador de Internet Society\nQuito",
    },
    "luis": {
        "name": "Luís Macuácua", "addr": "lmacuacua@isoc-mz.example",
        "zone": "+0200", "client": "gmail_pt", "country": "Mozambique",
        "sig": "Luís Macuácua\nPresidente, ISOC Moçambique\nMaputo",
    },
    "ines": {
        "name": "Inês Gonçalves Tavares", "addr": "ines.tavares@isoc-pt.example",
        "zone": "EU_WEST", "client": "apple_en", "country": "Portugal",
        "sig": "Inês Gonçalves Tavares\nDireção, Capítulo Portugal da Internet Society",
    },
    "tanvir": {
        "name": "Tanvir Ahmed Chowdhury", "addr": "tanvir.chowdhury@isoc-bd.example",
        "zone": "+0600", "client": "outlook_classic", "country": "Bangladesh",
        "sig": "Tanvir Ahmed Chowdhury\nGeneral Secretary\n"
               "Internet Society Bangladesh Dhaka Chapter",
    },
    "dilani": {
        "name": "Dilani Wickramaratne", "addr": "dilani.w@isoc-lk.example",
        "zone": "+0530", "client": "thunderbird", "country": "Sri Lanka", "wrap": 72,
        "sig": "Dilani Wickramaratne\nChair, Internet Society Sri Lanka Chapter\nColombo",
        "sig_style": "dash",
    },
    "ayu": {
        "name": "Made Ayu Pratiwi", "addr": "ayu.pratiwi@isoc-id.example",
        "zone": "+0800", "client": "gmail_us", "country": "Indonesia",
        "sig": "Made Ayu Pratiwi\nKetua (Chair), Internet Society Indonesia Chapter\n"
               "Denpasar, Bali",
    },
    "tsetseg": {
        "name": "", "addr": "tsetseg.dorj@mongolnet.example",
        "zone": "+0800", "client": "webmail", "country": "Mongolia",
        "sig": "[[O=dorjsuren|Tsetsegmaa Dorjsuren]]\nBoard member, ISOC Mongolia\n"
               "Senior Specialist, Ministry of Digital Development and Communications",
    },
    "desmond": {
        "name": "Desmond Whyte-Barrett", "addr": "dwhyte@isoc-jm.example",
        "zone": "-0500", "client": "outlook", "country": "Jamaica",
        "sig": "Desmond Whyte-Barrett\nPresident, Internet Society Jamaica Chapter\n"
               "Kingston, Jamaica",
    },
    "yassine": {
        "name": "Yassine Trabelsi-Kchaou", "addr": "yassine.trabelsi@isoc-tn.example",
        "zone": "+0100", "client": "outlook_fr", "country": "Tunisia",
        "sig": "Yassine Trabelsi-Kchaou\nSecrétaire général, ISOC Tunisie\nTunis",
    },
    "bjorn": {
        "name": "Björn Åkesson", "addr": "bjorn.akesson@isoc-se.example",
        "zone": "EU_CENTRAL", "client": "outlook_sv", "country": "Sweden",
        "sig": "Björn Åkesson\nStyrelseledamot / Board member, ISOC Sweden Chapter\nStockholm",
    },
    "funmi": {
        "name": "Funmilayo Adébáyọ̀", "addr": "funmi.adebayo@isoc-ng.example",
        "zone": "+0100", "client": "gmail_gb", "country": "Nigeria",
        "sig": "Funmilayo Adébáyọ̀\nSecretary, Internet Society Nigeria Chapter\n"
               "Senior Associate, Adeyemi Okafor & Partners, Lagos",
        "disclaimer": (
            "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may\n"
            "be legally privileged. If you are not the intended recipient, please notify the\n"
            "sender immediately and delete this message. Adeyemi Okafor & Partners accepts no\n"
            "liability for any damage caused by viruses transmitted by this e-mail."
        ),
    },
    "sasa": {
        "name": "Saša Jovanović", "addr": "sasa.jovanovic@isoc-rs.example",
        "zone": "EU_CENTRAL", "client": "mutt", "country": "Serbia", "wrap": 72,
        "sig": "Saša Jovanović\nVice-President, Internet Society Serbia Chapter",
        "sig_style": "dash",
    },
    "rania": {
        "name": "Rania Khoury-Haddad", "addr": "rania.kh@isoc-lb.example",
        "zone": "LEBANON", "client": "gmail_us", "country": "Lebanon",
        "sig": "Rania Khoury-Haddad\nISOC Lebanon Chapter\nBeirut",
    },
    "narek": {
        "name": "Narek Avetisyan", "addr": "narek.avetisyan@isoc-am.example",
        "zone": "+0400", "client": "apple_en", "country": "Armenia",
        "sig": "Narek Avetisyan\nBoard member, ISOC Armenia Chapter\nYerevan",
        "sig_style": "dash",
    },
}

OFFICIALS = {
    "odongo": ("Patience Akello Odongo", "Hon.; Minister of State for ICT and National Guidance",
               None, "Uganda", "Ministry of ICT and National Guidance"),
    "wamala": ("Isaac Ochen Wamala", "First Secretary", "follows WSIS+20 for Uganda", "Uganda",
               "Permanent Mission of Uganda to the United Nations, New York"),
    "sikder": ("Md. Habibur Rahman Sikder", "Joint Secretary", "national WSIS focal point",
               "Bangladesh", "ICT Division"),
    "seixas": ("Tiago Mendonça Seixas", "Secretary of State for Digitalisation", None,
               "Portugal", "Government of Portugal"),
    "sasongko": ("Rahmat Sasongko", "Deputy Minister of Communication and Digital Affairs", None,
                 "Indonesia", "Ministry of Communication and Digital Affairs"),
    "valdes": ("Ximena Valdés Ruelas", "Senator",
               "Chair of the Senate Commission on Communications and Digital Transformation",
               "Mexico", "Senado de la República"),
    "yepez": ("Marco Tulio Yépez", "Asambleísta (member of the National Assembly)", None,
              "Ecuador", "Asamblea Nacional"),
    "wijesekera": ("Chaminda Wijesekera", "Director-General", None, "Sri Lanka",
                   "Telecommunications Regulatory Commission of Sri Lanka"),
    "abessolo": ("Hervé Abessolo Ndzié",
                 "Directeur des Technologies de l'Information et de la Communication", None,
                 "Cameroon", "Ministère des Postes et Télécommunications"),
    "jaziri": ("Karim Jaziri", "Chargé de mission au cabinet du Ministre", None, "Tunisia",
               "Ministère des Technologies de la Communication"),
    "oyelaran": ("Bertrand Oyelaran-Costa", "Mr.", None, None, "IGF Secretariat"),
    "campbell": ("Marcia Campbell-Thorne", "Ambassador, Permanent Representative", None,
                 "Jamaica", "Permanent Mission of Jamaica to the United Nations"),
    "saddler": ("Devon Saddler", "Minister Counsellor", "WSIS+20 negotiator", "Jamaica",
                "Permanent Mission of Jamaica to the United Nations"),
    "ljungqvist": ("Karin Ljungqvist", "Deputy Director", "coordinates the Swedish line on WSIS+20",
                   "Sweden", "Ministry for Foreign Affairs"),
    "nwachukwu": ("Adaeze Nwachukwu-Bello", "Senator",
                  "Chair of the Senate Committee on ICT and Cybersecurity", "Nigeria",
                  "Senate of Nigeria"),
    "bakare": ("Tunde Bakare-Cole", "Legislative Aide", "aide to the committee chair", "Nigeria",
               "Senate of Nigeria"),
    "grigoryan": ("Arsen Grigoryan-Tadevosyan", "Counsellor", None, "Armenia",
                  "Permanent Mission of Armenia to the United Nations Office in Geneva"),
    "nasrallah": ("Fadi Nasrallah-Aoun", "Adviser to the Minister of Telecommunications", None,
                  "Lebanon", "Ministry of Telecommunications"),
    "lindahl": ("Haruka Lindahl", "Counsellor", None, None, "ITU General Secretariat"),
    "nhantumbo": ("Abílio Nhantumbo", "Eng.; Presidente do Conselho de Administração", None,
                  "Mozambique", "Autoridade Reguladora das Comunicações (ARECOM)"),
    "milovanovic": ("Dragana Milovanović", "State Secretary", None, "Serbia",
                    "Ministry of Information and Telecommunications (until September 2025)"),
    "ristic": ("Nenad Ristić-Vukov", "State Secretary", None, "Serbia",
               "Ministry of Information and Telecommunications"),
    "restrepo": ("Catalina Restrepo Ochoa", "Viceministra de Transformación Digital", None,
                 "Colombia", "MinTIC"),
    "batsaikhan": ("Ganzorig Batsaikhan", "Head of Policy", None, "Mongolia",
                   "Communications Regulatory Commission"),
    "haugstad": ("Liv Marit Haugstad", "H.E. Ambassador", "Co-Facilitator of the WSIS+20 review",
                 "Norway", "Permanent Mission of Norway to the United Nations"),
    "marchetti": ("Olena Marchetti-Kovalenko", "Programme Officer", None, None, "UN DESA"),
    "dorjsuren": ("Tsetsegmaa Dorjsuren", "Senior Specialist", None, "Mongolia",
                  "Ministry of Digital Development and Communications"),
}


def M(key: str, frm: str, at: str, text: str = "", **kw) -> dict:
    """One message of the sample (see the field notes above MESSAGES)."""
    return {"key": key, "frm": frm, "at": at, "text": text, **kw}


T1 = "[Chapter-leaders] WSIS+20 zero draft: tell us who you have talked to"
T2 = ("[Chapter-leaders] Senado de México: audiencia pública sobre la Ley de Ciberseguridad"
      " / Senate hearing on the cybersecurity bill")
T3 = ("[Chapter-leaders] Sri Lanka: comments on the Online Safety (Amendment) Bill"
      " due 30 September")
T4 = "[Chapter-leaders] Fwd: Invitation à l'atelier national de validation SMSI+20"
T5 = "[Chapter-leaders] IGF MAG 2026: call for nominations closes 10 October"
T6 = "[Chapter-leaders] Jamaica: we briefed our Permanent Mission during UNGA high-level week"
T7 = "[Chapter-leaders] One-page briefing note for ministers – can we pool templates?"
T8 = "[Chapter-leaders] Nigeria: we testified at the Senate hearing on the Digital Economy Bill"
T9 = ("[Chapter-leaders] Geneva in November: visas, remote participation and the ITU"
      " information session")
T10 = ("[Chapter-leaders] Enc: Consulta pública sobre a Estratégia Nacional de Transformação"
       " Digital")
T11 = "[Chapter-leaders] When your ministry contact moves on"
T12 = ("[Chapter-leaders] Rev1 is out: what to ask your mission before the 14 November"
       " consultation")
T13 = "[Chapter-leaders] MinTIC respondió a nuestra carta / MinTIC replied to our letter"
T14 = ("[Chapter-leaders] Uganda: draft intervention for the 14 November consultation"
       " – comments welcome")
T15 = "[Chapter-leaders] Bangladesh: a reply at last from the ICT Division"
T16 = "[Chapter-leaders] Chapter-leaders call on 27 November (13:00 UTC): WSIS+20 end game"
T17 = "[Chapter-leaders] Lebanon: briefing the minister's adviser before the High-Level Meeting"

# Fields of M(): key, frm (person), at (sender's local time), text (annotated own text),
#   subj      Subject as sent (replies: derived from the parent with the client's prefix)
#   parent    message replied to (content); hdrs: "full" (default for replies), "none"
#             (subject-only), "refs" (References only), "irt2" (two ids in In-Reply-To)
#   root      true thread root when there is no parent (digest replies)
#   layout    plain | top | bottom | inline | outlook | digest   (default per client)
#   quote     full | new | text | (start, end) snippet of the parent's own text
#   parts     inline layout: ("q", start, end) quote snippets and ("t", text) replies
#   sig       default | plain | dash | none | mobile
#   attach    list of "html" or (filename, mime type, size)
#   fwd       forwarded message: style, frm, addr, date, to, cc, subject, text, sig
#   digest    (volume, issue, sent-at UTC, [keys of the digested messages])
#   mid       False for a message without Message-ID;  client: override of the client
MESSAGES = [
    # ------------------------------------------------------------------ September
    M("t1a", "rafael", "2025-09-02 10:12:31", subj=T1, layout="plain", attach=["html"], text="""
    Dear chapter leaders,

    As most of you know, the co-facilitators circulated the zero draft of the WSIS+20 outcome
    document at the end of August. [[E=2025-12-16/2025-12-17|The negotiations will now run
    through the autumn and close with the High-Level Meeting of the General Assembly on
    16-17 December.]] Delegations are forming their positions in the next few weeks, and in
    many capitals nobody has yet asked the Internet community what it thinks.

    So, a simple request. [[A,E=2025-09-12|Please reply to this thread by Friday 12 September
    with three things: who in your government you have already talked to about WSIS+20 (name
    and role, if you can share them), what you asked for, and what response you got.]]
    [[A|If you tried and got nowhere, tell us that too.]] The blockages are as useful to us as
    the successes, because they tell us where the Internet Society can help from Geneva and
    New York.

    For reference, our three asks have not changed: a permanent mandate for the IGF, explicit
    language on the multistakeholder model, and no new intergovernmental body for Internet
    governance. Our first reading of the zero draft is here:
    https://www.chapternet.example/wsis20/zero-draft-notes

    Best,
    Rafael
    """),
    M("t1b", "brenda", "2025-09-03 09:47:10", parent="t1a", layout="top", quote="full",
      attach=[("ISOC-Uganda-WSIS20-brief.pdf", "application/pdf", 312566), "html"], text="""
    Hi Rafael, all,

    Uganda here. [[S,E=2025-08-28|On Thursday 28 August four of us met [[O=odongo|Hon. Patience
    Akello Odongo]], the Minister of State for ICT and National Guidance, at the ministry in
    Kampala.]] [[S|We left her a two-page brief on WSIS+20, and she asked us to send the same
    note to the Ministry of Foreign Affairs, which leads our delegation in New York.]]

    [[S,E=2025-09-01|The Minister's office then put us in touch with [[O=wamala|Mr. Isaac Ochen
    Wamala]], First Secretary at our Permanent Mission in New York, and we had a first call
    with him on Monday.]] [[C|The difficulty is continuity: the ministry's WSIS focal point
    retired in June and nobody has been named to replace her, so every letter we send lands on
    a different desk.]]

    I attach our brief in case it is useful to others.

    Warm regards,
    Brenda
    """),
    M("t1c", "tanvir", "2025-09-04 17:35:44", parent="t1a", quote="new", text="""
    Dear Rafael,

    Thank you for starting this thread. I will be honest, our experience so far is a wall.

    [[S,C,E=2025-07-14,E=2025-08-20|We wrote to [[O=sikder|Joint Secretary Md. Habibur Rahman
    Sikder]] at the ICT Division, who is listed as the national WSIS focal point, on 14 July
    and again on 20 August, and we have had no reply to either letter.]] [[C|When I phoned his
    office, the staff did not know that WSIS was being reviewed this year at all.]] [[C|Our
    chapter has no paid staff, so all of this is done by volunteers in the evenings.]]

    [[A|If any chapter has a short template letter that actually got a reply, please share it
    with us.]]

    Regards,
    Tanvir
    """),
    M("t2a", "itzel", "2025-09-04 08:20:05", subj=T2, layout="plain", attach=["html"], text="""
    Hola a todos / Hi all,

    [[S|La Comisión de Comunicaciones y Transformación Digital del Senado nos invitó a
    participar en una audiencia pública sobre la iniciativa de Ley General de
    Ciberseguridad.]] [[E=2025-09-10|La audiencia será el miércoles 10 de septiembre y
    tendremos siete minutos.]]

    [[S|In English: the Senate committee working on the new cybersecurity bill has invited our
    chapter to a public hearing.]] [[E=2025-09-10|The hearing is on Wednesday 10 September, and
    we will have seven minutes.]] [[S|The invitation came from the committee chair,
    [[O=valdes|Senator Ximena Valdés Ruelas]], after we sent her office our comments on the
    first draft in July.]]

    [[C|Our concern is that the draft gives the executive broad powers to block services
    without a court order, and very few senators understand how that could affect the Internet
    beyond Mexico.]]

    [[A,E=2025-09-08|If your chapter has examples of a cybersecurity law that was improved by
    open consultation, please send them to me by Monday 8 September so we can cite them.]]

    ¡Gracias!
    Itzel
    """),
    M("t1d", "ines", "2025-09-04 21:10:02", parent="t1c", layout="bottom", quote="new",
      text="""
    Tanvir, you are not alone – it took us two letters as well.

    [[S|What finally worked in Portugal was a much shorter letter: one page, three asks, and an
    offer to brief the team in person.]] [[S|We sent it to the Secretary of State for
    Digitalisation, [[O=seixas|Dr. Tiago Mendonça Seixas]], in July, and his chief of staff
    called us back within ten days.]] [[S,E=2025-08-29|We had a call with his team last
    Friday, and they have asked us to comment on the national position before it goes to New
    York.]]

    I will send you our letter off-list. Feel free to reuse any of it.

    Um abraço,
    Inês
    """),
    M("D1", "narek", "2025-09-05 10:30:00", root="t1a",
      subj="Re: Chapter-leaders Digest, Vol 21, Issue 3",
      digest=(21, 3, "2025-09-04 16:00:02", ["t1b", "t1c", "t2a"]), text="""
    Dear Rafael, dear colleagues,

    Sorry for replying to the digest – I only get the list this way.

    [[S|On the WSIS+20 question: in Armenia we wrote to the Ministry of High-Tech Industry in
    August and were invited to a short meeting with the head of its international cooperation
    department, who promised to forward our points to the Ministry of Foreign Affairs.]]
    [[C|Nobody at the meeting had read the zero draft, and we could not get a name for the
    person in Yerevan who will actually instruct our mission.]]

    [[A|If anyone has found a polite way to ask "who holds the pen?", please share it.]]

    Best regards,
    Narek
    """),
    M("t2b", "julian", "2025-09-05 11:02:17", parent="t2a", layout="top", quote="new", text="""
    ¡Felicitaciones, Itzel!

    [[S|En Colombia presentamos comentarios a la consulta del proyecto de ley de seguridad
    digital en 2024 y el ponente nos citó en el informe final, así que sí vale la pena.]] Te
    envío por correo aparte el documento que preparamos.

    [[C|Un consejo: en nuestra audiencia nos dieron solo cinco minutos y el orden del día
    cambió dos veces el mismo día, así que lleven una versión corta.]]

    Un abrazo,
    Julián
    """),
    M("t1e", "tanvir", "2025-09-06 10:15:09", parent="t1d", quote="full", sig="none", text="""
    Many thanks Inês, the letter arrived and it is exactly what we needed.

    [[S,E=2025-09-06|We have adapted it and sent it this morning to the Secretary of the ICT
    Division, with [[O=sikder|Mr. Sikder]] in copy.]] I will let the list know if it works.

    Tanvir
    """),
    M("t1f", "ines", "2025-09-06 19:40:51", parent="t1e", layout="bottom", quote="full",
      sig="none", text="""
    Fingers crossed, Tanvir! [[A|And if the Secretary replies, please tell us what he asked for
    – it will help the rest of us prepare.]]

    Inês
    """),
    M("t2c", "mariajose", "2025-09-08 09:05:33", parent="t2a", layout="bottom", quote="text",
      text="""
    Hola Itzel,

    [[S|En Ecuador pasamos por algo parecido: en junio el [[O=yepez|asambleísta Marco Tulio
    Yépez]] nos recibió para hablar de la ley de protección de datos, y después nos pidió
    comentarios por escrito.]] Quizás les sirva un dato: la embajadora jubilada
    [[N=retired diplomat|Hilda Moreno-Paz]] nos ayudó a preparar la intervención, porque conoce
    bien el lenguaje de la Asamblea.

    [[S|In English, briefly: our National Assembly member asked for written comments after a
    meeting in June, so bring a printed summary to leave with the committee.]]

    Saludos,
    María José
    """),
    M("t1g", "ayu", "2025-09-08 20:30:12", parent="t1a", layout="top", quote="new", text="""
    Dear Rafael and all,

    Greetings from Denpasar. [[S,E=2025-09-03|Last Wednesday I spoke briefly with
    [[O=sasongko|Deputy Minister Rahmat Sasongko]] at the opening of a digital skills programme
    in Bali, and he agreed to receive a delegation from the chapter in Jakarta.]] [[C|He was
    friendly, but he told me frankly that WSIS is "handled by Foreign Affairs" and that his
    ministry only sees the text at the very end.]] [[C|The other problem is cost: a trip to
    Jakarta for three people is more than our chapter spends in a quarter, and we have no
    budget line for advocacy.]]

    [[A|Could the Internet Society tell us whether there is any small fund for travel to
    national meetings?]]

    Salam,
    Ayu
    """),
    M("t3a", "dilani", "2025-09-09 14:02:18", subj=T3, layout="plain", text="""
    Dear colleagues,

    The Ministry of Public Security has published draft amendments to the Online Safety Act
    and opened a public consultation. [[C,E=2025-09-30|Comments are due on 30 September, which
    gives us barely three weeks.]]

    [[S,E=2025-09-02|Last Tuesday our chapter met the Director-General of the
    Telecommunications Regulatory Commission, [[O=wijesekera|Mr. Chaminda Wijesekera]],
    together with two civil society groups.]] [[S|[[O=wijesekera|Mr. Wijesekera]] listened
    carefully and said the Commission would forward written comments to the Ministry, but he
    also said that the timeline is set by Cabinet and will not change.]]

    [[C|The draft is only available in Sinhala for now, and the English translation is "in
    progress", which makes it hard to get help from outside.]]

    [[A|If your chapter has commented on an online safety or online harms law, could you please
    send me your submission or a link to it?]] [[A|I would also be grateful for two or three
    volunteers to read our draft comments next week.]]

    With thanks,
    Dilani
    """),
    M("t2d", "itzel", "2025-09-11 09:48:27", parent="t2a", layout="plain", sig="none",
      text="""
    Update from Mexico City.

    [[S,E=2025-09-10|Yesterday we presented our comments at the Senate hearing.]]
    [[S|[[O=valdes|Senadora Valdés]] asked two questions about court orders and took notes, and
    afterwards her technical adviser asked us for the examples that some of you sent.]] Thank
    you Julián, María José and everyone who wrote off-list!

    [[C|The hard part was the format: we were the ninth speaker out of eleven, the session ran
    late, and by the time we spoke half of the senators had left the room.]]
    [[N=academic|Prof. Ernesto Villalobos Pineda]], who spoke for the universities, had the same
    problem.

    [[A,E=2025-09-19,E=2025-09-17|The committee will accept written submissions until 19
    September, so if any chapter wants to sign on to ours, please tell me by Wednesday 17
    September.]]

    Itzel
    """),
    M("t3b", "rania", "2025-09-11 11:15:40", parent="t3a", layout="bottom", quote="text",
      text="""
    Dear Dilani,

    Happy to be one of your readers. [[S|We commented on Lebanon's draft law on electronic
    transactions and personal data in 2023, and we presented the main points to the
    parliamentary ICT committee in person.]] [[C|My honest advice is to expect very little from
    the consultation itself: our comments were acknowledged but never answered, and the law was
    adopted with almost no changes.]] What made a difference for us later was that the
    committee staff remembered us when the implementing decrees came up.

    Rania
    """),
    M("t1h", "rafael", "2025-09-12 16:40:03", parent="t1a", layout="plain", text="""
    Dear all,

    Thank you – eleven chapters have replied so far, on the list or to me directly. A first
    summary:

    - [[S|Five chapters have met a minister or deputy minister in the last two months.]]
    - [[C|Four chapters have written to their ministries and are still waiting for any
    reply.]]
    - [[C|In at least three countries, the officials we met did not know that WSIS was being
    reviewed this year.]]

    [[A,E=2025-09-19|If you have not replied yet, please send us a few lines by Friday 19
    September – we will turn the results into a short guide for chapters.]]

    Best,
    Rafael
    """),
    M("t2e", "funmi", "2025-09-13 10:05:44", parent="t2d", layout="top", quote="full", text="""
    Well done, Itzel!

    We would be glad to sign on for ISOC Nigeria. [[S|We went through a very similar hearing at
    the National Assembly on our data protection bill last year.]] One tip: ask the committee
    clerk for the list of speakers in advance, and send your written text to the clerk before
    the session so it is in the record even if time runs out.

    Best wishes,
    Funmi
    """),
    M("t4a", "adelaide", "2025-09-15 11:40:05", subj=T4, layout="plain", text="""
    Dear colleagues, chers collègues,

    [[S|Good news from Yaoundé: the Ministry of Posts and Telecommunications has invited our
    chapter to the national validation workshop on Cameroon's WSIS+20 contribution.]]
    [[E=2025-09-24|The workshop is on 24 September.]] The invitation is forwarded below in
    French.

    [[C,E=2025-09-19|Nous n'avons reçu l'invitation que ce matin et il faut confirmer avant le
    19 septembre, avec une liste de participants.]] [[C|Le document de travail fait quarante
    pages et il n'existe qu'en français, alors que la plupart de nos membres anglophones de
    Buea et Bamenda voudraient contribuer.]]

    [[A,E=2025-09-19|Si vous avez une note courte sur le FGI et le modèle multipartite, en
    français ou en anglais, merci de me l'envoyer avant vendredi.]]

    Bien cordialement,
    Adélaïde
    """, fwd={
        "style": "gmail_fr", "frm": "Hervé Abessolo Ndzié",
        "addr": "h.abessolo@minpostel.gov.cm.example", "date": "2025-09-15 08:12:40 +0100",
        "to": "<adelaide.mbarga@isoc-cm.example>",
        "cc": "<dt.secretariat@minpostel.gov.cm.example>",
        "subject": "Invitation à l'atelier national de validation SMSI+20",
        "text": """
        Madame la Présidente,

        [[E=2025-09-24|Le Ministère des Postes et Télécommunications organise le mercredi 24
        septembre 2025 à 9 heures, à l'hôtel des Postes de Yaoundé, un atelier national de
        validation de la contribution du Cameroun à l'examen SMSI+20.]] [[S|J'ai l'honneur
        d'inviter l'ISOC Cameroun à prendre part à cet atelier, aux côtés des opérateurs, des
        universités et de la société civile.]]

        [[E=2025-09-19|Je vous saurais gré de bien vouloir confirmer votre participation, avec
        les noms de deux délégués au plus, avant le vendredi 19 septembre 2025.]]

        Veuillez agréer, Madame la Présidente, l'expression de ma considération distinguée.
        """,
        "sig": "[[O=abessolo|Hervé Abessolo Ndzié]]\n"
               "Directeur des Technologies de l'Information et de la Communication\n"
               "Ministère des Postes et Télécommunications\nRépublique du Cameroun",
    }),
    M("t3c", "sasa", "2025-09-15 22:10:37", parent="t3a", layout="inline", parts=[
        ("q", "The draft is only available", "from outside."),
        ("t", """
        [[S|We had the same situation with the Serbian draft law on electronic communications in
        2024, and we simply asked the ministry for an unofficial working translation.]] [[S|They
        sent one within a week.]] Worth asking.
        """),
        ("q", "If your chapter has commented", "a link to it?"),
        ("t", """
        Our comments (in English) are here:
        https://isoc-rs.example/2024/ekom-comments.pdf
        """),
        ("q", "I would also be grateful", "comments next week."),
        ("t", """
        Count me in.

        Cheers,
        Saša
        """)]),
    M("t4b", "yassine", "2025-09-16 09:03:11", parent="t4a", quote="new", text="""
    Bonjour Adélaïde,

    Félicitations pour cette invitation ! [[S|En juin, notre bureau a été reçu par
    [[O=jaziri|M. Karim Jaziri]], chargé de mission au cabinet du Ministre des Technologies de
    la Communication, et nous lui avons remis une note de deux pages sur le SMSI+20.]]
    [[S,E=2025-09-02|Il l'a transmise au ministère des Affaires étrangères, qui nous a ensuite
    invités à une réunion de coordination le 2 septembre.]]

    Je t'envoie cette note en français dans un message séparé ; tu peux la réutiliser
    librement.

    [[C|Un conseil : les ateliers de validation vont très vite et le texte est souvent déjà
    adopté avant la réunion, donc il vaut mieux envoyer vos propositions par écrit au Directeur
    avant l'atelier.]]

    Cordialement,
    Yassine
    """),
    M("t3d", "dilani", "2025-09-17 18:20:55", parent="t3c", layout="bottom", quote="full",
      text="""
    Thank you Saša, and thanks to Rania and the others who wrote to me directly.

    [[S,E=2025-09-12|We asked the Ministry for a working translation on Friday, as you
    suggested, and received it the same afternoon.]] [[E=2025-09-24|Our draft comments will be
    ready by 24 September, and I will circulate them to the volunteers then.]]

    Dilani
    """),
    M("t3e", "desmond", "2025-09-18 07:55:21", parent="t3a", hdrs="none", layout="plain",
      sig="mobile", subj="Re: " + T3, text="""
    Dilani, good luck with the submission. [[S|Jamaica went through a consultation on our
    cybercrimes amendments in 2024, and the one thing that moved the ministry was a joint
    letter signed by several organisations, not just us.]] [[A|If you go that route, add ISOC
    Jamaica to the list of supporters.]]

    Desmond
    """),
    M("t5a", "priya", "2025-09-22 10:00:14", subj=T5, layout="plain", attach=["html"], text="""
    Dear all,

    [[E=2025-10-10|The IGF Secretariat has opened the call for nominations to the 2026
    Multistakeholder Advisory Group, and it closes on 10 October.]] The MAG shapes the
    programme of the next IGF, and several of you have told us that a MAG seat gives you much
    easier access to your own ministry.

    A few practical points:

    - Nominations go through the stakeholder groups; chapter leaders usually apply as civil
    society or technical community.
    - [[S|[[O=oyelaran|Mr. Bertrand Oyelaran-Costa]] of the IGF Secretariat has confirmed to us
    that self-nominations are accepted.]]
    - [[E=2025-09-25|We will run a short webinar on the process on Thursday 25 September at
    14:00 UTC.]]
    - [[N=MAG member from civil society|Dr. Lucía Ferrándiz]], who served on the MAG for three
    years, has kindly agreed to join the webinar.

    [[A,E=2025-10-03|If you plan to apply, please let me know by 3 October so that we can help
    with references.]]

    Best,
    Priya
    """),
    M("t5b", "mariajose", "2025-09-23 08:30:46", parent="t5a", layout="top", quote="text",
      sig="mobile", text="""
    Thanks Priya. [[C|One question from Quito: in our case the ministry expects to "endorse"
    any Ecuadorian candidate for UN bodies, and last time the endorsement letter took two
    months.]] Does the MAG nomination need a government endorsement at all?

    María José
    """),
    M("t4c", "adelaide", "2025-09-25 19:05:30", parent="t4b", layout="top", quote="new",
      sig="none", text="""
    Merci Yassine, ta note nous a beaucoup servi.

    [[S,E=2025-09-24|Hier, j'ai présenté nos trois propositions lors de l'atelier de
    validation, et le [[O=abessolo|Directeur Abessolo]] a accepté d'ajouter une phrase sur le
    Forum sur la gouvernance de l'Internet dans la contribution nationale.]] [[C|Nous n'avions
    que dix minutes, et la moitié de la salle découvrait le SMSI ce jour-là.]]

    [[S,E=2025-09-24|For the English speakers: the ministry agreed to add a sentence on the IGF
    to Cameroon's national contribution after our intervention yesterday.]] [[A|If anyone can
    help us follow up with our mission in New York, please get in touch.]]

    Adélaïde
    """),
    M("t5c", "priya", "2025-09-26 09:15:08", parent="t5b", layout="inline", sig="none", parts=[
        ("q", "Does the MAG nomination", "at all?"),
        ("t", """
        No. [[S,E=2025-09-26|I checked with the IGF Secretariat this morning and they confirmed
        that no government endorsement is needed for non-governmental nominees.]]
        """),
        ("q", "in our case the ministry", "for UN bodies"),
        ("t", """
        That said, it does no harm to inform the ministry that you are applying. [[S|Two
        chapters did that last year and were later invited to their national IGF preparatory
        meetings.]]

        Priya
        """)]),
    M("t4d", "priya", "2025-09-26 09:40:19", parent="t4c", layout="bottom", quote="text",
      text="""
    Bravo Adélaïde, this is a real result.

    [[E=2025-10-03|Our French one-pager on the IGF mandate will be online by Friday 3 October,
    and I will post the link here.]] [[A|In the meantime, please send me the name of the
    diplomat in New York who follows WSIS+20 for Cameroon, and I will check whether our New
    York colleagues have met them.]]

    Priya
    """),
    M("t5d", "luis", "2025-09-29 08:50:27", parent="t5a", layout="top", quote="new", text="""
    Olá Priya,

    [[A|Could you please share the recording of the webinar?]] [[C,E=2025-09-25|The session on
    25 September was at the same time as our chapter assembly in Maputo, so none of us could
    join.]]

    Obrigado,
    Luís
    """),
    M("t6a", "desmond", "2025-09-29 21:40:16", subj=T6, layout="plain", attach=["html"],
      text="""
    Colleagues,

    A short report while it is fresh. [[S,E=2025-09-26|On Friday 26 September two of our board
    members met [[O=campbell|Ambassador Marcia Campbell-Thorne]], Permanent Representative of
    Jamaica to the United Nations, at the Mission in New York.]] [[S|[[O=saddler|Mr. Devon
    Saddler]], the Minister Counsellor who sits in the WSIS+20 negotiations, joined for the
    second half.]]

    What we learned:
    - [[S|[[O=campbell|Ambassador Campbell-Thorne]] is supportive of the IGF but told us that
    CARICOM missions tend to follow the G77 line on the final package.]]
    - [[C|The Mission has four diplomats covering the whole Second Committee agenda, so WSIS
    gets perhaps an hour a week.]]
    - [[S,E=2025-10-10|[[O=saddler|Mr. Saddler]] asked us for concrete wording on two
    paragraphs, and we promised it by 10 October.]]

    [[A|If your chapter has members based in New York, please introduce them to your mission
    now – the missions are very small and a friendly local contact matters.]]

    Regards,
    Desmond
    """),
    M("t6b", "itzel", "2025-09-30 20:45:52", parent="t6a", layout="top", quote="new",
      sig="none", text="""
    Gracias Desmond, very useful.

    [[S|We have a similar situation in Mexico: the mission in New York told us in August that
    WSIS is handled by one diplomat who also covers climate and oceans.]] [[A|Could you share
    the two paragraphs you proposed to the mission once they are ready?]] Many of us could use
    them.

    Itzel
    """),
    # ------------------------------------------------------------------ October
    M("t6c", "bjorn", "2025-10-01 09:12:40", parent="t6a", quote="new", text="""
    Thanks Desmond, this is very helpful.

    [[S|In August our chapter met [[O=ljungqvist|Ms. Karin Ljungqvist]], Deputy Director at the
    Ministry for Foreign Affairs in Stockholm, who coordinates the Swedish line on WSIS+20 with
    the EU delegation.]] [[C|The EU coordination means that the real decisions are made in
    Brussels meetings we cannot attend, so our national contacts can only "bring our views into
    the room".]]

    [[S|I agree on wording: when we sent [[O=ljungqvist|Ms. Ljungqvist]] two concrete
    amendments, she replied within a day.]]

    Hälsningar,
    Björn
    """),
    M("t6d", "desmond", "2025-10-02 10:30:07", parent="t6c", quote="new", sig="none", text="""
    Björn, Itzel – thank you. [[E=2025-10-10|I will post our two paragraphs here once the board
    approves them, hopefully before 10 October.]]

    [[S|One more thing from New York: [[O=campbell|H.E. Campbell-Thorne]] has asked
    [[O=saddler|Mr. Saddler]] to keep us informed after each informal round of negotiations.]]

    Desmond
    """),
    M("t7a", "ayu", "2025-10-06 15:20:33", subj=T7, layout="plain", text="""
    Dear all,

    Some progress from Indonesia. [[S,E=2025-10-16|The office of [[O=sasongko|Deputy Minister
    Rahmat Sasongko]] has confirmed a meeting with our chapter in Jakarta on 16 October.]]
    Thanks to a small grant from a local foundation, three of us can now travel.

    We will have 30 minutes, and his staff asked for a one-page note in Bahasa Indonesia that
    he can read in the car. [[C|Writing about WSIS+20 on one page for a non-specialist is harder
    than it sounds, and we have no budget for professional translation.]]

    [[A|If your chapter has a one-page note for a minister, in any language, please share it on
    the list so that we can all borrow from each other.]]

    Terima kasih,
    Ayu
    """),
    M("t7b", "bjorn", "2025-10-06 16:05:12", parent="t7a", quote="new",
      attach=[("ISOC-SE-WSIS20-onepager.docx", "application/vnd.openxmlformats-officedocument"
               ".wordprocessingml.document", 48211), "html"], text="""
    Hej Ayu,

    Attached is the note we used in Stockholm, in English. [[S|It was written for the Deputy
    Director I mentioned in the Jamaica thread, and she forwarded it to the State Secretary's
    office without changes.]] The trick was to put the three asks in bold at the top and the
    background below.

    Hälsningar,
    Björn
    """),
    M("t7c", "rafael", "2025-10-07 09:30:45", parent="t7a", quote="new", text="""
    Ayu, all,

    Our briefing kit now has a one-page template in English, French and Spanish:
    https://www.chapternet.example/wsis20/briefing-kit

    [[E=2025-10-10|A Bahasa Indonesia version is not there yet, but our Asia-Pacific team has
    offered to review your translation if you send it by Friday 10 October.]]

    [[A|Everyone: when you use the template, please send us the final version you gave your
    minister, so that we can keep a library of real examples.]]

    Best,
    Rafael
    """),
    M("t8a", "funmi", "2025-10-08 08:15:26", subj=T8, layout="plain", attach=["html"], text="""
    Dear colleagues,

    [[S,E=2025-10-07|Yesterday ISOC Nigeria testified at the public hearing of the Senate
    Committee on ICT and Cybersecurity on the Digital Economy and E-Governance Bill.]] [[S|The
    committee chair, [[O=nwachukwu|Senator Adaeze Nwachukwu-Bello]], gave us ten minutes and
    asked several questions about the clauses on platform liability and Internet shutdowns.]]

    [[S|After the session her legislative aide, [[O=bakare|Mr. Tunde Bakare-Cole]], asked us
    for a written memorandum with proposed amendments.]] [[E=2025-10-17|The deadline for the
    memorandum is 17 October.]]

    [[C|We received the hearing notice only 72 hours in advance, and two of our three speakers
    had to travel from Lagos to Abuja at their own cost.]] [[N=journalist|Chinedu Obiora]], a
    reporter from The Abuja Chronicle, has asked us for an interview about the bill, which we
    will give once the memorandum is in.

    [[A,E=2025-10-13|If any chapter has drafted amendments on intermediary liability or
    shutdowns, please send them to me before Monday 13 October.]]

    Best wishes,
    Funmi
    """),
    M("t8b", "brenda", "2025-10-08 13:40:02", parent="t8a", layout="top", quote="text",
      sig="none", text="""
    Congratulations Funmi, and thank you for the detailed report.

    [[S|Our chapter gave evidence to the Ugandan parliament's ICT committee on the Computer
    Misuse amendments in 2022, and the memorandum turned out to matter far more than the
    hearing.]] The clerk circulated it to all members, while only four MPs were in the room
    when we spoke.

    [[A|Would you be willing to share your memorandum on the list once it is submitted?]]

    Brenda
    """),
    M("t8c", "itzel", "2025-10-08 09:02:44", parent="t8a", layout="bottom",
      quote=("Yesterday ISOC Nigeria", "at their own cost."), sig="none", text="""
    Funmi, felicidades.

    [[S,E=2025-09-19|We sent our written submission to the Mexican Senate on 19 September, and
    the committee has just published it on its website together with the others.]] I will send
    you the section on blocking orders – the legal context is different but the arguments
    travel well.

    Itzel
    """),
    M("t9a", "narek", "2025-10-13 11:25:18", subj=T9, layout="plain", text="""
    Dear all,

    [[E=2025-11-04|ITU will hold an information session for Member States and Sector Members on
    its contribution to the WSIS+20 review in Geneva on 4 November, and two of us wanted to
    attend as observers.]] [[C,E=2025-12-02|The earliest Schengen visa appointment we could get
    in Yerevan is on 2 December, a month after the session.]]

    [[S|We wrote to our Permanent Mission in Geneva, and [[O=grigoryan|Counsellor Arsen
    Grigoryan-Tadevosyan]] kindly offered to attend the session himself and to share his notes
    with the chapter.]] His reply is below.

    [[A|Does anyone know whether ITU will allow remote participation for observers?]]

    Best regards,
    Narek
    """, fwd={
        "style": "apple", "frm": "Arsen Grigoryan-Tadevosyan",
        "addr": "a.grigoryan@mfa-am-geneva.example", "date": "2025-10-10 17:42:09 +0400",
        "to": "Narek Avetisyan <narek.avetisyan@isoc-am.example>",
        "subject": "RE: ISOC Armenia – ITU information session on WSIS+20",
        "text": """
        Dear Mr. Avetisyan,

        Thank you for your message and for the chapter's interest in the session.
        [[C|Unfortunately the Mission is not in a position to intervene in the visa
        process.]] [[E=2025-11-04|I will attend the information session on 4 November in any
        case and would be glad to share my notes with your chapter afterwards.]]

        With best regards,
        """,
        "sig": "[[O=grigoryan|Arsen Grigoryan-Tadevosyan]]\nCounsellor\nPermanent Mission of the "
               "Republic of Armenia to the United Nations Office\nand other international "
               "organisations in Geneva",
    }),
    M("t9b", "rania", "2025-10-13 17:50:31", parent="t9a", layout="top", quote="new",
      sig="none", text="""
    Narek, the same here. [[C|Our chapter secretary was refused a Schengen visa in September for
    a WSIS meeting, with no explanation.]] [[S|What helped us afterwards was a letter from
    [[O=nasrallah|Mr. Fadi Nasrallah-Aoun]], adviser to the Minister of Telecommunications,
    confirming that the chapter takes part in the national WSIS process – the second
    application went through.]] [[A|If it helps, ask your ministry for a similar letter.]]

    Rania
    """),
    M("t9c", "priya", "2025-10-16 11:00:09", parent="t9a", layout="bottom",
      quote=("ITU will hold", "after the session."), sig="none", text="""
    Dear Narek,

    [[S,E=2025-11-04|I spoke with [[O=lindahl|Ms. Haruka Lindahl]], Counsellor in the ITU
    General Secretariat, and she confirmed that the information session on 4 November will be
    webcast and that registered observers can take the floor remotely.]] [[A,E=2025-10-24|To
    speak, you need to register through the ITU event page by 24 October.]]

    Priya
    """),
    M("t8d", "funmi", "2025-10-16 10:10:38", parent="t8b", layout="top", quote="text",
      attach=[("ISOC-NG-Memorandum-DEEGB.pdf", "application/pdf", 198403), "html"], text="""
    Dear Brenda, all,

    [[S,E=2025-10-15|We submitted the memorandum to the Senate committee yesterday, and I attach
    it here as promised.]] [[S|[[O=bakare|Mr. Bakare-Cole]] acknowledged receipt within the hour
    and said the committee will consider it at its clause-by-clause review.]]

    Thanks to Itzel, Saša and everyone who sent drafting suggestions.

    Funmi
    """),
    M("t7d", "ayu", "2025-10-17 19:45:50", parent="t7a", layout="top", quote="text", sig="none",
      text="""
    Dear all,

    [[S,E=2025-10-16|Yesterday we met [[O=sasongko|Pak Rahmat]] in Jakarta, and it went better
    than expected.]] [[S|The Deputy Minister read our one-pager during the meeting and asked his
    Director for Multilateral Affairs to consult the chapter before Indonesia's comments on the
    revised draft are sent to New York.]] [[E=2025-11-07|He expects the revised text around 7
    November.]]

    [[C|The only disappointment was that the Ministry of Foreign Affairs did not send anyone, so
    we still have no direct line to the people who negotiate.]]

    Thank you Björn and Rafael for the templates – we used both.

    Ayu
    """),
    M("t7e", "ines", "2025-10-17 14:02:11", parent="t7d", layout="top", quote="text",
      sig="mobile", text="""
    Parabéns Ayu! That is a great result.
    """),
    M("t9d", "narek", "2025-10-18 10:00:24", parent="t9c", layout="bottom", quote="text",
      sig="none", text="""
    [[S,E=2025-10-17|Thank you Priya – we registered yesterday.]] And thanks Rania, we will try
    the ministry letter next time.

    Narek
    """),
    M("t10a", "luis", "2025-10-20 09:15:42", subj=T10, layout="plain", client="outlook_pt",
      text="""
    Caros colegas / Dear colleagues,

    [[S|Na semana passada reunimo-nos com o [[O=nhantumbo|Eng. Abílio Nhantumbo]], Presidente do
    Conselho de Administração da ARECOM, que nos convidou a comentar a nova Estratégia Nacional
    de Transformação Digital.]] [[E=2025-11-07|A consulta pública termina a 7 de novembro.]]

    [[S|In English: last week we met the head of our regulator, who invited the chapter to
    comment on Mozambique's new national digital transformation strategy.]] [[E=2025-11-07|The
    public consultation closes on 7 November.]] [[C|The strategy mentions WSIS only once, in a
    footnote, and says nothing about the IGF.]]

    [[A|Colegas de Portugal, Brasil, Angola e Cabo Verde: se já comentaram estratégias
    semelhantes, enviem-nos por favor os vossos textos.]]

    Abraço,
    Luís
    """, fwd={
        "style": "outlook_pt", "frm": "Gabinete do PCA - ARECOM",
        "addr": "gabinete.pca@arecom.gov.mz.example", "date": "2025-10-16 15:02:00 +0200",
        "to": "Luís Macuácua <lmacuacua@isoc-mz.example>",
        "subject": "Consulta pública sobre a Estratégia Nacional de Transformação Digital",
        "text": """
        Exmo. Senhor Presidente da ISOC Moçambique,

        [[S,E=2025-10-14|Na sequência da reunião de 14 de outubro com o Senhor Presidente do
        Conselho de Administração, junto enviamos o documento da Estratégia Nacional de
        Transformação Digital para comentários.]] [[E=2025-11-07|Os contributos devem ser
        enviados para este endereço até ao dia 7 de novembro de 2025.]]

        Com os melhores cumprimentos,
        """,
        "sig": "Gabinete do Presidente do Conselho de Administração\n"
               "Autoridade Reguladora das Comunicações - ARECOM\nMaputo",
    }),
    M("t11a", "sasa", "2025-10-21 10:40:12", subj=T11, layout="plain", text="""
    Hi all,

    A question about continuity. [[S|For two years our main contact on Internet governance was
    State Secretary [[O=milovanovic|Dragana Milovanović]] at the Ministry of Information and
    Telecommunications, and she came to our national IGF twice.]] [[C|In September she moved to
    another ministry, and her successor, [[O=ristic|Mr. Nenad Ristić-Vukov]], has not worked on
    WSIS before.]]

    [[S,C,E=2025-10-02|We sent him a letter of congratulations with a short WSIS+20 brief on 2
    October and have not heard back.]]

    [[A|How do other chapters handle turnover like this – do you write to the new person
    straight away, or wait until the team is settled?]]

    Cheers,
    Saša
    """),
    M("t10b", "ines", "2025-10-21 18:30:04", parent="t10a", layout="bottom", quote="text",
      client="apple_pt", text="""
    Olá Luís,

    [[S|Em Portugal comentámos a Estratégia Digital Nacional em 2024 e o gabinete do
    [[O=seixas|Secretário de Estado Seixas]] incorporou duas das nossas propostas, incluindo uma
    referência ao FGI português.]] Envio-te o nosso documento em privado.

    [[C|Um aviso: a versão final saiu três meses depois da consulta e ninguém nos avisou, por
    isso vale a pena pedir desde já que vos enviem o texto final.]]

    Um abraço,
    Inês
    """),
    M("t11b", "tanvir", "2025-10-22 12:05:33", parent="t11a", quote="new", text="""
    Dear Saša,

    [[C|This is exactly our problem in Bangladesh: the ICT Division has had three Secretaries
    since 2023, and each time we start again from zero.]] What we do now is write to the
    office, not the person, and copy the deputy who is likely to stay.

    [[C|I should add that we are still waiting for any reply to our letters from July and
    August.]]

    Regards,
    Tanvir
    """),
    M("t11c", "priya", "2025-10-22 17:20:48", parent="t11a", layout="inline", sig="none",
      parts=[
          ("q", "In September she moved", "WSIS before."),
          ("t", """
          That is very common, and it is not necessarily bad news: new people often want a quick
          briefing and have no fixed views yet.
          """),
          ("q", "We sent him a letter", "not heard back."),
          ("t", """
          Try asking your former contact for a short introduction – a two-line email from her to
          her successor usually opens the door faster than a letter. [[A|And please keep the list
          posted – several chapters are in the same situation.]]

          Priya
          """)]),
    M("t11d", "tsetseg", "2025-10-23 16:30:59", parent="t11a", layout="bottom", quote="text",
      text="""
    Hello Saša and all,

    [[S|In Mongolia we had the same situation last year, and what worked was asking
    [[O=batsaikhan|Mr. Ganzorig Batsaikhan]], Head of Policy at the Communications Regulatory
    Commission, to invite the new officials to a joint briefing with us.]] The regulator's staff
    change less often than the ministry's.

    [[C|Our difficulty is different: most officials in Ulaanbaatar prefer to discuss WSIS in
    Mongolian, and there is no official Mongolian translation of the UN texts.]]

    Kind regards,
    Tsetsegmaa
    """),
    M("D2", "julian", "2025-10-24 08:10:36", root="t11a",
      subj="Re: Chapter-leaders Digest, Vol 22, Issue 12",
      digest=(22, 12, "2025-10-22 12:00:03", ["t11a", "t10b", "t11b"]), text="""
    Hola a todos,

    Respondo al hilo de Saša desde el resumen, perdón por el asunto.

    [[S|En Colombia nos pasó lo mismo en agosto, cuando cambió el equipo del viceministerio en
    MinTIC.]] [[S|Lo que funcionó fue pedir una reunión de "empalme" con la nueva Viceministra de
    Transformación Digital, [[O=restrepo|Catalina Restrepo Ochoa]], y llevar una carpeta con
    todo lo que habíamos hablado con su antecesor.]] [[C|Aun así, tardaron seis semanas en darnos
    la cita.]]

    In short, Saša: ask for a handover meeting and bring a folder with your history.

    Saludos,
    Julián
    """),
    M("t11e", "dilani", "2025-10-27 09:10:14", parent="t11c", layout="bottom", quote="full",
      text="""
    [[S|We tried the introduction route in Sri Lanka last month and it worked: the outgoing
    Additional Secretary copied us on her handover note to her successor.]] [[C|The less happy
    part is that the handover note described us as "a technical NGO", so we are now explaining
    again what the chapter does.]]

    Dilani
    """),
    M("t8e", "funmi", "2025-10-28 18:05:17", parent="t8a", layout="plain", sig="none", text="""
    A short update for those who asked.

    [[S,E=2025-10-24|Last Friday the committee clerk sent us the revised draft of the bill, and
    two of our five amendments are in it, including the requirement for a court order before
    any network disruption.]] [[C|The clause on platform liability is unchanged, and
    the Senator told us that it is part of a political agreement with the
    executive that the committee cannot reopen.]]

    Funmi
    """),
    M("t11f", "sasa", "2025-10-30 17:45:10", parent="t11a", layout="plain", text="""
    Quick update, and thanks for all the advice.

    [[S,E=2025-10-29|Following Priya's suggestion, [[O=milovanovic|Ms. Milovanović]] sent a
    short introduction to her successor, and yesterday his office called to set up a
    meeting.]] [[E=2025-11-12|We will meet State Secretary [[O=ristic|Ristić-Vukov]] on 12
    November.]]

    Saša
    """),
    # ------------------------------------------------------------------ November
    M("t13a", "julian", "2025-11-04 10:20:55", subj=T13, layout="plain", attach=["html"],
      text="""
    Hola a todos / Hi all,

    [[S,E=2025-10-31|El 31 de octubre recibimos respuesta de la Viceministra de Transformación
    Digital, [[O=restrepo|Dra. Catalina Restrepo Ochoa]], a la carta que enviamos en septiembre
    sobre el SMSI+20.]] [[S,E=2025-11-13|La Viceministra nos invita a una mesa de trabajo con el
    Ministerio de Relaciones Exteriores el 13 de noviembre para preparar la posición de
    Colombia.]]

    [[S,E=2025-10-31|In English: on 31 October the Vice-Minister for Digital Transformation
    replied to our September letter.]] [[S,E=2025-11-13|She has invited us to a working session
    with the Foreign Ministry on 13 November to prepare Colombia's position.]]

    [[C|Solo podemos llevar a dos personas y la reunión es en horario laboral, así que nuestros
    voluntarios tendrán que pedir permiso en sus trabajos.]]

    [[A|¿Alguien ha participado en una reunión así con su cancillería?]] Cualquier consejo es
    bienvenido.

    Saludos,
    Julián
    """),
    M("t13b", "itzel", "2025-11-04 18:02:29", parent="t13a", layout="bottom", quote="text",
      sig="none", text="""
    ¡Qué buena noticia, Julián!

    [[S|En México tuvimos una reunión parecida con la Cancillería en 2024, antes del Pacto
    Digital Global.]] Lo que funcionó fue llevar una sola página con tres propuestas de
    redacción y dejar que ellos escogieran. [[C|Lo difícil fue que cambiaron la fecha dos veces
    con un día de aviso.]]

    Itzel
    """),
    M("t13c", "mariajose", "2025-11-05 09:30:18", parent="t13b", layout="top", quote="full",
      sig="mobile", text="""
    Me sumo a lo que dice Itzel. [[S|En Ecuador, cuando nos reunimos con la Cancillería en junio,
    nos pidieron después un resumen escrito de lo que habíamos dicho, así que lleven a alguien
    que tome notas.]]

    María José
    """),
    M("t10c", "luis", "2025-11-06 10:20:41", parent="t10b", layout="top", quote="new",
      sig="none", text="""
    Obrigado Inês, e obrigado a todos.

    [[S,E=2025-11-05|Submetemos os nossos comentários à ARECOM ontem, dois dias antes do
    prazo.]] [[S|Incluímos uma proposta para que a estratégia mencione o Fórum de Governação da
    Internet de Moçambique e o processo SMSI+20.]]

    [[S,E=2025-11-05|For the others: we submitted our comments to the regulator yesterday,
    including a request to mention the IGF and WSIS+20 in the strategy.]]

    Luís
    """),
    M("t10d", "ines", "2025-11-07 12:00:26", parent="t10c", layout="top", quote="text",
      client="apple_pt", sig="mobile", text="""
    Muito bem, Luís! [[A|Manda-nos notícias quando a ARECOM responder.]]

    Inês
    """),
    M("t12a", "rafael", "2025-11-08 11:05:37", subj=T12, layout="plain", text="""
    Dear chapter leaders,

    [[E=2025-11-07|The co-facilitators circulated Rev1 of the WSIS+20 outcome document
    yesterday, 7 November.]] Our first reading: the IGF language is stronger than in the zero
    draft, but the paragraph on "enhanced cooperation" has come back in a form that several
    governments will read as a mandate for a new intergovernmental mechanism.
    [[S,E=2025-11-07|Yesterday our New York team also spoke briefly with [[O=haugstad|Ambassador
    Haugstad]], one of the two co-facilitators, who said she wants to hear concrete text
    proposals rather than general statements.]]

    Three things you can do in the next week:

    1. [[A|Send your mission in New York and your capital a short note welcoming the IGF
    paragraph and asking them to resist the new enhanced cooperation language.]]
    2. [[A,E=2025-11-14,E=2025-11-12|Register for the virtual stakeholder consultation next
    Friday, 14 November – registration closes on 12 November.]]
    3. [[A|Tell us on this list what your government says, even if it is "no comment".]]

    The note from UN DESA with the practical details is below.

    Best,
    Rafael
    """, fwd={
        "style": "outlook_inline", "frm": "Olena Marchetti-Kovalenko",
        "addr": "marchetti-kovalenko@un.example", "date": "2025-11-07 16:02:00 -0500",
        "to": "Rafael Montoya-Strand <rmontoya-strand@isoc.org>",
        "subject": "WSIS+20 Rev1 – virtual consultation with stakeholders",
        "text": """
        Dear colleagues,

        [[E=2025-11-07|Please find attached the revised draft (Rev1) of the outcome document of
        the WSIS+20 review, circulated today by the co-facilitators.]] [[E=2025-11-14|A virtual
        consultation with stakeholders on Rev1 will be held on Friday, 14 November 2025, from
        9:00 to 12:00 (New York time).]] The session will be opened by one of the two
        co-facilitators, [[O=haugstad|H.E. Ambassador Liv Marit Haugstad]] (Norway).

        [[E=2025-11-12|Stakeholders wishing to speak are requested to register by 12
        November.]] Speaking slots will be allocated to ensure a balance across stakeholder
        groups and regions.

        Kind regards,
        """,
        "sig": "[[O=marchetti|Olena Marchetti-Kovalenko]]\nProgramme Officer\n"
               "Division for Public Institutions and Digital Government\n"
               "United Nations Department of Economic and Social Affairs (UN DESA)",
    }),
    M("t12b", "brenda", "2025-11-10 14:20:09", parent="t12a", layout="bottom",
      quote=("Three things you can do", "\"no comment\"."), sig="none", text="""
    Done on points 1 and 2. [[S,E=2025-11-10|This morning we sent the note to [[O=wamala|Mr.
    Wamala]] at our mission in New York and copied the Ministry of Foreign Affairs in
    Kampala.]] [[S,E=2025-11-14|We are also registered for the 14 November consultation and have
    asked for a speaking slot.]]

    [[C|The catch: our foreign ministry's WSIS desk is still vacant, so I am not sure anyone in
    Kampala will read it before Friday.]]

    Brenda
    """),
    M("t12c", "yassine", "2025-11-10 16:45:22", parent="t12a", hdrs="none", layout="plain",
      subj="RE : " + T12, attach=["html"], text="""
    Bonjour à tous,

    [[S,E=2025-11-10|Nous avons transmis ce matin la note sur la Rev1 à la Mission permanente de
    la Tunisie à New York et au cabinet du Ministre des Technologies de la Communication.]]
    [[S|[[O=jaziri|M. Jaziri]] nous a déjà répondu qu'il la ferait suivre au ministère des
    Affaires étrangères.]]

    [[S,E=2025-11-10|In English: we sent our Rev1 note to our mission in New York this morning,
    and the minister's office has already replied that it will pass it on to Foreign
    Affairs.]]

    Cordialement,
    Yassine
    """),
    M("t14a", "brenda", "2025-11-11 08:30:02", subj=T14, layout="plain", text="""
    Dear all,

    [[S,E=2025-11-14|We have been given a two-minute speaking slot at the virtual stakeholder
    consultation on Rev1 on Friday.]] Our draft is below. [[N=Youth Ambassador of the
    chapter|Joel Okot]], our chapter's Youth Ambassador, will deliver the first half.

    [[A,E=2025-11-13|Please send comments by Thursday 13 November at 12:00 UTC.]]

    ---
    Thank you, co-facilitators. I speak for the Internet Society Uganda Chapter.

    Uganda's experience shows what the IGF makes possible: our national IGF has brought
    together government, operators, universities and young people for more than a decade, and
    it is where our data protection law was first discussed.

    We therefore welcome the stronger IGF paragraph in Rev1 and ask that the IGF be given a
    permanent mandate with predictable funding.

    We are concerned by the new language on enhanced cooperation. The Internet works because no
    single body controls it. Please keep the multistakeholder approach at the centre of the
    text.

    Thank you.
    ---

    Brenda
    """),
    M("t12d", "adelaide", "2025-11-11 09:10:47", parent="t12c", layout="top", quote="new",
      sig="none", text="""
    Merci Yassine pour le modèle de note.

    [[C|De notre côté, la Mission du Cameroun à New York ne répond ni aux courriels ni au
    téléphone depuis trois semaines.]] [[S|Nous avons donc envoyé la note au
    [[O=abessolo|Directeur Abessolo]] à Yaoundé, en lui demandant de la transmettre.]] [[A|Si
    quelqu'un connaît un diplomate camerounais à New York qui suit le SMSI+20, merci de me le
    présenter.]]

    Adélaïde
    """),
    M("t14b", "sasa", "2025-11-11 14:25:31", parent="t14a", layout="inline", parts=[
        ("q", "We are concerned by the new", "on enhanced cooperation."),
        ("t", """
        I would name the paragraph number. The co-facilitators' staff track comments by
        paragraph, and "the new language" is easy to ignore.
        """),
        ("q", "Please keep the multistakeholder", "of the text."),
        ("t", """
        Maybe end with a concrete ask instead, e.g. "retain paragraph 12 of Rev1 unchanged".
        Otherwise very good – short and clear.

        Saša
        """)]),
    M("t14c", "funmi", "2025-11-11 17:40:06", parent="t14b", layout="top", quote="full",
      client="apple_en", sig="mobile", text="""
    Looks strong, Brenda. One small thing: say "the Internet Society Uganda Chapter" in full the
    first time – the UN note-takers do not always know what ISOC is.

    Funmi
    """),
    M("t12e", "mariajose", "2025-11-12 10:00:13", parent="t12a", layout="bottom",
      quote=("The co-facilitators circulated", "intergovernmental mechanism."), sig="none",
      text="""
    Rafael, a quick note from Quito.

    [[S,E=2025-11-11|We met the two diplomats of Ecuador's mission who follow the Second
    Committee by video yesterday.]] [[C|They told us frankly that with three people covering
    every Second Committee resolution, they will follow whatever position the regional group
    agrees on.]] [[S|They did accept our note and promised to forward it to the Vice-Ministry in
    Quito.]]

    María José
    """),
    M("t12f", "desmond", "2025-11-12 21:30:40", parent="t12a", quote="new", text="""
    All,

    [[E=2025-12-16/2025-12-17|Two of our members will be in New York for the High-Level Meeting
    on 16-17 December.]] [[A,E=2025-12-05|If your chapter cannot travel, send us your statement
    or your letter to your mission by 5 December, and we will deliver it by hand.]] [[S|We did
    this for three chapters during the high-level week in September and the missions appreciated
    the personal contact.]]

    Desmond
    """),
    M("t12g", "narek", "2025-11-13 12:00:35", parent="t12f", layout="bottom", quote="text",
      mid=False, sig="none", text="""
    Desmond, thank you – this is a generous offer. [[A|Please count ISOC Armenia in; I will send
    our letter next week.]] [[S,E=2025-11-04|By the way, [[O=grigoryan|Counsellor
    Grigoryan-Tadevosyan]] shared his notes from the ITU session of 4 November with us, as
    promised.]]

    Narek
    """),
    M("t11g", "sasa", "2025-11-13 19:20:03", parent="t11f", layout="bottom", quote="text",
      text="""
    And the meeting happened. [[S,E=2025-11-12|Yesterday we spent forty minutes with State
    Secretary [[O=ristic|Nenad Ristić-Vukov]] and two of his advisers.]] [[S,E=2025-11-14|He
    asked for our comments on Rev1 and promised to forward them to the Ministry of Foreign
    Affairs before the consultation on Friday.]] [[C|He also admitted that nobody in Belgrade
    had read the zero draft, so we are starting from the basics.]]

    Saša
    """),
    M("t13d", "julian", "2025-11-14 11:00:52", parent="t13a", layout="plain", sig="none",
      text="""
    Actualización / Update:

    [[S,E=2025-11-13|Ayer participamos en la mesa de trabajo con MinTIC y la Cancillería.]]
    [[S|La [[O=restrepo|Viceministra Restrepo]] abrió la reunión y dijo que Colombia apoyará un
    mandato permanente para el IGF.]] [[C|La Cancillería, en cambio, no se comprometió con nada
    sobre el párrafo de cooperación reforzada.]]

    [[S,E=2025-11-13|In English: yesterday's session went well – the Vice-Minister said Colombia
    will support a permanent IGF mandate, but the Foreign Ministry would not commit on enhanced
    cooperation.]]

    Julián
    """),
    M("t14d", "brenda", "2025-11-15 10:00:38", parent="t14c", layout="top", quote="full",
      sig="none", text="""
    Thank you Saša and Funmi – we used both suggestions.

    [[S,E=2025-11-14|Joel and I delivered the statement at the consultation yesterday.]]
    [[C|Our connection dropped in the middle of Joel's part, and by the time we reconnected the
    chair had moved on, so the second half was never heard.]] [[S|The UN DESA secretariat has
    since confirmed that written statements will be posted on the consultation page, so we sent
    the full text by email.]]

    Brenda
    """),
    M("t15a", "tanvir", "2025-11-17 11:30:20", subj=T15, layout="plain", text="""
    Dear all,

    Some of you may remember our two unanswered letters from July and August.
    [[S,E=2025-11-12,E=2025-11-20|On 12 November we finally received a reply from
    [[O=sikder|Joint Secretary Sikder]], who apologised for the delay and invited the chapter to
    a meeting at the ICT Division on 20 November.]] [[S|I believe the reply came because the
    Internet Society's regional team called his office after the letter we sent in
    September.]]

    [[A|Please share any tips on what to bring to a first meeting like this.]]

    Regards,
    Tanvir
    """),
    M("t15b", "rafael", "2025-11-17 09:00:16", parent="t15a", quote="new", text="""
    Congratulations Tanvir – persistence pays.

    For a first meeting I would bring three things: the one-page note, a short list of what
    other governments in the region have said on the IGF, and one concrete request, for example
    that the chapter be invited to the national preparations for the High-Level Meeting.

    [[A,E=2025-11-20|If other chapters from South Asia have met their ministries recently,
    please send Tanvir a line before Thursday.]]

    Best,
    Rafael
    """),
    M("t15c", "dilani", "2025-11-18 10:45:27", parent="t15b", hdrs="irt2", layout="bottom",
      quote="text", text="""
    Happy to help. [[S|When we met the ICT ministry in Colombo in March, the officials asked us
    first whether the chapter was registered locally and who funds it, so bring your
    registration papers and a one-line answer on funding.]]

    Dilani
    """),
    M("t16a", "priya", "2025-11-19 10:00:00", subj=T16, layout="plain", attach=["html"],
      text="""
    Dear all,

    [[E=2025-11-27|Our next chapter-leaders call will take place on Thursday 27 November at
    13:00 UTC.]] With less than a month to go before the High-Level Meeting, we would like to
    use it to compare notes on what your governments are saying about Rev1.

    Draft agenda:
    1. Where Rev1 stands after the 14 November consultation (Rafael)
    2. Chapter round-up: what have you heard from your capitals and missions?
    3. [[E=2025-12-16/2025-12-17|Statements and letters for the High-Level Meeting on 16-17
    December]]

    [[A,E=2025-11-25|Please register by Tuesday 25 November using the form at
    https://www.chapternet.example/calls/2025-11-27 so that we can send the connection
    details.]] [[A|If you would like to speak under item 2, reply to me directly with your
    country and two or three lines.]]

    Best,
    Priya
    """),
    M("t16b", "luis", "2025-11-20 08:40:19", parent="t16a", layout="top", quote="new",
      sig="none", text="""
    Olá Priya,

    [[C|Unfortunately 13:00 UTC is 15:00 in Maputo, in the middle of our working day, and most
    of our board cannot join.]] [[A|Could you record the call, or share a written summary
    afterwards?]]

    [[S|Update for item 2: ARECOM acknowledged our comments on the digital strategy and told us
    that a revised version will be published in January.]]

    Luís
    """),
    M("t17a", "rania", "2025-11-20 13:00:00", subj=T17, layout="plain", attach=["html"],
      text="""
    Dear all,

    [[S,E=2025-11-18|On Tuesday 18 November we briefed [[O=nasrallah|Mr. Fadi Nasrallah-Aoun]],
    adviser to the Minister of Telecommunications, on Rev1.]] [[S|He told us that Lebanon will
    probably not take the floor at the High-Level Meeting but will sign on to the Arab Group
    statement, and he offered to share our note with the Arab Group coordinator in New
    York.]]

    [[C|The problem is timing: the Arab Group statement is usually agreed in the last days, and
    we have no contact at our mission in New York to follow it.]] [[C|The political situation at
    home also means that WSIS is very low on anyone's list right now.]]

    [[A|Please get in touch with me if your chapter has managed to contribute to a regional
    group statement.]]

    Rania
    """),
    M("t17b", "sasa", "2025-11-20 21:00:42", parent="t17a", layout="bottom",
      quote=("The problem is timing", "to follow it."), text="""
    Not the Arab Group, but we tried the same with the EU coordination in 2024. [[S|Our State
    Secretary's office forwarded our note to the Serbian mission, which follows the EU
    coordination as a candidate country, and the mission later told us that two of our points
    were raised.]] It took three weeks, so the earlier the better.

    Saša
    """),
    M("t15d", "tanvir", "2025-11-21 18:10:05", parent="t15a", quote="new", text="""
    Dear all,

    [[S,E=2025-11-20|We met [[O=sikder|Mr. Sikder]] and two of his colleagues at the ICT
    Division yesterday.]] [[S|He agreed to add the chapter to the national delegation's
    consultation list and asked for our comments on Rev1 within a week.]] [[C|He also said that
    the Ministry of Foreign Affairs has the final word and that his Division "only advises", so
    our next letter will go there.]]

    Thank you Rafael and Dilani for the advice.

    Tanvir
    """),
    M("t16c", "ayu", "2025-11-21 20:00:29", parent="t16a", layout="bottom",
      quote=("Draft agenda:", "16-17 December"), sig="none", text="""
    I would like to speak under item 2. [[S,E=2025-11-24|Since our meeting in October, the
    Deputy Minister's office has shared Indonesia's draft comments on Rev1 with us and asked
    for our views by 24 November.]]

    Ayu
    """),
    M("t17c", "rafael", "2025-11-21 10:30:11", parent="t17a", hdrs="refs", quote="new",
      sig="none", text="""
    Rania, thank you. [[S|Our New York colleagues met the Arab Group coordinator's team last
    week, and they are open to receiving short inputs from national stakeholders.]]
    [[A,E=2025-12-01|If you send me your note by 1 December, I will make sure it reaches
    them.]]

    Rafael
    """),
    M("t16d", "priya", "2025-11-21 17:00:55", parent="t16c", layout="top", quote="new",
      sig="none", text="""
    Thanks Ayu, you are on the list for item 2. [[A,E=2025-11-26|Luís and others who cannot
    join: send me your updates by next Wednesday, 26 November, and I will read them out.]]
    The call will be recorded, and the recording will stay on the chapter portal for two
    weeks.

    Priya
    """),
    M("t17d", "rania", "2025-11-23 11:00:48", parent="t17c", layout="plain", sig="none",
      text="""
    Thank you both. [[E=2025-11-24|I will send the note to Rafael on Monday, after our board
    reviews it.]]

    [[S,E=2025-11-22|In the meantime, here is the reply we received yesterday from the
    Minister's adviser – good news.]]

    Rania
    """, fwd={
        "style": "gmail_us", "frm": "Fadi Nasrallah-Aoun", "addr": "f.nasrallah@mot.gov.lb.example",
        "date": "2025-11-22 18:05:00 +0200",
        "to": "Rania Khoury-Haddad <rania.kh@isoc-lb.example>",
        "subject": "Re: ISOC Lebanon note on WSIS+20 Rev1",
        "text": """
        Dear Ms. Khoury-Haddad,

        Thank you for the chapter's note on Rev1. [[S,E=2025-11-18|As discussed when we met on
        18 November, I have shared it with the coordinator of the Arab Group in New York.]]
        [[C|I cannot promise that your points will appear in the group statement, as the text is
        negotiated among twenty-two delegations.]]

        Best regards,
        """,
        "sig": "[[O=nasrallah|Fadi Nasrallah-Aoun]]\nAdviser to the Minister\n"
               "Ministry of Telecommunications\nBeirut",
    }),
]


# ---------------------------------------------------------------------------
# Mailman 2.1 / Pipermail 0.09 emulation
# ---------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EMAIL_RE = re.compile(r"([-+,.\w]+@[-+.\w]+)", re.ASCII)
OBFUSCATE_RE = re.compile(r"([-+,.\w]+)@([-+.\w]+)", re.ASCII)
URL_RE = re.compile(r"([a-z]+://.*?)(?:_\s|_$|$|[]})>'\"\s])", re.IGNORECASE)
QUOTED_RE = re.compile(r"^([>|:]|&gt;)+")
RE_PREFIX_RE = re.compile(r"\s*RE\s*(\[\d+\]\s*)?:\s*", re.IGNORECASE)
SORT_STRIP_RE = re.compile(r"^((RE|AW|SV|VS)(\[\d+\])?:\s*)+", re.IGNORECASE)
BARE_AMP_RE = re.compile(r"&(?!(?:#\d+|#x[0-9a-f]+|\w+);)", re.IGNORECASE)
SMALL_NAME_PARTS = ("van", "von", "der", "de")


@dataclass
class Record:
    """One archived post, as Mailman's archiver sees it (headers + scrubbed body)."""

    seq: int
    from_addr: str
    from_name: str
    from_name_raw: str
    date_hdr: str
    ts: int
    subject_hdr: str
    subject: str
    message_id: str | None
    in_reply_to: str | None
    references: str | None
    body: str
    # filled in by thread_period()
    period: str = ""
    thread_key: str = ""
    parent_seq: int | None = None


def obfuscate(text: str) -> str:
    """Replace ``user@host`` by ``user at host`` like Mailman's archiver."""
    return OBFUSCATE_RE.sub(r"\1 at \2", text)


def cgi_escape(text: str) -> str:
    """Utils.websafe + quote escaping (no double escaping of entities)."""
    text = BARE_AMP_RE.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html_quote(text: str) -> str:
    """HyperArch.html_quote: escape & < > \" (entities are escaped again)."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(old, new)
    return text


def strip_re(subject: str) -> str:
    """Remove a leading Re:-chain as Pipermail does for display and the .txt."""
    while (m := RE_PREFIX_RE.match(subject)) is not None:
        subject = subject[m.end():] or "No subject"
    return subject


def sort_subject(subject: str) -> str:
    """Subject-index key: list prefix, Re:/AW:/SV:/VS: chain and whitespace removed."""
    subject = subject.replace(f"[{REAL_NAME}]", "").lstrip()
    return re.sub(r"\s", "", SORT_STRIP_RE.sub("", subject)).lower()


def fix_author(author: str) -> str:
    """pipermail.fixAuthor: canonicalise 'First Last' into 'Last, First'."""
    if "," in author:
        return author
    parts = author.split()
    i = len(parts) - 1
    if i == 0:
        return author
    if author.upper() == author or author.lower() == author:
        while i > 0 and parts[i - 1].lower() in SMALL_NAME_PARTS:
            i -= 1
    else:
        while i > 0 and (parts[i - 1][0] in string.ascii_lowercase
                         or parts[i - 1].lower() in SMALL_NAME_PARTS):
            i -= 1
    return " ".join(parts[-1:] + parts[i:-1]) + ", " + " ".join(parts[:i])


def strip_separators(value: str) -> str:
    """pipermail.strip_separators: drop one pair of <> \"\" () [] around an id."""
    if value and value[0] in "\"<([" and value[-1] in "\">)]":
        return value[1:-1]
    return value


def mailman_ctime(ts: int, zone: bool = True) -> str:
    """ctime of an archive timestamp in server local time (UTC)."""
    t = datetime.fromtimestamp(ts, UTC)
    head = f"{EN_DAYS[t.weekday()]} {MONTHS[t.month - 1][:3]} {t.day:2d} {t:%H:%M:%S}"
    return f"{head} UTC {t.year}" if zone else f"{head} {t.year}"


def period_of(ts: int) -> str:
    """Monthly volume name (%Y-%B) of an archive timestamp."""
    t = datetime.fromtimestamp(ts, UTC)
    return f"{t.year}-{MONTHS[t.month - 1]}"


def period_label(period: str) -> str:
    """TOC/index label of a monthly volume: 'September 2025'."""
    year, month = period.split("-")
    return f"{month} {year}"


def author_of(rec: Record) -> str:
    """Displayed author: decoded display name, else the obfuscated address."""
    return rec.from_name or rec.from_addr.replace("@", " at ")


def internal_id(rec: Record) -> str:
    """Pipermail's article id: Message-ID without brackets, else the sequence."""
    return strip_separators(rec.message_id or "") or str(rec.seq)


def thread_period(records: list[Record]) -> None:
    """Assign parent and thread key per period exactly like pipermail.add_article."""
    by_period: dict[str, dict[str, Record]] = {}
    for rec in records:
        rec.period = period_of(rec.ts)
        arts = by_period.setdefault(rec.period, {})
        parent = None
        if rec.in_reply_to and (m := re.search(r"(<.*>)", rec.in_reply_to)):
            parent = arts.get(strip_separators(m.group(1)))
        if parent is None and rec.references:
            refs = [arts[r] for r in map(strip_separators, rec.references.split()) if r in arts]
            for ref in refs:
                if parent is None or ref.ts > parent.ts:
                    parent = ref
        if parent is None:
            key = sort_subject(strip_re(rec.subject))
            same = [a for a in arts.values() if sort_subject(strip_re(a.subject)) == key]
            if same:
                parent = min(same, key=lambda a: (f"{a.ts:011d}", internal_id(a)))
        own = f"{rec.ts:011d}.{rec.seq}-"
        rec.thread_key = (parent.thread_key if parent else "") + own
        rec.parent_seq = parent.seq if parent else None
        arts[internal_id(rec)] = rec


def index_order(recs: list[Record], kind: str) -> list[Record]:
    """Sort one period's records for thread/date/subject/author.html."""
    def key(r: Record) -> tuple:
        date = f"{r.ts:011d}"
        if kind == "thread":
            return (r.thread_key, internal_id(r))
        if kind == "date":
            return (date, internal_id(r))
        if kind == "subject":
            return (sort_subject(strip_re(r.subject)), date, internal_id(r))
        return (fix_author(author_of(r)), date, internal_id(r))
    return sorted(recs, key=key)


def sorted_by_links(current: str, footer: bool) -> str:
    """The 'Messages sorted by' link block of an index page header/footer."""
    refs = []
    for kind in ("thread", "subject", "author", "date"):
        refs.append("" if kind == current else f'<a href="{kind}.html#start">[ {kind} ]</a>')
    text = f"\t        {refs[0]}\n\t\t{refs[1]}\n\t\t{refs[2]}\n\t\t{refs[3]}\n"
    return text if footer else text + "\n"


def render_index(period: str, recs: list[Record], kind: str, archived_on: str) -> str:
    """One of thread.html/date.html/subject.html/author.html for a period."""
    ordered = index_order(recs, kind)
    first = mailman_ctime(min(r.ts for r in recs))
    last = mailman_ctime(max(r.ts for r in recs))
    label = period_label(period)
    out = [
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n  <HEAD>\n'
        f"     <title>The {REAL_NAME} {label} Archive by {kind}</title>\n"
        '     <META NAME="robots" CONTENT="noindex,follow">\n'
        f'     <META http-equiv="Content-Type" content="text/html; charset={CHARSET}">\n'
        '  </HEAD>\n  <BODY BGCOLOR="#ffffff">\n      <a name="start"></A>\n'
        f"      <h1>{label} Archives by {kind}</h1>\n      <ul>\n"
        "         <li> <b>Messages sorted by:</b>\n"
        + sorted_by_links(kind, footer=False)
        + f'\t     <li><b><a href="{LISTINFO}">More info on this list...\n'
        "                    </a></b></li>\n      </ul>\n"
        f"      <p><b>Starting:</b> <i>{first}</i><br>\n"
        f"         <b>Ending:</b> <i>{last}</i><br>\n"
        f"         <b>Messages:</b> {len(recs)}<p>\n     <ul>\n\n"
    ]
    depth = 0
    for rec in ordered:
        if kind == "thread":
            new_depth = min(rec.thread_key.count("-") - 1, 3)
            tag = "</UL>\n" if new_depth < depth else "<UL>\n"
            out.append(tag * abs(new_depth - depth))
            out.append(f"<!--{new_depth} {rec.thread_key} -->\n")
            depth = new_depth
        out.append(index_entry(rec))
    out.append("</UL>\n" * depth)
    out.append(
        "    </ul>\n    <p>\n      <a name=\"end\"><b>Last message date:</b></a> \n"
        f"       <i>{last}</i><br>\n    <b>Archived on:</b> <i>{archived_on}</i>\n"
        "    <p>\n   <ul>\n         <li> <b>Messages sorted by:</b>\n"
        + sorted_by_links(kind, footer=True)
        + f'\t     <li><b><a href="{LISTINFO}">More info on this list...\n'
        "                    </a></b></li>\n     </ul>\n     <p>\n     <hr>\n"
        "     <i>This archive was generated by\n"
        "     Pipermail 0.09 (Mailman edition).</i>\n  </BODY>\n</HTML>\n\n"
    )
    return "".join(out)


def index_entry(rec: Record) -> str:
    """archidxentry: one <LI> line pair in an index page."""
    subject = cgi_escape(obfuscate(strip_re(rec.subject)))
    return (f'<LI><A HREF="{rec.seq:06d}.html">{subject}\n</A><A NAME="{rec.seq}">&nbsp;</A>\n'
            f"<I>{cgi_escape(author_of(rec))}\n</I>\n\n")


def body_to_html(body: str) -> str:
    """Pipermail's body formatting: italicised quotes, linked URLs and addresses."""
    lines = [line + "\n" for line in body.splitlines()]
    return "<PRE>" + "".join(html_line(line) for line in lines) + "</PRE>\n"


def html_line(line: str) -> str:
    """__processbody_URLquote for one line."""
    prefix = suffix = ""
    if (m := QUOTED_RE.match(line)) is not None:
        prefix, suffix = cgi_escape(line[: m.end()]) + "<i>", "</I>"
        line = line[m.end():]
    out = ""
    while True:
        jr, kr = EMAIL_RE.search(line), URL_RE.search(line)
        if jr is None and kr is None:
            break
        j = jr.start() if jr else -1
        k = kr.start() if kr else -1
        if jr is not None and (j < k or k == -1):
            text, url, pos = jr.group(1), LISTINFO, j
            length = len(text)
            text = text.replace("@", " at ")
        else:
            text = url = kr.group(1)
            length, pos = len(text), k
        out += f'{cgi_escape(line[:pos])}<A HREF="{html_quote(url)}">{cgi_escape(text)}</A>'
        line = line[pos + length:]
    return prefix + out + cgi_escape(line) + suffix


def nav_links(prev: Record | None, nxt: Record | None, indent: str) -> str:
    """The 'Previous/Next message (by thread)' list items of a message page."""
    def item(label: str, rec: Record | None) -> str:
        if rec is None:
            return ""
        subj = html_quote(obfuscate(strip_re(rec.subject)))
        return f'<LI>{label} message (by thread): <A HREF="{rec.seq:06d}.html">{subj}\n</A></li>'
    return f"{indent}{item('Previous', prev)}\n{indent}{item('Next', nxt)}\n"


def render_article(rec: Record, prev: Record | None, nxt: Record | None) -> str:
    """A message page NNNNNN.html (Mailman 2.1.20+ article.html template)."""
    subject = html_quote(obfuscate(strip_re(rec.subject)))
    mailto = (f"mailto:{quote(LIST_ADDR)}?Subject={quote('Re: ' + strip_re(rec.subject_hdr))}"
              f"&In-Reply-To={quote(rec.message_id or '')}")
    prev_link = f'<LINK REL="Previous"  HREF="{prev.seq:06d}.html">' if prev else ""
    next_link = f'<LINK REL="Next"  HREF="{nxt.seq:06d}.html">' if nxt else ""
    sorted_by = (
        "         <LI> <B>Messages sorted by:</B> \n"
        + "".join(f'              <a href="{k}.html#{rec.seq}">[ {k} ]</a>\n'
                  for k in ("date", "thread", "subject", "author"))
        + "         </LI>\n       </UL>\n"
    )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n <HEAD>\n'
        f"   <TITLE> {subject}\n   </TITLE>\n"
        '   <LINK REL="Index" HREF="index.html" >\n'
        f'   <LINK REL="made" HREF="{mailto}">\n'
        '   <META NAME="robots" CONTENT="index,nofollow">\n'
        '   <style type="text/css">\n       pre {\n'
        "           white-space: pre-wrap;       /* css-2.1, curent FF, Opera, Safari */\n"
        "           }\n   </style>\n"
        f'   <META http-equiv="Content-Type" content="text/html; charset={CHARSET}">\n'
        f"   {prev_link}\n   {next_link}\n </HEAD>\n"
        ' <BODY BGCOLOR="#ffffff">\n'
        f"   <H1>{subject}</H1>\n"
        f"    <B>{html_quote(author_of(rec))}</B> \n"
        f'    <A HREF="{mailto}"\n       TITLE="{subject}">'
        f"{html_quote(rec.from_addr.replace('@', ' at '))}\n       </A><BR>\n"
        f"    <I>{mailman_ctime(rec.ts)}</I>\n    <P><UL>\n"
        + nav_links(prev, nxt, "        ")
        + sorted_by
        + "    <HR>  \n<!--beginarticle-->\n"
        + body_to_html(rec.body)
        + "\n<!--endarticle-->\n    <HR>\n    <P><UL>\n        <!--threads-->\n"
        + nav_links(prev, nxt, "\t")
        + sorted_by
        + f'\n<hr>\n<a href="{LISTINFO}">More information about the {REAL_NAME}\n'
        "mailing list</a><br>\n</body></html>\n"
    )


def render_txt_record(rec: Record) -> str:
    """HyperArch.Article.as_text: one record of PERIOD.txt."""
    email = rec.from_addr.replace("@", " at ")
    headers = [f"From {email}  {mailman_ctime(rec.ts, zone=False)}",
               f"From: {email} ({rec.from_name_raw or email})",
               f"Date: {rec.date_hdr}",
               f"Subject: {strip_re(rec.subject_hdr) or 'No subject'}"]
    if rec.in_reply_to:
        headers.append(f"In-Reply-To: {rec.in_reply_to}")
    if rec.references:
        headers.append(f"References: {rec.references}")
    if rec.message_id:
        headers.append(f"Message-ID: {rec.message_id}")
    return "\n".join(headers) + "\n\n" + obfuscate(rec.body) + "\n"


def size_text(size: int) -> str:
    """TOC size label as written by HyperArch.sizeof (decimal, truncated)."""
    if size < 1000:
        return f"{size} bytes "
    if size < 1000000:
        return f"{size // 1000} KB "
    return f"{size // 1000000} MB "


def render_toc(periods: list[str], gz_sizes: dict[str, int]) -> str:
    """The list archive TOC (archtocnombox template), newest period first."""
    rows = []
    for period in periods:
        rows.append(
            f"\n\t    <tr>\n            <td>{period_label(period)}:</td>\n            <td>\n"
            + "".join(f'              <A href="{period}/{k.lower()}.html">[ {k} ]</a>\n'
                      for k in ("Thread", "Subject", "Author", "Date"))
            + "            </td>\n"
            f'            <td><A href="{period}.txt.gz">[ Gzip\'d Text '
            f"{size_text(gz_sizes[period])}]</a></td>\n            </tr>\n\n"
        )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n  <HEAD>\n'
        f"     <title>The {REAL_NAME} Archives</title>\n"
        '     <META NAME="robots" CONTENT="noindex,follow">\n'
        f'     <META http-equiv="Content-Type" content="text/html; charset={CHARSET}">\n'
        '  </HEAD>\n  <BODY BGCOLOR="#ffffff">\n'
        f"     <h1>The {REAL_NAME} Archives </h1>\n     <p>\n"
        f'      You can get <a href="{LISTINFO}">more information about this list</a>.\n'
        "     </p>\n     \n     \t<table border=3>\n"
        "          <tr><td>Archive</td>\n          <td>View by:</td>\n"
        "          <td>Downloadable version</td></tr>\n\n     "
        + "".join(rows)
        + "\n              </table>\n\n     </BODY>\n     </HTML>\n"
    )


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip (mtime 0, no file name)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_mirror(records: list[Record], outdir: Path, archived_on: str) -> None:
    """Write TOC, period .txt/.txt.gz, index pages and message pages."""
    thread_period(records)
    periods: dict[str, list[Record]] = {}
    for rec in records:
        periods.setdefault(rec.period, []).append(rec)
    outdir.mkdir(parents=True, exist_ok=True)
    gz_sizes = {}
    for period, recs in periods.items():
        txt = "".join(render_txt_record(r) for r in recs).encode("utf-8")
        (outdir / f"{period}.txt").write_bytes(txt)
        gz = gzip_bytes(txt)
        (outdir / f"{period}.txt.gz").write_bytes(gz)
        gz_sizes[period] = len(gz)
        pdir = outdir / period
        pdir.mkdir(exist_ok=True)
        for kind in ("thread", "date", "subject", "author"):
            html = render_index(period, recs, kind, archived_on).encode("utf-8")
            (pdir / f"{kind}.html").write_bytes(html)
            if kind == "thread":
                (pdir / "index.html").write_bytes(html)
        order = index_order(recs, "thread")
        for i, rec in enumerate(order):
            prev = order[i - 1] if i > 0 else None
            nxt = order[i + 1] if i + 1 < len(order) else None
            page = render_article(rec, prev, nxt).encode("utf-8")
            (pdir / f"{rec.seq:06d}.html").write_bytes(page)
    newest_first = sorted(periods, key=lambda p: min(r.ts for r in periods[p]), reverse=True)
    (outdir / "index.html").write_bytes(render_toc(newest_first, gz_sizes).encode("utf-8"))


# ---------------------------------------------------------------------------
# Composition: dates, ids, annotation parsing, bodies
# ---------------------------------------------------------------------------

EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_DAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MON = [m[:3] for m in MONTHS]
FR_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
FR_DAYS_LONG = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
FR_MON = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc."]
FR_MON_LONG = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"]
ES_DAYS = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]
ES_MON = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"]
PT_DAYS = ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."]
PT_DAYS_LONG = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                "sábado", "domingo"]
PT_MON = ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.",
          "nov.", "dez."]
PT_MON_LONG = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
               "setembro", "outubro", "novembro", "dezembro"]
SV_MON_LONG = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"]
# zone: (offset in summer time, offset in winter time, switch instant in UTC)
ZONES = {
    "US_EAST": (-4, -5, datetime(2025, 11, 2, 6, tzinfo=UTC)),
    "EU_CENTRAL": (2, 1, datetime(2025, 10, 26, 1, tzinfo=UTC)),
    "EU_WEST": (1, 0, datetime(2025, 10, 26, 1, tzinfo=UTC)),
    "LEBANON": (3, 2, datetime(2025, 10, 25, 21, tzinfo=UTC)),
}
MOBILE = {"apple_es": "Enviado desde mi iPhone", "apple_pt": "Enviado do meu iPhone"}
OUTLOOK_LABELS = {
    "outlook": ("From: ", "Sent: ", "To: ", "Subject: "),
    "outlook_classic": ("From: ", "Sent: ", "To: ", "Subject: "),
    "outlook_sv": ("Från: ", "Skickat: ", "Till: ", "Ämne: "),
    "outlook_fr": ("De : ", "Envoyé : ", "À : ", "Objet : "),
    "outlook_pt": ("De: ", "Enviado: ", "Para: ", "Assunto: "),
}
REPLY_PREFIX = {"outlook_sv": "SV: ", "outlook_fr": "RE : ", "outlook": "RE: ",
                "outlook_classic": "RE: ", "outlook_pt": "RE: "}
LIST_ITEM_RE = re.compile(r"^(\s*[-*•]\s|\s*\d+\.\s|>|---)")
SCRUB_SEP = "-------------- next part --------------\n"
REQUEST_ADDR = f"{LIST_NAME}-request@{HOST}"


def offset_at(zone: str, utc: datetime) -> timedelta:
    """UTC offset of a zone ('+0530', 'EU_CENTRAL', ...) at an instant."""
    if zone in ZONES:
        summer, winter, switch = ZONES[zone]
        return timedelta(hours=summer if utc < switch else winter)
    sign = -1 if zone[0] == "-" else 1
    return sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))


def localize(zone: str, stamp: str) -> datetime:
    """Sender's local wall-clock time 'YYYY-MM-DD HH:MM:SS' as an aware datetime."""
    naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    utc = naive - offset_at(zone, naive)
    utc = naive - offset_at(zone, utc)
    return utc.astimezone(timezone(offset_at(zone, utc)))


def in_zone(utc: datetime, zone: str) -> datetime:
    """An instant shown in a zone."""
    return utc.astimezone(timezone(offset_at(zone, utc)))


def fmt_offset(t: datetime) -> str:
    """'+0530' style offset of an aware datetime."""
    minutes = int(t.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def rfc_date(t: datetime) -> str:
    """RFC 5322 date as most clients write it (day not zero-padded)."""
    return (f"{EN_DAYS[t.weekday()]}, {t.day} {EN_MON[t.month - 1]} {t.year} "
            f"{t:%H:%M:%S} {fmt_offset(t)}")


def date_header(client: str, local: datetime) -> str:
    """Date header: Exchange sends UTC, the webmail adds a zone comment."""
    if client.startswith("outlook"):
        return rfc_date(local.astimezone(UTC))
    if client == "webmail":
        return rfc_date(local.astimezone(UTC)) + " (UTC)"
    return rfc_date(local)


def clock12(t: datetime) -> tuple[int, str]:
    """12-hour clock hour and AM/PM."""
    return (t.hour % 12 or 12), ("AM" if t.hour < 12 else "PM")


def make_msgid(key: str, client: str, addr: str, utc: datetime) -> str:
    """Deterministic Message-ID in the style of the sender's mail client."""
    h = hashlib.sha512(f"chapter-leaders-sample:{key}".encode()).digest()
    domain = addr.split("@")[1]
    if client.startswith("gmail"):
        alphabet = string.ascii_letters + string.digits + "+=_-"
        tail = "".join(alphabet[b % len(alphabet)] for b in h[1:45])
        return f"<CA{string.ascii_uppercase[h[0] % 26]}{tail}@mail.gmail.com>"
    if client.startswith("outlook"):
        region = ["DB", "AM", "PA", "BY", "SN", "MW", "SG", "TY"][h[0] % 8]
        cluster = {"DB": "eurprd", "AM": "eurprd", "PA": "eurprd", "SG": "apcprd",
                   "TY": "apcprd"}.get(region, "namprd")
        server = f"{region}{h[1] % 9 + 1}PR{h[2] % 90 + 10:02d}MB{h[3] % 9000 + 1000}"
        return (f"<{server}{h[4:20].hex().upper()}@{server}.{cluster}{h[5] % 20 + 1:02d}"
                ".prod.outlook.com>")
    hexs = h.hex()
    uuid = f"{hexs[:8]}-{hexs[8:12]}-{hexs[12:16]}-{hexs[16:20]}-{hexs[20:32]}"
    if client.startswith("apple"):
        return f"<{uuid.upper()}@{domain}>"
    if client == "thunderbird":
        return f"<{uuid}@{domain}>"
    if client == "mutt":
        return f"<{utc:%Y%m%d%H%M%S}.GA{h[0] * 256 + h[1]}@sasa-laptop.{domain}>"
    return f"<{int(utc.timestamp())}.{int.from_bytes(h[:3], 'big')}@{domain}>"


def encode_words(text: str, head: str) -> str:
    """RFC 2047 encoded-words (each at most 75 characters) for a piece of text."""
    words, current = [], ""
    b64 = head[-2] in "Bb"

    def encoded(chunk: str) -> str:
        data = chunk.encode("utf-8")
        if b64:
            return base64.b64encode(data).decode("ascii")
        safe = string.ascii_letters + string.digits + "!*+-/"
        return "".join(chr(b) if chr(b) in safe else ("_" if b == 32 else f"={b:02X}")
                       for b in data)

    for char in text:
        if len(head) + len(encoded(current + char)) + 2 > 75:
            words.append(current)
            current = ""
        current += char
    words.append(current)
    return " ".join(f"{head}{encoded(w)}?=" for w in words)


def encode_header(text: str, client: str, whole: bool) -> str:
    """Encode a display name (whole) or a subject (from the first non-ASCII word)."""
    if text.isascii():
        return text
    head = ("=?utf-8?B?" if client.startswith("outlook") else
            "=?UTF-8?Q?" if client.startswith(("gmail", "thunderbird")) else
            "=?utf-8?q?" if client == "webmail" else "=?utf-8?Q?")
    if whole:
        return encode_words(text, head)
    words = text.split(" ")
    first = next(i for i, w in enumerate(words) if not w.isascii())
    plain = " ".join(words[:first])
    return (plain + " " if plain else "") + encode_words(" ".join(words[first:]), head)


def unfold(src: str) -> str:
    """Join soft-wrapped source lines (see the note above P)."""
    out: list[str] = []
    for line in textwrap.dedent(src).strip("\n").split("\n"):
        if out and len(out[-1]) >= 50 and line and not LIST_ITEM_RE.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def parse_marks(src: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Strip [[TAGS|text]] annotations; return plain text and (start, end, tags) spans."""
    out: list[str] = []
    spans, stack = [], []
    i = 0
    while i < len(src):
        if src.startswith("[[", i):
            bar = src.index("|", i)
            stack.append((len(out), src[i + 2:bar]))
            i = bar + 1
        elif src.startswith("]]", i) and stack:
            start, tags = stack.pop()
            spans.append((start, len(out), tags))
            i += 2
        else:
            out.append(src[i])
            i += 1
    return "".join(out), spans


def hard_wrap(text: str, width: int) -> str:
    """Wrap long lines at width by turning spaces into newlines (offsets unchanged)."""
    lines = []
    for line in text.split("\n"):
        chars, start = list(line), 0
        while len(line) - start > width:
            cut = line.rfind(" ", start, start + width + 1)
            if cut <= start:
                cut = line.find(" ", start + width)
                if cut == -1:
                    break
            chars[cut] = "\n"
            start = cut + 1
        lines.append("".join(chars))
    return "\n".join(lines)


@dataclass
class Piece:
    """Plain text of an annotated piece plus its labelled spans."""

    text: str
    spans: list[tuple[str, str]]   # (span text, tags)


def prepare(src: str, wrap: int | None = None, join: bool = True) -> Piece:
    """Annotated source -> Piece (joined, optionally hard-wrapped)."""
    plain, spans = parse_marks(unfold(src) if join else src)
    if wrap:
        plain = hard_wrap(plain, wrap)
    return Piece(plain, [(plain[s:e], tags) for s, e, tags in spans])


def quote_text(text: str, gmail: bool) -> str:
    """Prefix every line with '>' the way the client does."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        if not line:
            out.append(">")
        elif gmail or not line.startswith(">"):
            out.append("> " + line)
        else:
            out.append(">" + line)
    return "\n".join(out) + "\n"


def who(name: str, addr: str, spanish: bool = False) -> str:
    """'Name <addr>' (Spanish Gmail: 'Name (<addr>)'), or '<addr>' without a name."""
    if not name:
        return f"<{addr}>"
    return f"{name} (<{addr}>)" if spanish else f"{name} <{addr}>"


def attribution(client: str, name: str, addr: str, utc: datetime, zone: str,
                own: datetime) -> str:
    """The 'On ... wrote:' line of a reply, localised like the replier's client."""
    t = in_zone(utc, zone)
    hm = f"{t:%H:%M}"
    if client == "gmail_us":
        hour, ampm = clock12(t)
        return (f"On {EN_DAYS[t.weekday()]}, {EN_MON[t.month - 1]} {t.day}, {t.year} at "
                f"{hour}:{t:%M}\u202f{ampm} {who(name, addr)} wrote:")
    if client == "gmail_gb":
        mon = "Sept" if t.month == 9 else EN_MON[t.month - 1]
        return (f"On {EN_DAYS[t.weekday()]}, {t.day} {mon} {t.year} at {hm}, "
                f"{who(name, addr)} wrote:")
    if client == "gmail_fr":
        return (f"Le {FR_DAYS[t.weekday()]} {t.day} {FR_MON[t.month - 1]} {t.year} à {hm}, "
                f"{who(name, addr)} a écrit :")
    if client == "gmail_es":
        return (f"El {ES_DAYS[t.weekday()]}, {t.day} {ES_MON[t.month - 1]} {t.year} a las "
                f"{t.hour}:{t:%M}, {who(name, addr, spanish=True)} escribió:")
    if client == "gmail_pt":
        return (f"Em {PT_DAYS[t.weekday()]}, {t.day} de {PT_MON[t.month - 1]} de {t.year} às "
                f"{hm}, {who(name, addr)} escreveu:")
    if client == "apple_en":
        sender = f"{name} <{addr}>" if name else addr
        return f"On {t.day} {EN_MON[t.month - 1]} {t.year}, at {hm}, {sender} wrote:"
    if client == "apple_es":
        return (f"El {t.day} {ES_MON[t.month - 1]} {t.year}, a las {t.hour}:{t:%M}, "
                f"{who(name, addr)} escribió:")
    if client == "apple_pt":
        return f"A {t:%d/%m/%Y}, às {hm}, {who(name, addr)} escreveu:"
    if client == "thunderbird":
        return f"On {t:%d/%m/%Y} {hm}, {name or addr} wrote:"
    if client == "mutt":
        hour, ampm = clock12(own)
        return (f"On {EN_DAYS[own.weekday()]}, {EN_MON[own.month - 1]} {own.day:02d}, "
                f"{own.year} at {hour:02d}:{own:%M:%S}{ampm} {fmt_offset(own)}, "
                f"{name or addr} wrote:")
    hours = int(t.utcoffset().total_seconds() // 3600)
    return (f"On {EN_DAYS_LONG[t.weekday()]}, {t.day} {MONTHS[t.month - 1]} {t.year} at "
            f"{t:%H:%M:%S} GMT{hours:+d}, {who(name, addr)} wrote:")


def outlook_sent(client: str, t: datetime) -> str:
    """The 'Sent:' value of an Outlook reply header block."""
    if client == "outlook_sv":
        return f"den {t.day} {SV_MON_LONG[t.month - 1]} {t.year} {t:%H:%M}"
    if client == "outlook_fr":
        return f"{FR_DAYS_LONG[t.weekday()]} {t.day} {FR_MON_LONG[t.month - 1]} {t.year} {t:%H:%M}"
    if client == "outlook_pt":
        return (f"{PT_DAYS_LONG[t.weekday()]}, {t.day} de {PT_MON_LONG[t.month - 1]} de "
                f"{t.year} {t:%H:%M}")
    hour, ampm = clock12(t)
    return (f"{EN_DAYS_LONG[t.weekday()]}, {MONTHS[t.month - 1]} {t.day}, {t.year} "
            f"{hour}:{t:%M} {ampm}")


def outlook_block(client: str, parent: dict, zone: str) -> str:
    """Outlook's reply header block (classic '-----Original Message-----' or rule)."""
    frm, sent, to, subj = OUTLOOK_LABELS[client]
    head = "-----Original Message-----\n" if client == "outlook_classic" else "_" * 32 + "\n"
    return (f"{head}{frm}{who(parent['name'], parent['addr'])}\n"
            f"{sent}{outlook_sent(client, in_zone(parent['utc'], zone))}\n"
            f"{to}{LIST_ADDR}\n{subj}{parent['subject']}\n")


def forward_header(fwd: dict) -> tuple[str, str]:
    """Header block of a forwarded message and the date string it shows."""
    t = datetime.strptime(fwd["date"], "%Y-%m-%d %H:%M:%S %z")
    sender = who(fwd["frm"], fwd["addr"])
    style = fwd["style"]
    if style == "gmail_fr":
        shown = f"{FR_DAYS[t.weekday()]} {t.day} {FR_MON[t.month - 1]} {t.year} à {t:%H:%M}"
        cc = f"Cc: {fwd['cc']}\n" if fwd.get("cc") else ""
        return (f"---------- Forwarded message ---------\nDe : {sender}\nDate: {shown}\n"
                f"Subject: {fwd['subject']}\nTo: {fwd['to']}\n{cc}"), shown
    if style == "gmail_us":
        hour, ampm = clock12(t)
        shown = (f"{EN_DAYS[t.weekday()]}, {EN_MON[t.month - 1]} {t.day}, {t.year} at "
                 f"{hour}:{t:%M}\u202f{ampm}")
        return (f"---------- Forwarded message ---------\nFrom: {sender}\nDate: {shown}\n"
                f"Subject: {fwd['subject']}\nTo: {fwd['to']}\n"), shown
    if style == "apple":
        hours = int(t.utcoffset().total_seconds() // 3600)
        shown = f"{t.day} {MONTHS[t.month - 1]} {t.year} at {t:%H:%M:%S} GMT{hours:+d}"
        return (f"Begin forwarded message:\n\nFrom: {sender}\nSubject: {fwd['subject']}\n"
                f"Date: {shown}\nTo: {fwd['to']}\n"), shown
    if style == "outlook_pt":
        shown = outlook_sent("outlook_pt", t)
        return (f"{'_' * 32}\nDe: {sender}\nEnviado: {shown}\nPara: {fwd['to']}\n"
                f"Assunto: {fwd['subject']}\n"), shown
    hour, ampm = clock12(t)
    shown = (f"{EN_DAYS_LONG[t.weekday()]}, {MONTHS[t.month - 1]} {t.day}, {t.year} at "
             f"{hour}:{t:%M} {ampm}")
    return (f"From: {sender}\nDate: {shown}\nTo: {fwd['to']}\n"
            f"Subject: {fwd['subject']}\n"), shown


def scrub_notices(attach: list, date_hdr: str, msgid: str | None) -> str:
    """Pipermail scrubber notices replacing HTML parts and binary attachments."""
    day, mon, year = date_hdr.split()[1:4]
    stamp = f"{year}{EN_MON.index(mon) + 1:02d}{int(day):02d}"
    digest = hashlib.sha1((msgid or "").encode()).hexdigest()
    base = f"{ARCHIVE_URL}attachments/{stamp}/{digest[:4]}{digest[-4:]}/"
    out = ""
    for item in attach:
        if item == "html":
            out += f"{SCRUB_SEP}An HTML attachment was scrubbed...\nURL: <{base}attachment.html>\n"
        else:
            name, ctype, size = item
            ext = Path(name).suffix
            out += (f"{SCRUB_SEP}A non-text attachment was scrubbed...\nName: {name}\n"
                    f"Type: {ctype}\nSize: {size} bytes\nDesc: not available\n"
                    f"URL: <{base}attachment{ext}>\n")
    return out


def digest_block(volume: int, issue: int, items: list[dict]) -> str:
    """Plain-text (RFC 1153 style) Mailman digest as a subscriber receives it."""
    head = (
        f"Send {REAL_NAME} mailing list submissions to\n\t{LIST_ADDR}\n\n"
        "To subscribe or unsubscribe via the World Wide Web, visit\n"
        f"\thttps://{HOST}/mailman/listinfo/{LIST_NAME}\n"
        "or, via email, send a message with subject or body 'help' to\n"
        f"\t{REQUEST_ADDR}\n\nYou can reach the person managing the list at\n"
        f"\t{LIST_NAME}-owner@{HOST}\n\n"
        "When replying, please edit your Subject line so it is more specific\n"
        f'than "Re: Contents of {REAL_NAME} digest..."\n\n\nToday\'s Topics:\n\n'
    )
    for n, item in enumerate(items, 1):
        subject = item["subject"].replace(f"[{REAL_NAME}] ", "")
        lines = textwrap.wrap(f"{n:4d}. {subject} ({item['name'] or item['addr']})", 70,
                              subsequent_indent="      ", initial_indent="")
        head += "\n".join(lines) + "\n"
    head += "\n\n" + "-" * 70 + "\n\n"
    for n, item in enumerate(items, 1):
        head += (f"Message: {n}\nDate: {item['date_hdr']}\nFrom: {who(item['name'], item['addr'])}"
                 f"\nSubject: {item['subject']}\nTo: {LIST_ADDR}\n"
                 f"Message-ID: {item['msgid']}\nContent-Type: text/plain; charset=\"utf-8\"\n\n"
                 f"{item['body']}\n" + "-" * 30 + "\n\n")
    return (head + f"Subject: Digest Footer\n\n{'_' * 47}\n{REAL_NAME} mailing list\n{LIST_ADDR}\n"
            f"https://{HOST}/mailman/listinfo/{LIST_NAME}\n\n\n" + "-" * 30 + "\n\n"
            f"End of {REAL_NAME} Digest, Vol {volume}, Issue {issue}\n" + "*" * 46 + "\n")


def reply_subject(parent_subject: str, client: str) -> str:
    """Subject of a reply: the client's own prefix, its own earlier prefixes removed."""
    prefix = REPLY_PREFIX.get(client, "Re: ")
    own = r"(RE|Re|re)\s?:\s*" if prefix.startswith("RE") else r"(Re|RE):\s*"
    if client == "outlook_sv":
        own = r"(SV|RE):\s*"
    rest = re.sub(rf"^({own})+", "", parent_subject)
    return prefix + rest


def signature(msg: dict, person: dict, client: str) -> tuple[str, Piece | None]:
    """Signature block of a message (text to append, parsed signature)."""
    mode = msg.get("sig", "default")
    if mode == "default":
        mode = person.get("sig_style", "plain")
    if mode == "none":
        return "", None
    if mode == "mobile":
        text = MOBILE.get(client, "Sent from my iPhone")
        return f"\n{text}\n", Piece(text, [])
    sig = prepare(person["sig"], join=False)
    return ("\n-- \n" if mode == "dash" else "\n") + sig.text + "\n", sig


def compose(msg: dict, done: dict[str, dict]) -> dict:
    """Build headers, client body, archived body and gold data of one message."""
    person = P[msg["frm"]]
    client = msg.get("client", person["client"])
    if msg.get("sig") == "mobile" and not client.startswith("apple"):
        client = "apple_en"
    local = localize(person["zone"], msg["at"])
    parent = done.get(msg.get("parent", ""))
    msgid = None if msg.get("mid") is False else make_msgid(
        msg["key"], client, person["addr"], local.astimezone(UTC))
    sig_text, sig_piece = signature(msg, person, client)
    if person.get("disclaimer") and not client.startswith("apple"):
        sig_text += "\n" + person["disclaimer"] + "\n"
    layout = msg.get("layout") or ("digest" if "digest" in msg else
                                   "outlook" if client.startswith("outlook") else "top")
    ctx = {"client": client, "zone": person["zone"], "gmail": client.startswith("gmail"),
           "wrap": person.get("wrap")}
    body, segments = own_part(msg, parent, ctx)
    own_text = "\n".join(p.text for p in segments)
    body += sig_text
    forwarded = []
    if "fwd" in msg:
        block, forwarded = forward_part(msg["fwd"])
        body += block
    body = quoted_part(body, layout, msg, parent, done, ctx)
    date_hdr = date_header(client, local)
    return {
        "key": msg["key"], "msg": msg, "person": person, "client": client, "name": person["name"],
        "addr": person["addr"], "local": local, "utc": local.astimezone(UTC),
        "subject": msg.get("subj") or reply_subject(parent["subject"], client),
        "msgid": msgid, "date_hdr": date_hdr, "layout": layout, "body": body,
        "archived": body + scrub_notices(msg.get("attach", []), date_hdr, msgid),
        "own": own_text, "new": own_text + sig_text, "segments": segments, "sig": sig_piece,
        "forwarded": forwarded, "parent": parent,
    }


def reply_attribution(parent: dict, ctx: dict) -> str:
    """Attribution line of a reply to parent, in the replier's client style."""
    return attribution(ctx["client"], parent["name"], parent["addr"], parent["utc"],
                       ctx["zone"], parent["local"])


def own_part(msg: dict, parent: dict | None, ctx: dict) -> tuple[str, list[Piece]]:
    """The author's own text (inline replies: interleaved with quote snippets)."""
    if msg.get("layout") != "inline":
        piece = prepare(msg["text"], ctx["wrap"])
        return piece.text, [piece]
    parts, segments = [], []
    for part in msg["parts"]:
        if part[0] == "q":
            parts.append(quote_text(snippet(parent["own"], part[1], part[2]), ctx["gmail"]))
        else:
            piece = prepare(part[1], ctx["wrap"])
            segments.append(piece)
            parts.append(piece.text)
    return reply_attribution(parent, ctx) + "\n" + "\n".join(parts), segments


def forward_part(fwd: dict) -> tuple[str, list[dict]]:
    """A forwarded message block appended after the signature, and its gold data."""
    header, shown = forward_header(fwd)
    ftext = prepare(fwd["text"])
    fsig = prepare(fwd["sig"], join=False)
    gap = "" if ftext.text.rstrip().endswith(",") else "\n"
    block = "\n" + header + ("\n" if fwd["style"].startswith("gmail") else "")
    block += "\n" + ftext.text + gap + fsig.text + "\n"
    return block, [{"style": fwd["style"], "fwd": fwd, "date_raw": shown, "text": ftext,
                    "sig": fsig}]


def quoted_part(body: str, layout: str, msg: dict, parent: dict | None, done: dict,
                ctx: dict) -> str:
    """Add the quoted parent (top/bottom), Outlook header block or quoted digest."""
    if layout in ("top", "bottom"):
        source = quote_source(parent, msg.get("quote", "full"))
        quoted = reply_attribution(parent, ctx) + "\n" + quote_text(source, ctx["gmail"])
        return body + "\n" + quoted if layout == "top" else quoted + "\n" + body
    if layout == "outlook":
        return (body + "\n" + outlook_block(ctx["client"], parent, ctx["zone"]) + "\n"
                + quote_source(parent, msg.get("quote", "full")))
    if layout == "digest":
        volume, issue, sent, keys = msg["digest"]
        sent_utc = datetime.strptime(sent, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        attrib = attribution(ctx["client"], "", REQUEST_ADDR, sent_utc, ctx["zone"], sent_utc)
        block = digest_block(volume, issue, [{**done[k], "body": done[k]["archived"]}
                                             for k in keys])
        return body + "\n" + attrib + "\n" + quote_text(block, ctx["gmail"])
    return body


def snippet(text: str, start: str, end: str) -> str:
    """Part of a parent's own text from one phrase to another (both included).

    Phrases match across line breaks, since hard-wrapped parents break lines anywhere.
    """
    def find(phrase: str, pos: int) -> re.Match:
        pattern = r"\s+".join(map(re.escape, phrase.split()))
        found = re.compile(pattern).search(text, pos)
        assert found is not None, phrase
        return found
    first = find(start, 0)
    return text[first.start():find(end, first.start()).end()]


def quote_source(parent: dict, mode) -> str:
    """What a reply quotes: the full parent body, its new part, its text or a snippet."""
    if isinstance(mode, tuple):
        return snippet(parent["own"], *mode)
    return {"full": parent["body"], "new": parent["new"], "text": parent["own"]}[mode]


def build_messages() -> list[dict]:
    """Compose every message in archive (UTC) order."""
    order = sorted(MESSAGES, key=lambda m: localize(P[m["frm"]]["zone"], m["at"]))
    done: dict[str, dict] = {}
    for msg in order:
        if msg.get("parent"):
            assert msg["parent"] in done, f"{msg['key']} archived before its parent"
        done[msg["key"]] = compose(msg, done)
    composed = list(done.values())
    for c in composed:
        c["headers"] = reply_headers(c)
        assert not re.search(r"^From ", c["archived"], re.M), c["key"]
    return composed


def reply_headers(c: dict) -> tuple[str | None, str | None]:
    """In-Reply-To and References headers of a composed message."""
    parent, hdrs = c["parent"], c["msg"].get("hdrs", "full")
    if parent is None or hdrs == "none":
        return None, None
    refs = [*(parent["headers"][1] or "").split(), parent["msgid"]]
    references = "\n ".join(r for r in refs if r)
    if hdrs == "refs":
        return None, references
    if hdrs == "irt2":
        return f"{refs[-2]} {refs[-1]}", references
    return parent["msgid"], references


# ---------------------------------------------------------------------------
# Gold data, README and output
# ---------------------------------------------------------------------------

LANGS = {
    "t2a": ["es", "en"], "t2b": ["es"], "t2c": ["es", "en"], "t4a": ["en", "fr"],
    "t4b": ["fr"], "t4c": ["fr", "en"], "t10a": ["pt", "en"], "t10b": ["pt"],
    "t10c": ["pt", "en"], "t10d": ["pt"], "D2": ["es", "en"], "t12c": ["fr", "en"],
    "t12d": ["fr"], "t13a": ["es", "en"], "t13b": ["es"], "t13c": ["es"], "t13d": ["es", "en"],
}


def to_record(c: dict, seq: int) -> Record:
    """Mailman's view of a composed message."""
    irt, refs = c["headers"]
    return Record(
        seq=seq, from_addr=c["addr"], from_name=c["name"],
        from_name_raw=encode_header(c["name"], c["client"], whole=True),
        date_hdr=c["date_hdr"], ts=int(c["utc"].timestamp()),
        subject_hdr=encode_header(c["subject"], c["client"], whole=False),
        subject=c["subject"], message_id=c["msgid"], in_reply_to=irt, references=refs,
        body=c["archived"])


def check_encoding(rec: Record) -> None:
    """The RFC 2047 forms must decode back to the names and subjects shown in HTML."""
    for raw, text in ((rec.from_name_raw, rec.from_name), (rec.subject_hdr, rec.subject)):
        decoded = str(email.header.make_header(email.header.decode_header(raw)))
        assert decoded == text, (raw, text)


def labels(pieces: list[tuple[Piece, str]]) -> dict:
    """Collect stories, challenges, calls to action, events, officials and negatives."""
    out: dict = {"stories": [], "challenges": [], "calls_to_action": [], "events": [],
                 "officials": {}, "non_officials": []}
    for piece, where in pieces:
        for text, tags in piece.spans:
            text = obfuscate(text)
            for tag in tags.split(","):
                name, _, value = tag.partition("=")
                if name in ("S", "C", "A"):
                    key = {"S": "stories", "C": "challenges", "A": "calls_to_action"}[name]
                    out[key].append(text)
                elif name == "E":
                    out["events"].append({"text": text, "date": value})
                elif name == "O":
                    entry = out["officials"].setdefault(value, {"aliases": [], "in": []})
                    if text not in entry["aliases"]:
                        entry["aliases"].append(text)
                    if where not in entry["in"]:
                        entry["in"].append(where)
                elif name == "N":
                    out["non_officials"].append({"name": text, "why": value})
    return out


def official_entries(found: dict) -> list[dict]:
    """Per-message official records with table data and surface forms."""
    entries = []
    for oid, seen in found.items():
        name, title, role, country, org = OFFICIALS[oid]
        entries.append({"official_id": oid, "name": name, "title": title, "role": role,
                        "country": country, "organization": org, "aliases": seen["aliases"],
                        "mentioned_in": seen["in"]})
    return entries


def gold_message(c: dict, rec: Record, roots: dict[str, str], by_seq: dict) -> dict:
    """One entry of expected.json's message list."""
    msg = c["msg"]
    pieces = [(p, "new_text") for p in c["segments"]]
    if c["sig"] is not None:
        pieces.append((c["sig"], "signature"))
    forwarded = []
    for f in c["forwarded"]:
        pieces += [(f["text"], "forwarded"), (f["sig"], "forwarded")]
        fwd = f["fwd"]
        forwarded.append({
            "from_name": fwd["frm"], "from_addr": fwd["addr"], "date": fwd["date"][:10],
            "date_raw": f["date_raw"], "subject": fwd["subject"], "cc": fwd.get("cc"),
            "text": obfuscate(f["text"].text.rstrip("\n")), "signature": f["sig"].text,
        })
    found = labels(pieces)
    threading = ("digest_reply" if "digest" in msg else
                 "subject_only" if msg.get("hdrs") == "none" else
                 "headers" if c["parent"] else "root")
    parent_rec = by_seq.get(rec.parent_seq)
    segments = [obfuscate(p.text.rstrip("\n")) for p in c["segments"]]
    return {
        "seq": rec.seq, "file": f"{rec.period}/{rec.seq:06d}.html", "period": rec.period,
        "message_id": c["msgid"], "subject": c["subject"], "from_name": c["name"],
        "from_addr": c["addr"], "date": c["local"].isoformat(), "in_reply_to": rec.in_reply_to,
        "references": rec.references.split() if rec.references else [],
        "parent": c["parent"]["msgid"] if c["parent"] else None,
        "thread_root": roots[c["key"]], "threading": threading,
        "mailman_parent_seq": rec.parent_seq,
        "mailman_parent_id": parent_rec.message_id if parent_rec else None,
        "layout": c["layout"], "client": c["client"], "languages": LANGS.get(c["key"], ["en"]),
        "country": c["person"]["country"], "isoc_staff": bool(c["person"].get("staff")),
        "new_text": "\n\n".join(segments), "new_text_segments": segments,
        "signature": obfuscate(c["sig"].text) if c["sig"] else None,
        "disclaimer": c["person"].get("disclaimer") if "CONFIDENTIALITY" in c["body"] else None,
        "forwarded": forwarded, "officials": official_entries(found["officials"]),
        "non_officials": found["non_officials"], "stories": found["stories"],
        "challenges": found["challenges"], "calls_to_action": found["calls_to_action"],
        "events": found["events"], "attachments": [a if a == "html" else a[0]
                                                   for a in msg.get("attach", [])],
    }


def true_roots(composed: list[dict]) -> dict[str, str | None]:
    """Message-ID of the true thread root of every message (by content)."""
    by_key = {c["key"]: c for c in composed}

    def root(c: dict) -> dict:
        if c["msg"].get("root"):
            return by_key[c["msg"]["root"]]
        return root(c["parent"]) if c["parent"] else c
    return {c["key"]: root(c)["msgid"] for c in composed}


def phenomena(composed: list[dict], gold: list[dict], records: list[Record]) -> dict:
    """Counts of the phenomena the sample contains (reported in README and expected.json)."""
    bodies = [c["archived"] for c in composed]

    def count(pred) -> int:
        return sum(1 for b in bodies if pred(b))

    def max_depth(body: str) -> int:
        return max((len(re.match(r"^[> ]*", ln).group().replace(" ", ""))
                    for ln in body.split("\n")), default=0)
    threads_per_root: dict[str, set] = {}
    for g in gold:
        threads_per_root.setdefault(g["thread_root"], set()).add(g["period"])
    return {
        "messages": len(composed),
        "threads": len(threads_per_root),
        "threads_spanning_two_months": sum(1 for p in threads_per_root.values() if len(p) > 1),
        "participants": len({c["addr"] for c in composed}),
        "chapters_countries": len({c["person"]["country"] for c in composed} - {None}),
        "isoc_staff_participants": len({c["addr"] for c in composed
                                        if c["person"].get("staff")}),
        "replies_with_in_reply_to": sum(1 for r in records if r.in_reply_to),
        "replies_references_only": sum(1 for r in records
                                       if r.references and not r.in_reply_to),
        "in_reply_to_with_two_ids": sum(1 for r in records
                                        if r.in_reply_to and " " in r.in_reply_to),
        "subject_only_replies": sum(1 for g in gold if g["threading"] == "subject_only"),
        "digest_replies": sum(1 for g in gold if g["threading"] == "digest_reply"),
        "messages_without_message_id": sum(1 for r in records if not r.message_id),
        "sender_without_display_name": sum(1 for r in records if not r.from_name),
        "rfc2047_encoded_from": sum(1 for r in records if "=?" in r.from_name_raw),
        "rfc2047_encoded_subject": sum(1 for r in records if "=?" in r.subject_hdr),
        "month_edge_messages": sum(1 for c, r in zip(composed, records, strict=True)
                                   if c["local"].month != datetime.fromtimestamp(r.ts, UTC).month),
        "quoted_depth_1": sum(1 for b in bodies if max_depth(b) == 1),
        "quoted_depth_2": sum(1 for b in bodies if max_depth(b) == 2),
        "quoted_depth_3_or_more": sum(1 for b in bodies if max_depth(b) >= 3),
        "top_posted_replies": sum(1 for c in composed if c["layout"] == "top"),
        "bottom_posted_replies": sum(1 for c in composed if c["layout"] == "bottom"),
        "interleaved_replies": sum(1 for c in composed if c["layout"] == "inline"),
        "outlook_reply_blocks": sum(1 for c in composed if c["layout"] == "outlook"),
        "outlook_original_message_blocks": count(lambda b: "-----Original Message-----" in b),
        "attribution_wrote_en": count(lambda b: re.search(r"^On .* wrote:$", b, re.M)),
        "attribution_a_ecrit_fr": count(lambda b: re.search(r"^Le .* a écrit :$", b, re.M)),
        "attribution_escribio_es": count(lambda b: re.search(r"^El .* escribió:$", b, re.M)),
        "attribution_escreveu_pt": count(lambda b: re.search(r"escreveu:$", b, re.M)),
        "forward_gmail": count(lambda b: "---------- Forwarded message ---------" in b),
        "forward_apple": count(lambda b: "Begin forwarded message:" in b),
        "forward_outlook_inline": sum(1 for c in composed for f in c["forwarded"]
                                      if f["style"] in ("outlook_inline", "outlook_pt")),
        "signature_dash_delimiter": count(lambda b: "\n-- \n" in b),
        "signature_mobile": sum(1 for c in composed if c["msg"].get("sig") == "mobile"),
        "legal_disclaimer": count(lambda b: "CONFIDENTIALITY NOTICE" in b),
        "scrubbed_html_notices": sum(b.count("An HTML attachment was scrubbed") for b in bodies),
        "scrubbed_binary_attachments": sum(b.count("A non-text attachment was scrubbed")
                                           for b in bodies),
        "quoted_list_digest_in_body": count(lambda b: "Today's Topics:" in b),
        "non_english_messages": len(LANGS),
        "distinct_officials": len({o["official_id"] for g in gold for o in g["officials"]}),
        "official_mentions": sum(len(g["officials"]) for g in gold),
        "officials_in_forwarded_blocks": sum(1 for g in gold for o in g["officials"]
                                             if "forwarded" in o["mentioned_in"]),
        "officials_in_signature": sum(1 for g in gold for o in g["officials"]
                                      if "signature" in o["mentioned_in"]),
        "non_official_named_people": sum(len(g["non_officials"]) for g in gold),
        "stories": sum(len(g["stories"]) for g in gold),
        "challenges": sum(len(g["challenges"]) for g in gold),
        "calls_to_action": sum(len(g["calls_to_action"]) for g in gold),
        "events": sum(len(g["events"]) for g in gold),
    }


def expected_data(composed: list[dict], records: list[Record]) -> dict:
    """Everything tests may check about the sample."""
    roots = true_roots(composed)
    by_seq = {r.seq: r for r in records}
    gold = [gold_message(c, r, roots, by_seq) for c, r in zip(composed, records, strict=True)]
    periods: dict[str, dict] = {}
    for r in records:
        p = periods.setdefault(r.period, {"messages": 0, "first_seq": r.seq,
                                          "mailman_threads": 0})
        p["messages"] += 1
        p["mailman_threads"] += r.parent_seq is None
    pick = [{"message_id": g["message_id"], "seq": g["seq"], "subject": g["subject"],
             "thread_root": g["thread_root"]} for g in gold]
    return {
        "list": {"name": LIST_NAME, "display_name": REAL_NAME, "host": HOST,
                 "posting_address": LIST_ADDR, "listinfo": LISTINFO, "charset": CHARSET,
                 "server_timezone": "UTC", "archived_on": ARCHIVED_ON},
        "generator": "tools/generate_sample.py",
        "message_count": len(records),
        "thread_count": len(set(roots.values())),
        "periods": periods,
        "messages_without_message_id": [
            {k: p[k] for k in ("seq", "subject", "thread_root")}
            for p, g in zip(pick, gold, strict=True) if g["message_id"] is None],
        "digest_replies": [p for p, g in zip(pick, gold, strict=True)
                           if g["threading"] == "digest_reply"],
        "subject_only_replies": [p for p, g in zip(pick, gold, strict=True)
                                 if g["threading"] == "subject_only"],
        "officials": {oid: dict(zip(("name", "title", "role", "country", "organization"),
                                    data, strict=True)) for oid, data in OFFICIALS.items()},
        "phenomena": phenomena(composed, gold, records),
        "messages": gold,
    }


def readme(data: dict) -> str:
    """README.md of corpora/sample, with the counts of expected.json."""
    ph = data["phenomena"]
    rows = "\n".join(f"| {k.replace('_', ' ')} | {v} |" for k, v in ph.items())
    periods = "\n".join(
        f"| `{p}` | {d['messages']} | `{d['first_seq']:06d}.html` | {d['mailman_threads']} |"
        for p, d in data["periods"].items())
    threads: dict[str, list[dict]] = {}
    for m in data["messages"]:
        threads.setdefault(m["thread_root"], []).append(m)
    thread_rows = "\n".join(
        f"| {ms[0]['subject'].replace('[Chapter-leaders] ', '').replace('|', '/')} | "
        f"{len(ms)} | {', '.join(sorted({m['period'] for m in ms}, key=period_sort))} |"
        for ms in threads.values())
    return f"""# Bundled sample archive: `chapter-leaders` (fictional)

This folder holds a **fictional** mailing-list archive used by the tests and for demos.
Every person, chapter officer, official, e-mail address, Message-ID and web address in it
is invented (domains end in `.example`, except the invented staff addresses and the
Message-ID host names that imitate real mail clients). Real processes (the UN WSIS+20
review, the IGF and its MAG, ITU meetings, UNGA, UN DESA) appear only as background.
Nothing was copied from real list traffic or from the evaluation sets.

It is generated by `tools/generate_sample.py` (content and renderer in one script) and
must not be edited by hand. Regenerate with:

```
.venv/bin/python tools/generate_sample.py
```

`tests/test_sample_generator.py` checks that the script is deterministic and that the
committed files are identical to its output.

## Layout

`chapter-leaders/` is a Pipermail mirror of the list `{REAL_NAME}` on `{HOST}` as GNU
Mailman 2.1 writes it (English list declared as `utf-8`, like Debian builds; server time
zone UTC; address obfuscation on; public mbox off; nightly gzip):

- `index.html` - the list TOC ("The {REAL_NAME} Archives"), newest month first, linking
  `PERIOD.txt.gz`;
- `PERIOD.txt` and `PERIOD.txt.gz` (same content, gzip written with mtime 0) - the flat
  text volumes (`From user at host  Www Mmm dd hh:mm:ss yyyy` separators, `From: user at
  host (Name)`, headers Date/Subject/In-Reply-To/References/Message-ID, leading `Re:`
  removed, non-ASCII names and subjects as RFC 2047 encoded-words);
- `PERIOD/` - `thread.html` (thread keys `<!--DEPTH KEY -->`, depth capped at 3),
  `date.html`, `subject.html`, `author.html`, `index.html` (a **copy** of `thread.html`;
  Mailman makes it a symlink) and the message pages `NNNNNN.html`, numbered across months
  in archive order.

The renderer was checked byte for byte against a mirror written by Mailman 2.1's own
archiver (same templates, escaping, thread keys and sort orders); only the content differs.
"Archived on" is fixed to `{ARCHIVED_ON}`.

| period | messages | first page | Mailman threads |
|---|---|---|---|
{periods}

`expected.json` lists, for every message, its Message-ID (with brackets, `null` when the
message has none), the true `thread_root` (Message-ID of the first message of the thread it
belongs to by content, across months), `threading` (`root`, `headers`, `subject_only`,
`digest_reply`), Mailman's own parent (`mailman_parent_seq`), the author's own text
(`new_text_segments`), `signature`, `forwarded` blocks, and labels derived from annotations
in the generator: `officials` (with `official_id`, title, role, country, aliases and where
they are mentioned), `non_officials` (named people who are not officials), `stories`,
`challenges`, `calls_to_action` and `events` (exact sentences from the body; relative dates
resolved against the sender's local date). Label texts are copied from the `.txt` body
(addresses obfuscated) and never from quoted text. `subject` is the subject as sent (with its
`Re:`/`RE :`/`SV:` prefix, decoded), `date` the sender's local time with offset, `languages`
the languages of the author's own text. Counts below are computed by the generator; the
scrubber notices include one quoted inside a digest reply.

## Threads ({data['thread_count']})

| thread | messages | months |
|---|---|---|
{thread_rows}

## Phenomena (counts)

| phenomenon | count |
|---|---|
{rows}

Notes:

- Threads are split by month in Mailman's indexes: a reply in October to a September post
  starts a new Mailman thread (and later replies join it by subject); `expected.json` keeps
  the true root.
- One message is dated 30 September in the sender's time zone but falls on 1 October in
  UTC, so Mailman files it in October.
- The two replies without In-Reply-To/References and the digest replies are the hard
  threading cases: Mailman threads the former by subject; the digest replies start their
  own Mailman threads.
- The messages without Message-ID have an empty `In-Reply-To=` in the page's mailto link and
  no `Message-ID:` line in the `.txt`.
"""


def period_sort(period: str) -> tuple[int, int]:
    """Chronological sort key of a monthly volume name."""
    year, month = period.split("-")
    return int(year), MONTHS.index(month)


def main(argv: list[str] | None = None) -> int:
    """Generate the sample into --out (default corpora/sample)."""
    parser = argparse.ArgumentParser(description="Generate the fictional sample archive.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    composed = build_messages()
    records = [to_record(c, seq) for seq, c in enumerate(composed)]
    for rec in records:
        check_encoding(rec)
    mirror = args.out / LIST_NAME
    if mirror.exists():
        shutil.rmtree(mirror)
    write_mirror(records, mirror, ARCHIVED_ON)
    data = expected_data(composed, records)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (args.out / "expected.json").write_bytes(text.encode("utf-8"))
    (args.out / "README.md").write_bytes(readme(data).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
