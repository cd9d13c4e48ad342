"""The digest data on the bundled sample list, checked against its labels.

The sample is ingested and analysed once per module (about ten seconds); the
expectations come from ``corpora/sample/expected.json`` (labels made by the
generator), so the tests check what the digest says against what the messages
of each week really contain, with a tolerance for NLP misses where recall is
what is measured.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.analysis.period import PeriodError, resolve_period, weeks_ending
from analyzer.cli import cli
from analyzer.config import load_config
from analyzer.errors import AnalyzerError
from analyzer.pipeline import ingest_paths, update_anatomy, update_nlp
from analyzer.report.digest import build_digest, choose_list, digest_folder
from analyzer.report.summary import split_sentences, summarize
from analyzer.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample" / "chapter-leaders"
EXPECTED = json.loads((ROOT / "corpora" / "sample" / "expected.json").read_text("utf-8"))
LIST = "chapter-leaders"
TODAY = date(2025, 11, 24)


def squash(text: str) -> str:
    return " ".join((text or "").split())


def utc(message: dict) -> datetime:
    return datetime.fromisoformat(message["date"]).astimezone(UTC)


def week_messages(week: str) -> list[dict]:
    """Labelled messages whose UTC date falls in an ISO week."""
    return [m for m in EXPECTED["messages"]
            if "{}-W{:02d}".format(*utc(m).isocalendar()[:2]) == week]


def clean_id(message_id: str | None) -> str | None:
    return message_id.strip("<>") if message_id else None


def stored_ids(store: Store, messages: list[dict]) -> set[str]:
    """Message-IDs as stored (a message sent without one has a synthetic id)."""
    ids = {clean_id(m["message_id"]) for m in messages if m["message_id"]}
    for m in messages:
        if not m["message_id"]:
            row = store.query("SELECT message_id FROM messages WHERE date = ?",
                              (utc(m).isoformat(),)).fetchone()
            ids.add(row[0])
    return ids


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("digest") / "sample.sqlite"
    with Store(path) as db:
        ingest_paths(db, [SAMPLE])
        update_nlp(db)
    db = Store(path)
    yield db
    db.close()


def digest_of(store: Store, week: str, tz: str = "UTC", **kwargs):
    return build_digest(store, LIST, resolve_period(week, None, None, tz, TODAY), **kwargs)


def recall(expected: list[str], found: list[str]) -> float:
    found_text = [squash(f) for f in found]
    hits = [e for e in expected if any(squash(e) in f or f in squash(e) for f in found_text)]
    return len(hits) / len(expected) if expected else 1.0


# -- periods ------------------------------------------------------------------------


def test_week_bounds_and_previous_week():
    period = resolve_period("2025-W37", None, None, "UTC", TODAY)
    assert period.label == "2025-W37"
    assert period.start_utc == datetime(2025, 9, 8, tzinfo=UTC)
    assert period.end_utc == datetime(2025, 9, 15, tzinfo=UTC)
    assert period.previous.label == "2025-W36"
    assert period.previous.end_utc == period.start_utc


def test_last_week_is_the_last_complete_week_before_today():
    assert resolve_period("last", None, None, "UTC", date(2025, 11, 24)).label == "2025-W47"
    assert resolve_period(None, None, None, "UTC", date(2025, 11, 23)).label == "2025-W46"
    assert resolve_period("last", None, None, "UTC", date(2026, 1, 1)).label == "2025-W52"


def test_custom_range_is_inclusive_and_its_previous_has_the_same_length():
    period = resolve_period(None, "2025-09-01", "2025-09-30", "UTC", TODAY)
    assert period.label == "2025-09-01_2025-09-30"
    assert period.days == 30
    assert period.previous.label == "2025-08-02_2025-08-31"


def test_local_week_starts_at_local_midnight_across_dst():
    period = resolve_period("2025-W43", None, None, "Europe/Berlin", TODAY)
    assert period.start_utc == datetime(2025, 10, 19, 22, 0, tzinfo=UTC)  # CEST
    assert period.end_utc == datetime(2025, 10, 26, 23, 0, tzinfo=UTC)  # CET: 169 hours


@pytest.mark.parametrize("week, start, end, tz", [
    ("2025-37", None, None, "UTC"), ("2025-W54", None, None, "UTC"),
    ("next", None, None, "UTC"), (None, "2025-09-01", None, "UTC"),
    (None, "2025-09-30", "2025-09-01", "UTC"), (None, "1 Sep", "2025-09-30", "UTC"),
    ("2025-W37", "2025-09-01", "2025-09-30", "UTC"), ("2025-W37", None, None, "Mars/Olympus"),
])
def test_bad_periods_are_errors_that_say_why(week, start, end, tz):
    with pytest.raises(PeriodError):
        resolve_period(week, start, end, tz, TODAY)


def test_weeks_ending_with_a_range_cover_its_last_week():
    period = resolve_period(None, "2025-09-01", "2025-09-30", "UTC", TODAY)
    weeks = weeks_ending(period, 5)
    assert [w.label for w in weeks][-1] == "2025-W40" and len(weeks) == 5


# -- figures --------------------------------------------------------------------------


@pytest.mark.parametrize("week", ["2025-W37", "2025-W46"])
def test_figures_and_previous_period_figures_match_the_labels(store, week):
    period = resolve_period(week, None, None, "UTC", TODAY)
    digest = build_digest(store, LIST, period)
    for key, label in (("value", week), ("previous", period.previous.label)):
        messages = week_messages(label)
        assert getattr(digest.figures["messages"], key) == len(messages)
        assert getattr(digest.figures["participants"], key) == len(
            {m["from_addr"] for m in messages})
        earlier = {m["from_addr"] for m in EXPECTED["messages"]
                   if utc(m) < (period if key == "value" else period.previous).start_utc}
        assert getattr(digest.figures["new_participants"], key) == len(
            {m["from_addr"] for m in messages} - earlier)
    assert digest.figures["threads"].value == len(digest.threads)
    assert digest.figures["participants"].value == len(digest.participants)
    assert digest.figures["new_participants"].value == sum(p.new for p in digest.participants)
    assert sum(t.messages for t in digest.threads) == len(week_messages(week))


def test_weekly_counts_end_with_the_period(store):
    digest = digest_of(store, "2025-W46", weeks=12)
    assert len(digest.weekly) == 12
    assert digest.weekly[-1].week == "2025-W46" and digest.weekly[-1].current
    assert not any(w.current for w in digest.weekly[:-1])
    for week in digest.weekly:
        assert week.messages == len(week_messages(week.week))


def test_an_empty_week_gives_an_honest_digest(store):
    digest = digest_of(store, "2025-W30")
    assert digest.empty
    assert all(f.value == 0 for f in digest.figures.values())
    assert not (digest.threads or digest.stories or digest.officials or digest.participants)
    assert len(digest.weekly) == 12


def test_a_quiet_week_after_the_archive_still_lists_events_ahead(store):
    digest = digest_of(store, "2025-W49")
    assert digest.empty
    assert digest.figures["messages"].previous == 0
    assert any(e.date_end >= "2025-12-01" for e in digest.events)  # the December meeting
    assert all(e.date_end >= "2025-12-01" for e in digest.events)


# -- content against the labels -----------------------------------------------------------


@pytest.mark.parametrize("week", ["2025-W37", "2025-W42", "2025-W46"])
def test_passages_of_a_week_are_that_weeks_labelled_passages(store, week):
    digest = digest_of(store, week)
    messages = week_messages(week)
    ids = stored_ids(store, messages)
    for field, kind in (("stories", "stories"), ("challenges", "challenges"),
                        ("calls_to_action", "calls_to_action")):
        found = getattr(digest, field)
        assert {p.message_id for p in found} <= ids, f"{field} from another week"
        expected = [s for m in messages for s in m[kind]]
        assert recall(expected, [p.text for p in found]) >= 0.7, field


@pytest.mark.parametrize("week", ["2025-W37", "2025-W42", "2025-W46"])
def test_officials_of_a_week_are_the_labelled_ones(store, week):
    digest = digest_of(store, week)
    expected = {o["name"] for m in week_messages(week) for o in m["officials"]
                if set(o["mentioned_in"]) & {"new_text", "forwarded"}}
    surnames = {n.split()[-1].casefold() for n in expected}
    found = {o.name.split()[-1].casefold() for o in digest.officials}
    assert len(surnames & found) >= 0.7 * len(surnames)
    for official in digest.officials:
        assert 1 <= official.mentions <= official.total_mentions
        assert set(official.message_ids) <= stored_ids(store, week_messages(week))


def test_officials_are_new_only_in_the_week_they_are_first_named(store):
    seen: set[str] = set()
    for week in [f"2025-W{n}" for n in range(36, 48)]:
        for official in digest_of(store, week).officials:
            assert official.new == (official.official_id not in seen), (week, official.name)
            seen.add(official.official_id)
    assert seen


@pytest.mark.parametrize("week", ["2025-W37", "2025-W38", "2025-W46"])
def test_events_ahead_of_a_week_include_the_ones_its_messages_announce(store, week):
    period = resolve_period(week, None, None, "UTC", TODAY)
    digest = build_digest(store, LIST, period)
    dates = [e["date"] for m in week_messages(week) for e in m["events"]
             if e["date"] >= period.first_day.isoformat()]
    covered = [d for d in dates if any(e.date_start <= d <= e.date_end for e in digest.events)]
    assert len(covered) >= 0.8 * len(dates)
    assert [e.date_start for e in digest.events] == sorted(e.date_start for e in digest.events)
    assert all(e.date_end >= period.first_day.isoformat() for e in digest.events)
    assert all(e.mentioned_on < period.end_local_exclusive.isoformat() for e in digest.events)


def test_countries_come_from_officials_and_passages(store):
    digest = digest_of(store, "2025-W37")
    assert {"Mexico", "Sri Lanka"} <= set(digest.countries)
    assert list(digest.countries.values()) == sorted(digest.countries.values(), reverse=True)


# -- attribution and quoted text ------------------------------------------------------------


def test_forwarded_words_belong_to_the_forwarded_author(store):
    carriers = [m for m in EXPECTED["messages"] if m["forwarded"]]
    checked = 0
    for carrier in carriers:
        week = "{}-W{:02d}".format(*utc(carrier).isocalendar()[:2])
        digest = digest_of(store, week)
        own = squash(carrier["new_text"])
        for passage in digest.stories + digest.challenges + digest.calls_to_action:
            if passage.message_id != clean_id(carrier["message_id"]):
                continue
            block = next((f for f in carrier["forwarded"]
                          if squash(passage.text) in squash(f["text"])), None)
            if block is not None and squash(passage.text) not in own:
                assert passage.author == block["from_name"]
                assert passage.forwarded_by == carrier["from_name"]
                checked += 1
            else:
                assert passage.author == carrier["from_name"] and not passage.forwarded_by
    assert checked >= 3


def test_the_armenian_mission_s_refusal_is_the_mission_s_challenge(store):
    digest = digest_of(store, "2025-W42")
    refusal = [p for p in digest.challenges if "not in a position to intervene" in p.text]
    assert refusal and refusal[0].author == "Arsen Grigoryan-Tadevosyan"
    assert refusal[0].forwarded_by == "Narek Avetisyan"


@pytest.mark.parametrize("week", ["2025-W37", "2025-W41", "2025-W45", "2025-W46", "2025-W47"])
def test_quoted_text_is_never_a_summary_sentence_or_passage(store, week):
    digest = digest_of(store, week)
    messages = {clean_id(m["message_id"]): m for m in week_messages(week)}
    own = [squash(m["new_text"]) for m in messages.values()]
    for thread in digest.threads:
        assert 1 <= len(thread.summary) <= 3
        for sentence in thread.summary:
            assert any(squash(sentence) in text for text in own), sentence
    for passage in digest.stories + digest.challenges + digest.calls_to_action:
        source = messages.get(passage.message_id)
        if source is None:  # a message without Message-ID gets a synthetic one
            continue
        allowed = [squash(source["new_text"])] + [squash(f["text"]) for f in source["forwarded"]]
        assert any(squash(passage.text) in text for text in allowed), passage.text


def test_threads_are_new_or_continuing_with_links_and_names_only(store):
    base = "http://lists.chapternet.example/pipermail/chapter-leaders/"
    digest = digest_of(store, "2025-W37", archive_url=base)
    status = {t.subject.split(":")[0]: t.status for t in digest.threads}
    assert status["Sri Lanka"] == "new"
    assert status["WSIS+20 zero draft"] == "continuing"
    for thread in digest.threads:
        assert thread.url.startswith(base + "2025-September/") and thread.url.endswith(".html")
        assert not any("@" in name or " at " in name for name in thread.participants)
    for person in digest.participants:
        assert "@" not in person.name
    assert all(p.country for p in digest.participants if p.name != "Rafael Montoya-Strand")


def test_json_of_a_digest_has_no_addresses(store):
    from dataclasses import asdict

    text = json.dumps(asdict(digest_of(store, "2025-W46")), ensure_ascii=False)
    addresses = {m["from_addr"] for m in EXPECTED["messages"]}
    assert not [a for a in addresses if a in text]


# -- summaries -----------------------------------------------------------------------------


def test_sentence_splitter_keeps_titles_and_initials_together():
    text = ("We met H.E. Amb. Jane Doe yesterday. Mr. Smith was there too!\n"
            "> quoted line that must vanish.\n- a bullet point with enough words here")
    assert split_sentences(text) == [
        "We met H.E. Amb. Jane Doe yesterday.", "Mr. Smith was there too!",
        "a bullet point with enough words here"]


def test_summary_prefers_highlighted_sentences_and_keeps_order():
    texts = ["The ministry agreed to meet our chapter next month about the WSIS review.",
             "The weather in Geneva was cold and grey for the whole week of meetings.",
             "Our chapter will meet the ministry again about the WSIS review process."]
    summary = summarize(texts, highlights=[texts[1]], count=2)
    assert texts[1] in summary
    assert summary == [s for s in texts if s in summary]


# -- time zones ---------------------------------------------------------------------------


MBOX = """From a@example.org Sun Nov 16 23:30:00 2025
From: Ana Lima <a@isoc-br.example>
Subject: Late on Sunday
Message-ID: <late-sunday@example.org>
Date: Sun, 16 Nov 2025 23:30:00 +0000

