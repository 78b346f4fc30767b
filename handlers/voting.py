"""Ballots, the live tally, closing, results, /motions, /result, /withdraw and /decisions."""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CallbackContext, ExtBot

from bot import metrics
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator, normalize_language, translator
from bot.services import boards, followups, meetings, motions, outbox
from bot.services.decisions import decision_rows
from bot.services.errors import Refusal, ServiceError
from bot.services.inbox import Replayed
from bot.services.motions import MotionView, Recipient
from bot.texts.decisions import (
    decisions_csv,
    decisions_filename,
    decisions_pdf,
    local_day,
    review_date,
)
from bot.texts.decisions import result_label as decision_label
from bot.texts.html import esc
from bot.texts.motions import (
    choice_name,
    render_ballot,
    render_motion_list,
    render_reminder,
    render_result,
    render_tally,
)
from bot.texts.refusals import render_refusal
from handlers import broadcast
from handlers import followup as follow_up_handlers
from handlers import meetings as meeting_handlers
from handlers import outbox as outbox_handlers
from handlers.callbacks import Callback, Kind, encode
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.ratelimit import REPLY_EDIT
from handlers.replies import Answer, edit_or_reply, reply, unchanged
from handlers.replies import send_quietly as _send
from rules.decide import Choice

if TYPE_CHECKING:
    from handlers.app import WerkbotApp

log = logging.getLogger(__name__)
CODES = {"f": Choice.FOR, "a": Choice.AGAINST, "x": Choice.ABSTAIN}
CODE_OF = {choice: code for code, choice in CODES.items()}


def vote_keyboard(
    motion_id: int, t: Translator, mine: Choice | None = None
) -> InlineKeyboardMarkup:
    """Voor / Tegen / Onthouding, the current ballot ticked."""
    return _vote_keyboard(motion_id, t.language, mine)


@functools.lru_cache(maxsize=4096)
def _vote_keyboard(motion_id: int, language: str, mine: Choice | None) -> InlineKeyboardMarkup:
    # built once per motion, language and ballot (Telegram objects are immutable)
    t = translator(language)
    row = [
        InlineKeyboardButton(
            ("✓ " if choice is mine else "") + choice_name(choice, t),
            callback_data=encode(Kind.VOTE, motion_id, code),
        )
        for code, choice in CODES.items()
    ]
    return InlineKeyboardMarkup([row])


def language_of(recipient: Recipient, default: str) -> str:
    return recipient.language or normalize_language(recipient.telegram_language, default)


# ---- announcing a new motion -------------------------------------------------------------


async def announce_motion(
    bot: ExtBot[Any], db: Database, motion: MotionView, default_language: str
) -> None:
    """Send the ballot to every voting member, the group, and the live tally to the proposer."""
    for recipient in await motions.recipients(db, motion.id, voting_only=True):
        t = translator(language_of(recipient, default_language))
        sent = await _send(
            bot,
            recipient.telegram_user_id,
            render_ballot(motion, t, None),
            vote_keyboard(motion.id, t),
        )
        if sent is not None:
            await motions.remember_message(
                db, motion.id, recipient.telegram_user_id, sent, "ballot", recipient.person_id
            )
    t = translator(default_language)
    if motion.board.group_chat_id is not None:
        group = motion.board.group_chat_id
        sent = await _send(bot, group, render_tally(motion, t), vote_keyboard(motion.id, t))
        if sent is not None:
            await motions.remember_message(db, motion.id, group, sent, "group")


# ---- ballots -------------------------------------------------------------------------------


