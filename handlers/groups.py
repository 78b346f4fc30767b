"""A board's Telegram group: /linkgroup (secretary or chair), who else is in it, the bot
removed from it, the group turned into a supergroup, newcomers who are not on the board."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from telegram import ChatMember, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot.i18n import translator
from bot.services import boards, groups, outbox
from bot.services.errors import ServiceError
from bot.services.views import BoardRef, PersonView
from bot.texts.groups import render_composition, render_newcomers, render_unlinked
from bot.texts.refusals import render_refusal
from handlers.callbacks import Callback, Kind
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.replies import edit_or_reply, reply

log = logging.getLogger(__name__)

IN_GROUP = frozenset(
    {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER}
)
GONE = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.BANNED})


async def link_group(update: Update, context: WerkbotContext) -> None:
    """In a group: link it to the board of its secretary or chair (pick one if several)."""
    t = context.t
    chat = update.effective_chat
    if chat is None or private(update):
        await reply(
            update, t.gettext("Add me to the board's Telegram group and send /linkgroup there.")
        )
        return
    mine = await boards.officer_boards(context.db, context.me.id)
    if not mine:
        await reply(
            update, t.gettext("Only the secretary or the chair of a board can link a group to it.")
        )
    elif len(mine) == 1:
        await link(update, context, mine[0].id)
    else:
        await reply(
            update,
            t.gettext("Which board does this group belong to?"),
            boards_keyboard(mine, Kind.LINK_GROUP),
        )


async def link_board_chosen(update: Update, context: WerkbotContext, callback: Callback) -> None:
    await link(update, context, callback.int_arg())


async def link(update: Update, context: WerkbotContext, board_id: int) -> None:
    """Link, then say who in the group is not on the board: they will read its results."""
    t = context.t
    chat = update.effective_chat
    assert chat is not None
    try:
        board = await groups.link(context.db, context.me.id, board_id, chat.id)
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return
    members = await boards.holders_of_board(context.db, board.id)
    try:
        outsiders, unseen, on_board = await _composition(context, chat.id, members)
    except TelegramError as error:  # the link stands; the linker is warned in general terms
        log.info("group %s: could not read its members (%s)", chat.id, type(error).__name__)
        outsiders, unseen, on_board = [], None, None
    await edit_or_reply(update, render_composition(board, outsiders, unseen, on_board, t))


async def _composition(
    context: WerkbotContext, chat_id: int, members: Sequence[PersonView]
) -> tuple[list[str], int, int]:
    """Who is in the group: the names of administrators not on the board (Telegram shows a
    bot only those), how many others are not on the board, and how many board members are in."""
    total = await context.bot.get_chat_member_count(chat_id) - 1  # not the bot itself
    admins = await context.bot.get_chat_administrators(chat_id)
    board_users = {p.telegram_user_id for p in members if p.telegram_user_id is not None}
    present = 0
    for user_id in board_users:
        try:
            member = await context.bot.get_chat_member(chat_id, user_id)
        except TelegramError:
            continue
        if _is_in(member):
            present += 1
    outsiders = [
        a.user.full_name
        for a in admins
        if not a.user.is_bot and a.user.id not in board_users and _is_in(a)
    ]
    unseen = max(total - present - len(outsiders), 0)
    return outsiders, unseen, present


def _is_in(member: ChatMember) -> bool:
    return member.status in IN_GROUP or (
        member.status == ChatMemberStatus.RESTRICTED and bool(getattr(member, "is_member", False))
    )


async def bot_membership_changed(update: Update, context: WerkbotContext) -> None:
    """The bot was removed from a group or left it: a board linked to it is unlinked, and its
    secretary and chair are told privately."""
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    if change.new_chat_member.status not in GONE:
        return
    default = context.settings.default_language

    def notify(board: BoardRef, officers: Sequence[PersonView]) -> list[outbox.Outgoing]:
        return [
            outbox.Outgoing(
                f"unlinked:{board.id}:{officer.id}:{uuid.uuid4().hex}",
                officer.telegram_user_id,
                render_unlinked(board, translator(officer.chosen_language or default)),
                person_id=officer.id,
            )
            for officer in officers
            if officer.telegram_user_id is not None
        ]

    board = await groups.unlink_chat(context.db, change.chat.id, notify)
    if board is not None:
        log.info("board %s: its group was left or removed; unlinked", board.id)
        await context.services.deliver()


async def group_migrated(update: Update, context: WerkbotContext) -> None:
    """A group became a supergroup (a new chat id): the board's link moves with it."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        moved = await groups.migrate(context.db, message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        moved = await groups.migrate(context.db, message.migrate_from_chat_id, message.chat.id)
    else:
        return
    if moved is not None:
        log.info("board %s: its group moved to a supergroup", moved.id)


async def newcomers(update: Update, context: WerkbotContext) -> None:
    """People who join a linked group and hold no seat on its board are named in the group:
    from now on they read the board's results and named tallies."""
    message = update.effective_message
    if message is None or not message.new_chat_members:
        return
    board = await groups.board_of_group(context.db, message.chat.id)
    if board is None:
        return
    on_board = {p.telegram_user_id for p in await boards.holders_of_board(context.db, board.id)}
    names = [
        user.full_name
        for user in message.new_chat_members
        if not user.is_bot and user.id not in on_board
    ]
    if names:
        await reply(update, render_newcomers(board, names, context.t))
