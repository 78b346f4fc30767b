"""/substitute (/vervanger): name someone to vote for a seat at one meeting or on one proposal.

The flow is buttons only and carries its state in the callback data (board, seat, scope,
person), so any worker can continue it; the service checks everything again at the end.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.db.engine import Database
from bot.i18n import Translator, normalize_language, translator
from bot.services import motions, outbox, substitutes
from bot.services.errors import ServiceError
from bot.services.substitutes import Scope, Someone, SubstitutionView
from bot.texts.html import esc
from bot.texts.motions import deadline_text
from bot.texts.refusals import render_refusal
from handlers import commands, members
from handlers.callbacks import Callback, Kind, encode
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import private, refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply
from handlers.secretary import deep_link
from handlers.voting import ballot_message

MAX_CANDIDATES = 8


async def start(update: Update, context: WerkbotContext) -> None:
    """Which board (if several), then which seat."""
    t = context.t
    if await refused_outside_private(update, context, commands.SUBSTITUTE):
        return
    boards = await substitutes.boards_for(context.db, context.me.id)
    if not boards:
        await reply(
            update,
            t.gettext(
                "You hold no voting seat for which a substitute is allowed, and you are not a secretary."
            ),
        )
    elif len(boards) == 1:
        await _ask_seat(update, context, boards[0].id)
    else:
        await reply(
            update,
            t.gettext("For which board do you name a substitute?"),
            boards_keyboard(boards, Kind.SUB_BOARD),
        )


async def board_chosen(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    await _ask_seat(update, context, callback.int_arg())
    return Answer()


async def _ask_seat(update: Update, context: WerkbotContext, board_id: int) -> None:
    t = context.t
    try:
        seats = await substitutes.seats_for(context.db, board_id, context.me.id)
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return
    if not seats:
        await edit_or_reply(update, t.gettext("You cannot name a substitute on that board."))
        return
    if len(seats) == 1:
        await _ask_scope(update, context, board_id, seats[0].key)
        return
    rows = [
        [
            InlineKeyboardButton(
                seat.label(t.language) + (f" ({seat.holder.name})" if seat.holder else ""),
                callback_data=encode(Kind.SUB_SEAT, board_id, seat.key),
            )
        ]
        for seat in seats
    ]
    await edit_or_reply(update, t.gettext("For which seat?"), InlineKeyboardMarkup(rows))


async def _may_name(context: WerkbotContext, board_id: int, seat: str) -> bool:
    """The seat is one the presser may name a substitute for (their own, or any as secretary,
    where the agreement and the board allow substitutes): stricter than the button router."""
    try:
        seats = await substitutes.seats_for(context.db, board_id, context.me.id)
    except ServiceError:
        return False
    return seat in {s.key for s in seats}


def _invalid(t: Translator) -> Answer:
    return Answer(t.gettext("This button is no longer valid."), alert=True)


async def seat_chosen(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    board_id, seat = callback.int_arg(0), callback.args[1]
    if not await _may_name(context, board_id, seat):
        return _invalid(context.t)
    await _ask_scope(update, context, board_id, seat)
    return Answer()


def scope_text(scope: Scope, t: Translator) -> str:
    if scope.meeting_id is not None:
        if scope.starts_at is None:
            return t.gettext("at the meeting")
        return t.gettext("at the meeting of {when}").format(when=deadline_text(scope.starts_at, t))
    return t.gettext("on proposal {number} ({title})").format(
        number=scope.motion_id, title=esc(scope.title or "")
    )


async def _ask_scope(update: Update, context: WerkbotContext, board_id: int, seat: str) -> None:
    t = context.t
    scopes = await substitutes.scopes(context.db, board_id)
    if not scopes:
        await edit_or_reply(
            update,
            t.gettext(
                "The board has no planned meeting and no open proposal, so there is nothing to name a substitute for yet."
            ),
        )
        return
    rows = [
        [
            InlineKeyboardButton(
                scope_text(scope, t)[:60],
                callback_data=encode(
                    Kind.SUB_SCOPE,
                    board_id,
                    seat,
                    "m" if scope.meeting_id is not None else "p",
                    scope.meeting_id or scope.motion_id,
                ),
            )
        ]
        for scope in scopes
    ]
    await edit_or_reply(
        update,
        t.gettext("For a whole meeting (every proposal that belongs to it) or for one proposal?"),
        InlineKeyboardMarkup(rows),
    )


async def scope_chosen(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    t = context.t
    board_id, seat, kind, scope_id = (
        callback.int_arg(0),
        callback.args[1],
        callback.args[2],
        callback.int_arg(3),
    )
    if not await _may_name(context, board_id, seat):
        return _invalid(t)
    people = await substitutes.candidates(context.db, board_id, seat)
    rows = [
        [
            InlineKeyboardButton(
                person.name[:60],
                callback_data=encode(Kind.SUB_PERSON, board_id, seat, kind, scope_id, person.id),
            )
        ]
        for person in people[:MAX_CANDIDATES]
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t.gettext("Someone else: make an invite link"),
                callback_data=encode(Kind.SUB_PERSON, board_id, seat, kind, scope_id, 0),
            )
        ]
    )
    await edit_or_reply(
        update,
        t.gettext(
            "Who is the substitute? Someone who holds a voting seat on this board cannot be one."
        ),
        InlineKeyboardMarkup(rows),
    )
    return Answer()


async def person_chosen(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    t = context.t
    board_id, seat, kind, scope_id = (
        callback.int_arg(0),
        callback.args[1],
        callback.args[2],
        callback.int_arg(3),
    )
    person_id = int(callback.args[4]) or None
    # only someone offered (or 0: an invite); any other person id would name a stranger and
    # show their name
    if person_id is not None and person_id not in {
        p.id for p in await substitutes.candidates(context.db, board_id, seat)
    }:
        return _invalid(t)
    try:
        named = await substitutes.name(
            context.db,
            board_id,
            seat,
            context.me.id,
            meeting_id=scope_id if kind == "m" else None,
            motion_id=scope_id if kind == "p" else None,
            person_id=person_id,
            invite_valid_for=timedelta(days=context.settings.invite_valid_days),
        )
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return Answer()
    where = scope_text(named.scope, t)
    label = esc(named.seat.label(t.language))
    if named.invite_code is not None:
        link = deep_link(context, named.invite_code)
        days = context.settings.invite_valid_days
        await edit_or_reply(
            update,
            t.ngettext(
                "Send this link to the substitute for the seat {seat} {where}. It works once, for {days} day:\n{link}",
                "Send this link to the substitute for the seat {seat} {where}. It works once, for {days} days:\n{link}",
                days,
            ).format(seat=label, where=where, link=esc(link), days=days),
        )
        return Answer()
    assert named.substitute is not None
    await edit_or_reply(
        update,
        t.gettext(
            "{name} is the substitute for the seat {seat} {where}. Both of you are told."
        ).format(name=esc(named.substitute.name), seat=label, where=where),
    )
    await tell(context.db, named, context.settings.default_language, context.me.id)
    await context.services.deliver()
    return Answer()


def _language(person: Someone, default: str) -> str:
    return person.language or normalize_language(person.telegram_language, default)


async def tell(db: Database, named: SubstitutionView, default_language: str, by: int) -> None:
    """Tell the substitute (with the ballots they can cast now) and the holder, through the
    outbox; the caller delivers."""
    substitute, holder = named.substitute, named.seat.holder
    messages = []
    key = f"substitute:{named.id}"
    if substitute is not None and substitute.telegram_user_id is not None:
        t = translator(_language(substitute, default_language))
        rsvp = _rsvp_keyboard(named, t)
        messages.append(
            outbox.Outgoing(
                f"{key}:{substitute.telegram_user_id}",
                substitute.telegram_user_id,
                t.gettext(
                    "You are the substitute for the seat {seat} of the {board} {where}. Your ballot counts for that seat."
                ).format(
                    seat=esc(named.seat.label(t.language)),
                    board=esc(named.board.name),
                    where=scope_text(named.scope, t),
                ),
                rsvp.to_dict() if rsvp else None,
                person_id=substitute.id,
            )
        )
        for motion_id in named.motions:
            motion = await motions.view(db, motion_id)
            messages.append(
                ballot_message(
                    f"{key}:ballot:{motion.id}:{substitute.telegram_user_id}",
                    motion,
                    substitute.telegram_user_id,
                    substitute.id,
                    t,
                )
            )
    if holder is not None and holder.telegram_user_id is not None and holder.id != by:
        t = translator(_language(holder, default_language))
        messages.append(
            outbox.Outgoing(
                f"{key}:holder:{holder.telegram_user_id}",
                holder.telegram_user_id,
                t.gettext(
                    "{name} is your substitute for the seat {seat} {where}; only the substitute can vote for it there."
                ).format(
                    name=esc(substitute.name if substitute else "?"),
                    seat=esc(named.seat.label(t.language)),
                    where=scope_text(named.scope, t),
                ),
                person_id=holder.id,
            )
        )
    await outbox.enqueue(db, messages)


def _rsvp_keyboard(named: SubstitutionView, t: Translator) -> InlineKeyboardMarkup | None:
    if named.scope.meeting_id is None:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Present"), callback_data=encode(Kind.RSVP, named.scope.meeting_id, 1)
                ),
                InlineKeyboardButton(
                    t.gettext("Absent"), callback_data=encode(Kind.RSVP, named.scope.meeting_id, 0)
                ),
            ]
        ]
    )


async def start_command(update: Update, context: WerkbotContext) -> None:
    """/start CODE: an invite to substitute makes the presser the substitute; any other
    /start is the members' own."""
    code = context.args[0] if context.args else ""
    if code and private(update):
        try:
            named = await substitutes.claim_invite(context.db, code, context.me.id)
        except ServiceError as refusal:
            await reply(update, render_refusal(refusal, context.t))
            return
        if named is not None:
            await tell(
                context.db,
                named,
                context.settings.default_language,
                by=0,  # the holder learns now who took the invite, even if they named it
            )
            await context.services.deliver()
            return
    await members.start(update, context)