We met the ministry of communications this afternoon and they agreed to a follow-up.

From b@example.org Mon Nov 17 09:00:00 2025
From: Ben Osei <b@isoc-gh.example>
Subject: Re: Late on Sunday
Message-ID: <monday@example.org>
In-Reply-To: <late-sunday@example.org>
Date: Mon, 17 Nov 2025 09:00:00 +0000

Good news, thanks for sharing the outcome of the meeting with the ministry.
"""


@pytest.fixture
def tz_store(tmp_path):
    mbox = tmp_path / "tz.mbox"
    mbox.write_text(MBOX, encoding="utf-8")
    with Store(tmp_path / "tz.sqlite") as db:
        ingest_paths(db, [mbox], list_name="tz-list")
        update_anatomy(db)
    db = Store(tmp_path / "tz.sqlite")
    yield db
    db.close()


def test_sunday_2330_utc_is_monday_mail_in_utc_plus_2(tz_store):
    def count(week: str, tz: str) -> int:
        period = resolve_period(week, None, None, tz, TODAY)
        return build_digest(tz_store, "tz-list", period).figures["messages"].value

    assert (count("2025-W46", "UTC"), count("2025-W47", "UTC")) == (1, 1)
    johannesburg = "Africa/Johannesburg"  # UTC+2 all year
    assert (count("2025-W46", johannesburg), count("2025-W47", johannesburg)) == (0, 2)
    period = resolve_period("2025-W47", None, None, johannesburg, TODAY)
    digest = build_digest(tz_store, "tz-list", period)
    assert digest.threads[0].first_date.startswith("2025-11-17T01:30:00+02:00")
    assert digest.threads[0].status == "new"


def test_summaries_use_new_text_only(tz_store):
    period = resolve_period("2025-W47", None, None, "UTC", TODAY)
    digest = build_digest(tz_store, "tz-list", period)
    assert digest.threads[0].status == "continuing"
    assert digest.threads[0].summary == [
        "Good news, thanks for sharing the outcome of the meeting with the ministry."]


# -- the command ----------------------------------------------------------------------------


@pytest.fixture
def invoke(tmp_path):
    config = tmp_path / "analyzer.toml"
    config.write_text(f'[output]\nreports = "{tmp_path / "reports"}"\n', encoding="utf-8")

    def run(store: Path, *args: str):
        return CliRunner(env={"ANALYZER_CONFIG": ""}).invoke(
            cli, ["--store", str(store), "--config", str(config), *args],
            catch_exceptions=False)

    run.reports = tmp_path / "reports"
    return run


def test_cli_writes_the_digest_under_reports_list_period(invoke, store):
    result = invoke(store.path, "digest", "--week", "2025-W46", "--format", "json",
                    "--weeks", "4")
    assert result.exit_code == 0, result.output
    data = json.loads((invoke.reports / LIST / "2025-W46" / "digest.json").read_text("utf-8"))
    assert data["period"] == "2025-W46" and len(data["weekly"]) == 4
    assert data["figures"]["messages"]["value"] == len(week_messages("2025-W46"))


@pytest.mark.parametrize("args, code, says", [
    (["--week", "2025-37"], 1, "bad week"),
    (["--week", "2025-W60"], 1, "has no week"),
    (["--from", "2025-09-01"], 1, "--to"),
    (["--list", "nope"], 1, "chapter-leaders"),
    (["--format", "pdf"], 2, "--format"),
    (["--weeks", "0"], 2, "--weeks"),
])
def test_cli_errors_have_exit_codes_and_reasons(invoke, store, args, code, says):
    result = invoke(store.path, "digest", *args)
    assert result.exit_code == code
    assert says in result.output


def test_cli_needs_list_when_the_store_has_several(invoke, tmp_path):
    mbox = tmp_path / "tz.mbox"
    mbox.write_text(MBOX, encoding="utf-8")
    path = tmp_path / "two.sqlite"
    with Store(path) as db:
        ingest_paths(db, [mbox], list_name="one")
        ingest_paths(db, [mbox], list_name="two", force=True)
        assert choose_list(db, "two") == "two"
    result = invoke(path, "digest", "--week", "2025-W47", "--format", "json")
    assert result.exit_code == 1 and "one, two" in result.output


def test_a_hostile_list_name_cannot_leave_the_reports_folder(invoke, tmp_path):
    mbox = tmp_path / "tz.mbox"
    mbox.write_text(MBOX, encoding="utf-8")
    path = tmp_path / "hostile.sqlite"
    with Store(path) as db:
        ingest_paths(db, [mbox], list_name="../../etc")
    result = invoke(path, "digest", "--week", "2025-W47", "--format", "json")
    assert result.exit_code == 0, result.output
    written = list(tmp_path.rglob("digest.json"))
    assert len(written) == 1
    assert written[0].resolve().is_relative_to(invoke.reports.resolve())
    assert written[0].parent.name == "2025-W47"


def test_digest_folder_refuses_a_symlink_out_of_the_reports_folder(tmp_path):
    root = tmp_path / "reports"
    (tmp_path / "elsewhere").mkdir()
    root.mkdir()
    (root / "etc").symlink_to(tmp_path / "elsewhere")
    period = resolve_period("2025-W47", None, None, "UTC", TODAY)
    assert digest_folder(root, "x", period) == (root / "x" / "2025-W47").resolve()
    with pytest.raises(AnalyzerError):
        digest_folder(root, "../../etc", period)


def test_list_time_zone_comes_from_the_config(tmp_path, tz_store):
    from analyzer.report.digest import list_settings

    config = tmp_path / "c.toml"
    config.write_text('[[lists]]\nname = "tz-list"\ntimezone = "Africa/Johannesburg"\n'
                      'url = "https://lists.example/pipermail/tz-list/"\n', encoding="utf-8")
    assert list_settings(load_config(config), "tz-list") == (
        "Africa/Johannesburg", "https://lists.example/pipermail/tz-list/")
    assert list_settings(load_config(config), "other") == ("UTC", "")
