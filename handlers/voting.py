"""Ballots, the live tally, closing, results, /motions, /result, /withdraw and /decisions."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CallbackContext, ExtBot

from bot import metrics
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator, normalize_language, translator
from bot.services import audit, boards, followups, groups, motions, outbox
from bot.services.decisions import decision_file, decision_rows
from bot.services.errors import Refusal, ServiceError
from bot.services.inbox import Replayed
from bot.services.motions import MotionView, Recipient
from bot.texts.decisions import (
    local_day,
    render_decision_list,
)
from bot.texts.html import esc
from bot.texts.motions import (
    anchor_line,
    choice_name,
    deferral_line,
    render_ballot,
    render_motion_list,
    render_result,
    render_tally,
)
from bot.texts.refusals import render_refusal
from handlers.callbacks import Callback, Kind, encode
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.ratelimit import REPLY_EDIT
from handlers.replies import Answer, edit_or_reply, reply, unchanged
from handlers.vote_buttons import CODES, vote_keyboard
from rules.decide import Choice, Result

log = logging.getLogger(__name__)


def language_of(recipient: Recipient, default: str) -> str:
    return recipient.language or normalize_language(recipient.telegram_language, default)


# ---- announcing a new motion -------------------------------------------------------------


def ballot_message(
    key: str, motion: MotionView, chat_id: int, person_id: int, t: Translator
) -> outbox.Outgoing:
    """A member's ballot with its vote buttons, remembered when sent (the close edits it)."""
    return outbox.Outgoing(
        key,
        chat_id,
        render_ballot(motion, t, None),
        vote_keyboard(motion.id, t).to_dict(),
        person_id=person_id,
        motion_id=motion.id,
        remember="ballot",
    )


def ballot_messages(
    motion: MotionView,
    voters: list[Recipient],
    default_language: str,
    proposer: tuple[int, int, Translator] | None = None,
) -> list[outbox.Outgoing]:
    """The ballot for every voting member, the group's ballot with the tally, and the live
    tally for the proposer (chat, person, language); each remembered when sent, to be edited."""
    messages = [
        ballot_message(
            f"ballot:{motion.id}:{voter.telegram_user_id}",
            motion,
            voter.telegram_user_id,
            voter.person_id,
            translator(language_of(voter, default_language)),
        )
        for voter in voters
    ]
    group = motion.board.group_chat_id
    if group is not None:
        t = translator(default_language)
        messages.append(
            outbox.Outgoing(
                f"ballot:{motion.id}:{group}",
                group,
                render_tally(motion, t),
                vote_keyboard(motion.id, t).to_dict(),
                motion_id=motion.id,
                remember="group",
            )
        )
    if proposer is not None:
        chat_id, person_id, t = proposer
        messages.append(
            outbox.Outgoing(
                f"tally:{motion.id}:{chat_id}",
                chat_id,
                render_tally(motion, t),
                person_id=person_id,
                motion_id=motion.id,
                remember="tally",
            )
        )
    return messages


# ---- ballots -------------------------------------------------------------------------------


