"""Logging with the bot token redacted from every line, tracebacks included."""

from __future__ import annotations

import logging

REDACTED = "[TOKEN]"


class RedactingFormatter(logging.Formatter):
    """Replaces the secrets it knows in the finished line, so no path can leak them."""

    def __init__(self, secrets: list[str], fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, REDACTED)
        return line


def setup_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler"):  # httpx logs request URLs
        logging.getLogger(noisy).setLevel(logging.WARNING)
