"""Anatomy measured where it counts: the reference scorer, the seed, real archives."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from analyzer.anatomy import patterns as pat
from analyzer.pipeline import ingest_paths, update_anatomy
from analyzer.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from score_dev import build_exports, score  # noqa: E402


@pytest.fixture(scope="module")
def dev_exports(shared_dir, tmp_path_factory) -> Path:
    seed = shared_dir / "corpora" / "seed" / "000_8ff253662de7de04.txt"
    work = tmp_path_factory.mktemp("score")
    return build_exports(work, [shared_dir / "eval/dev/mirror/chapter-leaders", seed])


def test_reference_scorer_meets_the_anatomy_targets_on_the_dev_set(shared_dir, dev_exports):
    figures = score(shared_dir / "eval/dev/gold.jsonl", dev_exports)["anatomy"]
    assert figures["missing"] == 0
    assert figures["new_text_exact"] >= 0.95
    assert figures["new_text_token_f1"] >= 0.98
    assert figures["signature_exact"] >= 0.95
    assert figures["forwarded_count_ok"] >= 0.95


def test_seed_is_isras_text_olivier_forward_and_her_signature(shared_dir, tmp_path):
    seed = shared_dir / "corpora" / "seed" / "000_8ff253662de7de04.txt"
    gold = json.loads((shared_dir / "eval/dev/seed-gold.json").read_text(encoding="utf-8"))
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [seed])
        update_anatomy(store)
        view = store.message_view("000_8ff253662de7de04")
    assert " ".join(view["new_text"].split()) == " ".join(gold["new_text"].split())
    assert view["signature"] == ("Isra Rosas, Director, Partnerships and Internet Development\n"
                                 "Internet Society")
    [fwd] = view["forwarded"]
    assert (fwd["from_name"], fwd["from_addr"], fwd["date"]) == (
        "Olivier MJ Crépin-Leblond", "wsis20@icann.org", "2025-11-01")


def leaks(new_text: str) -> list[str]:
    """Lines of stored new text that are quotes, attributions or list footers."""
    lines = new_text.split("\n")
    found = []
    for index, line in enumerate(lines):
        wrapped = index + 1 < len(lines) and pat.ATTRIBUTION_START.match(line) and \
            pat.ATTRIBUTION_END.match(lines[index + 1])
        if pat.QUOTE.match(line) or pat.ATTRIBUTION.match(line) or wrapped:
            found.append(line)
        if pat.NEXT_PART.match(line) or pat.MORE_INFORMATION.match(line) or \
                pat.LIST_FOOTER_RULE.match(line):
            found.append(line)
    return found


def test_no_new_text_of_any_real_archive_holds_quotes_attributions_or_footers(
    shared_dir, tmp_path
):
    with Store(tmp_path / "all.sqlite") as store:
        ingest_paths(store, [shared_dir / "corpora", ROOT / "corpora" / "sample"])
        update_anatomy(store)
        rows = store.query("SELECT m.message_id, a.new_text FROM anatomy a"
                           " JOIN messages m ON m.id = a.message_rowid").fetchall()
    assert len(rows) > 1500
    bad = {mid: leaks(text) for mid, text in rows if leaks(text)}
    assert bad == {}


def test_sample_list_anatomy_matches_its_generator_labels(tmp_path):
    expected = json.loads((ROOT / "corpora/sample/expected.json").read_text(encoding="utf-8"))
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [ROOT / "corpora/sample/chapter-leaders"])
        update_anatomy(store)
        got = {r[0]: (r[1], r[2]) for r in store.query(
            "SELECT m.message_id, a.new_text, a.signature FROM anatomy a"
            " JOIN messages m ON m.id = a.message_rowid")}
    labelled = [m for m in expected["messages"] if m["message_id"]]
    exact = sum(" ".join(got[m["message_id"].strip("<>")][0].split())
                == " ".join(m["new_text"].split()) for m in labelled)
    assert exact / len(labelled) >= 0.95


def test_quoted_digest_sections_link_to_the_stored_messages(shared_dir, tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [shared_dir / "eval/dev/archive"], list_name="chapter-leaders")
        update_anatomy(store)
        view = store.message_view("CA53+71fc3a706dcb2A70A1=b90d88950d@mail.gmail.com")
    linked = {quoted for _, _, _, quoted in json.loads(view["parts"]) if quoted}
    assert linked == {"CA00+3a0a306bbf3a5CAF97=e7acef5ed3@mail.gmail.com",
                      "60c194a1-3789-44d0-6d1a-51b18e720c0d@gmx.net"}


def test_quoted_reply_links_to_its_parent(shared_dir, tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [shared_dir / "eval/dev/archive"], list_name="chapter-leaders")
        update_anatomy(store)
        view = store.message_view("CA00+3a0a306bbf3a5CAF97=e7acef5ed3@mail.gmail.com")
    linked = {quoted for _, _, _, quoted in json.loads(view["parts"]) if quoted}
    assert linked == {view["parent_id"]}
