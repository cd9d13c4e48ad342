"""Officials extraction: titles, names, roles, countries, negatives and signatures.

Every sentence here is written for these tests (none comes from the dev or sample
sets), so that the rules are checked as rules, not as memories of one corpus.
"""

from __future__ import annotations

import pytest

from analyzer.models import NlpContext, OfficialMention
from analyzer.nlp.merge import is_name_only
from analyzer.nlp.officials import find_officials

KENYA_SIGNATURE = "Wambui Njeri\nSecretary, ISOC Kenya Chapter\nNairobi"
INDIA_SIGNATURE = "Rohan Iyer\nTreasurer, Internet Society India Chapter"


@pytest.fixture(scope="module")
def nlp():
    """The real pipeline, loaded once; only the stages the officials extractor reads."""
    from analyzer.nlp import build_pipeline

    pipeline = build_pipeline()
    disabled = [n for n in pipeline.pipe_names if n in {
        "analyzer_officials", "analyzer_passages", "analyzer_events"}]
    with pipeline.select_pipes(disable=disabled):
        yield pipeline


def officials(nlp, text: str, *, part: str = "new_text", signature: str = "",
              author: str = "Wambui Njeri", address: str = "") -> list[OfficialMention]:
    """Officials found in ``text`` written by ``author`` (name-only sightings left out)."""
    return [m for m in mentions(nlp, text, part=part, signature=signature, author=author,
                                address=address) if not is_name_only(m)]


def mentions(nlp, text: str, *, part: str = "new_text", signature: str = "",
             author: str = "Wambui Njeri", address: str = "") -> list[OfficialMention]:
    context = NlpContext(key="1:" + part, message_id="m1", author_name=author,
                         author_addr=address, signature=signature, part=part)
    return find_officials(nlp(text), context)


def by_name(found: list[OfficialMention]) -> dict[str, OfficialMention]:
    return {m.name: m for m in found}


# -- names and titles ----------------------------------------------------------------------------


def test_office_title_before_name_makes_an_official(nlp):
    found = officials(nlp, "On Monday we met Deputy Minister Halima Osei-Bonsu at the ministry.",
                      signature=KENYA_SIGNATURE)
    assert [(m.name, m.title) for m in found] == [("Halima Osei-Bonsu", "Deputy Minister")]


def test_honorific_keeps_the_whole_hyphenated_name(nlp):
    found = officials(nlp, "We thanked Hon. Kwabena Asare-Mensah for hosting the hearing.")
    assert [m.name for m in found] == ["Kwabena Asare-Mensah"]


def test_accented_compound_surname_after_apposition(nlp):
    text = ("Le Secrétaire Général du Ministère des Postes, M. Jean-Baptiste Mbarga Ekotto, "
            "nous a reçus mardi.")
    found = officials(nlp, text, signature="Alain\nISOC Cameroun")
    assert [(m.name, m.country) for m in found] == [("Jean-Baptiste Mbarga Ekotto", "Cameroon")]


def test_particles_belong_to_the_surname(nlp):
    found = officials(nlp, "We met Mr. Joost van der Linde of the Dutch Ministry of Economic "
                           "Affairs in The Hague.")
    assert [(m.name, m.country) for m in found] == [("Joost van der Linde", "Netherlands")]


def test_spanish_lowercase_title(nlp):
    found = officials(nlp, "Ayer nos reunimos con la senadora Lucía Bermúdez Caro en el Senado.",
                      signature="Diego\nCapítulo Chile de Internet Society")
    assert [(m.name, m.title, m.country) for m in found] == [
        ("Lucía Bermúdez Caro", "senadora", "Chile")]


def test_name_wrapped_across_lines_is_joined(nlp):
    text = ("We wrote to the Ministry of ICT and to the Principal Secretary, Ms. Jane Wairimu\n"
            "Achieng, who answered within a week that she would forward it.")
    found = officials(nlp, text, signature=KENYA_SIGNATURE)
    assert [m.name for m in found] == ["Jane Wairimu Achieng"]


def test_courtesy_title_with_government_body_in_apposition(nlp):
    text = "We also briefed Mr. Hamid Rahimi, Legal Counsel at the Communications Authority."
    found = officials(nlp, text, signature=KENYA_SIGNATURE)
    assert [(m.name, m.organization) for m in found] == [
        ("Hamid Rahimi", "Communications Authority")]


def test_courtesy_title_alone_is_a_name_only_sighting(nlp):
    found = mentions(nlp, "We sent the draft to Mr. Otieno yesterday.")
    assert [m.name for m in found] == ["Otieno"] and is_name_only(found[0])


def test_aliases_collect_other_forms_in_the_text(nlp):
    text = ("Yesterday we met Senator Paula Andrade Vieira. Senator Andrade promised to table "
            "our amendment next week.")
    found = officials(nlp, text)
    assert [m.name for m in found] == ["Paula Andrade Vieira"]
    assert "Senator Andrade" in found[0].aliases


# -- roles and countries -------------------------------------------------------------------------


def test_role_stated_in_a_later_sentence_and_for_the_other_one(nlp):
    text = ("Ambassador Tomás Rivera (Chile) opened the morning session. Ambassador Rivera is one "
            "of the two co-chairs of the drafting group, the other being Her Excellency Ingrid "
            "Solberg (Norway).")
    found = by_name(officials(nlp, text))
    assert found["Tomás Rivera"].role == "co-chair of the drafting group"
    assert found["Ingrid Solberg"].role == "co-chair of the drafting group"
    assert (found["Tomás Rivera"].country, found["Ingrid Solberg"].country) == ("Chile", "Norway")


