"""Weekly digests: assembly from the store, summaries, charts and renderers."""
