"""Digest renderers: Markdown, text, HTML, JSON, iCalendar, charts and the files written.

Digests are built by hand here (fictional people and officials, written for these
tests) so the renderers are pinned down without a store or spaCy. One digest is
hostile: list content is untrusted, and a subject or quote must never become markup,
a link to ``javascript:``, a script, or an extra calendar property.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from pathlib import Path

import pytest

from analyzer.report import render
from analyzer.report.model import (
    Digest,
    DigestEvent,
    DigestOfficial,
    DigestParticipant,
    DigestPassage,
    DigestThread,
    Figure,
    WeekCount,
)

ARCHIVE = "https://lists.chapternet.example/pipermail/chapter-leaders"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = '<img src=x onerror="alert(2)">'
HOSTILE_LINK = "[click me](javascript:alert(3))"


def _weekly(current_index: int = 7, counts: tuple[int, ...] = (6, 9, 4, 7, 11, 8, 9, 14)) -> list:
    weeks = []
    for i, count in enumerate(counts):
        number = 39 + i
        start = f"2025-{'09' if number < 40 else '10' if number < 44 else '11'}-01"
        weeks.append(WeekCount(f"2025-W{number}", start, count, i == current_index))
    return weeks


def sample_digest() -> Digest:
    """A realistic week on a chapter-leaders list (all people and officials invented)."""
    rev1 = f"{ARCHIVE}/2025-November/000061.html"
    uganda = f"{ARCHIVE}/2025-November/000066.html"
    lebanon = f"{ARCHIVE}/2025-November/000070.html"
    return Digest(
        list="chapter-leaders",
        period="2025-W46",
        start="2025-11-10",
        end="2025-11-17",
        timezone="UTC",
        generated_at="2025-11-17T06:00:00+00:00",
        figures={
            "messages": Figure(14, 9),
            "threads": Figure(4, 3),
            "participants": Figure(9, 7),
            "new_participants": Figure(2, 0),
            "officials": Figure(4, 2),
            "events": Figure(3, 3),
        },
        threads=[
            DigestThread(
                "t1", "Rev1 is out: what to ask your mission before the 14 November consultation",
                rev1, 8, ["Amara Nwosu", "Julián Andrés Quiñones", "Hiba Khoury", "Tanvir Rahman",
                          "Itzel Carranza Olmedo", "Grace Achieng"],
                "new", "2025-11-10", "2025-11-14",
                ["Amara shared the Rev1 text and a one-page list of asks for missions.",
                 "Three chapters will speak at the 14 November virtual consultation."],
            ),
            DigestThread(
                "t2", "Uganda: draft intervention for the 14 November consultation – comments "
                "welcome", uganda, 3, ["Grace Achieng", "Amara Nwosu"], "new",
                "2025-11-11", "2025-11-13", ["Grace asked for comments by Thursday."],
            ),
            DigestThread(
                "t3", "Lebanon: briefing the minister's adviser before the High-Level Meeting",
                lebanon, 2, ["Hiba Khoury", "Tanvir Rahman"], "continuing",
                "2025-11-12", "2025-11-15",
            ),
            DigestThread("t4", "When your ministry contact moves on", "", 1, ["Luis Ortega"],
                         "new", "2025-11-16", "2025-11-16"),
        ],
        stories=[
            DigestPassage(
                "story", "On 12 November we met Ms Farida Haddad, adviser to the Minister of "
                "Telecommunications, who agreed to raise multistakeholder language in the "
                "Lebanese statement.", "Hiba Khoury", "Lebanon", "2025-11-12T09:14:00+00:00",
                "<a1@isoc-lb.example>", lebanon,
                "Lebanon: briefing the minister's adviser before the High-Level Meeting",
                ["Farida Haddad"],
            ),
        ],
        challenges=[
            DigestPassage(
                "challenge", "Only two of us can attend and the meeting is in working hours, so "
                "our volunteers must ask their employers for leave.", "Julián Andrés Quiñones",
                "Colombia", "2025-11-10", "<c1@isoc-co.example>", rev1,
            ),
            DigestPassage(
                "challenge", "The ministry has not yet published its national consultation on "
                "the WSIS+20 position, so we cannot comment formally.", "Tanvir Rahman",
                "Bangladesh", "2025-11-13", "<b1@isoc-bd.example>", rev1,
                forwarded_by="Amara Nwosu",
            ),
        ],
        calls_to_action=[
            DigestPassage(
                "call_to_action", "Please send comments on the draft intervention by Thursday "
                "13 November.", "Grace Achieng", "Uganda", "2025-11-11", "<u1@isoc-ug.example>",
                uganda, "Uganda: draft intervention for the 14 November consultation",
            ),
        ],
        officials=[
            DigestOfficial("o1", "Farida Haddad", "Adviser", "adviser to the minister",
                           "Lebanon", "Ministry of Telecommunications", 3, 3, True,
                           ["<a1@isoc-lb.example>"]),
            DigestOfficial("o2", "Catalina Restrepo Ochoa", "Vice-Minister",
                           "Vice-Minister for Digital Transformation", "Colombia", "MinTIC",
                           2, 5, False),
            DigestOfficial("o3", "Samuel Okello", "Permanent Secretary", "", "Uganda",
                           "Ministry of ICT and National Guidance", 1, 1, True),
            DigestOfficial("o4", "Rezaul Karim", "Joint Secretary", "", "Bangladesh",
                           "ICT Division", 1, 4, False),
        ],
        events=[
            DigestEvent("Chapter-leaders call: WSIS+20 end game", "2025-11-27", "",
                        "Our next call is on 27 November at 13:00 UTC.", "Amara Nwosu",
                        "<call@isoc.example>", rev1, "2025-11-14", mentions=4),
            DigestEvent("WSIS+20 Rev1 virtual consultation", "2025-11-14", "",
                        "The co-facilitators hold a virtual consultation on 14 November.",
                        "Amara Nwosu", "<r1@isoc.example>", rev1, "2025-11-10"),
            DigestEvent("UNGA High-Level Meeting on WSIS+20", "2025-12-16", "2025-12-17",
                        "The High-Level Meeting takes place on 16 and 17 December.",
                        "Hiba Khoury", "<a1@isoc-lb.example>", lebanon, "2025-11-12"),
        ],
        participants=[
            DigestParticipant("Amara Nwosu", "Nigeria", 4, False),
            DigestParticipant("Grace Achieng", "Uganda", 3, True),
            DigestParticipant("Hiba Khoury", "Lebanon", 2, False),
            DigestParticipant("Julián Andrés Quiñones", "Colombia", 2, False),
            DigestParticipant("Luis Ortega", "", 1, True),
        ],
        weekly=_weekly(),
        countries={"Uganda": 5, "Lebanon": 4, "Colombia": 3, "Bangladesh": 1},
        archive_url=ARCHIVE,
    )


def hostile_digest() -> Digest:
    """Every untrusted field carries markup, a script, a bad link or a line break."""
    digest = sample_digest()
    evil = f"{HOSTILE_SCRIPT} {HOSTILE_IMG} {HOSTILE_LINK}"
    digest.threads[0] = replace(
        digest.threads[0], subject=f"Re: {HOSTILE_SCRIPT} # not a heading | pipe",
        url="javascript:alert(4)", participants=["- Mallory", "1. Eve", "> Trudy"],
        summary=[evil, "**bold** _it_ `code` <b>tag</b>"],
    )
    digest.stories[0] = replace(digest.stories[0], text=f"{evil}\n\n# Injected heading",
                                author="<b>Mallory</b>", url="data:text/html,<script>x</script>")
    digest.officials[0] = replace(digest.officials[0], name=f"{HOSTILE_IMG} | Evil",
                                  title="[Minister](javascript:alert(5))")
    digest.events[0] = replace(
        digest.events[0],
        what="Call\r\nATTENDEE:mailto:attacker@evil.example\r\nX-INJECTED:1; a, b \\ c",
        text=f"Line one\nLine two {HOSTILE_SCRIPT}", url="javascript:alert(6)",
    )
    digest.participants[0] = replace(digest.participants[0], name=f"Bell\x07 {HOSTILE_SCRIPT}")
    return digest


def empty_digest() -> Digest:
    """A quiet week: nothing posted, one date still ahead."""
    return Digest(
        list="chapter-leaders", period="2025-W47", start="2025-11-17", end="2025-11-24",
        timezone="UTC", generated_at="2025-11-24T06:00:00+00:00",
        figures={"messages": Figure(0, 14), "threads": Figure(0, 4),
                 "participants": Figure(0, 9)},
        weekly=_weekly(7, (9, 4, 7, 11, 8, 9, 14, 0)),
    )


# --- Markdown -------------------------------------------------------------------------------


def _markdown_html(text: str):
    """Render Markdown as a reader's tool would (CommonMark + tables) and parse the HTML."""
    markdown_it = pytest.importorskip("markdown_it")
    from bs4 import BeautifulSoup

    html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    return BeautifulSoup(html, "html.parser")


