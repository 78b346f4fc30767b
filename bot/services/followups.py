"""Follow-up of adopted decisions: an owner, a review date, a reminder to the secretary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import Motion, ScheduledWork, utcnow
from bot.services import audit
from bot.services.boards import load_board
from bot.services.errors import Refusal, ServiceError
from bot.services.motions import may_close

REVIEW = "review"
#: The reminder goes out at this local time on the review date.
REVIEW_HOUR = time(9, 0)
MAX_OWNER = 200


@dataclass(frozen=True)
class FollowUp:
    motion_id: int
    board_id: int
    title: str
    owner: str
    review_on: date
    done: bool


def _view(motion: Motion) -> FollowUp:
    assert motion.follow_up_owner is not None
    assert motion.review_on is not None
    return FollowUp(
        motion.id,
        motion.board_id,
        motion.title,
        motion.follow_up_owner,
        motion.review_on,
        motion.follow_up_done_at is not None,
    )


async def _drop_reviews(session: AsyncSession, motion_id: int, now: datetime) -> None:
    """Mark the motion's pending review reminders done (replaced, or no longer needed)."""
    await session.execute(
        update(ScheduledWork)
        .where(
            ScheduledWork.kind == REVIEW,
            ScheduledWork.motion_id == motion_id,
            ScheduledWork.done_at.is_(None),
        )
        .values(done_at=now)
    )


async def set_follow_up(
    db: Database,
    motion_id: int,
    by: int,
    owner: str,
    review_on: date,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> FollowUp:
    """Give an adopted decision its owner and review date; the reminder is planned for 09:00
    local time on that date (a new date replaces the old reminder)."""
    now = now or utcnow()
    owner = " ".join(owner.split())
    if not owner or len(owner) > MAX_OWNER:
        raise ServiceError(Refusal.BAD_SETTING, setting="owner", allowed=f"1..{MAX_OWNER}")
    if review_on <= now.astimezone(zone).date():
        raise ServiceError(Refusal.DEADLINE_PAST)
    async with db.transaction() as session:
        motion = await session.get(Motion, motion_id)
        if motion is None:
            raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
        board = await load_board(session, motion.board_id)
        if not await may_close(session, board, by):
            raise ServiceError(Refusal.NOT_SECRETARY)
        if motion.status != "closed" or motion.result != "adopted":
            raise ServiceError(Refusal.NOT_ADOPTED, number=motion_id)
        motion.follow_up_owner, motion.review_on = owner, review_on
        motion.follow_up_done_at = None
        await _drop_reviews(session, motion_id, now)
        due = datetime.combine(review_on, REVIEW_HOUR, tzinfo=zone)
        planned = await session.scalar(
            select(ScheduledWork.id).where(
                ScheduledWork.kind == REVIEW,
                ScheduledWork.motion_id == motion_id,
                ScheduledWork.due_at == due,
            )
        )
        if planned is None:
            session.add(
                ScheduledWork(
                    kind=REVIEW, motion_id=motion_id, due_at=due, payload={"on": str(review_on)}
                )
            )
        else:  # the same date again: plan that reminder once more
            await session.execute(
                update(ScheduledWork)
                .where(ScheduledWork.id == planned)
                .values(done_at=None, claimed_at=None, claimed_by=None)
            )
        await audit.append(
            session, "follow_up_set", board.id, motion=motion_id, review_on=str(review_on), by=by
        )
        return _view(motion)


async def mark_done(db: Database, motion_id: int, by: int, now: datetime | None = None) -> FollowUp:
    now = now or utcnow()
    async with db.transaction() as session:
        motion = await session.get(Motion, motion_id)
        if motion is None or motion.follow_up_owner is None:
            raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
        board = await load_board(session, motion.board_id)
        if not await may_close(session, board, by):
            raise ServiceError(Refusal.NOT_SECRETARY)
        if motion.follow_up_done_at is None:
            motion.follow_up_done_at = now
            await _drop_reviews(session, motion_id, now)
            await audit.append(session, "follow_up_done", board.id, motion=motion_id, by=by)
        return _view(motion)


async def open_follow_ups(db: Database, board_id: int) -> list[FollowUp]:
    """The board's decisions with a follow-up that is not done, soonest review first."""
    async with db.transaction() as session:
        rows = await session.scalars(
            select(Motion)
            .where(
                Motion.board_id == board_id,
                Motion.follow_up_owner.is_not(None),
                Motion.follow_up_done_at.is_(None),
            )
            .order_by(Motion.review_on, Motion.id)
        )
        return [_view(m) for m in rows]


async def due_review(db: Database, motion_id: int, payload_on: object) -> FollowUp | None:
    """The follow-up a review reminder is for, if it still stands on that date."""
    async with db.transaction() as session:
        motion = await session.get(Motion, motion_id)
        if motion is None or motion.follow_up_owner is None or motion.review_on is None:
            return None
        if motion.follow_up_done_at is not None or str(motion.review_on) != payload_on:
            return None
        return _view(motion)
