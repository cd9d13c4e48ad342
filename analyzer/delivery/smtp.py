"""Send messages over SMTP (SSL or STARTTLS, with authentication), or to an outbox.

The password never travels through argv, logs or files: it is read from the
environment variable the configuration names, at the moment of login.
Transient failures (connection drops, 4xx replies) are retried with backoff
inside the run; permanent ones (5xx) fail at once so the caller can report them.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from analyzer.errors import AnalyzerError

log = logging.getLogger(__name__)


class DeliveryError(AnalyzerError):
    """A message could not be delivered; ``transient`` says whether a retry may help."""

    def __init__(self, message: str, transient: bool):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to send (from ``[smtp]``); ``password_env`` names the variable."""

    host: str
    port: int = 587
    security: str = "starttls"
    username: str = ""
    password_env: str = "ANALYZER_SMTP_PASSWORD"
    timeout: float = 30.0
    cafile: str = ""

    def __repr__(self) -> str:  # never show more than the variable's name
        return (f"SmtpSettings(host={self.host!r}, port={self.port}, "
                f"security={self.security!r}, username={self.username!r})")


def send_message(
    message: Message, settings: SmtpSettings, *, attempts: int = 4, backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Deliver one message, retrying transient failures with exponential backoff."""
    for attempt in range(1, attempts + 1):
        try:
            _send_once(message, settings)
            return
        except DeliveryError as exc:
            if not exc.transient or attempt == attempts:
                raise
            pause = backoff * 2 ** (attempt - 1)
            log.warning("SMTP attempt %d failed (%s); retrying in %.1fs", attempt, exc, pause)
            sleep(pause)


def _send_once(message: Message, settings: SmtpSettings) -> None:
    try:
        with _connect(settings) as client:
            if settings.username:
                _login(client, settings)
            client.send_message(message)
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"SMTP server answered {exc.smtp_code}",
                            transient=400 <= exc.smtp_code < 500) from None
    except smtplib.SMTPRecipientsRefused as exc:
        codes = sorted({code for code, _ in exc.recipients.values()})
        raise DeliveryError(f"recipients refused (codes {codes})",
                            transient=all(400 <= c < 500 for c in codes)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"cannot reach SMTP server {settings.host}:{settings.port} "
                            f"({exc.__class__.__name__})", transient=True) from None


def _login(client: smtplib.SMTP, settings: SmtpSettings) -> None:
    """Authenticate; a refusal (or a server hanging up on it) is permanent."""
    try:
        client.login(settings.username, _password(settings))
    except smtplib.SMTPException as exc:
        code = getattr(exc, "smtp_code", "none")
        raise DeliveryError(f"SMTP authentication failed for {settings.username!r} "
                            f"(code {code})", transient=False) from None


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.cafile or None)
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=context)
    client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        client.starttls(context=context)
    elif settings.security != "none":
        client.close()
        raise DeliveryError(f"unknown smtp.security {settings.security!r} "
                            "(none, starttls or ssl)", transient=False)
    return client


def _password(settings: SmtpSettings) -> str:
    password = os.environ.get(settings.password_env)
    if password is None:
        raise DeliveryError(f"SMTP user is set but ${settings.password_env} is empty; "
                            "export the password in that variable", transient=False)
    return password


def write_eml(message: Message, folder: Path, name: str) -> Path:
    """Write a message as ``.eml`` inside ``folder`` (the name is sanitised)."""
    import re

    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._@+-]+", "_", name).strip("._") or "digest"
    path = (folder / f"{safe}.eml").resolve()
    if folder.resolve() not in path.parents:
        raise AnalyzerError(f"refusing to write outside {folder}: {name!r}")
    path.write_bytes(message.as_bytes())
    return path
