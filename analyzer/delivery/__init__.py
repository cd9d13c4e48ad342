"""Email delivery of rendered digests: MIME building, SMTP sending, the outbox.

Delivery takes a rendered digest and never reads the store (architecture §3);
the sent ledger lives in the store and is consulted by ``analyzer.jobs``.
"""
