"""A small per-user flood gate: too many updates in a short window are dropped politely."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class FloodGate:
    """At most ``limit`` updates per ``window`` seconds per user; the first excess one is told."""

    limit: int = 20
    window: float = 10.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned: set[int] = field(default_factory=set)

    def admit(self, user_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        self._warned.discard(user_id)
        return True

    def should_warn(self, user_id: int) -> bool:
        """True once per flood, so the user hears about it a single time."""
        if user_id in self._warned:
            return False
        self._warned.add(user_id)
        return True
