"""The cron-safe jobs: ``send`` one digest, and ``run`` everything for every list.

Safety properties, each with a test:

* **Idempotent.** The store's sent ledger records every (list, period, recipient)
  right after that delivery succeeded; re-runs and overlapping runs skip them, so
  nobody gets a digest twice, and a run that failed half-way sends only the rest.
* **Locked.** ``run`` holds an exclusive lock beside the store; a second run exits
  at once with :data:`EXIT_LOCKED` and says so.
* **Honest failures.** A failing step is named with its list, the run goes on with
  the next list, and the exit code is non-zero; nothing unsent is marked sent.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from analyzer.config import Config
from analyzer.delivery.mime import (
    RenderedDigest,
    build_email,
    chart_cid,
    digest_subject,
    make_message_id,
)
from analyzer.delivery.smtp import SmtpSettings, send_message, write_eml
from analyzer.errors import AnalyzerError
from analyzer.store import Store

log = logging.getLogger(__name__)
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run is busy; cron may simply try again later


class RunLocked(AnalyzerError):
    """Another ``analyzer run`` holds the lock on this store."""


@dataclass(slots=True)
class SendOutcome:
    """What one ``send`` did for one list and period."""

    list_name: str
    period: str
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    transport: str = "smtp"

    def summary(self) -> str:
        where = {"smtp": "sent", "outbox": "written to the outbox",
                 "dry-run": "written (dry run)"}[self.transport]
        text = f"{self.list_name} {self.period}: {len(self.sent)} {where}"
        if self.skipped:
            text += f", {len(self.skipped)} already sent earlier"
        return text


def render_for_email(digest) -> RenderedDigest:
    """Text, HTML with ``cid:`` charts, the chart PNGs and the calendar of one digest."""
    from analyzer.report.charts import chart_pngs
    from analyzer.report.render import render_html, render_ics, render_text, upcoming_events

    charts = chart_pngs(digest)
    cids = {name: chart_cid(name, digest.list, digest.period) for name in charts}
    figures = digest.figures
    return RenderedDigest(
        list_name=digest.list, period=digest.period,
        subject=digest_subject(digest.list, digest.period, figures["messages"].value,
                               figures["threads"].value),
        text=render_text(digest), html=render_html(digest, charts, inline=False, cid_map=cids),
        charts=charts, ics=render_ics(digest) if upcoming_events(digest) else "",
    )


def smtp_settings(config: Config) -> SmtpSettings:
    return SmtpSettings(
        host=config.get("smtp", "host"), port=config.get("smtp", "port"),
        security=config.get("smtp", "security"), username=config.get("smtp", "username"),
        password_env=config.get("smtp", "password_env"), timeout=config.get("smtp", "timeout"),
        cafile=config.get("smtp", "cafile"),
    )


def recipients_for(config: Config, list_name: str, override: tuple[str, ...] = ()) -> list[str]:
    """``--to`` wins; else the ``[[lists]]`` entry's recipients."""
    if override:
        return list(override)
    for entry in config.lists:
        if entry["name"] == list_name:
            return list(entry.get("recipients") or [])
    return []


def send_digest(
    store: Store, config: Config, *, list_name: str | None = None, week: str | None = None,
    date_from: str | None = None, date_to: str | None = None, to: tuple[str, ...] = (),
    dry_run: bool = False, today: date | None = None,
) -> SendOutcome:
    """Build, render and deliver one digest to every recipient not yet served."""
    from analyzer.analysis.period import resolve_period, zone
    from analyzer.report.digest import build_digest, choose_list, digest_folder, list_settings

    name = choose_list(store, list_name)
    tz, url = list_settings(config, name)
    period = resolve_period(week, date_from, date_to, tz,
                            today or datetime.now(zone(tz)).date())
    digest = build_digest(store, name, period, archive_url=url)
    recipients = recipients_for(config, name, to)
    if not recipients:
        raise AnalyzerError(f"no recipients for {name}: give --to ADDR or set recipients "
                            "in its [[lists]] entry")
    rendered = render_for_email(digest)
    folder = digest_folder(Path(config.get("output", "reports")), name, period)
    if dry_run:
        return _dry_run(rendered, config, recipients, folder / "email")
    return _deliver(store, config, rendered, recipients)


def _message(rendered: RenderedDigest, config: Config, recipient: str):
    return build_email(rendered, sender=config.get("smtp", "sender"), to=recipient,
                       reply_to=config.get("smtp", "reply_to") or None,
                       list_id=f"<{rendered.list_name}.digest.analyzer>")