def test_markdown_has_every_section_in_order():
    text = render.render_markdown(sample_digest())
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["At a glance", "Active threads", "Engagement stories", "Challenges",
                        "Calls to action", "Officials named", "Upcoming events and deadlines",
                        "Most active participants"]
    assert text.startswith("# chapter-leaders digest — week 46, 10–16 Nov 2025\n")
    assert "| Messages | 14 | 9 | +5 |" in text
    assert f"]({ARCHIVE}/2025-November/000061.html)" in text


def test_markdown_threads_link_and_show_people_status_and_summary():
    soup = _markdown_html(render.render_markdown(sample_digest()))
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    subject = "Rev1 is out: what to ask your mission before the 14 November consultation"
    assert links[subject].endswith("/2025-November/000061.html")
    text = soup.get_text()
    assert "Amara Nwosu, Julián Andrés Quiñones" in text and "and 1 more" in text
    assert "Three chapters will speak" in text
    # A thread without an archive URL is shown, unlinked.
    assert "When your ministry contact moves on" in text
    assert "When your ministry contact moves on" not in links


def test_markdown_events_ahead_are_sorted_by_date_with_where_mentioned():
    text = render.render_markdown(sample_digest())
    section = text.split("## Upcoming events and deadlines")[1].split("##")[0]
    days = re.findall(r"^- \*\*(.+?)\*\*", section, re.M)
    assert days == ["Thu 27 Nov", "Tue 16 – Wed 17 Dec"]
    assert "mentioned by Amara Nwosu on Fri 14 Nov and in 3 more messages" in section
    assert "mentioned by Hiba Khoury on Wed 12 Nov," in section
    # Dates inside the week are past for the reader: listed once, briefly.
    assert ("**Dates that fell in this week:** Fri 14 Nov — WSIS+20 Rev1 virtual consultation."
            in section)
    assert ("**Coming up:** Thu 27 Nov — Chapter-leaders call: WSIS+20 end game; "
            "Tue 16 – Wed 17 Dec — UNGA High-Level Meeting on WSIS+20." in text)


