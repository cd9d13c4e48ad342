"""JWZ threading: headers first, then subject within a window; cycle-safe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from analyzer.threading import ThreadInput, build_threads

T0 = datetime(2025, 10, 6, tzinfo=UTC)


def msg(mid, *, irt=(), refs=(), subject="Topic", days=0, digest_ids=()):
    return ThreadInput(mid, list(irt), list(refs), subject, T0 + timedelta(days=days),
                       list(digest_ids))


def links(*messages):
    return {link.message_id: link for link in build_threads(messages)}


def test_reply_by_in_reply_to_gets_parent_and_thread():
    out = links(msg("a"), msg("b", irt=["a"], subject="Re: Topic", days=1))
    assert (out["b"].parent_id, out["b"].thread_id, out["b"].how) == ("a", "a", "in-reply-to")


def test_reply_across_months_joins_its_thread():
    out = links(msg("nov"), msg("dec", refs=["nov"], subject="Re: Topic", days=35))
    assert out["dec"].thread_id == "nov"


def test_missing_parent_promotes_single_child_to_root():
    out = links(msg("b", irt=["missing"], subject="Re: Topic"))
    assert (out["b"].parent_id, out["b"].thread_id) == (None, "b")


def test_siblings_of_missing_parent_share_a_thread_rooted_at_earliest():
    out = links(msg("b", irt=["gone"], subject="Re: Topic", days=1),
                msg("c", irt=["gone"], subject="Re: Topic", days=2))
    assert out["b"].thread_id == out["c"].thread_id == "b"
    assert out["c"].parent_id is None


def test_subject_only_reply_joins_thread_within_window():
    out = links(msg("a", subject="[L] Visa problems"),
                msg("b", subject="Re: [L] Visa problems", days=3))
    assert (out["b"].parent_id, out["b"].how) == ("a", "subject")


def test_same_subject_outside_window_stays_separate():
    out = links(msg("a", subject="Meeting minutes"),
                msg("b", subject="Re: Meeting minutes", days=400))
    assert out["b"].thread_id == "b"


def test_later_non_reply_with_same_subject_hangs_under_the_earliest_like_mailman():
    out = links(msg("a", subject="IGF 2025"), msg("b", subject="Fwd: IGF 2025", days=1))
    assert (out["b"].parent_id, out["b"].thread_id, out["b"].how) == ("a", "a", "subject")


def test_subject_reply_to_orphan_siblings_attaches_to_earliest_real_message():
    out = links(msg("b", irt=["gone"], subject="Re: Topic", days=1),
                msg("c", irt=["gone"], subject="Re: Topic", days=2),
                msg("d", subject="Re: Topic", days=3))
    assert (out["d"].parent_id, out["d"].thread_id) == ("b", "b")


def test_reference_cycle_does_not_loop_or_lose_messages():
    out = links(msg("a", refs=["b"]), msg("b", refs=["a"], days=1))
    assert set(out) == {"a", "b"}
    assert out["a"].thread_id == out["b"].thread_id


def test_self_reference_is_ignored():
    out = links(msg("a", irt=["a"]))
    assert out["a"].parent_id is None


def test_digest_replies_are_not_grouped_by_subject():
    subject = "Re: Chapter-leaders Digest, Vol 12, Issue 3"
    out = links(msg("d1", subject=subject), msg("d2", subject=subject, days=1))
    assert out["d1"].thread_id != out["d2"].thread_id


def test_digest_reply_attaches_to_its_best_quoted_candidate():
    out = links(msg("a", subject="Visa"), msg("x", subject="Budget"),
                msg("d", subject="Re: L Digest, Vol 1, Issue 2", days=2,
                    digest_ids=["x", "a"]))
    assert (out["d"].parent_id, out["d"].thread_id, out["d"].how) == ("x", "x", "digest")


def test_generic_subjects_are_never_grouped():
    out = links(msg("a", subject="(no subject)"), msg("b", subject="Re: (no subject)", days=1))
    assert out["b"].thread_id == "b"


def test_every_message_gets_exactly_one_link():
    messages = [msg(f"m{i}", irt=[f"m{i - 1}"] if i else [], days=i) for i in range(50)]
    out = build_threads(messages)
    assert len(out) == 50
    assert {link.thread_id for link in out} == {"m0"}


def test_digest_sections_are_ranked_by_the_words_the_reply_uses():
    from analyzer.pipeline import _digest_ids

    body = ("On the WSIS+20 zero draft question: we wrote to the ministry.\n\n"
            "> Message: 1\n> Subject: Re: [L] WSIS+20 zero draft: who have you met\n"
            "> Message-ID: <one at x.org>\n>\n> text\n"
            "> Message: 2\n> Subject: Senate hearing on the cybersecurity bill\n"
            "> Message-ID: <two at x.org>\n>\n> text\n")
    assert _digest_ids("Re: L Digest, Vol 21, Issue 3", body) == ["one@x.org", "two@x.org"]
