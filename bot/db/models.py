"""The database schema (SQLAlchemy 2, typed). Invariants are constraints, not Python checks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[int]: JSON(),
    }


class Board(Base):
    """A board (bestuur) set up from one agreement."""

    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    vice_chair_seat_id: Mapped[int | None] = mapped_column(
        ForeignKey("seats.id", ondelete="SET NULL", use_alter=True)
    )
    # The board's settings: their defaults live here and only here (migrations copy none).
    #: Seat roles that may put a proposal to the board ("vice_chair" is the chosen vice-chair).
    proposer_roles: Mapped[list[str]] = mapped_column(
        default=lambda: ["chair", "vice_chair", "secretary", "deputy_secretary"]
    )
    #: Seat roles that may close a vote before its deadline (and manage its follow-up).
    closer_roles: Mapped[list[str]] = mapped_column(
        default=lambda: ["chair", "vice_chair", "secretary", "deputy_secretary"]
    )
    #: Minutes before a deadline at which members who have not voted are reminded.
    reminder_minutes: Mapped[list[int]] = mapped_column(default=lambda: [24 * 60, 60])
    #: Minutes before a meeting at which every seat holder is reminded (7 days and 1 day).
    meeting_reminder_minutes: Mapped[list[int]] = mapped_column(
        default=lambda: [7 * 24 * 60, 24 * 60]
    )
    #: Seat keys whose holders may send a substitute (None: every voting seat; []: none).
    substitute_seats: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    #: The board's quorum (a QuorumRule as a mapping), used when the agreement sets none.
    quorum: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    seats: Mapped[list[Seat]] = relationship(
        back_populates="board", order_by="Seat.position", foreign_keys="Seat.board_id"
    )


class Seat(Base):
    """One seat on a board, expanded from the agreement's seat kinds."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("board_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(default=0)
    spec: Mapped[str] = mapped_column(String(40))
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    delegation: Mapped[str | None] = mapped_column(String(40))
    party: Mapped[str | None] = mapped_column(String(40))
    votes: Mapped[bool] = mapped_column(Boolean)

    board: Mapped[Board] = relationship(back_populates="seats", foreign_keys=[board_id])

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


class Person(Base):
    """Someone who talks to the bot (or a fictional demo member)."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(2))
    telegram_language: Mapped[str | None] = mapped_column(String(16))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Set when the person asked to be forgotten: the row keeps only its id for the records.
    erased_at: Mapped[datetime | None] = mapped_column()


class SeatAssignment(Base):
    """Who held a seat from when to when; the open row (``ends_at`` NULL) is the holder now."""

    __tablename__ = "seat_assignments"
    __table_args__ = (
        Index(
            "uq_seat_assignments_current",
            "seat_id",
            unique=True,
            sqlite_where=text("ends_at IS NULL"),
            postgresql_where=text("ends_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime | None] = mapped_column()

    seat: Mapped[Seat] = relationship()
    person: Mapped[Person] = relationship()


class Invite(Base):
    """A single-use, expiring code for one seat; only its SHA-256 is stored."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    #: Set when the invite names a substitute rather than a seat holder.
    substitution_id: Mapped[int | None] = mapped_column(
        ForeignKey("substitutions.id", ondelete="CASCADE", use_alter=True)
    )

    seat: Mapped[Seat] = relationship()