def test_a_week_with_only_past_dates_says_nothing_is_ahead(tmp_path):
    digest = sample_digest()
    digest.events = [digest.events[1]]  # 14 November: inside the week
    md = render.render_markdown(digest)
    assert "Nothing dated after this week was mentioned." in md
    assert "Coming up" not in md
    paths = render.write_digest(digest, tmp_path, charts=False)
    assert "events.ics" not in [p.name for p in paths]


def test_sentences_of_one_message_read_as_one_quote():
    digest = sample_digest()
    digest.stories.append(replace(digest.stories[0], text="We will follow up in December.",
                                  officials=["Farida Haddad", "Omar Saadeh"]))
    section = render.render_markdown(digest).split("## Engagement stories")[1].split("##")[0]
    assert section.count("— **Hiba Khoury**") == 1
    assert "statement. … We will follow up in December." in section
    assert "officials: Farida Haddad, Omar Saadeh" in section
    assert "1 engagement story" in render.render_text(digest)


def test_coming_up_names_the_next_three_dates_with_their_events_together():
    digest = sample_digest()
    extra = [replace(digest.events[2], what="Statements due"),
             replace(digest.events[2], what="UNGA High-Level Meeting on WSIS+20"),
             replace(digest.events[0], what="Mission briefing", date_start="2026-01-12")]
    digest.events += [*extra, replace(digest.events[0], date_start="2026-02-02")]
    assert render.coming_up(render.upcoming_events(digest), 2025) == [
        ("Thu 27 Nov", "Chapter-leaders call: WSIS+20 end game"),
        ("Tue 16 – Wed 17 Dec", "Statements due, UNGA High-Level Meeting on WSIS+20"),
        ("Mon 12 Jan 2026", "Mission briefing"),
    ]


