"""Charts for the digest: small, colour-blind-safe PNGs (and optional SVGs) from a Digest.

Each chart is drawn on its own ``Figure`` with an explicit Agg canvas, so nothing here
touches pyplot's global state or the backend a notebook chose. Fonts, sizes and
metadata are fixed so that re-running a digest gives byte-identical files (a digest
that changes only because a timestamp moved inside a PNG would defeat "did anything
change?" checks and email deduplication). Matplotlib is imported lazily: importing
this module must stay cheap for ``analyzer --help``.

Charts are sized for email: 6 x ~3 inches at 200 dpi is 1200 px wide, shown at 600 CSS
px (2x for high-density screens), so a 10-point label is about 14 px on screen.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analyzer.report.model import Digest

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
CURRENT = OKABE_ITO["blue"]
OTHER = "#A6CEE3"  # a light tint of sky blue: background bars, never the point of a chart
NEW = OKABE_ITO["orange"]
KNOWN = OKABE_ITO["blue"]

DPI = 200
WIDTH_IN = 6.0
TOP_N = 10
LABEL_CHARS = 38
PNG_COLOURS = 64

CHART_TITLES = {
    "activity": "Messages per week",
    "participants": "Most active participants",
    "threads": "Busiest threads",
    "officials": "Officials named",
    "countries": "Countries mentioned",
}
CHART_IDS = tuple(CHART_TITLES)

_RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "text.color": "#222222",
    "axes.labelcolor": "#222222",
    "legend.frameon": False,
    "legend.fontsize": 10,
    "svg.hashsalt": "analyzer-digest",
    "svg.fonttype": "none",
    "path.simplify": True,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
}
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def chart_label(text: str, limit: int = LABEL_CHARS) -> str:
    """Make untrusted text safe for a Matplotlib label.

    ``$`` would start mathtext (a hostile subject could make the renderer raise), and
    control characters would draw as boxes; long subjects would squeeze the bars.
    """
    text = _CONTROL.sub(" ", text or "").strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("$", r"\$")


def render_charts(
    digest: Digest, formats: tuple[str, ...] = ("png",)
) -> dict[str, dict[str, bytes]]:
    """Draw every chart that has data: ``{chart_id: {"png": bytes, "svg": bytes}}``.

    Charts without data are left out rather than drawn empty: an empty axis in an
    email reads as a bug. The order is fixed (``CHART_IDS``).
    """
    import matplotlib

    out: dict[str, dict[str, bytes]] = {}
    with matplotlib.rc_context(_RC):
        for chart_id in CHART_IDS:
            fig = _DRAW[chart_id](digest)
            if fig is not None:
                out[chart_id] = {fmt: _save(fig, fmt) for fmt in formats}
    return out


def chart_pngs(digest: Digest) -> dict[str, bytes]:
    """PNG bytes per chart id: what the HTML renderer embeds and the email attaches."""
    return {cid: files["png"] for cid, files in render_charts(digest).items()}


def write_charts(digest: Digest, out_dir: Path, svg: bool = False) -> dict[str, Path]:
    """Write ``charts/<id>.png`` (and ``.svg``) under ``out_dir``; return the PNG paths.

    File names come from the fixed chart ids, never from content.
    """
    formats = ("png", "svg") if svg else ("png",)
    charts_dir = Path(out_dir) / "charts"
    paths: dict[str, Path] = {}
    for chart_id, files in render_charts(digest, formats).items():
        charts_dir.mkdir(parents=True, exist_ok=True)
        for fmt, data in files.items():
            path = charts_dir / f"{chart_id}.{fmt}"
            path.write_bytes(data)
            if fmt == "png":
                paths[chart_id] = path
    return paths


def _save(fig: Any, fmt: str) -> bytes:
    """Serialise with fixed metadata so identical digests give identical bytes."""
    buf = io.BytesIO()
    metadata = _PNG_METADATA if fmt == "png" else _SVG_METADATA
    fig.savefig(buf, format=fmt, metadata=metadata)
    return _shrink_png(buf.getvalue()) if fmt == "png" else buf.getvalue()


def _shrink_png(data: bytes) -> bytes:
    """Quantise to a 64-colour palette: a quarter of the bytes, no visible change.

    Flat bars and anti-aliased text need few colours; small images matter because
    the HTML digest embeds them and mail clients clip large messages.
    """
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
    palette = rgb.quantize(colors=PNG_COLOURS, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True, dpi=(DPI, DPI))
    return out.getvalue()


def _new_figure(rows: int) -> tuple[Any, Any]:
    """A figure on an Agg canvas whose height grows with the number of bars."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = min(5.5, max(2.4, 0.9 + 0.3 * rows))
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _barh(
    title: str,
    xlabel: str,
    items: list[tuple[str, int, bool | None]],
    legend: tuple[str, str],
    colour: str | None = None,
) -> Any:
    """A horizontal bar chart, largest first; ``flag`` picks NEW/KNOWN colours."""
    from matplotlib.patches import Patch

    items = items[:TOP_N]
    fig, ax = _new_figure(len(items) + (1 if legend[0] else 0))
    labels = [chart_label(label) for label, _, _ in items]
    values = [value for _, value, _ in items]
    colours = [colour or (NEW if flag else KNOWN) for _, _, flag in items]
    ypos = list(range(len(items)))
    ax.barh(ypos, values, color=colours, height=0.7)
    ax.set_yticks(ypos, labels)
    ax.invert_yaxis()
    _title(fig, title)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.bar_label(ax.containers[0], padding=3, fontsize=10)
    ax.margins(x=0.12)
    if legend[0] and any(flag for _, _, flag in items):
        handles = [Patch(color=NEW, label=legend[0]), Patch(color=KNOWN, label=legend[1])]
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


