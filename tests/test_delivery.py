"""Email building and SMTP delivery against a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from analyzer.delivery.mime import (
    HeaderInjection,
    RenderedDigest,
    build_email,
    chart_cid,
    digest_subject,
)
from analyzer.delivery.smtp import DeliveryError, SmtpSettings, send_message, write_eml

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def rendered(**overrides) -> RenderedDigest:
    values = dict(list_name="chapter-leaders", period="2025-W45",
                  subject="[chapter-leaders] Weekly digest 2025-W45: 23 messages, 4 threads",
                  text="Plain text digest\n", html="<p>HTML digest <img src=\"cid:x\"></p>",
                  charts={"weekly": PNG}, ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    values.update(overrides)
    return RenderedDigest(**values)


class Recorder:
    """An aiosmtpd handler that keeps messages and can fail the first N times."""

    def __init__(self, fail_first: int = 0, code: str = "451 4.3.0 try later"):
        self.messages: list[tuple[list[str], bytes]] = []
        self.fail_first = fail_first
        self.code = code

    async def handle_DATA(self, server, session, envelope):
        if self.fail_first:
            self.fail_first -= 1
            return self.code
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    started = []

    def start(handler, **kwargs):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_for(controller, **kw) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=controller.port,
                        security=kw.pop("security", "none"), timeout=5, **kw)


def test_message_has_related_alternative_inline_images_and_calendar():
    message = build_email(rendered(), sender="Digest <d@example.org>", to="staff@example.org")
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    related, calendar = parsed.get_payload()
    assert related.get_content_type() == "multipart/related"
    alternative, image = related.get_payload()
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain",
                                                                          "text/html"]
    assert image["Content-ID"] == f"<{chart_cid('weekly', 'chapter-leaders', '2025-W45')}>"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_filename() == "events.ics"
    for header in ("From", "To", "Reply-To", "Date", "Message-ID", "List-Id", "Subject"):
        assert parsed[header]


def test_subject_names_list_period_and_counts():
    assert digest_subject("chapter-delegates", "2025-W45", 23, 4) == (
        "[chapter-delegates] Weekly digest 2025-W45: 23 messages, 4 threads")


@pytest.mark.parametrize("field", ["subject", "list_name"])
def test_line_break_in_generated_header_is_refused(field):
    hostile = rendered(**{field: "x\r\nBcc: victim@example.org"})
    with pytest.raises(HeaderInjection):
        build_email(hostile, sender="d@example.org", to="staff@example.org")


def test_line_break_in_address_is_refused():
    with pytest.raises(HeaderInjection):
        build_email(rendered(), sender="d@example.org", to="a@example.org\nBcc: b@example.org")


def test_non_ascii_subject_is_encoded_not_raw():
    message = build_email(rendered(subject="[l] Digest: réunion à Dakar"),
                          sender="d@example.org", to="s@example.org")
    raw = message.as_bytes()
    assert b"=?utf-8?" in raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == "[l] Digest: réunion à Dakar"


def test_plain_smtp_delivery_to_loopback_server(smtp_server):
    recorder = Recorder()
    controller = smtp_server(recorder)
    message = build_email(rendered(), sender="d@example.org", to="staff@example.org")
    send_message(message, settings_for(controller))
    assert recorder.messages[0][0] == ["staff@example.org"]


def test_transient_failures_are_retried_with_backoff(smtp_server):
    recorder = Recorder(fail_first=2)
    controller = smtp_server(recorder)
    pauses = []
    send_message(build_email(rendered(), sender="d@example.org", to="s@example.org"),
                 settings_for(controller), backoff=0.5, sleep=pauses.append)
    assert pauses == [0.5, 1.0]
    assert len(recorder.messages) == 1


def test_permanent_failure_is_not_retried(smtp_server):
    recorder = Recorder(fail_first=5, code="550 5.7.1 rejected")
    controller = smtp_server(recorder)
    pauses = []
    with pytest.raises(DeliveryError) as info:
        send_message(build_email(rendered(), sender="d@example.org", to="s@example.org"),
                     settings_for(controller), sleep=pauses.append)
    assert not info.value.transient and pauses == []


def test_unreachable_server_is_transient_and_named():
    settings = SmtpSettings(host="127.0.0.1", port=1, security="none", timeout=2)
    with pytest.raises(DeliveryError, match=r"cannot reach SMTP server 127\.0\.0\.1:1") as info:
        send_message(build_email(rendered(), sender="d@example.org", to="s@example.org"),
                     settings, attempts=1)
    assert info.value.transient


def _certificate(tmp_path: Path) -> tuple[Path, Path]:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return key, cert


def authenticator(expected: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"digest" and auth_data.password == expected.encode()
        return AuthResult(success=ok)

    return check


def test_starttls_with_login_reads_the_password_from_the_environment(
    smtp_server, tmp_path, monkeypatch
):
    import ssl

    key, cert = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = Recorder()
    controller = smtp_server(recorder, tls_context=context, require_starttls=True,
                             authenticator=authenticator("s3cret-pw"), auth_require_tls=True)
    monkeypatch.setenv("DIGEST_SMTP_PW", "s3cret-pw")
    settings = settings_for(controller, security="starttls", username="digest",
                            password_env="DIGEST_SMTP_PW", cafile=str(cert))
    send_message(build_email(rendered(), sender="d@example.org", to="s@example.org"), settings)
    assert len(recorder.messages) == 1
    assert b"s3cret-pw" not in recorder.messages[0][1]
    assert "s3cret-pw" not in repr(settings)


def test_wrong_password_is_a_permanent_error(smtp_server, tmp_path, monkeypatch):
    recorder = Recorder()
    controller = smtp_server(recorder, authenticator=authenticator("right"),
                             auth_require_tls=False)
    monkeypatch.setenv("DIGEST_SMTP_PW", "wrong")
    settings = settings_for(controller, username="digest", password_env="DIGEST_SMTP_PW")
    with pytest.raises(DeliveryError, match="authentication failed") as info:
        send_message(build_email(rendered(), sender="d@example.org", to="s@example.org"),
                     settings, sleep=lambda _: None)
    assert not info.value.transient and "wrong" not in str(info.value)


def test_eml_names_cannot_escape_the_outbox(tmp_path):
    message = build_email(rendered(), sender="d@example.org", to="s@example.org")
    path = write_eml(message, tmp_path / "outbox", "../../etc/passwd")
    assert path.parent == (tmp_path / "outbox").resolve()
