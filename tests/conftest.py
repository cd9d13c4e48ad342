"""Shared pytest fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (corpora, eval sets), next to the repository.

    Real archive samples are too large to copy into the repo, so tests read them in
    place.  Locally a missing folder skips with the reason; under CI it is an error,
    so a broken checkout can never turn into a silently green run.
    """
    path = Path(__file__).resolve().parents[1].parent / "shared"
    if not path.is_dir():
        reason = f"shared data folder not found at {path} (tests read real archives from it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this is an error")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    """Headless Chromium's path; skipped locally when missing, an error under CI."""
    path = shutil.which("chromium")
    if path is None:
        reason = "chromium not found on PATH (install it with `make chromium`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this is an error")
        pytest.skip(reason)
    return path