def _title(fig: Any, title: str) -> None:
    """Title at the figure's left edge, where an email reader's eye starts."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")


def _activity(digest: Digest) -> Any:
    """Messages per ISO week with the digest's own week picked out in colour and text."""
    weeks = digest.weekly
    if not weeks or not any(w.messages for w in weeks):
        return None
    fig, ax = _new_figure(4)
    xpos = list(range(len(weeks)))
    values = [w.messages for w in weeks]
    ax.bar(xpos, values, color=[CURRENT if w.current else OTHER for w in weeks], width=0.75)
    ax.set_xticks(xpos, [w.week.split("-")[-1] for w in weeks])
    for tick, week in zip(ax.get_xticklabels(), weeks, strict=True):
        if week.current:
            tick.set_fontweight("bold")
    for x, week in zip(xpos, weeks, strict=True):
        if week.current:
            ax.annotate(f"{week.messages}\n{_this(digest)}", (x, week.messages), ha="center",
                        va="bottom", xytext=(0, 3), textcoords="offset points", fontsize=10,
                        color=CURRENT, fontweight="bold")
    _title(fig, f"{CHART_TITLES['activity']} (last {len(weeks)} weeks)")
    ax.set_xlabel(f"ISO week, {_year_span(weeks[0].week, weeks[-1].week)}")
    ax.set_ylabel("Messages")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.margins(y=0.25)
    return fig


def _participants(digest: Digest) -> Any:
    """Who wrote most this period; first-time writers in orange (worth a welcome)."""
    people = sorted(digest.participants, key=lambda p: (-p.messages, p.name))
    if not people:
        return None
    items = [(_with_country(p.name, p.country), p.messages, p.new) for p in people]
    return _barh(CHART_TITLES["participants"], f"Messages {_this(digest)}", items,
                 ("First message on the list", "Wrote before"))


def _threads(digest: Digest) -> Any:
    """Thread sizes this period: where the conversation was."""
    threads = sorted(digest.threads, key=lambda t: (-t.messages, t.subject))
    if not threads:
        return None
    items = [(t.subject, t.messages, t.status == "new") for t in threads]
    return _barh(CHART_TITLES["threads"], f"Messages {_this(digest)}", items,
                 ("New thread", "Continuing"))


def _officials(digest: Digest) -> Any:
    """Officials by mentions this period; newly named ones in orange."""
    officials = sorted(digest.officials, key=lambda o: (-o.mentions, o.name))
    officials = [o for o in officials if o.mentions > 0]
    if not officials:
        return None
    items = [(_with_country(o.name, o.country), o.mentions, o.new) for o in officials]
    return _barh(CHART_TITLES["officials"], f"Mentions {_this(digest)}", items,
                 ("Named for the first time", "Named before"))


def _countries(digest: Digest) -> Any:
    """Countries by mentions this period."""
    counts = sorted(((c, n) for c, n in digest.countries.items() if n > 0),
                    key=lambda item: (-item[1], item[0]))
    if not counts:
        return None
    items = [(country, n, None) for country, n in counts]
    return _barh(CHART_TITLES["countries"], f"Mentions {_this(digest)}", items, ("", ""),
                 colour=OKABE_ITO["green"])


def _this(digest: Digest) -> str:
    return "this week" if re.match(r"^\d{4}-W\d{2}$", digest.period) else "this period"


def _year_span(first_week: str, last_week: str) -> str:
    first, last = first_week[:4], last_week[:4]
    return first if first == last else f"{first}–{last}"


def _with_country(name: str, country: str) -> str:
    return f"{name} ({country})" if country else name


_DRAW: dict[str, Callable[[Digest], Any]] = {
    "activity": _activity,
    "participants": _participants,
    "threads": _threads,
    "officials": _officials,
    "countries": _countries,
}
