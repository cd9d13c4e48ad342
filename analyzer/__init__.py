"""analyzer: mailing-list digest and thread analyzer.

Ingests Pipermail, HyperKitty and mbox archives into a threaded SQLite store.
"""

__version__ = "0.1.0"
