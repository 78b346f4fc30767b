"""Plain, immutable views that services hand to handlers (no lazy ORM objects leave a service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PersonView:
    id: int
    telegram_user_id: int | None
    name: str
    language: str
    chosen_language: str | None
    is_demo: bool


@dataclass(frozen=True)
class BoardRef:
    id: int
    name: str
    agreement_id: str
    group_chat_id: int | None = None
    is_demo: bool = False


@dataclass(frozen=True)
class SeatLine:
    """A seat on a board with its holder now (None: vacant)."""

    key: str
    label_nl: str
    label_en: str
    role: str
    delegation: str | None
    votes: bool
    holder: str | None
    holder_is_demo: bool = False

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class BoardOverview:
    board: BoardRef
    seats: tuple[SeatLine, ...]

    @property
    def vacant(self) -> tuple[SeatLine, ...]:
        return tuple(s for s in self.seats if s.holder is None)


@dataclass(frozen=True)
class HeldSeat:
    """A seat a person holds now, with its board."""

    board: BoardRef
    seat: SeatLine
    since: datetime


@dataclass(frozen=True)
class InviteCode:
    code: str
    board: BoardRef
    seat: SeatLine
    expires_at: datetime


@dataclass(frozen=True)
class Claim:
    held: HeldSeat
    already_yours: bool = False
