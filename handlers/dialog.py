"""What the step-by-step conversations (propose, broadcast, meeting) share.

Each of them begins with the board it is about (``BoardFirst``): only in a private chat, only
for the boards where the person may do it, a keyboard of those boards when there are several,
straight to the first question when there is one. The draft lives in ``context.user_data``
until the conversation ends; /cancel, another command and the timeout are answered alike.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.deadline import Deadline, DeadlineProblem, parse_deadline
from bot.i18n import Translator
from bot.services.boards import boards_of
from bot.services.views import BoardRef
from bot.texts.dialog import DialogTexts
from handlers import commands
from handlers.callbacks import Callback, Kind, decode
from handlers.commands import Command
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.replies import edit_or_reply, reply

#: An answer typed in a private chat (not a command).
PRIVATE_TEXT = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
TIMEOUT_SECONDS = 30 * 60
END = ConversationHandler.END
#: The state in which a conversation waits for the press of a board.
BOARD = 0
#: The state after the first question about the board; the conversation's own states follow.
FIRST = BOARD + 1

Step = Callable[[Update, WerkbotContext], Coroutine[Any, Any, Any]]
States = dict[object, list[BaseHandler[Update, Any, Any]]]


async def pressed(
    update: Update,
    context: WerkbotContext,
    kind: Kind,
    valid: Callable[[Callback], bool] = lambda _: True,
) -> Callback | None:
    """The press of this step's button, answered; None (after an alert) for anything else,
    such as a callback that is not ``valid`` (a board that is not the person's)."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    if callback is None or callback.kind is not kind or not valid(callback):
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return None
    await query.answer()
    return callback


def typed(update: Update) -> str:
    """The text of the message answering a question, without surrounding white space."""
    message = update.effective_message
    return (message.text or "").strip() if message else ""


def reads_as_moment(update: Update, context: WerkbotContext) -> Deadline | None:
    """The typed text read as a moment (with any problem it has), or None when it is not one:
    at a step that waits for a button, a moment corrects the one given before."""
    moment = parse_deadline(typed(update), utcnow(), context.settings.zone)
    if moment.at is None or moment.problem is DeadlineProblem.UNREADABLE:
        return None
    return moment


async def moment_typed(
    update: Update,
    context: WerkbotContext,
    problem: Callable[[Deadline, Translator], str | None],
    moment: Deadline | None = None,
) -> datetime | None:
    """The moment typed in the message; None after saying what ``problem`` finds wrong with it."""
    moment = moment or parse_deadline(typed(update), utcnow(), context.settings.zone)
    said = problem(moment, context.t)
    if said is not None:
        await reply(update, said)
        return None
    assert moment.at is not None  # ``problem`` names a moment it cannot read
    return moment.at


def dialog(
    name: str,
    entry_points: Sequence[BaseHandler[Update, Any, Any]],
    states: States,
    *,
    cancel: Step,
    busy: Step,
    allow_reentry: bool = False,
) -> ConversationHandler[Any]:
    """A private conversation: /cancel (/annuleer) leaves it, another command is answered by
    ``busy``, and 30 minutes of silence ends it."""
    fallbacks: list[BaseHandler[Update, Any, Any]] = [
        CommandHandler(commands.CANCEL.names, cancel),
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, busy),
    ]
    with warnings.catch_warnings():
        # per_message=False is meant: one draft per user and chat, whichever message holds the buttons
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=list(entry_points),
            states=states,
            fallbacks=fallbacks,
            conversation_timeout=TIMEOUT_SECONDS,
            name=name,
            allow_reentry=allow_reentry,
            per_chat=True,
            per_user=True,
        )


async def secretary_boards(db: Database, person_id: int) -> list[BoardRef]:
    """The boards where the person is the secretary or the deputy secretary."""
    return await boards_of(db, person_id, secretary=True)


def _starts(kind: Kind) -> str:
    """The pattern of the callback data of ``kind``'s buttons."""
    return "^" + re.escape(kind.value + "|")


class Boarded(Protocol):
    board: BoardRef | None


DraftT = TypeVar("DraftT", bound=Boarded)