def test_forwarded_words_credit_the_author_and_the_forwarder():
    for text in (render.render_markdown(sample_digest()), render.render_text(sample_digest(), 200),
                 _soup(render.render_html(sample_digest())).get_text()):
        assert "Tanvir Rahman" in text and "forwarded by Amara Nwosu" in text


def test_markdown_officials_split_new_and_known():
    text = render.render_markdown(sample_digest())
    new, known = text.split("**Officials named for the first time**")[1].split(
        "**Officials named before**")
    assert "Farida Haddad" in new and "Samuel Okello" in new
    assert "Catalina Restrepo Ochoa" in known.split("##")[0]
    assert "| 2 (5) |" in known


def test_markdown_escapes_hostile_content():
    text = render.render_markdown(hostile_digest())
    soup = _markdown_html(text)
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert soup.find("strong", string="bold") is None and soup.find("code") is None
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    rendered = soup.get_text()
    assert HOSTILE_SCRIPT in rendered and HOSTILE_LINK in rendered
    assert "# not a heading | pipe" in rendered
    assert [h.get_text() for h in soup.find_all("h1")] == [
        "chapter-leaders digest — week 46, 10–16 Nov 2025"]
    # Table rows keep their columns even with a pipe in a name.
    row = next(tr for tr in soup.find_all("tr") if "Evil" in tr.get_text())
    assert len(row.find_all("td")) == 4


def test_md_escape_neutralises_block_markers_at_line_start():
    for value in ("- item", "+ item", "1. one", "12) twelve", "> quote", "# h", "=== x"):
        html = _markdown_html(render.md_escape(value))
        assert html.find(["ul", "ol", "blockquote", "h1", "h2"]) is None, value
        assert html.get_text().strip() == value


def test_markdown_images_only_for_written_charts():
    text = render.render_markdown(sample_digest(), ["activity", "countries"])
    assert re.findall(r"!\[[^\]]*\]\((charts/\w+\.png)\)", text) == [
        "charts/activity.png", "charts/countries.png"]


# --- text -------------------------------------------------------------------------------------


def test_text_is_wrapped_to_width_except_unbreakable_urls():
    for width in (72, 60):
        text = render.render_text(sample_digest(), width=width)
        for line in text.splitlines():
            if len(line) > width:
                assert " " not in line.strip() and line.strip().startswith("https://"), line
    assert "ACTIVE THREADS" in text and "UPCOMING EVENTS AND DEADLINES" in text


def test_text_strips_control_characters_and_keeps_content_literal():
    text = render.render_text(hostile_digest())
    assert "\x07" not in text and "\r" not in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    assert HOSTILE_SCRIPT in text
    assert not any(line.strip().startswith("javascript:") for line in text.splitlines())