def _dry_run(rendered: RenderedDigest, config: Config, recipients: list[str],
             folder: Path) -> SendOutcome:
    outcome = SendOutcome(rendered.list_name, rendered.period, transport="dry-run")
    for recipient in recipients:
        message = _message(rendered, config, recipient)
        outcome.files.append(write_eml(message, folder, recipient))
        outcome.sent.append(recipient)
    return outcome


def _deliver(store: Store, config: Config, rendered: RenderedDigest,
             recipients: list[str]) -> SendOutcome:
    """Send (or write to the outbox) each pending recipient, recording each success."""
    settings = smtp_settings(config)
    transport = "smtp" if settings.host else "outbox"
    outcome = SendOutcome(rendered.list_name, rendered.period, transport=transport)
    done = store.already_sent(rendered.list_name, rendered.period)
    outbox = Path(config.get("output", "outbox"))
    for recipient in recipients:
        if recipient in done:
            outcome.skipped.append(recipient)
            continue
        message = _message(rendered, config, recipient)
        if settings.host:
            send_message(message, settings, attempts=config.get("smtp", "retries"))
        else:
            name = f"{rendered.list_name}-{rendered.period}-{recipient}"
            outcome.files.append(write_eml(message, outbox, name))
        store.record_sent(rendered.list_name, rendered.period, recipient,
                          make_message_id(rendered, recipient), transport)
        outcome.sent.append(recipient)
    return outcome


@contextmanager
def run_lock(store_path: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock beside the store, released even on a crash."""
    lock_path = Path(f"{store_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(f"another analyzer run is using {store_path} "
                            f"(lock {lock_path}); nothing was done") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


@dataclass(slots=True)
class ListRun:
    """One configured list's outcome in ``run``: a summary line, or the failed step."""

    list_name: str
    failed_step: str = ""
    error: str = ""
    summary: str = ""

    def line(self) -> str:
        if self.failed_step:
            return f"{self.list_name}: FAILED at {self.failed_step}: {self.error}"
        return self.summary


def last_complete_week(as_of: date) -> str:
    """The ISO week label of the last Monday–Sunday week ended before ``as_of``."""
    monday = as_of - timedelta(days=as_of.weekday() + 7)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def run_lists(store: Store, config: Config, *, list_name: str | None = None,
              as_of: date | None = None, quiet: bool = True) -> list[ListRun]:
    """fetch → ingest → analyze → send for each configured list (or the one named)."""
    lists = [e for e in config.lists if list_name in (None, e["name"])]
    if not lists:
        raise AnalyzerError("no [[lists]] configured" + (f" named {list_name!r}"
                                                        if list_name else ""))
    return [_run_one(store, config, entry, as_of, quiet) for entry in lists]


def _run_one(store: Store, config: Config, entry: dict, as_of: date | None,
             quiet: bool) -> ListRun:
    from analyzer.analysis.period import zone
    from analyzer.fetching import fetch_and_ingest
    from analyzer.pipeline import update_anatomy, update_nlp

    name = entry["name"]
    outcome = ListRun(name)
    today = as_of or datetime.now(zone(entry.get("timezone") or "UTC")).date()
    steps = []
    if entry.get("url"):
        steps.append(("fetch", lambda: _fetch(fetch_and_ingest, store, config, entry, quiet)))
    steps += [
        ("analyze", lambda: (update_anatomy(store, name), update_nlp(
            store, model=config.get("nlp", "model"), workers=config.get("nlp", "workers"),
            list_name=name))),
        ("send", lambda: send_digest(store, config, list_name=name,
                                     week=last_complete_week(today), today=today)),
    ]
    result = None
    for step, action in steps:
        try:
            result = action()
        except Exception as exc:  # a cron job reports every failure, then goes on
            log.exception("%s: %s failed", name, step)
            outcome.failed_step, outcome.error = step, str(exc) or exc.__class__.__name__
            return outcome
    outcome.summary = result.summary() if result is not None else f"{name}: done"
    return outcome


def _fetch(fetch_and_ingest, store: Store, config: Config, entry: dict, quiet: bool):
    from analyzer.errors import FetchIncomplete

    outcome = fetch_and_ingest(store, entry["url"], config, list_name=entry["name"],
                               quiet=quiet)
    if outcome.missing:
        raise FetchIncomplete(outcome.missing)
    return outcome
