"""Passage classification: engagement stories, challenges and calls to action.

Every sentence here is invented for these tests; none comes from the dev or
sample sets, so the tests check behaviours, not memorised examples.
"""

from __future__ import annotations

import pytest

from analyzer.models import NlpContext
from analyzer.nlp import analyze_texts
from analyzer.nlp.passages import classify_passages


@pytest.fixture(scope="module")
def nlp():
    from analyzer.nlp import build_pipeline

    return build_pipeline()


def kinds_of(nlp, text: str, part: str = "new_text") -> dict[str, set[str]]:
    """Sentence texts per passage kind, as the pipeline reports them for ``text``."""
    context = NlpContext(key="1:" + part, message_id="m1", part=part)
    [result] = analyze_texts(nlp, [(text, context)])
    found: dict[str, set[str]] = {}
    for passage in result.passages:
        found.setdefault(passage.kind, set()).add(passage.text)
    return found


def labels(nlp, sentence: str, part: str = "new_text") -> set[str]:
    """The kinds given to a one-sentence text."""
    return {kind for kind, texts in kinds_of(nlp, sentence, part).items() if sentence in texts}


# --- stories --------------------------------------------------------------------------


def test_past_meeting_with_an_official_is_a_story(nlp):
    """A completed meeting between the chapter and a ministry is the core engagement story."""
    sentence = "On Monday our chair met the Permanent Secretary of the Ministry of ICT in Lusaka."
    assert "story" in labels(nlp, sentence)


def test_invitation_received_from_parliament_is_a_story(nlp):
    """Being invited by a government actor is engagement under way, even in the passive."""
    sentence = "Our chapter has been invited by the Senate committee on communications to testify."
    assert "story" in labels(nlp, sentence)


def test_official_reply_after_a_story_is_a_story(nlp):
    """What the official did in response continues the story ("she replied ...")."""
    text = ("We sent our note to the deputy minister of digital affairs last week.\n\n"
            "She replied the next day and offered a call with her team.")
    assert "She replied the next day and offered a call with her team." in kinds_of(
        nlp, text)["story"]


def test_planned_meeting_is_not_a_story(nlp):
    """Plans are not stories: "we will meet" reports nothing that happened yet."""
    assert "story" not in labels(nlp, "We will meet the Minister of Communications next week.")


def test_scheduled_call_is_not_a_story(nlp):
    """A scheduled date is an event, not an engagement story."""
    sentence = "The call with the ambassador is scheduled for 5 December."
    assert "story" not in labels(nlp, sentence)


def test_wish_to_meet_is_not_a_story(nlp):
    """Wishes and offers ("I would love to ...") are not engagements."""
    sentence = "I would love to invite the minister to our next community meeting."
    assert "story" not in labels(nlp, sentence)


def test_government_news_without_the_chapter_is_not_a_story(nlp):
    """A ministry acting on its own is news, not an engagement with the chapter."""
    sentence = "The ministry of ICT launched a new broadband plan in June."
    assert "story" not in labels(nlp, sentence)


# --- challenges -----------------------------------------------------------------------


def test_negated_engagement_is_a_challenge(nlp):
    """"We have not received any answer" reports the most common obstacle: no reply."""
    sentence = "We still have not received an answer from the ministry to our August letter."
    assert "challenge" in labels(nlp, sentence)


def test_letter_without_reply_is_both_story_and_challenge(nlp):
    """Writing to a ministry is a story; the missing reply makes it a challenge too."""
    sentence = ("We wrote to the foreign ministry three times since July and nobody has "
                "replied.")
    assert {"story", "challenge"} <= labels(nlp, sentence)


def test_refused_visa_is_a_challenge(nlp):
    """Visas are one of the obstacles the labelling rules name."""
    sentence = "Our visa applications for the Geneva meeting were rejected without explanation."
    assert "challenge" in labels(nlp, sentence)


def test_officials_unaware_of_the_review_is_a_challenge(nlp):
    """Officials who have never heard of WSIS are a reported difficulty."""
    sentence = "Neither of the advisers had heard of the WSIS review before our meeting."
    assert "challenge" in labels(nlp, sentence)


def test_difficulty_supposed_in_a_request_is_not_a_challenge(nlp):
    """"If you have hit a wall, please tell us" asks about difficulties; it reports none."""
    sentence = "If you have hit a wall with your ministry, please tell us about it."
    assert labels(nlp, sentence) == {"call_to_action"}


# --- calls to action ------------------------------------------------------------------


def test_please_share_is_a_call_to_action(nlp):
    """A polite imperative addressed to the list is a call to action."""
    sentence = "Please share your one-page notes for ministers on this list by Friday."
    assert "call_to_action" in labels(nlp, sentence)


