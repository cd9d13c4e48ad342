"""Countries of authors (chapter, address, own words) and of officials (bodies named)."""

from __future__ import annotations

import pytest

from analyzer.nlp.country import (
    address_country,
    author_country,
    find_country,
    official_country,
    place_country,
)


@pytest.mark.parametrize(("signature", "country"), [
    ("Ana\nPresidenta, Capítulo Uruguay de Internet Society", "Uruguay"),
    ("Marc\nVice-président, ISOC Côte d'Ivoire", "Côte d'Ivoire"),
    ("Sophie\nInternet Society – Chapitre du Québec", "Canada"),
    ("Ravi\nSecretary, Internet Society Bangalore Chapter", "India"),
    ("Jens\nVorstand, Internet Society German Chapter e.V.", "Germany"),
    ("Aroha\nChair, ISOC New Zealand Chapter | Wellington", "New Zealand"),
    ("Lea\nTreasurer, ISOC Sénégal", "Senegal"),
])
def test_chapter_in_the_signature(signature, country):
    assert author_country(signature, "", "") == country


def test_internet_society_staff_speak_for_no_country():
    signature = "Lindiwe Dube\nSenior Director, Chapter Engagement\nInternet Society"
    assert author_country(signature, "Here in Kenya we met the ministry.", "") == ""


@pytest.mark.parametrize(("address", "country"), [
    ("chair@isoc-bo.example", "Bolivia"),
    ("info at isocghana.example", "Ghana"),
    ("someone@mict.gov.zm.example", "Zambia"),
    ("friend@gmail.com", ""),
    ("someone@yahoo.fr", ""),
])
def test_country_from_the_mail_domain(address, country):
    assert address_country(address) == country


def test_author_location_stated_in_the_text():
    assert author_country("", "Greetings from Kampala! Here in Uganda the bill passed.") == (
        "Uganda")


def test_first_name_that_is_a_country_is_not_one():
    assert find_country("Thanks to Jordan Peters and the team") == ""
    assert find_country("ISOC Chad Chapter") == "Chad"


def test_local_spellings_and_capitals():
    assert place_country("République du Cameroun") == "Cameroon"
    assert place_country("Yaoundé") == "Cameroon"


def test_official_country_is_the_one_nearest_the_name():
    window = "Mr. Lee, of the Embassy of Singapore, who met the Kenyan delegation"
    assert official_country(window, name_at=0) == "Singapore"
