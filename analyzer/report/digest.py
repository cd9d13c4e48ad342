"""Assemble one list's digest for one period from the store (data only, no rendering).

Everything here is bounded by the period: one range read of its messages, their
passages, mentions and forwarded blocks, plus index seeks for "seen before?".
A period without messages gives a complete digest with zeros and empty
sections, never an error, so a quiet week still gets an honest report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from analyzer.analysis import activity, content
from analyzer.analysis.fields import local_iso, message_url
from analyzer.analysis.period import Period, resolve_period, zone
from analyzer.config import Config
from analyzer.errors import AnalyzerError
from analyzer.ingest.sources import safe_list_name
from analyzer.report.model import (
    Digest,
    DigestEvent,
    DigestOfficial,
    DigestParticipant,
    DigestPassage,
    DigestThread,
    Figure,
    WeekCount,
)
from analyzer.report.summary import summarize_threads
from analyzer.store import Store


def build_digest(store: Store, list_name: str, period: Period, *, weeks: int = 12,
                 archive_url: str = "", now: datetime | None = None) -> Digest:
    """The digest of ``list_name`` for ``period``.

    ``archive_url`` is the list's public archive (its Pipermail URL): message links
    stored as local mirror paths are rewritten under it.  ``now`` fixes
    ``generated_at`` (tests, reproducible reruns).
    """
    rows = store.digest_messages(list_name, *period.utc_bounds())
    said = content.passages(store, list_name, period, archive_url)
    named = content.officials(store, list_name, period,
                              {r["message_id"]: i for i, r in enumerate(rows)})
    return Digest(
        list=list_name, period=period.label, start=period.first_day.isoformat(),
        end=period.end_local_exclusive.date().isoformat(), timezone=period.timezone,
        generated_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        figures={k: Figure(*v) for k, v in activity.figures(store, list_name, period).items()},
        threads=_threads(store, list_name, period, rows, said, archive_url),
        stories=[DigestPassage(**p) for p in said["story"]],
        challenges=[DigestPassage(**p) for p in said["challenge"]],
        calls_to_action=[DigestPassage(**p) for p in said["call_to_action"]],
        officials=[DigestOfficial(**o) for o in named],
        events=[DigestEvent(**e) for e in content.events(store, list_name, period, archive_url)],
        participants=[DigestParticipant(**p) for p in activity.participants(rows)],
        weekly=[WeekCount(**w) for w in activity.weekly(store, list_name, period, weeks)],
        countries=content.countries(named, [p for kind in said.values() for p in kind]),
        archive_url=archive_url,
    )


def _threads(store: Store, list_name: str, period: Period, rows: list, said: dict,
             archive_url: str) -> list[DigestThread]:
    """Active threads with their summaries (LexRank over their new text in the period)."""
    active = activity.threads(store, list_name, rows, period)
    # message id -> passages in the sender's own words: what LexRank boosts
    own: dict[str, list[str]] = {}
    for passage in (p for kind in said.values() for p in kind if not p["forwarded_by"]):
        own.setdefault(passage["message_id"], []).append(passage["text"])
    summaries = summarize_threads(
        {t.thread_id: [r["new_text"] for r in t.rows] for t in active},
        {t.thread_id: [x for r in t.rows for x in own.get(r["message_id"], [])]
         for t in active},
    )
    info = zone(period.timezone)
    return [
        DigestThread(
            thread_id=t.thread_id, subject=t.subject, url=message_url(t.url, archive_url),
            messages=len(t.rows), participants=t.names, status="new" if t.new else "continuing",
            first_date=local_iso(t.first_date, info), last_date=local_iso(t.rows[-1]["date"], info),
            summary=summaries.get(t.thread_id, []),
        )
        for t in active
    ]


# -- the ``analyzer digest`` job ------------------------------------------------------

FORMATS = ("md", "html", "txt", "json", "ics")


@dataclass(slots=True)
class DigestRun:
    """What ``write_list_digest`` produced: the digest, its folder and the files."""

    digest: Digest
    folder: Path
    paths: list[Path]


def choose_list(store: Store, wanted: str | None) -> str:
    """The list to digest: the one asked for, else the store's only list."""
    names = store.lists()
    if not names:
        raise AnalyzerError("the store has no messages yet (run 'analyzer ingest' first)")
    if wanted is None:
        if len(names) > 1:
            raise AnalyzerError("the store holds several lists; choose one with --list: "
                                + ", ".join(names))
        return names[0]
    if wanted not in names:
        raise AnalyzerError(f"no list {wanted!r} in the store; lists: " + ", ".join(names))
    return wanted


def list_settings(config: Config, list_name: str) -> tuple[str, str]:
    """(time zone, archive URL) from the ``[[lists]]`` entry of that name, else UTC."""
    for entry in config.lists:
        if entry["name"] == list_name:
            return entry.get("timezone") or "UTC", entry.get("url") or ""
    return "UTC", ""


def digest_folder(root: Path, list_name: str, period: Period) -> Path:
    """``ROOT/LIST/PERIOD`` from sanitised names, refused if it resolves outside ROOT.

    A list name comes from archive headers or the command line; neither may steer
    a write elsewhere (``../../etc``, a symlinked folder).
    """
    base = Path(root).resolve()
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", period.label).strip(".-") or "period"
    folder = (base / safe_list_name(list_name) / label).resolve()
    if not folder.is_relative_to(base) or folder == base:
        raise AnalyzerError(f"refusing to write the digest outside {base}: {folder}")
    return folder


def write_list_digest(store: Store, config: Config, *, list_name: str | None = None,
                      week: str | None = None, date_from: str | None = None,
                      date_to: str | None = None, formats: Iterable[str] = FORMATS,
                      out_dir: Path | None = None, weeks: int = 12,
                      today: date | None = None) -> DigestRun:
    """Build one list's digest for the chosen period and write it (``analyzer digest``).

    ``today`` defaults to the current day in the list's time zone, so ``last`` means
    the last week its members have finished, wherever the cron job runs.
    """
    name = choose_list(store, list_name)
    tz, url = list_settings(config, name)
    info = zone(tz)
    period = resolve_period(week, date_from, date_to, tz,
                            today or datetime.now(info).date())
    digest = build_digest(store, name, period, weeks=weeks, archive_url=url)
    folder = (Path(out_dir) if out_dir is not None
              else digest_folder(Path(config.get("output", "reports")), name, period))
    return DigestRun(digest, folder, _write(digest, folder, list(formats)))


def _write(digest: Digest, folder: Path, formats: list[str]) -> list[Path]:
    """The renderers' ``write_digest``; without them (yet), the JSON alone."""
    try:
        from analyzer.report.render import write_digest
    except ImportError:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "digest.json"
        path.write_text(json.dumps(asdict(digest), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        return [path]
    return write_digest(digest, folder, formats, charts=True)
