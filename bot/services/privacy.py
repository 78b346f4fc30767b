"""Privacy by design (AVG/GDPR): what is stored about a person, their erasure, and retention.

``export`` gathers everything stored about one person (their own secret ballots included).
``forget`` erases a person's personal data while every closed outcome and the audit chain stay
valid: ballots stay with the seat (without the person), the person row keeps only its id,
their seats become vacant, and one ``person_erased`` event with the id alone joins the chain.
``prune`` deletes technical records after the retention period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import (
    AuditEvent,
    BallotRow,
    Board,
    Broadcast,
    ConversationState,
    InboxUpdate,
    Invite,
    Meeting,
    Motion,
    MotionMessage,
    OutboxMessage,
    Person,
    ProcessedUpdate,
    Rsvp,
    Seat,
    SeatAssignment,
    Substitution,
    utcnow,
)
from bot.services import audit
from bot.services.boards import end_substitutions
from bot.services.errors import Refusal, ServiceError

#: What an erased person is called wherever a record still points at the row.
ERASED_NAME = "(gewist)"
#: Conversation state (drafts) older than this is removed by :func:`prune` in any case.
CONVERSATION_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class Erasure:
    """What :func:`forget` did, for the person's confirmation."""

    person_id: int
    telegram_user_id: int | None
    seats_vacated: int
    ballots_kept: int
    invites_removed: int
    rsvps_removed: int
    substitutions_revoked: int
    conversations_removed: int
    already_erased: bool = False


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