def test_text_figures_align():
    text = render.render_text(sample_digest())
    rows = [line for line in text.splitlines() if " vs " in line]
    assert rows[0].startswith("  Messages ")
    assert len({line.index(" vs ") - len(line.split(" vs ")[0].rstrip()) for line in rows}) == 1
    assert "+5 vs 9" in rows[0]


# --- HTML -------------------------------------------------------------------------------------


def _soup(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_html_is_email_safe_and_complete():
    html = render.render_html(sample_digest(), None)
    soup = _soup(html)
    assert soup.find("script") is None and soup.find("link") is None
    assert soup.find("table", style=re.compile("max-width:640px")) is not None
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "Active threads", "Engagement stories", "Challenges", "Calls to action",
        "Officials named", "Upcoming events and deadlines", "Most active participants"]
    assert soup.find("a", string=re.compile("^Rev1 is out"))["href"].startswith("https://")
    assert "viewport" in html and 'charset="utf-8"' in html


def test_html_escapes_hostile_content_and_drops_unsafe_links():
    soup = _soup(render.render_html(hostile_digest(), None))
    assert soup.find("script") is None and soup.find("img") is None
    assert not soup.find_all(attrs={"onerror": True})
    assert all(a["href"].startswith("https://") for a in soup.find_all("a"))
    assert HOSTILE_SCRIPT in soup.get_text() and HOSTILE_IMG in soup.get_text()
    assert "\x07" not in str(soup)


def test_html_embeds_charts_inline_or_by_content_id():
    pngs = {"activity": b"\x89PNG fake", "threads": b"\x89PNG other"}
    inline = _soup(render.render_html(sample_digest(), pngs))
    assert [i["src"][:22] for i in inline.find_all("img")] == ["data:image/png;base64,"] * 2
    cids = {"activity": "activity.abc@analyzer", "threads": "threads.abc@analyzer"}
    by_cid = _soup(render.render_html(sample_digest(), pngs, inline=False, cid_map=cids))
    assert [i["src"] for i in by_cid.find_all("img")] == [
        "cid:activity.abc@analyzer", "cid:threads.abc@analyzer"]
    files = _soup(render.render_html(sample_digest(), pngs, inline=False))
    assert [i["src"] for i in files.find_all("img")] == ["charts/activity.png",
                                                         "charts/threads.png"]
    assert all(i.get("alt") for i in files.find_all("img"))


# --- empty period -----------------------------------------------------------------------------


def test_empty_period_renders_a_short_honest_digest():
    digest = empty_digest()
    digest.events = [sample_digest().events[0]]
    md = render.render_markdown(digest)
    assert "No messages this week (the previous week: 14)." in md
    assert "there are no threads, stories or officials to report" in md
    assert "## Active threads" not in md and "## Officials named" not in md
    assert "## Upcoming events and deadlines" in md
    text = render.render_text(digest)
    assert "No messages this week" in text and len(text.splitlines()) < 30
    assert "No messages this week" in render.render_html(digest, None)
    assert json.loads(render.render_json(digest))["empty"] is True


# --- JSON -------------------------------------------------------------------------------------


def test_json_is_the_dataclass_plus_empty_and_version():
    data = json.loads(render.render_json(sample_digest()))
    assert data["schema_version"] == render.JSON_SCHEMA_VERSION
    assert data["empty"] is False
    assert data["figures"]["messages"] == {"value": 14, "previous": 9}
    assert data["threads"][0]["participants"][1] == "Julián Andrés Quiñones"
    assert set(data) >= {"list", "period", "start", "end", "threads", "stories", "challenges",
                         "calls_to_action", "officials", "events", "participants", "weekly",
                         "countries", "archive_url", "generated_at", "timezone"}


