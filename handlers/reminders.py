"""The reminders the scheduler sends: the vote reminder before a proposal's close (to every
voting seat without a ballot, at the board's ``reminder_minutes``, planned when the proposal is
made in :func:`bot.services.motions.propose`).
"""

from __future__ import annotations

from datetime import datetime

from bot.db.engine import Database
from bot.i18n import translator
from bot.services import motions, outbox
from bot.texts.motions import render_reminder
from handlers.vote_buttons import vote_keyboard
from handlers.voting import language_of


async def vote_reminders(
    db: Database, work_id: int, motion_id: int, default_language: str, now: datetime
) -> list[outbox.Outgoing]:
    """The reminder for every voting seat without a ballot yet."""
    motion = await motions.view(db, motion_id)
    if not motion.open or motion.deadline_at <= now:  # late after downtime: the close comes next
        return []
    messages = []
    for recipient in await motions.recipients(db, motion_id, voting_only=True, not_voted=True):
        t = translator(language_of(recipient, default_language))
        messages.append(
            outbox.Outgoing(
                f"reminder:{work_id}:{recipient.telegram_user_id}",
                recipient.telegram_user_id,
                render_reminder(motion, t),
                vote_keyboard(motion_id, t).to_dict(),  # vote from here, too
                person_id=recipient.person_id,
            )
        )
    return messages