async def export(db: Database, person_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything stored about the person, as a JSON-ready mapping."""
    now = now or utcnow()
    async with db.transaction() as session:
        person = await session.get(Person, person_id)
        if person is None:
            raise ServiceError(Refusal.UNKNOWN_PERSON, person=person_id)
        return {
            "exported_at": _when(now),
            "person": {
                "id": person.id,
                "name": person.name,
                "username": person.username,
                "telegram_user_id": person.telegram_user_id,
                "language": person.language,
                "telegram_language": person.telegram_language,
                "created_at": _when(person.created_at),
                "erased_at": _when(person.erased_at),
            },
            "seats": await _seats(session, person_id),
            "ballots": await _ballots(session, person_id),
            "rsvps": await _rsvps(session, person_id),
            "invites_created": await _invites(session, Invite.created_by_id == person_id),
            "invites_used": await _invites(session, Invite.used_by_id == person_id),
            "substitutions": await _substitutions(session, person_id),
            "motions_proposed": await _motions(session, person_id),
            "meetings_planned": await _meetings(session, person_id),
            "broadcasts_written": await _broadcasts(session, person_id),
            "broadcasts_received": await _deliveries(session, person_id),
            "audit_events": await _audit_events(session, person_id),
            "conversations": await _conversations(session, person.telegram_user_id),
        }


async def _seats(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(SeatAssignment, Seat, Board)
        .join(Seat, Seat.id == SeatAssignment.seat_id)
        .join(Board, Board.id == Seat.board_id)
        .where(SeatAssignment.person_id == person_id)
        .order_by(SeatAssignment.starts_at, SeatAssignment.id)
    )
    return [
        {
            "board_id": board.id,
            "board": board.name,
            "seat": seat.key,
            "seat_label": seat.label_nl,
            "role": seat.role,
            "starts_at": _when(assignment.starts_at),
            "ends_at": _when(assignment.ends_at),
            "current": assignment.ends_at is None,
        }
        for assignment, seat, board in rows.tuples()
    ]


async def _ballots(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(BallotRow, Motion, Seat)
        .join(Motion, Motion.id == BallotRow.motion_id)
        .join(Seat, Seat.id == BallotRow.seat_id)
        .where(BallotRow.person_id == person_id)
        .order_by(BallotRow.motion_id, Seat.position)
    )
    return [
        {
            "motion_id": motion.id,
            "board_id": motion.board_id,
            "title": motion.title,
            "secret": motion.secret,
            "seat": seat.key,
            "choice": ballot.choice,
            "cast_at": _when(ballot.cast_at),
            "changed_at": _when(ballot.changed_at),
            "changes": ballot.changes,
            "as_substitute": ballot.substitution_id is not None,
        }
        for ballot, motion, seat in rows.tuples()
    ]


async def _rsvps(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Rsvp, Meeting)
        .join(Meeting, Meeting.id == Rsvp.meeting_id)
        .where(Rsvp.person_id == person_id)
        .order_by(Meeting.starts_at, Rsvp.id)
    )
    return [
        {
            "meeting_id": meeting.id,
            "board_id": meeting.board_id,
            "starts_at": _when(meeting.starts_at),
            "present": rsvp.present,
            "answered_at": _when(rsvp.answered_at),
        }
        for rsvp, meeting in rows.tuples()
    ]


async def _invites(session: AsyncSession, which: Any) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Invite, Seat, Board)
        .join(Seat, Seat.id == Invite.seat_id)
        .join(Board, Board.id == Seat.board_id)
        .where(which)
        .order_by(Invite.id)
    )
    return [
        {
            "invite_id": invite.id,
            "board": board.name,
            "seat": seat.key,
            "for_substitute": invite.substitution_id is not None,
            "created_at": _when(invite.created_at),
            "expires_at": _when(invite.expires_at),
            "used_at": _when(invite.used_at),
        }
        for invite, seat, board in rows.tuples()
    ]


async def _substitutions(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Substitution, Seat)
        .join(Seat, Seat.id == Substitution.seat_id)
        .where(or_(Substitution.person_id == person_id, Substitution.named_by_id == person_id))
        .order_by(Substitution.id)
    )
    return [
        {
            "substitution_id": sub.id,
            "board_id": sub.board_id,
            "seat": seat.key,
            "meeting_id": sub.meeting_id,
            "motion_id": sub.motion_id,
            "you_are_the_substitute": sub.person_id == person_id,
            "named_by_you": sub.named_by_id == person_id,
            "created_at": _when(sub.created_at),
            "revoked_at": _when(sub.revoked_at),
        }
        for sub, seat in rows.tuples()
    ]


async def _motions(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    motions = await session.scalars(
        select(Motion).where(Motion.proposer_id == person_id).order_by(Motion.id)
    )
    return [
        {
            "motion_id": m.id,
            "board_id": m.board_id,
            "title": m.title,
            "body": m.body,
            "created_at": _when(m.created_at),
            "status": m.status,
            "result": m.result,
        }
        for m in motions
    ]


async def _meetings(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    meetings = await session.scalars(
        select(Meeting).where(Meeting.created_by_id == person_id).order_by(Meeting.id)
    )
    return [
        {
            "meeting_id": m.id,
            "board_id": m.board_id,
            "starts_at": _when(m.starts_at),
            "location": m.location,
            "status": m.status,
        }
        for m in meetings
    ]


async def _broadcasts(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    broadcasts = await session.scalars(
        select(Broadcast).where(Broadcast.author_id == person_id).order_by(Broadcast.id)
    )
    return [
        {
            "broadcast_id": b.id,
            "board_id": b.board_id,
            "created_at": _when(b.created_at),
            "body": b.body,
        }
        for b in broadcasts
    ]


async def _deliveries(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    deliveries = await session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.person_id == person_id, OutboxMessage.broadcast_id.is_not(None))
        .order_by(OutboxMessage.id)
    )
    return [
        {"broadcast_id": d.broadcast_id, "status": d.status, "done_at": _when(d.sent_at)}
        for d in deliveries
    ]


async def _audit_events(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """Events whose payload names the person's id (as the actor ``by`` or as ``person``)."""
    events = await session.scalars(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.payload["by"].as_integer() == person_id,
                AuditEvent.payload["person"].as_integer() == person_id,
            )
        )
        .order_by(AuditEvent.id)
    )
    return [
        {
            "event_id": e.id,
            "kind": e.kind,
            "board_id": e.board_id,
            "created_at": _when(e.created_at),
            "payload": e.payload,
        }
        for e in events
    ]


async def _conversations(
    session: AsyncSession, telegram_user_id: int | None
) -> list[dict[str, Any]]:
    """When a conversation of theirs was last saved (the drafts themselves are not exported)."""
    if telegram_user_id is None:
        return []
    stamps = await session.scalars(
        select(ConversationState.updated_at)
        .where(ConversationState.telegram_user_id == telegram_user_id)
        .order_by(ConversationState.updated_at)
    )
    return [{"updated_at": _when(stamp)} for stamp in stamps]


