"""Message anatomy, one behaviour per test, on bodies written for the purpose."""

from __future__ import annotations

from analyzer.anatomy import analyze_body


def kinds(anatomy) -> list[str]:
    return [p.kind for p in anatomy.parts]


def test_bottom_quoted_reply_keeps_only_the_new_text():
    body = ("Thanks, we will do the same.\n\nAna\n\n"
            "On Mon, 6 Oct 2025 at 10:05, Bo <bo at x.org> wrote:\n> Please brief your mission.\n")
    assert analyze_body(body).new_text == "Thanks, we will do the same.\n\nAna"


def test_quote_first_then_answer_is_new_text():
    body = "On 06/10/2025 10:05, Bo wrote:\n> Has anyone met the regulator?\n\nWe did, in May.\n"
    assert analyze_body(body).new_text == "We did, in May."


def test_interleaved_reply_gives_segments_joined_by_blank_lines():
    body = ("Hi Bo,\n\n> first question?\n\nFirst answer.\n\n> second question?\n"
            "\nSecond answer.\n\nAna\n")
    anatomy = analyze_body(body)
    assert anatomy.segments == ["Hi Bo,", "First answer.", "Second answer.\n\nAna"]
    assert anatomy.new_text == "Hi Bo,\n\nFirst answer.\n\nSecond answer.\n\nAna"


def test_gmail_attribution_wrapped_over_two_lines_is_not_new_text():
    body = ("Agreed.\n\nOn Tue, Oct 7, 2025 at 4:20 PM Prakash Raj Bhandari <\n"
            "prakash at example.org> wrote:\n\n> We wrote twice.\n")
    assert analyze_body(body).new_text == "Agreed."


def test_attributions_in_other_languages_are_recognised():
    for line in ("Le jeu. 9 oct. 2025 à 10:12, Mamadou <m at y.fr> a écrit :",
                 "El vie, 17 oct 2025 a las 14:20, Renée (<r at q.ca>) escribió:",
                 "Am 17.10.2025 um 14:20 schrieb Renée:",
                 "Em sex., 17 de out. de 2025 às 14:20, Renée escreveu:",
                 "W dniu 17.10.2025 o 14:20, Renée pisze:"):
        body = f"Merci.\n\n{line}\n> texte cité\n"
        assert analyze_body(body).new_text == "Merci.", line


def test_outlook_reply_header_block_quotes_everything_below():
    body = ("Thank you Keston.\n\nZainab\n\n________________________________\n"
            "From: Keston <k at x.org>\nSent: Monday, October 13, 2025 5:45 PM\n"
            "To: list at x.org\nSubject: Re: [L] Visa refused\n\nWe can help.\n")
    anatomy = analyze_body(body, "RE: [L] Visa refused")
    assert anatomy.new_text == "Thank you Keston.\n\nZainab"
    assert anatomy.forwarded == []
    assert "quote" in kinds(anatomy)


def test_german_outlook_header_block_is_a_quote_too():
    body = ("Danke!\n\n________________________________\nVon: Renée <r at q.ca>\n"
            "Gesendet: Freitag, 17. Oktober 2025 14:20\nAn: list at x.org\n"
            "Betreff: [L] Template letter\n\nBonjour\n")
    anatomy = analyze_body(body, "AW: [L] Template letter")
    assert anatomy.new_text == "Danke!" and anatomy.forwarded == []


def test_header_block_with_another_subject_is_a_forward():
    body = ("Please see below.\n\nIsra\n\nFrom: Olivier via wsis20 <wsis20 at icann.org>\n"
            "Date: Saturday, November 1, 2025 at 8:11 AM\nTo: wsis20 at icann.org\n"
            "Subject: [wsis20] Consultations\n\nDear Colleagues,\n\nMeet your mission.\n")
    anatomy = analyze_body(body, "[L] WSIS+20: engaging governments")
    assert anatomy.new_text == "Please see below.\n\nIsra"
    [fwd] = anatomy.forwarded
    assert (fwd.from_name, fwd.from_addr, fwd.date) == ("Olivier", "wsis20@icann.org",
                                                         "2025-11-01")
    assert fwd.text == "Dear Colleagues,\n\nMeet your mission."


def test_fw_subject_makes_an_outlook_block_a_forward_even_with_the_same_topic():
    body = ("Sharing a reply.\n\nFrom: Anil <a at mission.example>\n"
            "Sent: Tuesday, October 21, 2025 4:52 PM\nTo: Keston <k at x.org>\n"
            "Subject: RE: WSIS+20 meeting\n\nDear Mr. Ramlogan,\n\nThank you.\n")
    assert len(analyze_body(body, "[L] FW: WSIS+20 meeting").forwarded) == 1


def test_gmail_forward_marker_with_french_headers_and_date():
    body = ("Good news.\n\n---------- Forwarded message ---------\n"
            "From: Abdoulaye Sarr <a.sarr at gouv.example>\nDate: jeu. 9 oct. 2025 à 08:30\n"
            "Subject: Invitation\nTo: Mamadou <m at y.fr>\n\n\nMadame, Monsieur,\n\nBienvenue.\n\n"
            "Abdoulaye Sarr\nDirecteur des Télécommunications\nRépublique du Sénégal\n")
    [fwd] = analyze_body(body, "Fwd: Invitation").forwarded
    assert fwd.date == "2025-10-09"
    assert fwd.text == "Madame, Monsieur,\n\nBienvenue."
    assert fwd.signature == ("Abdoulaye Sarr\nDirecteur des Télécommunications\n"
                             "République du Sénégal")


