"""Logging with the bot token redacted from every line, tracebacks included."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

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


class JsonFormatter(RedactingFormatter):
    """One JSON object per line (time, level, logger, message, exception), secrets redacted.

    werkbot logs ids and counts, never message contents, so the lines hold no conversation.
    """

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = self._redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def setup_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter(secrets))
    else:
        handler.setFormatter(
            RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "bm25s"):  # httpx logs request URLs
        logging.getLogger(noisy).setLevel(logging.WARNING)