async def forget(db: Database, person_id: int, now: datetime | None = None) -> Erasure:
    """Erase the person's personal data; keep closed outcomes and the audit chain valid.

    Kept: the person row with only its id (name a placeholder), their ballots on the seat
    without the person, past seat assignments, attendance and substitutions (by id), and the
    audit log, which holds ids only. Removed: name, username, Telegram id and language; seats
    held now (they become vacant); open invites they created; answers to meetings to come;
    substitutions they hold for meetings to come or open proposals; the bot's message records
    and broadcast deliveries to their chat; their conversation drafts and finished updates.
    """
    now = now or utcnow()
    async with db.transaction() as session:
        person = await session.get(Person, person_id)
        if person is None:
            raise ServiceError(Refusal.UNKNOWN_PERSON, person=person_id)
        telegram_user_id = person.telegram_user_id
        if person.erased_at is not None:
            return Erasure(person_id, None, 0, 0, 0, 0, 0, 0, already_erased=True)
        # The chain's lock before any row: a press takes it before it writes its ballot, so
        # taking it only to append the event (after the ballots below) could deadlock with one.
        await audit.lock_chain(session)

        held = list(
            await session.scalars(
                select(SeatAssignment.seat_id).where(
                    SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None)
                )
            )
        )
        seats = await _count(
            session,
            update(SeatAssignment)
            .where(SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None))
            .values(ends_at=now),
        )
        # the substitutes they named for their seats stood for them: they go with the seat
        await end_substitutions(session, held, now)
        ballots = await _count(
            session,
            update(BallotRow).where(BallotRow.person_id == person_id).values(person_id=None),
        )
        open_invite = and_(Invite.used_at.is_(None), Invite.expires_at > now)
        invites = await _count(
            session, delete(Invite).where(Invite.created_by_id == person_id, open_invite)
        )
        future_meeting = select(Meeting.id).where(
            Meeting.starts_at > now, Meeting.status == "planned"
        )
        rsvps = await _count(
            session,
            delete(Rsvp).where(Rsvp.person_id == person_id, Rsvp.meeting_id.in_(future_meeting)),
        )
        open_motion = select(Motion.id).where(Motion.status == "open")
        standing = and_(
            Substitution.person_id == person_id,
            Substitution.revoked_at.is_(None),
            or_(
                Substitution.meeting_id.in_(future_meeting),
                Substitution.motion_id.in_(open_motion),
            ),
        )
        revoked = list(await session.scalars(select(Substitution.id).where(standing)))
        if revoked:
            await session.execute(
                update(Substitution).where(Substitution.id.in_(revoked)).values(revoked_at=now)
            )
            # an unused invite for one of them would let someone else step in
            await session.execute(
                delete(Invite).where(Invite.substitution_id.in_(revoked), Invite.used_at.is_(None))
            )
        await session.execute(delete(MotionMessage).where(MotionMessage.person_id == person_id))
        await session.execute(delete(OutboxMessage).where(OutboxMessage.person_id == person_id))
        conversations = 0
        if telegram_user_id is not None:
            conversations = await _count(
                session,
                delete(ConversationState).where(
                    ConversationState.telegram_user_id == telegram_user_id
                ),
            )
            await session.execute(
                delete(InboxUpdate).where(
                    InboxUpdate.lane.like(f"%:{telegram_user_id}"),
                    InboxUpdate.done_at.is_not(None),
                )
            )

        person.name = ERASED_NAME
        person.username = None
        person.telegram_user_id = None
        person.language = None
        person.telegram_language = None
        person.erased_at = now
        await session.flush()
        await audit.append(session, "person_erased", None, person=person_id)
        return Erasure(
            person_id,
            telegram_user_id,
            seats_vacated=seats,
            ballots_kept=ballots,
            invites_removed=invites,
            rsvps_removed=rsvps,
            substitutions_revoked=len(revoked),
            conversations_removed=conversations,
        )


async def _count(session: AsyncSession, statement: Any) -> int:
    result = await session.execute(statement)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def prune(
    db: Database, *, older_than_days: int, now: datetime | None = None
) -> dict[str, int]:
    """Delete records kept only for running the bot, once older than the retention period.

    Processed update ids and finished inbox updates received (or finished) before the cutoff,
    invites that expired or were used before it, and conversation state untouched for a day.
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    now = now or utcnow()
    cutoff = now - timedelta(days=older_than_days)
    async with db.transaction() as session:
        counts = {
            "processed_updates": await _count(
                session, delete(ProcessedUpdate).where(ProcessedUpdate.received_at < cutoff)
            ),
            "invites": await _count(
                session,
                delete(Invite).where(
                    or_(
                        Invite.used_at < cutoff,
                        and_(Invite.used_at.is_(None), Invite.expires_at < cutoff),
                    )
                ),
            ),
            "inbox_updates": await _count(
                session,
                delete(InboxUpdate).where(
                    InboxUpdate.done_at.is_not(None), InboxUpdate.done_at < cutoff
                ),
            ),
            "conversation_states": await _count(
                session,
                delete(ConversationState).where(
                    ConversationState.updated_at < now - CONVERSATION_RETENTION
                ),
            ),
            "outbox": await _count(
                session,
                delete(OutboxMessage).where(
                    OutboxMessage.status != "pending", OutboxMessage.created_at < cutoff
                ),
            ),
        }
    return counts