async def vote_pressed(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    """A press of Voor / Tegen / Onthouding: record it, show it, refresh the tally."""
    t = context.t
    motion_id, choice = callback.int_arg(0), CODES[callback.args[1]]
    try:
        vote = await motions.cast(
            context.db, motion_id, context.me.id, choice, update_id=context.unrecorded_update
        )
    except ServiceError as refusal:
        return _refusal_answer(refusal, t)
    except Replayed:
        # counted before: perhaps by a worker that died before it answered, so show the
        # ballot as it stands (an edit and an answer: harmless if they were already made)
        await _show_standing_ballot(update, context, motion_id)
        raise
    if vote.changed:
        metrics.BALLOTS.inc()
        await _show_own_ballot(update, context, vote.motion, choice)
        await request_tally(context, motion_id)
    return Answer(t.gettext("Your ballot: {choice}").format(choice=choice_name(choice, t)))


async def _show_standing_ballot(update: Update, context: WerkbotContext, motion_id: int) -> None:
    query = update.callback_query
    try:
        motion = await motions.view(context.db, motion_id)
        keys = await motions.seat_keys_for(context.db, motion_id, context.me.id)
        current = motion.choice_of(keys)
        if current is None or query is None:
            return
        await _show_own_ballot(update, context, motion, current)
        await query.answer(
            context.t.gettext("Your ballot: {choice}").format(
                choice=choice_name(current, context.t)
            )
        )
    except TelegramError:
        log.info("replayed press %s: already answered", update.update_id)


async def _show_own_ballot(
    update: Update, context: WerkbotContext, motion: MotionView, choice: Choice
) -> None:
    """The member's private ballot message shows the new ballot, wherever they pressed."""
    t = context.t
    query = update.callback_query
    if private(update) and query is not None and query.message is not None:
        targets = [(query.message.chat.id, query.message.message_id)]
    else:
        refs = await motions.messages(context.db, motion.id)
        targets = [
            (r.chat_id, r.message_id)
            for r in refs
            if r.kind == "ballot" and r.person_id == context.me.id
        ]
    for chat_id, message_id in targets:
        await _edit(
            context.bot,
            chat_id,
            message_id,
            render_ballot(motion, t, choice),
            vote_keyboard(motion.id, t, choice),
            reply=True,
        )


def _refusal_answer(refusal: ServiceError, t: Translator) -> Answer:
    if refusal.refusal is Refusal.VOTING_CLOSED:
        return Answer(
            t.gettext("Voting on this proposal is closed; your press changed nothing."), alert=True
        )
    if refusal.refusal is Refusal.NO_VOTING_SEAT:
        return Answer(
            t.gettext("Only members with a voting seat on this board can vote."), alert=True
        )
    if refusal.refusal is Refusal.UNKNOWN_MOTION:
        return Answer(t.gettext("This button is no longer valid."), alert=True)
    if refusal.refusal is Refusal.SUBSTITUTED:
        return Answer(render_refusal(refusal, t), alert=True)
    raise refusal


async def _edit(
    bot: ExtBot[Any],
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    reply: bool = False,
) -> None:
    """Edit a message; ``reply`` marks an edit answering the member's own press (ratelimit)."""
    limits = REPLY_EDIT if reply else None
    try:
        await bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            reply_markup=markup,
            rate_limit_args=limits,
        )
    except BadRequest as exc:
        if not unchanged(exc):
            log.warning(
                "could not edit message %s in chat %s: %s", message_id, chat_id, exc.message
            )
    except Forbidden:
        log.info("chat %s blocked the bot; edit skipped", chat_id)
    except TelegramError as exc:
        log.warning("could not edit message %s in chat %s: %s", message_id, chat_id, exc.message)


# ---- the live tally, edited at most once per interval per motion ---------------------------


async def request_tally(context: CallbackContext[Any, Any, Any, Any], motion_id: int) -> None:
    """Refresh the tally messages soon; several presses within the interval cause one edit.

    Without a running scheduler (offline chat, tests) the edit happens at once.
    """
    if context.job_queue is None or not context.job_queue.scheduler.running:
        await refresh_tallies(
            context.bot, context.bot_data.db, motion_id, context.bot_data.config.default_language
        )
        return
    throttle = context.bot_data.tally
    if motion_id in throttle.pending:
        return
    throttle.pending.add(motion_id)
    delay = max(
        0.0,
        throttle.last.get(motion_id, 0.0)
        + context.bot_data.config.tally_edit_seconds
        - time.monotonic(),
    )
    context.job_queue.run_once(_refresh_job, delay, data=motion_id, name=f"tally-{motion_id}")


async def _refresh_job(context: CallbackContext[Any, Any, Any, Any]) -> None:
    assert context.job is not None
    motion_id = context.job.data
    assert isinstance(motion_id, int)
    throttle = context.bot_data.tally
    interval = timedelta(seconds=context.bot_data.config.tally_edit_seconds)
    wait = await motions.claim_tally_edit(context.bot_data.db, motion_id, interval)
    if wait > 0 and context.job_queue is not None:  # another worker edited it just now
        context.job_queue.run_once(_refresh_job, wait, data=motion_id, name=f"tally-{motion_id}")
        return
    throttle.pending.discard(motion_id)
    throttle.last[motion_id] = time.monotonic()
    await refresh_tallies(
        context.bot, context.bot_data.db, motion_id, context.bot_data.config.default_language
    )


