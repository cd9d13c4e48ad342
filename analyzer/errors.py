"""Exceptions named after the condition they report.

The CLI maps ``AnalyzerError`` subclasses to exit code 1 with their message, and
click's usage errors to exit code 2 (architecture §4).
"""


class AnalyzerError(Exception):
    """Base class: a failure the user can act on; its message says what to do."""


class MalformedMessage(AnalyzerError):
    """One record could not be parsed into a message; it is quarantined."""


class UnknownSource(AnalyzerError):
    """A path or URL given to ingest/fetch is not a kind of archive we recognise."""


class FetchIncomplete(AnalyzerError):
    """Some volumes could not be downloaded; the rest were mirrored."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(
            f"{len(missing)} volume(s) could not be fetched: " + ", ".join(missing)
        )


class DecompressionLimit(AnalyzerError):
    """A compressed input expands beyond the configured limit (zip-bomb guard)."""


class ConfigError(AnalyzerError):
    """The configuration file or environment holds an unknown key or a bad value."""


class StoreError(AnalyzerError):
    """The store cannot be opened or migrated."""


class SearchSyntaxError(AnalyzerError):
    """A full-text query the FTS engine could not parse."""
