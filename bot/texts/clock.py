"""The time zone every text shows times in: the ``TIME_ZONE`` setting, set once at start-up."""

from __future__ import annotations

from zoneinfo import ZoneInfo

_zone = ZoneInfo("Europe/Amsterdam")


def set_zone(zone: ZoneInfo) -> None:
    """Use ``zone`` for every date and time shown from now on (the process-wide setting)."""
    global _zone
    _zone = zone


def zone() -> ZoneInfo:
    return _zone