async def flush_tallies(app: WerkbotApp) -> None:
    """Before a worker stops: every tally edit it has planned is made now, none is dropped or
    cut off half-way by the JobQueue's shutdown, and each still waits for its interval.

    The scheduler is paused first, so nothing new starts while the edits are made; the JobQueue's
    own stop then waits for the edits already running.
    """
    queue = app.job_queue
    if queue is not None and queue.scheduler.running:
        queue.scheduler.pause()
        for job in queue.jobs(r"^tally-"):
            job.schedule_removal()
    throttle = app.bot_data.tally
    planned, throttle.pending = sorted(throttle.pending), set()
    await asyncio.gather(*(_last_edit(app, motion_id) for motion_id in planned))


async def _last_edit(app: WerkbotApp, motion_id: int) -> None:
    services = app.bot_data
    interval = timedelta(seconds=services.config.tally_edit_seconds)
    try:
        # Two tries: a claim lost after waiting means another worker edited the tally after
        # this one stopped taking updates, so that edit shows all of this worker's presses.
        for _ in range(2):
            wait = await motions.claim_tally_edit(services.db, motion_id, interval)
            if wait == 0:
                await refresh_tallies(
                    app.bot, services.db, motion_id, services.config.default_language
                )
                return
            await asyncio.sleep(wait)
    except Exception:
        log.warning("the tally of motion %s was not refreshed before the stop", motion_id)


async def refresh_tallies(
    bot: ExtBot[Any], db: Database, motion_id: int, default_language: str
) -> None:
    refs = [r for r in await motions.messages(db, motion_id) if r.kind in {"tally", "group"}]
    if not refs:
        return
    motion = await motions.view(db, motion_id)
    for ref in refs:
        t = translator(normalize_language(ref.language, default_language))
        markup = vote_keyboard(motion_id, t) if motion.open and ref.kind == "group" else None
        await _edit(bot, ref.chat_id, ref.message_id, render_tally(motion, t), markup)


# ---- closing -------------------------------------------------------------------------------


async def close_command(update: Update, context: WerkbotContext) -> None:
    """/close N (/sluit N) by the chair, vice-chair or secretary."""
    t = context.t
    motion_id = await _motion_argument(update, context)
    if motion_id is None:
        return
    try:
        closed = await motions.close(context.db, motion_id, by=context.me.id)
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return
    if closed is None:
        await reply(
            update, t.gettext("Proposal {number} is already closed.").format(number=motion_id)
        )
        return
    await announce_result(
        context.bot,
        context.db,
        motion_id,
        context.settings.default_language,
        context.bot_data.worker,
    )


async def announce_result(
    bot: ExtBot[Any],
    db: Database,
    motion_id: int,
    default_language: str,
    worker: str,
    lock: asyncio.Lock | None = None,
) -> None:
    """Ballots closed and tallies final (edits: harmless to repeat), then the result for everyone
    into the outbox, once per motion and chat whichever worker gets here, and sent."""
    motion = await motions.view(db, motion_id)
    outcome = await motions.outcome(db, motion_id)
    substitutes = await motions.substitute_ballots(db, motion_id)
    for ref in await motions.messages(db, motion_id):
        if ref.kind == "ballot" and ref.person_id is not None:
            t = translator(normalize_language(ref.language, default_language))
            keys = await motions.seat_keys_for(db, motion_id, ref.person_id)
            await _edit(
                bot,
                ref.chat_id,
                ref.message_id,
                render_ballot(motion, t, motion.choice_of(keys)),
                None,
            )
    await refresh_tallies(bot, db, motion_id, default_language)
    texts: dict[str, str] = {}  # one rendering per language, not per member
    results = []
    for recipient in await motions.recipients(db, motion_id, voting_only=False):
        language = language_of(recipient, default_language)
        if language not in texts:
            texts[language] = render_result(motion, outcome, translator(language), substitutes)
        results.append(
            outbox.Outgoing(
                f"result:{motion_id}:{recipient.telegram_user_id}",
                recipient.telegram_user_id,
                texts[language],
                person_id=recipient.person_id,
            )
        )
    if motion.board.group_chat_id is not None:
        results.append(
            outbox.Outgoing(
                f"result:{motion_id}:{motion.board.group_chat_id}",
                motion.board.group_chat_id,
                render_result(motion, outcome, translator(default_language), substitutes),
            )
        )
    await outbox.enqueue(db, results)
    await motions.mark_announced(db, motion_id)
    await outbox_handlers.deliver(bot, db, worker, lock=lock)


