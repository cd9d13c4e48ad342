"""Participants: merging one person's addresses and names, never two people on a first name."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer.analysis.participants import merge_participants, name_tokens
from analyzer.cli import cli
from analyzer.ingest.headers import parse_address


def _row(name: str, addr: str, date: str = "2024-01-01T00:00:00+00:00",
         list_name: str = "l") -> dict:
    return {"list": list_name, "from_name": name, "from_addr": addr, "date": date}


def _groups(participants) -> set[frozenset[str]]:
    return {frozenset(p.addresses) for p in participants}


def _owner(participants, addr: str):
    return next(p for p in participants if addr in p.addresses)


# Decided by hand from the file: who is one person, and who must stay apart.
EXPECTED_GROUPS = {
    frozenset({  # one name, five addresses; the stray RFC 2047 name rides on his address
        "tyrion.lannister@gmail.com", "tyrion.lannister@gmail....", "tyrion@lanister.net",
        "tyrion+hand@lanister.net", "halfman@council.kings-landing.gov",
    }),
    frozenset({  # "Catelyn T. Stark" = "Stark, Catelyn T." = "Catelyn Stark"
        "catelyn.stark@gmail.com", "catelyn@stark.winterfell.gov",
        "catelyn@stark.winterfell....",
    }),
    frozenset({"catelyn.tully.stark@gmail.com"}),  # a different full name: kept apart
    frozenset({"catelyntstark@hotmail.com"}),  # "C. Stark": an initial is not a name
    frozenset({"spidey_sense@council.kings-landing.gov"}),
    frozenset({"snow.john@knightswatch.com"}),
    frozenset({"john.snow@stark.winterfell.gov"}),  # "John" alone never merges
    frozenset({"serjorah@gmail.com"}),
    frozenset({"jmormont@hotmail.com"}),
    frozenset({"jorah.mormont@dothraki.edu"}),  # "JM"
    frozenset({"aria@stark.winterfell.gov"}),
    frozenset({"ariastark1@gmail.com"}),  # the truncated copy named its full address
    frozenset({"brynden.tully@gmail.com"}),
    frozenset({"starly@gmail.com", "starly@knightswatch.com"}),  # case of "TARLY"
    frozenset({"rstarkwolf@north.mil", "rstarkwolf@gmail....", "rstarkwolf@yahoo...."}),
}


def test_from_header_variations_merge_as_decided_by_hand(shared_dir):
    path = shared_dir / "corpora" / "bigbang" / "from-header-variations.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, addr = parse_address(line)
            rows.append(_row(name, addr))
    participants = merge_participants(rows)
    assert _groups(participants) == EXPECTED_GROUPS
    assert sum(p.messages for p in participants) == len(rows)
    tyrion = _owner(participants, "halfman@council.kings-landing.gov")
    assert tyrion.name == "Tyrion Lannister"
    assert tyrion.participant_id == "l:tyrion-lannister"
    assert "Tyrion Lannister, Hand of the King" in tyrion.names
    assert any(e.startswith("same name 'Tyrion Lannister'") for e in tyrion.evidence)
    varys = _owner(participants, "spidey_sense@council.kings-landing.gov")
    assert varys.messages == 2 and varys.names == ["Lord Varys"]


def test_same_address_different_names_is_one_person():
    people = merge_participants([_row("Ana Silva", "ANA@x.org"), _row("A. Silva", "ana@x.org"),
                                 _row("", "ana@x.org")])
    assert len(people) == 1
    assert people[0].names == ["A. Silva", "Ana Silva"]
    assert people[0].name == "Ana Silva"
    assert people[0].evidence == ["same address ana@x.org with names 'A. Silva', 'Ana Silva'"]


def test_same_full_name_different_addresses_is_one_person_with_evidence():
    people = merge_participants([
        _row("Ana Silva", "a@x.org", "2024-01-05"), _row("ANA SÍLVA", "b@y.org", "2024-01-01"),
        _row('"Dr. Ana Silva"', "c@z.org", "2024-02-01"),
    ])
    assert len(people) == 1
    person = people[0]
    assert person.addresses == ["a@x.org", "b@y.org", "c@z.org"]
    assert (person.first_seen, person.last_seen, person.messages) == (
        "2024-01-01", "2024-02-01", 3)
    assert "same name 'Ana Silva' with addresses a@x.org, b@y.org, c@z.org" in person.evidence


def test_first_name_alone_and_empty_names_never_merge():
    people = merge_participants([_row("Ana", "a@x.org"), _row("Ana", "b@y.org"),
                                 _row("", "c@z.org"), _row("", "d@z.org"),
                                 _row("J. Silva", "e@x.org"), _row("J. Silva", "f@y.org")])
    assert len(people) == 6
    assert len({p.participant_id for p in people}) == 6


def test_shared_list_address_is_not_evidence():
    lst = "civic@lists.example.org"
    rows = [_row("Ana Silva", lst), _row("Bo Chen", lst), _row("Carla Dias", lst),
            _row("Ana Silva", "ana@x.org"), _row("Dev Rao", "l-bounces@lists.example.org"),
            _row("Eva Lind", "l-bounces@lists.example.org")]
    people = merge_participants(rows)
    names = sorted(p.name for p in people)
    assert names == ["Ana Silva", "Bo Chen", "Carla Dias", "Dev Rao", "Eva Lind"]
    ana = next(p for p in people if p.name == "Ana Silva")
    assert ana.addresses == ["ana@x.org"] and ana.messages == 2
    assert any("shared address" in e for e in ana.evidence)
    bo = next(p for p in people if p.name == "Bo Chen")
    assert bo.addresses == [lst]


def test_two_names_on_one_address_still_merge():
    """Below the shared threshold an address is a person (a couple's mailbox is rare)."""
    people = merge_participants([_row("Ana Silva", "home@x.org"), _row("Ana S", "home@x.org")])
    assert len(people) == 1


def test_truncated_name_with_same_local_part_merges():
    people = merge_participants([_row("Tyrion Lannister", "tyrion@gmail.com"),
                                 _row("Tyrion Lann", "tyrion@work.org")])
    assert len(people) == 1
    assert any(e.startswith("truncated name 'Tyrion Lann'") for e in people[0].evidence)
    # a different local part is not enough, nor two candidates
    assert len(merge_participants([_row("Tyrion Lannister", "t@gmail.com"),
                                   _row("Tyrion Lann", "tyrion@work.org")])) == 2
    ambiguous = [_row("Ana Silva", "ana@a.org"), _row("Ana Silveira", "ana@b.org"),
                 _row("Ana Sil", "ana@c.org")]
    assert len(merge_participants(ambiguous)) == 3


def test_truncated_address_resolves_to_the_one_full_address():
    people = merge_participants([_row("Ana", "ana.silva@gmail.com"),
                                 _row("", "ana.silva@gmail....")])
    assert len(people) == 1
    assert any(e.startswith("truncated address") for e in people[0].evidence)


def test_last_comma_first_and_titles():
    assert name_tokens("Stark, Catelyn T.") == ("catelyn", "t", "stark")
    assert name_tokens("Tyrion Lannister, Hand of the King") == ("tyrion", "lannister")
    assert name_tokens("Silva, Ana, PhD") != ()
    assert name_tokens('Brynden "Blackfish" Tully') == ("brynden", "tully")
    people = merge_participants([_row("Silva, Ana", "a@x.org"), _row("Ana Silva", "b@y.org")])
    assert len(people) == 1


def test_lists_are_kept_apart_and_ids_are_stable():
    rows = [_row("Ana Silva", "a@x.org", list_name="one"),
            _row("Ana Silva", "a@x.org", list_name="two")]
    ids = [p.participant_id for p in merge_participants(rows)]
    assert ids == ["one:ana-silva", "two:ana-silva"]
    assert [p.participant_id for p in merge_participants(reversed(rows))] == ids


def test_fifty_thousand_senders_merge():
    rows = []
    for i in range(50_000):
        person = i % 20_000
        addr = f"user{person}@{'ab'[i % 2]}.example.org"
        rows.append(_row(f"First{person} Last{person}", addr, f"2024-01-01T00:{i % 60:02d}"))
    people = merge_participants(rows)
    assert len(people) == 20_000
    assert sum(p.messages for p in people) == 50_000


@pytest.fixture
def dev_archive(shared_dir):
    return shared_dir / "eval" / "dev" / "archive"


@pytest.fixture
def run(tmp_path):
    store = tmp_path / "p.sqlite"

    def invoke(*args: str):
        env = {"ANALYZER_FETCH_RETRIES": "1", "ANALYZER_CONFIG": ""}
        return CliRunner(env=env).invoke(cli, ["--store", str(store), *args],
                                         catch_exceptions=False)

    return invoke


def test_cli_export_participants_columns(run, dev_archive, tmp_path):
    assert run("ingest", str(dev_archive), "--list", "chapter-leaders").exit_code == 0
    out = tmp_path / "p.jsonl"
    assert run("export", "participants", "--format", "jsonl", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and list(rows[0]) == ["list", "participant_id", "name", "addresses", "names",
                                      "messages", "first_seen", "last_seen"]
    assert sum(r["messages"] for r in rows) == 46
    assert all(isinstance(json.loads(r["addresses"]), list) for r in rows)
    assert len({r["participant_id"] for r in rows}) == len(rows)
    csv_out = tmp_path / "p.csv"
    assert run("export", "participants", "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0] == (
        "list,participant_id,name,addresses,names,messages,first_seen,last_seen")
