"""Cue lexicons for the passage classifier (``analyzer.nlp.passages``).

Plain Python data so that packaging needs nothing beyond the package itself.
Each module groups the cues of one phenomenon, in English, French, Spanish,
Portuguese and (sparingly) German and Italian; patterns are regular-expression
fragments compiled case-insensitively unless their name says otherwise.
"""