def test_json_schema_doc_documents_every_model_field():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "digest-schema.md").read_text(
        encoding="utf-8")
    for cls in (Digest, Figure, DigestThread, DigestPassage, DigestOfficial, DigestEvent,
                DigestParticipant, WeekCount):
        section = doc if cls is Digest else doc.split(f"## {cls.__name__}\n")[1].split("\n## ")[0]
        for name in [f.name for f in fields(cls)]:
            assert f"| `{name}` |" in section, f"{cls.__name__}.{name}"
    for key in ("schema_version", "empty"):
        assert f"| `{key}` |" in doc


# --- iCalendar ----------------------------------------------------------------------------------


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_is_a_valid_calendar_with_one_all_day_event_per_upcoming_date():
    ics = render.render_ics(sample_digest())
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    lines = _unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    # The 14 November consultation fell inside the week: not a calendar entry any more.
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    starts = [line for line in lines if line.startswith("DTSTART")]
    ends = [line for line in lines if line.startswith("DTEND")]
    assert starts == ["DTSTART;VALUE=DATE:20251127", "DTSTART;VALUE=DATE:20251216"]
    assert ends == ["DTEND;VALUE=DATE:20251128", "DTEND;VALUE=DATE:20251218"]
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 2
    assert all(line.startswith("DTSTAMP:20251117T060000Z") for line in lines
               if line.startswith("DTSTAMP"))
    assert "SUMMARY:Chapter-leaders call: WSIS+20 end game" in lines


def test_ics_uid_is_stable_across_runs_and_wording():
    first = render.render_ics(sample_digest())
    digest = sample_digest()
    digest.events[0] = replace(digest.events[0], what="Call on WSIS+20, end game")
    second = render.render_ics(digest)
    uid = re.compile(r"^UID:(.+)$", re.M)
    assert uid.findall(first) == uid.findall(second)
    assert first == render.render_ics(sample_digest())


def test_ics_lines_are_folded_at_75_octets_without_splitting_characters():
    digest = sample_digest()
    digest.events[0] = replace(digest.events[0], text="Reunión de la Cancillería " * 12)
    ics = render.render_ics(digest)
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    ics.encode("utf-8").decode("utf-8")  # no broken sequences at fold points
    unfolded = "\n".join(_unfold(ics))
    assert "Reunión de la Cancillería Reunión" in unfolded


def test_ics_escapes_text_and_content_cannot_inject_properties():
    ics = render.render_ics(hostile_digest())
    lines = _unfold(ics)
    names = {re.split(r"[;:]", line, maxsplit=1)[0] for line in lines}
    assert names <= {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME",
                     "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION",
                     "TRANSP", "URL"}
    summary = next(line for line in lines if line.startswith("SUMMARY:Call"))
    assert summary == ("SUMMARY:Call ATTENDEE:mailto:attacker@evil.example X-INJECTED:1\\; "
                       "a\\, b \\\\ c")
    description = next(line for line in lines if "Line one" in line)
    assert "Line one Line two" in description
    assert ("Mentioned by Amara Nwosu on Fri 14 Nov 2025 and in 3 more messages\\, on "
            "chapter-leaders." in description)
    assert not any(line.startswith("URL") and "javascript" in line for line in lines)


def test_ics_escape_rules():
    assert render.ics_escape("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_ics_leaves_out_dates_before_the_period():
    digest = sample_digest()
    digest.events.append(DigestEvent("Letter sent", "2025-09-30", "", "We wrote in September.",
                                     "Julián Andrés Quiñones", "<old@isoc-co.example>", "",
                                     "2025-11-10"))
    assert "Letter sent" not in render.render_ics(digest)
    assert "Letter sent" not in render.render_markdown(digest)


# --- URLs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, expected", [
    ("https://lists.example/a b", ""),
    ("javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""),
    ("data:text/html,hi", ""),
    ("//evil.example/x", ""),
    ("/relative/path", ""),
    ("http://", ""),
    ("https://lists.example/x?a=1&b=(2)", "https://lists.example/x?a=1&b=%282%29"),
    ('https://lists.example/"><script>', "https://lists.example/%22%3E%3Cscript%3E"),
    ("https://lists.example/ok.html", "https://lists.example/ok.html"),
])
def test_safe_url_allows_only_http_and_https(url, expected):
    assert render.safe_url(url) == expected