async def vote_pressed(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    """A press of Voor / Tegen / Onthouding: record it, show it, refresh the tally."""
    t = context.t
    motion_id, choice = callback.int_arg(0), CODES[callback.args[1]]
    try:
        vote = await motions.cast(
            context.db,
            motion_id,
            context.me.id,
            choice,
            update_id=context.unrecorded_update,
            group_chat_id=None if private(update) else _chat_id(update),
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


def _chat_id(update: Update) -> int | None:
    return update.effective_chat.id if update.effective_chat is not None else None


async def _show_standing_ballot(update: Update, context: WerkbotContext, motion_id: int) -> None:
    query = update.callback_query
    try:
        motion = await motions.view(context.db, motion_id)
        current = motion.cast_by(context.me.id)
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
            context.bot_data.db, motion_id, context.bot_data.config.default_language
        )
        await context.bot_data.deliver()
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
    await refresh_tallies(context.bot_data.db, motion_id, context.bot_data.config.default_language)
    await context.bot_data.deliver()


async def refresh_tallies(db: Database, motion_id: int, default_language: str) -> None:
    """The tally messages (the proposer's, the group's) edited to the standing tally, through
    the outbox; the caller delivers."""
    await outbox.enqueue(db, await _tally_edits(db, motion_id, default_language))


async def _tally_edits(
    db: Database, motion_id: int, default_language: str
) -> list[outbox.Outgoing]:
    refs = [r for r in await motions.messages(db, motion_id) if r.kind in {"tally", "group"}]
    if not refs:
        return []
    motion = await motions.view(db, motion_id)
    edits = []
    for ref in refs:
        t = translator(normalize_language(ref.language, default_language))
        markup = vote_keyboard(motion_id, t) if motion.open and ref.kind == "group" else None
        edits.append(
            outbox.edit(
                ref.chat_id,
                ref.message_id,
                render_tally(motion, t),
                markup.to_dict() if markup else None,
                motion_id=motion_id,
            )
        )
    return edits


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
    await context.services.deliver()


async def announce_result(
    bot: ExtBot[Any],
    db: Database,
    motion_id: int,
    default_language: str,
    worker: str,
) -> None:
    """The close told everyone, from one reading of it and in one transaction: the ballots
    closed, the tallies final and the result for everyone into the outbox (once per motion and
    chat, whichever worker gets here), the result marked announced; the caller delivers."""
    closing = await motions.closing(db, motion_id)
    motion = closing.motion
    anchor = (await audit.anchor_now(db)).short  # the chain's tip, its close included
    messages = []
    for ref in closing.messages:
        t = translator(normalize_language(ref.language, default_language))
        if ref.kind == "ballot" and ref.person_id is not None:
            text = render_ballot(motion, t, motion.cast_by(ref.person_id))
            messages.append(outbox.edit(ref.chat_id, ref.message_id, text, motion_id=motion_id))
        elif ref.kind in {"tally", "group"}:
            text = render_tally(motion, t)
            messages.append(outbox.edit(ref.chat_id, ref.message_id, text, motion_id=motion_id))
    texts: dict[str, str] = {}  # one rendering per language, not per member
    for recipient in closing.recipients:
        language = language_of(recipient, default_language)
        if language not in texts:
            texts[language] = _result_text(closing, translator(language), anchor)
        messages.append(
            outbox.Outgoing(
                f"result:{motion_id}:{recipient.telegram_user_id}",
                recipient.telegram_user_id,
                texts[language],
                person_id=recipient.person_id,
            )
        )
    if motion.board.group_chat_id is not None:
        messages.append(
            outbox.Outgoing(
                f"result:{motion_id}:{motion.board.group_chat_id}",
                motion.board.group_chat_id,
                _result_text(closing, translator(default_language), anchor),
            )
        )
    if closing.continued is not None:  # the deferred proposal's ballots for the next meeting
        messages += ballot_messages(
            closing.continued, list(closing.continued_voters), default_language
        )
    await motions.announce(db, motion_id, messages)


def _result_text(closing: motions.Closing, t: Translator, anchor: str | None = None) -> str:
    """The result; for a deferred motion also where it went (the next meeting, or nowhere);
    last the audit chain's anchor at the close."""
    text = render_result(closing.motion, closing.outcome, t, closing.substitutes)
    if closing.motion.result is Result.DEFERRED:
        number = closing.continued.id if closing.continued is not None else None
        text += "\n" + esc(deferral_line(number, closing.continued_at, t))
    if anchor is not None:
        text += "\n\n<i>" + esc(anchor_line(anchor, t)) + "</i>"
    return text


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
        (m, bool(await motions.seat_keys_for(context.db, m.id, context.me.id)), context.me.id)
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
    anchor = (await audit.anchor_now(context.db)).short
    await reply(update, render_result(motion, outcome, t, substitutes, anchor))


async def _sits_on_board_of(context: WerkbotContext, motion_id: int, update: Update) -> bool:
    """The person sits on the motion's board (and, in a group, it is the group's board)."""
    try:
        motion = await motions.view(context.db, motion_id)
    except ServiceError:
        return False
    if not private(update) and update.effective_chat is not None:
        group_board = await groups.board_of_group(context.db, update.effective_chat.id)
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
    edits = []
    for ref in await motions.messages(context.db, motion_id):
        reader = translator(normalize_language(ref.language, context.settings.default_language))
        text = (
            render_ballot(motion, reader, None)
            if ref.kind == "ballot"
            else render_tally(motion, reader)
        )
        edits.append(outbox.edit(ref.chat_id, ref.message_id, text, motion_id=motion_id))
    await outbox.enqueue(context.db, edits)
    await context.services.deliver()
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
        group_board = await groups.board_of_group(context.db, update.effective_chat.id)
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
    open_items = await followups.open_follow_ups(context.db, board_id)
    text = render_decision_list(board.name, rows, open_items, t, local_day(utcnow()))
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("CSV", callback_data=encode(Kind.EXPORT, board_id, "csv")),
                InlineKeyboardButton("PDF", callback_data=encode(Kind.EXPORT, board_id, "pdf")),
            ]
        ]
    )
    await edit_or_reply(update, text, markup)


async def export_chosen(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    """Send the decision list as a CSV or PDF document."""
    t = context.t
    board_id, kind = callback.int_arg(0), callback.args[1]
    if board_id not in {b.id for b in await boards.boards_of(context.db, context.me.id)}:
        return Answer(t.gettext("You do not sit on that board."), alert=True)
    name, content, _ = await decision_file(context.db, board_id, kind, t)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(chat.id, InputFile(content, filename=name))
    return None
