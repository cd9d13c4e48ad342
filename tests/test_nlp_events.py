"""Dated events: date grammar, relative dates, year inference, what is not an event.

The sentences are written for these tests; the real spaCy pipeline is loaded once per
module because sentence boundaries, the parse (tense) and noun chunks (``what``) come from it.
Unless a test says otherwise, messages are dated Wednesday 5 November 2025.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from analyzer.models import Event, NlpContext

WEDNESDAY = "2025-11-05T10:00:00+00:00"


@pytest.fixture(scope="module")
def nlp():
    from analyzer.nlp import build_pipeline

    return build_pipeline()


def events(nlp, text: str, when: str = WEDNESDAY, part: str = "new_text") -> list[Event]:
    """The events the pipeline finds in one text sent at ``when`` (ISO, sender's offset)."""
    from analyzer.nlp import analyze_texts

    context = NlpContext(key="1:" + part, message_id="m1", date=datetime.fromisoformat(when),
                         part=part)
    return next(analyze_texts(nlp, [(text, context)])).events


def dates(nlp, text: str, when: str = WEDNESDAY, part: str = "new_text") -> list[str]:
    """Events as "start" or "start/end" strings, the gold's notation."""
    return [e.date_start if e.date_start == e.date_end else f"{e.date_start}/{e.date_end}"
            for e in events(nlp, text, when, part)]


def test_two_days_joined_by_and_are_one_range(nlp):
    assert dates(nlp, "The summit will take place on 8 and 9 December.") == [
        "2025-12-08/2025-12-09"]


def test_non_consecutive_days_joined_by_and_are_two_events(nlp):
    assert dates(nlp, "We wrote to the ministry on 3 and 10 October.") == [
        "2025-10-03", "2025-10-10"]


def test_dash_range_with_year(nlp):
    assert dates(nlp, "The forum runs 2–4 December 2025 in Geneva.") == ["2025-12-02/2025-12-04"]


def test_range_across_months(nlp):
    assert dates(nlp, "The negotiations run from 28 November to 3 December.") == [
        "2025-11-28/2025-12-03"]


def test_slash_between_days_is_a_range(nlp):
    assert dates(nlp, "The plenary sits on 9/10 December.") == ["2025-12-09/2025-12-10"]


def test_moved_date_gives_old_and_new_day(nlp):
    assert dates(nlp, "The hearing was moved from 12 to 19 November.") == [
        "2025-11-12", "2025-11-19"]


def test_month_first_dates_and_ordinals(nlp):
    assert dates(nlp, "The regulator will decide on December 2nd.") == ["2025-12-02"]
    assert dates(nlp, "Comments are due Nov. 20, 2025.") == ["2025-11-20"]


def test_weekday_written_with_its_date_is_one_event(nlp):
    assert dates(nlp, "The committee meets on Tuesday 11 November at 15:00.") == ["2025-11-11"]


def test_weekday_with_day_number_only(nlp):
    assert dates(nlp, "We see the delegation on Monday 10 at noon.") == ["2025-11-10"]
    assert dates(nlp, "Please confirm by the 14th.") == ["2025-11-14"]


def test_numeric_and_iso_dates(nlp):
    assert dates(nlp, "The portal closes on 21.11.2025.") == ["2025-11-21"]
    assert dates(nlp, "The portal closes on 2025-11-21.") == ["2025-11-21"]


def test_missing_year_is_the_one_nearest_the_message(nlp):
    assert dates(nlp, "The next session opens on 12 January.", when="2025-12-18T09:00:00+01:00"
                 ) == ["2026-01-12"]
    assert dates(nlp, "We briefed the mission on 19 December.", when="2026-01-08T09:00:00+00:00"
                 ) == ["2025-12-19"]


def test_last_and_next_weekday(nlp):
    assert dates(nlp, "Last Monday we met the regulator.") == ["2025-11-03"]
    assert dates(nlp, "We will meet the regulator next Monday.") == ["2025-11-10"]


def test_bare_weekday_follows_the_tense(nlp):
    assert dates(nlp, "We called the minister's office on Friday.") == ["2025-10-31"]
    assert dates(nlp, "We will call the minister's office on Friday.") == ["2025-11-07"]


def test_deadline_weekday_lies_ahead(nlp):
    assert dates(nlp, "Please send me your figures by Thursday.") == ["2025-11-06"]


def test_this_weekday_can_be_later_this_week(nlp):
    assert dates(nlp, "The vote is this Friday.") == ["2025-11-07"]


def test_relative_days_use_the_senders_local_date(nlp):
    # 23:30 in Samoa on 6 November is still 5 November in UTC: yesterday is the 5th.
    when = "2025-11-06T23:30:00+13:00"
    assert dates(nlp, "Yesterday we testified before the committee.", when=when) == [
        "2025-11-05"]
    assert dates(nlp, "Tomorrow we brief the delegation.", when=when) == ["2025-11-07"]


def test_french_relative_dates(nlp):
    assert dates(nlp, "Merci de nous envoyer vos remarques avant mardi.") == ["2025-11-11"]
    assert dates(nlp, "Nous verrons le conseiller mardi prochain.") == ["2025-11-11"]
    assert dates(nlp, "Hier, nous avons rencontré la directrice.") == ["2025-11-04"]


def test_spanish_relative_dates(nlp):
    assert dates(nlp, "Ayer nos reunimos con la viceministra.") == ["2025-11-04"]
    assert dates(nlp, "El próximo lunes presentaremos la nota.") == ["2025-11-10"]


def test_portuguese_relative_dates(nlp):
    assert dates(nlp, "Ontem enviámos a carta ao regulador.") == ["2025-11-04"]
    assert dates(nlp, "Na próxima sexta teremos a audiência pública.") == ["2025-11-07"]


def test_absolute_dates_in_other_languages(nlp):
    assert dates(nlp, "L'atelier aura lieu le jeudi 20 novembre 2025.") == ["2025-11-20"]
    assert dates(nlp, "La consulta será el 2 de diciembre.") == ["2025-12-02"]
    assert dates(nlp, "O fórum decorre a 1 e 2 de dezembro.") == ["2025-12-01/2025-12-02"]


def test_vague_times_are_not_events(nlp):
    text = ("In October we wrote to the ministry. Early December is when the text is final. "
            "Last month the regulator changed. We hope to meet them next week.")
    assert dates(nlp, text) == []


def test_times_of_day_and_bare_years_are_not_events(nlp):
    assert dates(nlp, "Since 2019 the call starts at 14:00 UTC, and 2026 will be busy.") == []


def test_recurring_weekdays_are_not_events(nlp):
    assert dates(nlp, "We meet every Monday, and the office is open Monday to Friday.") == []


def test_generic_today_is_not_an_event(nlp):
    assert dates(nlp, "Today the Internet matters more than ever.") == []
    assert dates(nlp, "The consultation portal closes today.") == ["2025-11-05"]


def test_late_news_is_not_an_event(nlp):
    assert dates(nlp, "We only received the invitation this morning.") == []
    assert dates(nlp, "Nous n'avons reçu le programme qu'hier.") == []
    assert dates(nlp, "We met the adviser yesterday.") == ["2025-11-04"]


def test_reference_points_and_recurring_dates_are_not_events(nlp):
    assert dates(nlp, "As of today, twelve chapters have signed.") == []
    assert dates(nlp, "Fees are due on 1 January every year.") == []


def test_header_and_attribution_lines_are_not_events(nlp):
    text = "Sent: Monday, November 3, 2025 9:12 AM\n\nOn 3 Nov 2025, Ana <ana at x.example> wrote:"
    assert dates(nlp, text) == []


def test_same_date_twice_in_a_sentence_is_one_event(nlp):
    assert dates(nlp, "The hearing is tomorrow, 6 November, in the Senate.") == ["2025-11-06"]


def test_each_date_of_a_sentence_is_an_event(nlp):
    text = "We met the adviser on 30 October and she invited us to a briefing on 12 November."
    assert dates(nlp, text) == ["2025-10-30", "2025-11-12"]


def test_date_naming_an_earlier_event_is_not_an_event(nlp):
    text = "Sign-up for the 20 November roundtable closes on 17 November."
    assert dates(nlp, text) == ["2025-11-17"]


def test_dates_in_links_are_not_events(nlp):
    assert dates(nlp, "The notes are at https://example.org/2025-11-14/notes for everyone.") == []


def test_signature_has_no_events(nlp):
    signature = "Ana Pereira\nChair, Example Chapter\nOffice hours: Monday 10 November"
    assert dates(nlp, signature, part="signature") == []


def test_event_keeps_the_exact_sentence_and_a_short_what(nlp):
    text = "Thanks all.\n\nThe ministry will host a virtual consultation on\n14 November."
    [event] = events(nlp, text)
    assert event.text == "The ministry will host a virtual consultation on\n14 November."
    assert event.what == "virtual consultation"


def test_deadline_is_described_as_one(nlp):
    [event] = events(nlp, "Please send your comments by 20 November.")
    assert event.what.startswith("deadline")
