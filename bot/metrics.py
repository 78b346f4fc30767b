"""Prometheus metrics: counts and a queue depth, never names, ids or message contents."""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
)

REGISTRY = CollectorRegistry()

UPDATES_RECEIVED = Counter(
    "werkbot_updates_received",
    "Updates stored in the inbox (duplicates included)",
    registry=REGISTRY,
)
UPDATES_PROCESSED = Counter(
    "werkbot_updates_processed", "Updates processed and marked done", registry=REGISTRY
)
BALLOTS = Counter("werkbot_ballots", "Ballots cast or changed", registry=REGISTRY)
SEND_FAILURES = Counter(
    "werkbot_send_failures",
    "Messages Telegram refused or that could not be sent",
    registry=REGISTRY,
)
TELEGRAM_429 = Counter(
    "werkbot_telegram_429", "Flood-control answers (429) from Telegram", registry=REGISTRY
)
WEBHOOK_REFUSED = Counter(
    "werkbot_webhook_refused", "Webhook requests without the right secret", registry=REGISTRY
)
INBOX_DEPTH = Gauge("werkbot_inbox_depth", "Stored updates not processed yet", registry=REGISTRY)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, with its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
