"""Message anatomy: the author's new text, quotes, forwards, signature, artefacts.

Every later stage (NLP, summaries, digests) reads only what this marks as new
text or forwarded text, so each sentence is seen once and attributed to the
person who wrote it.
"""

from analyzer.anatomy.body import VERSION, analyze_body

__all__ = ["VERSION", "analyze_body"]
