"""A board's Telegram group: linked by the secretary or the chair, unlinked when the bot is
removed from it, moved when Telegram turns the group into a supergroup.

Everyone in a linked group reads the board's results and named tallies, so a link is made
only by the board's own officers, and it ends as soon as the bot is no longer in the group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import Board
from bot.services import audit, outbox
from bot.services.boards import OFFICER_ROLES, board_ref, holders, load_board, officer_boards
from bot.services.errors import Refusal, ServiceError
from bot.services.people import view as people_view
from bot.services.views import BoardRef, PersonView


async def link(db: Database, person_id: int, board_id: int, chat_id: int) -> BoardRef:
    """Link a Telegram group to a board: only its secretary or chair may, and a group serves
    one board."""
    if board_id not in {b.id for b in await officer_boards(db, person_id)}:
        raise ServiceError(Refusal.NOT_LINKER, board=board_id)
    async with db.transaction() as session:
        other = await session.scalar(select(Board).where(Board.group_chat_id == chat_id))
        if other is not None and other.id != board_id:
            raise ServiceError(Refusal.GROUP_LINKED_ELSEWHERE, board=other.name)
        board = await load_board(session, board_id)
        board.group_chat_id = chat_id
        await audit.append(session, "group_linked", board.id, by=person_id)
        return board_ref(board)


async def board_of_group(db: Database, chat_id: int) -> BoardRef | None:
    async with db.reading() as session:
        board = await session.scalar(select(Board).where(Board.group_chat_id == chat_id))
        return board_ref(board) if board else None


Notify = Callable[[BoardRef, Sequence[PersonView]], list[outbox.Outgoing]]


async def _officers(session: AsyncSession, board: Board) -> list[PersonView]:
    seats = [s.id for s in board.seats if s.role in OFFICER_ROLES]
    held = await holders(session, seats)
    return [people_view(p, "nl") for p in {p.id: p for p in held.values()}.values()]


async def unlink_chat(db: Database, chat_id: int, notify: Notify) -> BoardRef | None:
    """The bot left or was removed from the chat: the board linked to it (if any) is no longer,
    and its secretary and chair are told (their messages in the same transaction)."""
    async with db.transaction() as session:
        board_id = await session.scalar(select(Board.id).where(Board.group_chat_id == chat_id))
        if board_id is None:
            return None
        board = await load_board(session, board_id)
        board.group_chat_id = None
        await audit.append(session, "group_unlinked", board.id)
        ref = board_ref(board)
        await outbox.add(session, notify(ref, await _officers(session, board)))
        return ref


async def migrate(db: Database, old_chat_id: int, new_chat_id: int) -> BoardRef | None:
    """Telegram turned the group into a supergroup with a new id: the link moves with it."""
    async with db.transaction() as session:
        board = await session.scalar(select(Board).where(Board.group_chat_id == old_chat_id))
        if board is None:
            return None
        board.group_chat_id = new_chat_id
        await audit.append(session, "group_moved", board.id)
        return board_ref(board)