def test_apple_begin_forwarded_message():
    body = ("FYI\n\nBegin forwarded message:\n\nFrom: Ana <ana at x.org>\n"
            "Subject: Hearing\nDate: 3 November 2025 at 09:00:00 GMT\nTo: Bo <bo at x.org>\n\n"
            "The hearing is on 4 November.\n")
    anatomy = analyze_body(body)
    assert anatomy.new_text == "FYI"
    assert anatomy.forwarded[0].text == "The hearing is on 4 November."
    assert anatomy.forwarded[0].date == "2025-11-03"


def test_two_forwards_in_one_message_are_counted_separately():
    fwd = ("---------- Forwarded message ---------\nFrom: A <a at x.org>\nDate: 1 Nov 2025\n"
           "Subject: S\n\nText {n}.\n\n")
    body = "Two notes.\n\n" + fwd.format(n=1) + fwd.format(n=2)
    assert [f.text for f in analyze_body(body).forwarded] == ["Text 1.", "Text 2."]


def test_signature_after_delimiter_excludes_the_delimiter():
    anatomy = analyze_body("See you there.\n\nKeston\n\n-- \nKeston Ramlogan\nISOC T&T\n")
    assert anatomy.new_text == "See you there.\n\nKeston"
    assert anatomy.signature == "Keston Ramlogan\nISOC T&T"


def test_mobile_signature_line_is_a_signature():
    anatomy = analyze_body("+1\n\nSent from my iPhone\n\nOn 7 Oct, Bo wrote:\n> text\n")
    assert (anatomy.new_text, anatomy.signature) == ("+1", "Sent from my iPhone")


def test_block_after_first_name_sign_off_is_a_signature():
    body = ("We met the minister.\n\nThanks,\nTomás\n\nTomás Ferreira-Lund\n"
            "Senior Manager, Chapter Engagement\nInternet Society\n+1 703 555 0142\n")
    anatomy = analyze_body(body)
    assert anatomy.new_text == "We met the minister.\n\nThanks,\nTomás"
    assert anatomy.signature.startswith("Tomás Ferreira-Lund\nSenior Manager")


def test_single_name_after_valediction_stays_in_the_text():
    anatomy = analyze_body("Act now.\n\nKindest regards,\n\nOlivier Crépin-Leblond\n")
    assert anatomy.signature is None
    assert anatomy.new_text.endswith("Olivier Crépin-Leblond")


def test_closing_prose_paragraph_is_never_taken_for_a_signature():
    body = ("We met the minister.\n\nThe follow-up is on 21 October and I will report back\n"
            "to the list when we know more about the delegation.\n")
    assert analyze_body(body).signature is None


def test_scrubbed_attachment_and_list_footer_are_artefacts():
    body = ("Report attached.\n\nAna\n-------------- next part --------------\n"
            "An HTML attachment was scrubbed...\nURL: <http://x/attachment.html>\n"
            "_______________________________________________\nL mailing list\nL at x.org\n")
    anatomy = analyze_body(body)
    assert anatomy.new_text == "Report attached.\n\nAna"
    assert kinds(anatomy)[-1] == "artefact"


def test_provider_advert_after_a_rule_is_an_artefact():
    body = "Good idea.\n\n-phil\n__________________________________________________\n" \
           "Do You Yahoo!?\nhttp://auctions.yahoo.com\n"
    assert analyze_body(body).new_text == "Good idea.\n\n-phil"


def test_digest_reply_quotes_the_digest_not_the_author():
    body = ("Re: Visa refused\n\nYou are not alone.\n\nIbrahim\n\n"
            "> Send L mailing list submissions to\n>\tl at x.org\n>\n> Today's Topics:\n"
            ">    1. Visa refused (Zainab)\n")
    assert analyze_body(body).new_text == "Re: Visa refused\n\nYou are not alone.\n\nIbrahim"


def test_digest_pasted_without_quote_marks_is_not_new_text():
    body = ("My answer.\n\nSend L mailing list submissions to\n\tl at x.org\n\n"
            "Today's Topics:\n   1. Visa\n")
    assert analyze_body(body).new_text == "My answer."


def test_every_line_belongs_to_exactly_one_part():
    body = ("Hi,\n\n> q\n\nAnswer.\n\nAna\n\n-- \nAna B\n-------------- next part ----"
            "----------\nAn HTML attachment was scrubbed...\n")
    anatomy = analyze_body(body)
    covered = sorted(i for p in anatomy.parts for i in range(p.start, p.end))
    assert covered == list(range(len(body.split("\n"))))


def test_legal_disclaimer_is_neither_new_text_nor_signature():
    body = ("We filed our comments.\n\nBest wishes,\nFunmi\n\nFunmilayo A.\nSecretary, ISOC NG\n\n"
            "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may\n"
            "be legally privileged. If you are not the intended recipient, please notify the\n"
            "sender immediately and delete this message.\n")
    anatomy = analyze_body(body)
    assert anatomy.new_text == "We filed our comments.\n\nBest wishes,\nFunmi"
    assert anatomy.signature == "Funmilayo A.\nSecretary, ISOC NG"
    assert "disclaimer" in kinds(anatomy)


def test_reply_in_a_thread_that_began_as_a_forward_quotes_its_parent():
    body = ("Merci !\n\n________________________________\nDe : Ana <a at x.org>\n"
            "Envoyé : lundi 15 septembre 2025 11:40\nÀ : l at x.org\n"
            "Objet : [L] Fwd: Invitation\n\nBonjour\n")
    assert analyze_body(body, "[L] Fwd: Invitation").forwarded == []


def test_portuguese_apple_attribution_starts_with_a_date():
    body = ("Muito bem!\n\nA 06/11/2025, às 08:20, Luís <l at mz.example> escreveu:\n"
            "> texto\n")
    assert analyze_body(body).new_text == "Muito bem!"
