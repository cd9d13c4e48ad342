"""spaCy NLP: officials, engagement stories, challenges, calls to action, events.

Reads only what anatomy marked as new text, forwarded messages and signatures,
returns records; the store writes them (architecture §3: nlp never touches the
store).  Heavy imports happen inside the functions.
"""

from analyzer.nlp.runner import PIPELINE_VERSION, analyze_texts, build_pipeline, nlp_version

__all__ = ["PIPELINE_VERSION", "analyze_texts", "build_pipeline", "nlp_version"]
