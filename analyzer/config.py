"""Settings declared once as data: name, default, type and a line of help.

The TOML file (``analyzer.toml``) and environment variables
(``ANALYZER_<SECTION>_<KEY>``) override the defaults; unknown keys are an error
that names them, so a typo never silently does nothing.  ``docs/configuration.md``
is generated from the same table and a test keeps the two in step.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    section: str
    key: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "path", "corpora/analyzer.sqlite", "SQLite store file"),
    Setting("ingest", "max_bytes", 2 * 1024**3,
            "largest decompressed size accepted from one file (gzip-bomb guard)"),
    Setting("ingest", "workers", 0,
            "processes parsing files ahead while the main one stores (0: one per CPU "
            "beyond the storing one, at most 4; 1: parse in-process)"),
    Setting("fetch", "user_agent", "", "User-Agent for HTTP requests (empty: analyzer/VERSION)"),
    Setting("fetch", "timeout", 30.0, "seconds before an HTTP request is retried"),
    Setting("fetch", "retries", 4, "retries per URL on 5xx, timeouts and broken connections"),
    Setting("fetch", "concurrency", 2, "parallel downloads per server (be polite)"),
    Setting("fetch", "mirror", "corpora/mirror", "folder where fetched archives are mirrored"),
    Setting("nlp", "model", "en_core_web_sm", "any installed spaCy pipeline name or path"),
    Setting("nlp", "workers", 1, "processes for nlp.pipe"),
    Setting("nlp", "scheduler", "", "Dask scheduler address, e.g. tcp://10.0.0.5:8786"),
    Setting("smtp", "host", "", "SMTP host; empty: digests go to the outbox folder as .eml"),
    Setting("smtp", "port", 587, "SMTP port"),
    Setting("smtp", "security", "starttls", "none | starttls | ssl"),
    Setting("smtp", "username", "", "SMTP user name"),
    Setting("smtp", "password_env", "ANALYZER_SMTP_PASSWORD",
            "environment variable holding the SMTP password (never the password itself)"),
    Setting("smtp", "sender", "Digest <digest@example.org>", "From: of digest emails"),
    Setting("smtp", "reply_to", "", "Reply-To: of digest emails (empty: the sender)"),
    Setting("smtp", "cafile", "", "CA bundle to verify the SMTP server (empty: system CAs)"),
    Setting("smtp", "timeout", 30.0, "seconds before an SMTP connection attempt fails"),
    Setting("smtp", "retries", 4, "attempts per message on transient SMTP errors"),
    Setting("output", "reports", "reports", "folder for digests and charts"),
    Setting("output", "outbox", "reports/outbox", "folder for .eml files when no SMTP host"),
    Setting("output", "log", "", "file that 'analyzer run' appends its log to (empty: none)"),
)

LIST_KEYS: dict[str, tuple[Any, str]] = {
    "name": ("", "list name as in the archive URL (/pipermail/NAME/)"),
    "url": ("", "Pipermail list index URL or HyperKitty list URL"),
    "recipients": ([], "addresses that receive the digest"),
    "period": ("week", "week (ISO, Monday-Sunday) or month"),
    "timezone": ("UTC", "where the period's days begin and end"),
}


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved settings: ``values[(section, key)]`` plus the configured lists."""

    values: dict[tuple[str, str], Any]
    lists: tuple[dict[str, Any], ...]
    source: Path | None = None

    def get(self, section: str, key: str) -> Any:
        return self.values[(section, key)]


def load_config(path: Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file (if any), then environment overrides."""
    env = dict(os.environ) if env is None else env
    values = {(s.section, s.key): s.default for s in SETTINGS}
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
    lists = _read_lists(data.pop("lists", []))
    _apply_file(values, data)
    _apply_env(values, env)
    return Config(values, lists, Path(path) if path else None)


def _apply_file(values: dict[tuple[str, str], Any], data: dict[str, Any]) -> None:
    unknown = []
    for section, table in data.items():
        if not isinstance(table, dict):
            unknown.append(section)
            continue
        for key, value in table.items():
            if (section, key) not in values:
                unknown.append(f"{section}.{key}")
                continue
            values[(section, key)] = _coerce(values[(section, key)], value, f"{section}.{key}")
    if unknown:
        raise ConfigError("unknown configuration keys: " + ", ".join(sorted(unknown)))


def _apply_env(values: dict[tuple[str, str], Any], env: dict[str, str]) -> None:
    for (section, key), current in list(values.items()):
        name = f"ANALYZER_{section.upper()}_{key.upper()}"
        if name in env and not (section == "smtp" and key == "password_env"):
            values[(section, key)] = _coerce(current, env[name], name)


def _coerce(default: Any, value: Any, where: str) -> Any:
    """Convert to the default's type, with an error that names the key."""
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, str):
            return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: expected {type(default).__name__}, got {value!r}") from exc
    return value


def _read_lists(raw: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(raw, list):
        raise ConfigError("[[lists]] must be an array of tables")
    out = []
    for index, entry in enumerate(raw):
        unknown = sorted(set(entry) - set(LIST_KEYS))
        if unknown:
            raise ConfigError(f"lists[{index}]: unknown keys: " + ", ".join(unknown))
        merged = {k: entry.get(k, default) for k, (default, _) in LIST_KEYS.items()}
        if not merged["name"]:
            raise ConfigError(f"lists[{index}]: 'name' is required")
        out.append(merged)
    return tuple(out)


def find_config(explicit: str | None, env: dict[str, str] | None = None) -> Path | None:
    """--config, else ANALYZER_CONFIG, else ./analyzer.toml when present."""
    env = dict(os.environ) if env is None else env
    candidate = explicit or env.get("ANALYZER_CONFIG")
    if candidate:
        if not Path(candidate).exists():
            raise ConfigError(f"config file {candidate} does not exist")
        return Path(candidate)
    default = Path("analyzer.toml")
    return default if default.exists() else None


def render_docs() -> str:
    """Markdown table of every setting (docs/configuration.md is this text)."""
    lines = [
        "# Configuration (`analyzer.toml`)",
        "",
        "Every key has a default; `ANALYZER_<SECTION>_<KEY>` in the environment overrides it.",
        "Unknown keys are an error. This page is generated by `analyzer config --docs`.",
        "",
        "| key | default | meaning |",
        "|---|---|---|",
    ]
    for s in SETTINGS:
        lines.append(f"| `{s.section}.{s.key}` | `{s.default!r}` | {s.help} |")
    lines += ["", "Each `[[lists]]` table:", "", "| key | default | meaning |", "|---|---|---|"]
    for key, (default, help_text) in LIST_KEYS.items():
        lines.append(f"| `{key}` | `{default!r}` | {help_text} |")
    return "\n".join(lines) + "\n"
