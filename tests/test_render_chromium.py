"""The HTML digest in a real browser: headless Chromium renders it, logs nothing, runs nothing.

String checks on the HTML can miss what a browser does with it (a parser quirk that
turns text into a tag, an image that fails to decode), so these tests open the file
digest.html that ``write_digest`` wrote, take a screenshot and dump the DOM.
Chromium is Debian's package (``make chromium``). Locally a missing browser skips
with the reason; under CI it is an error, so the check can never silently vanish.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

from test_render import HOSTILE_IMG, HOSTILE_SCRIPT, hostile_digest, sample_digest

from analyzer.report.render import write_digest

WIDTH = 640
CONSOLE = re.compile(r":CONSOLE[:(\]]|Uncaught", re.I)
OKABE_BLUE = (0x00, 0x72, 0xB2)
PAGE_BACKGROUND = (0xEE, 0xF1, 0xF4)


def _run(chromium: str, work: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless run with a fresh profile, no network services, console on stderr."""
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
        "--enable-logging=stderr", "--v=0", *args, page.resolve().as_uri(),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def _screenshot(chromium: str, work: Path, page: Path, height: int) -> tuple[Path, str]:
    shot = work / f"{page.parent.name}.png"
    result = _run(chromium, work, page, f"--screenshot={shot}", f"--window-size={WIDTH},{height}")
    return shot, result.stderr


def _dom(chromium: str, work: Path, page: Path):
    from bs4 import BeautifulSoup

    result = _run(chromium, work, page, "--dump-dom")
    return BeautifulSoup(result.stdout, "html.parser"), result.stderr


def _pixels_near(image, colour: tuple[int, int, int], tolerance: int = 8) -> int:
    rgb = image.convert("RGB")
    return sum(
        count for count, pixel in rgb.getcolors(rgb.width * rgb.height)
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
    )


def test_digest_renders_with_charts_and_no_console_errors(chromium, tmp_path):
    from PIL import Image

    write_digest(sample_digest(), tmp_path / "sample", formats={"html"})
    page = tmp_path / "sample" / "digest.html"
    shot, stderr = _screenshot(chromium, tmp_path, page, 6000)
    assert _console_lines(stderr) == []
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(shot) as image:
        assert image.size == (WIDTH, 6000)
        colours = image.convert("RGB").getcolors(WIDTH * 6000)
        assert colours is not None and len(colours) > 50  # text, badges, charts: not blank
        # The activity chart's bar for this week is Okabe-Ito blue: the PNGs decoded.
        assert _pixels_near(image, OKABE_BLUE) > 2000


def test_digest_fits_a_phone_and_the_email_width(chromium, tmp_path):
    from PIL import Image

    write_digest(sample_digest(), tmp_path / "phone", formats={"html"}, charts=False)
    page = tmp_path / "phone" / "digest.html"
    for width in (360, 414, WIDTH):
        shot = tmp_path / f"w{width}.png"
        _run(chromium, tmp_path, page, f"--screenshot={shot}", f"--window-size={width},1200",
             "--hide-scrollbars")
        with Image.open(shot) as image:
            # Nothing wider than the screen: the page background still shows at its right edge.
            edge = image.convert("RGB").crop((width - 2, 100, width, 1100))
            assert edge.getcolors() == [(2 * 1000, PAGE_BACKGROUND)], width


def test_hostile_content_stays_text_in_the_browser(chromium, tmp_path):
    digest = hostile_digest()
    digest = replace(digest, list=f"chapter-leaders</title>{HOSTILE_SCRIPT}")
    write_digest(digest, tmp_path / "hostile", formats={"html"})
    page = tmp_path / "hostile" / "digest.html"
    dom, stderr = _dom(chromium, tmp_path, page)
    assert _console_lines(stderr) == []
    assert dom.find("script") is None
    assert not [tag for tag in dom.find_all(True)
                if any(attr.lower().startswith("on") for attr in tag.attrs)]
    assert all(a["href"].startswith("https://") for a in dom.find_all("a"))
    assert all(img["src"].startswith("data:image/png;base64,") for img in dom.find_all("img"))
    assert HOSTILE_SCRIPT in dom.title.get_text()
    body = dom.body.get_text()
    assert HOSTILE_SCRIPT in body and HOSTILE_IMG in body
    shot, stderr = _screenshot(chromium, tmp_path, page, 2000)
    assert shot.stat().st_size > 10_000 and _console_lines(stderr) == []


def test_console_scan_catches_a_page_that_errs(chromium, tmp_path):
    """The detector itself: a page with a failing script must be caught."""
    page = tmp_path / "bad" / "index.html"
    page.parent.mkdir()
    page.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom');"
                    "missingFunction();</script>", encoding="utf-8")
    _, stderr = _dom(chromium, tmp_path, page)
    lines = _console_lines(stderr)
    assert any("boom" in line for line in lines)
    assert any("Uncaught" in line for line in lines)
