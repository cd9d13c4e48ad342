"""The cron job end to end: a list served over loopback HTTP, mail to aiosmtpd."""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from httpserver import LoopbackServer
from test_delivery import Recorder, free_port

from analyzer.cli import cli
from analyzer.jobs import EXIT_LOCKED, last_complete_week, run_lock
from analyzer.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample" / "chapter-leaders"
PASSWORD = "pw-SECRET-4711"
AS_OF = "2025-11-19"  # a Wednesday: the last complete week is 2025-W46


@pytest.fixture
def site():
    with LoopbackServer() as server:
        yield server.mount("/pipermail/chapter-leaders/", SAMPLE)


class SmtpServer:
    """aiosmtpd on a fixed loopback port that can go down and come back."""

    def __init__(self, recorder: Recorder):
        self.recorder, self.port, self.controller = recorder, free_port(), None

    def start(self) -> None:
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port,
                                     auth_require_tls=False, authenticator=_accept)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer(Recorder())
    server.start()
    yield server.recorder, server.port, server
    server.stop()


def _accept(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult

    return AuthResult(success=auth_data.password == PASSWORD.encode())


@pytest.fixture
def setup(tmp_path, site, smtp):
    recorder, port, _ = smtp
    config = tmp_path / "analyzer.toml"
    config.write_text(f"""
[store]
path = "{tmp_path / 'store.sqlite'}"
[fetch]
mirror = "{tmp_path / 'mirror'}"
retries = 1
[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
username = "digest"
password_env = "TEST_SMTP_PASSWORD"
retries = 2
[output]
reports = "{tmp_path / 'reports'}"
outbox = "{tmp_path / 'outbox'}"
log = "{tmp_path / 'run.log'}"
[[lists]]
name = "chapter-leaders"
url = "{site}"
recipients = ["staff@example.org", "board@example.org"]
""", encoding="utf-8")
    return tmp_path, config, recorder


def run(config: Path, *args: str):
    env = {"ANALYZER_CONFIG": str(config), "TEST_SMTP_PASSWORD": PASSWORD}
    return CliRunner(env=env).invoke(cli, ["-q", *args], catch_exceptions=False)


def ledger(tmp_path: Path) -> list[tuple]:
    with Store(tmp_path / "store.sqlite") as store:
        return store.query("SELECT period, recipient FROM sent_digests ORDER BY 2").fetchall()


def test_last_complete_week_is_the_week_before_the_current_one():
    assert last_complete_week(__import__("datetime").date(2025, 11, 19)) == "2025-W46"
    assert last_complete_week(__import__("datetime").date(2025, 11, 17)) == "2025-W46"


def test_run_sends_one_message_per_recipient_with_every_part(setup):
    tmp_path, config, recorder = setup
    result = run(config, "run", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert sorted(r[0][0] for r in recorder.messages) == ["board@example.org",
                                                          "staff@example.org"]
    message = email.message_from_bytes(recorder.messages[0][1], policy=email.policy.default)
    kinds = [part.get_content_type() for part in message.walk()]
    assert {"text/plain", "text/html", "image/png", "text/calendar"} <= set(kinds)
    assert message["Subject"].startswith("[chapter-leaders] Weekly digest 2025-W46: ")
    assert [tuple(r) for r in ledger(tmp_path)] == [("2025-W46", "board@example.org"),
                                                    ("2025-W46", "staff@example.org")]


def test_second_run_sends_nothing(setup):
    _, config, recorder = setup
    run(config, "run", "--as-of", AS_OF)
    again = run(config, "run", "--as-of", AS_OF)
    assert again.exit_code == 0
    assert len(recorder.messages) == 2


def test_smtp_down_fails_marks_nothing_and_next_run_sends_once(setup, smtp):
    tmp_path, config, recorder = setup
    _, _, server = smtp
    server.stop()
    failed = run(config, "run", "--as-of", AS_OF)
    assert failed.exit_code == 1
    assert "chapter-leaders: FAILED at send" in failed.output
    assert ledger(tmp_path) == []
    server.start()
    assert run(config, "run", "--as-of", AS_OF).exit_code == 0
    assert run(config, "run", "--as-of", AS_OF).exit_code == 0
    assert len(recorder.messages) == 2


def test_concurrent_run_exits_at_once_with_its_own_code(setup):
    tmp_path, config, recorder = setup
    env = {"ANALYZER_CONFIG": str(config), "TEST_SMTP_PASSWORD": PASSWORD, "PATH": ""}
    with run_lock(tmp_path / "store.sqlite"):
        second = subprocess.run([sys.executable, "-m", "analyzer", "run", "--as-of", AS_OF],
                                env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == EXIT_LOCKED
    assert "another analyzer run" in second.stderr
    assert recorder.messages == []


def test_header_injection_through_a_recipient_is_refused(setup):
    tmp_path, config, recorder = setup
    run(config, "run", "--as-of", AS_OF)
    recorder.messages.clear()
    result = run(config, "send", "--week", "2025-W45", "--to",
                 "staff@example.org\r\nBcc: evil@example.org")
    assert result.exit_code == 1 and "line break" in result.output
    assert recorder.messages == []
    assert all(period != "2025-W45" for period, _ in ledger(tmp_path))


def test_password_appears_in_no_log_report_or_email(setup):
    tmp_path, config, recorder = setup
    run(config, "run", "--as-of", AS_OF)
    run(config, "send", "--week", "2025-W45", "--dry-run")
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".sqlite"]
    assert any(p.suffix == ".eml" for p in files) and (tmp_path / "run.log").exists()
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
    assert all(PASSWORD.encode() not in raw for _, raw in recorder.messages)


def test_without_smtp_host_digests_go_to_the_outbox_once(setup):
    tmp_path, config, recorder = setup
    text = config.read_text().replace('host = "127.0.0.1"', 'host = ""')
    config.write_text(text)
    assert run(config, "run", "--as-of", AS_OF).exit_code == 0
    assert run(config, "run", "--as-of", AS_OF).exit_code == 0
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    assert recorder.messages == []