# --- charts -------------------------------------------------------------------------------------


def test_charts_are_deterministic_pngs_sized_for_email():
    from analyzer.report.charts import chart_pngs

    first, second = chart_pngs(sample_digest()), chart_pngs(sample_digest())
    assert list(first) == ["activity", "participants", "threads", "officials", "countries"]
    assert first == second
    for data in first.values():
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(data[16:20], "big")
        assert width == 1200  # 600 CSS px at 2x
        assert b"Software" not in data[:200]


def test_charts_survive_hostile_labels_and_skip_when_there_is_no_data():
    from analyzer.report.charts import chart_pngs

    digest = hostile_digest()
    digest.threads[1] = replace(digest.threads[1], subject="costs $5 and $x^2$ \\frac{a}{b}$")
    assert len(chart_pngs(digest)) == 5
    # A quiet week still shows its place among recent weeks, and nothing else.
    assert list(chart_pngs(empty_digest())) == ["activity"]
    assert list(chart_pngs(replace(empty_digest(), weekly=[]))) == []


def test_write_charts_also_writes_svg(tmp_path):
    from analyzer.report.charts import write_charts

    paths = write_charts(sample_digest(), tmp_path, svg=True)
    assert sorted(p.name for p in paths.values()) == sorted(
        ["activity.png", "participants.png", "threads.png", "officials.png", "countries.png"])
    svg = (tmp_path / "charts" / "activity.svg").read_text()
    assert "<svg" in svg and "<dc:date>" not in svg


# --- files --------------------------------------------------------------------------------------


def test_write_digest_writes_every_format_inside_out_dir(tmp_path):
    out = tmp_path / "reports" / "chapter-leaders" / "2025-W46"
    paths = render.write_digest(sample_digest(), out)
    names = sorted(p.relative_to(out).as_posix() for p in paths)
    assert names == ["charts/activity.png", "charts/countries.png", "charts/officials.png",
                     "charts/participants.png", "charts/threads.png", "digest.html",
                     "digest.json", "digest.md", "digest.txt", "events.ics"]
    assert all(p.is_file() for p in paths)
    assert "](charts/activity.png)" in (out / "digest.md").read_text()
    assert "data:image/png;base64," in (out / "digest.html").read_text()
    assert not list(out.rglob("*.tmp"))


def test_write_digest_takes_formats_as_any_iterable(tmp_path):
    paths = render.write_digest(sample_digest(), tmp_path, ["json", "txt"], charts=False)
    assert [p.name for p in paths] == ["digest.txt", "digest.json"]


def test_write_digest_is_byte_identical_on_rerun(tmp_path):
    first = render.write_digest(sample_digest(), tmp_path / "a")
    second = render.write_digest(sample_digest(), tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_write_digest_subset_without_charts_and_no_ics_when_nothing_is_ahead(tmp_path):
    paths = render.write_digest(empty_digest(), tmp_path, formats={"md", "ics"}, charts=False)
    assert [p.name for p in paths] == ["digest.md"]
    with pytest.raises(ValueError, match="unknown digest format"):
        render.write_digest(empty_digest(), tmp_path, formats={"pdf"})


def test_write_digest_never_writes_outside_out_dir(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        render._inside(tmp_path, "../escape.md")
    with pytest.raises(ValueError, match="outside"):
        render._inside(tmp_path, "/etc/passwd")
    digest = hostile_digest()
    digest.list = "../../evil"
    digest.period = "../../evil"
    render.write_digest(digest, tmp_path / "out", charts=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