@dataclass(frozen=True)
class BoardFirst(Generic[DraftT]):
    """A conversation about one board: its start, the board choice, its draft, its way out.

    The first question (``texts.first_question``) leads to the state ``FIRST``.
    """

    #: the command that starts it; its name is the conversation's name
    command: Command
    #: the callback kind of the board keyboard
    board_kind: Kind
    #: where the draft lives in ``context.user_data``
    key: str
    #: the draft's class; ``draft_type()`` is an empty draft
    draft_type: type[DraftT]
    #: the boards where the person may do this
    boards: Callable[[Database, int], Awaitable[Sequence[BoardRef]]]
    texts: DialogTexts

    def draft(self, context: WerkbotContext) -> DraftT:
        assert context.user_data is not None
        found = context.user_data.get(self.key)
        if not isinstance(found, self.draft_type):
            found = context.user_data[self.key] = self.draft_type()
        return found

    def drop(self, context: WerkbotContext) -> None:
        if context.user_data is not None:
            context.user_data.pop(self.key, None)

    async def start(self, update: Update, context: WerkbotContext) -> int:
        """Refuse outside a private chat or without a board; ask for the board if several."""
        t = context.t
        if not private(update):
            await reply(update, self.texts.in_private(t))
            return END
        mine = await self.boards(context.db, context.me.id)
        if not mine:
            await reply(update, self.texts.no_board(t))
            return END
        assert context.user_data is not None
        draft = context.user_data[self.key] = self.draft_type()
        if len(mine) > 1:
            await reply(update, self.texts.which_board(t), boards_keyboard(mine, self.board_kind))
            return BOARD
        draft.board = mine[0]
        return await self.ask_first(update, context)

    async def board_picked(self, update: Update, context: WerkbotContext) -> int:
        """A board from the keyboard; one that is not (or no longer) theirs changes nothing."""
        mine = {b.id: b for b in await self.boards(context.db, context.me.id)}
        callback = await pressed(update, context, self.board_kind, lambda c: c.int_arg() in mine)
        if callback is None:
            return BOARD
        self.draft(context).board = mine[callback.int_arg()]
        return await self.ask_first(update, context)

    async def ask_first(self, update: Update, context: WerkbotContext) -> int:
        board = self.draft(context).board
        assert board is not None
        await edit_or_reply(update, self.texts.first_question(board.name, context.t))
        return FIRST

    def confirmation(
        self,
        kind: Kind,
        waiting: int,
        act: Callable[[Update, WerkbotContext, str, DraftT, BoardRef], Awaitable[int]],
    ) -> BaseHandler[Update, Any, Any]:
        """The buttons under the finished draft (``kind``, one argument: the choice, or "no"),
        for the state ``waiting``. A press takes the draft out of ``user_data``: "no" ends the
        conversation with ``texts.cancelled``, any other choice goes to ``act`` with the
        draft and its board. A press that is not one of these buttons gets an alert."""

        async def confirmed(update: Update, context: WerkbotContext) -> int:
            callback = await pressed(update, context, kind)
            if callback is None:
                return waiting
            draft = self.draft(context)
            self.drop(context)
            choice, board = callback.args[0], draft.board
            if choice == "no" or board is None:
                await edit_or_reply(update, self.texts.cancelled(context.t))
                return END
            return await act(update, context, choice, draft, board)

        return CallbackQueryHandler(confirmed, pattern=_starts(kind))

    async def cancel(self, update: Update, context: WerkbotContext) -> int:
        self.drop(context)
        await reply(update, self.texts.cancelled(context.t))
        return END

    async def busy(self, update: Update, context: WerkbotContext) -> None:
        """Another command in the middle: say how to go on or leave (the state stays)."""
        await reply(update, self.texts.busy(context.t))

    async def timed_out(self, update: Update, context: WerkbotContext) -> None:
        self.drop(context)
        if self.texts.expired is not None:
            await reply(update, self.texts.expired(context.t))

    def handler(
        self,
        answers: Mapping[int, Step],
        states: States | None = None,
        *,
        entry_points: Sequence[BaseHandler[Update, Any, Any]] = (),
        allow_reentry: bool = False,
    ) -> ConversationHandler[Any]:
        """The conversation: the command (and ``entry_points``), the board choice, the states
        that wait for a typed answer (``answers``) and the other ``states``."""
        board = CallbackQueryHandler(self.board_picked, pattern=_starts(self.board_kind))
        every: States = {BOARD: [board], **(states or {})}
        every.update(
            {state: [MessageHandler(PRIVATE_TEXT, step)] for state, step in answers.items()}
        )
        if self.texts.expired is not None:
            every[ConversationHandler.TIMEOUT] = [MessageHandler(filters.ALL, self.timed_out)]
        return dialog(
            self.command.name,
            [CommandHandler(self.command.names, self.start), *entry_points],
            every,
            cancel=self.cancel,
            busy=self.busy,
            allow_reentry=allow_reentry,
        )
