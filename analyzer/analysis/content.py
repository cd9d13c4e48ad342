"""What was said in a period: passages, officials named, events ahead, countries.

Words found in a forwarded message belong to whoever wrote that message, not to
the member who forwarded it: a ministry's "we cannot intervene in the visa
process" is the ministry's challenge, reported by the chapter.  Passages and
events from forwarded text therefore carry the forwarded sender as author (and
the carrier as ``forwarded_by``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from sqlite3 import Row
from zoneinfo import ZoneInfo

from analyzer.analysis.fields import display_name, display_subject, local_iso, message_url, squash
from analyzer.analysis.period import Period, zone
from analyzer.store import Store

KINDS = ("story", "challenge", "call_to_action")


class Attribution:
    """Who wrote a passage or event sentence: the sender, or the forwarded author."""

    def __init__(self, store: Store, rows: Iterable[Row]):
        carriers = sorted({r["message_rowid"] for r in rows if r["part"] == "forwarded"})
        self.forwarded = store.digest_forwarded(carriers)

    def author(self, row: Row) -> tuple[str, str, Row | None]:
        """(author, forwarded_by, forwarded block) for a row with ``part`` and ``text``."""
        if row["part"] != "forwarded":
            return display_name(row["from_name"]), "", None
        block = self._block(row["message_rowid"], row["text"])
        if block is None:
            return display_name(row["from_name"]), "", None
        return display_name(block["from_name"]), display_name(row["from_name"]), block

    def _block(self, rowid: int, text: str) -> Row | None:
        """The forwarded message holding ``text`` (the first one if none matches)."""
        blocks = self.forwarded.get(rowid, [])
        needle = squash(text)
        return next((b for b in blocks if needle in squash(b["text"])),
                    blocks[0] if blocks else None)


def _forwarded_country(block: Row, fallback: str) -> str:
    """The forwarded author's own country (their signature or mail domain), else the carrier's."""
    from analyzer.nlp.country import author_country

    return author_country(block["signature"] or "", block["text"], block["from_addr"]) or fallback


def passages(store: Store, list_name: str, period: Period,
             base_url: str = "") -> dict[str, list[dict]]:
    """Stories, challenges and calls to action of the period, in date order, per kind."""
    rows = store.digest_passages(list_name, *period.utc_bounds())
    who, info = Attribution(store, rows), zone(period.timezone)
    out: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for row in rows:
        if row["kind"] not in out:
            continue
        author, carrier, block = who.author(row)
        out[row["kind"]].append({
            "kind": row["kind"], "text": squash(row["text"]), "author": author,
            "country": _forwarded_country(block, row["country"]) if block else row["country"],
            "date": local_iso(row["date"], info), "message_id": row["message_id"],
            "url": message_url(row["archive_url"], base_url),
            "subject": display_subject(row["subject"]),
            "officials": json.loads(row["officials"] or "[]"), "forwarded_by": carrier,
        })
    return out


def events(store: Store, list_name: str, period: Period, base_url: str = "") -> list[dict]:
    """Events mentioned up to the period's end that are not over before it began.

    An event mentioned in several messages (or twice in one bilingual message)
    is listed once, at its first mention, with the number of mentions.
    """
    rows = store.digest_events(list_name, period.first_day.isoformat(), period.utc_bounds()[1])
    who, info = Attribution(store, rows), zone(period.timezone)
    seen: dict[tuple, int] = {}
    found: list[dict] = []
    mentioned: list[set[str]] = []
    for row in rows:
        keys = [(row["date_start"], row["date_end"], squash(row["what"]).casefold()),
                (row["date_start"], row["date_end"], row["message_id"])]
        index = next((seen[k] for k in keys if k in seen), len(found))
        if index == len(found):
            found.append(_event(row, who, info, base_url))
            mentioned.append(set())
        mentioned[index].add(row["message_id"])
        seen.update(dict.fromkeys(keys, index))
    for event, ids in zip(found, mentioned, strict=True):
        event["mentions"] = len(ids)
    return sorted(found, key=lambda e: (e["date_start"], e["date_end"], e["mentioned_on"]))


def _event(row: Row, who: Attribution, info: ZoneInfo, base_url: str) -> dict:
    """One event as the digest shows it: what, when, and who said so where."""
    return {
        "what": squash(row["what"]), "date_start": row["date_start"],
        "date_end": row["date_end"], "text": squash(row["text"]), "author": who.author(row)[0],
        "message_id": row["message_id"], "url": message_url(row["archive_url"], base_url),
        "mentioned_on": local_iso(row["date"], info),
    }


def officials(store: Store, list_name: str, period: Period,
              order: dict[str, int]) -> list[dict]:
    """Officials named in the period: new (first seen in it) or known, with mention counts.

    ``order`` ranks the period's message ids by date.  Mentions in the period are
    the mentions in those messages under one of the official's names (at least
    one per message the merge attributed to them).
    """
    start, end = period.utc_bounds()
    rows = store.digest_officials(list_name, start, end)
    names: dict[str, Counter] = {}
    for mention in store.digest_official_mentions(list_name, start, end):
        names.setdefault(mention["message_id"], Counter())[mention["name"].casefold()] += 1
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row["official_id"], []).append(row)
    out = [_official(mine, names, order, start) for mine in grouped.values()]
    return sorted(out, key=lambda o: (-o["mentions"], o["name"].casefold()))


def _official(mine: list[Row], names: dict[str, Counter], order: dict[str, int],
              start: str) -> dict:
    first = mine[0]
    aliases = {a.casefold() for a in [first["name"], *json.loads(first["aliases"] or "[]")]}
    ids = sorted({r["message_id"] for r in mine}, key=lambda mid: order.get(mid, 0))
    in_period = sum(max(1, sum(n for name, n in names.get(mid, Counter()).items()
                               if name in aliases)) for mid in ids)
    return {
        "official_id": first["official_id"], "name": first["name"], "title": first["title"],
        "role": first["role"], "country": first["country"],
        "organization": first["organization"], "mentions": in_period,
        "total_mentions": max(first["mentions"], in_period),
        "new": (first["first_seen"] or "") >= start, "message_ids": ids,
    }


def countries(officials: Iterable[dict], passages: Iterable[dict]) -> dict[str, int]:
    """Countries the period talked about: each official's and each passage's, counted."""
    counts = Counter(item["country"] for item in [*officials, *passages] if item["country"])
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