def test_role_from_a_relative_clause(nlp):
    text = "We called Counsellor Amara Diallo, who follows the WSIS+20 negotiations in New York."
    found = officials(nlp, text, signature="Moussa\nISOC Sénégal")
    assert found[0].role == "follows the WSIS+20 negotiations in New York"


def test_country_is_the_authors_when_the_text_implies_it(nlp):
    text = "We met the Additional Secretary at our Ministry, Mr. Anand Kulkarni, on Friday."
    found = officials(nlp, text, signature=INDIA_SIGNATURE, author="Rohan Iyer")
    assert [(m.name, m.title, m.country) for m in found] == [
        ("Anand Kulkarni", "Additional Secretary", "India")]


def test_country_from_the_mission_named(nlp):
    text = ("Counsellor Rhea Ramsaran of the Permanent Mission of the Republic of Trinidad and "
            "Tobago replied to our letter.")
    found = officials(nlp, text, signature=KENYA_SIGNATURE)
    assert [m.country for m in found] == ["Trinidad and Tobago"]


def test_country_from_a_demonym_in_apposition(nlp):
    text = "We had coffee with the Kenyan ambassador, H.E. Wanjiru Kamotho, in Geneva."
    found = officials(nlp, text, signature=INDIA_SIGNATURE, author="Rohan Iyer")
    assert [m.country for m in found] == ["Kenya"]


def test_intergovernmental_staff_have_no_country(nlp):
    text = "Ms. Yuki Tanabe of the ITU secretariat explained how to register remotely."
    found = officials(nlp, text, signature=KENYA_SIGNATURE)
    assert [(m.name, m.country) for m in found] == [("Yuki Tanabe", "")]


# -- people who are not officials ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    pytest.param("A reporter, Daniel Mwangi of the Coastal Herald, interviewed the minister.",
                 id="journalist"),
    pytest.param("Prof. Lerato Dlamini of the University of Pretoria briefed the ministry.",
                 id="academic"),
    pytest.param("The retired ambassador Henrik Larsen kindly reviewed our letter.",
                 id="retired"),
    pytest.param("Our chapter's Youth Ambassador, Aisha Bello, spoke about the youth IGF.",
                 id="youth-ambassador"),
    pytest.param("Mr. Carlos Mendes of the Internet Society joined our call with the ministry.",
                 id="isoc-staff"),
    pytest.param("Our Treasurer, Dr. Nomvula Khumalo, presented the chapter budget.",
                 id="chapter-officer"),
    pytest.param("Ms. Rita Okafor, an At-Large community leader, moderated the panel.",
                 id="icann-community"),
    pytest.param("Dr. Ewa Nowak, a MAG member from civil society, chaired the session.",
                 id="mag-civil-society"),
    pytest.param("The new minister has still not answered our letter.", id="unnamed"),
])
def test_not_an_official(nlp, text):
    assert officials(nlp, text, signature=KENYA_SIGNATURE) == []


def test_salutation_is_not_a_mention(nlp):
    text = "Dear Mr. Kimani,\n\nThank you for your letter about the consultation."
    assert mentions(nlp, text, part="forwarded", author="Ruth Chebet") == []


def test_author_naming_themselves_is_not_an_official(nlp):
    text = "As Ambassador of the chapter, Wambui Njeri will present our statement."
    assert officials(nlp, text, signature=KENYA_SIGNATURE) == []


# -- signatures ----------------------------------------------------------------------------------


def test_members_own_signature_stating_a_government_office(nlp):
    signature = ("Grace Atieno\nSenior Policy Analyst, Ministry of Information and Digital "
                 "Economy\nMember, ISOC Kenya Chapter")
    found = officials(nlp, signature, part="signature", signature=signature, author="Grace Atieno")
    assert [(m.name, m.title, m.organization, m.country) for m in found] == [
        ("Grace Atieno", "Senior Policy Analyst", "Ministry of Information and Digital Economy",
         "Kenya")]


def test_signature_without_government_office_is_not_an_official(nlp):
    signature = "Lindiwe Dube\nRegional Vice President, Africa\nInternet Society"
    assert officials(nlp, signature, part="signature", signature=signature,
                     author="Lindiwe Dube") == []


def test_forwarded_letter_signed_by_a_diplomat(nlp):
    text = ("Dear colleagues,\n\nThank you for your note on the draft resolution.\n\n"
            "Best regards,\nLena Kovač\nFirst Secretary\nPermanent Mission of Croatia to the "
            "United Nations")
    found = officials(nlp, text, part="forwarded", author="Lena Kovač")
    assert [(m.name, m.title, m.country) for m in found] == [
        ("Lena Kovač", "First Secretary", "Croatia")]


def test_forwarded_signature_block_of_a_un_officer(nlp):
    signature = "Omar Haddad\nProgramme Officer\nUnited Nations Department of Economic and " \
                "Social Affairs (UN DESA)"
    found = officials(nlp, "Please find the agenda attached.", part="forwarded",
                      signature=signature, author="Omar Haddad")
    assert [(m.name, m.country) for m in found] == [("Omar Haddad", "")]