class AuditEvent(Base):
    """An append-only, hash-chained record of a state change. Ids only, never names."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    board_id: Mapped[int | None] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class ProcessedUpdate(Base):
    """Telegram updates already handled, so a replayed ``update_id`` is processed once."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboxUpdate(Base):
    """An update from Telegram, stored before it is acknowledged and processed from here.

    ``lane`` orders one user's updates (``chat:user``): a worker takes the oldest unfinished
    update of a lane only when no other worker holds that lane. A lease that runs out (its
    worker died) lets another worker take the update again.
    """

    __tablename__ = "inbox_updates"
    __table_args__ = (
        # partial: the done rows (most of the table) are not in these indexes at all
        Index(
            "ix_inbox_updates_pending",
            "update_id",
            postgresql_where=text("done_at IS NULL"),
            sqlite_where=text("done_at IS NULL"),
        ),
        Index(
            "ix_inbox_updates_lane_pending",
            "lane",
            "update_id",
            postgresql_where=text("done_at IS NULL"),
            sqlite_where=text("done_at IS NULL"),
        ),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[str] = mapped_column(Text)
    lane: Mapped[str] = mapped_column(String(48))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    leased_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    done_at: Mapped[datetime | None] = mapped_column()


class OutboxMessage(Base):
    """A message the bot sends on its own initiative, stored in the transaction that decided
    to send it (the outbox): a new message, an edit of one sent before, or a document.

    Any worker claims pending rows, sends them one at a time and records each as sent, so a
    worker that dies leaves the rest to another and at most the one in hand goes out twice.
    ``key`` makes producing the same message again (a retried close) store nothing new.
    ``remember`` records the sent message under its motion, to be edited later; ``broadcast_id``
    makes the row a delivery of that broadcast (its report counts these rows).
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    method: Mapped[str] = mapped_column(String(10), default="send")
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    markup: Mapped[dict[str, Any] | None] = mapped_column()
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    filename: Mapped[str | None] = mapped_column(String(120))
    motion_id: Mapped[int | None] = mapped_column(
        ForeignKey("motions.id", ondelete="CASCADE"), index=True
    )
    remember: Mapped[str | None] = mapped_column(String(10))
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    not_before: Mapped[datetime | None] = mapped_column()
    claimed_at: Mapped[datetime | None] = mapped_column()
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column()


class ConversationState(Base):
    """Where a person is in a step-by-step conversation, and their draft, for any worker."""

    __tablename__ = "conversation_states"

    lane: Mapped[str] = mapped_column(String(48), primary_key=True)
    states: Mapped[dict[str, Any]] = mapped_column(default=dict)
    drafts: Mapped[bytes | None] = mapped_column(LargeBinary)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Motion(Base):
    """A proposal put to a board; closed once, by a person or at its deadline."""

    __tablename__ = "motions"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime] = mapped_column()
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="open")
    closed_at: Mapped[datetime | None] = mapped_column()
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    result: Mapped[str | None] = mapped_column(String(12))
    #: The vice-chair seat at the close, so the outcome can be recomputed exactly later.
    vice_chair_key: Mapped[str | None] = mapped_column(String(60))
    #: The meeting the motion belongs to: its attendance counts as presence for the decision.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL", use_alter=True)
    )
    #: The seats present by the meeting's attendance at the close (None: no meeting counted).
    present_keys: Mapped[list[str] | None] = mapped_column()
    announced_at: Mapped[datetime | None] = mapped_column()
    # when a worker last edited the tally messages: one edit per interval across all workers
    tally_edited_at: Mapped[datetime | None] = mapped_column()
    #: Show only how many have voted until the close.
    tally_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The quorum in force at the close (a QuorumRule as a mapping), to recompute it later.
    quorum: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    #: Follow-up of an adopted decision: who owns it, when to review it, when it was done.
    follow_up_owner: Mapped[str | None] = mapped_column(String(200))
    review_on: Mapped[date | None] = mapped_column(Date)
    follow_up_done_at: Mapped[datetime | None] = mapped_column()
    #: The agreement's subject the proposal is on (None: the default procedure).
    subject: Mapped[str | None] = mapped_column(String(40))
    #: Voted on again after a tie deferred it (a tie now follows the step's ``tie_again``).
    revote: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Its previous meeting was adjourned for lack of quorum.
    adjourned: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The deferred motion this one continues at the next meeting.
    deferred_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("motions.id", ondelete="SET NULL")
    )


class BallotRow(Base):
    """A seat's current ballot on a motion: one row per motion and seat, by constraint."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("motion_id", "seat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    choice: Mapped[str] = mapped_column(String(8))
    cast_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime | None] = mapped_column()
    changes: Mapped[int] = mapped_column(default=0)
    #: Set when a substitute cast the ballot for the seat.
    substitution_id: Mapped[int | None] = mapped_column(
        ForeignKey("substitutions.id", ondelete="SET NULL")
    )


class Substitution(Base):
    """A substitute for one seat, for one meeting (its motions) or one motion.

    While it stands, only the substitute can cast or change the seat's one ballot on the
    motions it covers. ``person_id`` is empty until an invite for it is claimed.
    """

    __tablename__ = "substitutions"
    __table_args__ = (
        CheckConstraint("(meeting_id IS NULL) <> (motion_id IS NULL)", name="one_scope"),
        Index(
            "uq_substitutions_motion",
            "seat_id",
            "motion_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL AND motion_id IS NOT NULL"),
            postgresql_where=text("revoked_at IS NULL AND motion_id IS NOT NULL"),
        ),
        Index(
            "uq_substitutions_meeting",
            "seat_id",
            "meeting_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL AND meeting_id IS NOT NULL"),
            postgresql_where=text("revoked_at IS NULL AND meeting_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    motion_id: Mapped[int | None] = mapped_column(
        ForeignKey("motions.id", ondelete="CASCADE"), index=True
    )
    named_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()


class MotionMessage(Base):
    """A message the bot sent about a motion, so it can be edited later (tally, close)."""

    __tablename__ = "motion_messages"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))


class ScheduledWork(Base):
    """Work that must happen once at a time (a close, a reminder), claimed atomically."""

    __tablename__ = "scheduled_work"
    __table_args__ = (UniqueConstraint("kind", "motion_id", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    due_at: Mapped[datetime] = mapped_column(index=True)
    claimed_at: Mapped[datetime | None] = mapped_column()
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None] = mapped_column()
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Broadcast(Base):
    """A message from the secretary to every seat holder (and optionally the group)."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_at: Mapped[datetime | None] = mapped_column()


class Meeting(Base):
    """A board meeting; ``sequence`` grows with every change so calendars update the entry."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column()
    location: Mapped[str] = mapped_column(String(300))
    agenda: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="planned")
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rsvp(Base):
    """A seat holder's answer to a meeting invitation: one per meeting and person."""

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    present: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClockWarning(Base):
    """A warning of the agreement's clock that was sent: each (board, key) once, by constraint."""

    __tablename__ = "clock_warnings"
    __table_args__ = (UniqueConstraint("board_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class BotIdentity(Base):
    """Who the bot is on Telegram, as getMe told a starting worker: one row (id 1). The command
    line's invite links use its username unless BOT_USERNAME overrides it."""

    __tablename__ = "bot_identity"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    username: Mapped[str] = mapped_column(String(64))
    learned_at: Mapped[datetime] = mapped_column(default=utcnow)
