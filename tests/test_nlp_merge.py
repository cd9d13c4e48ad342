"""Merging official mentions into one official per person and list.

The mention dicts have the shape ``pipeline.merge_corpus_officials`` passes (a stored
mention row plus its message's list, id and date).  Names are invented for these tests.
"""

from __future__ import annotations

import time

import pytest

from analyzer.models import NlpContext
from analyzer.nlp.merge import merge_officials, same_person


def mention(name: str, *, message: str = "m1", date: str = "2025-10-01T10:00:00+00:00",
            title: str = "Ambassador", country: str = "Kenya", organization: str = "",
            role: str = "", aliases: list[str] | None = None, list_name: str = "leaders") -> dict:
    return {"list": list_name, "message_id": message, "date": date, "name": name,
            "title": title, "role": role, "country": country, "organization": organization,
            "aliases": aliases or [], "part": "new_text", "sentence": ""}


def names(officials: list[dict]) -> list[str]:
    return sorted(o["name"] for o in officials)


def test_title_forms_of_one_person_merge_within_a_message():
    merged = merge_officials([
        mention("Amani Kiprotich", aliases=["His Excellency Ambassador Amani Kiprotich"]),
        mention("Kiprotich", aliases=["Ambassador Kiprotich"]),
        mention("Kiprotich", aliases=["H.E. Kiprotich"], title="H.E."),
    ])
    assert names(merged) == ["Amani Kiprotich"]
    assert {"Ambassador Kiprotich", "H.E. Kiprotich"} <= set(merged[0]["aliases"])


def test_surname_in_a_later_message_joins_the_full_name():
    merged = merge_officials([
        mention("Kiprotich", message="m2", date="2025-10-05T09:00:00+00:00"),
        mention("Amani Kiprotich", message="m1", date="2025-10-01T09:00:00+00:00"),
    ])
    assert len(merged) == 1
    assert merged[0]["message_ids"] == ["m1", "m2"]
    assert (merged[0]["first_seen"], merged[0]["last_seen"]) == (
        "2025-10-01T09:00:00+00:00", "2025-10-05T09:00:00+00:00")
    assert merged[0]["mentions"] == 2


def test_name_only_mention_joins_a_known_official():
    merged = merge_officials([
        mention("Ousmane Faye", title="Directeur", country="Senegal",
                organization="Ministère du Numérique"),
        mention("Faye", message="m2", title="", country="", aliases=["Mr. Faye"]),
    ])
    assert len(merged) == 1 and merged[0]["message_ids"] == ["m1", "m2"]


def test_name_only_mention_alone_makes_no_official():
    assert merge_officials([mention("Faye", title="", country="", aliases=["Mr. Faye"])]) == []


def test_first_name_alone_never_merges():
    merged = merge_officials([
        mention("Maria Lopez", country="Chile"),
        mention("Maria Santos", country="Chile"),
        mention("Maria", message="m2", title="", country="", aliases=["Ms. Maria"]),
    ])
    assert names(merged) == ["Maria Lopez", "Maria Santos"]
    assert all(o["message_ids"] == ["m1"] for o in merged)


def test_different_first_names_with_one_surname_stay_apart():
    merged = merge_officials([mention("Peter Otieno"), mention("Grace Otieno")])
    assert names(merged) == ["Grace Otieno", "Peter Otieno"]


def test_ambiguous_surname_joins_nobody():
    merged = merge_officials([
        mention("Peter Otieno"), mention("Grace Otieno"),
        mention("Otieno", message="m2", title="", country="", aliases=["Mr. Otieno"]),
    ])
    assert all(o["message_ids"] == ["m1"] for o in merged)


def test_given_name_honorific_finds_the_first_name():
    merged = merge_officials([
        mention("Budi Hartono", title="Deputy Minister", country="Indonesia"),
        mention("Budi", message="m2", title="", country="", aliases=["Pak Budi"]),
    ])
    assert len(merged) == 1 and merged[0]["message_ids"] == ["m1", "m2"]


def test_part_of_a_compound_surname_joins_the_full_name():
    merged = merge_officials([
        mention("Lucía Ortega Ruiz", title="Senadora", country="Mexico"),
        mention("Ortega", message="m2", title="Senadora", country="Mexico"),
    ])
    assert names(merged) == ["Lucía Ortega Ruiz"]