# ---- scheduled work: deadlines and reminders -----------------------------------------------


async def run_due_work(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """JobQueue tick: claim due closes and reminders (each exactly once across workers)."""
    await process_due_work(
        context.bot,
        context.bot_data.db,
        context.bot_data.config.default_language,
        context.bot_data.worker,
        lock=context.bot_data.sending,
    )


async def process_due_work(
    bot: ExtBot[Any],
    db: Database,
    default_language: str,
    worker: str,
    now: datetime | None = None,
    lock: asyncio.Lock | None = None,
) -> int:
    """Claim and do due closes and reminders; then send results a stopped worker left unsent.

    One failing item is logged and left claimed (another tick retries it after the claim goes
    stale); it does not hold up the others.
    """
    now = now or utcnow()
    done = 0
    claimed = await motions.claim_due(db, worker, now)
    # A worker that was down may find several reminders of one motion due: send the latest only.
    latest = {
        w.motion_id: w.id
        for w in sorted(claimed, key=lambda w: w.due_at)
        if w.kind == motions.REMINDER
    }
    for work in claimed:
        try:
            # reminders go into the outbox, keyed by the work: a retried claim stores nothing new
            messages: list[outbox.Outgoing] = []
            if work.kind == meetings.REMINDER and work.meeting_id is not None:
                messages = await meeting_handlers.reminders(
                    db, work.id, work.meeting_id, default_language
                )
            elif work.motion_id is None:
                pass
            elif work.kind == followups.REVIEW:
                messages = await follow_up_handlers.reminders(
                    db, work.id, work.motion_id, work.payload.get("on"), default_language
                )
            elif work.kind == motions.CLOSE:
                await motions.close(db, work.motion_id, now=now)
                await announce_result(bot, db, work.motion_id, default_language, worker, lock)
            elif work.kind == motions.REMINDER and latest[work.motion_id] == work.id:
                messages = await _reminders(db, work.id, work.motion_id, default_language, now)
            await outbox.enqueue(db, messages)
            await motions.finish(db, work.id, now)
            done += 1
        except Exception:
            log.exception(
                "scheduled %s for motion %s failed; it will be retried", work.kind, work.motion_id
            )
    for motion_id in await motions.unannounced(db):
        await announce_result(bot, db, motion_id, default_language, worker, lock)
    # reminders, results, and what a stopped worker left
    await outbox_handlers.deliver(bot, db, worker, now=now, lock=lock)
    # and broadcast deliveries a stopped worker left
    await broadcast.deliver(bot, db, worker, default_language, lock=lock)
    return done


async def _reminders(
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


# ---- /motions, /result, /withdraw ----------------------------------------------------------


async def _motion_argument(update: Update, context: WerkbotContext) -> int | None:
    t = context.t
    if context.args and context.args[0].isdigit() and len(context.args[0]) < 12:
        return int(context.args[0])
    await reply(
        update,
        t.gettext("Give the number of the proposal, for example: {example}").format(
            example=esc((update.effective_message.text or "/result").split()[0] + " 12")
            if update.effective_message
            else "/result 12"
        ),
    )
    return None


async def list_motions(update: Update, context: WerkbotContext) -> None:
    """/motions (/voorstellen): open proposals on my boards with my ballot (private chat only)."""
    t = context.t
    if not private(update):
        await reply(
            update, t.gettext("Send /motions in a private chat with me: it shows your own ballots.")
        )
        return
    rows = [
        (m, await motions.seat_keys_for(context.db, m.id, context.me.id))
        for m in await motions.motions_of(context.db, context.me.id)
    ]
    await reply(update, render_motion_list(rows, t))


async def show_result(update: Update, context: WerkbotContext) -> None:
    """/result N (/uitslag N): the result with reasons, or the tally while voting is open."""
    t = context.t
    motion_id = await _motion_argument(update, context)
    if motion_id is None:
        return
    if not await _sits_on_board_of(context, motion_id, update):
        await reply(update, render_refusal(ServiceError(Refusal.UNKNOWN_MOTION), t))
        return
    motion = await motions.view(context.db, motion_id)
    if motion.open or motion.status == "withdrawn":
        await reply(update, render_tally(motion, t, fit=False))
        return
    outcome = await motions.outcome(context.db, motion_id)
    substitutes = await motions.substitute_ballots(context.db, motion_id)
    await reply(update, render_result(motion, outcome, t, substitutes))


async def _sits_on_board_of(context: WerkbotContext, motion_id: int, update: Update) -> bool:
    """The person sits on the motion's board (and, in a group, it is the group's board)."""
    try:
        motion = await motions.view(context.db, motion_id)
    except ServiceError:
        return False
    if not private(update) and update.effective_chat is not None:
        group_board = await boards.board_of_group(context.db, update.effective_chat.id)
        if group_board is None or group_board.id != motion.board.id:
            return False
    return motion.board.id in {b.id for b in await boards.boards_of(context.db, context.me.id)}


async def withdraw_command(update: Update, context: WerkbotContext) -> None:
    """/withdraw N (/intrekken N) by the proposer while voting is open."""
    t = context.t
    motion_id = await _motion_argument(update, context)
    if motion_id is None:
        return
    try:
        motion = await motions.withdraw(context.db, motion_id, context.me.id)
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return
    for ref in await motions.messages(context.db, motion_id):
        reader = translator(normalize_language(ref.language, context.settings.default_language))
        text = (
            render_ballot(motion, reader, None)
            if ref.kind == "ballot"
            else render_tally(motion, reader)
        )
        await _edit(context.bot, ref.chat_id, ref.message_id, text, None)
    await reply(
        update,
        t.gettext("Proposal {number} is withdrawn; the members see that on their ballot.").format(
            number=motion_id
        ),
    )


# ---- /decisions ----------------------------------------------------------------------------


async def decisions_command(update: Update, context: WerkbotContext) -> None:
    """/decisions (/besluiten): the decision list of my board (a button per board if several).

    In a board's group it is that board's list, and only for its members.
    """
    mine = await boards.boards_of(context.db, context.me.id)
    if not private(update) and update.effective_chat is not None:
        group_board = await boards.board_of_group(context.db, update.effective_chat.id)
        mine = [b for b in mine if group_board is not None and b.id == group_board.id]
    if not mine:
        await reply(update, context.t.gettext("You do not hold a seat on any board yet."))
    elif len(mine) == 1:
        await _show_decisions(update, context, mine[0].id)
    else:
        await reply(
            update, context.t.gettext("Which board?"), boards_keyboard(mine, Kind.DECISIONS_BOARD)
        )


async def decisions_board_chosen(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    board_id = callback.int_arg()
    if board_id not in {b.id for b in await boards.boards_of(context.db, context.me.id)}:
        return Answer(context.t.gettext("You do not sit on that board."), alert=True)
    await _show_decisions(update, context, board_id)
    return None


async def _show_decisions(update: Update, context: WerkbotContext, board_id: int) -> None:
    t = context.t
    board = (await boards.overview(context.db, board_id)).board
    rows = await decision_rows(context.db, board_id, t)
    lines = [t.gettext("<b>Decision list</b> of the {board}").format(board=esc(board.name)), ""]
    if not rows:
        lines.append(t.gettext("No decisions yet."))
    for row in rows:
        lines.append(f"{row.number}. {esc(row.title)}: <b>{esc(decision_label(row.result, t))}</b>")
    open_items = await followups.open_follow_ups(context.db, board_id)
    if open_items:
        lines += ["", "<b>" + t.gettext("Open follow-ups") + "</b>"]
        today = local_day(utcnow())
        for item in open_items:
            line = t.gettext("{number}. {title}: {owner}, review on {date}").format(
                number=item.motion_id,
                title=esc(item.title),
                owner=esc(item.owner),
                date=review_date(item.review_on, t),
            )
            lines.append(line + (" ⚠️ " + t.gettext("overdue") if item.review_on < today else ""))
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("CSV", callback_data=encode(Kind.EXPORT, board_id, "csv")),
                InlineKeyboardButton("PDF", callback_data=encode(Kind.EXPORT, board_id, "pdf")),
            ]
        ]
    )
    await edit_or_reply(update, "\n".join(lines), markup)


async def export_chosen(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    """Send the decision list as a CSV or PDF document."""
    t = context.t
    board_id, kind = callback.int_arg(0), callback.args[1]
    if board_id not in {b.id for b in await boards.boards_of(context.db, context.me.id)}:
        return Answer(t.gettext("You do not sit on that board."), alert=True)
    board = (await boards.overview(context.db, board_id)).board
    rows = await decision_rows(context.db, board_id, t)
    if kind == "csv":
        content = decisions_csv(board.name, rows, t)
    else:
        content = decisions_pdf(board.name, rows, t, utcnow())
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, InputFile(content, filename=decisions_filename(board.name, kind, t))
    )
    return None