def test_bare_imperative_is_a_call_to_action(nlp):
    """An imperative without "please" still asks members to act."""
    sentence = "Register on the IGF website before 1 December if you want to speak."
    assert "call_to_action" in labels(nlp, sentence)


def test_question_to_the_list_is_a_call_to_action(nlp):
    """"Does anyone know ...?" asks list members to reply."""
    sentence = "Does anyone know whether the ITU will offer remote speaking slots?"
    assert "call_to_action" in labels(nlp, sentence)


def test_advice_is_not_a_call_to_action(nlp):
    """Tips are not calls to action unless phrased as requests."""
    sentence = "A tip for hearings: keep your statement short and bring printed copies."
    assert "call_to_action" not in labels(nlp, sentence)


def test_offer_to_share_is_not_a_call_to_action(nlp):
    """"Feel free to reuse it" offers something; it asks nothing of the list."""
    assert "call_to_action" not in labels(nlp, "Feel free to reuse our template letter.")


def test_request_inside_a_forwarded_letter_is_not_a_call_to_action(nlp):
    """A forwarded official letter addresses the chapter, not the list members."""
    sentence = "Please confirm your participation by 10 October."
    assert "call_to_action" not in labels(nlp, sentence, part="forwarded")


# --- other languages ------------------------------------------------------------------


def test_french_meeting_is_a_story(nlp):
    """Passé composé with "nous" and an official is a story in French."""
    sentence = "Nous avons rencontré le conseiller du ministre du Numérique la semaine dernière."
    assert "story" in labels(nlp, sentence)


def test_french_difficulty_is_a_challenge(nlp):
    """French difficulty cues count like English ones."""
    sentence = "Le problème est que le document de travail n'est disponible qu'en anglais."
    assert "challenge" in labels(nlp, sentence)


def test_french_request_is_a_call_to_action(nlp):
    """"Merci de partager ..." is a request to the list."""
    sentence = "Merci de partager vos notes en français si vous en avez."
    assert "call_to_action" in labels(nlp, sentence)


def test_spanish_meeting_is_a_story(nlp):
    """A first-person preterite with a vice-minister is a story in Spanish."""
    sentence = "La semana pasada nos reunimos con el viceministro de Telecomunicaciones."
    assert "story" in labels(nlp, sentence)


def test_spanish_unanswered_letters_are_a_challenge(nlp):
    """"No hemos recibido ninguna respuesta" is the Spanish no-reply obstacle."""
    sentence = "Hasta ahora no hemos recibido ninguna respuesta de la Secretaría."
    assert "challenge" in labels(nlp, sentence)


def test_spanish_question_to_the_list_is_a_call_to_action(nlp):
    """"¿Alguien tiene ...?" asks list members for material."""
    sentence = "¿Alguien tiene una presentación breve en español que podamos usar?"
    assert "call_to_action" in labels(nlp, sentence)


def test_spanish_plan_is_not_a_story(nlp):
    """A Spanish future ("vamos a enviar") is a plan, not a story."""
    sentence = "Vamos a enviar una carta a la Cancillería la próxima semana."
    assert "story" not in labels(nlp, sentence)


# --- texts and fields -----------------------------------------------------------------


def test_signature_text_yields_no_passages(nlp):
    """Signatures carry titles and offices, never stories, challenges or requests."""
    signature = "Please consider the environment before printing.\nAdviser, Ministry of ICT"
    assert kinds_of(nlp, signature, part="signature") == {}


def test_passage_text_is_the_sentence_as_written(nlp):
    """Hard-wrapped sentences are returned character for character, line break included."""
    text = "Yesterday we briefed two advisers from\nthe Prime Minister's office on Rev1."
    assert kinds_of(nlp, text)["story"] == {text}


def test_officials_named_in_the_sentence_are_listed(nlp):
    """Each passage lists the officials (from the officials component) it mentions."""
    doc = nlp("We met Minister Amara Konteh on Tuesday.\n\nShe listened carefully.")
    doc._.officials = [{"name": "Amara Konteh", "aliases": ["Minister Konteh"]},
                       {"name": "Joseph Bangura", "aliases": []}]
    context = NlpContext(key="1:new_text", message_id="m1")
    stories = [p for p in classify_passages(doc, context) if p.kind == "story"]
    assert stories[0].officials == ["Amara Konteh"]


def test_numbered_list_items_are_separate_requests(nlp):
    """Each item of a numbered to-do list is its own request, without its number."""
    text = ("Three things for this week:\n1. Send your note to the mission.\n"
            "2. Register for the consultation by 12 May.")
    assert kinds_of(nlp, text)["call_to_action"] == {
        "Send your note to the mission.", "Register for the consultation by 12 May."}