def test_half_of_a_hyphenated_surname_joins_the_full_name():
    assert same_person("Baptiste", "Camille Baptiste-Laurent")
    assert same_person("Camille Baptiste-Laurent", "Baptiste-Laurent")


def test_middle_name_and_initial_variants_are_one_person():
    assert same_person("Peter Langat", "Peter Kiprono Langat")
    assert same_person("A. Kiprotich", "Amani Kiprotich")
    assert same_person("Musu Freeman", "Musu K. Freeman")


def test_people_of_different_countries_stay_apart():
    merged = merge_officials([
        mention("Ji-ho Kim", country="South Korea"),
        mention("Min-jun Kim", country="Singapore"),
        mention("Kim", message="m2", country="Singapore"),
    ])
    by_name = {o["name"]: o for o in merged}
    assert by_name["Min-jun Kim"]["message_ids"] == ["m1", "m2"]
    assert by_name["Ji-ho Kim"]["message_ids"] == ["m1"]


def test_guessed_country_does_not_split_a_unique_surname():
    merged = merge_officials([
        mention("Amani Kiprotich", country="Kenya"),
        mention("Kiprotich", message="m2", country="Ghana"),
    ])
    assert len(merged) == 1 and merged[0]["country"] == "Kenya"


def test_lists_are_merged_separately():
    merged = merge_officials([mention("Amani Kiprotich"),
                              mention("Amani Kiprotich", list_name="other")])
    assert len(merged) == 2
    assert len({o["official_id"] for o in merged}) == 2


def test_official_ids_are_unique_for_namesakes():
    merged = merge_officials([mention("Ana Silva", country="Brazil"),
                              mention("Ana Silva", country="Brazil", message="m2"),
                              mention("Ana Silva", country="Portugal", title="Minister")])
    ids = [o["official_id"] for o in merged]
    assert len(ids) == len(set(ids))


def test_office_title_wins_over_courtesy_title():
    merged = merge_officials([mention("Ruth Achieng", title="Ms.", organization="Commission"),
                              mention("Ruth Achieng", title="Commissioner", message="m2")])
    assert merged[0]["title"] == "Commissioner"


def test_merging_tens_of_thousands_of_mentions_is_fast():
    surnames = [f"Surname{i}" for i in range(3000)]
    mentions = [mention(f"{first} {surnames[i % 3000]}" if i % 3 else surnames[i % 3000],
                        message=f"m{i}", country=("Kenya", "Ghana")[i % 2])
                for i, first in enumerate(["Ana", "Omar", "Kofi", "Lena"] * 5000)]
    started = time.perf_counter()
    merged = merge_officials(mentions)
    assert time.perf_counter() - started < 10
    assert sum(o["mentions"] for o in merged) == len(mentions)


# -- end to end with the real pipeline -----------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    """The real pipeline, loaded once, without the stages these tests do not read."""
    from analyzer.nlp import build_pipeline

    pipeline = build_pipeline()
    disabled = [n for n in pipeline.pipe_names if n in {
        "analyzer_officials", "analyzer_passages", "analyzer_events"}]
    with pipeline.select_pipes(disable=disabled):
        yield pipeline


def extracted(nlp, text: str, message: str, signature: str) -> list[dict]:
    """Mentions of one message as the pipeline stores and then merges them."""
    from analyzer.nlp.officials import find_officials

    context = NlpContext(key="1:new_text", message_id=message, author_name="Kofi Boateng",
                         signature=signature)
    return [{**mention(m.name), "title": m.title, "role": m.role, "country": m.country,
             "organization": m.organization, "aliases": m.aliases, "message_id": message}
            for m in find_officials(nlp(text), context)]


def test_aliases_merge_across_messages_end_to_end(nlp):
    signature = "Kofi Boateng\nPresident, ISOC Ghana Chapter"
    first = extracted(nlp, "Last week we met Hon. Efia Darko-Mensah, the Deputy Minister for "
                           "Digital Affairs, at her office in Accra.", "m1", signature)
    second = extracted(nlp, "Hon. Darko-Mensah replied today and asked for our brief.",
                       "m2", signature)
    third = extracted(nlp, "We sent the brief to Mrs. Darko-Mensah this morning.", "m3",
                      signature)
    merged = merge_officials(first + second + third)
    assert [(o["name"], o["country"], o["message_ids"]) for o in merged] == [
        ("Efia Darko-Mensah", "Ghana", ["m1", "m2", "m3"])]
    assert "Hon. Darko-Mensah" in merged[0]["aliases"]
